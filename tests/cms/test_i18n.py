"""Persian and English content through Wagtail's own i18n: Persian pages first, English
translations made with simple_translation's "Translate", chosen by the visitor's language
cookie at the same addresses; the Wagtail admin in Persian for editors."""

import importlib

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Page, Site
from wagtail.users.models import UserProfile

from cms.models import ContentPage, HomePage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ENGLISH_HERO = "The marketplace of Iran\u2019s home producers"
PERSIAN_HERO = "بازار تولیدکنندگان خانگی ایران"


def persian_home():
    return HomePage.objects.get(locale__language_code="fa")


def english():
    return Locale.objects.get(language_code="en")


def publish(page, **fields):
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def translate(page, **fields):
    """What simple_translation's view does for one locale, then the editor's publish."""
    return publish(page.copy_for_translation(english()).specific, **fields)


def english_home():
    return translate(persian_home(), title="Dastsaz", hero_title=ENGLISH_HERO)


def add_content_page(parent, title, slug):
    page = parent.add_child(instance=ContentPage(title=title, slug=slug))
    page.save_revision().publish()
    return page


@pytest.fixture(autouse=True)
def content_page_template(settings, tmp_path):
    """What is under test is which page answers, not how a content page looks (the pages'
    own tests render their templates): a content page shows its title."""
    folder = tmp_path / "cms"
    folder.mkdir()
    (folder / "content_page.html").write_text("<h1>{{ page.title }}</h1>")
    engine = {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    settings.TEMPLATES = [engine, *settings.TEMPLATES[1:]]


@pytest.fixture
def english_visitor(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def editor(group="Editors", **fields):
    user = UserFactory(is_staff=True, **fields)
    user.groups.add(Group.objects.get(name=group))
    return user


# Locales (cms/migrations/0004_locales.py)


def test_pages_are_persian_and_english_is_ready_for_translations():
    assert set(Locale.objects.values_list("language_code", flat=True)) == {"fa", "en"}
    site_root = Site.objects.get(is_default_site=True).root_page
    assert site_root.locale.language_code == "fa"
    assert not Page.objects.filter(locale__language_code="en").exists()


def test_locale_migration_turns_a_database_made_under_another_language_persian():
    migration = importlib.import_module("cms.migrations.0004_locales")
    Locale.objects.filter(language_code="en").delete()
    Locale.objects.filter(language_code="fa").update(language_code="en")  # LANGUAGE_CODE "en-us"

    migration.set_up_locales(apps, None)

    assert persian_home().locale.language_code == "fa"
    assert not Page.objects.filter(locale__language_code="en").exists()
    assert Locale.objects.filter(language_code="en").exists()


def test_editors_and_moderators_may_translate():
    permission = Permission.objects.get(codename="submit_translation")
    for name in ("Editors", "Moderators"):
        assert Group.objects.get(name=name).permissions.filter(pk=permission.pk).exists()


# Serving by the language cookie


def test_english_visitor_gets_the_english_home_and_others_the_persian(client, reference_data):
    english_home()

    persian = client.get("/")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english_response = client.get("/")

    assert PERSIAN_HERO in persian.content.decode()
    assert ENGLISH_HERO not in persian.content.decode()
    assert ENGLISH_HERO in english_response.content.decode()
    assert '<html lang="en" dir="ltr"' in english_response.content.decode()
    assert "Cookie" in english_response.headers["Vary"]


def test_english_visitor_gets_persian_while_the_translation_is_a_draft(
    english_visitor, reference_data
):
    draft = persian_home().copy_for_translation(english())
    assert not draft.live

    html = english_visitor.get("/").content.decode()

    assert PERSIAN_HERO in html


def test_untranslated_page_is_served_in_persian_to_an_english_visitor(
    english_visitor, reference_data
):
    english_home()
    about = add_content_page(persian_home(), "درباره ما", "about")

    response = english_visitor.get(about.url)

    assert response.status_code == 200
    assert "درباره ما" in response.content.decode()


def test_translated_page_is_served_in_the_visitors_language_at_one_address(client, reference_data):
    english_home()
    about = add_content_page(persian_home(), "درباره ما", "about")
    about_en = translate(about, title="About us")
    assert about_en.url == about.url == "/about/"

    persian = client.get("/about/").content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english_response = client.get("/about/").content.decode()

    assert "درباره ما" in persian and "About us" not in persian
    assert "About us" in english_response


def test_english_page_renamed_by_its_editor_is_served_at_its_own_address(
    english_visitor, reference_data
):
    english_home()
    about = add_content_page(persian_home(), "درباره ما", "about")
    about_en = translate(about, title="About us", slug="about-us")

    assert about_en.url == "/about-us/"
    assert "About us" in english_visitor.get("/about-us/").content.decode()
    assert "About us" in english_visitor.get("/about/").content.decode()


def test_english_page_reached_from_a_persian_home_without_translation(
    english_visitor, reference_data
):
    # The English home stays a draft; a page translated on its own is still served in English.
    about = add_content_page(persian_home(), "درباره ما", "about")
    persian_home().copy_for_translation(english())
    translate(about, title="About us")

    assert "About us" in english_visitor.get("/about/").content.decode()


def test_unknown_address_is_not_found_for_english_visitors(english_visitor, reference_data):
    english_home()

    assert english_visitor.get("/no-such-page/").status_code == 404


def test_english_home_keeps_the_persian_sites_addresses(client, reference_data):
    english_home()
    about = add_content_page(persian_home(), "درباره ما", "about")

    assert persian_home().url == "/"
    assert about.url == "/about/"
    assert client.get("/about/").status_code == 200


def test_english_translation_costs_persian_visitors_no_query(
    client, reference_data, django_assert_max_num_queries
):
    client.get("/")  # the home's lists cached
    with CaptureQueriesContext(connection) as before:
        client.get("/")
    ceiling = len(before)  # now: the next request empties Django's query log
    english_home()
    client.get("/")

    with django_assert_max_num_queries(ceiling):
        assert client.get("/").status_code == 200


def test_english_home_costs_at_most_two_queries_more_than_the_persian(
    client, reference_data, django_assert_max_num_queries
):
    english_home()
    client.get("/")
    with CaptureQueriesContext(connection) as persian:
        client.get("/")
    ceiling = len(persian) + 2
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.get("/")

    with django_assert_max_num_queries(ceiling):
        assert client.get("/").status_code == 200


# Translating in the admin (simple_translation)


def test_editor_translates_the_home_page_into_english(client, reference_data):
    client.force_login(editor())
    home = persian_home()

    response = client.post(
        reverse("simple_translation:submit_page_translation", args=[home.pk]),
        {"locales": [english().pk]},
    )

    translated = home.get_translation(english())
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=[translated.pk])
    assert translated.specific.hero_title == home.hero_title  # a copy to translate
    assert not translated.live  # published when the editor is done
    assert client.get(response.url).status_code == 200  # the editor goes on to translate it


def test_translate_form_offers_english_to_an_editor(client, reference_data):
    client.force_login(editor())

    response = client.get(
        reverse("simple_translation:submit_page_translation", args=[persian_home().pk])
    )

    assert response.status_code == 200
    assert list(response.context["form"].fields["locales"].queryset) == [english()]


def test_staff_without_translation_permission_cannot_translate(client, reference_data):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    home = persian_home()

    response = client.post(
        reverse("simple_translation:submit_page_translation", args=[home.pk]),
        {"locales": [english().pk]},
    )

    assert response.status_code == 302  # Wagtail's "no permission" back to the dashboard
    assert response.url == reverse("wagtailadmin_home")
    assert not home.has_translation(english())


def test_visitor_cannot_translate(client, reference_data):
    home = persian_home()

    response = client.post(
        reverse("simple_translation:submit_page_translation", args=[home.pk]),
        {"locales": [english().pk]},
    )

    assert response.status_code == 302  # to the admin's login
    assert not home.has_translation(english())


# The Wagtail admin in Persian


def assert_persian_admin(response):
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fa" dir="rtl"' in html
    with translation.override("fa"):
        label = translation.gettext("Site summary")  # only in Wagtail's own catalogue
    assert label != "Site summary"
    assert label in html
    return html


def test_editor_sees_the_wagtail_admin_in_persian(client):
    client.force_login(editor())

    assert_persian_admin(client.get(reverse("wagtailadmin_home")))


def test_editor_page_explorer_is_persian(client):
    client.force_login(editor())
    home = persian_home()

    response = client.get(reverse("wagtailadmin_explore", args=[home.get_parent().pk]))

    assert response.status_code == 200
    assert '<html lang="fa" dir="rtl"' in response.content.decode()


def test_editors_preferred_language_wins_over_the_storefront_cookie(client):
    user = editor()
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "fa"
    profile.save()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(user)

    assert_persian_admin(client.get(reverse("wagtailadmin_home")))


def test_editor_may_choose_only_our_languages_for_the_admin():
    from wagtail.admin.localization import get_available_admin_languages

    assert [code for code, _name in get_available_admin_languages()] == ["fa", "en"]
