import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from wagtail.documents.models import Document
from wagtail.images.models import Image

from cms.models import (
    ContentPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    ProducerStoryPage,
    StoryIndexPage,
    TrainingIndexPage,
    TrainingPage,
)
from tests.factories import jpeg_bytes


def publish(parent, page):
    """Add `page` under `parent` and publish it, as an editor would."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def wagtail_image(title="جلد", size=(1600, 900)):
    return Image.objects.create(
        title=title, file=ImageFile(io.BytesIO(jpeg_bytes(size)), name="cover.jpg")
    )


def wagtail_document(title="راهنمای بسته‌بندی", size=2048):
    return Document.objects.create(
        title=title, file=ContentFile(b"%" * size, name="packaging-guide.pdf")
    )


@pytest.fixture
def home(reference_data):
    return HomePage.objects.first()


@pytest.fixture
def news_index(home):
    return publish(home, NewsIndexPage(title="اخبار", slug="news"))


@pytest.fixture
def training_index(home):
    return publish(home, TrainingIndexPage(title="آموزش", slug="training"))


@pytest.fixture
def story_index(home):
    return publish(home, StoryIndexPage(title="داستان تولیدکنندگان", slug="stories"))


def news(index, title="خبر نمایشگاه", date=datetime.date(2025, 3, 21), tags=(), **fields):
    page = NewsPage(title=title, date=date, intro="خلاصه خبر", **fields)
    page.tags.add(*tags)
    return publish(index, page)


def training(index, title="قیمت‌گذاری کار دستی", topic="pricing", level="beginner", **fields):
    return publish(index, TrainingPage(title=title, topic=topic, level=level, **fields))


def story(index, producer, title="داستان یک کارگاه", **fields):
    return publish(index, ProducerStoryPage(title=title, producer=producer, **fields))


def content(parent, title="درباره ما", slug="about", **fields):
    return publish(parent, ContentPage(title=title, slug=slug, **fields))
