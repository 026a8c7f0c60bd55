"""The CMS pages (Wagtail), in index/detail pairs after Wagtail's bakerydemo: the home page,
news, training for producers, producer stories, plain content pages (about, FAQ, terms,
privacy), the site's navigation and footer, and the words an organizer's exhibition page
carries. Every body is one BaseStreamBlock (cms.blocks)."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import Tag, TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import DraftStateMixin, Page, RevisionMixin, Site
from wagtail.search import index

from . import block_data, selectors
from .blocks import BaseStreamBlock

EXHIBITIONS_SHOWN = 3


class BasePage(Page):
    """Every CMS page: Wagtail's SEO title and description, plus an Open Graph image."""

    og_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("image when shared"),
        help_text=_("Shown when the page is shared on social networks; the cover otherwise."),
    )

    promote_panels = Page.promote_panels + [FieldPanel("og_image")]
    # Open Graph's type: a page of the site, or an article (news, training, stories).
    og_type = "website"

    class Meta:
        abstract = True

    def share_image(self):
        return self.og_image or getattr(self, "cover", None)

    def serve(self, request, *args, **kwargs):
        """The visitor's language comes from a cookie, not the URL, so a Persian page is
        answered by its live translation in the visitor's language when there is one.
        Persian visitors are routed within the Persian tree: no lookup for them."""
        if translation.get_language() != settings.LANGUAGE_CODE:
            translated = self.localized
            if translated.pk != self.pk:
                return translated.specific.serve(request, *args, **kwargs)
        return super().serve(request, *args, **kwargs)

    def block_images(self):
        """Images the page shows besides its body's, as (image id, rendition spec) pairs:
        their renditions come with the body's block data."""
        return ()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if hasattr(self, "body"):
            # Everything the body's blocks show, one query per kind (cms.block_data).
            context["block_data"] = block_data.for_page(self, request, self.block_images())
        return context


class HomePage(BasePage):
    """The storefront's front page: a hero written by staff, then blocks the editors arrange
    (featured crafts, products by province, exhibitions, latest stories and news…)."""

    hero_title = models.CharField(_("hero title"), max_length=200, blank=True)
    hero_text = RichTextField(_("hero text"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("hero image"),
    )
    featured_count = models.PositiveSmallIntegerField(_("new products shown"), default=12)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("hero_title"), FieldPanel("hero_text"), FieldPanel("hero_image")],
            heading=_("hero"),
        ),
        FieldPanel("body"),
        FieldPanel("featured_count"),
    ]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """Wagtail routes an English visitor from the English home (a translation of the
        site root); a page not translated (yet) is found in the Persian tree instead."""
        try:
            return super().route(request, path_components)
        except Http404:
            site = Site.find_for_request(request)
            if site is None or site.root_page_id == self.pk:
                raise
            return site.root_page.specific.route(request, path_components)

    def block_images(self):
        return [(self.hero_image_id, block_data.HERO_SPEC)] if self.hero_image_id else []

    def share_image(self):
        return self.og_image or self.hero_image

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        hero = context["block_data"].image(self.hero_image_id, block_data.HERO_SPEC)
        context["hero_picture"] = hero
        context["producer_count"], context["province_count"] = selectors.marketplace_size()
        if not self.body:
            # A fresh site's home, before editors arrange blocks: the fixed sections.
            context["craft_groups"] = selectors.craft_groups()
            context["new_products"] = selectors.new_products(self.featured_count)
            context["exhibitions"] = selectors.exhibitions_to_visit(EXHIBITIONS_SHOWN)
        return context


