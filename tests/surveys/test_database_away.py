"""The database failing while a survey answer is stored: the whole sheet is
rolled back and comes back to the citizen with every answer in it."""

import re
from html import unescape as html_unescape

import pytest
from django.db import connection
from django.urls import reverse

from surveys.models import Answer, Response
from tests.factories import surveys as f
from tests.faults import failing_on

pytestmark = pytest.mark.django_db


def _sheet(survey, token):
    return {"token": token} | {f"item_{item.pk}": "4" for item in f.items_of(survey)}


def _url(survey):
    return reverse("surveys:survey_answer", kwargs={"slug": survey.slug})


def test_a_failure_while_storing_the_items_keeps_nothing_and_returns_the_answers(client):
    survey = f.survey()
    question = survey.open_questions.get()
    sheet = _sheet(survey, f.token(survey)) | {f"open_{question.pk}": "ขอที่จอดรถเพิ่ม"}
    with connection.execute_wrapper(failing_on('INSERT INTO "surveys_answer"')):
        refused = client.post(_url(survey), sheet)
    html = refused.content.decode()
    assert refused.status_code == 503
    assert "ยังไม่ได้บันทึกคำตอบของท่าน" in html
    assert "ขอที่จอดรถเพิ่ม" in html
    assert len(re.findall(r'value="4"[^>]*checked', html)) == 4
    assert not Response.objects.exists()
    fresh = re.search(r'name="token" value="([^"]+)"', html).group(1)
    assert client.post(_url(survey), sheet | {"token": fresh}).status_code == 302
    assert Answer.objects.filter(response__survey=survey).count() == 4


def test_the_database_away_before_the_sheet_is_read_keeps_every_answer_to_send_again(
    client, agency
):
    survey = f.survey()
    question = survey.open_questions.get()
    sheet = _sheet(survey, f.token(survey)) | {f"open_{question.pk}": "ขอที่จอดรถเพิ่ม\nและที่ร่ม"}
    with connection.execute_wrapper(failing_on('SELECT "surveys_survey"')):
        refused = client.post(_url(survey), sheet)
    assert refused.status_code == 503
    html = refused.content.decode()
    assert "คำตอบของท่านเก็บไว้ในหน้านี้แล้ว" in html
    form = html[html.index('id="kept-answers"') :]
    # What the browser sends back from that page: the attributes unescaped.
    kept = {
        name: html_unescape(value)
        for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form)
    }
    assert kept == sheet
    assert not Response.objects.exists()
    # The database back: the same values, sent again from that page, are stored.
    assert client.post(_url(survey), kept).status_code == 302
    assert Answer.objects.filter(response__survey=survey).count() == 4
