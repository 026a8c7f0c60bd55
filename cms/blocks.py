"""StreamField blocks, one BaseStreamBlock for every page body (after Wagtail's bakerydemo).

Besides text, images and quotes, blocks show what the shop sells with the storefront's own
cards: chosen products, a craft's or a province's newest products, chosen producers,
running or upcoming exhibitions, and the latest news, stories or training. A product,
producer or exhibition that is no longer public is left out when the block renders
(cards come from the search documents, which hold public products only)."""

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from shop.persian.collation import persian_order

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

    return [
        (c.code, c.name)
        for c in Category.objects.filter(depth=CRAFT_DEPTH).order_by(persian_order("name"))
    ]


def province_choices():
    from catalog.models import Province

    return [(p.code, p.name_fa) for p in Province.objects.order_by("name_fa")]


class CodeChoiceBlock(blocks.ChoiceBlock):
    """A choice of codes from the database (crafts, provinces). Reading a stored code asks
    for no choice list (Wagtail's ChoiceBlock would query the choices for every value);
    the editor's form still offers and checks the current ones. Migrations see a plain
    ChoiceBlock (ChoiceBlock.deconstruct)."""

    def normalize_choice(self, value):
        return value

    def to_python(self, value):
        return value


def block_data(block, value, context):
    """The page's block data (cms.block_data: fetched once for the whole body), or this
    block's own when it is rendered without its page (an exhibition's content)."""
    data = context.get("block_data")
    if data is None:
        from .block_data import for_block

        data = for_block(block.name, block, value)
    return data


class ShopBlock(blocks.StructBlock):
    """A block that shows things from the shop: `items(value, data)` picks them from the
    page's block data; an empty list renders nothing."""

    def items(self, value, data):
        raise NotImplementedError

    def heading(self, value, data):
        return value.get("title")

    def more_url(self, value, data):
        return ""

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        data = block_data(self, value, context)
        context["items"] = self.items(value, data)
        context["heading"] = self.heading(value, data)
        context["more_url"] = self.more_url(value, data)
        return context


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

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        data, image = context.get("block_data"), value.get("image")
        context["picture"] = data.image(image.pk) if data is not None and image else None
        return context

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


class ProductsBlock(ShopBlock):
    title = blocks.CharBlock(required=False, label=_("title"))
    products = blocks.ListBlock(ProductChooserBlock(), label=_("products"))

    def items(self, value, data):
        return data.products([product.pk for product in value["products"] if product])

    class Meta:
        icon = "tag"
        template = "cms/blocks/products.html"
        label = _("chosen products")


class CraftProductsBlock(ShopBlock):
    title = blocks.CharBlock(required=False, label=_("title"))
    craft = CodeChoiceBlock(choices=craft_choices, label=_("craft"))
    count = blocks.IntegerBlock(default=8, min_value=1, max_value=24, label=_("how many"))

    def items(self, value, data):
        return data.craft_products(value["craft"], value["count"])

    def heading(self, value, data):
        craft = data.crafts.get(value["craft"])
        return value.get("title") or (craft.name if craft else "")

    def more_url(self, value, data):
        craft = data.crafts.get(value["craft"])
        return craft.url if craft else ""

    class Meta:
        icon = "tag"
        template = "cms/blocks/products.html"
        label = _("a craft's newest products")


class ProvinceProductsBlock(ShopBlock):
    title = blocks.CharBlock(required=False, label=_("title"))
    province = CodeChoiceBlock(choices=province_choices, label=_("province"))
    count = blocks.IntegerBlock(default=8, min_value=1, max_value=24, label=_("how many"))

    def items(self, value, data):
        return data.province_products(value["province"], value["count"])

    def heading(self, value, data):
        name = data.province_names.get(value["province"])
        if value.get("title") or not name:
            return value.get("title")
        return gettext("From %(province)s") % {"province": name}

    def more_url(self, value, data):
        return f"{reverse('catalogue:index')}?province={value['province']}"

    class Meta:
        icon = "site"
        template = "cms/blocks/products.html"
        label = _("a province's newest products")


class ProducersBlock(ShopBlock):
    title = blocks.CharBlock(required=False, label=_("title"))
    producers = blocks.ListBlock(ProducerChooserBlock(), label=_("producers"))

    def items(self, value, data):
        return data.producer_cards([producer.pk for producer in value["producers"] if producer])

    class Meta:
        icon = "user"
        template = "cms/blocks/producers.html"
        label = _("chosen producers")


class CraftsBlock(ShopBlock):
    title = blocks.CharBlock(required=False, label=_("title"))
    crafts = blocks.ListBlock(CodeChoiceBlock(choices=craft_choices), label=_("crafts"))

    def items(self, value, data):
        return data.craft_cards(value["crafts"])

    class Meta:
        icon = "list-ul"
        template = "cms/blocks/crafts.html"
        label = _("featured crafts")


class ExhibitionsBlock(ShopBlock):
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

    def items(self, value, data):
        return data.exhibitions_to_show(value["show"], value["count"])

    def more_url(self, value, data):
        return reverse("exhibitions:index")

    class Meta:
        icon = "date"
        template = "cms/blocks/exhibitions.html"
        label = _("exhibitions")


class LatestPagesBlock(ShopBlock):
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

    def items(self, value, data):
        return data.latest_pages(value["kind"], value["count"])

    def heading(self, value, data):
        defaults = {
            "news": gettext("Latest news"),
            "stories": gettext("Producer stories"),
            "training": gettext("Training for producers"),
        }
        return value.get("title") or defaults.get(value["kind"], "")

    def more_url(self, value, data):
        return data.index_urls.get(value["kind"], "")

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
