"""The page cache: storefront pages rendered once for everyone, served to anyone.

A page is rendered as an anonymous visitor with an empty basket would see it, stored with its
per-visitor parts marked, and served to every visitor who sees the public pages (guests and
buyers; not staff, producers or support companies, whose pages differ): the account links and
the mini-basket are rendered for the visitor (two small templates) and the CSRF token and CSP
nonce are the visitor's own, and messages waiting for the visitor fill a third hole. Pages
are fresh: any change to the catalogue, stock, producers, exhibitions or CMS pages starts a
new generation (`store.forget_all`; a stock change that listings do not show drops only its
product's page, `store.forget`, see signals.py), and a page lives at most
PAGE_CACHE_SECONDS. What a page view must do besides rendering (the market figures) is named
with `hooks.on_view` and runs on every view, cached or not.
"""
