"""List the msgids of Wagtail's and Oscar's English catalogues that still read English under
Persian, as empty po entries to translate and append to shop/locale_oscar/fa/LC_MESSAGES/
django.po (domain django) or djangojs.po (domain djangojs). Run after upgrading Wagtail or
Oscar:

    DJANGO_SETTINGS_MODULE=shop.settings.test .venv/bin/python scripts/missing_admin_msgids.py

Oscar's own English catalogue misses many msgids its templates and code use (it is not
regenerated each release), so Oscar's msgids are extracted afresh from its source with
makemessages (needs xgettext).

Asks Django itself (gettext under translation.override("fa"), and the catalogue Wagtail's
/cms/jsi18n/ serves), so a msgid that any catalogue already translates is not listed.
Entries that read the same in Persian (placeholders only, ISO, CSV) are listed too: the test
tests/cms/test_admin_persian.py keeps the short list of those.
"""

import contextlib
import os
import shutil
import sys
import tempfile
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings.dev")
django.setup()

from babel.messages.pofile import read_po  # noqa: E402
from django.apps import apps  # noqa: E402
from django.utils import translation  # noqa: E402
from django.utils.translation.trans_real import DjangoTranslation  # noqa: E402


def english_catalogues():
    """(app, domain, path) of the English catalogues of the installed Wagtail apps, and of
    Oscar's msgids."""
    for app in apps.get_app_configs():
        if app.name.split(".")[0] == "wagtail":
            for domain in ("django", "djangojs"):
                path = Path(app.path) / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
                if path.exists():
                    yield app.name, domain, path
    yield "oscar", "django", oscar_msgids(Path(tempfile.mkdtemp()))


def oscar_msgids(workdir):
    """Oscar's msgids as its installed source uses them: makemessages run on a copy of it."""
    import oscar
    from django.core.management import call_command

    copy = workdir / "oscar"
    shutil.copytree(
        Path(oscar.__file__).parent,
        copy,
        ignore=shutil.ignore_patterns("locale", "static", "__pycache__", "migrations"),
    )
    (copy / "locale").mkdir()
    with contextlib.chdir(copy):
        call_command("makemessages", locale=["en"], no_wrap=True, verbosity=0)
    return copy / "locale" / "en" / "LC_MESSAGES" / "django.po"


def untranslated():
    """Yield (app, domain, message) for each msgid that comes back as itself in Persian."""
    seen = set()
    with translation.override("fa"):
        django_domain = translation.trans_real.translation("fa")
        js_domain = DjangoTranslation(
            "fa",
            domain="djangojs",
            localedirs=[Path(apps.get_app_config("wagtailadmin").path) / "locale"],
        )
        for app, domain, path in english_catalogues():
            catalogue = django_domain if domain == "django" else js_domain
            with open(path, "rb") as po:
                for message in read_po(po):
                    key = (domain, message.context, message.id)
                    if not message.id or key in seen:
                        continue
                    seen.add(key)
                    if _reads_english(catalogue, message):
                        yield app, domain, message


def _reads_english(catalogue, message):
    context = message.context
    if isinstance(message.id, tuple):
        singular, plural = message.id
        for n, source in ((1, singular), (5, plural)):
            if context:
                result = catalogue.npgettext(context, singular, plural, n)
            else:
                result = catalogue.ngettext(singular, plural, n)
            if result == source:
                return True
        return False
    found = catalogue.pgettext(context, message.id) if context else catalogue.gettext(message.id)
    return found == message.id


def _quote(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def main():
    count = 0
    for app, domain, message in untranslated():
        count += 1
        print(f"#. {app} ({domain})")
        if message.context:
            print(f"msgctxt {_quote(message.context)}")
        if isinstance(message.id, tuple):
            print(f"msgid {_quote(message.id[0])}\nmsgid_plural {_quote(message.id[1])}")
            print('msgstr[0] ""\nmsgstr[1] ""\n')
        else:
            print(f'msgid {_quote(message.id)}\nmsgstr ""\n')
    print(f"# {count} msgids read English", file=sys.stderr)


if __name__ == "__main__":
    main()
