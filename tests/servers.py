"""Real servers that a test starts and stops itself (Redis, for now), on loopback ports below
the machine's temporary range. Missing programs skip the test here and fail it in CI."""

import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time

import pytest


def require_program(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is missing: CI must install Debian's {package} package.")
        pytest.skip(f"{name} is not installed here (apt-get install {package}); CI runs these.")
    return path


def require_module(name: str, extra: str):
    try:
        return __import__(name)
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail(f"The Python package {name} is missing: CI installs the {extra} extra.")
        pytest.skip(f"The Python package {name} is not installed here (pip install {name}).")


def free_port() -> int:
    """A free loopback port below 32768 (above it, the kernel hands ports out itself)."""
    for _ in range(100):
        port = random.randrange(20000, 32000)
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("No free port found below 32768.")


def wait_for_port(port: int, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"Nothing answered on port {port} within {seconds} s.")


class RedisServer:
    """A redis-server of our own: stop() loses its data, as a crash would, unless save() was
    called first (as a Redis with persistence, restarted)."""

    def __init__(self):
        self.program = require_program("redis-server", "redis-server")
        self.port = free_port()
        self.workdir = tempfile.mkdtemp(prefix="etalase-redis-")
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                self.program,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                self.workdir,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None

    def save(self) -> None:
        """Write its data to disk: the next start() loads it, as a Redis with persistence
        would after a restart."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=5) as connection:
            connection.sendall(b"SAVE\r\n")
            assert connection.recv(64).startswith(b"+OK")

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self.workdir, ignore_errors=True)


ROOT_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GUNICORN_CONF = os.path.join(ROOT_DIR, "deploy", "gunicorn.conf.py")


def gunicorn_command(port: int, *flags: str) -> list[str]:
    """gunicorn as deployed (deploy/gunicorn.conf.py), on a loopback port of the test's own;
    `flags` override the file's settings as they would on a server's command line."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "website.wsgi",
        "-c",
        GUNICORN_CONF,
        "--bind",
        f"127.0.0.1:{port}",
        *flags,
    ]
