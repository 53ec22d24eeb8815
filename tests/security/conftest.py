"""
Fixtures for the security tests: the rate limits of lms.settings.base switched
back on (lms.settings.test turns them off), a fixed clock for django-ratelimit's
one-minute windows, and a Redis server of its own when the machine has one.
"""

import shutil
import socket
import subprocess
import time
from types import SimpleNamespace

import pytest
from django.test import override_settings

from lms.settings import base


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


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def redis_url():
    """
    A Redis server of this test session's own, on a free port: a second suite
    running on the same machine neither shares its counters nor shuts it down.
    """
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    port = free_port()
    subprocess.run(
        [server, "--port", str(port), "--daemonize", "yes", "--save", "", "--appendonly", "no"],
        check=True, capture_output=True,
    )
    deadline = time.monotonic() + 10
    while not redis_answers(port) and time.monotonic() < deadline:
        time.sleep(0.1)
    if not redis_answers(port):
        pytest.skip(f"redis-server did not start on port {port}")
    yield f"redis://127.0.0.1:{port}/15"
    with socket.create_connection(("127.0.0.1", port), timeout=2) as connection:
        connection.sendall(b"SHUTDOWN NOSAVE\r\n")
