"""Celery tasks run inline here (eager); tests/shop/test_celery_worker.py runs a real worker."""

from unittest import mock

import pytest
from django.conf import settings

from search.models import ProductDocument
from shop.celery import app
from shop.checkout import tasks
from tests.factories import make_product


def test_tasks_run_inline_in_tests_and_without_a_broker():
    assert app.conf.task_always_eager is True
    assert app.conf.task_eager_propagates is True


@pytest.mark.parametrize(
    "entry, command, minutes",
    [
        ("reconcile-payments", "reconcile_payments", 5),
        ("expire-pending-orders", "expire_pending_orders", 10),
    ],
)
def test_each_scheduled_job_runs_its_command(entry, command, minutes):
    schedule = settings.CELERY_BEAT_SCHEDULE[entry]
    assert schedule["schedule"] == minutes * 60
    task = app.tasks[schedule["task"]]
    with mock.patch.object(tasks, "call_command") as call_command:
        task.delay()
    call_command.assert_called_once_with(command)


@pytest.mark.django_db
def test_scheduled_commands_run_for_real_through_their_tasks(zarinpal):
    app.loader.import_default_modules()  # every app's tasks, as a worker finds them
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        app.tasks[entry["task"]].delay()  # no orders, the sandbox gateway: nothing to do


@pytest.mark.django_db
def test_a_product_change_is_indexed_by_a_task_on_commit(
    reference_data, django_capture_on_commit_callbacks
):
    product = make_product(title="سفال لالجین", with_image=False)
    with django_capture_on_commit_callbacks(execute=True):
        product.title = "سفال لعاب‌دار لالجین"
        product.save()
    assert ProductDocument.objects.get(product=product).title == "سفال لعاب‌دار لالجین"


@pytest.mark.django_db
def test_order_paid_emails_for_a_missing_order_send_nothing(mailoutbox):
    assert tasks.send_order_paid_emails.delay(987654).get() == 0
    assert mailoutbox == []
