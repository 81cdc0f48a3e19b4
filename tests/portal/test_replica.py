"""With a replica configured, only anonymous reads go there; whoever just wrote,
staff and background work read the primary."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import MiddlewareNotUsed
from django.http import HttpResponse
from django.test import RequestFactory

from measures.models import Measure
from portal.lib.replica import PIN_COOKIE, PrimaryReplicaRouter, ReplicaReadsMiddleware

router = PrimaryReplicaRouter()

# The router reads only the DATABASES keys; no connection to "replica" is
# opened here, so Django's warning about overriding DATABASES does not apply.
pytestmark = pytest.mark.filterwarnings("ignore:Overriding setting DATABASES:UserWarning")


@pytest.fixture
def with_replica(settings):
    settings.DATABASES = {**settings.DATABASES, "replica": settings.DATABASES["default"]}
    settings.PORTAL_REPLICA_PIN_SECONDS = 10


def read_database_of(request):
    """The database a page's queries would read, as the router decides it."""
    seen = {}

    def page(request):
        seen["read"] = router.db_for_read(Measure)
        seen["write"] = router.db_for_write(Measure)
        return HttpResponse("ok")

    response = ReplicaReadsMiddleware(page)(request)
    return seen, response


def request(method="get", user=None, cookies=None):
    made = getattr(RequestFactory(), method)("/measures/")
    made.user = user or AnonymousUser()
    made.COOKIES.update(cookies or {})
    return made


def test_a_citizen_reading_a_public_page_reads_the_replica(with_replica):
    seen, response = read_database_of(request())
    assert seen == {"read": "replica", "write": "default"}
    assert PIN_COOKIE not in response.cookies


def test_sending_a_form_reads_the_primary_and_pins_the_browser_to_it(with_replica):
    seen, response = read_database_of(request("post"))
    assert seen["read"] == "default"
    assert response.cookies[PIN_COOKIE]["max-age"] == 10

    seen, _ = read_database_of(request(cookies={PIN_COOKIE: "1"}))
    assert seen["read"] == "default"  # the receipt shows the case just filed


@pytest.mark.django_db
def test_staff_read_the_primary(with_replica, django_user_model):
    officer = django_user_model.objects.create_user("officer", is_staff=True)
    seen, _ = read_database_of(request(user=officer))
    assert seen["read"] == "default"


def test_work_outside_a_request_reads_the_primary(with_replica):
    # The task worker and management commands: claiming a task must see its row.
    assert router.db_for_read(Measure) == "default"
    read_database_of(request())  # a request that used the replica has ended
    assert router.db_for_read(Measure) == "default"


def test_without_a_replica_the_middleware_steps_aside():
    with pytest.raises(MiddlewareNotUsed):
        ReplicaReadsMiddleware(lambda request: HttpResponse())


def test_only_the_primary_is_migrated():
    assert router.allow_migrate("default", "measures")
    assert not router.allow_migrate("replica", "measures")
