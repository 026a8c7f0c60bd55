"""StreamField blocks, one BaseStreamBlock for every page body (after Wagtail's bakerydemo).

Besides text, images and quotes, blocks show what the shop sells with the storefront's own
cards: chosen products, a craft's or a province's newest products, chosen producers,
running or upcoming exhibitions, and the latest news, stories or training. A product,
producer or exhibition that is no longer public is left out when the block renders
(cards come from the search documents, which hold public products only)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from .choosers import producer_chooser, product_chooser

ProductChooserBlock = product_chooser.get_block_class(
    name="ProductChooserBlock", module_path="cms.blocks"
)
ProducerChooserBlock = producer_chooser.get_block_class(
    name="ProducerChooserBlock", module_path="cms.blocks"
)


def craft_choices():
    from catalog.models import Category
    from insights.crafts import CRAFT_DEPTH

    return [(c.code, c.name) for c in Category.objects.filter(depth=CRAFT_DEPTH).order_by("path")]


def province_choices():
    from catalog.models import Province

    return [(p.code, p.name_fa) for p in Province.objects.order_by("name_fa")]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("heading"))
    size = blocks.ChoiceBlock(
        choices=[("h2", _("large")), ("h3", _("medium")), ("h4", _("small"))],
        default="h2",
        label=_("size"),
    )

    class Meta:
        icon = "title"
        template = "cms/blocks/heading.html"
        label = _("heading")


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(required=False, label=_("caption"))
    attribution = blocks.CharBlock(required=False, label=_("photo by"))

    class Meta:
        icon = "image"
        template = "cms/blocks/captioned_image.html"
        label = _("image with caption")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quote"))
    attribute_name = blocks.CharBlock(required=False, label=_("said by"))

    class Meta:
        icon = "openquote"
        template = "cms/blocks/quote.html"
        label = _("quote")


class ProductsBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, label=_("title"))
    products = blocks.ListBlock(ProductChooserBlock(), label=_("products"))

    class Meta:
        icon = "tag"
        template = "cms/blocks/products.html"
        label = _("chosen products")


class CraftProductsBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, label=_("title"))
    craft = blocks.ChoiceBlock(choices=craft_choices, label=_("craft"))
    count = blocks.IntegerBlock(default=8, min_value=1, max_value=24, label=_("how many"))

    class Meta:
        icon = "tag"
        template = "cms/blocks/products.html"
        label = _("a craft's newest products")


class ProvinceProductsBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, label=_("title"))
    province = blocks.ChoiceBlock(choices=province_choices, label=_("province"))
    count = blocks.IntegerBlock(default=8, min_value=1, max_value=24, label=_("how many"))

    class Meta:
        icon = "site"
        template = "cms/blocks/products.html"
        label = _("a province's newest products")


class ProducersBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, label=_("title"))
    producers = blocks.ListBlock(ProducerChooserBlock(), label=_("producers"))

    class Meta:
        icon = "user"
        template = "cms/blocks/producers.html"
        label = _("chosen producers")


class CraftsBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, label=_("title"))
    crafts = blocks.ListBlock(blocks.ChoiceBlock(choices=craft_choices), label=_("crafts"))

    class Meta:
        icon = "list-ul"
        template = "cms/blocks/crafts.html"
        label = _("featured crafts")


class ExhibitionsBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, label=_("title"))
    show = blocks.ChoiceBlock(
        choices=[
            ("both", _("open now, then coming")),
            ("running", _("open now")),
            ("upcoming", _("coming")),
        ],
        default="both",
        label=_("which"),
    )
    count = blocks.IntegerBlock(default=3, min_value=1, max_value=12, label=_("how many"))

    class Meta:
        icon = "date"
        template = "cms/blocks/exhibitions.html"
        label = _("exhibitions")


class LatestPagesBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, label=_("title"))
    kind = blocks.ChoiceBlock(
        choices=[
            ("news", _("news")),
            ("stories", _("producer stories")),
            ("training", _("training")),
        ],
        label=_("which pages"),
    )
    count = blocks.IntegerBlock(default=3, min_value=1, max_value=12, label=_("how many"))

    class Meta:
        icon = "doc-full"
        template = "cms/blocks/latest_pages.html"
        label = _("latest pages")


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"))
    answer = blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul"])

    class Meta:
        icon = "help"
        label = _("question and answer")


class FaqBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, label=_("title"))
    questions = blocks.ListBlock(QuestionBlock(), label=_("questions"))

    class Meta:
        icon = "help"
        template = "cms/blocks/faq.html"
        label = _("questions and answers")


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul", "hr"],
        icon="pilcrow",
        label=_("text"),
        template="cms/blocks/paragraph.html",
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    products = ProductsBlock()
    craft_products = CraftProductsBlock()
    province_products = ProvinceProductsBlock()
    producers = ProducersBlock()
    crafts = CraftsBlock()
    exhibitions = ExhibitionsBlock()
    latest = LatestPagesBlock()
    faq = FaqBlock()
