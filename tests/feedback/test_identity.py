"""The reporter of a corruption report is seen by the integrity role only."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from feedback.models import Case
from tests import factories
from tests.factories import feedback as fb
from tests.login import login_staff

pytestmark = pytest.mark.django_db

REPORTER = "นายสมชาย ผู้แจ้ง"
MASK = "ปกปิด (เฉพาะเจ้าหน้าที่ศูนย์ต่อต้านการทุจริต)"


@pytest.fixture
def corruption(agency):
    return fb.corruption_case(uploads=[_photo()])


def _photo():
    from feedback.uploads import upload_clean

    return upload_clean(factories.jpeg_upload("evidence.jpg"))


def test_the_integrity_officer_sees_who_reported_corruption_on_the_case_page(
    client, integrity_officer, corruption
):
    login_staff(client, integrity_officer)
    listing = client.get(reverse("admin:feedback_corruptionreport_changelist")).content.decode()
    detail = client.get(reverse("admin:feedback_corruptionreport_change", args=[corruption.pk]))
    history = client.get(reverse("admin:feedback_corruptionreport_history", args=[corruption.pk]))
    download = client.get(reverse("feedback:attachment", args=[corruption.attachments.get().pk]))
    # The list names no reporter: each sight of one is a logged, case-by-case act.
    assert corruption.subject in listing and REPORTER not in listing and MASK not in listing
    assert REPORTER in detail.content.decode()
    assert "somchai@example.org" in detail.content.decode()
    assert REPORTER not in history.content.decode()  # the history keeps no identity
    assert download.status_code == 200
    searched = client.get(reverse("admin:feedback_corruptionreport_changelist"), {"q": "สมชาย"})
    assert corruption.subject not in searched.content.decode()


def test_a_superuser_sees_reporters_only_once_placed_in_the_integrity_role(
    client, superuser, corruption
):
    from django.contrib.auth.models import Group

    from portal.lib import roles

    login_staff(client, superuser)
    url = reverse("admin:feedback_corruptionreport_change", args=[corruption.pk])
    assert REPORTER not in client.get(url).content.decode()
    superuser.groups.add(Group.objects.get(name=roles.INTEGRITY_OFFICER))
    assert REPORTER in client.get(url).content.decode()


def test_sealed_permissions_given_to_an_account_itself_open_nothing(client, corruption):
    # Sealed rights come with membership of the integrity group only: a grant
    # on the account itself, which no colleague sees, counts for nothing.
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    officer = get_user_model().objects.create_user("plain_officer", is_staff=True)
    officer.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="feedback",
            codename__in=[
                "view_case",
                "change_case",
                "view_corruptionreport",
                "change_corruptionreport",
                "work_corruption_queue",
                "view_reporter_identity",
            ],
        )
    )
    login_staff(client, officer)
    listing = client.get(reverse("admin:feedback_corruptionreport_changelist"))
    detail = client.get(reverse("admin:feedback_corruptionreport_change", args=[corruption.pk]))
    download = client.get(reverse("feedback:attachment", args=[corruption.attachments.get().pk]))
    assert listing.status_code == 403 and detail.status_code == 403
    assert download.status_code == 404


def test_general_complaints_show_the_reporter_to_triage(client, triage_officer, agency):
    case = fb.case()
    login_staff(client, triage_officer)
    listing = client.get(reverse("admin:feedback_case_changelist")).content.decode()
    assert "นางสาวมาลี ใจงาม" in listing
    detail = client.get(reverse("admin:feedback_case_change", args=[case.pk])).content.decode()
    assert "malee@example.org" in detail


def test_a_citizen_who_gave_no_name_is_not_listed_as_anonymous(client, triage_officer, agency):
    no_name = fb.case(subject="ไม่ได้กรอกชื่อแต่ให้เบอร์โทร", reporter={"phone": "0812345678"})
    hidden = fb.case(subject="ขอไม่เปิดเผยชื่อ", reporter={}, is_anonymous=True)
    login_staff(client, triage_officer)
    html = client.get(reverse("admin:feedback_case_changelist")).content.decode()
    rows = {
        case.subject: row
        for case in (no_name, hidden)
        for row in html.split("<tr")
        if case.subject in row
    }
    assert "(ไม่ระบุชื่อ)" in rows[no_name.subject] and "ไม่ประสงค์ออกนาม" not in rows[no_name.subject]
    assert "ไม่ประสงค์ออกนาม" in rows[hidden.subject]


def test_attachments_are_not_public(client, agency):
    case = fb.case(uploads=[_photo()])
    response = client.get(reverse("feedback:attachment", args=[case.attachments.get().pk]))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_reminder_mails_name_no_reporter(
    integrity_officer, agency, django_capture_on_commit_callbacks
):
    # An unassigned report is reminded to those who work its queue; even their
    # mailbox, read on a shared or mobile device, gets no reporter.
    integrity_officer.email = "integrity@example.org"
    integrity_officer.save()
    case = fb.corruption_case()
    Case.objects.filter(pk=case.pk).update(
        report_back_due_on=case.received_at.date(), resolve_due_on=case.received_at.date()
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("feedback_remind_due")
    bodies = [m.body for m in mail.outbox if m.to == ["integrity@example.org"]]
    assert bodies and case.tracking_number in bodies[0]
    assert REPORTER not in bodies[0] and "somchai" not in bodies[0]


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("triage_officer", True),
        ("integrity_officer", True),
        ("editor", False),
        ("director", False),
        ("administrator", False),
        ("superuser", False),
    ],
)
def test_complainants_details_are_seen_only_by_those_who_handle_cases(
    client, request, agency, role, sees
):
    case = fb.case(uploads=[_photo()], reporter={"name": "นางสาวมาลี ใจงาม", "phone": "0811112222"})
    login_staff(client, request.getfixturevalue(role))
    listing = client.get(reverse("admin:feedback_case_changelist")).content.decode()
    detail = client.get(reverse("admin:feedback_case_change", args=[case.pk])).content.decode()
    download = client.get(reverse("feedback:attachment", args=[case.attachments.get().pk]))
    exported = client.post(
        reverse("admin:feedback_case_changelist"),
        {"action": "export_csv", "_selected_action": [case.pk]},
    ).content.decode("utf-8-sig")
    assert case.subject in listing and case.subject in detail
    for text in (listing, detail, exported):
        assert ("นางสาวมาลี ใจงาม" in text) is sees
        assert ("ปกปิด (เฉพาะเจ้าหน้าที่ผู้รับผิดชอบเรื่อง)" in text) is not sees
    for text in (detail, exported):  # the list shows the name only
        assert ("0811112222" in text) is sees
    assert download.status_code == (200 if sees else 403)


def test_the_officer_a_case_is_assigned_to_sees_its_complainant(client, editor, agency):
    case = fb.case(reporter={"name": "นางสาวมาลี ใจงาม", "phone": "0811112222"})
    Case.objects.filter(pk=case.pk).update(assigned_to=editor)
    login_staff(client, editor)
    detail = client.get(reverse("admin:feedback_case_change", args=[case.pk])).content.decode()
    assert "นางสาวมาลี ใจงาม" in detail and "0811112222" in detail


@pytest.mark.parametrize("term", ["มาลี", "0811112222", "malee@example"])
def test_triage_finds_a_case_by_the_complainants_name_phone_or_email(
    client, triage_officer, editor, agency, term
):
    wanted = fb.case(
        subject="ไฟฟ้าดับหน้าโรงเรียน",
        reporter={"name": "นางสาวมาลี ใจงาม", "phone": "0811112222", "email": "malee@example.org"},
    )
    other = fb.case(subject="ขอบคุณครูประจำชั้น", reporter={"name": "นายอื่น"})
    url = reverse("admin:feedback_case_changelist")
    login_staff(client, triage_officer)
    found = client.get(url, {"q": term}).content.decode()
    assert wanted.subject in found and other.subject not in found
    login_staff(client, editor)  # who may not see complainants cannot look them up
    assert wanted.subject not in client.get(url, {"q": term}).content.decode()
