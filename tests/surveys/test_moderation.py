"""Open answers are published only after staff review each one (hide, publish, or
publish with what identifies a person removed), and the form says so in Thai."""

import datetime as dt

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from surveys.models import OpenAnswer, Survey
from tests.factories import surveys as f
from tests.login import login_staff

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:surveys_openanswer_changelist"
NAMED = "ครูสมปองที่ห้องธุรการพูดจาไม่สุภาพ โทร 0812345678 ได้เลย"
REDACTED = "เจ้าหน้าที่ห้องธุรการพูดจาไม่สุภาพ"


def _results(survey):
    return reverse("surveys:survey_results", kwargs={"slug": survey.slug})


def _answer_on_the_public_form(client, survey, text):
    first = f.items_of(survey)[0]
    question = survey.open_questions.get()
    response = client.post(
        reverse("surveys:survey_answer", args=[survey.slug]),
        {"token": f.token(survey), f"item_{first.pk}": "4", f"open_{question.pk}": text},
    )
    assert response.status_code == 302
    client.cookies.clear()  # the next citizen
    return OpenAnswer.objects.get(text=text)


def _review(client, answer, moderation, published_text=""):
    url = reverse("admin:surveys_openanswer_change", args=[answer.pk])
    form = client.get(url)
    assert form.status_code == 200
    shown = form.context["adminform"].form["published_text"].value()
    return client.post(url, {"moderation": moderation, "published_text": published_text or shown})


def test_an_answer_is_not_public_until_staff_publish_it(client, editor):
    survey = f.survey()
    answer = _answer_on_the_public_form(client, survey, "อยากให้มีที่นั่งรอบริการเพิ่ม")
    assert answer.moderation == OpenAnswer.Moderation.PENDING
    assert "อยากให้มีที่นั่งรอบริการเพิ่ม" not in client.get(_results(survey)).content.decode()

    login_staff(client, editor)
    assert "รอตรวจสอบ" in client.get(reverse(CHANGELIST)).content.decode()
    assert _review(client, answer, "published").status_code == 302
    client.logout()
    assert "อยากให้มีที่นั่งรอบริการเพิ่ม" in client.get(_results(survey)).content.decode()
    answer.refresh_from_db()
    assert answer.moderated_by == editor and answer.moderated_at is not None


def test_staff_publish_an_answer_with_the_person_removed(client, editor):
    survey = f.survey()
    answer = _answer_on_the_public_form(client, survey, NAMED)
    login_staff(client, editor)
    # The form starts from the citizen's words, to cut from.
    assert (
        NAMED
        in client.get(reverse("admin:surveys_openanswer_change", args=[answer.pk])).content.decode()
    )
    _review(client, answer, "published", REDACTED)
    client.logout()
    html = client.get(_results(survey)).content.decode()
    assert REDACTED in html
    assert "สมปอง" not in html and "0812345678" not in html
    answer.refresh_from_db()
    assert answer.text == NAMED  # the citizen's own words are kept for staff


def test_hidden_answers_and_their_words_stay_off_the_page(client, editor):
    survey = f.survey()
    shown = _answer_on_the_public_form(client, survey, "ที่จอดรถไม่พอ ที่จอดรถแคบ")
    hidden = _answer_on_the_public_form(client, survey, "ผู้อำนวยการเอื้อประโยชน์พวกพ้อง")
    login_staff(client, editor)
    _review(client, shown, "published")
    _review(client, hidden, "hidden")
    client.logout()
    html = client.get(_results(survey)).content.decode()
    assert "ที่จอดรถไม่พอ" in html
    assert "พวกพ้อง" not in html and "เอื้อประโยชน์" not in html  # not even as a frequent word


