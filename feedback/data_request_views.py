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

CONFIRMED_SESSION_KEY = "feedback_data_requests_confirmed"


def data_request_over_limit(request):
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
    if data_request_over_limit(request):
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
    if data_request_over_limit(request):
        return render(request, "feedback/data_request_form.html", {"form": form}, status=429)
    if form.is_valid():
        case = Case.objects.by_tracking_code(form.cleaned_data["code"])
        if case is not None:
            case_remember(request, case)
            return _filed(request, case, form, DataRequest.Channel.FORM)
        form.add_error("code", _("No case matches this code. Please check it and try again."))
    messages.error(request, _("Please correct the items marked below; what you wrote is kept."))
    return render(request, "feedback/data_request_form.html", {"form": form})


def data_request_remember(request, data_request):
    """Let this browser see `data_request`'s receipt: it confirmed the request
    with the link mailed to the contact address."""
    remembered = request.session.get(CONFIRMED_SESSION_KEY, [])
    if data_request.pk not in remembered:
        request.session[CONFIRMED_SESSION_KEY] = [*remembered, data_request.pk][-10:]


def data_request_remembered(request, pk):
    return pk in request.session.get(CONFIRMED_SESSION_KEY, [])


@never_cache
@require_http_methods(["GET", "HEAD"])
def data_request_receipt(request, pk):
    """The receipt: shown only to the browser that opened the case with its code,
    or that confirmed the request with the mailed link. Any other visitor is
    sent to the code form, whether the number exists or not, so guessing
    numbers does not count the requests."""
    data_request = DataRequest.objects.filter(pk=pk).first()
    cases = list(data_request.cases.order_by("fiscal_year", "number")) if data_request else []
    shown = [c for c in cases if data_request in DataRequest.objects.for_case(c)]
    case = next((c for c in shown if tracked_case(request, c.pk) is not None), None)
    # Confirmed by address: every case it covers, none of them opened here.
    confirmed = data_request is not None and data_request_remembered(request, pk)
    if case is None and not confirmed:
        return redirect("feedback:track")
    return render(
        request,
        "feedback/data_request_receipt.html",
        {"data_request": data_request, "case": case, "cases": cases if confirmed else [case]},
    )
