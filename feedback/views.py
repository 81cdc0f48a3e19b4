import logging

import segno
from django import db
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.sessions.backends.base import UpdateError
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from feedback import open_data
from feedback.forms import CaseSubmitForm, HoneypotForm
from feedback.models import (
    AccessRecord,
    Attachment,
    Case,
    FeedbackSettings,
    HandlingManual,
    ListeningChannel,
    access_record,
)
from feedback.services import (
    COMPLAINT_GROUP_LABELS,
    CaseAlreadyRegistered,
    case_receipt_mail,
    case_register,
    feedback_by_mission_group,
    feedback_statistics,
)
from feedback.storage import FILES_NOT_STORED, STORAGE_ERRORS
from measures.models import Policy
from portal.lib import roles, thai
from portal.lib.clients import client_over_limit
from portal.lib.error_reports import failure_summary
from portal.lib.outage import choices_freeze, connection_not_retried, form_check_now
from portal.lib.page_cache import public_page

logger = logging.getLogger(__name__)

RECEIPTS_SESSION_KEY = "feedback_receipts"
RECEIPT_COPIES_SESSION_KEY = "feedback_receipt_copies"
# Copies a browser may ask for beyond the one sent on filing: enough for a
# mail lost in a spam folder, too few to make the form a way to flood a mailbox.
RECEIPT_COPIES = 2


# The form comes back with what the citizen wrote (name, phone, the allegation):
# no browser or proxy may keep a copy, and each page carries a one-time token.
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def submit(request):
    return _case_submit(request, stream=None, template="feedback/case_form.html")


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def corruption_submit(request):
    return _case_submit(
        request, stream=Case.Stream.CORRUPTION, template="feedback/case_form_corruption.html"
    )


def _case_context(stream):
    return {
        "config": FeedbackSettings.objects.current(),
        "privacy": Policy.objects.privacy_notice(),
        "grounds": Case.Ground.choices,
        "is_corruption": stream == Case.Stream.CORRUPTION,
    }


# The conditions of acceptance are the same page for every citizen; the form
# that follows them carries a one-time token and is never kept.
@public_page
def _acceptance(request, *, stream):
    return render(request, "feedback/case_acceptance.html", _case_context(stream))


def _case_submit(request, *, stream, template):
    if request.method != "POST":
        if "accepted" not in request.GET:
            return _acceptance(request, stream=stream)
        context = _case_context(stream)
        form = CaseSubmitForm(stream=stream, privacy=context["privacy"])
        return render(request, template, context | {"form": form, "trap": HoneypotForm()})

    trap = HoneypotForm(request.POST)
    form = None
    try:
        context = _case_context(stream)
        form = CaseSubmitForm(
            request.POST, request.FILES, stream=stream, privacy=context["privacy"]
        )
        return _case_store(request, template, context | {"form": form, "trap": trap})
    except (db.Error, *STORAGE_ERRORS) as error:
        # The database away or restarting, the upload folder full or read-only:
        # the case's rows and files were rolled back together (case_register).
        logger.error("case could not be stored: %s", failure_summary(error))
        if isinstance(error, STORAGE_ERRORS):
            refusal = FILES_NOT_STORED
        else:
            refusal = _(
                "We could not store your case just now; nothing was saved. Please send it again."
            )
        messages.error(request, refusal)
        with connection_not_retried():
            form = form or CaseSubmitForm(request.POST, request.FILES, stream=stream)
            return _form_refused(request, template, stream=stream, form=form, trap=trap)


