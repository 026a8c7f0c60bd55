"""Writes of an exhibition's layout, as its organizer sets it up: booths laid out in a grid,
a booth deleted, the opening hours of each weekday. Applications and booth holds are
services.py's."""

import string

from django.db import transaction

from .exceptions import BoothInUse, GridTooLarge
from .models import Booth, Exhibition, OpeningHours

ROW_LETTERS = string.ascii_uppercase
MAX_GRID_ROWS = len(ROW_LETTERS)
MAX_GRID_COLUMNS = 40


PER_ROW, THROUGH = "per_row", "through"


def grid_code(row, column, numbering=PER_ROW, columns=None):
    """A letter for the row and a number: each row from 1 (row 2, column 7 -> 'B7'), or
    through the hall (5 a row: row 2, column 2 -> 'B7'), as fairs number their aisles."""
    number = column if numbering == PER_ROW else (row - 1) * columns + column
    return f"{ROW_LETTERS[row - 1]}{number}"


def lay_out_grid(exhibition, *, rows, columns, kind, size_m2, fee_rials, numbering=PER_ROW):
    """Create the booths of a rows × columns grid (A1 … D5, or A1 … D20 numbered through the
    hall) that are missing. A booth already at a position, or one already named by a grid
    code, is left as it is, never overwritten. Returns (created booths, how many were
    skipped)."""
    if not (1 <= rows <= MAX_GRID_ROWS and 1 <= columns <= MAX_GRID_COLUMNS):
        raise GridTooLarge(MAX_GRID_ROWS, MAX_GRID_COLUMNS)
    with transaction.atomic():
        # One grid at a time per exhibition, so two submissions cannot both add a booth.
        Exhibition.objects.select_for_update().filter(pk=exhibition.pk).first()
        existing = exhibition.booths.values_list("code", "row", "column")
        codes = {code for code, _row, _column in existing}
        places = {(row, column) for _code, row, column in existing}

        def code(row, column):
            return grid_code(row, column, numbering, columns)

        missing = [
            Booth(
                exhibition=exhibition,
                code=code(row, column),
                row=row,
                column=column,
                kind=kind,
                size_m2=size_m2,
                fee_rials=fee_rials,
            )
            for row in range(1, rows + 1)
            for column in range(1, columns + 1)
            if (row, column) not in places and code(row, column) not in codes
        ]
        created = Booth.objects.bulk_create(missing)
    return created, rows * columns - len(created)


def delete_booth(booth):
    """Remove a booth that was never assigned; one that was keeps its history."""
    with transaction.atomic():
        booth = Booth.objects.select_for_update().get(pk=booth.pk)
        if booth.assignments.exists():
            raise BoothInUse(booth)
        booth.delete()


def set_opening_hours(exhibition, hours):
    """`hours`: {weekday (0 = Saturday): (opens_at, closes_at) or None when closed}. The
    week is replaced as a whole."""
    with transaction.atomic():
        exhibition.hours.all().delete()
        OpeningHours.objects.bulk_create(
            OpeningHours(exhibition=exhibition, weekday=day, opens_at=times[0], closes_at=times[1])
            for day, times in sorted(hours.items())
            if times is not None
        )
