"""A real Celery worker against Redis: a change committed in the web process reaches the search
documents through the broker and a worker thread.

Runs when REDIS_URL points at a Redis (CI and `make test` set it); other tests run tasks inline.
"""

import os
import time

import pytest

from search.models import ProductDocument
from shop.celery import app
from tests.factories import make_product

REDIS_URL = os.environ.get("REDIS_URL")

pytestmark = [
    pytest.mark.skipif(
        not REDIS_URL, reason="REDIS_URL is unset: no Redis broker for a real Celery worker"
    ),
    # The worker thread has its own database connection and sees committed rows only.
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def worker(reference_data):
    from celery.contrib.testing.worker import start_worker

    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    app.conf.update(broker_url=REDIS_URL, task_always_eager=False)
    app.control.purge()  # messages left by an interrupted run
    try:
        with start_worker(app, perform_ping_check=False, shutdown_timeout=30):
            yield
    finally:
        app.conf.update(saved)


def wait_for(condition, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_a_committed_product_change_is_indexed_by_a_worker(worker):
    product = make_product(title="گلیم قشقایی", with_image=False)
    ProductDocument.objects.filter(product=product).delete()

    product.title = "گلیم قشقایی دستباف"
    product.save()  # the search signal queues search.tasks.index_products on commit

    assert wait_for(
        lambda: ProductDocument.objects.filter(product=product, title="گلیم قشقایی دستباف").exists()
    ), "the worker did not index the product within 90 s"


def test_a_listing_import_is_read_by_a_worker_and_its_progress_shown(worker, client):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from sellers.models import ListingImport
    from tests.factories import ProducerFactory, UserFactory

    user = UserFactory()
    ProducerFactory().users.add(user)
    client.force_login(user)
    rows = "نام محصول,گروه,رشته,قیمت (تومان),موجودی,ارسال با\n" + "".join(
        f"جعبه خاتم {n},صنایع دستی,خاتم‌کاری,۵۰۰٬۰۰۰,۳,پست ایران\n" for n in range(30)
    )
    file = SimpleUploadedFile("khatam.csv", rows.encode(), "text/csv")
    response = client.post(reverse("seller:import"), {"file": file})
    job = ListingImport.objects.get()
    assert response["Location"] == reverse("seller:import-progress", args=[job.pk])

    assert wait_for(lambda: ListingImport.objects.get(pk=job.pk).is_finished), "no worker"
    job.refresh_from_db()
    assert (job.status, job.created_count, job.row_errors) == ("done", 30, [])
    page = client.get(response["Location"]).content.decode()
    assert "۳۰ از ۳۰ سطر" in page and 'http-equiv="refresh"' not in page


def test_closing_an_exhibition_brings_booth_units_home_through_a_worker(worker):
    from exhibitions.channels import stock as booth_stock
    from exhibitions.models import BoothStock
    from exhibitions.services import set_exhibition_status
    from tests.factories import ProducerFactory, confirmed_booth, running_fair

    fair = running_fair()
    producer = ProducerFactory()
    confirmed_booth(fair, producer, "B2")
    record = make_product(producer=producer, stock=5, with_image=False).stockrecords.get()
    booth_stock.move_to_booth(producer, fair, record.pk, 3)

    set_exhibition_status(fair, "closed")  # queues exhibitions.tasks.return_booth_stock

    assert wait_for(
        lambda: not BoothStock.objects.filter(exhibition=fair, quantity__gt=0).exists()
    ), "the worker did not return the booth units within 90 s"
    record.refresh_from_db()
    assert record.num_in_stock == 5
