"""The client address the rate limits count: X-Forwarded-For is believed only as far as trusted proxies wrote it."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory, override_settings

from lms.client_address import client_ip


def request(remote="10.0.0.2", forwarded=None):
    headers = {"x_forwarded_for": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, headers=headers)


def test_with_no_trusted_proxy_the_header_is_ignored():
    assert client_ip(request(remote="198.51.100.7", forwarded="203.0.113.10")) == "198.51.100.7"


@override_settings(TRUSTED_PROXIES=["10.0.0.0/8", "127.0.0.1"])
@pytest.mark.parametrize("remote, forwarded, client", [
    # Load balancer then nginx on the same machine: both trusted, the client is the hop before them.
    ("127.0.0.1", "203.0.113.10, 10.0.0.2", "203.0.113.10"),
    # A client that writes its own header gets its real address, the one the balancer saw.
    ("10.0.0.2", "192.0.2.1, 203.0.113.10", "203.0.113.10"),
    # A request straight from the internet, not through a trusted proxy: the header is the client's own.
    ("198.51.100.7", "203.0.113.10", "198.51.100.7"),
    # A trusted proxy with no header (a health check) is the client.
    ("10.0.0.2", None, "10.0.0.2"),
    # Everything trusted: the farthest hop.
    ("10.0.0.2", "10.0.0.9", "10.0.0.9"),
    # Garbage further out than the trusted proxies: the last proxy that passed it on.
    ("10.0.0.2", "not-an-address, 10.0.0.3", "10.0.0.3"),
    ("10.0.0.2", "  203.0.113.10 ,", "203.0.113.10"),
    ("10.0.0.2", "2001:db8::1", "2001:db8::1"),
    # A Unix socket from nginx on this machine.
    ("", "203.0.113.10", "203.0.113.10"),
])
def test_behind_trusted_proxies_the_nearest_untrusted_hop_is_the_client(remote, forwarded, client):
    assert client_ip(request(remote=remote, forwarded=forwarded)) == client


@override_settings(TRUSTED_PROXIES=["10.0.0.0/33"])
def test_a_mistyped_proxy_network_is_refused_rather_than_ignored():
    with pytest.raises(ImproperlyConfigured, match="TRUSTED_PROXIES"):
        client_ip(request())
