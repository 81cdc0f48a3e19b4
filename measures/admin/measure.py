"""Admin of measures: drafting, importing, approval, publication and superseding."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from measures import services
from measures.admin.clauses import ClauseInline
from measures.admin.importing import MeasureImportViews
from measures.forms import MeasureSupersedeForm
from measures.models import Clause, Measure
from portal.lib import rendering, roles
from portal.lib.admin_dates import BuddhistEraDates
from portal.lib.admin_history import HistoryAdmin


@admin.register(Measure)
class MeasureAdmin(BuddhistEraDates, MeasureImportViews, HistoryAdmin):
    list_display = ["title", "slug", "announced_on", "status", "approved_by", "published_at"]
    list_filter = ["status", "fiscal_year_from"]
    list_select_related = ["approved_by"]
    search_fields = ["title", "agency_name", "preamble", "slug"]
    date_hierarchy = "announced_on"
    inlines = [ClauseInline]
    filter_horizontal = ["mission_groups"]
    readonly_fields = [
        "status",
        "approved_by",
        "approved_at",
        "published_at",
        "ended_at",
        "superseded_by",
        "supersede_link",
    ]
    actions = ["approve", "publish", "supersede", "archive"]
    change_list_template = "admin/measures/measure/change_list.html"
    fieldsets = [
        (None, {"fields": ["agency_name", "title", "slug", "preamble", "closing"]}),
        (
            _("Signature"),
            {"fields": ["announced_on", "signatory_name", "signatory_position", "footer"]},
        ),
        (
            _("Scope"),
            {"fields": ["fiscal_year_from", "fiscal_year_to", "mission_groups", "thai_digits"]},
        ),
        (
            _("Workflow"),
            {
                "fields": [
                    "status",
                    "approved_by",
                    "approved_at",
                    "published_at",
                    "ended_at",
                    "superseded_by",
                    "supersede_link",
                ]
            },
        ),
        (_("Imported text"), {"classes": ["collapse"], "fields": ["source_text"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj and obj.was_ever_public:
            # The URL is ITA evidence; the signed text is what was announced:
            # to change it, publish a new measure and supersede this one.
            fields += ["slug", "source_text", *Measure.SIGNED_FIELDS]
        return fields

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if (
            change
            and _signed_text_changed(form, formsets)
            and services.measure_content_changed(measure=form.instance, by=request.user)
        ):
            self.message_user(
                request,
                _(
                    "The text was changed after approval, so the measure is a draft again: "
                    "the director must approve it again before it is published."
                ),
                messages.WARNING,
            )

    @admin.display(description=_("supersede"))
    def supersede_link(self, obj):
        if obj.pk is None:
            return "-"
        if obj.status == Measure.Status.PUBLISHED:
            return format_html(
                '<a href="{}">{}</a>',
                reverse("admin:measures_measure_supersede", args=[obj.pk]),
                _("Replace it with a newer published measure…"),
            )
        if obj.status in (Measure.Status.SUPERSEDED, Measure.Status.ARCHIVED):
            return format_html(
                '<a href="{}">{}</a>',
                reverse("admin:measures_measure_restore", args=[obj.pk]),
                _("Put it back in force…"),
            )
        return "-"

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.was_ever_public:
            return False
        return super().has_delete_permission(request, obj)

    def view_on_site(self, obj):
        # A draft has no public page yet (it answers 404); its PDF preview does.
        return obj.get_absolute_url() if obj.is_public else None

    def get_urls(self):
        custom = [
            path(
                "<path:object_id>/supersede/",
                self.admin_site.admin_view(self.supersede_view),
                name="measures_measure_supersede",
            ),
            path(
                "<path:object_id>/restore/",
                self.admin_site.admin_view(self.restore_view),
                name="measures_measure_restore",
            ),
            path(
                "<path:object_id>/pdf-preview/",
                self.admin_site.admin_view(self.pdf_preview_view),
                name="measures_measure_pdf_preview",
            ),
        ]
        return custom + super().get_urls()

    def _measure_or_404(self, request, object_id, *, permission):
        measure = self.get_object(request, unquote(object_id))
        if measure is None:
            raise Http404
        if not permission(request, measure):
            raise PermissionDenied
        return measure

    def _page(self, request, template, **context):
        context = self.admin_site.each_context(request) | {"opts": self.model._meta} | context
        return TemplateResponse(request, f"admin/measures/measure/{template}", context)

    def supersede_view(self, request, object_id):
        """Choose the successor, read both measures side by side, then confirm."""
        measure = self._measure_or_404(request, object_id, permission=self.has_change_permission)
        form = MeasureSupersedeForm(request.POST or None, measure=measure)
        confirming = False
        if request.method == "POST" and form.is_valid():
            successor = form.cleaned_data["successor"]
            if "confirm" not in request.POST:
                confirming = True
            else:
                try:
                    services.measure_supersede(measure=measure, successor=successor)
                except ValidationError as error:
                    form.add_error(None, ValidationError(error.messages))
                else:
                    self.message_user(
                        request,
                        _(
                            "“%(old)s” is now superseded by “%(new)s”; its page links to "
                            "the new one."
                        )
                        % {"old": measure.slug, "new": successor.slug},
                        messages.SUCCESS,
                    )
                    return redirect("admin:measures_measure_change", measure.pk)
        return self._page(
            request,
            "supersede.html",
            title=_("Confirm the supersession") if confirming else _("Supersede a measure"),
            form=form,
            measure=measure,
            confirming=confirming,
            successor=form.cleaned_data["successor"] if confirming else None,
        )

    def restore_view(self, request, object_id):
        measure = self._measure_or_404(request, object_id, permission=self.has_change_permission)
        error = None
        if request.method == "POST":
            try:
                services.measure_restore(measure=measure, by=request.user)
            except ValidationError as refused:
                error = " ".join(refused.messages)
            else:
                self.message_user(
                    request,
                    _("“%(slug)s” is in force again; the change is recorded in its history.")
                    % {"slug": measure.slug},
                    messages.SUCCESS,
                )
                return redirect("admin:measures_measure_change", measure.pk)
        return self._page(
            request,
            "restore.html",
            title=_("Put a measure back in force"),
            measure=measure,
            error=error,
        )

    def pdf_preview_view(self, request, object_id):
        """The official layout of a measure not yet published, marked ร่าง, for
        the director to read before approving (the public PDF stays 404).
        The worker typesets it; this page shows how far it is, then the file."""
        measure = self._measure_or_404(request, object_id, permission=self.has_view_permission)
        if measure.is_public:
            return redirect(measure.get_pdf_url())
        printout = services.measure_print_request(measure=measure)
        if "status" in request.GET:
            return rendering.rendering_status_response(printout)
        if printout.is_stored:
            return rendering.rendering_file_response(
                printout, filename=f"measure-{measure.slug}-draft.pdf", private=True
            )
        url = reverse("admin:measures_measure_pdf_preview", args=[measure.pk])
        waiting = self._page(
            request,
            "pdf_preview.html",
            title=_("PDF preview"),
            measure=measure,
            progress=rendering.rendering_progress(printout),
            file_url=url,
            status_url=f"{url}?status=1",
        )
        waiting.status_code = 202  # accepted, not ready yet
        return waiting

    def _run(self, request, queryset, action, done_message):
        done = 0
        for measure in queryset:
            try:
                action(measure)
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, f"{measure}: {_flat(error)}", messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(request, done_message % {"count": done}, messages.SUCCESS)

    def has_approve_permission(self, request):
        return roles.may_approve_with(request.user, roles.APPROVE_MEASURE)

    @admin.action(description=_("Approve the selected drafts"), permissions=["approve"])
    def approve(self, request, queryset):
        self._run(
            request,
            queryset,
            lambda m: services.measure_approve(measure=m, by=request.user),
            _("%(count)s measure(s) approved."),
        )

    @admin.action(description=_("Publish the selected approved measures"), permissions=["change"])
    def publish(self, request, queryset):
        self._run(
            request,
            queryset,
            lambda m: services.measure_publish(measure=m, by=request.user),
            _("%(count)s measure(s) published."),
        )

    @admin.action(description=_("Supersede the selected measure…"), permissions=["change"])
    def supersede(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(
                request, _("Select exactly one measure to supersede."), messages.ERROR
            )
            return None
        return redirect("admin:measures_measure_supersede", queryset.get().pk)

    @admin.action(description=_("Archive the selected measures"), permissions=["change"])
    def archive(self, request, queryset):
        self._run(
            request,
            queryset,
            lambda m: services.measure_archive(measure=m),
            _("%(count)s measure(s) archived."),
        )


def _flat(error):
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


def _same_text(before, after):
    # Browsers send new lines as CR LF; stored text from the importer has LF.
    if isinstance(before, str) and isinstance(after, str):
        return before.replace("\r\n", "\n").strip() == after.replace("\r\n", "\n").strip()
    return before == after


def _changed_fields(form, names):
    return [
        name
        for name in form.changed_data
        if name in names and not _same_text(form.initial.get(name), form.cleaned_data.get(name))
    ]


def _signed_text_changed(form, formsets):
    """Whether a save changed what the director signs: the measure's signed
    fields or its clauses (added, removed, reordered or reworded)."""
    if _changed_fields(form, Measure.SIGNED_FIELDS):
        return True
    clause_text = ["position", "kind", "label", "text"]
    for formset in formsets:
        if formset.model is not Clause:
            continue
        if formset.deleted_forms:
            return True
        for clause_form in formset.forms:
            if clause_form in formset.deleted_forms or not clause_form.has_changed():
                continue
            if clause_form.instance._state.adding or _changed_fields(clause_form, clause_text):
                return True
    return False
