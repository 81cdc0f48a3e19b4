"""Who opened, downloaded or exported what in the sealed channel is logged for good."""

import pytest
from django.contrib.admin import helpers
from django.urls import reverse

from feedback.models import AccessRecord
from tests import factories
from tests.factories import feedback as fb
from tests.login import login_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(agency):
    from feedback.uploads import upload_clean

    return fb.corruption_case(uploads=[upload_clean(factories.jpeg_upload("evidence.jpg"))])


def test_opening_downloading_and_exporting_are_each_logged(client, integrity_officer, report):
    login_staff(client, integrity_officer)
    client.get(reverse("admin:feedback_corruptionreport_change", args=[report.pk]))
    client.get(reverse("feedback:attachment", args=[report.attachments.get().pk]))
    client.post(
        reverse("admin:feedback_corruptionreport_changelist"),
        {"action": "export_csv", helpers.ACTION_CHECKBOX_NAME: [report.pk]},
        REMOTE_ADDR="192.0.2.10",
    )
    logged = list(AccessRecord.objects.order_by("at", "pk"))
    assert [(r.action, r.surface) for r in logged] == [
        ("open", ""),
        ("reveal", "case_page"),
        ("download", ""),
        ("export", ""),
        ("reveal", "csv"),
    ]
    assert all(r.user == integrity_officer and r.cases == report.tracking_number for r in logged)
    assert logged[-1].client_address == "192.0.2.10"

    page = client.get(reverse("admin:feedback_accessrecord_changelist"), {"action": "download"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "ดาวน์โหลดไฟล์แนบ" in html and report.tracking_number in html
    assert "เปิดดูเรื่องร้องเรียนการทุจริต" not in html.split("<tbody>")[-1]
    assert " 2569" in html or " 2570" in html  # Buddhist-Era times


@pytest.mark.parametrize("role", ["administrator", "director", "triage_officer"])
def test_only_the_integrity_officer_reads_the_log(client, request, integrity_officer, report, role):
    login_staff(client, integrity_officer)
    client.get(reverse("admin:feedback_corruptionreport_change", args=[report.pk]))
    login_staff(client, request.getfixturevalue(role))
    assert client.get(reverse("admin:feedback_accessrecord_changelist")).status_code == 403


def test_no_one_edits_or_deletes_the_log(client, integrity_officer, report):
    login_staff(client, integrity_officer)
    client.get(reverse("admin:feedback_corruptionreport_change", args=[report.pk]))
    record = AccessRecord.objects.get(action="open")
    change = reverse("admin:feedback_accessrecord_change", args=[record.pk])
    delete = reverse("admin:feedback_accessrecord_delete", args=[record.pk])
    assert client.post(change, {"cases": "x"}).status_code == 403
    assert client.post(delete, {"post": "yes"}).status_code == 403
    with pytest.raises(PermissionError):
        record.save()
    with pytest.raises(PermissionError):
        record.delete()
    assert AccessRecord.objects.get(action="open").cases == report.tracking_number


def test_each_sight_of_a_reporter_is_logged_case_by_case(client, integrity_officer, report):
    anonymous = fb.corruption_case(is_anonymous=True, reporter={})
    login_staff(client, integrity_officer)
    listing = client.get(reverse("admin:feedback_corruptionreport_changelist")).content.decode()
    assert "นายสมชาย" not in listing  # the list names nobody, so it reveals nobody
    assert "ดูได้ในหน้าเรื่อง" in listing
    assert not AccessRecord.objects.filter(action="reveal").exists()

    for case in (report, anonymous, report):
        client.get(reverse("admin:feedback_corruptionreport_change", args=[case.pk]))
    client.post(
        reverse("admin:feedback_corruptionreport_changelist"),
        {"action": "export_csv", helpers.ACTION_CHECKBOX_NAME: [report.pk, anonymous.pk]},
    )
    reveals = list(
        AccessRecord.objects.filter(action="reveal")
        .order_by("at", "pk")
        .values_list("cases", "surface")
    )
    number = report.tracking_number
    assert reveals == [(number, "case_page"), (number, "case_page"), (number, "csv")]
    assert AccessRecord.objects.filter(action="open").count() == 3

    page = client.get(reverse("admin:feedback_accessrecord_changelist"), {"action": "reveal"})
    rows = page.content.decode().split("<tbody>")[-1]
    assert rows.count("เห็นตัวตนผู้แจ้งการทุจริต") == 3
    assert rows.count("หน้าเรื่องในระบบหลังบ้าน") == 2 and rows.count("ส่งออก CSV") == 1
    assert anonymous.tracking_number not in rows


@pytest.mark.parametrize(
    "role", ["administrator", "superuser", "director", "triage_officer", "editor"]
)
def test_no_other_role_sees_a_reporter_so_none_is_logged(client, request, report, role):
    login_staff(client, request.getfixturevalue(role))
    page = client.get(reverse("admin:feedback_corruptionreport_change", args=[report.pk]))
    exported = client.post(
        reverse("admin:feedback_corruptionreport_changelist"),
        {"action": "export_csv", helpers.ACTION_CHECKBOX_NAME: [report.pk]},
    )
    assert page.status_code in (302, 403, 404) and exported.status_code == 403
    assert "นายสมชาย" not in page.content.decode() + exported.content.decode()
    assert not AccessRecord.objects.filter(action="reveal").exists()