def test_the_admin_actions_publish_and_hide_many_and_keep_a_redaction(client, editor):
    survey = f.survey()
    plain = _answer_on_the_public_form(client, survey, "บริการรวดเร็วดีมาก")
    named = _answer_on_the_public_form(client, survey, NAMED)
    login_staff(client, editor)
    _review(client, named, "hidden", REDACTED)
    _review(client, named, "published", REDACTED)
    response = client.post(
        reverse(CHANGELIST),
        {"action": "publish_as_written", ACTION_CHECKBOX_NAME: [plain.pk, named.pk]},
        follow=True,
    )
    assert "เผยแพร่แล้ว 2 คำตอบ" in response.content.decode()
    named.refresh_from_db()
    assert named.published_text == REDACTED
    client.post(reverse(CHANGELIST), {"action": "hide", ACTION_CHECKBOX_NAME: [plain.pk]})
    client.logout()
    html = client.get(_results(survey)).content.decode()
    assert REDACTED in html and "บริการรวดเร็วดีมาก" not in html and NAMED not in html


@pytest.mark.parametrize(
    ("role", "may_review"),
    [("editor", True), ("triage_officer", False), ("director", False)],
)
def test_the_mission_group_editor_reviews_answers(client, request, role, may_review):
    survey = f.survey()
    answer = _answer_on_the_public_form(client, survey, "อยากให้มีบริการออนไลน์")
    login_staff(client, request.getfixturevalue(role))
    response = client.post(
        reverse("admin:surveys_openanswer_change", args=[answer.pk]),
        {"moderation": "published", "published_text": answer.text},
    )
    answer.refresh_from_db()
    assert (answer.moderation == "published") is may_review
    assert response.status_code == (302 if may_review else 403)


def test_publishing_an_emptied_text_is_refused_in_thai(client, editor):
    survey = f.survey()
    answer = _answer_on_the_public_form(client, survey, "อยากให้มีบริการออนไลน์")
    login_staff(client, editor)
    response = client.post(
        reverse("admin:surveys_openanswer_change", args=[answer.pk]),
        {"moderation": "published", "published_text": "  "},
    )
    assert "โปรดเขียนข้อความที่จะเผยแพร่" in response.content.decode()
    answer.refresh_from_db()
    assert answer.moderation == "pending"


@pytest.mark.parametrize(
    ("fields", "note"),
    [
        ({}, "อาจเผยแพร่บนเว็บไซต์นี้พร้อมผลสำรวจ แต่จะเผยแพร่หลังจากเจ้าหน้าที่อ่าน"),
        ({"publish_open_answers": False}, "จะมีเพียงเจ้าหน้าที่เท่านั้นที่อ่าน และจะไม่นำไปเผยแพร่"),
        ({"results_public": False}, "จะมีเพียงเจ้าหน้าที่เท่านั้นที่อ่าน และจะไม่นำไปเผยแพร่"),
    ],
)
def test_the_form_says_in_thai_whether_answers_may_be_published(client, fields, note):
    survey = f.survey(**fields)
    html = client.get(reverse("surveys:survey_answer", args=[survey.slug])).content.decode()
    assert note in html
    question = survey.open_questions.get()
    assert 'aria-describedby="open-answers-publication"' in html
    assert f'id="id_open_{question.pk}"' in html


def test_an_approved_answer_of_a_round_that_keeps_them_private_is_not_shown(client, editor):
    survey = f.survey(publish_open_answers=False)
    answer = _answer_on_the_public_form(client, survey, "ขอบคุณที่รับฟัง")
    login_staff(client, editor)
    _review(client, answer, "published")
    client.logout()
    assert "ขอบคุณที่รับฟัง" not in client.get(_results(survey)).content.decode()


def test_the_annual_report_prints_no_private_round_and_no_unreviewed_answer(
    client, agency, director
):
    march = {"opens_on": dt.date(2026, 3, 1), "closes_on": dt.date(2026, 3, 31)}
    public = f.survey(title="สำรวจความพึงพอใจ งานทะเบียน", status=Survey.Status.CLOSED, **march)
    private = f.survey(
        title="สำรวจภายใน งานบุคคล", status=Survey.Status.CLOSED, results_public=False, **march
    )
    for survey in (public, private):
        first = f.items_of(survey)[0]
        f.response(
            survey=survey,
            scores={first: 5},
            texts={survey.open_questions.get(): "ครูสมปองเก็บเงินนักเรียน"},
        )
    login_staff(client, director)
    html = client.get("/reports/2569/preview/").content.decode()
    assert "สำรวจความพึงพอใจ งานทะเบียน" in html
    assert "สำรวจภายใน งานบุคคล" not in html
    assert "สมปอง" not in html
