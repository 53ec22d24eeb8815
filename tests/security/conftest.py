"""
Fixtures for the security tests: the rate limits of lms.settings.base switched
back on (lms.settings.test turns them off), a fixed clock for django-ratelimit's
one-minute windows, and a Redis server when the machine has one.
"""

import shutil
import socket
import subprocess
import time
from types import SimpleNamespace

import pytest
from django.test import override_settings

from lms.settings import base

REDIS_PORT = 6390


@pytest.fixture
def real_limits():
    """The login and sign-up limits production runs with."""
    with override_settings(ACCOUNT_RATE_LIMITS=base.ACCOUNT_RATE_LIMITS):
        yield base.ACCOUNT_RATE_LIMITS


@pytest.fixture
def fixed_clock(monkeypatch):
    """django-ratelimit counts in fixed windows: a fixed clock keeps a test's requests in one of them."""
    monkeypatch.setattr("django_ratelimit.core.time", SimpleNamespace(time=lambda: 1_800_000_000.0))


def redis_answers(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.fixture(scope="session")
def redis_url():
    """A Redis server on port 6390 for the session (started here when it is not already running)."""
    server = shutil.which("redis-server")
    if not redis_answers(REDIS_PORT):
        if server is None:
            pytest.skip("redis-server is not installed (apt-get install redis-server)")
        subprocess.run(
            [server, "--port", str(REDIS_PORT), "--daemonize", "yes", "--save", "", "--appendonly", "no"],
            check=True, capture_output=True,
        )
        deadline = time.monotonic() + 10
        while not redis_answers(REDIS_PORT) and time.monotonic() < deadline:
            time.sleep(0.1)
        if not redis_answers(REDIS_PORT):
            pytest.skip("redis-server did not start on port 6390")
        started = True
    else:
        started = False
    yield f"redis://127.0.0.1:{REDIS_PORT}/15"
    if started:
        with socket.create_connection(("127.0.0.1", REDIS_PORT), timeout=2) as connection:
            connection.sendall(b"SHUTDOWN NOSAVE\r\n")
