from django.db import migrations

HERO_TEXT = (
    "<p>محصولات دست‌ساز تولیدکنندگان خانگی دارای مجوز از سراسر ایران: فرش و گلیم، "
    "گیوه، چرم، نمد، خاتم، میوه خشک، گیاهان دارویی و خدمات دیجیتال. "
    "یک سبد خرید برای همه تولیدکنندگان، پرداخت با زرین‌پال.</p>"
)


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("cms.HomePage")
    Locale = apps.get_model("wagtailcore.Locale")

    # Replace the placeholder page that wagtailcore's initial data creates.
    page_type = ContentType.objects.get(model="page", app_label="wagtailcore")
    Page.objects.filter(content_type=page_type, slug="home", depth=2).delete()

    home_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="cms")
    homepage = HomePage.objects.create(
        title="دست‌ساز",
        draft_title="دست‌ساز",
        slug="home",
        content_type=home_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        hero_title="بازار تولیدکنندگان خانگی ایران",
        hero_text=HERO_TEXT,
        featured_count=12,
        locale=Locale.objects.order_by("pk").first(),
    )
    Site.objects.update_or_create(
        hostname="localhost",
        defaults={"root_page": homepage, "is_default_site": True, "site_name": "دست‌ساز"},
    )


def remove_homepage(apps, schema_editor):
    apps.get_model("cms.HomePage").objects.filter(slug="home", depth=2).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
