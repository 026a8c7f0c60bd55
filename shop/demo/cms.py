"""Demo CMS content: a home page whose body uses every block, three news items, three
training lessons (one with a worksheet attached), three producer stories, about / FAQ /
terms / privacy pages, the navigation and footer, and the words of the Nowruz fair's page.

Idempotent: pages are found by their slug under their parent, pictures and documents by
their title, and only what is missing is added; the home page's body, the navigation and the
exhibition's words are written only while empty, so an editor's changes are kept. Every page
is published through a revision, as an editor would.
"""

import datetime
import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from catalog.models import Category, Product
from cms.models import (
    ContentPage,
    ExhibitionContent,
    HomePage,
    NavigationSettings,
    NewsIndexPage,
    NewsPage,
    ProducerStoryPage,
    StoryIndexPage,
    TrainingIndexPage,
    TrainingPage,
)
from exhibitions.models import BoothApplication, Exhibition
from insights.crafts import CRAFT_DEPTH
from sellers.models import Partner

from . import cms_texts as texts
from .exhibitions import FAIR_SLUG
from .images import draw_picture

PICTURES = {
    "carpet": "نقش فرش دستباف",
    "handicraft": "نقش خاتم و کاشی",
    "food": "میوه خشک خانگی",
    "plant": "گلدان‌های پرورش خانگی",
    "digital_service": "خدمات دیجیتال کسب‌وکارهای خانگی",
}
FEATURED_CRAFTS = 6
CHOSEN = 4


def ensure_cms_content(today=None):
    today = today or timezone.localdate()
    with transaction.atomic():
        pictures = {kind: ensure_picture(kind, title) for kind, title in PICTURES.items()}
        home = ensure_home(pictures["carpet"])
        news = ensure_news(home, pictures, today)
        training = ensure_training(home, pictures)
        stories = ensure_stories(home, pictures)
        about, faq, terms, privacy = ensure_content_pages(home)
        ensure_home_body(home, pictures["handicraft"])
        ensure_navigation(home, news, training, stories, (about, faq, terms, privacy))
        ensure_exhibition_content()
    return home


# --- Building blocks ------------------------------------------------------------------------


def ensure_picture(kind, title):
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None:
        buffer = io.BytesIO()
        draw_picture(kind, f"cms-{kind}").save(buffer, "JPEG", quality=82, optimize=True)
        image = Image(title=title, file=ImageFile(buffer, name=f"demo-cms-{kind}.jpg"))
        image.save()
    return image


def ensure_document(title, name, text):
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        # A byte-order mark, so spreadsheet programs read the Persian as UTF-8.
        data = ("\ufeff" + text).encode("utf-8")
        document = Document(title=title, file=ContentFile(data, name=name))
        document.save()
    return document


