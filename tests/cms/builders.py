"""Wagtail content for tests: images, news, and a home page body holding every block."""

import datetime
import io

from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Collection

from cms.models import HomePage, NewsIndexPage, NewsPage
from shop.persian.digits import to_persian_digits
from tests.factories import jpeg_bytes


def wagtail_image(title="تصویر کارگاه", colour=(120, 80, 40)):
    if Collection.get_first_root_node() is None:  # a browser test's flush removed it
        Collection.add_root(name="Root")
    return get_image_model().objects.create(
        title=title, file=ImageFile(io.BytesIO(jpeg_bytes(colour=colour)), name="cms.jpg")
    )


def home_page():
    return HomePage.objects.first()


def publish(page, **fields):
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def news(home, count=3, cover=None):
    """`count` published news items under a news index (made if missing), newest first."""
    index = NewsIndexPage.objects.first()
    if index is None:
        index = home.add_child(instance=NewsIndexPage(title="اخبار", slug="news"))
        index.save_revision().publish()
    today = timezone.localdate()
    items = []
    for n in range(count):
        item = index.add_child(
            instance=NewsPage(
                title=f"خبر شماره {to_persian_digits(n + 1)}",
                slug=f"news-{n + 1}-{NewsPage.objects.count()}",
                date=today - datetime.timedelta(days=n),
                intro="بازارچه تازه‌ای برای تولیدکنندگان خانگی باز شد.",
                cover=cover,
            )
        )
        item.save_revision().publish()
        items.append(item)
    return items


KINDS = ["news", "stories", "training"]


def block(kind, value):
    return {"type": kind, "value": value}


def every_block(products, producers, image, copies=2):
    """A body with every block type, `copies` of each (the raw form Wagtail stores)."""
    body = []
    for n in range(copies):
        body += [
            block("heading", {"text": f"سرتیتر {to_persian_digits(n)}", "size": "h2"}),
            block("paragraph", f"<p>متن شماره {to_persian_digits(n)} دربارهٔ دست‌سازها.</p>"),
            block("image", {"image": image.pk, "caption": "کارگاه خاتم", "attribution": "زهرا"}),
            block("quote", {"text": "هر گره یک داستان است.", "attribute_name": "مریم"}),
            block("products", {"title": "برگزیده‌ها", "products": [p.pk for p in products]}),
            block("craft_products", {"title": "", "craft": "khatam", "count": 4 + n}),
            block("province_products", {"title": "", "province": "ISF", "count": 4 + n}),
            block("producers", {"title": "تولیدکنندگان", "producers": [p.pk for p in producers]}),
            block("crafts", {"title": "هنرها", "crafts": ["khatam", "kilim"]}),
            block("exhibitions", {"title": "", "show": ["both", "running"][n % 2], "count": 3}),
            block("latest", {"title": "", "kind": KINDS[n % 3], "count": 3}),
            block(
                "faq",
                {
                    "title": "پرسش‌ها",
                    "questions": [
                        {"question": "ارسال چند روز است؟", "answer": "<p>سه روز کاری.</p>"},
                        {"question": "مجوز لازم است؟", "answer": "<p>بله.</p>"},
                    ],
                },
            ),
        ]
    return body
