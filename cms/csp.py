"""Wagtail's chooser widgets (image, page, document, snippet and our product/producer
choosers on a page's own fields) start themselves with an inline `<script>`, which our
Content-Security-Policy refuses. Rendered here with a hidden marker instead, which
shop/static/dastsaz/wagtail-csp.js turns into the same `new ImageChooser(id, options)`.
(Choosers inside StreamField blocks start through telepath and need nothing.)"""

import json

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.admin.widgets.chooser import BaseChooser


def render_without_inline_script(self, name, value, attrs=None, renderer=None):
    try:
        id_ = attrs["id"]
    except (KeyError, TypeError) as error:
        raise TypeError("BaseChooser cannot be rendered without an 'id' attribute") from error
    value_data = self.get_value_data(value)
    widget_html = self.render_html(name, value_data, attrs)
    marker = format_html(
        '<span hidden data-dastsaz-init="chooser" data-constructor="{}" data-for="{}"'
        ' data-options="{}"></span>',
        self.js_constructor,
        id_,
        json.dumps(self.get_js_init_options(id_, name, value_data)),
    )
    return mark_safe(f"{widget_html}{marker}")  # noqa: S308 (both parts escaped above)


def patch_choosers():
    BaseChooser.render = render_without_inline_script
