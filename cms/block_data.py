"""What a page body's blocks show, fetched together: one query per kind of thing for the
whole body, however many blocks ask for it.

`for_page(page, request)` reads the body's raw blocks (before Wagtail converts them), collects
every request — chosen products, a craft's or a province's newest products, producers,
crafts, exhibitions, the latest news, stories or training, images — and fetches each kind in
one query: all product cards with one `search.selectors.cards(ids)`, all crafts' newest ids
with one windowed query, and so on. Each block then takes its own items from the result in
its `get_context` (`cms.blocks`), reading it from the template context as `block_data`.

Only public things come back: cards exist for public products of selling producers only,
producers must be `is_selling`, exhibitions come from `public_exhibitions()`, pages must be
live. A block left with nothing renders nothing.

The result is cached for a minute (product and producer changes show within that), under a
key that names the page's live revision and a generation that every page publish or
unpublish moves on (`cms.signals`): a publish shows on the next request.
"""

import operator
from dataclasses import dataclass, field
from functools import reduce

from django.core.cache import cache
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    DateField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    TextField,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber, TruncDate
from django.db.models.lookups import StartsWith
from django.utils import timezone
from django.utils.translation import get_language

from catalog.models import Category, Province
from exhibitions import selectors as exhibition_selectors
from search.models import ProductDocument
from search.selectors import cards
from sellers.models import Partner

CACHE_SECONDS = 60
GENERATION_KEY = "cms:blocks:generation"
# Image renditions the block templates use (cms/templates/cms/blocks/).
IMAGE_SPEC = "width-1000"
COVER_SPEC = "fill-480x270"
HERO_SPEC = "width-1200"
CategoryLink = ProductDocument.categories.through


@dataclass
class Requests:
    """What a body's blocks ask for."""

    product_ids: set = field(default_factory=set)
    crafts: dict = field(default_factory=dict)  # craft code → most products asked for
    provinces: dict = field(default_factory=dict)  # province code → most products asked for
    craft_codes: set = field(default_factory=set)  # crafts named (featured or newest)
    producer_ids: set = field(default_factory=set)
    exhibitions: int = 0  # most asked for, of either kind
    latest: dict = field(default_factory=dict)  # kind → most asked for
    images: set = field(default_factory=set)  # (image id, rendition spec)


@dataclass
class ImageData:
    url: str
    width: int
    height: int
    alt: str


@dataclass
class PageCard:
    title: str
    url: str
    date: object
    intro: str
    image: ImageData | None


@dataclass
class CraftCard:
    code: str
    name: str
    url: str


@dataclass
class BlockData:
    """Everything the body's blocks show, keyed by what they ask for."""

    cards: dict = field(default_factory=dict)  # product id → ProductDocument
    craft_product_ids: dict = field(default_factory=dict)  # craft code → newest ids
    province_product_ids: dict = field(default_factory=dict)  # province code → newest ids
    province_names: dict = field(default_factory=dict)
    crafts: dict = field(default_factory=dict)  # craft code → CraftCard
    producers: dict = field(default_factory=dict)  # producer id → Partner
    exhibitions: list = field(default_factory=list)  # running, then coming, soonest first
    latest: dict = field(default_factory=dict)  # kind → [PageCard]
    index_urls: dict = field(default_factory=dict)  # kind → its index page's address
    images: dict = field(default_factory=dict)  # (image id, spec) → ImageData

    def image(self, image_id, spec=IMAGE_SPEC):
        return self.images.get((image_id, spec))

    def products(self, ids):
        return [self.cards[pk] for pk in ids if pk in self.cards]

    def craft_products(self, code, count):
        return self.products(self.craft_product_ids.get(code, [])[:count])

    def province_products(self, code, count):
        return self.products(self.province_product_ids.get(code, [])[:count])

    def producer_cards(self, ids):
        return [self.producers[pk] for pk in ids if pk in self.producers]

    def craft_cards(self, codes):
        return [self.crafts[code] for code in codes if code in self.crafts]

    def exhibitions_to_show(self, show, count):
        if show == "running":
            found = [e for e in self.exhibitions if e.is_open_now]
        elif show == "upcoming":
            found = [e for e in self.exhibitions if not e.is_open_now]
        else:
            found = self.exhibitions
        return found[:count]

    def latest_pages(self, kind, count):
        return self.latest.get(kind, [])[:count]


# ---- what the blocks ask for ----------------------------------------------------------


def _items(raw_list):
    """A ListBlock's raw items, in either of Wagtail's storage formats."""
    for item in raw_list or []:
        yield item["value"] if isinstance(item, dict) and item.get("type") == "item" else item


def _count(value, default):
    try:
        return int(value.get("count") or default)
    except (TypeError, ValueError):
        return default


def _ask_most(asked, key, count):
    asked[key] = max(asked.get(key, 0), count)


