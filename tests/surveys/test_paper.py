"""Paper questionnaires keyed in by staff (seed 001 §3, 004 §4): counted with
the online answers, shown apart, and a refused sheet loses nothing."""

import datetime as dt
import importlib

import pytest
from django.apps import apps as django_apps
from django.urls import reverse
from django.utils import timezone

from portal.lib import thai
from portal.lib.be_dates import be_date_format
from surveys.models import Response, Survey
from surveys.services import survey_summaries
from tests.factories import surveys as sf
from tests.login import login_staff

pytestmark = pytest.mark.django_db

OPENS, CLOSES = dt.date(2026, 6, 1), dt.date(2026, 8, 31)


@pytest.fixture
def round_(agency):
    return sf.survey(
        title="ความพึงพอใจต่อการให้บริการ (กระดาษ)",
        opens_on=OPENS,
        closes_on=CLOSES,
        status=Survey.Status.CLOSED,
        results_public=True,
        ask_sex=True,
    )


def url(survey):
    return reverse("admin:surveys_survey_paper", args=[survey.pk])


def sheet(survey, *, number="17", on="15/07/2569", scores=(5, 4, 4, 3), text="ห้องน้ำสะอาดดี"):
    items = sf.items_of(survey)
    data = {"sheet_number": number, "answered_on": on, "sex": "female"}
    data |= {f"item_{item.pk}": str(s) for item, s in zip(items, scores, strict=False)}
    data[f"open_{survey.open_questions.get().pk}"] = text
    return data


def test_an_editor_keys_in_a_sheet_that_counts_with_the_online_answers(client, editor, round_):
    login_staff(client, editor)
    items = sf.items_of(round_)
    # Two online answers beforehand: all 5s and all 1s.
    for score in (5, 1):
        sf.response(survey=round_, scores=dict.fromkeys(items, score))

    page = client.get(url(round_))
    assert page.status_code == 200
    assert "บันทึกแบบสอบถามกระดาษ" in page.content.decode()
    response = client.post(url(round_), sheet(round_))

    assert response.status_code == 302 and response.url == url(round_)
    paper = Response.objects.get(channel=Response.Channel.PAPER)
    assert (paper.sheet_number, paper.keyed_in_by, paper.sex) == ("17", editor, "female")
    assert thai.local_date(paper.submitted_at) == dt.date(2026, 7, 15)  # 2569 read as B.E.
    assert sorted(paper.answers.values_list("score", flat=True)) == [3, 4, 4, 5]
    assert paper.open_answers.get().text == "ห้องน้ำสะอาดดี"
    followed = client.get(response.url).content.decode()
    assert "บันทึกแบบสอบถามกระดาษเลขที่ 17 แล้ว" in followed
    assert "ออนไลน์ 2 ฉบับ แบบสอบถามกระดาษ 1 ฉบับ" in followed

    # Counted with the online sheets: 3 respondents; 12 item answers, mean by hand.
    (summary,) = survey_summaries(period=thai.FiscalYear(2569))
    assert (summary.responses, summary.paper_responses, summary.online_responses) == (3, 1, 2)
    assert summary.overall.n == 12
    assert float(summary.overall.mean_display) == round((4 * 5 + 4 * 1 + 5 + 4 + 4 + 3) / 12, 2)
    results = client.get(reverse("surveys:survey_results", args=[round_.slug])).content.decode()
    assert "ผู้ตอบ 3 คน" in results
    assert "ออนไลน์ 2 แบบสอบถามกระดาษ 1" in results


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"on": "15/09/2569"}, "วันที่บนแบบสอบถามต้องอยู่ในช่วงของรอบการสำรวจ"),
        ({"scores": (9, 4, 4, 3)}, "ยังไม่ได้บันทึกแบบสอบถามฉบับนี้"),
        ({"number": ""}, "ยังไม่ได้บันทึกแบบสอบถามฉบับนี้"),
        ({"on": "31/02/2569"}, "ยังไม่ได้บันทึกแบบสอบถามฉบับนี้"),
        ({"scores": (), "text": ""}, "กรุณาตอบอย่างน้อยหนึ่งข้อ"),
    ],
)
def test_a_refused_sheet_saves_nothing_and_keeps_what_was_typed(
    client, editor, round_, change, message
):
    login_staff(client, editor)
    data = sheet(round_, **change)
    response = client.post(url(round_), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert not Response.objects.exists()
    if data[f"open_{round_.open_questions.get().pk}"]:
        assert "ห้องน้ำสะอาดดี" in html
    if data["sheet_number"]:
        assert 'value="17"' in html
    assert 'value="female" selected' in html


def test_the_same_sheet_number_is_not_counted_twice(client, editor, round_):
    login_staff(client, editor)
    client.post(url(round_), sheet(round_))
    again = client.post(url(round_), sheet(round_, text="ขอที่จอดรถเพิ่ม"))
    html = again.content.decode()
    assert again.status_code == 200
    assert "แบบสอบถามเลขที่ 17 ของรอบนี้บันทึกไว้แล้ว" in html
    assert "ขอที่จอดรถเพิ่ม" in html  # the second sheet's words are still there
    assert Response.objects.count() == 1
    # Another number of the same round is another sheet.
    assert client.post(url(round_), sheet(round_, number="18")).status_code == 302
    assert Response.objects.filter(channel="paper").count() == 2


@pytest.mark.parametrize("typed", ["017", " 17 ", "๑๗", "๐๑๗", "0 17"])
def test_a_sheet_number_written_another_way_is_the_same_sheet(client, editor, round_, typed):
    login_staff(client, editor)
    client.post(url(round_), sheet(round_))
    again = client.post(url(round_), sheet(round_, number=typed, text="ขอที่จอดรถเพิ่ม"))
    html = again.content.decode()
    assert "แบบสอบถามเลขที่ 17 ของรอบนี้บันทึกไว้แล้ว" in html
    assert "ขอที่จอดรถเพิ่ม" in html
    assert list(Response.objects.values_list("sheet_number", flat=True)) == ["17"]


def test_a_sheet_number_is_stored_as_counted(client, editor, round_):
    login_staff(client, editor)
    first = client.post(url(round_), sheet(round_, number=" ก-๐๐๗ "), follow=True)
    assert "แบบสอบถามกระดาษเลขที่ ก-7" in first.content.decode()
    assert client.post(url(round_), sheet(round_, number="ก-7")).status_code == 200
    assert client.post(url(round_), sheet(round_, number="a17")).status_code == 302
    assert client.post(url(round_), sheet(round_, number="A017")).status_code == 200
    assert client.post(url(round_), sheet(round_, number="170")).status_code == 302
    assert sorted(Response.objects.values_list("sheet_number", flat=True)) == ["170", "A17", "ก-7"]


def test_numbers_keyed_in_before_are_normalised_once(round_):
    migration = importlib.import_module("surveys.migrations.0013_paper_sheet_number_normal")
    other = sf.survey(opens_on=OPENS, closes_on=CLOSES, status=Survey.Status.CLOSED)
    for survey, number in ((round_, "017"), (round_, "๑๘"), (round_, "18"), (other, "017")):
        sf.response(survey=survey, channel=Response.Channel.PAPER, sheet_number=number)

    migration.sheet_numbers_normalise(django_apps, None)

    assert sorted(round_.responses.values_list("sheet_number", flat=True)) == ["17", "18", "๑๘"]
    assert other.responses.get().sheet_number == "17"


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("15/07/2026", "กรุณากรอกปีเป็นพุทธศักราช (พ.ศ.) เช่น 2569 แทน 2026"),
        ("2026-07-15", "กรุณากรอกปีเป็นพุทธศักราช (พ.ศ.) เช่น 2569 แทน 2026"),
        ("31/06/2569", "ไม่มีวันที่นี้"),
    ],
)
def test_a_date_not_in_the_buddhist_era_is_refused_in_thai(client, editor, round_, typed, error):
    login_staff(client, editor)
    page = client.post(url(round_), sheet(round_, on=typed))
    html = page.content.decode()
    assert page.status_code == 200 and error in html
    assert f'value="{typed}"' in html and "ห้องน้ำสะอาดดี" in html  # nothing typed is lost
    assert not Response.objects.exists()


