from .forms import SearchForm


def search_form(request):
    """The search box in the header of every page."""
    return {"search_form": SearchForm(request.GET or None)}
