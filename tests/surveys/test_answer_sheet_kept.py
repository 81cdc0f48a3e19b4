"""The questions of an unfilled answer sheet are drawn once and kept for
every visitor (surveys.views._questions_kept, portal.lib.page_cache.public_fragment):
each visitor still gets a token of their own, and a change to the survey's
questions shows at once."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from surveys.models import Dimension, Item
from tests.factories import surveys as f
from tests.queries import page_queries

pytestmark = pytest.mark.django_db


def _url(survey):
    return reverse("surveys:survey_answer", kwargs={"slug": survey.slug})


def _visit(survey, language=None):
    """A new anonymous visitor's sheet: (token, the questions' HTML)."""
    visitor = Client()
    if language:
        visitor.cookies["django_language"] = language  # as the switcher leaves it
    html = visitor.get(_url(survey)).content.decode()
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    questions = html[html.index('<p id="likert-scale">') : html.index('<button type="submit"')]
    return token, questions


def test_every_visitor_gets_the_same_questions_and_a_token_of_their_own():
    survey = f.survey()
    first_token, first_questions = _visit(survey)
    second_token, second_questions = _visit(survey)

    assert first_token != second_token
    assert second_questions == first_questions
    assert first_questions.count('type="radio"') == 4 * 5
    assert "ด้านกระบวนการ ข้อ 1" in first_questions and "ข้อเสนอแนะ 1" in first_questions


def test_an_edited_or_added_question_shows_to_the_next_visitor():
    survey = f.survey()
    _visit(survey)  # drawn and kept
    item = f.items_of(survey)[0]
    item.text = "ความสะอาดของห้องน้ำ"
    item.save()
    Item.objects.create(
        dimension=Dimension.objects.filter(survey=survey).first(), text="ที่จอดรถ", position=9
    )

    _token, questions = _visit(survey)

    assert "ความสะอาดของห้องน้ำ" in questions and "ที่จอดรถ" in questions
    assert "ด้านกระบวนการ ข้อ 1" not in questions
    assert questions.count('type="radio"') == 5 * 5


def test_each_language_keeps_its_own_questions():
    survey = f.survey()
    _visit(survey)

    _token, english = _visit(survey, "en")
    _token, thai = _visit(survey)

    assert "Highest" in english and "มากที่สุด" not in english
    assert "มากที่สุด" in thai and "Highest" not in thai


def test_a_kept_sheet_costs_the_same_few_queries_however_many_questions():
    survey = f.survey(dimensions=(("ด้านกระบวนการ", 2),), questions=1)
    visitor = Client()
    page_queries(visitor, _url(survey))  # drawn and kept
    _page, few = page_queries(Client(), _url(survey))

    dimension = Dimension.objects.create(survey=survey, title="ด้านสถานที่", position=5)
    for i in range(20):
        Item.objects.create(dimension=dimension, text=f"สถานที่ ข้อ {i}", position=i)
    page_queries(Client(), _url(survey))  # drawn again after the change
    page, many = page_queries(Client(), _url(survey))

    assert many == few <= 5
    assert page.content.decode().count('type="radio"') == 22 * 5


def test_a_refused_sheet_is_drawn_with_the_citizens_answers_not_the_kept_questions():
    survey = f.survey()
    token, _questions = _visit(survey)  # the unfilled sheet is kept
    first, second = f.items_of(survey)[:2]

    html = (
        Client()
        .post(_url(survey), {"token": token, f"item_{first.pk}": "4", f"item_{second.pk}": "9"})
        .content.decode()
    )

    assert re.search(rf'name="item_{first.pk}" value="4"[^>]*checked', html)
    assert f'aria-describedby="likert-scale id_item_{second.pk}-error"' in html
    assert "เลือกคะแนน" in html
