import io
import logging

import segno
from django import db
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from measures.models import Policy
from portal.lib import roles, thai
from portal.lib.clients import client_rate_allow
from portal.lib.error_reports import failure_summary
from portal.lib.outage import choices_freeze, connection_not_retried
from portal.lib.page_cache import one_time_mark, public_fragment, public_page
from portal.lib.spreadsheet import csv_response
from surveys import exports, open_data, services
from surveys.forms import SurveyAnswerForm
from surveys.models import (
    Meeting,
    Membership,
    Survey,
    WorkingGroup,
)
from surveys.models.survey import band_ranges
from surveys.stats import SCORES

logger = logging.getLogger(__name__)

ANSWERED_COOKIE_START = "survey_answered_"
ANSWERED_COOKIE = ANSWERED_COOKIE_START + "{pk}"
ANSWERED_MAX_AGE = 400 * 24 * 60 * 60


def _staff_sees_results(user):
    return user.has_perm(roles.VIEW_RESPONSE)


@require_safe
@public_page
def survey_list(request):
    surveys = (
        Survey.objects.published()
        .select_related("mission_group")
        .annotate(n_responses=Count("responses"))
        .order_by("-opens_on", "title")
    )
    return render(request, "surveys/survey_list.html", {"surveys": surveys})


def _answered(request, survey):
    return request.get_signed_cookie(ANSWERED_COOKIE.format(pk=survey.pk), default=None) == "1"


def _answer_record(request, survey, form):
    """Validate and record a posted sheet; the error goes on the form if refused."""
    limit, window_seconds = settings.SURVEY_RATE_LIMIT
    if not client_rate_allow(
        request, scope=f"surveys:{survey.pk}", limit=limit, window_seconds=window_seconds
    ):
        form.add_error(None, _("Too many answers from your network. Please try again later."))
        return False
    if not form.is_valid():
        return False
    try:
        services.response_submit(
            survey=survey,
            token=form.cleaned_data["token"],
            scores=form.scores(),
            open_answers=form.open_answers(),
            demographics=form.demographics(),
        )
    except services.AnswerAlreadyRecorded as repeat:
        if repeat.just_sent:
            return True  # a double tap: the first sending counted, the citizen has answered
        form.add_error(None, str(repeat))
        return False
    except services.AnswerRejected as rejection:
        form.add_error(None, str(rejection))
        return False
    return True


