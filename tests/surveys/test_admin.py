"""Staff work in the admin: survey rounds from the template, copies and their questions."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from surveys.models import Item, Response, Survey
from tests.factories import surveys as f
from tests.login import login_staff

pytestmark = pytest.mark.django_db


def test_staff_start_a_round_from_the_template_and_citizens_answer_it(client, editor):
    template = Survey.objects.templates().get()
    login_staff(client, editor)
    response = client.post(
        reverse("admin:surveys_survey_changelist"),
        {"action": "copy_to_new_round", "_selected_action": [template.pk]},
    )
    new = Survey.objects.exclude(pk=template.pk).get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:surveys_survey_change", args=[new.pk])
    assert new.status == Survey.Status.DRAFT and not new.is_template
    assert Item.objects.filter(dimension__survey=new).count() == 17
    assert new.dimensions.first().title == "ด้านกระบวนการและขั้นตอนการให้บริการ"
    assert new.opens_on is not None  # filled from the round

    client.post(
        reverse("admin:surveys_survey_changelist"),
        {"action": "open_surveys", "_selected_action": [new.pk]},
    )
    new.refresh_from_db()
    assert new.status == Survey.Status.OPEN

    client.logout()
    url = reverse("surveys:survey_answer", kwargs={"slug": new.slug})
    page = client.get(url, HTTP_USER_AGENT="Mozilla/5.0 (Linux; Android 14) Mobile")
    token = re.search(r'name="token" value="([^"]+)"', page.content.decode()).group(1)
    data = {"token": token} | {f"item_{item.pk}": "5" for item in f.items_of(new)}
    assert client.post(url, data).status_code == 302
    assert Response.objects.get(survey=new).answers.count() == 17


def test_the_template_itself_cannot_be_opened(client, editor):
    template = Survey.objects.templates().get()
    login_staff(client, editor)
    client.post(
        reverse("admin:surveys_survey_changelist"),
        {"action": "open_surveys", "_selected_action": [template.pk]},
    )
    template.refresh_from_db()
    assert template.status == Survey.Status.DRAFT


def test_admin_lists_open_for_the_editor(client, editor):
    group = f.working_group()
    f.membership(working_group=group)
    f.meeting(working_group=group)
    survey = f.survey()
    f.response(survey=survey, scores={f.items_of(survey)[0]: 4})
    login_staff(client, editor)
    for name in ["survey", "workinggroup", "membership", "meeting", "response", "dimension"]:
        page = client.get(reverse(f"admin:surveys_{name}_changelist"))
        assert page.status_code == 200, name
    page = client.get(reverse("admin:surveys_workinggroup_changelist"))
    assert "ไม่มีประธาน" in page.content.decode()


def test_citizen_answers_are_read_only_in_the_admin(client, editor):
    survey = f.survey()
    sheet = f.response(survey=survey, scores={f.items_of(survey)[0]: 4})
    login_staff(client, editor)
    page = client.get(reverse("admin:surveys_response_change", args=[sheet.pk]))
    assert page.status_code == 200
    assert 'name="sex"' not in page.content.decode()


def _survey_form(survey, **changes):
    data = {
        "title": survey.title,
        "slug": survey.slug,
        "mission_group": "",
        "service": "",
        "intro": "",
        "round": survey.round,
        "fiscal_year": "",
        "opens_on": survey.opens_on.isoformat(),
        "closes_on": survey.closes_on.isoformat(),
        "status": survey.status,
        "band_scheme": survey.band_scheme,
        "results_public": "on",
        "ask_sex": "on",
        "dimensions-TOTAL_FORMS": "0",
        "dimensions-INITIAL_FORMS": "0",
        "dimensions-MIN_NUM_FORMS": "0",
        "dimensions-MAX_NUM_FORMS": "1000",
        "open_questions-TOTAL_FORMS": "0",
        "open_questions-INITIAL_FORMS": "0",
        "open_questions-MIN_NUM_FORMS": "0",
        "open_questions-MAX_NUM_FORMS": "1000",
    }
    return data | changes


@pytest.mark.parametrize("status", [Survey.Status.OPEN, Survey.Status.CLOSED])
def test_a_published_surveys_address_cannot_be_renamed(client, editor, status):
    survey = f.survey(slug="satisfaction-2569", status=status, dimensions=(), questions=0)
    url = reverse("admin:surveys_survey_change", args=[survey.pk])
    login_staff(client, editor)
    assert 'name="slug"' not in client.get(url).content.decode()
    response = client.post(url, _survey_form(survey, slug="renamed", title="ชื่อใหม่"))
    assert response.status_code == 302
    survey.refresh_from_db()
    assert (survey.slug, survey.title) == ("satisfaction-2569", "ชื่อใหม่")


def test_a_draft_surveys_address_can_still_be_changed(client, editor):
    survey = f.survey(status=Survey.Status.DRAFT, dimensions=(), questions=0)
    url = reverse("admin:surveys_survey_change", args=[survey.pk])
    login_staff(client, editor)
    assert 'name="slug"' in client.get(url).content.decode()
    assert client.post(url, _survey_form(survey, slug="renamed")).status_code == 302
    survey.refresh_from_db()
    assert survey.slug == "renamed"


def test_a_survey_once_opened_keeps_its_address_after_going_back_to_draft(client, editor):
    survey = f.survey(
        slug="satisfaction-2570", status=Survey.Status.DRAFT, dimensions=(), questions=0
    )
    login_staff(client, editor)
    client.post(
        reverse("admin:surveys_survey_changelist"),
        {"action": "open_surveys", "_selected_action": [survey.pk]},
    )
    url = reverse("admin:surveys_survey_change", args=[survey.pk])
    back_to_draft = _survey_form(survey, status=Survey.Status.DRAFT)
    assert client.post(url, back_to_draft).status_code == 302
    survey.refresh_from_db()
    assert survey.status == Survey.Status.DRAFT
    assert 'name="slug"' not in client.get(url).content.decode()
    client.post(url, back_to_draft | {"slug": "renamed"})
    survey.refresh_from_db()
    assert survey.slug == "satisfaction-2570"


def _copy(client, survey):
    return client.post(
        reverse("admin:surveys_survey_changelist"),
        {"action": "copy_to_new_round", "_selected_action": [survey.pk]},
        follow=True,
    )


@pytest.mark.parametrize(
    ("round", "fiscal_year", "dates", "new_round", "new_year", "new_dates", "slug"),
    [
        (
            "first_half",
            2569,
            ("2025-10-01", "2026-03-31"),
            "second_half",
            2569,
            (dt.date(2026, 4, 1), dt.date(2026, 9, 30)),
            "service-2569-h2",
        ),
        (
            "second_half",
            2569,
            ("2026-04-01", "2026-09-30"),
            "first_half",
            2570,
            (dt.date(2026, 10, 1), dt.date(2027, 3, 31)),
            "service-2570-h1",
        ),
        (
            "fiscal_year",
            2569,
            ("2025-10-01", "2026-09-30"),
            "fiscal_year",
            2570,
            (dt.date(2026, 10, 1), dt.date(2027, 9, 30)),
            "service-2570",
        ),
        (
            "custom",
            2569,
            ("2026-01-05", "2026-01-30"),
            "custom",
            2569,
            (None, None),
            "service-copy",
        ),
    ],
)
def test_copying_a_round_starts_the_next_round_with_its_dates(
    client, editor, round, fiscal_year, dates, new_round, new_year, new_dates, slug
):
    source = f.survey(
        title="แบบสำรวจความพึงพอใจ ครึ่งปีแรก ปีงบประมาณ 2569",
        slug="service-2569",
        round=round,
        fiscal_year=fiscal_year,
        opens_on=dt.date.fromisoformat(dates[0]),
        closes_on=dt.date.fromisoformat(dates[1]),
        status=Survey.Status.CLOSED,
    )
    login_staff(client, editor)
    assert _copy(client, source).status_code == 200
    new = Survey.objects.exclude(pk=source.pk).get(is_template=False)
    assert (new.round, new.fiscal_year) == (new_round, new_year)
    assert (new.opens_on, new.closes_on) == new_dates
    assert new.slug == slug
    assert new.status == Survey.Status.DRAFT
    assert Item.objects.filter(dimension__survey=new).count() == 4
    if new_round == "second_half":
        assert new.title == "แบบสำรวจความพึงพอใจ ครึ่งปีหลัง ปีงบประมาณ 2569"
    if new_year == 2570 and new_round == "first_half":
        assert new.title == "แบบสำรวจความพึงพอใจ ครึ่งปีแรก ปีงบประมาณ 2570"


def test_dates_outside_the_round_chosen_are_refused(client, editor):
    survey = f.survey(
        round="first_half",
        fiscal_year=2569,
        opens_on=dt.date(2025, 10, 1),
        closes_on=dt.date(2026, 3, 31),
        status=Survey.Status.DRAFT,
        dimensions=(),
        questions=0,
    )
    login_staff(client, editor)
    url = reverse("admin:surveys_survey_change", args=[survey.pk])
    only_the_round = _survey_form(survey, round="second_half", fiscal_year="2569")
    response = client.post(url, only_the_round)
    assert response.status_code == 200
    assert "วันที่ต้องอยู่ในช่วงของรอบที่เลือก" in response.content.decode()
    survey.refresh_from_db()
    assert survey.round == "first_half"
    cleared = only_the_round | {"opens_on": "", "closes_on": ""}
    assert client.post(url, cleared).status_code == 302  # the round fills its own dates
    survey.refresh_from_db()
    assert (survey.opens_on, survey.closes_on) == (dt.date(2026, 4, 1), dt.date(2026, 9, 30))


def test_copies_of_copies_of_a_long_address_stay_within_its_length(client, editor):
    survey = f.survey(slug="s" * 80, round="custom", status=Survey.Status.CLOSED)
    login_staff(client, editor)
    for _ in range(3):
        assert _copy(client, survey).status_code == 200
        survey = Survey.objects.latest("pk")
    slugs = list(Survey.objects.filter(is_template=False).values_list("slug", flat=True))
    assert len(set(slugs)) == 4
    assert all(len(slug) <= 80 and slug.startswith("s" * 70) for slug in slugs)


def test_a_copy_that_cannot_be_saved_is_reported_in_thai(client, editor):
    half = " ครึ่งปีแรก"  # becomes ครึ่งปีหลัง, one letter longer
    survey = f.survey(
        title="ก" * (255 - len(half)) + half,
        round="first_half",
        fiscal_year=2569,
        opens_on=dt.date(2025, 10, 1),
        closes_on=dt.date(2026, 3, 31),
    )
    login_staff(client, editor)
    response = _copy(client, survey)
    assert response.status_code == 200
    assert "ไม่ได้คัดลอก" in response.content.decode()
    assert Survey.objects.filter(is_template=False).count() == 1


def test_deleting_a_dimension_with_answers_gives_one_short_reason(client, editor):
    survey = f.survey()
    items = f.items_of(survey)
    for _ in range(30):
        f.response(survey=survey, scores=dict.fromkeys(items, 4))
    dimension = survey.dimensions.first()
    login_staff(client, editor)
    page = client.get(reverse("admin:surveys_dimension_delete", args=[dimension.pk]), follow=True)
    html = page.content.decode()
    assert "มีคำตอบแล้ว 60 คำตอบ จึงลบไม่ได้" in html
    assert "ข้อ 1: 4" not in html  # no list of the answers themselves
    assert survey.dimensions.count() == 2

    rows = list(survey.dimensions.all())
    data = _survey_form(survey) | {
        "dimensions-TOTAL_FORMS": len(rows),
        "dimensions-INITIAL_FORMS": len(rows),
        "dimensions-0-DELETE": "on",
    }
    for n, row in enumerate(rows):
        data |= {
            f"dimensions-{n}-id": row.pk,
            f"dimensions-{n}-survey": survey.pk,
            f"dimensions-{n}-title": row.title,
            f"dimensions-{n}-position": row.position,
        }
    page = client.post(reverse("admin:surveys_survey_change", args=[survey.pk]), data)
    assert page.status_code == 200
    assert "มีคำตอบแล้ว 60 คำตอบ จึงลบไม่ได้" in page.content.decode()
    assert "ข้อ 1: 4" not in page.content.decode()
    assert survey.dimensions.count() == 2


def test_opening_and_closing_a_round_is_recorded_in_its_history(client, editor):
    survey = f.survey(status=Survey.Status.DRAFT)
    login_staff(client, editor)
    changelist = reverse("admin:surveys_survey_changelist")

    for action in ("open_surveys", "close_surveys"):
        client.post(changelist, {"action": action, "_selected_action": [survey.pk]})

    statuses = [(h.status, h.history_user) for h in survey.history.order_by("history_date")]
    assert statuses[-2:] == [(Survey.Status.OPEN, editor), (Survey.Status.CLOSED, editor)]
