"""The sealed corruption channel, as a matrix: every staff role × every surface.

One corruption report is filed through the public form with a marker no other
text holds; the integrity officer works it (a reply, a note, a status change,
so it has a history). The marker and the citizen's tracking code must then
appear on no surface of any role but the integrity officer's, and to those
roles the report must not seem to exist at all.
"""

import pytest
from django.contrib import admin
from django.contrib.admin import helpers
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from feedback.models import Case
from feedback.services import case_note, case_reply, case_transition
from tests import factories
from tests.factories import feedback as fb
from tests.login import login_staff

pytestmark = pytest.mark.django_db

MARKER = "ผนึกลับ-7Q3Z"
ROLES = ["triage_officer", "integrity_officer", "editor", "director", "administrator", "superuser"]
DURABLE = {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "sealed"]}


@pytest.fixture
def cast(request):
    users = {role: request.getfixturevalue(role) for role in ROLES}
    for role, user in users.items():
        user.email = f"{role}@example.org"
        user.save()
    return users


@pytest.fixture
def sealed(client, agency, cast, settings, django_capture_on_commit_callbacks):
    """The report, filed by a citizen; its mail tasks wait in the durable queue."""
    settings.TASKS = {"default": DURABLE}
    data = fb.form_data(
        subject=f"เรียกรับเงินค่าตรวจรับ {MARKER}",
        details=f"เจ้าหน้าที่พัสดุเรียกรับเงินจากผู้รับจ้าง {MARKER} เมื่อวันที่ ๓ พฤศจิกายน",
        name=f"นายผู้แจ้ง {MARKER}",
        email="whistle@example.org",
        attachments=[factories.jpeg_upload(f"{MARKER}.jpg")],
    )
    del data["stream"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("feedback:corruption_submit"), data)
    assert response.status_code == 302
    case = Case.objects.get()
    officer = cast["integrity_officer"]
    with django_capture_on_commit_callbacks(execute=True):
        case_transition(case=case, to=Case.Status.ACCEPTED, by=officer)
        case_reply(case=case, by=officer, body=f"รับเรื่องไว้แล้ว {MARKER}")
        case_note(case=case, by=officer, body=f"บันทึกภายใน {MARKER}")
    settings.TASKS = {
        "default": DURABLE | {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}
    }
    client.logout()
    return case


@pytest.fixture
def general(sealed):
    return fb.case(subject="ขอให้ซ่อมประตูห้องสมุด")


def _surfaces(client, case):
    """Every page a member of staff may open about cases: (name, response)."""
    general_list = reverse("admin:feedback_case_changelist")
    sealed_list = reverse("admin:feedback_corruptionreport_changelist")
    history_ids = list(case.history.values_list("history_id", flat=True))
    assert len(history_ids) >= 2
    pages = [
        ("index", reverse("admin:index"), {}),
        ("general list", general_list, {}),
        ("general list, all filters", general_list, {"stream": "corruption", "_facets": "1"}),
        ("general list, overdue", general_list, {"deadline": "overdue"}),
        # Searches ask for part of what they seek: the page repeats the query.
        ("general search, marker", general_list, {"q": MARKER[:-1]}),
        ("general search, code", general_list, {"q": case.tracking_number}),
        ("general search, reporter", general_list, {"q": "whistle@example"}),
        ("sealed list", sealed_list, {}),
        ("sealed search", sealed_list, {"q": MARKER[:-1]}),
        ("general detail", reverse("admin:feedback_case_change", args=[case.pk]), {}),
        ("sealed detail", reverse("admin:feedback_corruptionreport_change", args=[case.pk]), {}),
        ("general history", reverse("admin:feedback_case_history", args=[case.pk]), {}),
        (
            "sealed history",
            reverse("admin:feedback_corruptionreport_history", args=[case.pk]),
            {},
        ),
        ("attachment", reverse("feedback:attachment", args=[case.attachments.get().pk]), {}),
        ("task queue", reverse("admin:django_tasks_database_dbtaskresult_changelist"), {}),
        ("statistics", reverse("feedback:statistics"), {"follow": True}),
    ]
    for history_id in history_ids:
        for queue in ("case", "corruptionreport"):
            url = reverse(f"admin:feedback_{queue}_simple_history", args=[case.pk, history_id])
            pages.append((f"{queue} version {history_id}", url, {}))
    from django_tasks_db.models import DBTaskResult

    for task in DBTaskResult.objects.all():
        url = reverse("admin:django_tasks_database_dbtaskresult_change", args=[task.pk])
        pages.append((f"task {task.pk}", url, {}))
    responses = []
    for name, url, params in pages:
        follow = params.pop("follow", False)
        responses.append((name, client.get(url, params, follow=follow)))
    for queue in (general_list, sealed_list):
        exported = client.post(
            queue, {"action": "export_csv", helpers.ACTION_CHECKBOX_NAME: [case.pk]}
        )
        responses.append((f"export from {queue}", exported))
    return responses


