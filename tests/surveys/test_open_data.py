"""A fiscal year's survey results as open data: the public rounds' figures per
statement, dimension, round and stakeholder type, small groups hidden as on
the results page, no answer sheet and no written answer."""

import csv
import io
import json
import statistics
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.urls import reverse

from portal.lib import thai
from surveys.models import OpenAnswer, Survey
from tests.factories import measures as mf
from tests.factories import surveys as f
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db

CSV_2569 = "/surveys/2569/data.csv"
JSON_2569 = "/surveys/2569/data.json"

# Six parents score (5, 4) or (4, 4); one teacher (1, 2); nine of the community (3, 5).
SHEETS = (
    [("parents", 5, 4)] * 3
    + [("parents", 4, 4)] * 3
    + [("teachers", 1, 2)]
    # nine sheets of the community
    + [("community", 3, 5)] * 9
)


@pytest.fixture
def fy2569(agency):
    """One public round of FY 2569 with the sheets above and a written answer
    published on its page; beside it rounds the file must leave out."""
    survey = f.survey_answered(
        title="สำรวจความพึงพอใจ ครึ่งปีแรก", slug="satisfaction-2569-h1", publish_open_answers=True
    )
    survey.open_questions.create(text="ข้อเสนอแนะ", position=1)
    question = survey.open_questions.get()
    first, second = f.items_of(survey)
    for slug, a, b in SHEETS:
        f.response(
            survey=survey, scores={first: a, second: b}, stakeholder_group=f.stakeholder_group(slug)
        )
    sheet = f.response(survey=survey, texts={question: "อยากให้นายสมชายบริการดีกว่านี้"})
    for answer in OpenAnswer.objects.filter(response=sheet):
        answer.moderation = OpenAnswer.Moderation.PUBLISHED
        answer.published_text = "อยากให้บริการดีกว่านี้"
        answer.save()
    f.survey_answered(title="สำรวจภายใน", results_public=False, scores_by_response=[[1, 1]])
    f.survey_answered(title="ร่างแบบสำรวจ", status=Survey.Status.DRAFT, scores_by_response=[[2, 2]])
    f.survey_answered(
        title="สำรวจปีก่อน",
        fiscal_year=2568,
        opens_on=survey.opens_on.replace(year=2025, month=1),
        closes_on=survey.opens_on.replace(year=2025, month=3),
        scores_by_response=[[3, 3]],
    )
    return survey


