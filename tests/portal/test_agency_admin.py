import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from measures.models import Agency
from tests import factories
from tests.login import login_staff

pytestmark = pytest.mark.django_db


def test_staff_sign_in_to_a_thai_admin(client, administrator):
    response = client.post(
        reverse("admin:login"),
        {"username": "administrator", "password": factories.DEFAULT_PASSWORD, "next": "/admin/"},
        follow=True,
    )
    assert response.status_code == 200
    assert "ระบบบริหารจัดการพอร์ทัลการมีส่วนร่วม" in response.content.decode()


def test_administrator_edits_the_agency_profile_and_history_records_who(client, administrator):
    agency = factories.agency()
    login_staff(client, administrator)
    url = reverse("admin:measures_agency_change", args=[agency.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k not in {"logo", "emblem"}}
    data["phone"] = "042-999-888"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    agency.refresh_from_db()
    assert agency.phone == "042-999-888"
    latest = agency.history.first()
    assert latest.history_user == administrator
    assert latest.phone == "042-999-888"


def test_there_is_only_ever_one_agency(client, administrator):
    factories.agency()
    login_staff(client, administrator)
    assert client.get(reverse("admin:measures_agency_add")).status_code == 403
    with pytest.raises(IntegrityError), transaction.atomic():
        Agency.objects.bulk_create([Agency(pk=2, name_th="หน่วยงานที่สอง")])


def test_mission_groups_are_kept_in_the_admin_with_history(client, administrator):
    login_staff(client, administrator)
    response = client.post(
        reverse("admin:measures_missiongroup_add"),
        {
            "name": "กลุ่มนโยบายและแผน",
            "name_en": "Policy and Planning",
            "slug": "policy-planning",
            "position": 1,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    group = factories.MissionGroup.objects.get(slug="policy-planning")
    assert group.history.count() == 1


def test_a_triage_officer_cannot_change_the_agency(client, triage_officer):
    agency = factories.agency()
    login_staff(client, triage_officer)
    response = client.get(reverse("admin:measures_agency_change", args=[agency.pk]))
    # Read-only view at most: no save button for a role without change rights.
    assert response.status_code in {200, 403}
    assert 'name="_save"' not in response.content.decode()
