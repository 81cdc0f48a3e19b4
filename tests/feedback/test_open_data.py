"""A fiscal year's complaint statistics as open data: the page's figures, one
row per month and complaint type, no personal data, no text anyone wrote."""

import csv
import datetime as dt
import io
import json

import pytest
from django.urls import reverse

from feedback.models import Case
from portal.lib import thai
from tests import factories
from tests.factories import feedback as fb
from tests.factories import measures as mf

pytestmark = pytest.mark.django_db

CSV_2569 = "/feedback/statistics/2569/data.csv"
JSON_2569 = "/feedback/statistics/2569/data.json"


def received(day, hour=10, **fields):
    return fb.case_received(received_at=factories.moment(day, hour), **fields)


@pytest.fixture
def fy2569(agency):
    """Counted by hand: general 2 in October 2025 (1 completed, 1 not accepted),
    1 in March 2026 at 23:00 Bangkok time (in progress); corruption 2 in
    November 2025 (1 completed, 1 in progress); a suggestion in November
    (feedback, not a complaint); one case each just outside the year."""
    received(
        dt.date(2025, 10, 3),
        status=Case.Status.COMPLETED,
        completed_at=factories.moment(dt.date(2025, 10, 7)),
        outcome="ซ่อมหลังคาให้นายสมศักดิ์แล้ว",
    )
    received(
        dt.date(2025, 10, 20), status=Case.Status.NOT_ACCEPTED, not_accepted_ground="too_vague"
    )
    received(dt.date(2026, 3, 31), hour=23, status=Case.Status.IN_PROGRESS)
    received(
        dt.date(2025, 11, 4),
        stream=Case.Stream.CORRUPTION,
        status=Case.Status.COMPLETED,
        completed_at=factories.moment(dt.date(2025, 12, 1)),
        subject="เรียกรับเงินจากผู้ขาย",
    )
    received(dt.date(2025, 11, 9), stream=Case.Stream.CORRUPTION, status=Case.Status.ASSIGNED)
    received(dt.date(2025, 11, 5), stream=Case.Stream.SUGGESTION)
    received(dt.date(2025, 9, 30), hour=23)
    received(dt.date(2026, 10, 1), hour=1)


