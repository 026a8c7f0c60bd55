"""The public month view: a Jalali month as weeks from Saturday to Friday, each day with the
exhibitions open on it.

An exhibition is open on a day between its first and last day (a permanent one: from its first
day on) when it has no opening hours at all, or has hours for that weekday: an exhibition with
hours is closed on the weekdays it has none. A closed exhibition is not open after today (it
may have closed before its last day)."""

import datetime
from dataclasses import dataclass, field

import jdatetime

from shop.persian.dates import JALALI_YEARS

from .models import Exhibition, OpeningHours


@dataclass
class Day:
    jalali: jdatetime.date
    date: datetime.date
    is_today: bool
    open: list = field(default_factory=list)  # exhibitions open that day
    closed: list = field(default_factory=list)  # running then, but closed on this weekday

    @property
    def weekday_label(self):
        return OpeningHours.Weekday(OpeningHours.weekday_of(self.date)).label


def month_exists(year, month):
    return year in JALALI_YEARS and 1 <= month <= 12


def month_bounds(year, month):
    """The Gregorian first and last day of a Jalali month."""
    first = jdatetime.date(year, month, 1)
    following = jdatetime.date(year + month // 12, month % 12 + 1, 1)
    return first.togregorian(), following.togregorian() - datetime.timedelta(days=1)


def neighbours(year, month):
    """The (year, month) before and after, each None outside the calendar we show."""
    before = (year - 1, 12) if month == 1 else (year, month - 1)
    after = (year + 1, 1) if month == 12 else (year, month + 1)
    return (before if month_exists(*before) else None, after if month_exists(*after) else None)


def in_dates(exhibition, day, today):
    if day < exhibition.starts_on or (exhibition.ends_on and day > exhibition.ends_on):
        return False
    return not (exhibition.status == Exhibition.Status.CLOSED and day > today)


def open_weekdays(exhibition):
    """The weekdays (Saturday = 0) with hours, or None when the exhibition gives no hours.
    Reads `exhibition.hours.all()`: prefetch it."""
    hours = exhibition.hours.all()
    return {h.weekday for h in hours} if hours else None


def month_grid(year, month, exhibitions, today):
    """Weeks of seven cells (None before the first and after the last day of the month)."""
    first, last = month_bounds(year, month)
    weekdays = {exhibition.pk: open_weekdays(exhibition) for exhibition in exhibitions}
    cells = [None] * OpeningHours.weekday_of(first)
    day = first
    while day <= last:
        cell = Day(jalali=jdatetime.date.fromgregorian(date=day), date=day, is_today=day == today)
        for exhibition in exhibitions:
            if not in_dates(exhibition, day, today):
                continue
            open_on = weekdays[exhibition.pk]
            if open_on is None or OpeningHours.weekday_of(day) in open_on:
                cell.open.append(exhibition)
            else:
                cell.closed.append(exhibition)
        cells.append(cell)
        day += datetime.timedelta(days=1)
    cells += [None] * (-len(cells) % 7)
    return [cells[i : i + 7] for i in range(0, len(cells), 7)]
