"""Listings in bulk: export to CSV or XLSX, and import the same columns back.

A row is checked by the very form the panel uses (sellers/panel/forms.py: ListingForm), so
its errors read as the panel's do, in Persian. A row with a code (شناسه) that is one of the
producer's own listings updates it; without a code, it updates the producer's listing of the
same name or makes a new one (so a file sent twice does not double anything). A code of
another producer's listing is "not found": rows reach only the importer's listings.
The work runs in a Celery task (sellers/tasks.py: run_listing_import) that saves progress
after every row, so the panel shows how far it is.
"""

import csv
import io
import logging

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import AttributeOption, Category, Product, ProductAttribute, ProductClass
from shop.persian.dates import format_jalali_numeric
from shop.persian.digits import to_latin_digits
from shop.persian.money import to_toman

from . import listings, selectors
from .access import may_act
from .exceptions import SellersError
from .models import Carrier, ListingImport
from .panel.forms import ListingForm, craft_categories
from .tasks import run_listing_import

logger = logging.getLogger(__name__)

# (key, Persian header); the header is what a producer sees, either is accepted back.
COLUMNS = (
    ("code", "شناسه"),
    ("class", "گروه"),
    ("category", "رشته"),
    ("title", "نام محصول"),
    ("description", "توضیح"),
    ("price_toman", "قیمت (تومان)"),
    ("stock", "موجودی"),
    ("unit", "واحد"),
    ("preparation_days", "روزهای آماده‌سازی"),
    ("carriers", "ارسال با"),
    ("is_public", "نمایش در فروشگاه"),
)
YES = {"1", "true", "yes", "بله", "آری", "بلی", "✓"}
MAX_ROWS = 2000


def _attribute_names():
    return sorted({a.name for a in ProductAttribute.objects.all()})


def header():
    return [fa for _key, fa in COLUMNS] + _attribute_names()


# --- Export ------------------------------------------------------------------------------


def export_rows(producer):
    names = _attribute_names()
    yield header()
    for product in selectors.listings_for(producer).prefetch_related(
        "attribute_values__attribute", "attribute_values__value_option"
    ):
        record = product.own_stockrecords[0]
        categories = product.categories.all()
        stock = selectors.for_sale(record)
        values = {v.attribute.name: v.value for v in product.attribute_values.all()}
        yield [
            record.partner_sku,
            product.product_class.name,
            categories[0].name if categories else "",
            product.title,
            product.description,
            to_toman(record.price or 0),
            "" if stock is None else stock,
            product.get_unit_display(),
            product.preparation_days,
            "، ".join(str(name) for name in product.carrier_names),
            "بله" if product.is_public else "خیر",
        ] + [_cell(values.get(name, "")) for name in names]


def _cell(value):
    if hasattr(value, "option"):
        return value.option
    if hasattr(value, "isoformat"):
        return format_jalali_numeric(value)
    return value


def export_csv(producer):
    buffer = io.StringIO()
    buffer.write("\ufeff")  # Excel opens UTF-8 CSV as Persian only with a byte-order mark
    writer = csv.writer(buffer)
    for row in export_rows(producer):
        writer.writerow(row)
    return buffer.getvalue().encode("utf-8")


def export_xlsx(producer):
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Listings"))
    sheet.sheet_view.rightToLeft = True
    for row in export_rows(producer):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- Import ------------------------------------------------------------------------------


