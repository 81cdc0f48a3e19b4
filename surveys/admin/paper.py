"""Keying in paper questionnaires (seed 001 §3, 004 §4): not everyone the
agency serves answers on a phone. Staff type each paper sheet into the
round's own questions; the sheet counts with the online answers, marked as
paper. A refused sheet comes back with everything typed, never half-saved."""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.lib.be_dates import be_date_format
from surveys import services
from surveys.forms import PaperAnswerForm
from surveys.models import Response


def paper_key_in(model_admin, request, object_id):
    survey = model_admin.get_object(request, unquote(object_id))
    if survey is None:
        raise Http404
    if not model_admin.has_change_permission(request, survey):
        raise PermissionDenied
    dimensions = survey.dimensions.prefetch_related("items")
    form_kwargs = {
        "survey": survey,
        "dimensions": dimensions,
        "open_questions": survey.open_questions.all(),
    }
    if request.method == "POST":
        form = PaperAnswerForm(request.POST, **form_kwargs)
        if form.is_valid():
            try:
                response = services.response_key_in(
                    survey=survey,
                    by=request.user,
                    sheet_number=form.cleaned_data["sheet_number"],
                    answered_on=form.cleaned_data["answered_on"],
                    scores=form.scores(),
                    open_answers=form.open_answers(),
                    demographics=form.demographics(),
                )
            except services.AnswerRejected as refusal:
                form.add_error(None, str(refusal))
            else:
                messages.success(
                    request,
                    _("Paper sheet number %(number)s was recorded. Key in the next sheet.")
                    % {"number": response.sheet_number},
                )
                return redirect("admin:surveys_survey_paper", survey.pk)
    else:
        form = PaperAnswerForm(initial={"answered_on": _default_day(survey)}, **form_kwargs)
    counts = survey.responses.aggregate(
        online=Count("pk", filter=Q(channel=Response.Channel.ONLINE)),
        paper=Count("pk", filter=Q(channel=Response.Channel.PAPER)),
    )
    context = model_admin.admin_site.each_context(request) | {
        "opts": model_admin.model._meta,
        "survey": survey,
        "form": form,
        "counts": counts,
        "title": _("Key in a paper questionnaire"),
    }
    return TemplateResponse(request, "admin/surveys/survey/paper.html", context)


def _default_day(survey):
    """Today, or the round's last day once it has closed, as officers write
    it: day/month/Buddhist-Era year."""
    day = timezone.localdate()
    if survey.closes_on and day > survey.closes_on:
        day = survey.closes_on
    return be_date_format(day)
