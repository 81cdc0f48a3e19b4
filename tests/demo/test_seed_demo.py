import io

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from demo import agency as demo_agency
from feedback.models import FeedbackSettings, HandlingManual, Holiday
from measures.models import Activity, Agency, MissionGroup, Policy
from portal.report.models import AnnualReport
from surveys.models import Survey, WorkingGroup
from tests.login import login_staff

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.fixture(autouse=True)
def _development(settings):
    # pytest-django runs tests with DEBUG off, as production; `make run` has it on.
    settings.DEBUG = True


def _seed(*args):
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def _row_counts():
    """Rows of every model, simple-history's historical models and m2m tables included."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models(include_auto_created=True)
    }


def _edit_agency_phone_in_the_admin(client, phone):
    login_staff(client, get_user_model().objects.get(username="admin"))
    url = reverse("admin:measures_agency_change", args=[Agency.SINGLETON_PK])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k not in {"logo", "emblem"}}
    data["phone"] = phone
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors


def test_seed_demo_builds_the_agency_of_seed_003_and_a_login_per_role():
    _seed()
    agency = Agency.objects.current()
    assert agency.name_th == "สำนักงานเขตพื้นที่การศึกษาประถมศึกษานครพนม เขต ๒"
    assert MissionGroup.objects.count() == 7
    users = get_user_model().objects.filter(is_staff=True)
    for account in demo_agency.DEMO_ACCOUNTS:
        user = users.get(username=account.username)
        assert user.check_password(account.password)
        assert user.groups.filter(name=account.role).exists()


def test_seed_demo_refuses_a_production_installation(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DJANGO_DEBUG=0"):
        _seed()
    assert not Agency.objects.exists()
    assert not get_user_model().objects.exists()


def test_forced_on_production_it_creates_no_known_password_and_no_superuser(settings):
    settings.DEBUG = False
    out = _seed("--force")

    users = get_user_model().objects.all()
    assert sorted(users.values_list("username", flat=True)) == [
        "admin",
        "director",
        "editor",
        "integrity",
        "triage",
    ]
    assert not any(user.has_usable_password() for user in users)
    assert not users.filter(is_superuser=True).exists()
    assert "demo-admin-2569" not in out
    assert Agency.objects.current().name_th == "สำนักงานเขตพื้นที่การศึกษาประถมศึกษานครพนม เขต ๒"


def test_a_second_seed_writes_nothing_and_staff_edits_survive(client):
    _seed()
    _edit_agency_phone_in_the_admin(client, "042-111-222")
    Activity.objects.filter(pk=Activity.objects.first().pk).update(results="ผลที่เจ้าหน้าที่แก้ไข")
    AnnualReport.objects.update(analysis="บทวิเคราะห์ที่เจ้าหน้าที่แก้ไข")
    Survey.objects.exclude(slug__startswith="template-").update(title="ชื่อที่เจ้าหน้าที่แก้ไข")
    WorkingGroup.objects.update(quorum_percent=60)
    Holiday.objects.update(name="ชื่อวันหยุดที่เจ้าหน้าที่แก้ไข")
    staff_edits = _row_counts()

    with CaptureQueriesContext(connection) as queries:
        _seed()

    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]
    assert writes == []
    assert _row_counts() == staff_edits
    agency = Agency.objects.current()
    assert agency.phone == "042-111-222"
    assert agency.history.first().history_user.username == "admin"
    assert Activity.objects.filter(results="ผลที่เจ้าหน้าที่แก้ไข").count() == 1
    assert AnnualReport.objects.get().analysis == "บทวิเคราะห์ที่เจ้าหน้าที่แก้ไข"
    assert not Survey.objects.exclude(slug__startswith="template-").exclude(title="ชื่อที่เจ้าหน้าที่แก้ไข")
    assert set(WorkingGroup.objects.values_list("quorum_percent", flat=True)) == {60}
    assert set(Holiday.objects.values_list("name", flat=True)) == {"ชื่อวันหยุดที่เจ้าหน้าที่แก้ไข"}


def test_rows_the_migrations_made_have_their_creation_in_their_history():
    # No seed: every installation gets these rows, and their history, from `migrate`.
    manual = HandlingManual.objects.current()
    creation = manual.history.get()
    assert creation.history_type == "+"
    assert creation.title == "คู่มือการจัดการเรื่องร้องเรียน"
    for model in (FeedbackSettings, Policy):
        for row in model.objects.all():
            assert [h.history_type for h in row.history.all()] == ["+"], row
