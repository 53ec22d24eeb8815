"""
The address a request came from, as the rate limits count it.

Behind a load balancer every request reaches Django from the balancer's
address; the client's is in X-Forwarded-For, which each proxy extends with the
address of whoever connected to it. Anyone can send that header, so it is read
only as far as it was written by proxies listed in `settings.TRUSTED_PROXIES`:
walking from the nearest hop outwards, the first address that is not a trusted
proxy is the client. With no trusted proxies (the default) the header is
ignored and the answer is REMOTE_ADDR.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@lru_cache(maxsize=8)
def trusted_networks(proxies):
    """The networks of `proxies` (addresses or CIDR ranges), refusing a typo instead of trusting nothing."""
    try:
        return tuple(ipaddress.ip_network(proxy.strip(), strict=False) for proxy in proxies if proxy.strip())
    except ValueError as problem:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES: {problem}") from problem


def parse(address):
    try:
        return ipaddress.ip_address(address.strip())
    except ValueError:
        return None


def client_ip(request):
    """The client's address: REMOTE_ADDR, or the nearest untrusted hop of X-Forwarded-For behind trusted proxies."""
    remote = request.META.get("REMOTE_ADDR", "")
    networks = trusted_networks(tuple(getattr(settings, "TRUSTED_PROXIES", ())))
    if not networks:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop for hop in forwarded.split(",") if hop.strip()]
    # An empty REMOTE_ADDR is a Unix socket: the proxy runs on this machine.
    if remote:
        hops.append(remote)
    client = None
    for hop in reversed(hops):
        address = parse(hop)
        if address is None:
            # Trusted proxies write addresses; anything else came from further out. The last
            # proxy that passed it on is the best this request tells about its sender.
            break
        client = address
        if not any(address in network for network in networks):
            break
    return str(client) if client is not None else remote
