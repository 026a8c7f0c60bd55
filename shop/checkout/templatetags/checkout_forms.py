"""The address form's fields (oscar/checkout/shipping_address.html)."""

import hashlib

from django import template
from django.template.loader import render_to_string
from django.utils.translation import get_language

from shop.pagecache.store import FORMAT, remembered

register = template.Library()
FIELDS = "oscar/partials/form_fields.html"


def is_blank(form):
    """Nothing typed and nothing to fill in from the visitor's checkout or address book: the
    form then reads the same for everyone who sees it in this language."""
    return not form.is_bound and not any(form.initial.get(name) for name in form.fields)


@register.simple_tag
def address_form_fields(form):
    """Oscar's form_fields partial for the address form. Its ten fields and 31 provinces take
    a few milliseconds to render, so a blank form (most visitors' first look at the step)
    is rendered once per language and set of fields, and kept until the catalogue changes
    (provinces and countries start a new page-cache generation)."""
    context = {"form": form, "style": "horizontal"}
    if not is_blank(form):
        return render_to_string(FIELDS, context)
    fields = [
        (name, str(field.label), str(field.help_text), field.required, type(field.widget))
        for name, field in form.fields.items()
    ]  # what the form says of each field: a release that changes any keeps its own
    digest = hashlib.sha256(repr((type(form), fields)).encode()).hexdigest()[:16]
    return remembered(
        f"checkout:address-form:{FORMAT}:{get_language()}:{digest}",
        lambda: render_to_string(FIELDS, context),
    )