def _text(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode("utf-8", "replace") + response.get("Location", "")


@pytest.mark.parametrize("role", [r for r in ROLES if r != "integrity_officer"])
def test_no_other_role_finds_any_trace_of_a_sealed_report(client, cast, sealed, general, role):
    login_staff(client, cast[role])
    seen = dict(_surfaces(client, sealed))
    for name, response in seen.items():
        text = _text(response)
        assert MARKER not in text, name
        assert sealed.tracking_code not in text, name
        assert "whistle@example.org" not in text, name
    # Not even its existence: the queue is not offered, the report's addresses
    # answer as a missing one would, its tasks are not listed.
    assert reverse("admin:feedback_corruptionreport_changelist") not in _text(seen["index"])
    for name in ("sealed list", "sealed detail", "sealed history"):
        assert seen[name].status_code in (403, 404), name
    assert seen["general detail"]["Location"] == reverse("admin:index")
    assert seen["general history"].status_code == 404
    assert seen["attachment"].status_code in (403, 404)
    versions = [name for name in seen if " version " in name]
    assert versions and all(seen[name].status_code in (403, 404) for name in versions)
    # The statistics still count it: a number, and nothing more.
    stats = client.get(reverse("feedback:statistics"), follow=True)
    assert stats.context["stats"]["totals"]["corruption"]["received"] == 1


def test_the_integrity_officer_sees_the_report_on_every_surface_of_it(
    client, cast, sealed, general
):
    login_staff(client, cast["integrity_officer"])
    seen = dict(_surfaces(client, sealed))
    for name in ("sealed list", "sealed search", "sealed detail"):
        assert MARKER in _text(seen[name]), name
    assert f"นายผู้แจ้ง {MARKER}" in _text(seen["sealed detail"])
    assert seen["attachment"].status_code == 200
    assert MARKER in _text(
        seen["export from " + reverse("admin:feedback_corruptionreport_changelist")]
    )
    versions = [name for name in seen if name.startswith("corruptionreport version")]
    assert versions and all(MARKER in _text(seen[name]) for name in versions)
    index = _text(seen["index"])
    assert reverse("admin:feedback_corruptionreport_changelist") in index


def test_the_general_queue_shows_no_sealed_report_even_to_the_integrity_officer(
    client, cast, sealed, general
):
    login_staff(client, cast["integrity_officer"])
    listing = client.get(reverse("admin:feedback_case_changelist")).content.decode()
    assert general.subject in listing and MARKER not in listing


def test_reminders_of_a_sealed_report_reach_the_integrity_role_only(
    cast, sealed, general, django_capture_on_commit_callbacks
):
    Case.objects.update(
        report_back_due_on=sealed.received_at.date(), resolve_due_on=sealed.received_at.date()
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("feedback_remind_due")
    received = {
        message.to[0]: message.subject + message.body
        for message in mail.outbox
        if message.to[0].endswith("@example.org")
    }
    assert sealed.tracking_number in received["integrity_officer@example.org"]
    assert general.tracking_number in received["triage_officer@example.org"]
    for address, text in received.items():
        if address != "integrity_officer@example.org":
            assert sealed.tracking_number not in text and MARKER not in text, address


@pytest.mark.parametrize("role", ["administrator", "superuser"])
def test_the_task_queue_shows_sealed_tasks_to_no_one_but_the_integrity_role(
    client, cast, sealed, role
):
    from django_tasks_db.models import DBTaskResult

    tasks = DBTaskResult.objects.all()
    assert {task.queue_name for task in tasks} == {"sealed"} and tasks.count() >= 2
    login_staff(client, cast[role])
    listing = client.get(reverse("admin:django_tasks_database_dbtaskresult_changelist"))
    assert listing.status_code == 200
    assert listing.context["cl"].result_count == 0


def test_no_admin_offers_a_case_in_an_autocomplete():
    # Django answers an autocomplete only for a field some admin declares in
    # autocomplete_fields; none points at cases, so none can list a sealed one.
    for model_admin in admin.site._registry.values():
        for name in model_admin.autocomplete_fields:
            target = model_admin.model._meta.get_field(name).related_model
            assert not issubclass(target, Case), (model_admin, name)