def collect(raw_blocks, requests=None):
    """Requests of a body's raw blocks (`StreamValue.raw_data` or a block's prep value)."""
    requests = requests or Requests()
    for block in raw_blocks or []:
        kind, value = block.get("type"), block.get("value") or {}
        if kind == "products":
            requests.product_ids.update(int(pk) for pk in _items(value.get("products")) if pk)
        elif kind == "craft_products" and value.get("craft"):
            _ask_most(requests.crafts, value["craft"], _count(value, 8))
            requests.craft_codes.add(value["craft"])
        elif kind == "province_products" and value.get("province"):
            _ask_most(requests.provinces, value["province"], _count(value, 8))
        elif kind == "producers":
            requests.producer_ids.update(int(pk) for pk in _items(value.get("producers")) if pk)
        elif kind == "crafts":
            requests.craft_codes.update(code for code in _items(value.get("crafts")) if code)
        elif kind == "exhibitions":
            requests.exhibitions = max(requests.exhibitions, _count(value, 3))
        elif kind == "latest" and value.get("kind"):
            _ask_most(requests.latest, value["kind"], _count(value, 3))
        elif kind == "image" and value.get("image"):
            requests.images.add((int(value["image"]), IMAGE_SPEC))
    return requests


# ---- fetching, one query per kind -------------------------------------------------------


def _craft_products(crafts):
    """Each craft's newest products (its own and its sub-crafts'; documents link to every
    ancestor category)."""
    if not crafts:
        return {}
    links = CategoryLink.objects.filter(
        category__code__in=crafts, productdocument__price_rials__isnull=False
    )
    newest = {}
    rows = (
        links.annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("category_id"),
                order_by=[
                    F("productdocument__date_created").desc(),
                    F("productdocument_id").desc(),
                ],
            ),
        )
        .filter(rank__lte=max(crafts.values()))
        .order_by("category__code", "rank")
        .values_list("category__code", "productdocument_id")
    )
    for code, product_id in rows:
        newest.setdefault(code, []).append(product_id)
    return newest


def _province_products(provinces):
    """Each province's newest products, and the province's name, in one windowed query."""
    if not provinces:
        return {}, {}
    rows = (
        ProductDocument.objects.filter(province__code__in=provinces, price_rials__isnull=False)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("province_id"),
                order_by=[F("date_created").desc(), F("product_id").desc()],
            ),
        )
        .filter(rank__lte=max(provinces.values()))
        .order_by("province__code", "rank")
        .values_list("province__code", "product_id", "province__name_fa", "province__name_en")
    )
    newest, names = {}, {}
    for code, product_id, name_fa, name_en in rows:
        newest.setdefault(code, []).append(product_id)
        names[code] = str(Province(code=code, name_fa=name_fa, name_en=name_en))
    return newest, names


def _crafts(codes):
    """Browsable crafts by code, with their addresses (the parents come in the same query,
    so no address costs a query of its own)."""
    if not codes:
        return {}
    categories = list(
        Category.objects.browsable().filter(Q(code__in=codes) | Q(depth=1)).order_by("path")
    )
    by_path = {c.path: c for c in categories}
    crafts = {}
    for category in categories:
        if category.code not in codes:
            continue
        parent = by_path.get(category.path[: -Category.steplen]) if category.depth > 1 else None
        if category.depth > 1 and parent is None:
            continue  # under a hidden category
        url = category._get_absolute_url(parent_slug=parent.get_full_slug() if parent else None)
        crafts[category.code] = CraftCard(category.code, category.name, url)
    return crafts


def _producers(ids):
    if not ids:
        return {}
    producers = Partner.objects.filter(pk__in=ids, is_selling=True).select_related(
        "province", "city"
    )
    return {producer.pk: producer for producer in producers}


def _exhibitions(most):
    """Up to `most` exhibitions open now and `most` coming, soonest first, in one query."""
    if not most:
        return []
    today = timezone.localdate()
    open_now = Case(
        When(starts_on__lte=today, then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )
    running = exhibition_selectors.running_on(today)
    coming = exhibition_selectors.upcoming(today)
    exhibitions = list(
        (running | coming)
        .annotate(
            rank=Window(
                RowNumber(), partition_by=[open_now], order_by=[F("starts_on").asc(), F("pk")]
            )
        )
        .filter(rank__lte=most)
        .order_by("starts_on", "pk")
    )
    for exhibition in exhibitions:
        exhibition.is_open_now = exhibition.starts_on <= today
    return exhibitions


# A latest-pages block's kinds: the page model's link from Wagtail's Page.
LATEST_KINDS = {"news": "newspage", "stories": "producerstorypage", "training": "trainingpage"}


def _latest(asked, locale_id):
    """The newest live pages of each kind asked for, in the page's language, leaving out
    pages behind a view restriction (theirs or an ancestor's): one query for every kind.
    News go by their date, stories and training by when they were first published."""
    from wagtail.models import Page, PageViewRestriction

    links = {kind: link for kind, link in LATEST_KINDS.items() if kind in asked}
    if not links:
        return {}
    restricted = Exists(
        PageViewRestriction.objects.filter(StartsWith(OuterRef("path"), F("page__path")))
    )
    of_kind = {kind: Q(**{f"{link}__isnull": False}) for kind, link in links.items()}
    pages = (
        Page.objects.live()
        .filter(~restricted, reduce(operator.or_, of_kind.values()), locale_id=locale_id)
        .annotate(
            kind=Case(
                *(When(q, then=Value(kind)) for kind, q in of_kind.items()),
                output_field=CharField(),
            ),
            summary=Coalesce(
                *(F(f"{link}__intro") for link in links.values()),
                Value(""),
                output_field=TextField(),
            ),
            cover_image_id=Coalesce(
                *(F(f"{link}__cover_id") for link in links.values()),
                Value(None),
                output_field=IntegerField(),
            ),
            day=(
                Coalesce(
                    "newspage__date", TruncDate("first_published_at"), output_field=DateField()
                )
                if "news" in links
                else TruncDate("first_published_at")
            ),
        )
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("content_type_id"),
                order_by=[F("day").desc(nulls_last=True), F("pk").desc()],
            )
        )
        .filter(rank__lte=max(asked.values()))
        .order_by("kind", "rank")
    )
    latest = {}
    for page in pages:
        latest.setdefault(page.kind, []).append(page)
    return {kind: found[: asked[kind]] for kind, found in latest.items()}


