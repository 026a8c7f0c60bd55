import pytest

from shop.payments.zarinpal import sandbox


@pytest.fixture(scope="session")
def sandbox_server():
    """Our Zarinpal sandbox on a free port, over real HTTP, for the whole test session."""
    server = sandbox.start(port=0)
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def zarinpal(sandbox_server, settings):
    """Point the Zarinpal adapter at the sandbox; a clean gateway for each test."""
    sandbox_server.sandbox.reset()
    settings.ZARINPAL_USE_SANDBOX = True
    settings.ZARINPAL_SANDBOX_URL = sandbox_server.url
    settings.ZARINPAL_MERCHANT_ID = sandbox.SANDBOX_MERCHANT_ID
    settings.ZARINPAL_TIMEOUT_SECONDS = 2
    return sandbox_server
