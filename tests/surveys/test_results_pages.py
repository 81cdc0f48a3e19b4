"""The results page, its CSV exports and the QR code."""

import csv
import datetime as dt
import io

import pytest
import segno
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import models
from django.urls import reverse

from surveys.models import OpenAnswer, Survey
from tests.factories import surveys as f
from tests.login import login_staff
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def _results(survey):
    return reverse("surveys:survey_results", kwargs={"slug": survey.slug})


def _answered_survey(**overrides):
    survey = f.survey(**overrides)
    first, second, *_ = f.items_of(survey)
    question = survey.open_questions.get()
    parents, teachers = f.stakeholder_group("parents"), f.stakeholder_group("teachers")
    f.response(
        survey=survey,
        scores={first: 5, second: 4},
        stakeholder_group=parents,
        texts={question: "อยากให้เพิ่มที่จอดรถ"},
    )
    f.response(
        survey=survey,
        scores={first: 4},
        stakeholder_group=teachers,
        texts={question: "ที่จอดรถไม่พอ"},
    )
    f.response(survey=survey, scores={first: 3}, stakeholder_group=parents)
    return survey


def test_the_public_results_page_shows_the_statistics_and_the_band_scheme(client):
    survey = _answered_survey()
    html = client.get(_results(survey)).content.decode()
    assert "ความพึงพอใจในภาพรวม" in html
    assert "4.00" in html  # mean of 5, 4, 4, 3
    assert "แบ่งช่วงที่จุดกึ่งกลางระหว่างคะแนน" in html
    assert "ช่วงปลายทั้งสองกว้าง 0.5 สามช่วงกลางกว้าง 1.0" in html
    assert "ห้าช่วงเท่ากัน" not in html
    assert "4.51–5.00" in html and "1.51–2.50" in html and "1.00–1.50" in html
    assert "มาก" in html
    assert "ผู้ตอบ 3 คน" in html


def test_the_page_prints_the_other_band_scheme_when_chosen(client):
    survey = _answered_survey(band_scheme="0.8")
    html = client.get(_results(survey)).content.decode()
    assert "ห้าช่วงเท่ากัน ช่วงละ 0.8" in html
    assert "4.21–5.00" in html


def test_a_single_answer_says_the_sd_is_undefined_instead_of_zero(client):
    survey = _answered_survey()
    html = client.get(_results(survey)).content.decode()
    # the second statement has one answer
    assert "คำนวณไม่ได้ (มีผู้ตอบเพียงคนเดียว)" in html


def test_an_unanswered_statement_says_nobody_answered(client):
    survey = _answered_survey()
    html = client.get(_results(survey)).content.decode()
    assert "ไม่มีผู้ตอบ" in html


def test_open_answers_are_listed_with_their_most_frequent_words(client, editor):
    survey = _answered_survey()
    login_staff(client, editor)
    client.post(
        reverse("admin:surveys_openanswer_changelist"),
        {
            "action": "publish_as_written",
            ACTION_CHECKBOX_NAME: list(OpenAnswer.objects.values_list("pk", flat=True)),
        },
    )
    client.logout()
    html = client.get(_results(survey)).content.decode()
    assert "อยากให้เพิ่มที่จอดรถ" in html
    assert "คำที่พบบ่อยที่สุด" in html
    assert "ที่จอดรถ <span" in html or "จอด" in html


def test_results_are_cross_tabulated_by_stakeholder_type(client):
    survey = _answered_survey()
    html = client.get(_results(survey)).content.decode()
    assert "จำแนกตามประเภทผู้มีส่วนได้ส่วนเสีย" in html
    assert "ผู้ปกครอง" in html and "ครูและบุคลากรทางการศึกษา" in html


def test_unpublished_results_are_for_staff_only(client, editor):
    survey = _answered_survey(results_public=False)
    assert client.get(_results(survey)).status_code == 404
    login_staff(client, editor)
    page = client.get(_results(survey))
    assert page.status_code == 200
    assert "เฉพาะเจ้าหน้าที่เห็นผลนี้" in page.content.decode()


def test_the_results_page_query_count_does_not_grow_with_answers(client):
    survey = _answered_survey()
    items = f.items_of(survey)

    def grow():
        for n in range(60):
            f.response(survey=survey, scores=dict.fromkeys(items, 1 + n % 5))

    assert_constant_queries(client, _results(survey), grow=grow, at_most=14)


def test_the_statistics_csv_has_a_row_per_item_dimension_and_overall(client):
    survey = _answered_survey()
    response = client.get(reverse("surveys:survey_results_csv", kwargs={"slug": survey.slug}))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "ระดับ"
    overall = next(row for row in rows if row[0] == "ภาพรวม")
    assert overall[3] == "4"  # n
    assert overall[14] == "4.00"  # mean
    assert overall[15] == "0.82"  # sample SD of 5, 4, 4, 3
    single = next(row for row in rows if row[2] == "ด้านกระบวนการ ข้อ 2")
    assert single[15] == ""  # undefined, not 0