class IndexPage(BasePage):
    """A list of its children, newest first, a page at a time; subclasses say which
    children (`get_items`) and which filters the visitor may choose (`filter_items`)."""

    intro = RichTextField(_("introduction"), blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    children_per_page = 12

    class Meta:
        abstract = True

    def get_items(self):
        raise NotImplementedError

    def live_children(self, model):
        """Live public children of one type, with their cover and its renditions at hand
        (one query each, whatever the number of children)."""
        return (
            model.objects.live()
            .public()
            .child_of(self)
            .select_related("cover")
            .prefetch_related("cover__renditions")
        )

    def filter_items(self, items, request):
        """The visitor's filters from the query string: (items, {name: chosen value})."""
        return items, {}

    def filter_link(self, chosen, **changes):
        """This index's address with the chosen filters changed (None drops one)."""
        query = urlencode({name: value for name, value in {**chosen, **changes}.items() if value})
        return f"{self.url}?{query}" if query else self.url

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items, chosen = self.filter_items(self.get_items(), request)
        page = Paginator(items, self.children_per_page).get_page(request.GET.get("page"))
        context.update(
            items=page.object_list, page_obj=page, paginator=page.paginator, chosen=chosen
        )
        return context


class NewsIndexPage(IndexPage):
    subpage_types = ["cms.NewsPage"]
    max_count = 1

    class Meta:
        verbose_name = _("news index")

    def get_items(self):
        return (
            self.live_children(NewsPage)
            .prefetch_related("tagged_items__tag")
            .order_by("-date", "-pk")
        )

    def filter_items(self, items, request):
        tag = request.GET.get("tag", "").strip()[:100]
        if not tag:
            return items, {}
        return items.filter(tags__name=tag), {"tag": tag}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        chosen = context["chosen"].get("tag")
        context["tag_links"] = [
            (tag.name, self.filter_link({}, tag=tag.name), tag.name == chosen)
            for tag in self.tags()
        ]
        context["all_tags_link"] = self.url
        return context

    def tags(self):
        """The tags of this index's live news, by name: one query."""
        news = NewsPage.objects.live().public().child_of(self).values("pk")
        return (
            Tag.objects.filter(cms_newspagetag_items__content_object__in=news)
            .distinct()
            .order_by("name")
        )


class ArticlePage(BasePage):
    """A page with a summary, a cover image and a body: news, training, producer stories."""

    intro = models.TextField(_("summary"), blank=True)
    cover = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("cover image"),
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    og_type = "article"

    class Meta:
        abstract = True


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "cms.NewsPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsPage(ArticlePage):
    date = models.DateField(_("date"))
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("tags"))

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("cover"),
        FieldPanel("tags"),
        FieldPanel("body"),
    ]
    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news")
        verbose_name_plural = _("news")


class TrainingIndexPage(IndexPage):
    subpage_types = ["cms.TrainingPage"]
    max_count = 1

    class Meta:
        verbose_name = _("training index")

    def get_items(self):
        return self.live_children(TrainingPage).order_by("-first_published_at", "-pk")

    def filter_items(self, items, request):
        chosen = {}
        topic = request.GET.get("topic")
        if topic in TrainingPage.Topic.values:
            items, chosen["topic"] = items.filter(topic=topic), topic
        level = request.GET.get("level")
        if level in TrainingPage.Level.values:
            items, chosen["level"] = items.filter(level=level), level
        return items, chosen

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        chosen = context["chosen"]
        for name, choices in (("topic", TrainingPage.Topic), ("level", TrainingPage.Level)):
            context[f"{name}_links"] = [
                (_("All"), self.filter_link(chosen, **{name: None}), name not in chosen),
                *(
                    (label, self.filter_link(chosen, **{name: value}), chosen.get(name) == value)
                    for value, label in choices.choices
                ),
            ]
        return context