def _images(asked):
    """Renditions of the images asked for ((id, spec) pairs): one query for those made
    before, with their images; Wagtail makes the missing ones (once)."""
    if not asked:
        return {}
    from wagtail.images import get_image_model
    from wagtail.images.models import Filter

    image_model = get_image_model()
    renditions = image_model.get_rendition_model().objects.filter(
        image_id__in={pk for pk, _ in asked}, filter_spec__in={spec for _, spec in asked}
    )
    found = {}
    for rendition in renditions.select_related("image"):
        key = (rendition.image_id, rendition.filter_spec)
        if key in asked and rendition.focal_point_key == Filter(
            rendition.filter_spec
        ).get_cache_key(rendition.image):
            found[key] = rendition
    missing = {pk for pk, spec in asked if (pk, spec) not in found}
    for image in image_model.objects.filter(pk__in=missing) if missing else []:
        for pk, spec in asked:
            if pk == image.pk and (pk, spec) not in found:
                found[(pk, spec)] = image.get_rendition(spec)
    return {
        key: ImageData(rendition.url, rendition.width, rendition.height, rendition.alt)
        for key, rendition in found.items()
    }


def _page_card(page, images, request):
    return PageCard(
        title=page.title,
        url=page.get_url(request=request),
        date=page.day,
        intro=page.summary,
        image=images.get((page.cover_image_id, COVER_SPEC)),
    )


def _index_url(page, request):
    """The address of the index a page is listed on: its parent's (a child's address is its
    parent's plus its slug), without asking for the parent."""
    url = page.get_url(request=request)
    return url[: -len(page.slug) - 1] if url and url.endswith(f"{page.slug}/") else ""


def fetch(requests, locale_id=None, request=None):
    latest_pages = _latest(requests.latest, locale_id)
    for pages in latest_pages.values():
        for page in pages:
            if page.cover_image_id:
                requests.images.add((page.cover_image_id, COVER_SPEC))
    images = _images(requests.images)
    craft_ids = _craft_products(requests.crafts)
    province_ids, province_names = _province_products(requests.provinces)
    product_ids = list(requests.product_ids)
    for ids in [*craft_ids.values(), *province_ids.values()]:
        product_ids.extend(ids)
    return BlockData(
        cards={card.product_id: card for card in cards(list(dict.fromkeys(product_ids)))},
        craft_product_ids=craft_ids,
        province_product_ids=province_ids,
        province_names=province_names,
        crafts=_crafts(requests.craft_codes),
        producers=_producers(requests.producer_ids),
        exhibitions=_exhibitions(requests.exhibitions),
        latest={
            kind: [_page_card(page, images, request) for page in pages]
            for kind, pages in latest_pages.items()
        },
        index_urls={
            kind: _index_url(pages[0], request) for kind, pages in latest_pages.items() if pages
        },
        images=images,
    )


# ---- per page, cached ------------------------------------------------------------------


def generation():
    return cache.get_or_set(GENERATION_KEY, 1, None)


def forget_all():
    """Every page's block data is stale: a page was published or unpublished."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, None)


def for_page(page, request=None, extra_images=()):
    """The block data of a page's body (plus `extra_images`: (image id, spec) pairs, such as
    the home page's hero), cached unless the page is being previewed."""

    def load():
        requests = collect(page.body.raw_data)
        requests.images.update(extra_images)
        return fetch(requests, locale_id=page.locale_id, request=request)

    if request is not None and getattr(request, "is_preview", False):
        return load()
    key = f"cms:blocks:{generation()}:{page.pk}:{page.live_revision_id}:{get_language()}"
    return cache.get_or_set(key, load, CACHE_SECONDS)


def for_block(block_type, block, value):
    """The data of one block rendered outside a page that loaded it (an exhibition's
    content, a preview of the block alone): the same fetch, for this block only."""
    raw = {"type": block_type, "value": block.get_prep_value(value)}
    return fetch(collect([raw]))
