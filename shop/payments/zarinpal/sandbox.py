"""A local Zarinpal: the v4 REST endpoints and the StartPay page, for development and tests.

It validates like the real gateway (merchant id, amount, callback, authority) and answers
with its codes: -9 validation, -10 unknown merchant, -11 inactive merchant, -50 amount
mismatch, -51 not paid, -54 invalid authority, -63 reverse not allowed, 100 success,
101 already verified. Like Zarinpal it takes amounts as numbers or numeric strings, in Rials
(`IRR`, the default) or Toman (`IRT`), and its authorities are 36 characters: `A` and 35
letters or digits. It can be told to misbehave (delay, drop the connection, answer 5xx, or
`lose`: do the work and drop the connection, so the reply is lost) for the next requests to
an endpoint, from Python (`Sandbox.misbehave`) or over HTTP
(`POST /__sandbox__/misbehave`), so a running server can be driven from another process.

Run it alone with `manage.py zarinpal_sandbox` (make run starts it on 127.0.0.1:8001).
"""

import html
import json
import re
import secrets
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlencode, urlsplit

MERCHANT_PATTERN = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
SANDBOX_MERCHANT_ID = "00000000-0000-0000-0000-000000000000"
INACTIVE_MERCHANT_ID = "11111111-1111-1111-1111-111111111111"
MIN_AMOUNT_RIALS = 10_000
CURRENCIES = {"IRR": 1, "IRT": 10}  # Rials per unit
AUTHORITY_PATTERN = re.compile(r"^A[0-9A-Za-z]{35}$")
AUTHORITY_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
FAULTS = ("delay", "drop", "5xx", "lose")
REVERSE_WINDOW_SECONDS = 30 * 60
ENDPOINTS = ("request", "verify", "inquiry", "unVerified", "reverse", "startpay")
MESSAGES = {
    100: "Success",
    101: "Verified",
    -9: "The input params invalid, validation error.",
    -10: "Terminal is not valid, please check merchant_id or ip address.",
    -11: "Terminal is not active, please contact our support team.",
    -50: "Session is not valid, amounts values is not the same.",
    -51: "Session is not valid, session is not active paid try.",
    -54: "Invalid authority.",
    -63: "Maximum time for reverse this session is expired.",
}


@dataclass
class Payment:
    authority: str
    merchant_id: str
    amount: int  # in `currency`
    callback_url: str
    description: str
    currency: str = "IRR"
    status: str = "PENDING"  # PENDING → PAID | FAILED; PAID → VERIFIED → REVERSED
    ref_id: int | None = None
    created: float = field(default_factory=time.time)
    verified_at: float | None = None

    @property
    def amount_rials(self):
        return self.amount * CURRENCIES[self.currency]


