"""Rounds and answers: copying a round, taking one anonymous answer sheet."""

import hashlib
import secrets

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from measures.models import Policy
from portal import thai
from surveys.models import (
    Answer,
    Dimension,
    Item,
    OpenAnswer,
    OpenQuestion,
    Response,
    Survey,
)

TOKEN_SALT = "surveys.answer-form"
TOKEN_MAX_AGE = 24 * 60 * 60


def expired_message():
    # The page comes back with a fresh form and the citizen's answers in it.
    return _(
        "The form had expired or was altered, so your answer was not recorded. "
        "Your answers are still below: please send them again."
    )


class AnswerRejected(Exception):
    """An answer that must not be counted; the message is for the citizen."""


class AnswerAlreadyRecorded(AnswerRejected):
    """The same form sent again (a double tap, a reload): it was counted once."""


# ---------------------------------------------------------------- rounds


@transaction.atomic
def survey_copy(*, survey, title=None, slug=None):
    """A new draft round with the same questions (the template's or last round's)."""
    base_slug = slug or f"{survey.slug.removeprefix('template-')}-copy"
    new_slug = base_slug
    suffix = 2
    while Survey.objects.filter(slug=new_slug).exists():
        new_slug = f"{base_slug}-{suffix}"
        suffix += 1
    copy = Survey(
        title=title or survey.title.replace(" (แม่แบบ)", ""),
        slug=new_slug,
        mission_group=survey.mission_group,
        service=survey.service,
        intro=survey.intro,
        round=survey.round if not survey.is_template else Survey.Round.FIRST_HALF,
        fiscal_year=survey.fiscal_year or thai.FiscalYear.current().be_year,
        status=Survey.Status.DRAFT,
        band_scheme=survey.band_scheme,
        results_public=survey.results_public,
        ask_sex=survey.ask_sex,
        ask_age_band=survey.ask_age_band,
        ask_occupation=survey.ask_occupation,
        ask_stakeholder_group=survey.ask_stakeholder_group,
    )
    copy.full_clean()
    copy.save()
    for dimension in survey.dimensions.prefetch_related("items"):
        new_dimension = Dimension.objects.create(
            survey=copy, title=dimension.title, position=dimension.position
        )
        Item.objects.bulk_create(
            Item(dimension=new_dimension, text=item.text, position=item.position)
            for item in dimension.items.all()
        )
    OpenQuestion.objects.bulk_create(
        OpenQuestion(survey=copy, text=q.text, position=q.position)
        for q in survey.open_questions.all()
    )
    return copy


# --------------------------------------------------------------- answers


def answer_token_issue(*, survey):
    """A signed one-time value for the answer form; it says nothing about the citizen."""
    return signing.dumps({"s": survey.pk, "n": secrets.token_urlsafe(18)}, salt=TOKEN_SALT)


def _token_digest(*, survey, token):
    try:
        value = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature as error:
        raise AnswerRejected(expired_message()) from error
    if not isinstance(value, dict) or value.get("s") != survey.pk or not value.get("n"):
        raise AnswerRejected(expired_message())
    return hashlib.sha256(value["n"].encode()).hexdigest()


@transaction.atomic
def response_submit(*, survey, token, scores, open_answers, demographics):
    """Record one anonymous answer sheet, or nothing at all.

    scores: {Item: 1..5}; open_answers: {OpenQuestion: text};
    demographics: Response field values.
    """
    if not survey.is_open():
        raise AnswerRejected(_("This survey is closed and no longer takes answers."))
    digest = _token_digest(survey=survey, token=token)
    for item, score in scores.items():
        if item.dimension.survey_id != survey.pk or score not in (1, 2, 3, 4, 5):
            raise AnswerRejected(_("The answer does not match this survey."))
    if not scores and not any(text.strip() for text in open_answers.values()):
        raise AnswerRejected(_("Please answer at least one question."))
    try:
        with transaction.atomic():
            notice = Policy.objects.privacy_notice()
            response = Response.objects.create(
                survey=survey,
                form_token=digest,
                privacy_notice_version=notice.version if notice else "",
                **demographics,
            )
    except IntegrityError as error:
        raise AnswerAlreadyRecorded(_("This form has already been sent. Thank you.")) from error
    Answer.objects.bulk_create(
        Answer(response=response, item=item, score=score) for item, score in scores.items()
    )
    OpenAnswer.objects.bulk_create(
        OpenAnswer(response=response, question=question, text=thai.normalize_text(text.strip()))
        for question, text in open_answers.items()
        if text.strip()
    )
    return response
