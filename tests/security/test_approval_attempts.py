"""Approving is the director's signature: anyone else who tries, the
administrator and a superuser included, is refused and leaves a record the
integrity officer and the directors read (portal.staff_changes)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from measures.models import Measure
from measures.services import measure_approve
from portal.report.models import AnnualReport
from portal.staff_changes.models import Kind, RoleChangeRecord
from tests import factories
from tests.factories import measures as mf
from tests.login import login_staff

pytestmark = pytest.mark.django_db


def _attempts():
    return RoleChangeRecord.objects.filter(
        event=RoleChangeRecord.Event.ATTEMPT_REFUSED, kind=Kind.APPROVE
    )


@pytest.fixture
def superuser(db):
    return factories.staff_user(role=factories.roles.ADMINISTRATOR, is_superuser=True)


@pytest.mark.parametrize("who", ["administrator", "superuser"])
def test_approving_the_report_as_anyone_but_the_director_is_refused_and_recorded(
    client, agency, who, request
):
    user = request.getfixturevalue(who)
    login_staff(client, user)

    response = client.post(reverse("portal:report_approve", args=[2569]))

    assert response.status_code == 403
    assert not AnnualReport.objects.filter(versions__isnull=False).exists()
    [attempt] = _attempts()
    assert attempt.actor == user and attempt.subject == user.get_username()
    assert "2569" in attempt.detail


@pytest.mark.parametrize("who", ["administrator", "superuser", "editor"])
def test_approving_a_measure_as_anyone_but_the_director_is_refused_and_recorded(
    agency, who, request
):
    user = request.getfixturevalue(who)
    measure = mf.measure(status=Measure.Status.DRAFT)

    with pytest.raises(PermissionDenied):
        measure_approve(measure=measure, by=user)

    measure.refresh_from_db()
    assert measure.status == Measure.Status.DRAFT
    [attempt] = _attempts()
    assert attempt.actor == user and attempt.detail == str(measure)


def test_the_directors_approval_leaves_no_refused_attempt(agency, director):
    measure = mf.measure(status=Measure.Status.DRAFT)

    measure_approve(measure=measure, by=director)

    assert Measure.objects.get(pk=measure.pk).status == Measure.Status.APPROVED
    assert not _attempts().exists()
