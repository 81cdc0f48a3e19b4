"""PDPA retention: reporter details and attachments of old closed cases are removed."""

import datetime as dt
import os

import pytest
from django.core.management import call_command
from django.utils import timezone

from feedback.models import Attachment, Case, FeedbackSettings
from feedback.services import feedback_statistics
from portal.lib import thai
from tests import factories
from tests.factories import feedback as fb
from tests.login import login_staff

pytestmark = pytest.mark.django_db

REMOVED = "ลบข้อมูลส่วนบุคคลแล้ว (พ้นระยะเวลาการเก็บรักษา หรือลบตามคำขอ)"


def _photo():
    from feedback.uploads import upload_clean

    return upload_clean(factories.jpeg_upload("evidence.jpg"))


def _closed(case, *, days_ago):
    closed_at = timezone.now() - dt.timedelta(days=days_ago)
    Case.objects.filter(pk=case.pk).update(
        status=Case.Status.CLOSED,
        completed_at=closed_at,
        closed_at=closed_at,
        received_at=closed_at - dt.timedelta(days=10),
    )
    case.refresh_from_db()
    return case


def _run(*args):
    from io import StringIO

    out = StringIO()
    call_command("feedback_purge_expired", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def old(agency):
    return _closed(fb.case(uploads=[_photo()]), days_ago=800)


def test_a_dry_run_lists_the_expired_cases_and_changes_nothing(old):
    path = old.attachments.get().file.path
    out = _run()
    assert f"{old.tracking_number}: reporter details, 1 attachment(s)" in out
    assert "1 case(s) would be purged; run with --apply to act." in out
    old.refresh_from_db()
    assert old.reporter.name == "นางสาวมาลี ใจงาม"
    assert old.personal_data_purged_at is None
    assert os.path.exists(path)


def test_apply_removes_identity_contact_and_attachments_and_keeps_the_statistics(
    old, django_capture_on_commit_callbacks
):
    period = thai.FiscalYear.of(thai.local_date(old.received_at)).period
    before = feedback_statistics(period=period)
    path = old.attachments.get().file.path
    with django_capture_on_commit_callbacks(execute=True):
        out = _run("--apply")
    assert "1 case(s) purged." in out
    old.refresh_from_db()
    reporter = old.reporter
    assert (reporter.name, reporter.phone, reporter.email, reporter.address) == ("", "", "", "")
    assert not Attachment.objects.filter(case=old).exists()
    assert not os.path.exists(path)
    assert old.personal_data_purged_at is not None
    assert old.subject and old.status == Case.Status.CLOSED
    assert feedback_statistics(period=period) == before


def test_the_purge_is_logged_in_the_case_history_without_personal_data(
    old, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _run("--apply")
    entry = old.history.first()
    assert entry.history_change_reason == (
        "ลบข้อมูลผู้ร้องและเอกสารแนบ 1 ไฟล์ เนื่องจากพ้นระยะเวลาการเก็บรักษา"
    )
    assert entry.personal_data_purged_at is not None
    logged = " ".join(str(value) for value in entry.__dict__.values())
    assert "มาลี" not in logged and "malee@example.org" not in logged


def test_a_second_run_finds_nothing_left_to_purge(old, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _run("--apply")
    assert "0 case(s) would be purged" in _run()
    assert old.history.count() == 2  # registered, purged


def test_recent_open_and_long_kept_cases_are_left_alone(agency):
    recent = _closed(fb.case(), days_ago=100)
    still_open = fb.case()
    Case.objects.filter(pk=still_open.pk).update(
        received_at=timezone.now() - dt.timedelta(days=2000)
    )
    corruption = _closed(fb.corruption_case(), days_ago=800)
    out = _run("--apply")
    assert "0 case(s) purged." in out
    for case in (recent, still_open, corruption):
        case.refresh_from_db()
        assert case.reporter.name and case.personal_data_purged_at is None


def test_staff_set_the_retention_period_per_stream(agency):
    corruption = _closed(fb.corruption_case(), days_ago=800)
    question = _closed(fb.case(stream=Case.Stream.QUESTION), days_ago=200)
    assert "0 case(s)" in _run()
    config = FeedbackSettings.objects.current()
    config.retention_days_corruption = 730
    config.retention_days_other = 180
    config.save()
    out = _run("--apply")
    assert "2 case(s) purged." in out
    for case in (corruption, question):
        case.refresh_from_db()
        assert case.reporter.name == "" and case.personal_data_purged_at is not None


def test_the_retention_periods_are_editable_in_the_admin(client, administrator, agency):
    from django.urls import reverse

    FeedbackSettings.objects.current()
    login_staff(client, administrator)
    url = reverse("admin:feedback_feedbacksettings_change", args=[1])
    html = client.get(url).content.decode()
    assert "เก็บข้อมูลผู้ร้องเรื่องร้องเรียนการทุจริตไว้" in html
    assert 'name="retention_days_corruption"' in html


def test_staff_see_that_the_details_were_removed_not_an_anonymous_report(
    client, triage_officer, old, django_capture_on_commit_callbacks
):
    from django.contrib.admin import helpers
    from django.urls import reverse

    with django_capture_on_commit_callbacks(execute=True):
        _run("--apply")
    login_staff(client, triage_officer)
    detail = client.get(reverse("admin:feedback_case_change", args=[old.pk])).content.decode()
    assert REMOVED in detail
    exported = client.post(
        reverse("admin:feedback_case_changelist"),
        {"action": "export_csv", helpers.ACTION_CHECKBOX_NAME: [old.pk]},
    )
    assert REMOVED in exported.content.decode("utf-8-sig")


def test_a_name_in_a_full_length_subject_leaves_a_subject_that_still_fits(
    agency, django_capture_on_commit_callbacks
):
    """The placeholder is longer than the name it replaces: a subject of the
    field's full length is cut, not refused by the database."""
    subject = ("ถนนชำรุด มาลี " * 20)[:200]
    case = _closed(fb.case(subject=subject), days_ago=800)
    with django_capture_on_commit_callbacks(execute=True):
        assert "1 case(s) purged." in _run("--apply")
    case.refresh_from_db()
    assert len(case.subject) == 200 and "มาลี" not in case.subject
    assert case.subject.startswith("ถนนชำรุด [ลบข้อมูลส่วนบุคคลแล้ว] ถนนชำรุด")
