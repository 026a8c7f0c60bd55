"""The friendly nudge to a producer who has been quiet: what sells in their craft now."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from sellers.models import Partner
from sellers.notifications import send_to_producer

from .producer_selectors import top_unmet_query


def nudge_text(producer, titles, wanted=None):
    """The nudge; `wanted` (a query buyers of the craft searched and did not find, if any)
    adds a line about it."""
    values = {
        "name": producer.name,
        "titles": "، ".join(f"«{title}»" for title in titles),
        "url": settings.SITE_URL + reverse("seller:home"),
    }
    text = _selling(titles, values)
    if wanted:
        text += " " + _("Buyers also searched for «%(query)s» and found nothing.") % {
            "query": wanted
        }
    return text


def _selling(titles, values):
    if titles:
        return (
            _(
                "Dastsaz: hello %(name)s, we have missed you! Buyers are asking for your craft; "
                "these sell best these days: %(titles)s. Add or refresh your products in your "
                "panel: %(url)s"
            )
            % values
        )
    return (
        _(
            "Dastsaz: hello %(name)s, we have missed you! Buyers are waiting for your work. Add "
            "or refresh your products in your panel: %(url)s"
        )
        % values
    )


def nudge_inactive_producer(producer_id, titles):
    producer = Partner.objects.prefetch_related("users").get(pk=producer_id)
    wanted = top_unmet_query(producer)
    with translation.override(settings.LANGUAGE_CODE):
        text = nudge_text(producer, titles, wanted.query if wanted else None)
        send_to_producer(producer, _("Buyers are asking for your craft"), text)
