"""A citizen answers a survey on the public site."""

import datetime as dt
import re
import time

import pytest
from django.urls import reverse
from django.utils import timezone

from surveys.models import Answer, OpenAnswer, Response, Survey
from tests.factories import surveys as f
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def _url(survey):
    return reverse("surveys:survey_answer", kwargs={"slug": survey.slug})


def _token_from(page):
    return re.search(r'name="token" value="([^"]+)"', page.content.decode()).group(1)


def _sheet(client, survey, **extra):
    page = client.get(_url(survey))
    items = f.items_of(survey)
    data = {"token": _token_from(page)}
    data |= {f"item_{item.pk}": str(5 - i % 5) for i, item in enumerate(items)}
    return data | extra


def test_the_answer_page_shows_the_likert_scale_in_thai(client):
    survey = f.survey()
    page = client.get(_url(survey))
    html = page.content.decode()
    assert page.status_code == 200
    assert "มากที่สุด" in html and "น้อยที่สุด" in html
    assert "ด้านกระบวนการ ข้อ 1" in html
    assert 'type="radio"' in html


def test_a_citizen_answers_and_is_thanked_and_counted_once(client):
    survey = f.survey()
    parents = f.stakeholder_group("parents")
    question = survey.open_questions.get()
    data = _sheet(
        client,
        survey,
        stakeholder_group=str(parents.pk),
        sex="female",
        **{f"open_{question.pk}": "อยากให้มีที่จอดรถเพิ่ม"},
    )
    response = client.post(_url(survey), data)
    assert response.status_code == 302
    sheet = Response.objects.get(survey=survey)
    assert sheet.stakeholder_group == parents and sheet.sex == "female"
    assert Answer.objects.filter(response=sheet).count() == 4
    assert OpenAnswer.objects.get(response=sheet).text == "อยากให้มีที่จอดรถเพิ่ม"
    page = client.get(_url(survey))
    assert "ขอบคุณ" in page.content.decode()
    assert "ท่านได้ตอบแบบสำรวจนี้แล้ว" in page.content.decode()
    assert "ค่ะ" not in page.content.decode()  # a government form speaks for no one gender
    assert 'name="token"' not in page.content.decode()


def test_a_second_answer_from_the_same_browser_changes_nothing(client):
    survey = f.survey()
    first, second = _sheet(client, survey), _sheet(client, survey)  # two tabs
    client.post(_url(survey), first)
    response = client.post(_url(survey), second, follow=True)
    assert "ท่านได้ตอบแบบสำรวจนี้แล้ว" in response.content.decode()
    assert Response.objects.filter(survey=survey).count() == 1


def test_the_same_form_sent_twice_is_counted_once(client):
    survey = f.survey()
    data = _sheet(client, survey)
    client.post(_url(survey), data)
    client.cookies.clear()  # a double tap: the second request left before the cookie came
    response = client.post(_url(survey), data, follow=True)
    html = response.content.decode()
    assert "ท่านได้ตอบแบบสำรวจนี้แล้ว" in html
    assert 'name="token"' not in html  # no fresh form to send the same answers again
    assert Response.objects.filter(survey=survey).count() == 1


def test_a_form_sent_long_ago_from_another_browser_is_not_thanked_as_new(client):
    survey = f.survey()
    data = _sheet(client, survey)
    client.post(_url(survey), data)
    Response.objects.update(submitted_at=timezone.now() - dt.timedelta(hours=1))
    client.cookies.clear()  # another browser, holding a copy of the sent form
    response = client.post(_url(survey), data, follow=True)
    html = response.content.decode()
    assert response.status_code == 400
    assert "แบบฟอร์มนี้เคยถูกส่งไปแล้ว จึงไม่ได้บันทึกคำตอบใหม่" in html
    assert "บันทึกคำตอบของท่านแล้ว" not in html
    assert "ท่านได้ตอบแบบสำรวจนี้แล้ว" not in html
    assert not any(name.startswith("survey_answered_") for name in client.cookies)
    assert _token_from(response) != data["token"]  # a fresh form with the answers kept
    assert Response.objects.filter(survey=survey).count() == 1


def test_a_forged_token_is_refused(client):
    survey = f.survey()
    data = _sheet(client, survey, token="forged:abc")
    response = client.post(_url(survey), data)
    assert response.status_code == 400
    assert "แบบฟอร์มหมดอายุหรือถูกแก้ไข" in response.content.decode()
    assert not Response.objects.exists()


def test_after_an_expired_form_the_citizen_sends_the_kept_answers_again(client):
    survey = f.survey()
    first, *_ = f.items_of(survey)
    question = survey.open_questions.get()
    data = _sheet(client, survey, **{f"open_{question.pk}": "บริการรวดเร็ว"})
    data["token"] = "expired:abc"
    refused = client.post(_url(survey), data)
    html = refused.content.decode()
    assert refused.status_code == 400
    assert "แบบฟอร์มหมดอายุหรือถูกแก้ไข" in html
    # No question is highlighted, so the page does not ask to check one.
    assert "กรุณาตรวจสอบข้อที่มีข้อความแจ้งเตือน" not in html
    assert "บริการรวดเร็ว" in html
    assert re.search(rf'name="item_{first.pk}" value="5"[^>]*checked', html)
    fresh = _token_from(refused)
    assert fresh != "expired:abc"
    resent = client.post(_url(survey), data | {"token": fresh})
    assert resent.status_code == 302
    sheet = Response.objects.get(survey=survey)
    assert sheet.answers.get(item=first).score == 5
    assert sheet.open_answers.get().text == "บริการรวดเร็ว"