class ImportFileError(SellersError):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def read_rows(fileobj, name):
    """The file's rows as dicts keyed by header text (first row), blank rows skipped."""
    if name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            book = load_workbook(fileobj, read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many kinds for a broken file
            raise ImportFileError(_("This is not an Excel (.xlsx) file we can read.")) from error
        rows = [
            ["" if c is None else c for c in row]
            for row in book.worksheets[0].iter_rows(values_only=True)
        ]
    else:
        raw = fileobj.read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = raw.decode("cp1256")  # Excel's Persian Windows encoding
            except UnicodeDecodeError as error:
                raise ImportFileError(_("Save the CSV file as UTF-8 and send it again.")) from error
        rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise ImportFileError(_("The file is empty."))
    head = [str(h).strip() for h in rows[0]]
    body = [r for r in rows[1:] if any(str(c).strip() for c in r)]
    if len(body) > MAX_ROWS:
        raise ImportFileError(
            _("A file can hold at most %(max)s rows; split it into parts.") % {"max": MAX_ROWS}
        )
    keys = {fa: key for key, fa in COLUMNS} | {key: key for key, _fa in COLUMNS}
    if "title" not in {keys.get(h) for h in head}:
        raise ImportFileError(_("The first row must hold the column names, as in the export."))
    return [
        {
            keys.get(h, h): (str(c).strip() if c is not None else "")
            for h, c in zip(head, row, strict=False)
        }
        for row in body
    ]


def _match(value, choices):
    """A choice's stored value from what a person wrote: the value or its label."""
    value = value.strip()
    for stored, label in choices:
        if value in (stored, str(label)):
            return stored
    return value


def form_data(row, product_class):
    """A row as ListingForm POST data for `product_class`."""
    category = craft_categories(product_class).filter(name=row.get("category", "")).first()
    category = category or Category.objects.filter(code=row.get("category", "")).first()
    carriers = [
        _match(c, Carrier.choices)
        for c in to_latin_digits(row.get("carriers", "")).replace("،", ",").split(",")
        if c.strip()
    ]
    days = to_latin_digits(row.get("preparation_days", "") or "0")
    data = {
        "title": row.get("title", ""),
        "description": row.get("description", ""),
        "category": category.pk if category else "",
        "price_toman": row.get("price_toman", ""),
        "stock": row.get("stock", ""),
        "unit": _match(row.get("unit", "") or "piece", Product.Unit.choices),
        "made_to_order": "1" if days not in ("", "0") else "0",
        "preparation_days": days,
        "carriers": carriers,
        "is_public": "on" if row.get("is_public", "").lower() in YES else "",
    }
    for attribute in product_class.attributes.all():
        value = row.get(attribute.name, row.get(attribute.code, ""))
        if attribute.type == "option" and value:
            option = AttributeOption.objects.filter(group=attribute.option_group, option=value)
            value = option.values_list("pk", flat=True).first() or value
        data[f"attr_{attribute.code}"] = value
    return data


def _product_class(row):
    text = row.get("class", "")
    return (
        ProductClass.objects.filter(name=text).first()
        or ProductClass.objects.filter(slug=text).first()
    )


def import_row(producer, row):
    """Create or update one listing; returns "created" or "updated", or a list of errors."""
    product = None
    code = row.get("code", "")
    if code:
        try:
            product = selectors.listings_for(producer).get(stockrecords__partner_sku=code)
        except ObjectDoesNotExist:
            return [_("No listing of yours has the code %(code)s.") % {"code": code}]
    elif row.get("title"):
        # Sending the same file twice changes the products it added, it does not double them.
        product = selectors.listings_for(producer).filter(title=row["title"]).first()
    product_class = product.product_class if product else _product_class(row)
    if product_class is None:
        return [_("Unknown group: “%(name)s”.") % {"name": row.get("class", "")}]
    form = ListingForm(form_data(row, product_class), product_class=product_class)
    if not form.is_valid():
        return [
            f"{form.fields[name].label}: {message}" if name in form.fields else str(message)
            for name, errors in form.errors.items()
            for message in errors
        ]
    try:
        if product is None:
            listings.create_listing(producer, product_class, **form.listing_values())
            return "created"
        listings.update_listing(producer, product, **form.listing_values())
        return "updated"
    except SellersError as error:
        return [str(error)]


def start_import(producer, upload, by):
    job = ListingImport.objects.create(
        producer=producer, file=upload, original_name=upload.name[:255], created_by=by
    )
    transaction.on_commit(lambda: run_listing_import.delay(job.pk))
    return job


def run_import(job_id):
    job = ListingImport.objects.select_related("producer").get(pk=job_id)
    if job.is_finished:
        return job  # a redelivered task does the work once
    try:
        with job.file.open("rb") as fileobj:
            rows = read_rows(fileobj, job.original_name)
    except ImportFileError as error:
        job.status, job.failure, job.finished_at = job.Status.FAILED, str(error), timezone.now()
        job.save()
        return job
    job.status, job.total_rows = job.Status.RUNNING, len(rows)
    job.save(update_fields=["status", "total_rows"])
    for number, row in enumerate(rows, start=2):  # row 1 is the header
        if not may_act(job.created_by, job.producer, "listings"):
            job.status, job.finished_at = job.Status.FAILED, timezone.now()
            job.failure = str(_("Access was taken back; the rest of the file was not imported."))
            job.save(update_fields=["status", "finished_at", "failure"])
            return job
        try:
            with transaction.atomic():
                outcome = import_row(job.producer, row)
        except Exception:  # one bad row must not stop the file; it is reported with the rest
            logger.exception("import %s: row %s failed", job.pk, number)
            outcome = [_("This row could not be saved; check it and try again.")]
        if outcome == "created":
            job.created_count += 1
        elif outcome == "updated":
            job.updated_count += 1
        else:
            job.row_errors.append({"row": number, "errors": [str(e) for e in outcome]})
        job.processed_rows += 1
        job.save(update_fields=["processed_rows", "created_count", "updated_count", "row_errors"])
    job.status, job.finished_at = job.Status.DONE, timezone.now()
    job.save(update_fields=["status", "finished_at"])
    return job
