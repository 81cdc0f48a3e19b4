"""CSV export from the admin: Thai that Excel can read, reporters masked as on screen."""

import csv
import io

import pytest
from django.contrib.admin import helpers
from django.urls import reverse

from tests.factories import feedback as fb
from tests.login import login_staff
from tests.queries import call_queries

pytestmark = pytest.mark.django_db

REPORTER = "นายสมชาย ผู้แจ้ง"
MASK = "ปกปิด (เฉพาะเจ้าหน้าที่ศูนย์ต่อต้านการทุจริต)"


def _export(client, changelist, cases):
    response = client.post(
        reverse(changelist),
        {"action": "export_csv", helpers.ACTION_CHECKBOX_NAME: [c.pk for c in cases]},
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    raw = response.content
    assert raw.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def test_the_integrity_officer_exports_corruption_reports_with_their_reporters(
    client, integrity_officer, agency
):
    case = fb.corruption_case()
    login_staff(client, integrity_officer)
    header, row = _export(client, "admin:feedback_corruptionreport_changelist", [case])
    assert header[0] == "เลขทะเบียนรับ" and "ผู้ร้อง" in header
    assert row[0] == case.tracking_number
    assert row[4] == "เรียกรับเงินในการจัดซื้อ"
    text = ",".join(row)
    assert REPORTER in text and "somchai@example.org" in text and MASK not in text


@pytest.mark.parametrize("role", ["triage_officer", "director", "editor"])
def test_other_roles_cannot_export_corruption_reports_even_by_naming_them(
    client, request, agency, role
):
    case = fb.corruption_case()
    login_staff(client, request.getfixturevalue(role))
    sealed = client.post(
        reverse("admin:feedback_corruptionreport_changelist"),
        {"action": "export_csv", helpers.ACTION_CHECKBOX_NAME: [case.pk]},
    )
    assert sealed.status_code == 403
    general = client.post(
        reverse("admin:feedback_case_changelist"),
        {"action": "export_csv", helpers.ACTION_CHECKBOX_NAME: [case.pk]},
    )
    assert case.subject not in general.content.decode("utf-8-sig", "replace")


@pytest.mark.parametrize("role", ["triage_officer", "integrity_officer"])
def test_the_general_export_shows_the_reporter_and_only_the_selected_cases(
    client, request, agency, role
):
    wanted, other = fb.case(), fb.case()
    login_staff(client, request.getfixturevalue(role))
    rows = _export(client, "admin:feedback_case_changelist", [wanted])
    assert len(rows) == 2
    assert rows[1][0] == wanted.tracking_number
    assert "นางสาวมาลี ใจงาม" in rows[1] and "malee@example.org" in rows[1]
    assert other.tracking_number not in {row[0] for row in rows}


def test_an_anonymous_report_exports_as_anonymous(client, integrity_officer, agency):
    case = fb.corruption_case(is_anonymous=True, reporter={})
    login_staff(client, integrity_officer)
    _, row = _export(client, "admin:feedback_corruptionreport_changelist", [case])
    assert row[-3] == "ไม่ประสงค์ออกนาม"


def test_formula_text_from_citizens_cannot_run_in_excel(client, triage_officer, agency):
    case = fb.case(subject='=HYPERLINK("http://evil.example","คลิก")')
    login_staff(client, triage_officer)
    _, row = _export(client, "admin:feedback_case_changelist", [case])
    assert row[4].startswith("'=")


def test_the_export_query_count_does_not_grow_with_rows(client, integrity_officer, agency):
    changelist = "admin:feedback_corruptionreport_changelist"
    login_staff(client, integrity_officer)
    few_cases = [fb.corruption_case()]
    # _export checks the status and that a CSV came back.
    _, few = call_queries(lambda: _export(client, changelist, few_cases))
    many_cases = few_cases + [fb.corruption_case() for _ in range(8)]
    rows, many = call_queries(lambda: _export(client, changelist, many_cases))
    assert len(rows) == 10
    assert many == few, f"{few} queries for 1 case, {many} for 9"
