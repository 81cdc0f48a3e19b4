"""Asking about one's personal data by contact address (feedback.data_request_links).

The form answers every valid address with the same page, and the link mailed
there opens a page with a confirm button: opening the link (GET) changes
nothing, because mail scanners and link previews fetch links on their own;
only the button's POST files the request.
"""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from feedback.data_request_links import (
    cases_by_contact,
    data_request_link_confirm,
    data_request_link_open,
    data_request_link_send,
)
from feedback.data_request_views import (
    data_request_over_limit,
    data_request_remember,
    data_request_remembered,
)
from feedback.data_requests import DataRequestError
from feedback.forms import AddressDataRequestForm

FORM_TEMPLATE = "feedback/data_request_address_form.html"


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def data_request_by_address(request):
    if request.method != "POST":
        return render(request, FORM_TEMPLATE, {"form": AddressDataRequestForm()})
    form = AddressDataRequestForm(request.POST)
    if data_request_over_limit(request):
        return render(request, FORM_TEMPLATE, {"form": form}, status=429)
    if not form.is_valid():
        messages.error(request, _("Please correct the items marked below; what you wrote is kept."))
        return render(request, FORM_TEMPLATE, {"form": form})
    data_request_link_send(
        email=form.cleaned_data["email"],
        kind=form.cleaned_data["kind"],
        details=form.cleaned_data["details"],
        submission_token=form.cleaned_data["submission_token"],
    )
    return redirect("feedback:data_request_link_sent")


@never_cache
@require_http_methods(["GET", "HEAD"])
def data_request_link_sent(request):
    """The same words whether or not the address is on file."""
    context = {"link_hours": settings.FEEDBACK_DATA_REQUEST_LINK_HOURS}
    return render(request, "feedback/data_request_link_sent.html", context)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def data_request_confirm(request, token):
    try:
        link = data_request_link_open(token)
    except DataRequestError as error:
        used = getattr(error, "link", None)
        if (
            used is not None
            and used.data_request_id
            and data_request_remembered(request, used.data_request_id)
        ):
            # A second click in the browser that confirmed: its receipt.
            return redirect("feedback:data_request_receipt", pk=used.data_request_id)
        context = {"refused": str(error)}
        return render(request, "feedback/data_request_confirm.html", context, status=410)
    if request.method != "POST":
        context = {"link": link, "case_count": cases_by_contact(link.email).count()}
        return render(request, "feedback/data_request_confirm.html", context)
    try:
        data_request = data_request_link_confirm(token=token)
    except DataRequestError as error:
        context = {"refused": str(error)}
        return render(request, "feedback/data_request_confirm.html", context, status=410)
    data_request_remember(request, data_request)
    messages.success(request, _("Your request was received."))
    return redirect("feedback:data_request_receipt", pk=data_request.pk)