def _amount(value):
    """A whole positive amount, as Zarinpal takes it: a number or a numeric string."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return int(value)
    return None


@dataclass
class Fault:
    mode: str  # one of FAULTS
    times: int = 1
    seconds: float = 0.0
    status: int = 502


class Sandbox:
    """The gateway's state and rules, independent of HTTP."""

    def __init__(self, merchant_ids=(SANDBOX_MERCHANT_ID,)):
        self.merchant_ids = set(merchant_ids)
        self.payments: dict[str, Payment] = {}
        self.faults: dict[str, list[Fault]] = {}
        self.lock = threading.Lock()
        self._ref_ids = iter(range(201_000_001, 10**12))

    # -- misbehaviour -------------------------------------------------------------------
    def misbehave(self, endpoint, mode, times=1, seconds=0.0, status=502):
        if endpoint not in ENDPOINTS or mode not in FAULTS:
            raise ValueError(f"unknown fault {endpoint!r}/{mode!r}")
        with self.lock:
            self.faults.setdefault(endpoint, []).append(Fault(mode, times, seconds, status))

    def next_fault(self, endpoint):
        with self.lock:
            queue = self.faults.get(endpoint) or []
            if not queue:
                return None
            fault = queue[0]
            fault.times -= 1
            if fault.times <= 0:
                queue.pop(0)
            return fault

    def reset(self):
        with self.lock:
            self.payments.clear()
            self.faults.clear()

    # -- the v4 endpoints ---------------------------------------------------------------
    def _merchant_error(self, merchant_id):
        if not isinstance(merchant_id, str) or not MERCHANT_PATTERN.match(merchant_id):
            return -9
        if merchant_id == INACTIVE_MERCHANT_ID:
            return -11
        if merchant_id not in self.merchant_ids:
            return -10
        return None

    def request(self, body):
        if error := self._merchant_error(body.get("merchant_id")):
            return error, {}
        amount = _amount(body.get("amount"))
        currency = body.get("currency") or "IRR"
        callback = body.get("callback_url")
        description = body.get("description")
        if currency not in CURRENCIES:
            return -9, {"currency": "The selected currency is invalid."}
        if amount is None or amount * CURRENCIES[currency] < MIN_AMOUNT_RIALS:
            return -9, {"amount": "The amount must be at least 10,000 Rials (1,000 Toman)."}
        parts = urlsplit(callback) if isinstance(callback, str) else None
        if not parts or parts.scheme not in ("http", "https") or not parts.hostname:
            return -9, {"callback_url": "The callback url is invalid."}
        if not isinstance(description, str) or not description.strip():
            return -9, {"description": "The description is required."}
        authority = "A" + "".join(secrets.choice(AUTHORITY_ALPHABET) for _ in range(35))
        with self.lock:
            self.payments[authority] = Payment(
                authority, body["merchant_id"], amount, callback, description, currency
            )
        return 100, {"authority": authority, "fee_type": "Merchant", "fee": 0}

    def _payment(self, body):
        if error := self._merchant_error(body.get("merchant_id")):
            return error, None
        authority = body.get("authority")
        if not isinstance(authority, str) or not AUTHORITY_PATTERN.match(authority):
            return -9, None
        payment = self.payments.get(authority)
        if payment is None or payment.merchant_id != body.get("merchant_id"):
            return -54, None
        return None, payment

    def verify(self, body):
        error, payment = self._payment(body)
        if error:
            return error, {}
        with self.lock:
            if _amount(body.get("amount")) != payment.amount:  # in the request's currency
                return -50, {}
            if payment.status in ("VERIFIED", "REVERSED"):
                return 101, self._verified_data(payment)
            if payment.status != "PAID":
                return -51, {}
            payment.status = "VERIFIED"
            payment.ref_id = next(self._ref_ids)
            payment.verified_at = time.time()
            return 100, self._verified_data(payment)

    @staticmethod
    def _verified_data(payment):
        return {
            "ref_id": payment.ref_id,
            "card_pan": "502229******5995",
            "card_hash": "1EBE3EBEBE35C7EC0F8D6EE4F2F859107A87822CA179BC9528767EA7B5489B69",
            "fee_type": "Merchant",
            "fee": 0,
        }

    def inquiry(self, body):
        error, payment = self._payment(body)
        if error:
            return error, {}
        return 100, {"status": payment.status, "message": ""}

    def unverified(self, body):
        if error := self._merchant_error(body.get("merchant_id")):
            return error, {}
        paid = [p for p in self.payments.values() if p.status == "PAID"]
        return 100, {
            "authorities": [
                {
                    "authority": p.authority,
                    "amount": p.amount,
                    "callback_url": p.callback_url,
                    "referer": "",
                    "date": datetime.fromtimestamp(p.created, UTC).isoformat(),
                }
                for p in paid
            ]
        }

    def reverse(self, body):
        error, payment = self._payment(body)
        if error:
            return error, {}
        with self.lock:
            if payment.status != "VERIFIED":
                return -63, {}
            if time.time() - payment.verified_at > REVERSE_WINDOW_SECONDS:
                return -63, {}
            payment.status = "REVERSED"
        return 100, {}

    def pay(self, authority, paid):
        """The buyer's click on the StartPay page; returns the callback URL to redirect to."""
        with self.lock:
            payment = self.payments.get(authority)
            if payment is None:
                return None
            if payment.status == "PENDING":
                payment.status = "PAID" if paid else "FAILED"
            status = "OK" if payment.status in ("PAID", "VERIFIED") else "NOK"
        separator = "&" if urlsplit(payment.callback_url).query else "?"
        return (
            payment.callback_url + separator + urlencode({"Authority": authority, "Status": status})
        )


ROUTES = {
    "/pg/v4/payment/request.json": ("request", Sandbox.request),
    "/pg/v4/payment/verify.json": ("verify", Sandbox.verify),
    "/pg/v4/payment/inquiry.json": ("inquiry", Sandbox.inquiry),
    "/pg/v4/payment/unVerified.json": ("unVerified", Sandbox.unverified),
    "/pg/v4/payment/reverse.json": ("reverse", Sandbox.reverse),
}
STARTPAY = re.compile(
    r"^/pg/StartPay/(?P<authority>[A-Za-z0-9_-]{1,128})/?(?P<action>pay|cancel)?$"
)

