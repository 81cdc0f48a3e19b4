"""The health check a load balancer and monitoring probe: `/healthz`.

It is answered by a middleware placed before everything else, because a load
balancer probes each host by its IP address: Django's host validation
(ALLOWED_HOSTS) would refuse that with 400 and the HTTPS redirect would send
it elsewhere, although the host is healthy. The answer names no secret: only
whether the database and the cache answer, and how long the oldest task has
waited in the queue (mail and report rendering stall when no worker runs).
"""

import json

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

PATH = "/healthz"


def database_answers():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return True


def cache_answers():
    cache.set("healthz", "ok", 10)
    return cache.get("healthz") == "ok"


def oldest_queued_task_seconds():
    """Seconds the oldest task ready to run has waited; 0 when none waits."""
    oldest = (
        DBTaskResult.objects.ready()
        .order_by("enqueued_at")
        .values_list("enqueued_at", flat=True)
        .first()
    )
    if oldest is None:
        return 0
    return max(0, int((timezone.now() - oldest).total_seconds()))


def health_report():
    report = {}
    for name, probe in (("database", database_answers), ("cache", cache_answers)):
        try:
            report[name] = "ok" if probe() else "failing"
        except Exception:  # a probe must report the failure, not become a 500
            report[name] = "failing"
    try:
        report["oldest_queued_task_seconds"] = oldest_queued_task_seconds()
    except Exception:
        report["oldest_queued_task_seconds"] = None
    return report


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path != PATH or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        report = health_report()
        healthy = report["database"] == "ok" and report["cache"] == "ok"
        response = HttpResponse(
            json.dumps(report), content_type="application/json", status=200 if healthy else 503
        )
        response["Cache-Control"] = "no-store"
        return response
