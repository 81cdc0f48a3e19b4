"""Rounds and answers: copying a round, taking one anonymous answer sheet."""

import datetime as dt
import hashlib
import itertools
import re
import secrets

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from measures.models import Policy
from portal.lib import thai, thai_text
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
    """The same form sent again: it was counted once. `just_sent` when the
    first sending came moments ago (a double tap before the thanks arrived),
    not when a form sent long ago comes back (another browser, a replay)."""

    def __init__(self, message, *, just_sent):
        super().__init__(message)
        self.just_sent = just_sent


# Long enough for a double tap on a slow mobile connection.
DOUBLE_SEND_WINDOW = dt.timedelta(minutes=2)


# ---------------------------------------------------------------- rounds


# Suffixes a copy adds to an address (a round, a year, "copy", a number),
# stripped before the next round's suffix goes on, so copies of copies do not
# grow "-copy-copy-…" past the field's length.
_COPY_SUFFIXES = re.compile(r"(-(copy|h[12]|\d{4}))*(-\d{1,3})?$")

# Thai words for the halves, as titles of rounds name them ("… ครึ่งปีแรก
# ปีงบประมาณ 2569"): the copy's title follows its new round.
_HALF_WORDS = {
    Survey.Round.FIRST_HALF: "ครึ่งปีแรก",
    Survey.Round.SECOND_HALF: "ครึ่งปีหลัง",
}


def survey_round_next(*, survey):
    """(round, fiscal year) of the round after `survey`'s: first half → second
    half, second half → first half of the next year, a whole year → the next
    year, custom dates → custom again. A template starts the half we are in."""
    Round = Survey.Round
    if survey.is_template or not survey.fiscal_year:
        year = thai.FiscalYear.current()
        if survey.round == Round.CUSTOM and not survey.is_template:
            return Round.CUSTOM, year.be_year
        half = Round.FIRST_HALF if timezone.localdate() in year.first_half else Round.SECOND_HALF
        return half, year.be_year
    return {
        Round.FIRST_HALF: (Round.SECOND_HALF, survey.fiscal_year),
        Round.SECOND_HALF: (Round.FIRST_HALF, survey.fiscal_year + 1),
        Round.FISCAL_YEAR: (Round.FISCAL_YEAR, survey.fiscal_year + 1),
        Round.CUSTOM: (Round.CUSTOM, survey.fiscal_year),
    }[survey.round]


def _copy_title(survey, *, round, fiscal_year):
    title = survey.title.replace(" (แม่แบบ)", "")
    if survey.fiscal_year and survey.fiscal_year != fiscal_year:
        title = title.replace(str(survey.fiscal_year), str(fiscal_year))
    old_half, new_half = _HALF_WORDS.get(survey.round), _HALF_WORDS.get(round)
    if old_half and new_half:
        title = title.replace(old_half, new_half)
    return title


def _copy_slug(survey, *, round, fiscal_year):
    """A free address that fits the field: the source's stem and the new round."""
    limit = Survey._meta.get_field("slug").max_length
    stem = _COPY_SUFFIXES.sub("", survey.slug.removeprefix("template-")) or "survey"
    suffix = {
        Survey.Round.FIRST_HALF: f"-{fiscal_year}-h1",
        Survey.Round.SECOND_HALF: f"-{fiscal_year}-h2",
        Survey.Round.FISCAL_YEAR: f"-{fiscal_year}",
    }.get(round, "-copy")
    for number in itertools.count(1):
        tail = suffix if number == 1 else f"{suffix}-{number}"
        slug = stem[: limit - len(tail)].rstrip("-") + tail
        if not Survey.objects.filter(slug=slug).exists():
            return slug
    raise AssertionError("unreachable")


@transaction.atomic
def survey_copy(*, survey, title=None, slug=None):
    """A new draft round with the same questions (the template's or last
    round's), set to the next round with that round's dates."""
    round, fiscal_year = survey_round_next(survey=survey)
    copy = Survey(
        title=title or _copy_title(survey, round=round, fiscal_year=fiscal_year),
        slug=slug or _copy_slug(survey, round=round, fiscal_year=fiscal_year),
        mission_group=survey.mission_group,
        service=survey.service,
        intro=survey.intro,
        round=round,
        fiscal_year=fiscal_year,
        status=Survey.Status.DRAFT,
        band_scheme=survey.band_scheme,
        results_public=survey.results_public,
        ask_sex=survey.ask_sex,
        ask_age_band=survey.ask_age_band,
        ask_occupation=survey.ask_occupation,
        ask_stakeholder_group=survey.ask_stakeholder_group,
    )
    copy.full_clean()  # fills the dates from the round; custom dates stay empty
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


def answer_token_issue(*, survey_id):
    """A signed one-time value for the answer form; it says nothing about the citizen."""
    return signing.dumps({"s": survey_id, "n": secrets.token_urlsafe(18)}, salt=TOKEN_SALT)


