"""The tracking page: the citizen follows a case to the end with its code and PIN.

A correct code opens the case for this browser session (its id is kept in the
session, as the receipt does), so the case page and its forms are plain
GET/POST-redirect pages and the code is not sent again with every form.
"""

import functools
import logging

from django import db
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from feedback.follow_up import (
    FollowUpError,
    case_follow_up_state,
    case_information_add,
    case_rate,
    case_resolution_answer,
    case_timeline,
)
from feedback.forms import (
    CitizenInformationForm,
    DataRequestForm,
    HandlingRatingForm,
    ResolutionAnswerForm,
    TrackForm,
)
from feedback.models import Case, DataRequest
from feedback.personal_data import personal_data_summary
from feedback.storage import FILES_NOT_STORED, STORAGE_ERRORS
from portal.lib.clients import client_over_limit, client_rate_allow
from portal.lib.error_reports import failure_summary
from portal.lib.outage import connection_not_retried, form_check_now

TRACKED_SESSION_KEY = "feedback_tracked"

logger = logging.getLogger(__name__)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def track(request):
    if request.method != "POST":
        # Receipts printed before links carried the code after "#" (see
        # Case.tracking_link; track-code.js fills it in) still fill it in.
        form = TrackForm(initial={"code": request.GET.get("code", "")[:40]})
        return render(request, "feedback/case_track.html", {"form": form})
    form = TrackForm(request.POST)
    limit, window = settings.FEEDBACK_TRACK_LIMIT
    if not client_rate_allow(request, scope="feedback:track", limit=limit, window_seconds=window):
        form.add_error(None, _("Too many attempts. Please wait 15 minutes and try again."))
        return render(request, "feedback/case_track.html", {"form": form}, status=429)
    if form.is_valid():
        case = Case.objects.by_tracking_code(form.cleaned_data["code"])
        if case is not None:
            case_remember(request, case)
            return redirect("feedback:track_case", pk=case.pk)
        form.add_error("code", _("No case matches this code. Please check it and try again."))
    return render(request, "feedback/case_track.html", {"form": form})


def case_remember(request, case):
    """Open `case` for this browser session: its code was given."""
    tracked = request.session.get(TRACKED_SESSION_KEY, [])
    if case.pk not in tracked:
        request.session[TRACKED_SESSION_KEY] = [*tracked, case.pk][-10:]


def tracked_case(request, pk):
    """The case this browser opened with its code, or None (ask for the code again)."""
    if pk not in request.session.get(TRACKED_SESSION_KEY, []):
        return None
    return get_object_or_404(Case, pk=pk)


@never_cache
@require_http_methods(["GET", "HEAD"])
def track_case(request, pk):
    case = tracked_case(request, pk)
    if case is None:
        return redirect("feedback:track")
    return case_page(request, case)


def case_page(request, case, *, status=200, **forms):
    state = case_follow_up_state(case=case)
    rating = getattr(case, "handling_rating", None)
    rated = {"score": rating.score, "comment": rating.comment} if rating else None
    data_requests = list(DataRequest.objects.for_case(case))
    seen = any(r.shows_held_data for r in data_requests)
    context = {
        "case": case,
        "state": state,
        "timeline": case_timeline(case=case),
        "information_form": forms.get("information") or CitizenInformationForm(),
        "answer_form": forms.get("answer") or ResolutionAnswerForm(),
        "rating": rating,
        "rating_form": forms.get("rating") or HandlingRatingForm(initial=rated),
        "data_requests": data_requests,
        "held": personal_data_summary(case) if seen else None,
        "data_request_form": forms.get("data_request") or DataRequestForm(),
    }
    return render(request, "feedback/case_track_detail.html", context, status=status)


def _too_many_follow_ups(request):
    return client_over_limit(
        request,
        scope="feedback:follow_up",
        limit=settings.FEEDBACK_FOLLOW_UP_LIMIT,
        message=_(
            "Too many sendings from this connection. Please try again in an hour; "
            "what you wrote is still below."
        ),
    )


