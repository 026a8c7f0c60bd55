"""Oscar's templates with their few hard-coded English labels made translatable.

About ninety of Oscar's templates say `aria-label="breadcrumb"` (and its navigation buttons
"Toggle navigation", its dialogs "Close") in English, which a screen reader then reads out on
a Persian page. Rather than copy each template to change one attribute, the loader below
rewrites those attributes as Django's `{{ _("…") }}` (which needs no `{% load i18n %}`) when
a template is read; the Persian words are in shop/locale like any other.
"""

from django.template.loaders import filesystem
from django.template.utils import get_app_template_dirs
from django.utils.translation import gettext_noop

LABELS = {
    "breadcrumb": gettext_noop("Breadcrumb"),
    "Toggle navigation": gettext_noop("Toggle navigation"),
    "Close": gettext_noop("Close"),
}
REWRITES = tuple(
    (f'aria-label="{english}"', f"aria-label=\"{{{{ _('{msgid}') }}}}\"")
    for english, msgid in LABELS.items()
)


class Loader(filesystem.Loader):
    """Django's filesystem and app-directories loaders in one (TEMPLATES' DIRS first, then
    each app's templates/), with those English labels translatable."""

    def get_dirs(self):
        return [*self.engine.dirs, *get_app_template_dirs("templates")]

    def get_contents(self, origin):
        contents = super().get_contents(origin)
        if "aria-label=" in contents:
            for english, translatable in REWRITES:
                contents = contents.replace(english, translatable)
        return contents
