import oscar.apps.search.apps as apps
from django.urls import path


class SearchConfig(apps.SearchConfig):
    """Oscar's search app without haystack: every listing goes through search.backends."""

    name = "search"

    def ready(self):
        from . import signals  # noqa: F401
        from .views import SearchView, suggest

        self.search_view = SearchView
        self.suggest_view = suggest

    def get_urls(self):
        urls = [
            path("", self.search_view.as_view(), name="search"),
            path("suggest/", self.suggest_view, name="suggest"),
        ]
        return self.post_process_urls(urls)
