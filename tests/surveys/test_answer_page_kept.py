"""The unfilled answer sheet is kept whole for every anonymous visitor
(surveys.views.survey_answer under portal.lib.page_cache.public_page): each
visitor gets the same page but for a one-time token of their own, a change
to the round shows at once, and nothing rendered for one who answered is
kept for another. What a sheet sent costs in queries does not grow with the
number of questions."""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from surveys.models import Answer, Dimension, Item, OpenAnswer, OpenQuestion, Response, Survey
from tests.factories import surveys as f
from tests.queries import call_queries, page_queries

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="token" value="([^"]+)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
NONCE = re.compile(r'nonce="([^"]+)"')


def _url(survey):
    return reverse("surveys:survey_answer", kwargs={"slug": survey.slug})


def _masked(html):
    """The page with what must differ between visitors replaced by names."""
    for pattern, name in ((TOKEN, "TOKEN"), (CSRF, "CSRF"), (NONCE, "NONCE")):
        html = pattern.sub(lambda m, name=name: m[0].replace(m[1], name), html)
    return html


def _sheet_data(html, survey):
    data = {"token": TOKEN.search(html)[1]}
    return data | {f"item_{item.pk}": "4" for item in f.items_of(survey)}


def test_two_visitors_get_the_same_page_but_their_own_working_token():
    survey = f.survey()
    first, second = Client(), Client()
    first_html = first.get(_url(survey)).content.decode()
    second_page, queries = page_queries(second, _url(survey))
    second_html = second_page.content.decode()

    assert queries == 0  # the second visitor's page was kept whole
    assert TOKEN.search(first_html)[1] != TOKEN.search(second_html)[1]
    assert CSRF.search(first_html)[1] != CSRF.search(second_html)[1]
    assert _masked(second_html) == _masked(first_html)
    assert "\x00" not in second_html
    assert second_html.count('type="radio"') == 4 * 5
    assert "ด้านกระบวนการ ข้อ 1" in second_html and "มากที่สุด" in second_html
    for visitor, html in ((second, second_html), (first, first_html)):
        assert visitor.post(_url(survey), _sheet_data(html, survey)).status_code == 302
    assert Response.objects.filter(survey=survey).count() == 2


def test_a_kept_page_still_brings_each_visitor_a_csrf_cookie_of_their_own():
    survey = f.survey()
    Client().get(_url(survey))
    visitor = Client(enforce_csrf_checks=True)
    html = visitor.get(_url(survey)).content.decode()

    data = _sheet_data(html, survey) | {"csrfmiddlewaretoken": CSRF.search(html)[1]}

    assert visitor.cookies[settings.CSRF_COOKIE_NAME].value
    assert visitor.post(_url(survey), data).status_code == 302


def test_a_change_to_the_round_shows_to_the_next_visitor():
    survey = f.survey()
    Client().get(_url(survey))  # kept
    dimension = Dimension.objects.filter(survey=survey).first()
    dimension.title = "ด้านสิ่งอำนวยความสะดวก"
    dimension.save()
    Item.objects.create(dimension=dimension, text="ที่จอดรถเพียงพอ", position=9)
    OpenQuestion.objects.create(survey=survey, text="สิ่งที่อยากให้ปรับปรุง", position=5)

    html = Client().get(_url(survey)).content.decode()

    assert "ด้านสิ่งอำนวยความสะดวก" in html and "ที่จอดรถเพียงพอ" in html
    assert "สิ่งที่อยากให้ปรับปรุง" in html
    assert html.count('type="radio"') == 5 * 5

    survey.status = Survey.Status.CLOSED
    survey.save()

    assert 'name="token"' not in Client().get(_url(survey)).content.decode()


def test_the_day_after_the_closing_date_the_kept_sheet_is_gone(monkeypatch):
    survey = f.survey(closes_on=timezone.localdate())
    assert 'name="token"' in Client().get(_url(survey)).content.decode()  # kept
    tomorrow = timezone.localdate() + dt.timedelta(days=1)

    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)

    assert 'name="token"' not in Client().get(_url(survey)).content.decode()


