"""The citizen's personal data requests: see, correct or erase (PDPA s.30-35).

Whoever holds a case's tracking code (register number and PIN) is the person
who filed it, as far as the portal can know: the code is what opens the case,
so it is also what opens a request about it. A request is filed from the
tracking page of an opened case, or from the request form with the code.

The answer to "see" is shown on the tracking page, behind the same code, and
not e-mailed: the e-mail address on a case was typed by the citizen and never
verified, mail crosses servers in clear and lingers in mailboxes, and many
reporters gave no address at all (anonymous reports, telephone, letters).
"""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from feedback.data_requests import data_request_file
from feedback.forms import DataRequestForm, PublicDataRequestForm
from feedback.models import Case, DataRequest
from feedback.track_views import case_page, case_remember, tracked_case
from portal.lib.clients import client_over_limit


def _over_limit(request):
    return client_over_limit(
        request,
        scope="feedback:data_request",
        limit=settings.FEEDBACK_DATA_REQUEST_LIMIT,
        message=_(
            "Too many requests from this connection. Please try again in an hour; "
            "what you wrote is still below."
        ),
    )


def _filed(request, case, form, channel):
    data_request = data_request_file(
        kind=form.cleaned_data["kind"],
        case=case,
        channel=channel,
        details=form.cleaned_data["details"],
    )
    messages.success(request, _("Your request was received."))
    return redirect("feedback:data_request_receipt", pk=data_request.pk)


@require_POST
def track_data_request(request, pk):
    case = tracked_case(request, pk)
    if case is None:
        return redirect("feedback:track")
    form = DataRequestForm(request.POST)
    if _over_limit(request):
        return case_page(request, case, status=429, data_request=form)
    if not form.is_valid():
        messages.error(request, _("Please correct the items marked below; what you wrote is kept."))
        return case_page(request, case, data_request=form)
    return _filed(request, case, form, DataRequest.Channel.TRACKING)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def data_request(request):
    """The public request form, for a citizen who has their tracking code."""
    if request.method != "POST":
        form = PublicDataRequestForm()
        return render(request, "feedback/data_request_form.html", {"form": form})
    form = PublicDataRequestForm(request.POST)
    if _over_limit(request):
        return render(request, "feedback/data_request_form.html", {"form": form}, status=429)
    if form.is_valid():
        case = Case.objects.by_tracking_code(form.cleaned_data["code"])
        if case is not None:
            case_remember(request, case)
            return _filed(request, case, form, DataRequest.Channel.FORM)
        form.add_error("code", _("No case matches this code. Please check it and try again."))
    messages.error(request, _("Please correct the items marked below; what you wrote is kept."))
    return render(request, "feedback/data_request_form.html", {"form": form})


@never_cache
@require_http_methods(["GET", "HEAD"])
def data_request_receipt(request, pk):
    """The receipt: shown only to the browser that opened the case with its code.
    Any other visitor is sent to the code form, whether the number exists or not,
    so guessing numbers does not count the requests."""
    data_request = DataRequest.objects.filter(pk=pk).first()
    cases = data_request.cases.all() if data_request is not None else ()
    case = next((c for c in cases if tracked_case(request, c.pk) is not None), None)
    if case is None:
        return redirect("feedback:track")
    return render(
        request,
        "feedback/data_request_receipt.html",
        {"data_request": data_request, "case": case},
    )
