"""The per-visitor parts of a cached page: marked when the page is stored, filled in for
each visitor when it is served.

- The account links, the mini-basket and the messages are "holes": templates wrap them in
  `<!--dz:hole NAME-->…<!--dz:/hole-->`; the stored page keeps what a guest with an empty
  basket and no message sees, and a signed-in visitor, one with a basket or one with
  messages waiting (the product just added to the basket) gets the hole's template
  rendered for them (HOLES).
- Every CSRF token of the page is one marker, replaced by the visitor's token.
- The CSP nonce of the page's inline scripts is one marker, replaced by this response's.
"""

import logging
import re
from contextlib import contextmanager

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from oscar.apps.communication.notifications.context_processors import notifications

from shop.pagecache import baskets, store
from shop.persian.html_digits import persian_digits_in_html
from shop.persian.numbers import ui_language

HOLES = {
    "account": "oscar/partials/nav_account_links.html",
    "basket": "oscar/partials/mini_basket.html",
    "basket_button": "oscar/partials/basket_button.html",  # the phone's
    "messages": "oscar/partials/alert_messages_list.html",
}
BASKET_HOLES = ("basket", "basket_button")  # rendered and kept together, per basket state
_HOLE = re.compile(r"<!--dz:hole (\w+)-->(.*?)<!--dz:/hole-->", re.S)
_CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CSRF_MARK = "dz-pagecache-csrf-token"
NONCE_MARK = "dz-pagecache-csp-nonce"
logger = logging.getLogger(__name__)
ROLE_SECONDS = 300  # how long whether an account sees the public pages is remembered


def mark(html, request):
    """The page as parts: text, and (hole name, what a guest sees) pairs; the visitor's
    CSRF token and CSP nonce replaced by markers."""
    token = _CSRF_INPUT.search(html)
    if token:
        html = html.replace(token.group(1), CSRF_MARK)
    nonce = getattr(request, "_csp_nonce", None)
    if isinstance(nonce, str):
        html = html.replace(nonce, NONCE_MARK)
    parts = []
    position = 0
    for hole in _HOLE.finditer(html):
        parts.append(html[position : hole.start()])
        parts.append((hole.group(1), hole.group(0)))
        position = hole.end()
    parts.append(html[position:])
    return parts


def sees_public_pages(user):
    """Guests and buyers see the public pages; staff, producers, support companies and
    accounts with the dashboard do not (hidden products, their own booth on an exhibition's
    plan, their panels' links). Remembered a few minutes."""
    if not user.is_authenticated:
        return True
    if user.is_staff or user.is_superuser:
        return False
    key = f"pagecache:public:{user.pk}"
    public = cache.get(key)
    if public is None:
        from sellers.access import membership_of, producer_of

        public = (
            producer_of(user) is None
            and membership_of(user) is None
            and not user.has_perm("partner.dashboard_access")
        )
        cache.set(key, public, ROLE_SECONDS)
    return public


def has_basket_cookie(request):
    """A guest who put something in a basket (Oscar's signed cookie)."""
    return settings.OSCAR_BASKET_COOKIE_OPEN in request.COOKIES


def is_personal(request):
    """Whether a guest's page is not this visitor's page (signed in, or a basket)."""
    return request.user.is_authenticated or has_basket_cookie(request)


def has_messages(request):
    """Messages wait to be shown to this visitor (Oscar's "added to your basket")."""
    return bool(len(getattr(request, "_messages", ())))


def holes_of(parts):
    return {part[0] for part in parts if not isinstance(part, str)}


def _needs(name, request):
    if name == "messages":
        return has_messages(request)
    if request.user.is_authenticated:
        return True
    return name in BASKET_HOLES and has_basket_cookie(request)


def _basket_context(request):
    """What the basket holes read: the visitor and their basket (on the request); the page
    cache serves only visitors with no panel or dashboard (`public_visitor`)."""
    return {"request": request, "user": request.user, "public_visitor": True}


def _context(request):
    """What every hole reads: the basket holes' context, the messages and unread
    notifications. Not every context processor: this runs on every cached view."""
    return {**_basket_context(request), "messages": get_messages(request), **notifications(request)}


def _render_hole(name, context):
    html = render_to_string(HOLES[name], context)
    if ui_language() == "fa":
        html = persian_digits_in_html(html)
    return f"<!--dz:hole {name}-->{html}<!--dz:/hole-->"


def fill(parts, request, generation):
    """The page for this visitor."""
    out = []
    context = {}
    basket_holes = {}

    def render(name):
        if not context:
            context.update(_context(request))
        return _render_hole(name, context)

    for part in parts:
        if isinstance(part, str):
            out.append(part)
        elif not _needs(part[0], request):
            out.append(part[1])
        elif part[0] in BASKET_HOLES:
            if not basket_holes:
                kept = baskets.mini_basket(
                    request, generation, ui_language(),
                    lambda: {name: render(name) for name in BASKET_HOLES},
                )  # fmt: skip
                basket_holes.update(kept or {name: None for name in BASKET_HOLES})
            out.append(basket_holes[part[0]] or part[1])  # None: no basket, the guest's holes
        else:
            out.append(render(part[0]))
    html = "".join(out)
    if CSRF_MARK in html:
        html = html.replace(CSRF_MARK, get_token(request))
    if NONCE_MARK in html:
        html = html.replace(NONCE_MARK, str(request.csp_nonce))
    return html


@contextmanager
def keeping_mini_basket(request):
    """Around a view that changes the visitor's basket and applies its offers (adding a
    product): the basket holes (the mini-basket, the phone's basket button) rendered from the
    basket in hand and kept for its new state, so the cached page the visitor is sent back
    to shows them without loading the basket again (three queries and the offers, then the
    same templates). The generation is read before the view runs: a change to prices or
    offers meanwhile leaves what is kept under a generation no page asks for. Keeping is a
    head start only: if it fails, the basket has changed all the same and the page renders
    the holes itself."""
    keeps = settings.PAGE_CACHE_SECONDS and sees_public_pages(request.user)
    generation = store.generation() if keeps else None
    yield
    if not keeps:
        return
    context = _basket_context(request)
    try:
        baskets.keep_mini_basket(
            request.basket, generation, ui_language(),
            lambda: {name: _render_hole(name, context) for name in BASKET_HOLES},
        )  # fmt: skip
    except Exception:
        logger.exception("the basket holes were not kept for the next page")
