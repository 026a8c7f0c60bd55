"""One booth, assigned at the same moment by several organizer members for overlapping
dates: exactly one succeeds, the others are told the booth is taken (PostgreSQL's exclusion
constraint decides when the services' check passed for both)."""

import datetime
import threading

import pytest
from django.db import close_old_connections
from django.utils import timezone

from exhibitions import services
from exhibitions.exceptions import BoothTaken
from exhibitions.models import BoothAssignment
from tests.factories import (
    BoothFactory,
    ExhibitionFactory,
    OrganizerFactory,
    ProducerFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


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
    booth = BoothFactory(exhibition=fair, code="B7")
    applications = [
        services.apply(fair, ProducerFactory(), preferred_kind="standard") for _ in members
    ]

    done, refused = race(
        *(
            (lambda a=application, m=member: services.accept(a, booth, m))
            for application, member in zip(applications, members, strict=True)
        )
    )

    assert len(done) == 1 and len(refused) == 3
    (hold,) = BoothAssignment.objects.filter(booth=booth, released_at__isnull=True)
    assert hold.application_id == done[0].pk
    statuses = sorted(a.status for a in fair.applications.all())
    assert statuses == ["accepted", "applied", "applied", "applied"]


def test_overlapping_terms_of_a_permanent_exhibition_are_assigned_once(reference_data):
    """Two producers' terms at one booth starting on different days that overlap."""
    today = timezone.localdate()
    organizer = OrganizerFactory()
    member = UserFactory()
    organizer.users.add(member)
    park = ExhibitionFactory(
        organizer=organizer, kind="permanent", status="running", ends_on=None, term_days=30,
        starts_on=today - datetime.timedelta(days=60),
        applications_close_on=today + datetime.timedelta(days=365),
    )  # fmt: skip
    booth = BoothFactory(exhibition=park)
    first = services.apply(park, ProducerFactory(), preferred_kind="standard")
    second = services.apply(park, ProducerFactory(), preferred_kind="standard")

    done, refused = race(
        lambda: services.accept(first, booth, member, today=today),
        lambda: services.accept(second, booth, member, today=today + datetime.timedelta(10)),
    )

    assert len(done) == 1 and len(refused) == 1
    assert BoothAssignment.objects.filter(booth=booth, released_at__isnull=True).count() == 1
