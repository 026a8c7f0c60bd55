import pytest
from django.test import Client

from tests.factories import (
    ExhibitionFactory,
    OrganizerFactory,
    ProducerFactory,
    UserFactory,
    booth_grid,
)


@pytest.fixture
def organizer_client(reference_data):
    """A client signed in as a member of an organizer: (client, organizer)."""
    user = UserFactory()
    organizer = OrganizerFactory(name="اداره کل تعاون، کار و رفاه اجتماعی اصفهان")
    organizer.users.add(user)
    client = Client()
    client.force_login(user)
    client.user = user
    return client, organizer


@pytest.fixture
def fair(organizer_client):
    """The organizer's seasonal fair taking applications, with a 4×5 grid (A1…D5)."""
    _client, organizer = organizer_client
    exhibition = ExhibitionFactory(organizer=organizer, title="نمایشگاه نوروزی اصفهان")
    booth_grid(exhibition)
    return exhibition


@pytest.fixture
def producer_client(reference_data):
    """A client signed in as an approved producer's account: (client, producer)."""
    user = UserFactory()
    producer = ProducerFactory(name="گلیم‌بافی مریم", mobile="09120000001")
    producer.users.add(user)
    client = Client()
    client.force_login(user)
    client.user = user
    return client, producer
