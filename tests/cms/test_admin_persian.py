"""Wagtail's admin (/cms/) and Oscar's dashboard speak Persian to our editors and staff: every
string of their English catalogues has Persian (Wagtail's and Oscar's own Persian catalogues,
completed by shop/locale_oscar/fa), and the admin pages editors use read no English."""

import json
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.apps import apps
from django.urls import reverse
from django.utils import translation
from django.utils.translation.trans_real import DjangoTranslation
from wagtail.models import Site

from cms.models import ExhibitionContent, HomePage
from tests.cms.conftest import wagtail_document, wagtail_image
from tests.factories import UserFactory
from tests.shop.page_text import ADDRESS, ALLOWED_WORDS, CODE, ENGLISH_WORD, readable_texts

# Read the same in Persian: placeholders and punctuation only, codes and standard names.
SAME_IN_PERSIAN = {
    "ISO 3166-1 alpha-2",
    "ISO 3166-1 alpha-3",
    "HTML",
    "CSV",
    "%(main_filter)s %(date_filter)s %(status_filter)s%(kw_filter)s %(name_filter)s",
    "%(main_filter)s %(email_filter)s %(name_filter)s",
    "%(main_filter)s %(name_filter)s %(code_filter)s",
    "%(range_start)s - %(range_end)s",
    "%(field_label)s:",
    "%(status_display)s %(task_name)s %(started_at)s",
    "%(time_zone_option)s: %(localized_time_zone_label)s",
    "---------",
}


@pytest.fixture(scope="module")
def oscar_msgids(tmp_path_factory):
    """Oscar's msgids as its templates and code use them (its English catalogue misses many):
    extracted from a copy of its source by the same code as scripts/missing_admin_msgids.py."""
    if not shutil.which("xgettext"):
        pytest.fail("makemessages needs xgettext: install gettext (scripts/services.sh does)")
    from scripts.missing_admin_msgids import oscar_msgids as extract

    return extract(tmp_path_factory.mktemp("oscar"))


