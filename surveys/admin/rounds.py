"""Satisfaction surveys in the admin: rounds, their questions, the answers."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from measures.services import executive_acknowledge
from portal.lib.admin_acknowledge import ExecutiveAcknowledgementAdmin
from portal.lib.admin_dates import BuddhistEraDates
from portal.lib.admin_history import HistoryAdmin
from portal.lib.admin_inputs import NamedCells
from surveys import services
from surveys.admin.deletion import InlineRefusesDeletion, RefusesDeletion
from surveys.admin.paper import paper_key_in
from surveys.models import (
    Answer,
    Dimension,
    Item,
    OpenQuestion,
    Response,
    Survey,
)


def _answered_refusal(obj, answers):
    count = answers.count()
    if not count:
        return None
    return gettext(
        "“%(name)s” already has %(count)d answer(s), so it cannot be deleted: the "
        "survey's results would change. To ask without it, copy the survey to the "
        "next round and remove it there."
    ) % {"name": obj, "count": count}


def _dimension_refusal(dimension):
    """Why a dimension may not be deleted, inline in its survey or on its own page."""
    return _answered_refusal(dimension, Answer.objects.filter(item__dimension=dimension))


class DimensionInline(NamedCells, InlineRefusesDeletion, admin.TabularInline):
    model = Dimension
    fields = ["title", "position"]
    extra = 0
    show_change_link = True

    def deletion_refused(self, obj):
        return _dimension_refusal(obj)


class _AskedInline(NamedCells, InlineRefusesDeletion, admin.TabularInline):
    """A question or a statement: once answered, it stays (the results rest on it)."""

    fields = ["text", "position"]

    def deletion_refused(self, obj):
        return _answered_refusal(obj, obj.answers)


class OpenQuestionInline(_AskedInline):
    model = OpenQuestion
    extra = 0


@admin.register(Survey)
class SurveyAdmin(ExecutiveAcknowledgementAdmin, RefusesDeletion, BuddhistEraDates, HistoryAdmin):
    list_display = [
        "title",
        "mission_group",
        "round",
        "fiscal_year",
        "opens_on",
        "closes_on",
        "status",
        "response_count",
        "is_template",
    ]
    list_filter = ["is_template", "status", "round", "fiscal_year", "mission_group"]
    list_select_related = ["mission_group"]
    search_fields = ["title", "service", "slug"]
    date_hierarchy = "opens_on"
    autocomplete_fields = ["improvements", "clause"]
    readonly_fields = ["public_links"]
    inlines = [DimensionInline, OpenQuestionInline]
    actions = ["copy_to_new_round", "open_surveys", "close_surveys"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "mission_group", "clause", "service", "intro"]}),
        (
            _("Round"),
            {"fields": ["round", "fiscal_year", "opens_on", "closes_on", "status"]},
        ),
        (
            _("Questions and results"),
            {
                "fields": [
                    "band_scheme",
                    "results_public",
                    "publish_open_answers",
                    "ask_sex",
                    "ask_age_band",
                    "ask_occupation",
                    "ask_stakeholder_group",
                    "is_template",
                ]
            },
        ),
        (_("Findings used"), {"fields": ["improvements"]}),
        (
            _("Reported to the executives"),
            {"fields": ["acknowledged_by", "acknowledged_on", "acknowledgement_remark"]},
        ),
        (_("Public addresses and QR code"), {"fields": ["public_links"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_responses=Count("responses"))

    def get_urls(self):
        paper = path(
            "<path:object_id>/paper/",
            self.admin_site.admin_view(self.paper_view),
            name="surveys_survey_paper",
        )
        return [paper, *super().get_urls()]

    def paper_view(self, request, object_id):
        return paper_key_in(self, request, object_id)

    def acknowledge(self, obj, *, by, remark):
        executive_acknowledge(record=obj, by=by, remark=remark)

    def acknowledgement_refused(self, obj):
        if (
            obj.is_template
            or obj.status not in Survey.PUBLIC_STATUSES
            or not obj.responses.exists()
        ):
            return gettext("The round has no results yet to acknowledge.")
        return None

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj and obj.was_ever_public:
            # The answer page's URL is printed as a QR code at the counter.
            fields += ["slug"]
        return fields

    def deletion_refused(self, obj):
        count = obj.responses.count()
        if not count:
            return None
        return gettext(
            "“%(name)s” already has %(count)d answer sheet(s), so it cannot be deleted: "
            "its results are evidence of the agency's work. Close it to answers instead."
        ) % {"name": obj, "count": count}

    @admin.display(description=_("answers"), ordering="n_responses")
    def response_count(self, obj):
        return obj.n_responses

    @admin.display(description=_("links"))
    def public_links(self, obj):
        if not obj.pk or obj.is_template:
            return gettext("Save the survey (not a template) to get its address and QR code.")
        answer = reverse("surveys:survey_answer", kwargs={"slug": obj.slug})
        results = reverse("surveys:survey_results", kwargs={"slug": obj.slug})
        qr = reverse("surveys:survey_qr", kwargs={"slug": obj.slug})
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a><br>'
            '<img src="{}" width="180" height="180" alt="{}"><br><a href="{}" download>{}</a>',
            answer,
            gettext("answer page"),
            results,
            gettext("survey results"),
            qr,
            gettext("QR code leading to the answer page"),
            qr,
            gettext("Download the QR code (SVG) to print"),
        )

    @admin.action(description=_("Copy to the next round (draft)"))
    def copy_to_new_round(self, request, queryset):
        copies = []
        for survey in queryset:
            try:
                copies.append(services.survey_copy(survey=survey))
            except ValidationError as error:
                self.message_user(
                    request,
                    gettext("“%(title)s” was not copied: %(reason)s")
                    % {"title": survey.title, "reason": " ".join(error.messages)},
                    messages.ERROR,
                )
        if not copies:
            return None
        self.message_user(
            request,
            gettext(
                "%(count)d draft round(s) created for the next round, with its dates; "
                "check the title and dates, then open it."
            )
            % {"count": len(copies)},
            messages.SUCCESS,
        )
        if len(copies) == 1:
            return redirect("admin:surveys_survey_change", copies[0].pk)
        return None

    @admin.action(description=_("Open for answers"))
    def open_surveys(self, request, queryset):
        ready = queryset.filter(is_template=False, opens_on__isnull=False, closes_on__isnull=False)
        count = _status_set(ready, Survey.Status.OPEN)
        skipped = queryset.count() - count
        self.message_user(request, gettext("%(count)d survey(s) opened.") % {"count": count})
        if skipped:
            self.message_user(
                request,
                gettext("%(count)d template(s) or survey(s) without dates were not opened.")
                % {"count": skipped},
                messages.WARNING,
            )

    @admin.action(description=_("Close to answers"))
    def close_surveys(self, request, queryset):
        count = _status_set(queryset.filter(status=Survey.Status.OPEN), Survey.Status.CLOSED)
        self.message_user(request, gettext("%(count)d survey(s) closed.") % {"count": count})


def _status_set(surveys, status):
    """Open or close each survey with a save, so that its history records who
    did it and when (the round's dates of answering are evidence)."""
    surveys = list(surveys)
    for survey in surveys:
        survey.status = status
        survey.save(update_fields=["status"])
    return len(surveys)


class ItemInline(_AskedInline):
    model = Item
    extra = 1


@admin.register(Dimension)
class DimensionAdmin(RefusesDeletion, admin.ModelAdmin):
    list_display = ["title", "survey", "position"]
    list_select_related = ["survey"]
    list_filter = ["survey__is_template"]
    search_fields = ["title", "survey__title"]
    autocomplete_fields = ["survey"]
    inlines = [ItemInline]

    def deletion_refused(self, obj):
        return _dimension_refusal(obj)


@admin.register(Response)
class ResponseAdmin(BuddhistEraDates, admin.ModelAdmin):
    """Citizen-written: staff read, never edit."""

    list_display = [
        "pk",
        "survey",
        "submitted_at",
        "channel",
        "sheet_number",
        "stakeholder_group",
        "sex",
        "age_band",
    ]
    list_filter = ["survey", "channel", "stakeholder_group", "sex", "age_band", "occupation"]
    list_select_related = ["survey", "stakeholder_group"]
    date_hierarchy = "submitted_at"
    readonly_fields = [
        "survey",
        "submitted_at",
        "channel",
        "sheet_number",
        "keyed_in_by",
        "sex",
        "age_band",
        "occupation",
        "stakeholder_group",
        "answers_given",
    ]
    exclude = ["form_token"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("answers"))
    def answers_given(self, obj):
        scores = format_html_join(
            "",
            "<li>{}: {}</li>",
            obj.answers.select_related("item").values_list("item__text", "score"),
        )
        texts = format_html_join(
            "", "<li>{}: {}</li>", obj.open_answers.values_list("question__text", "text")
        )
        return format_html("<ul>{}{}</ul>", scores, texts)