def rows_of(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_every_figure_equals_the_hand_count(client, fy2569):
    document = json.loads(client.get(JSON_2569).content)
    counted = {
        (row["month"], row["stream"]): (
            row["received"],
            row["completed"],
            row["in_progress"],
            row["not_accepted"],
        )
        for row in document["rows"]
    }
    assert len(document["rows"]) == 24  # 12 months × 2 complaint types
    assert counted[("2025-10", "general")] == (2, 1, 0, 1)
    assert counted[("2026-03", "general")] == (1, 0, 1, 0)
    assert counted[("2025-11", "corruption")] == (2, 1, 1, 0)
    assert counted[("2025-11", "general")] == (0, 0, 0, 0)  # the suggestion is no complaint
    others = {
        key: value
        for key, value in counted.items()
        if key not in {("2025-10", "general"), ("2026-03", "general"), ("2025-11", "corruption")}
    }
    assert set(others.values()) == {(0, 0, 0, 0)}  # the cases outside the year count nowhere
    assert document["note"] == ""


def test_the_csv_has_thai_headings_a_bom_and_the_same_rows(client, fy2569):
    response = client.get(CSV_2569)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith("\ufeff".encode())
    assert response["Content-Disposition"] == (
        'attachment; filename="complaint-statistics-2569.csv"'
    )
    header, *rows = rows_of(response)
    assert header[:6] == [
        "ปีงบประมาณ",
        "เดือน",
        "เดือน (พ.ศ.)",
        "รหัสประเภทเรื่องร้องเรียน",
        "ประเภทเรื่องร้องเรียน",
        "รับเรื่อง",
    ]
    assert header[-1] == "หมายเหตุ"
    october_general = next(r for r in rows if r[1] == "2025-10" and r[3] == "general")
    assert october_general == [
        "2569",
        "2025-10",
        "ตุลาคม 2568",
        "general",
        "เรื่องร้องเรียนทั่วไปและการให้บริการ",
        "2",
        "1",
        "0",
        "1",
        "",
    ]
    november_general = next(r for r in rows if r[1] == "2025-11" and r[3] == "general")
    assert november_general[-1] == "ไม่มีเรื่องร้องเรียน"
    json_rows = json.loads(client.get(JSON_2569).content)["rows"]
    assert [row[1:] for row in rows] == [
        [str(value) for value in list(row.values())[1:]] for row in json_rows
    ]


def test_no_personal_data_or_written_text_leaves(client, fy2569):
    for url in (CSV_2569, JSON_2569):
        text = client.get(url).content.decode("utf-8-sig")
        for written in ("สมศักดิ์", "เรียกรับเงิน", "ขอทราบผล", "รายละเอียด", "ABCD2345"):
            assert written not in text


def test_the_json_carries_licence_and_dictionary(client, fy2569):
    document = json.loads(client.get(JSON_2569).content)
    assert document["fiscal_year"] == 2569
    assert document["title"] == "สถิติเรื่องร้องเรียน ประจำปีงบประมาณ พ.ศ. 2569"
    assert "CC BY 4.0" in document["licence"]["name"]
    assert document["publisher"] == "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาทดสอบ เขต ๑"
    assert [f["name"] for f in document["fields"]] == list(document["rows"][0])
    assert {"name": "not_accepted", "heading": "ไม่รับไว้พิจารณา"}.items() <= next(
        f for f in document["fields"] if f["name"] == "not_accepted"
    ).items()


def test_the_files_say_what_the_page_says(client, fy2569):
    page = client.get(reverse("feedback:statistics_year", args=[2569])).content.decode()
    rows = json.loads(client.get(JSON_2569).content)["rows"]
    corruption = [row for row in rows if row["stream"] == "corruption"]
    # The page's whole-year line of the corruption table, from the file's rows.
    totals = [
        sum(row[stage] for row in corruption)
        for stage in ("received", "completed", "in_progress", "not_accepted")
    ]
    assert totals == [2, 1, 1, 0]
    assert "".join(f'<td class="text-end">{n}</td>' for n in totals[:2]) in page
    assert f'href="{CSV_2569}"' in page and f'href="{JSON_2569}"' in page
    assert "ข้อมูลเปิด: สถิติเรื่องร้องเรียน ปีงบประมาณ พ.ศ. 2569" in page
    assert "สัญญาอนุญาต" in page and "คำอธิบายข้อมูล" in page and "<code>not_accepted</code>" in page


def test_a_year_without_complaints_says_so(client, agency):
    fb.case_received(
        received_at=factories.moment(dt.date(2025, 3, 1)), stream=Case.Stream.SUGGESTION
    )
    document = json.loads(client.get("/feedback/statistics/2568/data.json").content)
    assert document["note"] == "ไม่มีเรื่องร้องเรียนในปีงบประมาณ พ.ศ. 2568"
    assert {row["remark"] for row in document["rows"]} == {"ไม่มีเรื่องร้องเรียน"}
    assert {row["received"] for row in document["rows"]} == {0}
    _header, *rows = rows_of(client.get("/feedback/statistics/2568/data.csv"))
    assert len(rows) == 24 and {row[-1] for row in rows} == {"ไม่มีเรื่องร้องเรียน"}


def test_a_future_or_ancient_year_is_not_found(client, agency):
    assert client.get("/feedback/statistics/2999/data.csv").status_code == 404
    assert client.get("/feedback/statistics/2400/data.json").status_code == 404


def test_the_evidence_page_and_the_sitemap_list_the_files(client, agency):
    mf.indicator(assessment_year=2569, code="O16")
    coming = thai.FiscalYear.current().be_year + 1
    mf.indicator(assessment_year=coming, code="O17")
    evidence = client.get(reverse("measures:evidence_index", args=[2569])).content.decode()
    assert "ข้อมูลเปิด ปีงบประมาณ พ.ศ. 2569" in evidence
    assert f'href="{CSV_2569}"' in evidence and 'href="/activities/2569/data.json"' in evidence
    # A coming year's figures are not published: no link that would 404.
    later = client.get(reverse("measures:evidence_index", args=[coming])).content.decode()
    assert "/data.csv" not in later and "O17" in later
    sitemap = client.get("/sitemap.xml").content.decode()
    assert CSV_2569 in sitemap and JSON_2569 in sitemap
    assert "/activities/2569/data.json" in sitemap
