"""Factories for surveys and working groups; keyword overrides, saved objects."""

import datetime as dt
import itertools

from django.utils import timezone

from measures.models import StakeholderGroup
from surveys import services
from surveys.models import (
    Answer,
    Attendance,
    Dimension,
    Item,
    Meeting,
    Membership,
    OpenQuestion,
    Response,
    Survey,
    WorkingGroup,
)
from tests import factories as shared

_sequence = itertools.count(1)


def survey(*, dimensions=(("ด้านกระบวนการ", 2), ("ด้านเจ้าหน้าที่", 2)), questions=1, **overrides):
    n = next(_sequence)
    fields = {
        "title": f"แบบสำรวจความพึงพอใจ {n}",
        "slug": f"survey-{n}",
        "round": Survey.Round.CUSTOM,
        "opens_on": timezone.localdate() - dt.timedelta(days=30),
        "closes_on": timezone.localdate() + dt.timedelta(days=30),
        "status": Survey.Status.OPEN,
    } | overrides
    obj = Survey.objects.create(**fields)
    for d, (title, count) in enumerate(dimensions, start=1):
        dimension = Dimension.objects.create(survey=obj, title=title, position=d)
        for i in range(1, count + 1):
            Item.objects.create(dimension=dimension, text=f"{title} ข้อ {i}", position=i)
    for q in range(1, questions + 1):
        OpenQuestion.objects.create(survey=obj, text=f"ข้อเสนอแนะ {q}", position=q)
    return obj


def items_of(survey_obj):
    return list(Item.objects.filter(dimension__survey=survey_obj).select_related("dimension"))


def response(*, survey, scores=None, texts=None, stakeholder_group=None, **overrides):
    """An answer sheet written straight to the database; scores: {Item: score}."""
    obj = Response.objects.create(
        survey=survey,
        form_token=f"t{next(_sequence)}",
        stakeholder_group=stakeholder_group,
        **overrides,
    )
    Answer.objects.bulk_create(
        Answer(response=obj, item=item, score=score) for item, score in (scores or {}).items()
    )
    for question, text in (texts or {}).items():
        obj.open_answers.create(question=question, text=text)
    return obj


def stakeholder_group(slug="parents"):
    return StakeholderGroup.objects.get(slug=slug)


def working_group(*, mission_group=None, **overrides):
    n = next(_sequence)
    fields = {
        "name": f"คณะทำงานทดสอบ {n}",
        "slug": f"wg-{n}",
        "purpose": "ให้คำปรึกษาและติดตามการดำเนินงาน",
        "order_number": f"{n}/2568",
        "order_date": dt.date(2025, 10, 15),
        "term_start": dt.date(2025, 10, 15),
        "term_end": dt.date(2027, 9, 30),
    } | overrides
    return WorkingGroup.objects.create(
        mission_group=mission_group or shared.mission_group(), **fields
    )


def membership(*, working_group, **overrides):
    n = next(_sequence)
    fields = {
        "name": f"นายสมมติ ทดสอบ{n}",
        "role": Membership.Role.MEMBER,
        "stakeholder_group": stakeholder_group("parents"),
        "started_on": working_group.term_start,
    } | overrides
    return Membership.objects.create(working_group=working_group, **fields)


def meeting(*, working_group, present=(), absent=(), **overrides):
    fields = {"held_on": working_group.term_start + dt.timedelta(days=30), "place": "ห้องประชุม"}
    obj = Meeting.objects.create(working_group=working_group, **(fields | overrides))
    for member in present:
        Attendance.objects.create(meeting=obj, membership=member, present=True)
    for member in absent:
        Attendance.objects.create(meeting=obj, membership=member, present=False)
    return obj


def token(survey_obj):
    return services.answer_token_issue(survey=survey_obj)