def _case_store(request, template, context):
    form, trap = context["form"], context["trap"]
    too_many_attempts = _(
        "Too many attempts from this connection. Please try again in an hour; "
        "your text is still below."
    )
    if client_over_limit(
        request,
        scope="feedback:attempt",
        limit=settings.FEEDBACK_ATTEMPT_LIMIT,
        message=too_many_attempts,
    ):
        return _form_again(request, template, context, status=429)
    if trap.is_valid() and trap.cleaned_data["website"]:
        messages.error(
            request, _("Your message could not be accepted. Please leave the hidden field empty.")
        )
        return _form_again(request, template, context, status=400)
    if not form.is_valid():
        messages.error(request, _("Please correct the items marked below; what you wrote is kept."))
        return _form_again(request, template, context)

    fields = form.case_fields()
    privacy = context["privacy"]
    fields["privacy_notice_version"] = privacy.version if privacy else ""
    # A form sent again is shown its receipt before the limit below counts
    # it: it is not a new case (case_register would refuse it anyway).
    existing = _case_by_token(fields["submission_token"])
    if existing:
        return _receipt_redirect(request, existing, duplicate=True)
    # Counted here, once the case is about to be stored: a form sent back for
    # correction is not a case.
    too_many_cases = _(
        "Too many cases from this connection. Please try again in an hour; "
        "your text is still below."
    )
    if client_over_limit(
        request,
        scope="feedback:submit",
        limit=settings.FEEDBACK_SUBMIT_LIMIT,
        message=too_many_cases,
    ):
        return _form_again(request, template, context, status=429)
    try:
        case = case_register(
            case_fields=fields,
            reporter_fields=form.reporter_fields(),
            uploads=form.cleaned_data["attachments"],
        )
    except CaseAlreadyRegistered:
        # The same form sent twice at once: its twin stored the case first.
        return _receipt_redirect(
            request, _case_by_token(fields["submission_token"]), duplicate=True
        )
    case.attachment_count = len(form.cleaned_data["attachments"])
    return _receipt_redirect(request, case, duplicate=False)


def _form_refused(request, template, *, stream, form, trap):
    """The form back after a failure, even when the database cannot be reached:
    then with the usual time limits and without the list of mission groups."""
    try:
        context = _case_context(stream)
    except db.Error:
        context = {
            "config": FeedbackSettings(),
            "privacy": None,
            "grounds": Case.Ground.choices,
            "is_corruption": stream == Case.Stream.CORRUPTION,
        }
    form_check_now(form)
    choices_freeze(form.fields["mission_group"])
    return _form_again(request, template, context | {"form": form, "trap": trap}, status=503)


def _form_again(request, template, context, *, status=200):
    """The form sent back with what the citizen wrote. A browser never fills a
    file input in again and nothing is stored for a refused form, so the files
    that came with it are named, beside the field and at the top, to be
    attached again: otherwise the photo is lost without a word."""
    names = [upload.name for upload in request.FILES.getlist("attachments")]
    if names:
        messages.warning(
            request,
            _("The files you attached were not kept: %(files)s. Please attach them again.")
            % {"files": ", ".join(names)},
        )
        field = context["form"]["attachments"]
        described_by = f"attach-again {field.auto_id}_helptext"
        field.field.widget.attrs["aria-describedby"] = described_by
        context = context | {"files_to_attach_again": names}
    return render(request, template, context, status=status)


def _receipt_redirect(request, case, *, duplicate):
    """The receipt, for the first sending and for its twin alike: whoever holds
    the form's one-time token sent this case, and a double tap must not leave
    the citizen on a page without their tracking code."""
    if duplicate:
        messages.info(request, _("This form was already sent; the case was recorded once."))
    else:
        messages.success(request, _("Thank you. We have received your case."))
    try:
        receipts = request.session.get(RECEIPTS_SESSION_KEY, [])
        if case.pk not in receipts:
            request.session[RECEIPTS_SESSION_KEY] = [*receipts, case.pk][-10:]
            # Saved here, not only after the view (which saves nothing new
            # then, and sends the cookie): the case is stored, and a database
            # lost at this instant must not answer it with an error.
            request.session.save()
    except (db.Error, UpdateError):
        logger.warning("receipt of case %s shown without the session", case.pk, exc_info=True)
        request.session.modified = False
        return _receipt_page(request, case)
    return redirect("feedback:receipt", pk=case.pk)


def _case_by_token(token):
    """The case a form with this one-time token stored, ready for its receipt."""
    return _receipt_cases().filter(submission_token=token).first()


def _receipt_cases():
    # The receipt page renders without querying, so that it can be shown
    # with the database gone just after the case was stored.
    return Case.objects.select_related("reporter").annotate(attachment_count=Count("attachments"))


def _receipt_page(request, case):
    return render(
        request, "feedback/case_receipt.html", {"case": case, "track_qr": tracking_qr_svg(case)}
    )


@never_cache
@require_safe
def receipt(request, pk):
    receipts = request.session.get(RECEIPTS_SESSION_KEY, [])
    if getattr(request.session, "unreadable", False):
        # Reached just after the case was stored, with the database away
        # since: the code is not lost, it shows once the page is reloaded.
        return render(request, "feedback/case_receipt_later.html", status=503)
    # Only the browser that filed the case may see its code again.
    if pk not in receipts:
        raise Http404
    return _receipt_page(request, get_object_or_404(_receipt_cases(), pk=pk))


