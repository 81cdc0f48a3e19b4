"""Reads from a PostgreSQL replica, when there is one, without reading stale data
back to the person who just wrote it.

With DATABASE_REPLICA_URL set, settings add a "replica" database and this router.
Only what is safe goes there: GET and HEAD requests of visitors who are not
signed in (the public pages and statistics, which make most of the traffic) and
who have not written anything in the last few seconds. Everything else —
staff, every POST, the receipt and tracking pages just after a citizen files a
case, the sign-in lockout table, the task worker and management commands —
reads the primary. After a write the browser carries a short-lived cookie that
pins it to the primary for PORTAL_REPLICA_PIN_SECONDS, longer than replication
normally lags.
"""

import contextvars

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed

REPLICA = "replica"
PIN_COOKIE = "portal_primary"
SAFE_METHODS = ("GET", "HEAD")

_reads_may_use_replica = contextvars.ContextVar("reads_may_use_replica", default=False)


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        return REPLICA if _reads_may_use_replica.get() else "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one database, two copies of it

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


class ReplicaReadsMiddleware:
    """Decides per request whether reads may go to the replica; place it after
    AuthenticationMiddleware (whose own session read goes to the primary)."""

    def __init__(self, get_response):
        if REPLICA not in settings.DATABASES:
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        may_use_replica = (
            request.method in SAFE_METHODS
            and PIN_COOKIE not in request.COOKIES
            and not request.user.is_authenticated
        )
        token = _reads_may_use_replica.set(may_use_replica)
        try:
            response = self.get_response(request)
        finally:
            _reads_may_use_replica.reset(token)
        if request.method not in SAFE_METHODS:
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.PORTAL_REPLICA_PIN_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
