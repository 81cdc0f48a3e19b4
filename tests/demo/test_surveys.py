import datetime as dt

import pytest
from django.db.models import Count

from demo import agency as demo_agency
from demo import surveys as demo_surveys
from surveys.models import Meeting, Membership, Response, Survey, WorkingGroup

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 21)


def _counts():
    return (
        Survey.objects.count(),
        Response.objects.count(),
        WorkingGroup.objects.count(),
        Membership.objects.count(),
        Meeting.objects.count(),
    )


def test_the_demo_has_both_halves_of_fy_2569_and_working_groups_and_is_idempotent():
    demo_agency.agency_seed()
    demo_surveys.seed_demo(today=TODAY)
    first = _counts()
    demo_surveys.seed_demo(today=TODAY)
    assert _counts() == first

    halves = Survey.objects.filter(fiscal_year=2569).annotate(n=Count("responses"))
    assert sorted(s.round for s in halves) == ["first_half", "second_half"]
    assert sum(s.n for s in halves) >= 300
    assert {s.band_scheme for s in halves} == {"0.5", "0.8"}
    assert Survey.objects.open(on=TODAY).filter(fiscal_year=2570).exists()
    groups = WorkingGroup.objects.annotate(meetings_held=Count("meetings"))
    assert groups.count() == 7
    assert sum(1 for g in groups if g.meetings_held >= 3) >= 2
    assert all(g.order_number for g in groups)
