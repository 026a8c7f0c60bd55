import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest

KAVENEGAR_KEY = "6A2F-test-api-key"


class KavenegarStub(ThreadingHTTPServer):
    """A few lines of Kavenegar on a free local port: records each request and answers with
    `reply` (HTTP status, body as a dict or bytes, seconds to wait first), or with the first of
    `replies` while there are any."""

    daemon_threads = True
    block_on_close = False

    def __init__(self):
        super().__init__(("127.0.0.1", 0), KavenegarHandler)
        self.requests = []
        self.reply = (200, sent_reply(), 0)
        self.replies = []

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}/v1/"


class KavenegarHandler(BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        params = parse_qs(self.rfile.read(length).decode("utf-8"), strict_parsing=True)
        self.server.requests.append(
            {"path": self.path, "params": {name: values[0] for name, values in params.items()}}
        )
        server = self.server
        status, body, delay = server.replies.pop(0) if server.replies else server.reply
        time.sleep(delay)
        body = body if isinstance(body, bytes) else json.dumps(body).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up waiting
            pass

    def log_message(self, *args):
        pass


def sent_reply(message_id=8792343, receptor="09121234567"):
    return {
        "return": {"status": 200, "message": "تایید شد"},
        "entries": [
            {
                "messageid": message_id,
                "message": "…",
                "status": 1,
                "statustext": "در صف ارسال",
                "sender": "10004346",
                "receptor": receptor,
                "date": 1356619709,
                "cost": 120,
            }
        ],
    }


def refusal(status, message):
    return {"return": {"status": status, "message": message}, "entries": None}


@pytest.fixture
def kavenegar_stub():
    server = KavenegarStub()
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def kavenegar(kavenegar_stub, settings):
    """SMS through the Kavenegar adapter, over HTTP to the stub."""
    settings.SMS_BACKEND = "shop.sms.kavenegar.KavenegarBackend"
    settings.SMS_KAVENEGAR_URL = kavenegar_stub.url
    settings.KAVENEGAR_API_KEY = KAVENEGAR_KEY
    settings.SMS_KAVENEGAR_SENDER = "10004346"
    settings.SMS_KAVENEGAR_OTP_TEMPLATE = ""
    settings.SMS_TIMEOUT_SECONDS = 2
    return kavenegar_stub
