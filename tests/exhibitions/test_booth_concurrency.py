"""One booth, assigned at the same moment by several organizer members for overlapping
dates: exactly one succeeds, the others are told the booth is taken. Assignments to one booth
queue on its row; PostgreSQL's exclusion constraint stays as the last word for any writer
that does not."""

import datetime
import threading

import pytest
from django.db import OperationalError, close_old_connections, connection, transaction
from django.utils import timezone

from exhibitions import services
from exhibitions.exceptions import BoothTaken
from exhibitions.models import Booth, BoothAssignment
from tests.factories import (
    BoothFactory,
    ExhibitionFactory,
    OrganizerFactory,
    ProducerFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ROUNDS = 12


def race(*actions):
    """Run the actions in threads released together; returns (successes, refusals)."""
    start = threading.Barrier(len(actions))
    done, refused = [], []

    def run(action):
        try:
            start.wait()
            done.append(action())
        except BoothTaken as error:
            refused.append(error)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return done, refused


def test_four_members_assigning_one_booth_at_once_give_it_to_exactly_one(reference_data):
    organizer = OrganizerFactory()
    members = [UserFactory() for _ in range(4)]
    organizer.users.add(*members)
    fair = ExhibitionFactory(organizer=organizer)
    for round_ in range(ROUNDS // 2):
        booth = BoothFactory(exhibition=fair, code=f"B{round_}")
        applications = [
            services.apply(fair, ProducerFactory(), preferred_kind="standard") for _ in members
        ]

        done, refused = race(
            *(
                (lambda a=application, m=member, b=booth: services.accept(a, b, m))
                for application, member in zip(applications, members, strict=True)
            )
        )

        assert len(done) == 1 and len(refused) == 3
        (hold,) = BoothAssignment.objects.filter(booth=booth, released_at__isnull=True)
        assert hold.application_id == done[0].pk
        statuses = sorted(
            a.status for a in fair.applications.filter(pk__in=[a.pk for a in applications])
        )
        assert statuses == ["accepted", "applied", "applied", "applied"]


def test_overlapping_terms_of_a_permanent_exhibition_are_assigned_once(reference_data):
    """Two producers' terms at one booth starting on different days that overlap. Raced over
    several booths: left to the exclusion constraint alone, two such inserts could deadlock
    (one in a dozen races did, in CI) instead of one being told the booth is taken."""
    today = timezone.localdate()
    organizer = OrganizerFactory()
    member = UserFactory()
    organizer.users.add(member)
    park = ExhibitionFactory(
        organizer=organizer, kind="permanent", status="running", ends_on=None, term_days=30,
        starts_on=today - datetime.timedelta(days=60),
        applications_close_on=today + datetime.timedelta(days=365),
    )  # fmt: skip
    for _ in range(ROUNDS):
        booth = BoothFactory(exhibition=park)
        first = services.apply(park, ProducerFactory(), preferred_kind="standard")
        second = services.apply(park, ProducerFactory(), preferred_kind="standard")

        done, refused = race(
            lambda f=first, b=booth: services.accept(f, b, member, today=today),
            lambda s=second, b=booth: services.accept(
                s, b, member, today=today + datetime.timedelta(10)
            ),
        )

        assert len(done) == 1 and len(refused) == 1
        assert BoothAssignment.objects.filter(booth=booth, released_at__isnull=True).count() == 1


def test_an_assignment_waits_for_the_booth_rather_than_racing_another_to_the_constraint(
    reference_data,
):
    """While another transaction holds the booth, accepting onto it waits (here: gives up
    after a short lock timeout, rolled back whole) instead of inserting beside it."""
    organizer = OrganizerFactory()
    member = UserFactory()
    organizer.users.add(member)
    fair = ExhibitionFactory(organizer=organizer)
    booth = BoothFactory(exhibition=fair)
    application = services.apply(fair, ProducerFactory(), preferred_kind="standard")
    held, release = threading.Event(), threading.Event()

    def hold_the_booth():
        try:
            with transaction.atomic():
                list(Booth.objects.select_for_update(no_key=True).filter(pk=booth.pk))
                held.set()
                release.wait(10)
        finally:
            close_old_connections()

    holder = threading.Thread(target=hold_the_booth)
    holder.start()
    try:
        assert held.wait(10)
        with pytest.raises(OperationalError, match="lock timeout"):
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL lock_timeout = '300ms'")
                services.accept(application, booth, member)
    finally:
        release.set()
        holder.join()

    application.refresh_from_db()
    assert application.status == "applied"
    assert not BoothAssignment.objects.filter(booth=booth).exists()
    services.accept(application, booth, member)
    assert BoothAssignment.objects.filter(booth=booth, released_at__isnull=True).count() == 1