def _answered_redirect(request, survey):
    messages.success(request, _("Thank you. Your answer has been recorded."))
    response = redirect(survey)
    # One answer per browser, without keeping who answered anywhere.
    response.set_signed_cookie(
        ANSWERED_COOKIE.format(pk=survey.pk),
        "1",
        max_age=ANSWERED_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response


def _token_issue(survey_pk):
    return services.answer_token_issue(survey_id=int(survey_pk))


def _token(survey):
    """Where the sheet's one-time token goes: each visitor gets a fresh one,
    also in a page kept for every visitor (public_page's one_time)."""
    return one_time_mark("survey-token", survey.pk)


# A refused sheet comes back with the citizen's own words, and every sheet
# carries a one-time token: neither may be kept by a browser or proxy cache.
# The portal itself keeps the unfilled sheet, the same page for every
# anonymous visitor who has not answered, but for the token.
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@public_page(one_time={"survey-token": _token_issue}, personal_cookies=ANSWERED_COOKIE_START)
def survey_answer(request, slug):
    try:
        survey = get_object_or_404(
            Survey.objects.published().select_related("mission_group"), slug=slug
        )
        if request.method == "POST":
            form_kwargs = _sheet(survey)
    except db.Error as error:
        if request.method != "POST":
            raise
        return _answers_kept(request, error)
    is_open, answered = survey.is_open(), _answered(request, survey)
    context = {"survey": survey, "is_open": is_open, "answered": answered}
    status = 200
    if request.method == "POST":
        if not is_open:
            messages.error(request, _("This survey is closed and no longer takes answers."))
            return redirect(survey)
        if answered:
            messages.info(request, _("You have already answered this survey. Thank you."))
            return redirect(survey)
        form = SurveyAnswerForm(request.POST, **form_kwargs)
        try:
            if _answer_record(request, survey, form):
                return _answered_redirect(request, survey)
            status = 400
        except db.Error as error:
            # The database away or restarting: response_submit rolled the
            # whole sheet back; the citizen keeps every answer and sends again.
            logger.error("survey answer could not be stored: %s", failure_summary(error))
            messages.error(
                request,
                _(
                    "We could not record your answer just now; nothing was saved. "
                    "Your answers are still below: please send them again in a moment."
                ),
            )
            status = 503
        # A refused token stays refused: the sheet comes back with a new one.
        form.renew_token(_token(survey))
        if "stakeholder_group" in form.fields:
            choices_freeze(form.fields["stakeholder_group"])
    else:
        # An unfilled sheet: the token is this visitor's, the questions are
        # everybody's and come drawn already (read only if the sheet is shown).
        form = SurveyAnswerForm(
            initial={"token": _token(survey)}, **_sheet(survey, questions=False)
        )
        if is_open and not answered:
            context["questions"] = _questions_kept(request, survey)
    context["form"] = form
    try:
        context["results_visible"] = survey.results_visible_to(request.user)
        context["privacy"] = Policy.objects.privacy_notice()
    except db.Error:
        context |= {"results_visible": False, "privacy": None}
    return render(request, "surveys/survey_answer.html", context, status=status)


def _sheet(survey, *, questions=True):
    """The answer form's arguments: the survey with its questions (two
    queries), or without them for a sheet whose questions come kept."""
    if not questions:
        return {"survey": survey, "dimensions": [], "open_questions": []}
    return {
        "survey": survey,
        "dimensions": list(survey.dimensions.prefetch_related("items")),
        "open_questions": list(survey.open_questions.all()),
    }


def _questions_kept(request, survey):
    """The questions of an unfilled sheet, drawn once for every visitor until
    the survey or anything public changes (portal/lib/page_cache.py): drawing
    its 80-odd radios and fields was most of the page's cost."""

    def questions_draw():
        form = SurveyAnswerForm(**_sheet(survey))
        return render_to_string("surveys/includes_questions.html", {"survey": survey, "form": form})

    return public_fragment(f"survey-questions:{request.LANGUAGE_CODE}:{survey.pk}", questions_draw)


def _answers_kept(request, error):
    """The database away before the sheet could even be read: without its
    questions the form cannot be drawn again, so every sent value comes back
    in a page that sends them once more, as they were."""
    logger.error("survey answer could not be read in: %s", failure_summary(error))
    kept = [(name, value) for name in request.POST for value in request.POST.getlist(name)]
    with connection_not_retried():
        return render(request, "surveys/survey_answer_kept.html", {"kept": kept}, status=503)


def _survey_for_results(request, slug):
    surveys = Survey.objects.filter(is_template=False)
    if not _staff_sees_results(request.user):
        surveys = surveys.published().filter(results_public=True)
    return get_object_or_404(surveys.select_related("mission_group"), slug=slug)


@require_safe
@public_page
def survey_results(request, slug):
    survey = _survey_for_results(request, slug)
    results = services.survey_results(survey=survey)
    return render(
        request,
        "surveys/survey_results.html",
        {
            "survey": survey,
            "results": results,
            "bands": band_ranges(survey.band_scheme),
            "scores": SCORES,
            "is_staff_view": _staff_sees_results(request.user),
            "improvements": survey.improvements.all(),
            # The round's year in the year's open data (rounds_in: the year it opened).
            "in_open_data": survey.results_public and survey.status in Survey.PUBLIC_STATUSES,
            "fiscal_year": thai.FiscalYear.of(survey.opens_on),
            "data_dictionary": open_data.dictionary(),
            "licence": open_data.LICENCE,
        },
    )


@require_safe
def survey_results_csv(request, slug):
    survey = _survey_for_results(request, slug)
    response = csv_response(f"{survey.slug}-statistics.csv")
    exports.survey_statistics_csv_write(survey=survey, out=response)
    return response


@require_safe
@permission_required("surveys.view_response", raise_exception=True)
def survey_answers_csv(request, slug):
    survey = get_object_or_404(Survey.objects.filter(is_template=False), slug=slug)
    response = csv_response(f"{survey.slug}-answers.csv")
    exports.survey_answers_csv_write(survey=survey, out=response)
    return response


@require_safe
def survey_qr(request, slug):
    """The QR code the agency prints at its service counter."""
    survey = get_object_or_404(Survey.objects.filter(is_template=False), slug=slug)
    if survey.status == Survey.Status.DRAFT and not request.user.has_perm(roles.VIEW_SURVEY):
        raise Http404
    buffer = io.BytesIO()
    segno.make(settings.SITE_URL + survey.get_absolute_url(), error="m").save(
        buffer, kind="svg", scale=8, border=4, title=survey.title
    )
    return HttpResponse(buffer.getvalue(), content_type="image/svg+xml")


@require_safe
@public_page
def workinggroup_list(request):
    year = thai.FiscalYear.current()
    held_this_year = Q(meetings__held_on__gte=year.period.start) & Q(
        meetings__held_on__lte=timezone.localdate()
    )
    groups = (
        WorkingGroup.objects.published()
        .select_related("mission_group")
        .with_roster()
        .annotate(meetings_held=Count("meetings", filter=held_this_year, distinct=True))
        .in_list_order()
    )
    return render(
        request,
        "surveys/workinggroup_list.html",
        {"working_groups": groups, "fiscal_year": year},
    )


@require_safe
@public_page
def workinggroup_detail(request, slug):
    group = get_object_or_404(
        WorkingGroup.objects.published().select_related("mission_group").with_roster(),
        slug=slug,
    )
    current = Membership.objects.filter(working_group=group).current()
    roles = dict(Membership.Role.choices)
    roster = [row | {"role_label": roles[row["role"]]} for row in current.public_roster()]
    meetings = list(
        Meeting.objects.filter(working_group=group).with_attendance().order_by("-held_on", "-pk")
    )
    for meeting in meetings:
        meeting.working_group = group
    return render(
        request,
        "surveys/workinggroup_detail.html",
        {
            "group": group,
            "roster": roster,
            "mix": current.counts_by_stakeholder_group(),
            "held": [m for m in meetings if not m.is_scheduled],
            "scheduled": [m for m in reversed(meetings) if m.is_scheduled],
        },
    )
