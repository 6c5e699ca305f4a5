"""A browser-like HTTP client for the mixed load: one kept-alive connection per shopper, as a
browser keeps one to a site, and the cookies the site sets. Plain http.client: urllib's
opener rebuilds its handlers and opens a new connection on every request, and the time that
costs the load's own process (it shares the machine's two cores with the server) was being
counted in every request's time."""

import http.client
import time
from http.cookies import SimpleCookie

# Reconnect before gunicorn's keepalive (deploy/gunicorn.conf.py: 5 s) would close an idle
# connection: a request is never sent on a connection the server is closing.
IDLE_SECONDS = 4


class Browser:
    def __init__(self, base: str):
        host, port = base.removeprefix("http://").split(":")
        self.address = (host, int(port))
        self.connection = None
        self.last_used = 0.0
        self.cookies: dict[str, str] = {}

    def request(self, method, path, body=None, headers=None) -> tuple[int, str, str]:
        """(status, text, Location) of one request; redirects are not followed."""
        if self.connection is None or time.monotonic() - self.last_used > IDLE_SECONDS:
            self.close()
            self.connection = http.client.HTTPConnection(*self.address, timeout=60)
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            text = response.read().decode(errors="replace")
        except Exception:
            self.close()
            raise
        self.last_used = time.monotonic()
        self._keep_cookies(response.headers.get_all("Set-Cookie") or [])
        if response.will_close:
            self.close()
        return response.status, text, response.headers.get("Location", "")

    def _keep_cookies(self, lines):
        for line in lines:
            for name, morsel in SimpleCookie(line).items():
                if morsel["max-age"] == "0" or morsel.value == "":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None