@pytest.mark.parametrize("typed", ["15/07/2569", "๑๕/๐๗/๒๕๖๙", "15 ก.ค. 2569"])
def test_the_date_is_read_as_written_on_paper(client, editor, round_, typed):
    login_staff(client, editor)
    assert client.post(url(round_), sheet(round_, on=typed)).status_code == 302
    assert thai.local_date(Response.objects.get().submitted_at) == dt.date(2026, 7, 15)


def test_a_draft_round_takes_no_paper_sheets(client, editor, agency):
    draft = sf.survey(opens_on=OPENS, closes_on=CLOSES, status=Survey.Status.DRAFT)
    login_staff(client, editor)
    html = client.post(url(draft), sheet(draft)).content.decode()
    assert "บันทึกแบบสอบถามกระดาษได้เฉพาะรอบการสำรวจที่เปิดหรือปิดรับคำตอบแล้วเท่านั้น" in html
    assert not Response.objects.exists()


def test_a_date_ahead_of_today_is_refused(client, editor, agency):
    today = timezone.localdate()
    open_round = sf.survey(
        opens_on=today - dt.timedelta(days=3), closes_on=today + dt.timedelta(days=9)
    )
    login_staff(client, editor)
    ahead = be_date_format(today + dt.timedelta(days=2))
    html = client.post(url(open_round), sheet(open_round, on=ahead)).content.decode()
    assert "วันที่บนแบบสอบถามต้องไม่เป็นวันในอนาคต" in html
    assert not Response.objects.exists()


@pytest.mark.parametrize(
    ("role", "may"),
    [
        ("editor", True),
        ("administrator", True),
        ("director", False),
        ("triage_officer", False),
        ("integrity_officer", False),
    ],
)
def test_who_may_key_in_paper_sheets(client, request, round_, role, may):
    login_staff(client, request.getfixturevalue(role))
    get = client.get(url(round_))
    post = client.post(url(round_), sheet(round_))
    assert (get.status_code, post.status_code) == ((200, 302) if may else (403, 403))
    assert Response.objects.exists() is may


def test_the_public_never_reaches_the_page(client, round_):
    response = client.post(url(round_), sheet(round_))
    assert response.status_code == 302 and "/login/" in response.url
    assert not Response.objects.exists()


def test_the_survey_page_in_the_admin_links_to_the_paper_form(client, editor, round_):
    login_staff(client, editor)
    html = client.get(reverse("admin:surveys_survey_change", args=[round_.pk])).content.decode()
    assert f'href="{url(round_)}"' in html
