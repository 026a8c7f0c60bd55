"""Booth bookings as a state machine (hypothesis) on PostgreSQL: whatever sequence of
applications, acceptances, moves, rejections, withdrawals, cash and online payments, expiries
and closing, these hold after every step:

- a booth is never held twice for overlapping dates (live assignments of one booth are
  disjoint), on a seasonal fair and on a permanent exhibition with terms;
- an application holds exactly one booth while accepted or paid, and none otherwise;
- a paid application has exactly one paid payment of exactly its fee; no other application
  has any paid payment;
- a producer has at most one open application per exhibition;
- every application's state is the one a plain model of the rules predicts.
"""

import datetime
import itertools

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    multiple,
    rule,
    run_state_machine_as_test,
)

from exhibitions import fees, services
from exhibitions.exceptions import ExhibitionsError
from exhibitions.models import BoothApplication, BoothAssignment
from shop.payments.models import PaymentAttempt
from tests.factories import (
    BoothFactory,
    ExhibitionFactory,
    OrganizerFactory,
    ProducerFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
OPEN = ("applied", "accepted", "paid")
FEES = (10_000_000, 20_000_000, 30_000_000)


class Bookings(RuleBasedStateMachine):
    made = Bundle("applications")

    def __init__(self):
        super().__init__()
        self.savepoint = transaction.savepoint()

    def teardown(self):
        transaction.savepoint_rollback(self.savepoint)

    @initialize()
    def a_fair_and_a_park(self):
        today = timezone.localdate()
        self.today = today
        organizer = OrganizerFactory()
        self.member = UserFactory()
        organizer.users.add(self.member)
        self.fair = ExhibitionFactory(organizer=organizer)
        self.park = ExhibitionFactory(
            organizer=organizer, kind="permanent", status="running", ends_on=None,
            term_days=10, starts_on=today - datetime.timedelta(days=5),
            applications_close_on=today + datetime.timedelta(days=90),
        )  # fmt: skip
        self.booths = {
            exhibition.pk: [
                BoothFactory(exhibition=exhibition, fee_rials=fee, column=i + 1)
                for i, fee in enumerate(FEES)
            ]
            for exhibition in (self.fair, self.park)
        }
        self.producers = [ProducerFactory() for _ in range(4)]
        self.applications = []  # every application made, in order
        self.expected = {}  # application id → status the rules predict
        self.days = itertools.count(0, 4)  # a permanent exhibition's terms start 4 days apart

    def _exhibition(self, which):
        return self.fair if which == 0 else self.park

    def _try(self, action):
        try:
            with transaction.atomic():
                return action()
        except ExhibitionsError:
            return None

    @rule(target=made, producer=st.integers(0, 3), which=st.integers(0, 1))
    def apply(self, producer, which):
        exhibition, producer = self._exhibition(which), self.producers[producer]
        has_open = any(
            self.expected[a.pk] in OPEN
            for a in self.applications
            if a.producer_id == producer.pk and a.exhibition_id == exhibition.pk
        )
        exhibition.refresh_from_db()
        application = self._try(
            lambda: services.apply(exhibition, producer, preferred_kind="standard")
        )
        assert (application is None) == (has_open or exhibition.status == "closed")
        if application is None:
            return multiple()
        self.applications.append(application)
        self.expected[application.pk] = "applied"
        return application

    @rule(application=made, booth=st.integers(0, 2))
    def accept(self, application, booth):
        target = self.booths[application.exhibition_id][booth]
        day = self.today + datetime.timedelta(days=next(self.days) % 20)
        done = self._try(lambda: services.accept(application, target, self.member, today=day))
        if done is not None:
            assert self.expected[application.pk] == "applied"
            self.expected[application.pk] = "accepted"
        else:
            assert self.expected[application.pk] != "applied" or not self._free(target, day)

    def _free(self, booth, day):
        start, end = booth.exhibition.term_from(day)
        return services.booth_is_free(booth, start, end)

    @rule(application=made, booth=st.integers(0, 2))
    def move(self, application, booth):
        target = self.booths[application.exhibition_id][booth]
        done = self._try(lambda: services.move(application, target, self.member))
        if done is not None:
            assert self.expected[application.pk] in ("accepted", "paid")

    @rule(application=made)
    def reject(self, application):
        if self._try(lambda: services.reject(application, "نه", self.member)):
            assert self.expected[application.pk] in ("applied", "accepted")
            self.expected[application.pk] = "rejected"

    @rule(application=made)
    def withdraw(self, application):
        if self._try(lambda: services.withdraw(application)):
            assert self.expected[application.pk] in ("applied", "accepted")
            self.expected[application.pk] = "withdrawn"

    @rule(application=made)
    def pay_cash(self, application):
        if self._try(lambda: fees.record_cash(application, self.member)):
            assert self.expected[application.pk] == "accepted"
            self.expected[application.pk] = "paid"

    @rule()
    def deadlines_pass(self):
        later = timezone.now() + datetime.timedelta(days=30)
        for application in services.expire_unpaid(now=later):
            assert self.expected[application.pk] == "accepted"
            self.expected[application.pk] = "expired"

    @rule()
    def the_fair_closes(self):
        if self.fair.status == "closed":
            return
        self.fair = services.set_exhibition_status(self.fair, "closed")
        for application in self.applications:
            if application.exhibition_id == self.fair.pk and self.expected[application.pk] in (
                "applied",
                "accepted",
            ):
                self.expected[application.pk] = "rejected"

    @invariant()
    def statuses_are_as_the_rules_say(self):
        actual = dict(
            BoothApplication.objects.filter(pk__in=self.expected).values_list("pk", "status")
        )
        assert actual == self.expected

    @invariant()
    def no_booth_is_held_twice_at_once(self):
        holds = BoothAssignment.objects.filter(released_at__isnull=True).order_by(
            "booth_id", "starts_on"
        )
        for booth_id, group in itertools.groupby(holds, key=lambda a: a.booth_id):
            group = list(group)
            for earlier, later in itertools.pairwise(group):
                assert earlier.ends_on < later.starts_on, f"booth {booth_id} held twice"

    @invariant()
    def open_applications_hold_exactly_one_booth(self):
        for application in BoothApplication.objects.filter(pk__in=self.expected):
            live = application.assignments.filter(released_at__isnull=True).count()
            assert live == (1 if application.status in ("accepted", "paid") else 0)

    @invariant()
    def fees_are_paid_exactly_once_and_only_for_confirmed_booths(self):
        for application in BoothApplication.objects.filter(pk__in=self.expected):
            paid = list(application.payment_attempts.filter(status=PaymentAttempt.Status.PAID))
            if application.status == "paid":
                assert [a.amount_rials for a in paid] == [application.fee_rials]
            else:
                assert paid == []

    @invariant()
    def one_open_application_per_producer_and_exhibition(self):
        pairs = [
            (a.producer_id, a.exhibition_id)
            for a in self.applications
            if self.expected[a.pk] in OPEN
        ]
        assert len(pairs) == len(set(pairs))


def test_booth_bookings_hold_their_rules_whatever_happens(reference_data):
    run_state_machine_as_test(
        Bookings,
        settings=settings(
            max_examples=50,
            stateful_step_count=25,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        ),
    )
