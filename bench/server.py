"""The site under gunicorn on a free loopback port, and plain requests to it."""

import socket
import subprocess
import time
import urllib.request
from pathlib import Path

from bench.config import DATA, PYTHON, ROOT, WORKERS

HEADERS = {"X-Forwarded-Proto": "https", "Accept-Encoding": "identity"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, env):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [
                str(Path(PYTHON).parent / "gunicorn"),
                "website.wsgi",
                # As deployed (its worker class, threads, timeouts); the run's own port, worker
                # count and log files on top.
                "-c",
                str(ROOT / "deploy" / "gunicorn.conf.py"),
                "--workers",
                str(WORKERS),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--access-logfile",
                "/dev/null",
                "--error-logfile",
                str(DATA / "gunicorn.log"),
            ],
            cwd=ROOT,
            env=env,
            # The site's own log (a JSON line per request) goes to the file, not the figures.
            stdout=(DATA / "site.log").open("a"),
            stderr=subprocess.STDOUT,
        )
        for _ in range(100):
            try:
                urllib.request.urlopen(self.base + "/_bench/reference/", timeout=2)
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start; see bench/.data/gunicorn.log")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


def get(url, headers=None):
    request = urllib.request.Request(url, headers={**HEADERS, **(headers or {})})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.status, dict(response.headers), response.read()
