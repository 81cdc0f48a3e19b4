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

import datetime as dt
import hashlib
import ipaddress
import logging
import time

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.utils import timezone

from portal.lib.counters import counter_raise

logger = logging.getLogger(__name__)

# The cache alias that holds rate-limit counters when Redis is configured.
RATE_LIMIT_CACHE = "rate_limits"


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


def client_network(address):
    """The network a rate limit counts as one client: an IPv4 address, or the
    /64 an IPv6 address belongs to (one household or phone is given a whole
    /64 and may take any address in it)."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def client_lockout_address(request):
    """The address django-axes counts sign-in failures under: the client's
    network as the rate limits see it (client_network), written as an address
    (the /64's first one), since axes stores a plain IP address. Otherwise one
    phone could spray from a fresh IPv6 address for every guess."""
    return client_network(client_address(request)).removesuffix("/64")


def client_over_limit(request, *, scope, limit, message):
    """True, with `message` shown, once this client is over `limit`, a
    (count, seconds) setting such as FEEDBACK_SUBMIT_LIMIT."""
    count, window_seconds = limit
    if client_rate_allow(request, scope=scope, limit=count, window_seconds=window_seconds):
        return False
    messages.error(request, message)
    return True


def client_rate_allow(request, *, scope, limit, window_seconds):
    """Count one request of this client for `scope`; False once over `limit` in the window.

    One fixed-window counter for every public rate limit (complaints, tracking
    codes, survey answers), counted atomically: in Redis when REDIS_URL is set
    (its INCR), otherwise in a table of its own (settings.PORTAL_RATE_LIMIT_MODEL)
    raised with UPDATE … + 1. Never in the shared cache, which culls entries
    when full. The network is hashed with the secret key, so no stored key says
    who sent a request, and it is forgotten when the window ends.
    """
    network = client_network(client_address(request))
    return rate_allow(scope=scope, key=network, limit=limit, window_seconds=window_seconds)


def rate_allow(*, scope, key, limit, window_seconds):
    """Count one use of `key` (a client's network, an e-mail address...) for
    `scope`; False once over `limit` in the window. The key is stored hashed."""
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{scope}:{key}".encode()).hexdigest()
    window = int(time.time()) // window_seconds
    return _count(f"rate:{digest[:40]}:{window}", window_seconds) <= limit


def _count(key, window_seconds):
    from django.core.cache import caches

    if RATE_LIMIT_CACHE in settings.CACHES:
        cache = caches[RATE_LIMIT_CACHE]
        cache.add(key, 0, timeout=window_seconds)
        try:
            return cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=window_seconds)
            return 1
    model = apps.get_model(settings.PORTAL_RATE_LIMIT_MODEL)
    now = timezone.now()
    expires_at = now + dt.timedelta(seconds=window_seconds)
    count = counter_raise(model, key, field="count", expires_at=expires_at)
    if count == 1:  # a new window began: forget the ended ones
        model._default_manager.filter(expires_at__lt=now).delete()
    return count
