"""The iCal feeds of public exhibitions (`/exhibitions/calendar.ics`, one per province), for
phone calendars to subscribe to. The only importer of `icalendar`.

One VEVENT per exhibition, all-day dates (DTEND is exclusive: the day after the last day), a
UID that never changes (`exhibition-<pk>@dastsaz.ir`), so a calendar updates an event rather
than adding it twice.

A permanent exhibition has no last day. An endless daily (or weekly) recurrence would fill a
phone's calendar with the same event every day for ever, so it is one all-day event on the day
it opens, whose title and description say it is permanent and give its opening hours; the
event's link leads to its page.

An exhibition closed before it ever opened is CANCELLED; every other one is CONFIRMED (a
closed exhibition that did run stays in the calendar as what happened)."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from shop.persian.dates import format_jalali_date
from shop.persian.numbers import localised_number, ui_language

from .models import Exhibition

UID = "exhibition-{pk}@dastsaz.ir"
PRODID = "-//Dastsaz//Exhibitions//FA"


def build_calendar(exhibitions, *, name, url_of, now=None):
    """The feed as bytes. `exhibitions`: with venue, province, city and hours prefetched;
    `url_of(exhibition)`: the absolute address of its page."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Asia/Tehran")
    # Subscribed calendars ask again once a day.
    calendar.add("refresh-interval", datetime.timedelta(days=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "P1D")
    for exhibition in exhibitions:
        calendar.add_component(_event(exhibition, url_of(exhibition), now, today))
    return calendar.to_ical()


def _event(exhibition, url, now, today):
    venue = exhibition.venue
    event = Event()
    event.add("uid", UID.format(pk=exhibition.pk))
    event.add("dtstamp", now)
    event.add("created", exhibition.created_at)
    event.add("dtstart", exhibition.starts_on)
    last_day = exhibition.ends_on or exhibition.starts_on
    event.add("dtend", last_day + datetime.timedelta(days=1))
    event.add("transp", "TRANSPARENT")  # an exhibition to visit does not make anyone busy
    summary = exhibition.title
    if exhibition.is_permanent:
        summary = _("%(title)s (permanent exhibition)") % {"title": exhibition.title}
    event.add("summary", summary)
    event.add("location", location_of(venue))
    if venue.latitude is not None and venue.longitude is not None:
        event.add("geo", (float(venue.latitude), float(venue.longitude)))
    event.add("url", url)
    event.add("description", _description(exhibition, url))
    cancelled = exhibition.status == Exhibition.Status.CLOSED and exhibition.starts_on > today
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


def location_of(venue):
    parts = [venue.name, venue.address]
    if venue.city:
        parts.append(str(venue.city))
    parts.append(str(venue.province))
    return "، ".join(part for part in parts if part)


def _description(exhibition, url):
    lines = []
    if exhibition.is_permanent:
        lines.append(
            _("A permanent exhibition, open from %(date)s.")
            % {"date": format_jalali_date(exhibition.starts_on, ui_language())}
        )
    else:
        lines.append(
            _("From %(start)s to %(end)s.")
            % {
                "start": format_jalali_date(exhibition.starts_on, ui_language()),
                "end": format_jalali_date(exhibition.ends_on, ui_language()),
            }
        )
    hours = list(exhibition.hours.all())
    if hours:
        lines.append(_("Opening hours:"))
        for h in hours:
            times = localised_number(f"{h.opens_at:%H:%M}–{h.closes_at:%H:%M}")
            lines.append(f"{h.get_weekday_display()}: {times}")
    if exhibition.description:
        lines += ["", exhibition.description]
    lines += ["", url]
    return "\n".join(lines)
