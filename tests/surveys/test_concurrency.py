"""A survey's QR code posted to every parent at once: each sheet counted whole,
a sheet sent twice at once counted once and both sendings thanked alike."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from surveys.models import Answer, Response
from tests.factories import surveys as f
from tests.faults import at_once, concurrent_connections

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    concurrent_connections,
]


def _sheet(survey, token):
    return {"token": token} | {f"item_{item.pk}": "4" for item in f.items_of(survey)}


def _url(survey):
    return reverse("surveys:survey_answer", kwargs={"slug": survey.slug})


def test_simultaneous_answers_are_all_counted_with_all_their_items(settings):
    settings.SURVEY_RATE_LIMIT = (1000, 3600)
    survey = f.survey()
    sheets = [_sheet(survey, f.token(survey)) for _ in range(20)]

    def answer(i):
        return Client().post(_url(survey), sheets[i]).status_code

    results, errors = at_once(20, answer)
    assert errors == [] and results == [302] * 20
    assert Response.objects.filter(survey=survey).count() == 20
    assert Answer.objects.filter(response__survey=survey).count() == 20 * 4


def test_a_sheet_sent_several_times_at_once_is_counted_once_and_each_sending_thanked():
    survey = f.survey()
    sheet = _sheet(survey, f.token(survey))

    def answer(i):
        response = Client().post(_url(survey), sheet, follow=True)
        return response.status_code, response.content.decode()

    results, errors = at_once(4, answer)
    assert errors == []
    assert Response.objects.filter(survey=survey).count() == 1
    for status, html in results:
        assert status == 200
        assert "ขอบคุณ" in html and not re.search(r'name="token"', html)
