"""/healthz answers a load balancer that probes each host by its address."""

import datetime as dt

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from feedback import tasks

pytestmark = pytest.mark.django_db

LOAD_BALANCER = {"HTTP_HOST": "10.20.30.40:8000"}


def test_it_answers_a_probe_by_address_that_allowed_hosts_would_refuse(client, settings):
    settings.ALLOWED_HOSTS = ["portal.example.go.th"]
    settings.SECURE_SSL_REDIRECT = True

    response = client.get("/healthz", **LOAD_BALANCER)

    assert response.status_code == 200
    assert response.json() == {
        "database": "ok",
        "cache": "ok",
        "oldest_queued_task_seconds": 0,
    }
    assert response["Cache-Control"] == "no-store"
    # Every other page still checks the host.
    assert client.get("/", **LOAD_BALANCER).status_code == 400


def test_it_reports_how_long_the_oldest_task_has_waited(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    tasks.case_notify.enqueue(case_id=1, event="received")
    tasks.case_notify.enqueue(case_id=2, event="received")
    DBTaskResult.objects.filter(args_kwargs__kwargs__case_id=1).update(
        enqueued_at=timezone.now() - dt.timedelta(minutes=10)
    )

    waited = client.get("/healthz").json()["oldest_queued_task_seconds"]

    assert 600 <= waited < 660


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_failing_cache_makes_the_host_unhealthy(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "no_such_cache_table",
        }
    }

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["cache"] == "failing"
    assert response.json()["database"] == "ok"


def test_only_get_and_head_are_answered(client):
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 404
