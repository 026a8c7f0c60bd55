"""The demo's CMS content (shop.demo.cms, run by load_demo): every page type, a home page
with every block, published, and the same after a second run."""

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Revision, Site

from catalog.models import Product
from cms.blocks import BaseStreamBlock
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
from cms.training import suggested_training
from sellers.models import Partner

pytestmark = pytest.mark.django_db

PAGE_TYPES = {
    NewsIndexPage: 1,
    NewsPage: 3,
    TrainingIndexPage: 1,
    TrainingPage: 3,
    StoryIndexPage: 1,
    ProducerStoryPage: 3,
    ContentPage: 4,  # about, FAQ, terms, privacy
}


def cms_counts():
    counts = {model.__name__: model.objects.live().count() for model in PAGE_TYPES}
    counts.update(
        all_pages=HomePage.objects.first().get_descendants().count(),
        revisions=Revision.objects.count(),
        images=get_image_model().objects.count(),
        documents=get_document_model().objects.count(),
        exhibition_content=ExhibitionContent.objects.count(),
    )
    return counts


def test_the_demo_content_is_complete_believable_and_loaded_once(reference_data):
    """One load_demo (about a minute) for every check below, then a second run that adds
    nothing."""
    call_command("load_demo", "--no-progress", "--products", "40")
    demo = HomePage.objects.first()
    home_page_uses_every_block_with_real_products_and_producers(demo)
    news_training_and_stories_are_believable(demo)
    navigation_footer_and_the_fairs_words_are_set(demo)
    a_producer_whose_licence_ran_out_is_offered_the_licence_lesson(demo)
    every_page_type_published_once_and_nothing_added_the_second_time()


def every_page_type_published_once_and_nothing_added_the_second_time():
    first = cms_counts()
    call_command("load_demo", "--no-progress", "--products", "40")
    assert cms_counts() == first
    assert {name: first[name] for name in (m.__name__ for m in PAGE_TYPES)} == {
        model.__name__: count for model, count in PAGE_TYPES.items()
    }
    assert first["all_pages"] == sum(PAGE_TYPES.values())
    for model in PAGE_TYPES:
        for page in model.objects.all():
            assert page.live and not page.has_unpublished_changes
            assert any("\u0600" <= ch <= "\u06ff" for ch in page.title)


def home_page_uses_every_block_with_real_products_and_producers(demo):
    home = HomePage.objects.first()
    assert home.live and not home.has_unpublished_changes and home.hero_image is not None
    blocks = {block.block_type: block.value for block in home.body}
    assert set(blocks) == set(BaseStreamBlock.base_blocks)
    assert {b.value["kind"] for b in home.body if b.block_type == "latest"} == {
        "news",
        "stories",
        "training",
    }
    chosen = [product.pk for product in blocks["products"]["products"]]
    assert len(chosen) == 4
    assert Product.objects.filter(pk__in=chosen, is_public=True).count() == 4
    producers = blocks["producers"]["producers"]
    assert producers and all(p.is_selling for p in producers)
    assert len(blocks["crafts"]["crafts"]) == 6
    public = Product.objects.filter(is_public=True)
    assert public.filter(categories__code=blocks["craft_products"]["craft"]).exists()
    province = blocks["province_products"]["province"]
    assert public.filter(stockrecords__partner__province__code=province).exists()
    assert blocks["image"]["image"].file and blocks["image"]["caption"]
    assert len(blocks["faq"]["questions"]) >= 3


def news_training_and_stories_are_believable(demo):
    today = timezone.localdate()
    for news in NewsPage.objects.all():
        assert news.date <= today and news.tags.exists() and news.cover and len(news.body)
    topics = set(TrainingPage.objects.values_list("topic", flat=True))
    assert topics == {"pricing", "photography", "licence"}
    pricing = TrainingPage.objects.get(topic="pricing")
    (attachment,) = pricing.attachments
    with attachment.value.file.open("rb") as document:
        assert "قیمت".encode() in document.read()
    producers = [story.producer for story in ProducerStoryPage.objects.all()]
    assert len(set(producers)) == 3
    assert all(p.code.startswith("demo-") and p.is_selling for p in producers)
    faq = ContentPage.objects.get(slug="faq")
    assert [block.block_type for block in faq.body] == ["faq"]
    assert {"about", "terms", "privacy"} <= set(ContentPage.objects.values_list("slug", flat=True))


def navigation_footer_and_the_fairs_words_are_set(demo):
    navigation = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    pages = [link.value["page"] for link in navigation.header_links if link.value["page"]]
    assert {type(page.specific) for page in pages} >= {NewsIndexPage, TrainingIndexPage}
    assert len(navigation.footer_columns) == 3 and navigation.footer_text
    content = ExhibitionContent.objects.get(exhibition__slug="isfahan-nowruz-fair")
    assert content.live and content.live_revision is not None and len(content.body)


def a_producer_whose_licence_ran_out_is_offered_the_licence_lesson(demo):
    expired = Partner.objects.filter(
        code__startswith="demo-", licence_expires_on__lt=timezone.localdate()
    ).first()
    lessons = [suggestion.page.topic for suggestion in suggested_training(expired)]
    assert lessons[0] == "licence"