def english_catalogues(domain, oscar_po=None):
    """The English catalogues (the complete list of msgids) of the Wagtail apps we install and
    Oscar's msgids (all its apps, dashboard included)."""
    paths = {oscar_po} if oscar_po else set()
    for app in apps.get_app_configs():
        if app.name.split(".")[0] == "wagtail":
            paths.add(Path(app.path) / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po")
    for path in sorted(p for p in paths if p.exists()):
        with open(path, "rb") as po:
            yield path, read_po(po)


def still_english(catalogue, message):
    context = message.context
    if isinstance(message.id, tuple):
        singular, plural = message.id
        for n, source in ((1, singular), (5, plural)):
            if context:
                found = catalogue.npgettext(context, singular, plural, n)
            else:
                found = catalogue.ngettext(singular, plural, n)
            if found == source and source not in SAME_IN_PERSIAN:
                return True
        return False
    found = catalogue.pgettext(context, message.id) if context else catalogue.gettext(message.id)
    return found == message.id and message.id not in SAME_IN_PERSIAN


def english_msgids(domain, catalogue, oscar_po=None):
    left = []
    for path, messages in english_catalogues(domain, oscar_po):
        for message in messages:
            if message.id and still_english(catalogue, message):
                left.append(f"{path.parents[3].name}: {message.context or ''}|{message.id}")
    return left


def test_every_wagtail_and_oscar_string_has_persian(oscar_msgids):
    with translation.override("fa"):
        catalogue = translation.trans_real.translation("fa")
        assert english_msgids("django", catalogue, oscar_msgids) == []


def test_every_wagtail_admin_script_string_has_persian():
    # The catalogue /cms/jsi18n/ serves: Wagtail admin's own, then LOCALE_PATHS (ours wins).
    admin = Path(apps.get_app_config("wagtailadmin").path) / "locale"
    catalogue = DjangoTranslation("fa", domain="djangojs", localedirs=[admin])
    assert english_msgids("djangojs", catalogue) == []


def test_wagtail_admin_scripts_receive_persian(client, reference_data):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get(reverse("wagtailadmin_javascript_catalog"))
    body = response.content.decode()
    catalog = json.loads(body.split("const newcatalog = ", 1)[1].split(";\n", 1)[0])
    assert catalog["Write something or type ‘/’ to insert a block"] == (
        "چیزی بنویسید یا برای افزودن بلوک «/» را بزنید"
    )
    assert catalog["%(num)s error"] == ["%(num)s خطا", "%(num)s خطا"]


# English left in the admin that no catalogue can translate (issue 15 item 2 leaves these):
# Wagtail and Oscar write them in its templates without gettext ...
HARD_CODED = {
    "Search",  # value of the screen-reader-only submit button (wagtailadmin/home.html, header)
    "Actions",  # aria-label of the header's button bar (shared/headers/_actions.html)
    "True",  # title of the tick icon in a boolean column (tables/boolean_cell.html)
    # Oscar's dashboard: the label before the active filters of the offer, voucher and order
    # lists (<label>Filters:</label> in their templates), and the users table's name column
    # (django-tables2 makes "Name" from the field, no verbose_name).
    "Filters:",
    "Name",
}
# ... the filter of a page's history lists model names in English (computed outside the
# request's language; their msgids have Persian: gettext("Category") is Persian) ...
HISTORY_FILTER = {
    "Page",
    "Category",
    "Product class",
    "Province",
    "Producer",
    "Exhibition",
    "Price",
}
# ... and data: the tree's root page, the groups Wagtail's and our migrations create, a file name.
DATA = ("Root", "All Oscar Dashboard Permissions", "Editors", "Moderators", "packaging-guide.pdf")
# Names written in Latin letters in Persian too: the admin's brand in <title>, file formats.
NAMES = {*ALLOWED_WORDS, "Wagtail", "AVIF", "GIF", "JPG", "WEBP", "MB", "HTML"}


def english_on(html):
    found = []
    for text in readable_texts(html):
        text = " ".join(text.split())
        if text in HARD_CODED | HISTORY_FILTER:
            continue
        text = CODE.sub(" ", ADDRESS.sub(" ", text))
        for data in DATA:
            text = text.replace(data, "")
        if [w for w in ENGLISH_WORD.findall(text) if w not in NAMES]:
            found.append(text[:120])
    return found


@pytest.fixture
def editor_pages(client, reference_data):
    client.force_login(UserFactory(username="مریم", is_staff=True, is_superuser=True))
    home = HomePage.objects.get(locale__language_code="fa")
    wagtail_image()
    wagtail_document()
    site = Site.objects.get(is_default_site=True)
    return [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore_root"),
        reverse("wagtailadmin_explore", args=[home.pk]),
        reverse("wagtailadmin_pages:edit", args=[home.pk]),
        reverse("wagtailadmin_pages:add_subpage", args=[home.pk]),
        reverse("wagtailimages:index"),
        reverse("wagtailimages:add_multiple"),
        reverse("wagtaildocs:index"),
        reverse("wagtailsnippets:index"),
        reverse(ExhibitionContent.snippet_viewset.get_url_name("list")),
        reverse("wagtailsettings:edit", args=["cms", "navigationsettings", site.pk]),
        reverse("wagtailusers_users:index"),
        reverse("wagtailusers_groups:index"),
        reverse("wagtailadmin_pages:history", args=[home.pk]),
        reverse("wagtailadmin_account"),
    ]


def test_wagtail_admin_pages_editors_use_read_no_english(client, editor_pages):
    english = {}
    for url in editor_pages:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        if found := english_on(response.content.decode()):
            english[url] = found
    assert english == {}


OSCAR_DASHBOARD = [
    "dashboard:index",
    "dashboard:order-list",
    "dashboard:catalogue-product-list",
    "dashboard:catalogue-category-list",
    "dashboard:offer-list",
    "dashboard:voucher-list",
    "dashboard:voucher-set-list",
    "dashboard:range-list",
    "dashboard:reports-index",
    "dashboard:comms-list",
    "dashboard:partner-list",
    "dashboard:page-list",
    "dashboard:reviews-list",
    "dashboard:users-index",
    "dashboard:offer-metadata",
]


def test_oscar_dashboard_pages_staff_use_read_no_english(client, reference_data):
    client.force_login(UserFactory(username="مریم", is_staff=True, is_superuser=True))
    english = {}
    for name in OSCAR_DASHBOARD:
        response = client.get(reverse(name), follow=True)
        assert response.status_code == 200, name
        if found := english_on(response.content.decode()):
            english[name] = found
    assert english == {}
