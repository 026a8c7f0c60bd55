import signal
import threading

from django.core.management.base import BaseCommand

from shop.payments.zarinpal import sandbox


class Command(BaseCommand):
    help = "Serve the local Zarinpal sandbox (v4 REST endpoints and the StartPay page)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8001)

    def handle(self, *args, host, port, **options):
        server = sandbox.start(host=host, port=port)
        self.stdout.write(
            f"Zarinpal sandbox on {server.url} (merchant id {sandbox.SANDBOX_MERCHANT_ID})"
        )
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        try:
            stop.wait()
        except KeyboardInterrupt:
            pass
        server.shutdown()
