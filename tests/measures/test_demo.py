import datetime as dt

import pytest
from django.urls import reverse

from measures import demo
from measures.models import Activity, Improvement, Measure
from portal import demo as portal_demo
from portal import thai

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 21)


def test_demo_publishes_its_own_announcement_and_a_year_and_a_half_of_activities(client):
    portal_demo.agency_seed()
    portal_demo.staff_seed()

    demo.seed_demo(today=TODAY)
    demo.seed_demo(today=TODAY)  # idempotent

    measure = Measure.objects.get()
    assert measure.status == Measure.Status.PUBLISHED
    assert measure.signatory_name == "นายประสงค์ สุภา"
    assert thai.FiscalYear(2569).filter(Activity.objects.all(), "held_on").count() >= 8
    assert thai.FiscalYear(2570).filter(Activity.objects.all(), "held_on").count() >= 2
    assert not Activity.objects.filter(held_on__gt=TODAY).exists()
    assert Improvement.objects.filter(status="done").exists()
    assert Activity.objects.large_budget_without_participation().count() == 1
    assert "นครพนม เขต ๒" in client.get(measure.get_absolute_url()).content.decode()
    assert client.get(reverse("measures:evidence_index", args=[2569])).status_code == 200
