"""Listings in bulk: export to CSV and XLSX, import them back with per-row Persian errors."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from catalog.models import Product
from sellers.imports import header
from sellers.models import ListingImport, StockRecord
from tests.factories import make_product

pytestmark = pytest.mark.django_db


def csv_file(rows, name="products.csv"):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow(row)
    return SimpleUploadedFile(name, buffer.getvalue().encode("utf-8"), "text/csv")


def xlsx_file(rows, name="products.xlsx"):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile(name, out.getvalue(), "application/octet-stream")


HEAD = ["گروه", "رشته", "نام محصول", "قیمت (تومان)", "موجودی", "واحد", "ارسال با",
        "نمایش در فروشگاه", "عرض (سانتی‌متر)", "طول (سانتی‌متر)"]  # fmt: skip


def upload(client, file, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("seller:import"), {"file": file})
    assert response.status_code == 302, response.content[:300]
    return ListingImport.objects.get(pk=response["Location"].rstrip("/").rsplit("/", 1)[1])


def test_a_csv_adds_listings_and_reports_bad_rows_in_persian(
    producer_client, django_capture_on_commit_callbacks
):
    client, producer = producer_client
    rows = [
        HEAD,
        ["فرش و گلیم", "گلیم‌بافی", "گلیم شیراز", "۳٬۲۰۰٬۰۰۰", "۲", "متر مربع", "پست ایران، تیپاکس",
         "بله", "۱۲۰", "۱۸۰"],
        ["فرش و گلیم", "گلیم‌بافی", "گلیم بی‌اندازه", "۱۰۰۰", "۱", "عدد", "پست ایران", "بله", "", ""],
        ["ظروف فضایی", "", "چیز ناشناخته", "۱۰۰", "۱", "", "", "", "", ""],
        ["فرش و گلیم", "گلیم‌بافی", "گلیم بی‌قیمت", "رایگان", "۱", "عدد", "پست ایران", "", "۱", "۱"],
    ]  # fmt: skip
    job = upload(client, csv_file(rows), django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.status == "done" and job.total_rows == 4 and job.processed_rows == 4
    assert job.created_count == 1
    assert [e["row"] for e in job.row_errors] == [3, 4, 5]
    assert "عرض (سانتی‌متر)" in " ".join(job.row_errors[0]["errors"])
    assert "ظروف فضایی" in job.row_errors[1]["errors"][0]

    product = Product.objects.get(title="گلیم شیراز")
    record = StockRecord.objects.get(product=product)
    assert (record.partner, record.price, record.num_in_stock) == (producer, 32_000_000, 2)
    assert product.unit == "m2" and product.carriers == ["post", "tipax"]
    assert product.attr.width_cm == 120 and product.is_public

    page = client.get(reverse("seller:import-progress", args=[job.pk])).content.decode()
    assert "سطر ۳" in page and "۱۰۰٪" in page

    # The same file again changes what it added; nothing is doubled.
    upload(client, csv_file(rows), django_capture_on_commit_callbacks)
    assert Product.objects.filter(title="گلیم شیراز").count() == 1


def test_export_then_import_of_xlsx_round_trips_and_updates_by_code(
    producer_client, django_capture_on_commit_callbacks
):
    client, producer = producer_client
    make_product(
        producer=producer,
        title="جعبه خاتم",
        price_rials=12_500_000,
        stock=5,
        attributes={"materials": "چوب گردو"},
        carriers=["post"],
        with_image=False,
    )
    exported = client.get(reverse("seller:export-xlsx")).content
    sheet = load_workbook(io.BytesIO(exported)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == header()
    title_col, price_col = rows[0].index("نام محصول"), rows[0].index("قیمت (تومان)")
    assert rows[1][title_col] == "جعبه خاتم" and rows[1][price_col] == 1_250_000
    rows[1][price_col] = 1_400_000

    job = upload(client, xlsx_file(rows), django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert (job.updated_count, job.created_count, job.row_errors) == (1, 0, [])
    product = Product.objects.get()
    assert StockRecord.objects.get(product=product).price == 14_000_000
    assert product.attr.materials == "چوب گردو"


def test_a_code_of_another_producers_listing_is_not_found(
    producer_client, other_producer, django_capture_on_commit_callbacks
):
    client, _ = producer_client
    theirs = make_product(producer=other_producer, title="گبه", with_image=False)
    code = theirs.stockrecords.get().partner_sku
    rows = [["شناسه", "نام محصول", "قیمت (تومان)"], [code, "گبه من", "۱"]]
    job = upload(client, csv_file(rows), django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert code in job.row_errors[0]["errors"][0]
    theirs.refresh_from_db()
    assert theirs.title == "گبه" and theirs.stockrecords.get().price == 12_500_000


def test_a_file_that_is_not_a_spreadsheet_fails_with_a_persian_reason(
    producer_client, django_capture_on_commit_callbacks
):
    client, _ = producer_client
    fake = SimpleUploadedFile("products.xlsx", b"PK\x03\x04 not really", "application/zip")
    job = upload(client, fake, django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.status == "failed" and "اکسل" in job.failure
    response = client.post(
        reverse("seller:import"), {"file": SimpleUploadedFile("a.pdf", b"%PDF", "application/pdf")}
    )
    assert response.status_code == 200 and "csv" in response.content.decode()
