"""The address of the citizen or officer behind a request: one rule for the whole portal.

Behind nginx on the same host every request arrives from 127.0.0.1, so rate limits
and the staff login lockout would put every citizen in one bucket. The proxy
appends the address it saw to ``X-Forwarded-For``; a client can put anything in
front of that, so only the entries written by our own proxies may be believed.

``settings.PORTAL_TRUSTED_PROXY_COUNT`` says how many proxies stand in front of
the application (0: none, the default; 1: nginx; 2: a load balancer and nginx).
With N proxies the client is the N-th address from the right end of the header.
Anything else (no header, too few entries, garbage) falls back to REMOTE_ADDR,
which no client can forge.
"""

import hashlib
import ipaddress
import logging
import time

from django.conf import settings

logger = logging.getLogger(__name__)


def _address_clean(value):
    """A normalised IP address from `value`, or None; tolerates a port and brackets."""
    value = (value or "").strip()
    if not value or len(value) > 100:
        return None
    candidates = [value]
    if value.startswith("[") and "]" in value:  # "[2001:db8::1]:443"
        candidates.append(value[1 : value.index("]")])
    elif value.count(":") == 1:  # "203.0.113.7:51234"
        candidates.append(value.split(":", 1)[0])
    for candidate in candidates:
        try:
            address = ipaddress.ip_address(candidate)
        except ValueError:
            continue
        # "::ffff:203.0.113.7" is the IPv4 client as a dual-stack socket reports it.
        mapped = getattr(address, "ipv4_mapped", None)
        return str(mapped or address)
    return None


def client_address(request):
    """The client's IP address as a string ("" when even REMOTE_ADDR is unusable)."""
    remote = _address_clean(request.META.get("REMOTE_ADDR")) or ""
    proxies = getattr(settings, "PORTAL_TRUSTED_PROXY_COUNT", 0)
    if proxies <= 0:
        return remote
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in header.split(",")]
    if len(hops) < proxies or not hops[-proxies]:
        logger.warning(
            "X-Forwarded-For has fewer entries than PORTAL_TRUSTED_PROXY_COUNT=%s; "
            "using REMOTE_ADDR. Check the proxy configuration.",
            proxies,
        )
        return remote
    return _address_clean(hops[-proxies]) or remote


def client_rate_allow(request, *, scope, limit, window_seconds):
    """Count one request of this client for `scope`; False once over `limit` in the window.

    One fixed-window counter for every public rate limit (complaints, tracking
    codes, survey answers), kept in the shared cache. The address is hashed with
    the secret key, so no stored key says who sent a request, and it is
    forgotten when the window ends.
    """
    from django.core.cache import cache

    address = client_address(request)
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{scope}:{address}".encode()).hexdigest()
    window = int(time.time()) // window_seconds
    key = f"rate:{digest[:40]}:{window}"
    cache.add(key, 0, timeout=window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_seconds)
        count = 1
    return count <= limit