PAGE = """<!DOCTYPE html>
<html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>درگاه آزمایشی زرین‌پال</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{{font-family:Vazirmatn,Tahoma,sans-serif;background:#f5f7fa;display:flex;
justify-content:center;padding:3rem 1rem}}main{{background:#fff;border-radius:12px;padding:2rem;
max-width:26rem;width:100%;box-shadow:0 4px 20px rgba(0,0,0,.08);text-align:center}}
button{{font:inherit;font-size:1.1rem;padding:.8rem 1.4rem;border:0;border-radius:8px;margin:.4rem;
cursor:pointer}}.pay{{background:#1f9d55;color:#fff}}.cancel{{background:#e3e6ea}}</style></head>
<body><main><h1>درگاه آزمایشی زرین‌پال</h1><p>{description}</p>
<p>مبلغ: <strong data-amount-rials="{amount_rials}">{amount_toman} تومان</strong></p>
<form method="post" action="/pg/StartPay/{authority}/pay" style="display:inline">
<button class="pay" id="pay" type="submit">پرداخت</button></form>
<form method="post" action="/pg/StartPay/{authority}/cancel" style="display:inline">
<button class="cancel" id="cancel" type="submit">انصراف</button></form>
<p><small>این صفحه شبیه‌ساز است؛ پولی جابه‌جا نمی‌شود.</small></p></main></body></html>"""


def _persian_toman(amount_rials):
    digits = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
    whole, tenth = divmod(amount_rials, 10)
    text = f"{whole:,}".replace(",", "٬") + (f"٫{tenth}" if tenth else "")
    return text.translate(digits)


class Handler(BaseHTTPRequestHandler):
    server_version = "ZarinpalSandbox/1.0"
    sandbox: Sandbox  # set on the server class by `serve`

    def log_message(self, format, *args):  # quiet; the tests and make run print enough
        pass

    def _send(self, status, body, content_type="application/json", headers=()):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        try:
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test): like the real gateway, carry on

    def _apply_fault(self, endpoint):
        fault = self.server.sandbox.next_fault(endpoint)
        if fault is None:
            return False
        if fault.mode == "delay":
            time.sleep(fault.seconds)
            return False
        if fault.mode == "lose":
            self.lose_reply = True
            return False
        if fault.mode == "drop":
            self.close_connection = True
            self.connection.close()
            return True
        self._send(fault.status, "<html><body>Bad Gateway</body></html>", "text/html")
        return True

    def _body(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            return None
        return body if isinstance(body, dict) else None

    def do_POST(self):
        self.lose_reply = False
        path = urlsplit(self.path).path
        if path == "/__sandbox__/misbehave":
            body = self._body() or {}
            try:
                self.server.sandbox.misbehave(
                    body.get("endpoint"),
                    body.get("mode"),
                    int(body.get("times", 1)),
                    float(body.get("seconds", 0)),
                    int(body.get("status", 502)),
                )
            except (ValueError, TypeError) as error:
                return self._send(400, json.dumps({"error": str(error)}))
            return self._send(200, json.dumps({"ok": True}))
        if match := STARTPAY.match(path):
            if self._apply_fault("startpay"):
                return
            target = self.server.sandbox.pay(match["authority"], match["action"] == "pay")
            if target is None:
                return self._send(404, "<h1>پرداخت پیدا نشد</h1>", "text/html; charset=utf-8")
            return self._send(302, "", "text/plain", headers=[("Location", target)])
        if path not in ROUTES:
            return self._send(404, json.dumps({"error": "not found"}))
        endpoint, method = ROUTES[path]
        if self._apply_fault(endpoint):
            return
        body = self._body()
        if body is None:
            code, extra = -9, {"body": "The request body must be a JSON object."}
        else:
            code, extra = method(self.server.sandbox, body)
        if getattr(self, "lose_reply", False):  # the work is done; the reply never arrives
            self.close_connection = True
            self.connection.close()
            return None
        if code in (100, 101):
            reply = {"data": {"code": code, "message": MESSAGES[code], **extra}, "errors": []}
            return self._send(200, json.dumps(reply))
        errors = {"code": code, "message": MESSAGES.get(code, "Error"), "validations": extra}
        return self._send(400 if code == -9 else 200, json.dumps({"data": [], "errors": errors}))

    def do_GET(self):
        match = STARTPAY.match(urlsplit(self.path).path)
        if not match or match["action"]:
            return self._send(404, json.dumps({"error": "not found"}))
        if self._apply_fault("startpay"):
            return
        payment = self.server.sandbox.payments.get(match["authority"])
        if payment is None:
            return self._send(404, "<h1>پرداخت پیدا نشد</h1>", "text/html; charset=utf-8")
        page = PAGE.format(
            description=html.escape(payment.description),
            amount_rials=payment.amount_rials,
            amount_toman=_persian_toman(payment.amount_rials),
            authority=payment.authority,
        )
        return self._send(200, page, "text/html; charset=utf-8")


class SandboxServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, sandbox):
        self.sandbox = sandbox
        super().__init__(address, Handler)

    @property
    def url(self):
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/"


def start(host="127.0.0.1", port=0, sandbox=None):
    """Serve in a background thread; port 0 picks a free port. Returns the server."""
    server = SandboxServer((host, port), sandbox or Sandbox())
    threading.Thread(target=server.serve_forever, name="zarinpal-sandbox", daemon=True).start()
    return server