def test_who_answered_sees_so_and_the_next_visitor_still_gets_the_sheet():
    survey, other = f.survey(), f.survey()
    citizen = Client()
    html = citizen.get(_url(survey)).content.decode()
    citizen.post(_url(survey), _sheet_data(html, survey))
    citizen.cookies.pop(settings.SESSION_COOKIE_NAME, None)
    citizen.cookies.pop("messages", None)

    answered = citizen.get(_url(survey)).content.decode()
    other_page = citizen.get(_url(other)).content.decode()  # answered another round only
    after = Client().get(_url(survey)).content.decode()

    assert "ท่านได้ตอบแบบสำรวจนี้แล้ว" in answered and 'name="token"' not in answered
    assert 'name="token"' in other_page and "ท่านได้ตอบแบบสำรวจนี้แล้ว" not in other_page
    assert 'name="token"' in after and "ท่านได้ตอบแบบสำรวจนี้แล้ว" not in after


def test_a_visitor_with_a_session_gets_a_page_of_their_own_with_a_working_token():
    survey = f.survey()
    Client().get(_url(survey))  # kept
    citizen = Client()
    session = citizen.session
    session["tracked"] = "1"
    session.save()
    citizen.cookies[settings.SESSION_COOKIE_NAME] = session.session_key

    page, queries = page_queries(citizen, _url(survey))
    html = page.content.decode()

    assert queries > 0 and "\x00" not in html
    assert citizen.post(_url(survey), _sheet_data(html, survey)).status_code == 302


def _sent_sheet_queries(survey):
    html = Client().get(_url(survey)).content.decode()
    data = _sheet_data(html, survey) | {
        f"open_{question.pk}": "บริการดี" for question in survey.open_questions.all()
    }
    data["stakeholder_group"] = str(f.stakeholder_group("parents").pk)
    response, queries = call_queries(lambda: Client().post(_url(survey), data))
    assert response.status_code == 302
    return queries


def test_a_sent_sheet_costs_the_same_queries_however_many_questions():
    small = f.survey(dimensions=(("ด้านกระบวนการ", 2),), questions=1, ask_stakeholder_group=True)
    large = f.survey(
        dimensions=(("ด้านกระบวนการ", 10), ("ด้านเจ้าหน้าที่", 10), ("ด้านสถานที่", 5)),
        questions=4,
        ask_stakeholder_group=True,
    )

    few, many = _sent_sheet_queries(small), _sent_sheet_queries(large)

    assert few == many <= 21  # savepoints included; ~13 statements
    assert Answer.objects.filter(response__survey=large).count() == 25
    assert OpenAnswer.objects.filter(response__survey=large).count() == 4


@pytest.mark.parametrize(
    "words",
    [
        "\x00one-time:no-such-value:1\x00",  # a name no issuer answers to
        "\x00one-time:survey-token:x\x00",  # an argument the issuer cannot read
        "ดี\x00one-time:survey-token:{pk}\x00มาก",  # exactly what the view prints
    ],
)
def test_a_one_time_mark_in_the_citizens_own_words_is_sent_back_as_typed(words):
    """A refused sheet comes back with the citizen's words; words shaped like
    the page's one-time mark are theirs, not a place for a token (nor a 500)."""
    survey = f.survey()
    question = OpenQuestion.objects.filter(survey=survey).first()
    words = words.format(pk=survey.pk)
    visitor = Client()
    html = visitor.get(_url(survey)).content.decode()

    page = visitor.post(_url(survey), _sheet_data(html, survey) | {f"open_{question.pk}": words})

    assert page.status_code == 400  # the NUL character is refused, the words kept
    assert words in page.content.decode()
    assert len(TOKEN.findall(page.content.decode())) == 1
    assert Response.objects.filter(survey=survey).count() == 0
