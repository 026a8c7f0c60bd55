"""Who may work in the organizer panel: the one place that decides it.

`organizer_required` admits a member of an active organizer and gives the view
`request.organizer`; anonymous visitors are sent to log in, and any other account (a buyer,
a producer) gets a page saying what the panel is for, with status 403. Views then reach every
object through a selector scoped to `request.organizer` (`selectors.exhibitions_of`,
`venues_of`, `booths_of`, `applications_to`) and `get_object_or_404`, so another organizer's
object is a 404 by construction.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render

from .. import selectors


def organizer_required(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        organizer = selectors.organizer_of(request.user)
        if organizer is None:
            return render(request, "exhibitions/panel/not_an_organizer.html", status=403)
        request.organizer = organizer
        return view(request, *args, **kwargs)

    return wrapped
