"""Stand-ins for the services around the shop, on loopback: a port where nothing listens, a
server that accepts and never answers, and a Stripe that answers Checkout Session requests
(localstripe has no Checkout Sessions, see RECIPES.md "Stripe without the internet")."""

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs


def closed_port() -> int:
    """A loopback port nothing listens on: connecting is refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SilentServer:
    """Accepts connections and never answers, as a hanging Stripe does. Connections are
    dropped after ``give_up`` seconds, so a client without its own timeout fails the test
    instead of hanging the run."""

    def __init__(self, give_up: float = 8.0):
        self.give_up = give_up
        self.connections = 0

    def __enter__(self):
        self._socket = socket.create_server(("127.0.0.1", 0))
        self._socket.settimeout(0.1)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()
        self.url = f"http://127.0.0.1:{self._socket.getsockname()[1]}"
        return self

    def _serve(self):
        held = []
        while not self._stop.is_set():
            try:
                conn, _address = self._socket.accept()
            except TimeoutError:
                pass
            else:
                self.connections += 1
                held.append((time.monotonic(), conn))
            for accepted_at, conn in list(held):
                if time.monotonic() - accepted_at > self.give_up:
                    conn.close()
                    held.remove((accepted_at, conn))
        for _accepted_at, conn in held:
            conn.close()

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(timeout=5)
        self._socket.close()


class StripeServer:
    """Stripe back up: answers ``POST /v1/checkout/sessions`` as Stripe's API does and
    records each request (form fields and headers)."""

    session_id = "cs_test_back"
    session_url = "https://checkout.stripe.com/c/pay/cs_test_back"

    def __init__(self):
        self.requests = []

    def __enter__(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - the name http.server calls
                length = int(self.headers.get("Content-Length") or 0)
                fields = parse_qs(self.rfile.read(length).decode())
                server.requests.append((self.path, fields, dict(self.headers)))
                if self.path == "/v1/checkout/sessions":
                    status, body = (
                        200,
                        {
                            "id": server.session_id,
                            "object": "checkout.session",
                            "url": server.session_url,
                            "mode": "payment",
                            "currency": "idr",
                            "payment_status": "unpaid",
                            "status": "open",
                        },
                    )
                else:
                    status, body = 404, {"error": {"type": "invalid_request_error"}}
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        return self

    def __exit__(self, *exc):
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)