def ensure_child(parent, model, slug, relations=None, **fields):
    """The published child page `slug` of `parent`, created if missing. `relations(page)`
    sets many-to-many fields (tags, crafts) before the first revision."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = parent.add_child(instance=model(slug=slug, **fields))
    if relations:
        relations(page)
    page.save_revision().publish()
    return page


def paragraphs(*html):
    return [{"type": "paragraph", "value": text} for text in html]


def link(label, page=None, url=""):
    return {"label": label, "page": page.pk if page else None, "url": url}


# --- Pages -------------------------------------------------------------------------------


def ensure_home(hero_image):
    home = HomePage.objects.first()
    if home is None:  # after a flush (browser tests): the migration's home page again
        root = Page.get_first_root_node()
        home = root.add_child(
            instance=HomePage(title="دست‌ساز", slug="home", hero_title=texts.HOME_TITLE)
        )
        home.save_revision().publish()
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "localhost", "root_page": home, "site_name": "دست‌ساز"},
        )
    if home.hero_image_id is None:
        home.hero_image = hero_image
        home.save_revision().publish()
    return home


def ensure_news(home, pictures, today):
    index = ensure_child(
        home,
        NewsIndexPage,
        "news",
        title="اخبار",
        intro="<p>خبرهای نمایشگاه‌ها، مجوزها و بازار تولیدکنندگان خانگی.</p>",
    )
    covers = [pictures["handicraft"], pictures["food"], pictures["carpet"]]
    for (slug, days_ago, title, intro, tags, body), cover in zip(texts.NEWS, covers, strict=True):
        ensure_child(
            index,
            NewsPage,
            slug,
            relations=lambda page, tags=tags: page.tags.add(*tags),
            title=title,
            date=today - datetime.timedelta(days=days_ago),
            intro=intro,
            cover=cover,
            body=paragraphs(*body),
        )
    return index


def ensure_training(home, pictures):
    index = ensure_child(
        home,
        TrainingIndexPage,
        "training",
        title="آموزش تولیدکنندگان",
        intro="<p>درس‌های کوتاه برای فروش بهتر: قیمت‌گذاری، عکاسی، بسته‌بندی، ارسال و مجوز.</p>",
    )
    worksheet = ensure_document(
        "کاربرگ قیمت‌گذاری محصول", texts.PRICING_WORKSHEET_NAME, texts.PRICING_WORKSHEET
    )
    covers = {"pricing": "food", "photography": "handicraft", "licence": "digital_service"}
    for slug, topic, level, title, intro, body in texts.TRAINING:
        attachments = [{"type": "document", "value": worksheet.pk}] if topic == "pricing" else []
        ensure_child(
            index,
            TrainingPage,
            slug,
            title=title,
            topic=topic,
            level=level,
            intro=intro,
            cover=pictures[covers[topic]],
            body=paragraphs(*body),
            attachments=attachments,
        )
    return index


def craft_of(producer):
    return (
        Category.objects.filter(depth=CRAFT_DEPTH, product__stockrecords__partner=producer)
        .order_by("path")
        .first()
    )


def story_producers():
    return list(
        Partner.objects.filter(code__startswith="demo-", is_selling=True)
        .select_related("province")
        .prefetch_related("users")
        .order_by("code")[:3]
    )


def ensure_stories(home, pictures):
    index = ensure_child(
        home,
        StoryIndexPage,
        "stories",
        title="داستان تولیدکنندگان",
        intro="<p>کسانی که محصولات دست‌ساز را در خانه‌هایشان می‌سازند.</p>",
    )
    for producer in story_producers():
        user = producer.users.first()
        maker = user.get_full_name() if user else producer.name
        craft = craft_of(producer)
        values = {
            "maker": maker,
            "workshop": producer.name,
            "craft": craft.name if craft else "کار دست",
            "place": producer.province.name_fa,
        }
        body = paragraphs(*(p.format(**values) for p in texts.STORY_PARAGRAPHS))
        body.append(
            {"type": "quote", "value": {"text": texts.STORY_QUOTE, "attribute_name": maker}}
        )
        kind = craft.get_root().code if craft else "handicraft"
        ensure_child(
            index,
            ProducerStoryPage,
            f"story-{producer.slug}",
            title=f"{maker}؛ {values['craft']} در {values['place']}",
            producer=producer,
            intro=producer.story,
            cover=pictures.get(kind, pictures["handicraft"]),
            body=body,
        )
    return index


def ensure_content_pages(home):
    pages = [
        ensure_child(home, ContentPage, slug, title=title, body=paragraphs(*body))
        for slug, title, body in (texts.ABOUT, texts.TERMS, texts.PRIVACY)
    ]
    faq = ensure_child(
        home,
        ContentPage,
        texts.FAQ_SLUG,
        title=texts.FAQ_TITLE,
        body=[{"type": "faq", "value": faq_block("")}],
    )
    about, terms, privacy = pages
    return about, faq, terms, privacy


def faq_block(title):
    questions = [{"question": q, "answer": a} for q, a in texts.FAQ]
    return {"title": title, "questions": questions}


# --- The home page's body: every block type -----------------------------------------------


def chosen_products():
    return list(
        Product.objects.filter(
            upc__startswith="DZ", is_public=True, stockrecords__partner__is_selling=True
        )
        .order_by("upc")
        .values_list("pk", flat=True)[:CHOSEN]
    )


def featured_crafts():
    codes = (
        Category.objects.filter(depth=CRAFT_DEPTH, product__upc__startswith="DZ")
        .order_by("path")
        .values_list("code", flat=True)
        .distinct()
    )
    return list(codes[:FEATURED_CRAFTS])


def home_body(image):
    producers = story_producers()
    products = chosen_products()
    crafts = featured_crafts()
    first = producers[0] if producers else None
    craft = craft_of(first) if first else None
    craft_code, craft_name = (craft.code, craft.name) if craft else ("khatam", "خاتم‌کاری")
    province = first.province.code if first else "ISF"
    quote, said_by = texts.HOME_QUOTE
    blocks = [
        ("heading", {"text": "از خانه‌های ایران، با مجوز", "size": "h2"}),
        ("paragraph", texts.HOME_INTRO),
        ("crafts", {"title": "هنرها و حرفه‌ها", "crafts": crafts}),
        ("exhibitions", {"title": "نمایشگاه‌های باز", "show": "running", "count": 3}),
        ("province_products", {"title": "تازه‌های استان", "province": province, "count": 8}),
        (
            "image",
            {"image": image.pk, "caption": texts.HOME_IMAGE_CAPTION, "attribution": "دست‌ساز"},
        ),
        ("craft_products", {"title": f"تازه‌های {craft_name}", "craft": craft_code, "count": 8}),
        ("products", {"title": "برگزیده‌های این هفته", "products": products}),
        (
            "producers",
            {"title": "با این تولیدکنندگان آشنا شوید", "producers": [p.pk for p in producers]},
        ),
        ("quote", {"text": quote, "attribute_name": said_by}),
        ("latest", {"title": "داستان تولیدکنندگان", "kind": "stories", "count": 3}),
        ("latest", {"title": "تازه‌ترین خبرها", "kind": "news", "count": 3}),
        ("latest", {"title": "آموزش برای فروش بهتر", "kind": "training", "count": 3}),
        ("faq", faq_block("پرسش‌های پرتکرار")),
    ]
    return [{"type": kind, "value": value} for kind, value in blocks]


def ensure_home_body(home, image):
    if len(home.body):
        return
    home.body = home_body(image)
    home.save_revision().publish()


# --- Navigation and the exhibition page -------------------------------------------------


def ensure_navigation(home, news, training, stories, content_pages):
    about, faq, terms, privacy = content_pages
    site = home.get_site() or Site.objects.get(is_default_site=True)
    navigation = NavigationSettings.for_site(site)
    if len(navigation.header_links):
        return
    navigation.header_links = [
        {"type": "link", "value": value}
        for value in (
            link("نمایشگاه‌ها", url="/exhibitions/"),
            link("داستان تولیدکنندگان", stories),
            link("اخبار", news),
            link("آموزش", training),
        )
    ]
    columns = [
        ("دست‌ساز", [link("درباره ما", about), link("پرسش‌های پرتکرار", faq)]),
        ("قوانین", [link("قوانین و مقررات", terms), link("حریم خصوصی", privacy)]),
        (
            "تولیدکنندگان",
            [
                link("فروشنده شوید", url="/seller/join/"),
                link("پنل فروشندگان", url="/seller/"),
                link("آموزش تولیدکنندگان", training),
            ],
        ),
    ]
    navigation.footer_columns = [
        {"type": "column", "value": {"title": title, "links": links}} for title, links in columns
    ]
    navigation.footer_text = texts.FOOTER_TEXT
    navigation.save()


def ensure_exhibition_content():
    fair = Exhibition.objects.filter(slug=FAIR_SLUG).first()
    if fair is None or ExhibitionContent.objects.filter(exhibition=fair).exists():
        return
    exhibitors = list(
        BoothApplication.objects.filter(exhibition=fair, status=BoothApplication.Status.PAID)
        .order_by("pk")
        .values_list("producer_id", flat=True)
    )
    body = [
        {"type": "paragraph", "value": texts.EXHIBITION_PARAGRAPH},
        {"type": "quote", "value": {"text": texts.EXHIBITION_QUOTE, "attribute_name": ""}},
    ]
    if exhibitors:
        title = "غرفه‌داران این نمایشگاه"
        body.append({"type": "producers", "value": {"title": title, "producers": exhibitors}})
    content = ExhibitionContent(exhibition=fair, body=body)
    content.save()
    content.save_revision().publish()
