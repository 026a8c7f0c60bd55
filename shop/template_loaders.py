"""Oscar's and Wagtail's templates with their few hard-coded English labels made translatable.

About ninety of Oscar's templates say `aria-label="breadcrumb"` (and its navigation buttons
"Toggle navigation", its dialogs "Close", its dashboard lists "Filters:", Wagtail's header
"Actions") in English, which a Persian page then shows or a screen reader reads out. Rather
than copy each template to change one label, the loader below rewrites those exact pieces as
Django's `{{ _("…") }}` (which needs no `{% load i18n %}`) when a template is read (once: the
loader is cached); the Persian words are in shop/locale like any other.
"""

from django.template.loaders import filesystem
from django.template.utils import get_app_template_dirs
from django.utils.translation import gettext_noop

LABELS = {
    "breadcrumb": gettext_noop("Breadcrumb"),
    "Toggle navigation": gettext_noop("Toggle navigation"),
    "Close": gettext_noop("Close"),
    "Actions": gettext_noop("Actions"),
}
FILTERS = gettext_noop("Filters:")  # Oscar's dashboard lists
REWRITES = (
    *(
        (f'aria-label="{english}"', f"aria-label=\"{{{{ _('{msgid}') }}}}\"")
        for english, msgid in LABELS.items()
    ),
    ("<label>Filters:</label>", f"<label>{{{{ _('{FILTERS}') }}}}</label>"),
)


class Loader(filesystem.Loader):
    """Django's filesystem and app-directories loaders in one (TEMPLATES' DIRS first, then
    each app's templates/), with those English labels translatable."""

    def get_dirs(self):
        return [*self.engine.dirs, *get_app_template_dirs("templates")]

    def get_contents(self, origin):
        contents = super().get_contents(origin)
        for english, translatable in REWRITES:
            if english in contents:
                contents = contents.replace(english, translatable)
        return contents