@require_http_methods(["POST"])
def receipt_mail(request, pk):
    """Another copy of the receipt, to the address the citizen gave and no other."""
    if pk not in request.session.get(RECEIPTS_SESSION_KEY, []):
        raise Http404
    case = get_object_or_404(Case.objects.select_related("reporter"), pk=pk)
    if not getattr(getattr(case, "reporter", None), "email", ""):
        raise Http404
    copies = request.session.get(RECEIPT_COPIES_SESSION_KEY, {})
    sent = copies.get(str(pk), 0)
    if sent >= RECEIPT_COPIES:
        messages.warning(
            request,
            _("The receipt has already been sent again; please look in the junk (spam) folder."),
        )
    else:
        request.session[RECEIPT_COPIES_SESSION_KEY] = copies | {str(pk): sent + 1}
        case_receipt_mail(case=case)
        messages.success(request, _("A copy of the receipt is on its way to your e-mail."))
    return redirect("feedback:receipt", pk=case.pk)


def tracking_qr_svg(case):
    """A QR code that opens the tracking page with the code filled in (scanned
    from the printed receipt or another phone's screen)."""
    svg = segno.make(case.tracking_link, error="m").svg_inline(
        scale=4, border=2, title=_("Tracking page QR code")
    )
    # segno writes the markup itself and escapes the address and the title.
    return mark_safe(svg)


@require_safe
def statistics(request):
    return redirect("feedback:statistics_year", fiscal_year=thai.FiscalYear.current().be_year)


@require_safe
@public_page
def statistics_year(request, fiscal_year):
    year = open_data.statistics_year(fiscal_year)
    full = feedback_statistics(period=year.period)
    first_half = feedback_statistics(period=year.first_half)
    groups = [
        {
            "key": key,
            "label": label,
            "months": [(row["month"], row[key]) for row in full["months"]],
            "first_half": first_half["totals"][key],
            "year": full["totals"][key],
        }
        for key, label in COMPLAINT_GROUP_LABELS.items()
    ]
    return render(
        request,
        "feedback/statistics_year.html",
        {
            "year": year,
            "stats": full,
            "groups": groups,
            "by_mission_group": feedback_by_mission_group(period=year.period),
            "channels": ListeningChannel.objects.published()
            .open_during(year.period)
            .select_related("mission_group"),
            "years": open_data.listed_years(),
            "counted_at": timezone.now(),
            "data_dictionary": open_data.dictionary(),
            "licence": open_data.LICENCE,
        },
    )


@require_safe
@public_page
def manual(request):
    """The version in effect today, at an address that always shows the current one."""
    manual = HandlingManual.objects.current()
    if manual is None:
        raise Http404
    return _manual_render(request, manual, current=manual)


@require_safe
@public_page
def manual_version(request, version):
    """One version at its permanent address, current or replaced (ITA evidence)."""
    manual = get_object_or_404(HandlingManual.objects.in_effect(), version=version)
    return _manual_render(request, manual, current=HandlingManual.objects.current())


def _manual_render(request, manual, *, current):
    versions = HandlingManual.objects.in_effect().only("version", "title", "effective_on")
    return render(
        request,
        "feedback/manual_detail.html",
        {
            "manual": manual,
            "current": current,
            "versions": versions,
            "channels": Case.Channel,
        },
    )


@staff_member_required
@require_safe
def attachment(request, pk):
    if not request.user.has_perm(roles.VIEW_CASE):
        raise PermissionDenied
    # A sealed report's files are unknown to everyone but the integrity role.
    visible = Attachment.objects.filter(case__in=Case.objects.visible_to(request.user))
    item = get_object_or_404(visible.select_related("case"), pk=pk)
    # Files may show who complained: only those who may see the complainant.
    if not item.case.reporter_visible_to(request.user):
        raise PermissionDenied
    access_record(request=request, action=AccessRecord.Action.DOWNLOAD, cases=[item.case])
    try:
        handle = item.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle, content_type=item.content_type, as_attachment=True, filename=item.original_name
    )
    response["Cache-Control"] = "private, no-store"
    return response
