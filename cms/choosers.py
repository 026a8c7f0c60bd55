"""Choosers for the editor: products and producers picked in a modal (Wagtail's
ChooserViewSet), each giving a StreamField chooser block (cms.blocks)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.chooser import ChooserViewSet


class ProductChooserViewSet(ChooserViewSet):
    model = "catalogue.Product"
    icon = "tag"
    choose_one_text = _("Choose a product")
    choose_another_text = _("Choose another product")
    edit_item_text = _("Edit this product")
    per_page = 20

    def get_object_list(self):
        return self.model_class.objects.browsable().order_by("-date_created", "-pk")


class ProducerChooserViewSet(ChooserViewSet):
    model = "partner.Partner"
    icon = "user"
    choose_one_text = _("Choose a producer")
    choose_another_text = _("Choose another producer")
    edit_item_text = _("Edit this producer")
    per_page = 20

    def get_object_list(self):
        return self.model_class.objects.filter(is_selling=True).order_by("name")


product_chooser = ProductChooserViewSet("product_chooser")
producer_chooser = ProducerChooserViewSet("producer_chooser")
