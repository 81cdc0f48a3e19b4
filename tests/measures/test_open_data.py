"""A fiscal year's activities as open data: the page's figures, published rows only."""

import csv
import datetime as dt
import io
import json

import pytest

from tests import factories
from tests.factories import measures as mf

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_2569(agency):
    parents = mf.stakeholder_group(is_external=True)
    teachers = mf.stakeholder_group(is_external=False)
    group = factories.mission_group(name="กลุ่มนโยบายและแผน")
    first = mf.activity(
        title='=HYPERLINK("x")',
        mission_group=group,
        held_on=dt.date(2025, 10, 1),
        participants=[(parents, 12), (teachers, 5)],
    )
    second = mf.activity(
        mission_group=group, held_on=dt.date(2026, 9, 30), participants=[(parents, 30)]
    )
    mf.activity(
        title="กิจกรรมที่ซ่อนไว้",
        held_on=dt.date(2026, 1, 5),
        is_published=False,
        participants=[(parents, 99)],
    )
    mf.activity(title="กิจกรรมปีก่อน", held_on=dt.date(2025, 9, 30), participants=[(parents, 7)])
    return first, second


def test_the_json_holds_the_year_s_published_activities_with_licence_and_dictionary(
    client, year_2569
):
    first, second = year_2569
    response = client.get("/activities/2569/data.json")
    document = json.loads(response.content)
    assert document["fiscal_year"] == 2569 and "CC BY 4.0" in document["licence"]["name"]
    assert [row["id"] for row in document["rows"]] == [first.pk, second.pk]
    # Counted here apart: 12 + 5 took part in the first (5 from inside), 30 in the second.
    assert [(r["participants_total"], r["external_participants"]) for r in document["rows"]] == [
        (17, 12),
        (30, 30),
    ]
    assert {field["name"] for field in document["fields"]} == set(document["rows"][0])
    assert "ปีงบประมาณ (พ.ศ.)" in [field["description"] for field in document["fields"]]
    assert document["publisher"] == "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาทดสอบ เขต ๑"


def test_the_csv_says_the_same_and_defuses_formulas(client, year_2569):
    response = client.get("/activities/2569/data.csv")
    assert response["Content-Disposition"] == 'attachment; filename="activities-2569.csv"'
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(r["ผู้เข้าร่วม"], r["วันที่จัด"]) for r in rows] == [
        ("17", "2025-10-01"),
        ("30", "2026-09-30"),
    ]
    assert rows[0]["กิจกรรม"] == '\'=HYPERLINK("x")'
    assert "ซ่อน" not in response.content.decode() and "ปีก่อน" not in response.content.decode()


def test_the_figures_equal_the_activity_page_s(client, year_2569):
    html = client.get("/activities/", {"year": 2569}).content.decode()
    assert "2 กิจกรรม" in html
    assert (
        'href="/activities/2569/data.csv"' in html and 'href="/activities/2569/data.json"' in html
    )
    assert "สัญญาอนุญาต" in html and "คำอธิบายข้อมูล" in html
    rows = json.loads(client.get("/activities/2569/data.json").content)["rows"]
    for row in rows:
        assert f'<td class="text-end">{row["participants_total"]}</td>' in html


def test_a_year_without_activities_says_so(client, agency):
    document = json.loads(client.get("/activities/2560/data.json").content)
    assert document["rows"] == []
    assert document["note"] == "ไม่มีกิจกรรมที่เผยแพร่ในปีงบประมาณ พ.ศ. 2560"


def test_an_impossible_year_is_not_found(client, agency):
    assert client.get("/activities/99999/data.json").status_code == 404