class TrainingPage(ArticlePage):
    """A lesson for producers. Its topic and crafts let the seller panel suggest it to a
    producer who lacks something (no photos, slow shipping, a licence expiring)."""

    class Topic(models.TextChoices):
        PRICING = "pricing", _("pricing")
        PHOTOGRAPHY = "photography", _("photographing products")
        PACKAGING = "packaging", _("packaging")
        SHIPPING = "shipping", _("shipping")
        LICENCE = "licence", _("home-business licence")
        SELLING = "selling", _("selling online")

    class Level(models.TextChoices):
        BEGINNER = "beginner", _("beginner")
        INTERMEDIATE = "intermediate", _("intermediate")
        ADVANCED = "advanced", _("advanced")

    topic = models.CharField(_("topic"), max_length=16, choices=Topic.choices)
    level = models.CharField(
        _("level"), max_length=16, choices=Level.choices, default=Level.BEGINNER
    )
    crafts = ParentalManyToManyField(
        "catalogue.Category",
        blank=True,
        related_name="+",
        verbose_name=_("crafts"),
        help_text=_("Leave empty if the lesson is for every craft."),
    )
    attachments = StreamField(
        [("document", DocumentChooserBlock(label=_("document")))],
        blank=True,
        verbose_name=_("attachments"),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("topic"), FieldPanel("level"), FieldPanel("crafts")],
            heading=_("for whom"),
        ),
        FieldPanel("intro"),
        FieldPanel("cover"),
        FieldPanel("body"),
        FieldPanel("attachments"),
    ]
    parent_page_types = ["cms.TrainingIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("training")


class StoryIndexPage(IndexPage):
    subpage_types = ["cms.ProducerStoryPage"]
    max_count = 1

    class Meta:
        verbose_name = _("producer stories index")

    def get_items(self):
        return (
            self.live_children(ProducerStoryPage)
            .select_related("producer__province")
            .order_by("-first_published_at", "-pk")
        )


class ProducerStoryPage(ArticlePage):
    """A producer's story, followed by their products (while they may sell)."""

    producer = models.ForeignKey(
        "partner.Partner",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stories",
        verbose_name=_("producer"),
    )

    content_panels = Page.content_panels + [
        FieldPanel("producer"),
        FieldPanel("intro"),
        FieldPanel("cover"),
        FieldPanel("body"),
    ]
    parent_page_types = ["cms.StoryIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("producer story")
        verbose_name_plural = _("producer stories")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["products"] = selectors.producer_products(self.producer)
        return context


class ContentPage(BasePage):
    """About, questions, terms, privacy: a title and a body."""

    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))
    content_panels = Page.content_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]
    subpage_types = ["cms.ContentPage"]

    class Meta:
        verbose_name = _("content page")


class LinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("label"))
    page = blocks.PageChooserBlock(required=False, label=_("page"))
    url = blocks.CharBlock(
        required=False, label=_("or an address"), help_text=_("e.g. /exhibitions/")
    )

    class Meta:
        icon = "link"


class FooterColumnBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"))
    links = blocks.ListBlock(LinkBlock(), label=_("links"))

    class Meta:
        icon = "list-ul"


@register_setting(icon="list-ul")
class NavigationSettings(BaseSiteSetting):
    """The header's links and the footer, edited in Wagtail (Settings → Navigation)."""

    header_links = StreamField([("link", LinkBlock())], blank=True, verbose_name=_("header links"))
    footer_columns = StreamField(
        [("column", FooterColumnBlock())], blank=True, verbose_name=_("footer columns")
    )
    footer_text = RichTextField(_("footer text"), blank=True)

    panels = [FieldPanel("header_links"), FieldPanel("footer_columns"), FieldPanel("footer_text")]

    class Meta:
        verbose_name = _("navigation and footer")


class ExhibitionContent(DraftStateMixin, RevisionMixin, models.Model):
    """What the exhibition's page says beyond its facts: written by staff in Wagtail,
    drafted and published like a page (a snippet)."""

    exhibition = models.OneToOneField(
        "exhibitions.Exhibition",
        on_delete=models.CASCADE,
        related_name="content",
        verbose_name=_("exhibition"),
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    panels = [FieldPanel("exhibition"), FieldPanel("body")]

    class Meta:
        verbose_name = _("exhibition content")
        verbose_name_plural = _("exhibition content")

    def __str__(self):
        return str(self.exhibition)
