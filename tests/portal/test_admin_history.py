"""A change history that a Thai officer can read: choice labels, Buddhist-Era
dates in Bangkok time, names, and no "None"."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from feedback.models import Case
from tests.factories import feedback as fb
from tests.login import login_staff

pytestmark = pytest.mark.django_db


def test_a_case_history_shows_what_changed_in_the_words_of_the_form(client, triage_officer):
    case = fb.case()
    case.status = Case.Status.ACCEPTED
    case.incident_on = dt.date(2026, 12, 7)
    case.save()
    login_staff(client, triage_officer)

    html = client.get(reverse("admin:feedback_case_history", args=[case.pk])).content.decode()

    assert "รับไว้พิจารณา" in html  # the accepted status's label, not "accepted"
    assert "— &rarr; 7 ธ.ค. 2569" in html  # from nothing to a Buddhist-Era date
    local = timezone.localtime(case.history.first().history_date)
    assert f"{local:%H:%M} น." in html and f"{local.year + 543}" in html
    assert "&rarr;" in html
    for raw in ("received →", "accepted", "None", "pk=None", "+00:00"):
        assert raw not in html, raw


def test_a_malformed_history_address_is_not_found(client, triage_officer):
    case = fb.case()
    login_staff(client, triage_officer)

    response = client.get(f"/admin/feedback/case/{case.pk}/change/history/")

    assert response.status_code == 404


def test_a_refused_admin_form_says_so_in_thai(client, administrator):
    login_staff(client, administrator)

    response = client.post(reverse("admin:measures_missiongroup_add"), {"name": ""})

    html = response.content.decode()
    assert response.status_code == 200
    assert "กรุณาแก้ไขข้อผิดพลาดด้านล่าง" in html
    assert "Please correct" not in html


def test_an_earlier_version_can_be_read_but_not_saved_back(client, administrator):
    from measures.models import MissionGroup

    group = MissionGroup.objects.create(name="กลุ่มเดิม", slug="old")
    group.name = "กลุ่มใหม่"
    group.save()
    first = group.history.earliest()
    login_staff(client, administrator)
    url = reverse("admin:measures_missiongroup_simple_history", args=[group.pk, first.pk])

    page = client.get(url)
    revert = client.post(url, {"name": "กลุ่มเดิม", "slug": "old", "position": 0})

    assert page.status_code == 200 and "กลุ่มเดิม" in page.content.decode()
    assert revert.status_code == 403
    group.refresh_from_db()
    assert group.name == "กลุ่มใหม่"