def two_places(value):
    """Rounded as the page prints it (half up), from an exact Python figure."""
    return float(Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _rows(client):
    return json.loads(client.get(JSON_2569).content)["rows"]


def test_every_figure_equals_the_hand_count(client, fy2569):
    rows = _rows(client)
    assert {row["survey_title"] for row in rows} == {"สำรวจความพึงพอใจ ครึ่งปีแรก"}
    firsts = [a for _g, a, _b in SHEETS]
    seconds = [b for _g, _a, b in SHEETS]
    [item_one, item_two] = [row for row in rows if row["level"] == "item"]
    assert item_one["n"] == len(firsts) == 16
    assert item_one["mean"] == two_places(statistics.mean(firsts))
    assert item_one["sd"] == two_places(statistics.stdev(firsts))
    assert [item_one[f"score_{s}"] for s in (5, 4, 3, 2, 1)] == [3, 3, 9, 0, 1]
    assert item_two["mean"] == two_places(statistics.mean(seconds))
    [overall] = [row for row in rows if row["level"] == "overall"]
    assert overall["respondents"] == len(SHEETS) + 1  # the sheet with a written answer only
    assert overall["n"] == 32 and overall["mean"] == two_places(statistics.mean(firsts + seconds))
    assert overall["top_two_share"] == two_places(
        statistics.mean(100 if s >= 4 else 0 for s in firsts + seconds)
    )


def test_small_groups_are_hidden_as_on_the_page(client, fy2569):
    by_type = {}
    for row in _rows(client):
        if row["level"] == "stakeholder_type":
            by_type.setdefault(row["stakeholder_type"], []).append(row)
    # One teacher: hidden; the parents (6), next-smallest, hidden with it.
    for name, note in (
        ("ครูและบุคลากรทางการศึกษา", "ผู้ตอบน้อยกว่า 5 คน — ไม่แสดงผล"),
        ("ผู้ปกครอง", "ไม่แสดงผล เพื่อไม่ให้คำนวณผลของกลุ่มที่เล็กกว่าย้อนกลับจากยอดรวมได้"),
    ):
        for row in by_type[name]:
            assert row["mean"] is None and row["n"] is None and row["score_1"] is None
            assert row["remark"] == note
    community = {row["dimension"]: row for row in by_type["ชุมชนและประชาชนทั่วไป"]}
    assert community[""]["respondents"] == 9 and community[""]["mean"] == 4.0
    assert community["ด้านกระบวนการ"]["score_3"] == 9 and community["ด้านกระบวนการ"]["remark"] == ""
    # Without a stakeholder type: the sheet with a written answer only, no scores to hide.
    assert "ไม่ระบุ" not in by_type


def test_the_csv_has_thai_headings_a_bom_and_the_json_rows(client, fy2569):
    response = client.get(CSV_2569)
    assert response["Content-Disposition"] == 'attachment; filename="survey-results-2569.csv"'
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    header, *rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert header[:6] == ["ปีงบประมาณ", "รหัสแบบสำรวจ", "แบบสำรวจ", "กลุ่มงาน", "วันเปิด", "วันปิด"]
    assert "คะแนน 5" in header and header[-1] == "หมายเหตุ"
    json_rows = _rows(client)
    assert len(rows) == len(json_rows)
    assert [row[header.index("ค่าเฉลี่ย")] for row in rows] == [
        "" if row["mean"] is None else str(row["mean"]) for row in json_rows
    ]


def test_no_answer_sheet_or_written_answer_leaves(client, fy2569):
    page = client.get(reverse("surveys:survey_results", args=[fy2569.slug])).content.decode()
    assert "อยากให้บริการดีกว่านี้" in page  # published on the page, yet not in the files
    for url in (CSV_2569, JSON_2569):
        text = client.get(url).content.decode("utf-8-sig")
        assert "สมชาย" not in text and "อยากให้บริการดีกว่านี้" not in text
        assert "สำรวจภายใน" not in text and "ร่างแบบสำรวจ" not in text
        assert "สำรวจปีก่อน" not in text


def test_the_json_carries_licence_dictionary_and_a_note_for_an_empty_year(client, fy2569):
    document = json.loads(client.get(JSON_2569).content)
    assert document["title"] == "ผลการสำรวจความพึงพอใจ ประจำปีงบประมาณ พ.ศ. 2569"
    assert "CC BY 4.0" in document["licence"]["name"]
    assert [field["name"] for field in document["fields"]] == list(document["rows"][0])
    assert document["note"] == ""
    empty = json.loads(client.get("/surveys/2567/data.json").content)
    assert empty["rows"] == []
    assert empty["note"] == "ไม่มีรอบการสำรวจที่เผยแพร่ผลในปีงบประมาณ พ.ศ. 2567"


def test_a_far_year_is_not_found(client, agency):
    assert client.get("/surveys/2999/data.csv").status_code == 404
    assert client.get("/surveys/2400/data.json").status_code == 404


def test_the_results_page_the_evidence_page_and_the_sitemap_link_the_files(client, fy2569):
    page = client.get(reverse("surveys:survey_results", args=[fy2569.slug])).content.decode()
    assert f'href="{CSV_2569}"' in page and f'href="{JSON_2569}"' in page
    assert "ข้อมูลเปิด: ผลการสำรวจความพึงพอใจ ปีงบประมาณ พ.ศ. 2569" in page
    assert "<code>stakeholder_type</code>" in page
    mf.indicator(assessment_year=2569, code="O16")
    evidence = client.get(reverse("measures:evidence_index", args=[2569])).content.decode()
    assert f'href="{CSV_2569}"' in evidence
    current = thai.FiscalYear.current().be_year
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"/surveys/{current}/data.json" in sitemap and f"/surveys/{current}/data.csv" in sitemap


def test_the_file_costs_the_same_queries_for_few_or_many_sheets(client, fy2569):
    first, second = f.items_of(fy2569)
    parents = f.stakeholder_group("parents")

    def grow():
        for n in range(40):
            f.response(
                survey=fy2569, scores={first: 1 + n % 5, second: 5}, stakeholder_group=parents
            )

    # Per public round of the year: survey_results' queries, whatever its answers.
    assert_constant_queries(client, JSON_2569, grow=grow, at_most=16)
