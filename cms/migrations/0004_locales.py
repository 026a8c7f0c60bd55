"""Locales for Wagtail's own i18n: Persian holds every page made so far, English is there
for translations (Wagtail's simple_translation copies a page into it).

Wagtail makes its first Locale from LANGUAGE_CODE when the database is created; a database
created under another LANGUAGE_CODE has its pages in that locale, and they are Persian all
the same, so that locale becomes "fa".

Editors and moderators may translate ("Translate" in the page's menu, simple_translation):
the permission is made here, as Wagtail's own migrations make theirs, so that it exists before
post_migrate would create it."""

from django.db import migrations


def set_up_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")

    persian = Locale.objects.filter(language_code="fa").first()
    if persian is None:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        persian = site.root_page.locale if site else Locale.objects.order_by("pk").first()
        if persian is None:
            persian = Locale.objects.create(language_code="fa")
        else:
            persian.language_code = "fa"
            persian.save(update_fields=["language_code"])
    english, _created = Locale.objects.get_or_create(language_code="en")

    # Pages left in any other locale were written in Persian before translations existed.
    persian_keys = Page.objects.filter(locale=persian).values("translation_key")
    Page.objects.exclude(locale__in=[persian, english]).exclude(
        translation_key__in=persian_keys
    ).update(locale=persian)


def let_editors_translate(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")

    content_type, _created = ContentType.objects.get_or_create(
        app_label="simple_translation", model="simpletranslation"
    )
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type,
        codename="submit_translation",
        defaults={"name": "Can submit translations"},
    )
    for group in Group.objects.filter(name__in=["Editors", "Moderators"]):
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0003_pages"),
        ("wagtailcore", "0098_apitoken"),
        ("simple_translation", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(set_up_locales, migrations.RunPython.noop),
        migrations.RunPython(let_editors_translate, migrations.RunPython.noop),
    ]
