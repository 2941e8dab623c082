"""
Who sent a request: the client's IP address, trusting ``X-Forwarded-For`` only as far as
the proxies named in ``NEWSDESK_TRUSTED_PROXIES``.

Anyone can send an ``X-Forwarded-For`` header, so reading its first address would let a
spammer choose the address that rate limits count. Each trusted proxy appends the address
it received the request from; reading the header from the right and skipping trusted
proxies gives the first address a trusted proxy saw, which the client cannot forge.
"""

import ipaddress

from django.conf import settings


def _networks():
    return [
        ipaddress.ip_network(entry, strict=False) for entry in settings.NEWSDESK_TRUSTED_PROXIES
    ]


def _trusted(address, networks):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_ip(request):
    """The client's IP address, or ``None`` if none can be read."""
    remote = request.META.get("REMOTE_ADDR", "")
    networks = _networks()
    if not _trusted(remote, networks):
        return _valid(remote)
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for address in reversed([part for part in forwarded if part]):
        if not _trusted(address, networks):
            return _valid(address)
    return _valid(remote)


def _valid(address):
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None
