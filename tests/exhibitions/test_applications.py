"""Booth applications: who may apply when, the organizer's decisions, booth holds, expiry
and closing (exhibitions/services.py)."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from exhibitions import fees, selectors, services
from exhibitions.exceptions import (
    AlreadyApplied,
    ApplicationStateError,
    BoothTaken,
    CannotPay,
    ExhibitionClosed,
    FeeDiffers,
    NotApproved,
    OutsideWindow,
    ReasonRequired,
    StatusChangeNotAllowed,
    WrongBooth,
)
from exhibitions.models import BoothAssignment, Exhibition
from tests.factories import (
    BoothFactory,
    ExhibitionFactory,
    ProducerFactory,
    make_product,
)

pytestmark = pytest.mark.django_db


def apply(fair, producer, **fields):
    return services.apply(fair, producer, preferred_kind="standard", **fields)


@pytest.fixture
def producer(reference_data):
    return ProducerFactory(name="گیوه‌دوزی کرمانشاه", mobile="09120000002")


@pytest.fixture
def member(organizer_client):
    return organizer_client[0].user


def live(booth):
    return BoothAssignment.objects.filter(booth=booth, released_at__isnull=True)


def test_an_approved_producer_applies_with_the_products_they_will_bring(
    fair, producer, sms_outbox, mailoutbox, django_capture_on_commit_callbacks
):
    product = make_product(producer=producer, with_image=False)
    with django_capture_on_commit_callbacks(execute=True):
        application = apply(fair, producer, products=[product], note="دو میز می‌خواهم")

    assert application.status == "applied"
    assert list(application.products.all()) == [product]
    assert sms_outbox[-1].mobile == "09120000002"
    organizer_mail = [m for m in mailoutbox if fair.organizer.email in m.to]
    path = reverse("organizer:application", args=[fair.pk, application.pk])
    assert organizer_mail and path in organizer_mail[0].body


@pytest.mark.parametrize(
    "status", ["applied", "rejected", "suspended", "closed"], ids=lambda s: f"producer-{s}"
)
def test_only_an_approved_producer_may_apply(fair, status):
    producer = ProducerFactory(status=status)
    with pytest.raises(NotApproved):
        apply(fair, producer)
    assert not fair.applications.exists()


def test_a_producer_whose_licence_has_expired_may_not_apply(fair):
    producer = ProducerFactory(licence_expires_on=timezone.localdate() - datetime.timedelta(1))
    with pytest.raises(NotApproved):
        apply(fair, producer)


@pytest.mark.parametrize("status", ["draft", "closed"])
def test_a_draft_or_closed_exhibition_takes_no_applications(fair, producer, status):
    Exhibition.objects.filter(pk=fair.pk).update(status=status)
    fair.refresh_from_db()
    with pytest.raises(ExhibitionClosed):
        apply(fair, producer)


def test_a_running_seasonal_fair_takes_no_applications_but_a_permanent_one_does(producer):
    seasonal = ExhibitionFactory(status="running")
    with pytest.raises(ExhibitionClosed):
        apply(seasonal, producer)
    permanent = ExhibitionFactory(
        kind="permanent", status="running", ends_on=None,
        starts_on=timezone.localdate() - datetime.timedelta(days=30),
        applications_close_on=timezone.localdate() + datetime.timedelta(days=300),
    )  # fmt: skip
    assert apply(permanent, producer).status == "applied"


def test_applications_outside_the_window_are_refused_with_its_dates(fair, producer):
    with pytest.raises(OutsideWindow) as error:
        services.apply(fair, producer, preferred_kind="standard",
                       today=fair.applications_close_on + datetime.timedelta(days=1))  # fmt: skip
    with pytest.raises(OutsideWindow):
        services.apply(fair, producer, preferred_kind="standard",
                       today=fair.applications_open_on - datetime.timedelta(days=1))  # fmt: skip
    assert "۱۴" in str(error.value)  # Jalali dates in Persian digits
    assert not fair.applications.exists()


def test_a_second_open_application_to_one_exhibition_is_refused(fair, producer):
    apply(fair, producer)
    with pytest.raises(AlreadyApplied):
        apply(fair, producer)
    assert fair.applications.count() == 1


def test_after_a_rejection_the_producer_may_apply_again(fair, producer, member):
    services.reject(apply(fair, producer), "غرفه‌ها پر است", member)
    assert apply(fair, producer).status == "applied"


def test_a_producer_cannot_list_another_producers_products(fair, producer):
    someone_elses = make_product(with_image=False)
    with pytest.raises(ApplicationStateError):
        apply(fair, producer, products=[someone_elses])


def test_accepting_holds_the_booth_for_the_fairs_dates_with_a_fee_to_pay(fair, producer, member):
    booth = fair.booths.get(code="B2")
    application = services.accept(apply(fair, producer), booth, member)

    assert application.status == "accepted"
    assert application.fee_rials == booth.fee_rials
    assert application.pay_by > timezone.now() + datetime.timedelta(days=2)
    (hold,) = live(booth)
    assert (hold.starts_on, hold.ends_on) == (fair.starts_on, fair.ends_on)
    assert [s for b, s, _a in selectors.floor_plan(fair) if b == booth] == ["taken"]


def test_a_free_booth_is_confirmed_at_once(fair, producer, member):
    Exhibition.objects.filter(pk=fair.pk).update(fee_policy="free")
    fair.refresh_from_db()
    application = services.accept(apply(fair, producer), fair.booths.first(), member)
    assert application.status == "paid" and application.fee_rials == 0
    with pytest.raises(CannotPay):
        fees.record_cash(application, member)


def test_a_booth_held_by_one_producer_cannot_be_given_to_another(fair, producer, member):
    booth = fair.booths.get(code="A1")
    services.accept(apply(fair, producer), booth, member)
    second = apply(fair, ProducerFactory())
    with pytest.raises(BoothTaken) as error:
        services.accept(second, booth, member)
    assert "A1" in str(error.value)
    second.refresh_from_db()
    assert second.status == "applied" and live(booth).count() == 1


def test_a_booth_of_another_exhibition_cannot_be_assigned(fair, producer, member):
    elsewhere = BoothFactory()
    with pytest.raises(WrongBooth):
        services.accept(apply(fair, producer), elsewhere, member)


def test_the_database_refuses_overlapping_holds_of_one_booth(fair, producer, member):
    """Even past the services (PostgreSQL's exclusion constraint)."""
    booth = fair.booths.get(code="C3")
    first = services.accept(apply(fair, producer), booth, member)
    second = apply(fair, ProducerFactory())
    with pytest.raises(IntegrityError), transaction.atomic():
        BoothAssignment.objects.create(
            booth=booth, application=second, starts_on=fair.ends_on, ends_on=fair.ends_on
        )
    # Not overlapping: the day after is free.
    BoothAssignment.objects.create(
        booth=booth,
        application=second,
        starts_on=fair.ends_on + datetime.timedelta(days=1),
        ends_on=fair.ends_on + datetime.timedelta(days=2),
    )
    assert first.booth == booth


def test_permanent_exhibitions_hold_a_booth_for_a_term_then_free_it(producer, member):
    today = timezone.localdate()
    permanent = ExhibitionFactory(
        kind="permanent", status="running", ends_on=None, term_days=30,
        starts_on=today - datetime.timedelta(days=100),
        applications_close_on=today + datetime.timedelta(days=300),
    )  # fmt: skip
    booth = BoothFactory(exhibition=permanent)
    permanent.organizer.users.add(member)
    services.accept(apply(permanent, producer), booth, member, today=today)
    (hold,) = live(booth)
    assert (hold.starts_on, hold.ends_on) == (today, today + datetime.timedelta(days=29))
    later = today + datetime.timedelta(days=30)
    assert [s for _b, s, _a in selectors.floor_plan(permanent, day=later)] == ["free"]
    services.accept(
        services.apply(permanent, ProducerFactory(), preferred_kind="standard", today=later),
        booth,
        member,
        today=later,
    )
    assert live(booth).count() == 2


def test_rejecting_needs_a_reason_and_frees_the_booth(
    fair, producer, member, sms_outbox, django_capture_on_commit_callbacks
):
    booth = fair.booths.get(code="D5")
    application = services.accept(apply(fair, producer), booth, member)
    with pytest.raises(ReasonRequired):
        services.reject(application, "  ", member)
    with django_capture_on_commit_callbacks(execute=True):
        services.reject(application, "مدارک ناقص است", member)
    application.refresh_from_db()
    assert application.status == "rejected" and application.reason == "مدارک ناقص است"
    assert not live(booth).exists()
    assert "مدارک ناقص است" in sms_outbox[-1].text


def test_a_rejected_application_cannot_be_paid(fair, producer, member):
    application = services.accept(apply(fair, producer), fair.booths.first(), member)
    services.reject(application, "جا نداریم", member)
    application.refresh_from_db()
    with pytest.raises(CannotPay):
        fees.record_cash(application, member)
    assert not application.payment_attempts.exists()


def test_a_paid_booth_is_not_rejected(fair, producer, member):
    application = services.accept(apply(fair, producer), fair.booths.first(), member)
    fees.record_cash(application, member)
    with pytest.raises(ApplicationStateError):
        services.reject(application, "دیر شد", member)


def test_moving_an_unpaid_application_takes_the_new_booths_fee(fair, producer, member):
    a1, b7 = (
        fair.booths.get(code="A1"),
        BoothFactory(exhibition=fair, code="B7", row=5, column=1, fee_rials=30_000_000),
    )
    application = services.accept(apply(fair, producer), a1, member)
    application = services.move(application, b7, member)
    assert application.booth == b7 and application.fee_rials == 30_000_000
    assert not live(a1).exists() and live(b7).count() == 1


def test_a_paid_application_moves_only_to_a_booth_that_costs_no_more(fair, producer, member):
    cheap = BoothFactory(exhibition=fair, code="E1", row=6, column=1, fee_rials=5_000_000)
    application = services.accept(apply(fair, producer), cheap, member)
    fees.record_cash(application, member)
    with pytest.raises(FeeDiffers):
        services.move(application, fair.booths.get(code="A1"), member)
    same = BoothFactory(exhibition=fair, code="E2", row=6, column=2, fee_rials=5_000_000)
    assert services.move(application, same, member).booth == same


def test_an_unpaid_hold_expires_after_its_deadline_and_frees_the_booth(
    fair, producer, member, sms_outbox, django_capture_on_commit_callbacks
):
    booth = fair.booths.get(code="B3")
    application = services.accept(apply(fair, producer), booth, member)
    assert services.expire_unpaid() == []  # not yet
    with django_capture_on_commit_callbacks(execute=True):
        (expired,) = services.expire_unpaid(now=application.pay_by + datetime.timedelta(1))
    assert expired.status == "expired" and not live(booth).exists()
    assert sms_outbox[-1].mobile == producer.mobile
    with pytest.raises(CannotPay):
        fees.record_cash(expired, member)


def test_a_paid_hold_never_expires(fair, producer, member):
    application = services.accept(apply(fair, producer), fair.booths.first(), member)
    fees.record_cash(application, member)
    assert services.expire_unpaid(now=application.pay_by + datetime.timedelta(days=9)) == []


def test_withdrawing_frees_the_booth_and_a_paid_one_cannot_be_withdrawn(fair, producer, member):
    booth = fair.booths.first()
    application = services.accept(apply(fair, producer), booth, member)
    services.withdraw(application)
    assert not live(booth).exists()
    again = services.accept(apply(fair, producer), booth, member)
    fees.record_cash(again, member)
    with pytest.raises(ApplicationStateError):
        services.withdraw(again)


def test_cash_is_recorded_only_by_the_exhibitions_organizer(fair, producer, member):
    from exhibitions.exceptions import NotAllowed
    from tests.factories import UserFactory

    application = services.accept(apply(fair, producer), fair.booths.first(), member)
    with pytest.raises(NotAllowed):
        fees.record_cash(application, UserFactory())
    paid = fees.record_cash(application, member)
    (attempt,) = paid.payment_attempts.all()
    assert (attempt.adapter, attempt.status, attempt.amount_rials) == ("cash", "paid", 20_000_000)
    assert attempt.order_id is None


def test_closing_rejects_waiting_applications_and_keeps_confirmed_booths(fair, producer, member):
    paid = services.accept(apply(fair, producer), fair.booths.get(code="A1"), member)
    fees.record_cash(paid, member)
    waiting = apply(fair, ProducerFactory())
    unpaid = services.accept(apply(fair, ProducerFactory()), fair.booths.get(code="A2"), member)

    services.set_exhibition_status(fair, "closed")

    waiting.refresh_from_db(), unpaid.refresh_from_db(), paid.refresh_from_db()
    assert (waiting.status, unpaid.status, paid.status) == ("rejected", "rejected", "paid")
    assert live(fair.booths.get(code="A1")).exists()
    assert not live(fair.booths.get(code="A2")).exists()


def test_an_exhibition_moves_only_along_its_flow(fair):
    services.set_exhibition_status(fair, "closed")
    with pytest.raises(StatusChangeNotAllowed):
        services.set_exhibition_status(fair, "accepting")


def test_the_schedule_opens_and_closes_fairs_by_their_dates(fair):
    services.advance_exhibitions(today=fair.starts_on)
    fair.refresh_from_db()
    assert fair.status == "running"
    services.advance_exhibitions(today=fair.ends_on)
    fair.refresh_from_db()
    assert fair.status == "running"  # open on its last day
    services.advance_exhibitions(today=fair.ends_on + datetime.timedelta(days=1))
    fair.refresh_from_db()
    assert fair.status == "closed"
