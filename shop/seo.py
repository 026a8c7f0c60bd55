"""Addresses for search engines and social networks: canonical links, Open Graph tags and
the sitemap name pages on the site's public address (settings.SITE_URL), as e-mails and
exhibition posters do, whatever host the request came in on."""

from urllib.parse import urlsplit

from django.conf import settings


def public_url(path):
    """`path` on the site's public address; an absolute address is returned as it is."""
    if not path or urlsplit(path).scheme:
        return path or ""
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def public_scheme():
    return urlsplit(settings.SITE_URL).scheme or "https"


def public_host():
    return urlsplit(settings.SITE_URL).netloc