def _kept_page(request, pk, form):
    form_check_now(form)
    # A browser never fills a file input in again: name the files to attach.
    files = ", ".join(upload.name for upload in request.FILES.getlist("attachments"))
    if files:
        not_kept = _("The files you attached were not kept: %(files)s. Please attach them again.")
        messages.warning(request, not_kept % {"files": files})
    context = {"form": form, "pk": pk}
    return render(request, "feedback/case_track_kept.html", context, status=503)


def kept_while_database_away(form_class):
    """A tracking-page sending while the database is away or restarting gets a
    Thai 503 page holding what the citizen wrote, to send again: the case page
    cannot be drawn without the case, and an unreadable session would send
    them back to the code form with their words lost. Nothing was stored (each
    follow-up service writes in one transaction)."""

    def decorate(view):
        @functools.wraps(view)
        def kept(request, pk):
            try:
                request.session.get(TRACKED_SESSION_KEY)  # read now, to know it was read
                if not getattr(request.session, "unreadable", False):
                    return view(request, pk)
                logger.error("follow-up could not be stored: the session could not be read")
            except db.Error as error:
                logger.error("follow-up could not be stored: %s", failure_summary(error))
            with connection_not_retried():
                return _kept_page(request, pk, form_class(request.POST, request.FILES))

        return kept

    return decorate


@require_POST
@kept_while_database_away(CitizenInformationForm)
def track_add(request, pk):
    case = tracked_case(request, pk)
    if case is None:
        return redirect("feedback:track")
    form = CitizenInformationForm(request.POST, request.FILES)
    if _too_many_follow_ups(request):
        return case_page(request, case, status=429, information=form)
    if not form.is_valid():
        messages.error(request, _("Please correct the items marked below; what you wrote is kept."))
        return case_page(request, case, information=form)
    try:
        case_information_add(
            case=case, body=form.cleaned_data["body"], uploads=form.cleaned_data["attachments"]
        )
    except STORAGE_ERRORS:
        # Nothing was kept (case_information_add removes what it wrote).
        messages.error(request, FILES_NOT_STORED)
        return case_page(request, case, status=503, information=form)
    except FollowUpError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Thank you. What you added was sent to the officer."))
    return redirect("feedback:track_case", pk=case.pk)


@require_POST
@kept_while_database_away(ResolutionAnswerForm)
def track_answer(request, pk):
    case = tracked_case(request, pk)
    if case is None:
        return redirect("feedback:track")
    form = ResolutionAnswerForm(request.POST)
    if _too_many_follow_ups(request):
        return case_page(request, case, status=429, answer=form)
    if not form.is_valid():
        messages.error(request, _("Please correct the items marked below; what you wrote is kept."))
        return case_page(request, case, answer=form)
    resolved = form.cleaned_data["resolved"]
    try:
        case_resolution_answer(case=case, resolved=resolved, reason=form.cleaned_data["reason"])
    except FollowUpError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Thank you for confirming that the matter was resolved.")
            if resolved
            else _("Your case was reopened and sent back to its officer with your reasons."),
        )
    return redirect("feedback:track_case", pk=case.pk)


@require_POST
@kept_while_database_away(HandlingRatingForm)
def track_rate(request, pk):
    case = tracked_case(request, pk)
    if case is None:
        return redirect("feedback:track")
    form = HandlingRatingForm(request.POST)
    if _too_many_follow_ups(request):
        return case_page(request, case, status=429, rating=form)
    if not form.is_valid():
        messages.error(request, _("Please choose how satisfied you are."))
        return case_page(request, case, rating=form)
    try:
        case_rate(case=case, score=form.cleaned_data["score"], comment=form.cleaned_data["comment"])
    except (FollowUpError, ValidationError) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Thank you for rating how your case was handled."))
    return redirect("feedback:track_case", pk=case.pk)