def _token_digest(*, survey, token):
    try:
        value = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature as error:
        raise AnswerRejected(expired_message()) from error
    if not isinstance(value, dict) or value.get("s") != survey.pk or not value.get("n"):
        raise AnswerRejected(expired_message())
    return hashlib.sha256(value["n"].encode()).hexdigest()


def _answers_check(*, survey, scores, open_answers):
    for item, score in scores.items():
        if item.dimension.survey_id != survey.pk or score not in (1, 2, 3, 4, 5):
            raise AnswerRejected(_("The answer does not match this survey."))
    if not scores and not any(text.strip() for text in open_answers.values()):
        raise AnswerRejected(_("Please answer at least one question."))


def _answers_save(*, response, scores, open_answers):
    Answer.objects.bulk_create(
        Answer(response=response, item=item, score=score) for item, score in scores.items()
    )
    OpenAnswer.objects.bulk_create(
        OpenAnswer(
            response=response, question=question, text=thai_text.normalize_text(text.strip())
        )
        for question, text in open_answers.items()
        if text.strip()
    )


@transaction.atomic
def response_submit(*, survey, token, scores, open_answers, demographics):
    """Record one anonymous answer sheet, or nothing at all.

    scores: {Item: 1..5}; open_answers: {OpenQuestion: text};
    demographics: Response field values.
    """
    if not survey.is_open():
        raise AnswerRejected(_("This survey is closed and no longer takes answers."))
    digest = _token_digest(survey=survey, token=token)
    _answers_check(survey=survey, scores=scores, open_answers=open_answers)
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
        first_sent = (
            Response.objects.filter(form_token=digest)
            .values_list("submitted_at", flat=True)
            .first()
        )
        if first_sent is None or timezone.now() - first_sent < DOUBLE_SEND_WINDOW:
            raise AnswerAlreadyRecorded(
                _("This form has already been sent. Thank you."), just_sent=True
            ) from error
        raise AnswerAlreadyRecorded(
            _(
                "This form had already been sent, so no new answer was recorded. If these "
                "are your answers and you have not sent them before, please send them again."
            ),
            just_sent=False,
        ) from error
    _answers_save(response=response, scores=scores, open_answers=open_answers)
    return response


# ----------------------------------------------------------- paper sheets


def sheet_number_normal(text):
    """A paper sheet's number as it is counted: Thai digits read as Arabic,
    spaces and leading zeros dropped, letters in capitals, so that "017",
    " 17 " and "๑๗" are one sheet and the second keying-in is caught."""
    number = "".join(thai.arabic_digits(str(text)).split()).upper()
    return re.sub(r"[0-9]+", lambda digits: str(int(digits[0])), number)


def _paper_refusal(*, survey, sheet_number, answered_on):
    """Why a paper sheet may not be keyed in, or None."""
    if survey.is_template or survey.status not in Survey.PUBLIC_STATUSES:
        return _("Paper questionnaires are keyed in only for a round that is open or closed.")
    if survey.opens_on and not survey.opens_on <= answered_on <= survey.closes_on:
        return _("The date on the sheet must fall within the round, %(start)s to %(end)s.") % {
            "start": thai.display_date(survey.opens_on),
            "end": thai.display_date(survey.closes_on),
        }
    if answered_on > timezone.localdate():
        return _("The date on the sheet cannot be in the future.")
    if not sheet_number:
        return _("Write the number of the paper sheet, so that no sheet is keyed in twice.")
    return None


@transaction.atomic
def response_key_in(*, survey, by, sheet_number, answered_on, scores, open_answers, demographics):
    """Record one paper questionnaire as staff key it in, or nothing at all.

    It counts in the round's results with the online answers and is marked
    as paper; `AnswerRejected` says why a sheet was refused (the form then
    shows it again with everything typed). Arguments as `response_submit`.
    """
    number = sheet_number_normal(sheet_number)
    refusal = _paper_refusal(survey=survey, sheet_number=number, answered_on=answered_on)
    if refusal:
        raise AnswerRejected(refusal)
    _answers_check(survey=survey, scores=scores, open_answers=open_answers)
    try:
        with transaction.atomic():
            response = Response.objects.create(
                survey=survey,
                channel=Response.Channel.PAPER,
                sheet_number=number,
                keyed_in_by=by,
                # Noon of the day written on the sheet: the round's dates are local days.
                submitted_at=timezone.make_aware(dt.datetime.combine(answered_on, dt.time(12))),
                form_token=hashlib.sha256(secrets.token_bytes(32)).hexdigest(),
                **demographics,
            )
    except IntegrityError as error:
        raise AnswerRejected(
            _(
                "Sheet number %(number)s of this round has already been keyed in: check the "
                "number on the paper. Nothing was recorded; the answers are still below."
            )
            % {"number": number}
        ) from error
    _answers_save(response=response, scores=scores, open_answers=open_answers)
    return response