def test_the_statistics_csv_names_the_band_scheme_on_every_row(client):
    survey = _answered_survey(band_scheme="0.8")
    response = client.get(reverse("surveys:survey_results_csv", kwargs={"slug": survey.slug}))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][-1] == "เกณฑ์การแปลความหมาย"
    assert {row[-1] for row in rows[1:]} == {"ห้าช่วงเท่ากัน ช่วงละ 0.8 (4.21–5.00 มากที่สุด)"}


def test_the_statistics_csv_breaks_each_stakeholder_type_down_by_dimension(client, settings):
    settings.SURVEY_MIN_GROUP_SIZE = (
        1  # groups of one and two shown (tests/surveys/test_small_groups.py)
    )
    survey = _answered_survey()
    response = client.get(reverse("surveys:survey_results_csv", kwargs={"slug": survey.slug}))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    by_type = {(row[1], row[2]): row for row in rows if row[0] == "ประเภทผู้มีส่วนได้ส่วนเสีย"}
    parents_process = by_type[("ด้านกระบวนการ", "ผู้ปกครอง")]
    assert (parents_process[3], parents_process[14]) == ("3", "4.00")  # 5, 4, 3
    assert by_type[("ด้านเจ้าหน้าที่", "ผู้ปกครอง")][3] == "0"
    assert by_type[("ด้านกระบวนการ", "ครูและบุคลากรทางการศึกษา")][14] == "4.00"
    assert by_type[("", "ผู้ปกครอง")][3] == "3"  # the type's overall row stays


def test_the_raw_answers_csv_is_anonymous_and_staff_only(client, editor):
    survey = _answered_survey()
    url = reverse("surveys:survey_answers_csv", kwargs={"slug": survey.slug})
    assert client.get(url).status_code in (302, 403)
    login_staff(client, editor)
    response = client.get(url)
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 4
    assert rows[0][:2] == ["ฉบับที่", "วันที่และเวลา (เวลาประเทศไทย)"]
    assert "อยากให้เพิ่มที่จอดรถ" in rows[1]
    assert rows[1][5] == "ผู้ปกครอง"


def test_the_qr_code_is_an_svg_leading_to_the_answer_page(client, settings):
    survey = f.survey()
    response = client.get(reverse("surveys:survey_qr", kwargs={"slug": survey.slug}))
    assert response["Content-Type"] == "image/svg+xml"
    expected = io.BytesIO()
    segno.make(f"{settings.SITE_URL}/surveys/{survey.slug}/", error="m").save(
        expected, kind="svg", scale=8, border=4, title=survey.title
    )
    assert response.content == expected.getvalue()


def test_a_draft_has_no_public_qr_code(client):
    survey = f.survey(status=Survey.Status.DRAFT)
    assert client.get(reverse("surveys:survey_qr", kwargs={"slug": survey.slug})).status_code == 404


def test_the_results_page_says_what_was_done_with_the_findings(client):
    from measures.models import Improvement

    survey = _answered_survey()
    survey.improvements.add(
        Improvement.objects.create(title="เพิ่มที่จอดรถ 12 คัน", you_said="ที่จอดรถไม่พอ", status="planned")
    )
    html = client.get(_results(survey)).content.decode()
    assert "เพิ่มที่จอดรถ 12 คัน" in html
    assert "เราทำ:" in html


def test_a_formula_in_an_open_answer_is_defused_in_the_csv(client, editor):
    survey = f.survey()
    question = survey.open_questions.get()
    f.response(survey=survey, texts={question: '=HYPERLINK("http://evil","คลิก")'})
    login_staff(client, editor)
    response = client.get(reverse("surveys:survey_answers_csv", kwargs={"slug": survey.slug}))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][-1] == '\'=HYPERLINK("http://evil","คลิก")'


def test_the_raw_answers_csv_dates_each_sheet_in_bangkok_time(client, editor):
    survey = f.survey()
    # 01:30 on 22 November in Bangkok is still 21 November in UTC.
    f.response(survey=survey, submitted_at=dt.datetime(2026, 11, 21, 18, 30, tzinfo=dt.UTC))
    login_staff(client, editor)
    response = client.get(reverse("surveys:survey_answers_csv", kwargs={"slug": survey.slug}))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][1] == "2026-11-22 01:30"


def test_the_word_list_counts_what_citizens_asked_for_not_their_polite_particles(client):
    survey = f.survey()
    question = survey.open_questions.get()
    for text in ["อยากให้มีที่จอดรถเพิ่มครับผม", "ที่จอดรถไม่พอนะคะ", "รอนานมากกกก อ่ะ"]:
        f.response(survey=survey, texts={question: text})
    OpenAnswer.objects.update(
        moderation=OpenAnswer.Moderation.PUBLISHED, published_text=models.F("text")
    )

    html = client.get(_results(survey)).content.decode()

    assert "ที่จอดรถ <span" in html and "(2)" in html  # the one thing asked twice
    for filler in ("ครับผม", "นะคะ", "อ่ะ", "กก"):
        assert f"{filler} <span" not in html