def test_a_highlighted_question_still_gets_the_general_message(client):
    survey = f.survey()
    item = f.items_of(survey)[0]
    response = client.post(_url(survey), _sheet(client, survey, **{f"item_{item.pk}": "9"}))
    html = response.content.decode()
    assert "กรุณาตรวจสอบข้อที่มีข้อความแจ้งเตือน" in html
    assert "เลือกคะแนน 1 ถึง 5" in html


def test_a_refused_sheet_comes_back_with_every_other_score_ticked(client):
    survey = f.survey()
    bad, *others = f.items_of(survey)
    data = _sheet(client, survey, **{f"item_{bad.pk}": "9"})
    response = client.post(_url(survey), data)
    html = response.content.decode()
    assert response.status_code == 400
    ticked = re.findall(r'<input type="radio" name="(item_\d+)" value="(\d)"[^>]*checked', html)
    assert sorted(ticked) == sorted((f"item_{item.pk}", data[f"item_{item.pk}"]) for item in others)
    # The refused item: five radios marked invalid, none ticked, and its
    # group points at the message that says why.
    assert len(re.findall(rf'name="item_{bad.pk}"[^>]*aria-invalid="true"', html)) == 5
    assert f'aria-describedby="likert-scale id_item_{bad.pk}-error"' in html
    assert (
        f'<div id="id_item_{bad.pk}-error" class="invalid-feedback d-block">กรุณาเลือกคะแนน 1 ถึง 5'
        in html
    )
    assert html.count('aria-invalid="true"') == 5


def test_a_token_of_another_survey_is_refused(client):
    survey, other = f.survey(), f.survey()
    data = _sheet(client, survey, token=f.token(other))
    assert client.post(_url(survey), data).status_code == 400
    assert not Response.objects.exists()


@pytest.mark.parametrize("bad", ["6", "0", "abc", "4.5"])
def test_a_score_outside_one_to_five_is_refused_and_nothing_is_saved(client, bad):
    survey = f.survey()
    item = f.items_of(survey)[0]
    question = survey.open_questions.get()
    data = _sheet(client, survey, **{f"item_{item.pk}": bad, f"open_{question.pk}": "ข้อความยาว"})
    response = client.post(_url(survey), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "เลือกคะแนน 1 ถึง 5" in html
    assert "ข้อความยาว" in html  # the citizen's text is not lost
    assert not Response.objects.exists()
    assert not Answer.objects.exists()


def test_an_answer_to_an_item_of_another_survey_is_ignored(client):
    survey, other = f.survey(), f.survey()
    foreign = f.items_of(other)[0]
    data = _sheet(client, survey, **{f"item_{foreign.pk}": "1"})
    client.post(_url(survey), data)
    assert not Answer.objects.filter(item=foreign).exists()
    assert Answer.objects.filter(response__survey=survey).count() == 4


def test_an_empty_sheet_is_refused(client):
    survey = f.survey()
    page = client.get(_url(survey))
    response = client.post(_url(survey), {"token": _token_from(page)})
    assert response.status_code == 400
    assert "กรุณาตอบอย่างน้อยหนึ่งข้อ" in response.content.decode()
    assert not Response.objects.exists()


def test_a_closed_survey_says_so_and_takes_no_answer(client):
    survey = f.survey()
    data = _sheet(client, survey)
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.CLOSED)
    response = client.post(_url(survey), data, follow=True)
    assert "ปิดรับคำตอบแล้ว" in response.content.decode()
    assert not Response.objects.exists()


def test_a_survey_past_its_closing_date_takes_no_answer(client):
    import datetime as dt

    from django.utils import timezone

    survey = f.survey()
    data = _sheet(client, survey)
    Survey.objects.filter(pk=survey.pk).update(
        closes_on=timezone.localdate() - dt.timedelta(days=1)
    )
    client.post(_url(survey), data)
    assert not Response.objects.exists()


def test_drafts_and_templates_are_not_public(client):
    draft = f.survey(status=Survey.Status.DRAFT)
    template = Survey.objects.templates().get()
    assert client.get(_url(draft)).status_code == 404
    assert client.get(_url(template)).status_code == 404


def test_answers_from_one_address_are_rate_limited(client, settings, monkeypatch):
    settings.SURVEY_RATE_LIMIT = (2, 3600)
    survey = f.survey()
    for _ in range(3):
        client.cookies.clear()
        data = _sheet(client, survey)
        response = client.post(_url(survey), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "มีการส่งคำตอบจากเครือข่ายของท่านมากเกินไป" in html
    assert "กรุณาตรวจสอบข้อที่มีข้อความแจ้งเตือน" not in html
    assert Response.objects.count() == 2
    an_hour_later = time.time() + 3600
    monkeypatch.setattr("portal.lib.clients.time.time", lambda: an_hour_later)
    assert client.post(_url(survey), data | {"token": _token_from(response)}).status_code == 302
    assert Response.objects.count() == 3


def test_the_survey_list_shows_published_rounds_with_constant_queries(client):
    for _ in range(3):
        f.survey()
    f.survey(status=Survey.Status.DRAFT, title="ร่างที่ยังไม่เผยแพร่")

    def more_rounds():
        for _ in range(10):
            f.survey()

    page = assert_constant_queries(
        client, reverse("surveys:survey_list"), grow=more_rounds, at_most=4
    )
    html = page.content.decode()
    assert "แบบสำรวจความพึงพอใจ" in html
    assert "ร่างที่ยังไม่เผยแพร่" not in html
    assert "(แม่แบบ)" not in html


def test_the_answer_keeps_the_privacy_notice_version_it_was_given_under(client):
    from measures.models import Policy

    notice = Policy.objects.privacy_notice()
    survey = f.survey()
    client.post(_url(survey), _sheet(client, survey))
    assert Response.objects.get().privacy_notice_version == notice.version
