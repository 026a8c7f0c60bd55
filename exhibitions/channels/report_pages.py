"""What the seller panel's and the organizer panel's report pages share: the date range form
(Jalali dates, any digits), the page context with its two charts, and the CSV export."""

from django import forms
from django.utils.translation import gettext_lazy as _

from shop.persian.forms import JalaliDateField
from shop.persian.money import toman_plain
from shop.persian.numbers import localised_number
from shop.spreadsheets import csv_download, jalali_cell

from . import charts
from .reports import MAX_DAYS, default_range


class RangeForm(forms.Form):
    start = JalaliDateField(label=_("From"), required=False)
    end = JalaliDateField(label=_("To"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-control form-control-lg"

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            raise forms.ValidationError(_("The first day comes after the last."), code="order")
        if start and end and (end - start).days >= MAX_DAYS:
            raise forms.ValidationError(
                _("Choose at most %(days)s days."),
                code="too_long",
                params={"days": localised_number(MAX_DAYS)},
            )
        return data


def date_range(request):
    """(form, start, end) from `?start=…&end=…`; the last 30 days when missing or wrong."""
    form = RangeForm(request.GET or None)
    default_start, default_end = default_range()
    if form.is_bound and form.is_valid():
        end = form.cleaned_data["end"] or default_end
        start = form.cleaned_data["start"] or end - (default_end - default_start)
        if (end - start).days < MAX_DAYS and start <= end:
            return form, start, end
    if not form.is_bound:
        form = RangeForm(initial={"start": default_start, "end": default_end})
    return form, default_start, default_end


def page_context(report, form):
    for index, channel in enumerate(report.channels):
        channel.colour = charts.colour(index)
    return {
        "report": report,
        "form": form,
        "daily_chart": charts.daily_chart(report),
        "top_chart": charts.top_products_chart(report),
        "query": f"start={report.start:%Y-%m-%d}&end={report.end:%Y-%m-%d}",
    }


CSV_COLUMNS = ["date_jalali", "date", "channel", "exhibition_id", "orders", "units",
               "sales_rials", "sales_toman"]  # fmt: skip


def csv_response(report, name):
    """One row per day and channel that sold something, oldest first."""
    rows = (
        [
            jalali_cell(day),
            day.isoformat(),
            str(channel.label),
            channel.exhibition.pk if channel.exhibition else "",
            figures.orders,
            figures.units,
            figures.sales_rials,
            toman_plain(figures.sales_rials),
        ]
        for day, channel, figures in report.rows()
    )
    stamp = f"{report.start:%Y%m%d}-{report.end:%Y%m%d}"
    return csv_download(f"{name}-{stamp}.csv", CSV_COLUMNS, rows)
