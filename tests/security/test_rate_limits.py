"""Public rate limits: exact under concurrency, untouched by cache traffic,
one count per IPv4 address or IPv6 /64, and counted in Redis when configured."""

import shutil
import subprocess
import time

import pytest
from django.core.cache import cache, caches
from django.test import RequestFactory

from portal.lib.clients import RATE_LIMIT_CACHE, client_rate_allow
from tests.faults import at_once, on_postgresql


def _allow(remote, limit=3, scope="test:form"):
    request = RequestFactory().post("/", REMOTE_ADDR=remote)
    return client_rate_allow(request, scope=scope, limit=limit, window_seconds=3600)


@pytest.mark.django_db
def test_addresses_of_one_ipv6_64_share_a_count_and_other_networks_do_not():
    home = [f"2001:db8:1:2::{n:x}" for n in range(1, 5)]
    assert [_allow(address) for address in home] == [True, True, True, False]
    assert _allow("2001:db8:1:3::1")  # the neighbour's /64
    assert _allow("203.0.113.7") and _allow("203.0.113.8")


@pytest.mark.django_db
def test_clearing_or_filling_the_shared_cache_does_not_reset_the_counts():
    for _ in range(3):
        assert _allow("203.0.113.9")
    cache.clear()
    for n in range(500):
        cache.set(f"report-pdf-{n}", b"x" * 100)
    assert not _allow("203.0.113.9")


def _burst_allowed(count, limit):
    results, errors = at_once(count, lambda i: _allow("198.51.100.4", limit=limit))
    assert errors == []
    return results.count(True)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_requests_are_counted_exactly():
    if not on_postgresql():
        pytest.skip("concurrent connections need PostgreSQL (tests/with_postgres.sh)")
    assert _burst_allowed(24, limit=10) == 10


@pytest.fixture
def redis_cache(tmp_path, settings):
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed")
    socket = tmp_path / "redis.sock"
    process = subprocess.Popen(
        [server, "--port", "0", "--unixsocket", str(socket), "--save", ""],
        stdout=subprocess.DEVNULL,
    )
    for _ in range(100):
        if socket.exists():
            break
        time.sleep(0.05)
    settings.CACHES = settings.CACHES | {
        RATE_LIMIT_CACHE: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"unix://{socket}",
        }
    }
    yield caches[RATE_LIMIT_CACHE]
    process.terminate()
    process.wait()


@pytest.mark.django_db
def test_with_redis_the_counts_live_in_redis_and_are_exact(redis_cache):
    from portal.models import RateLimitCount

    assert _burst_allowed(24, limit=10) == 10
    assert not RateLimitCount.objects.exists()
