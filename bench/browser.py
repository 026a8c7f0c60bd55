"""A small browser for the benchmarks: cookies, form posts and redirects, over http.client.

The load generator runs on the cores of the server it measures. `requests` spent about
2.5 ms of CPU per request there (its session, cookie jar, hooks and adapters): a tenth of
the machine during the checkout bench. This does what a browser does for our pages (keeps
the cookies the site sets and drops those it deletes, follows redirects as a browser does,
a 302/303 after a POST becomes a GET) in a fraction of that. One connection per request:
gunicorn's sync workers close each one anyway.
"""

import http.client
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urljoin, urlsplit

REDIRECTS = (301, 302, 303, 307, 308)
MAX_REDIRECTS = 30


class Headers(dict):
    """Header names in any case, as in requests (`headers["Location"]`)."""

    def __getitem__(self, name):
        return super().__getitem__(name.lower())

    def get(self, name, default=None):
        return super().get(name.lower(), default)


class Response:
    def __init__(self, url, status_code, headers, content):
        self.url = url
        self.status_code = status_code
        self.headers = headers  # lower-case names
        self.content = content
        self.history = []  # the redirects followed to get here

    @property
    def text(self):
        return self.content.decode("utf-8", "replace")


class Browser:
    def __init__(self):
        self.cookies = {}

    def get(self, url, allow_redirects=True, timeout=30):
        return self.request("GET", url, None, {}, allow_redirects, timeout)

    def post(self, url, data=None, headers=None, allow_redirects=True, timeout=30):
        return self.request("POST", url, data or {}, headers or {}, allow_redirects, timeout)

    def request(self, method, url, data, headers, allow_redirects, timeout):
        history = []
        while True:
            response = self._send(method, url, data, headers, timeout)
            if not allow_redirects or response.status_code not in REDIRECTS:
                response.history = history
                return response
            history.append(response)
            if len(history) > MAX_REDIRECTS:
                raise RuntimeError(f"more than {MAX_REDIRECTS} redirects from {url}")
            url = urljoin(url, response.headers["location"])
            if response.status_code in (301, 302, 303):
                method, data = "GET", None

    def _send(self, method, url, data, headers, timeout):
        parts = urlsplit(url)
        sent = {"Host": parts.netloc, "Accept-Encoding": "identity", **headers}
        body = None
        if data is not None:
            body = urlencode(data).encode()
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        secure = parts.scheme == "https"
        kind = http.client.HTTPSConnection if secure else http.client.HTTPConnection
        connection = kind(parts.hostname, parts.port, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=sent)
            reply = connection.getresponse()
            content = reply.read()
            names = Headers()
            for name, value in reply.getheaders():
                if name.lower() == "set-cookie":
                    self._keep(value)
                names[name.lower()] = value
        finally:
            connection.close()
        return Response(url, reply.status, names, content)

    def _keep(self, header):
        for name, morsel in SimpleCookie(header).items():
            if morsel["max-age"] == "0" or "1970" in morsel["expires"]:
                self.cookies.pop(name, None)  # the site deletes it
            else:
                self.cookies[name] = morsel.coded_value  # sent back as the site set it
