"""CSV downloads for spreadsheet programs, one way for every page that offers one: UTF-8 with a
byte-order mark (so Excel reads Persian right), Jalali dates with Latin digits beside ISO
ones, and text that a spreadsheet would run as a formula quoted."""

import csv
import io

import jdatetime
from django.http import HttpResponse


def spreadsheet_safe(value):
    """Text someone typed (a producer's name, an exhibition's title) that a spreadsheet would
    run as a formula gets a leading quote; numbers, negative ones included, pass unchanged."""
    if not isinstance(value, str) or value[:1] not in ("=", "+", "-", "@"):
        return value
    try:
        float(value)
    except ValueError:
        return "'" + value
    return value


def jalali_cell(day):
    """A date as a spreadsheet reads it: 1405/09/02 (empty for none)."""
    return jdatetime.date.fromgregorian(date=day).strftime("%Y/%m/%d") if day else ""


def csv_text(header, rows):
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return out.getvalue()


def csv_download(filename, header, rows):
    """An attachment `filename` (ending .csv) with `header` and `rows` (lists of cells)."""
    response = HttpResponse(csv_text(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
