"""Working groups in the admin: rosters, meetings, attendance."""

from django import forms
from django.contrib import admin, messages
from django.db.models import Q
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.lib.admin_dates import BuddhistEraDates
from portal.lib.admin_history import HistoryAdmin
from portal.lib.admin_inputs import NamedCells, NamedInputs
from surveys import services
from surveys.admin.deletion import InlineRefusesDeletion, RefusesDeletion
from surveys.admin.findings import FindingInline
from surveys.models import Attendance, Meeting, Membership, WorkingGroup


def _attended_refusal(member):
    if not member.attendances.exists():
        return None
    return gettext(
        "%(name)s is on the attendance list of recorded meetings, so the member cannot "
        "be deleted: those meetings' attendance would change. Enter the day they left "
        "instead."
    ) % {"name": member.name}


class MembershipInline(InlineRefusesDeletion, BuddhistEraDates, admin.StackedInline):
    # Stacked, three short lines a member: as a table the seven columns were
    # half as wide again as the page at 1280 px, dates and consent off screen.
    model = Membership
    fields = [
        ("name", "role"),
        ("stakeholder_group", "affiliation"),
        ("started_on", "ended_on", "publish_name"),
    ]
    extra = 0

    def deletion_refused(self, obj):
        return _attended_refusal(obj)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "stakeholder_group":
            field.widget = forms.Select()  # no add/change links beside each member's select
            # Read once for the whole formset: each member's select would
            # otherwise query the stakeholder types again.
            field.choices = list(field.choices)
        return field


class RosterProblemFilter(admin.SimpleListFilter):
    title = _("roster problems")
    parameter_name = "problem"

    def lookups(self, request, model_admin):
        return [
            ("any", _("any problem")),
            ("unreplaced", _("a member left and nobody was appointed in their place")),
            ("chair", _("no chair")),
            ("secretary", _("no secretary")),
            ("external", _("no external stakeholders")),
        ]

    def queryset(self, request, queryset):
        conditions = {
            "unreplaced": Q(members_unreplaced__gt=0),
            "chair": Q(chairs=0),
            "secretary": Q(secretaries=0),
            "external": Q(externals=0),
        }
        if self.value() == "any":
            condition = Q()
            for part in conditions.values():
                condition |= part
            return queryset.filter(condition)
        if self.value() in conditions:
            return queryset.filter(conditions[self.value()])
        return queryset


@admin.register(WorkingGroup)
class WorkingGroupAdmin(NamedInputs, BuddhistEraDates, HistoryAdmin):
    list_display = [
        "name",
        "kind",
        "mission_group",
        "order_number",
        "term_start",
        "term_end",
        "members_current",
        "roster_flags",
        "is_published",
    ]
    list_filter = [RosterProblemFilter, "kind", "mission_group", "is_published"]
    list_select_related = ["mission_group"]
    search_fields = ["name", "purpose", "order_number", "memberships__name"]
    date_hierarchy = "term_start"
    autocomplete_fields = ["clauses"]
    inlines = [MembershipInline]

    def get_queryset(self, request):
        return super().get_queryset(request).with_roster()

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            obj.kind_as_stored = obj.kind
        return obj

    def get_inlines(self, request, obj):
        # A monitoring committee records what it found on the improvements it
        # follows up; an ordinary working group has nothing to record there.
        # The kind as stored decides: the form that turns a group into a
        # committee did not show the findings, so its POST has none to read.
        if (
            obj is not None
            and getattr(obj, "kind_as_stored", obj.kind) == obj.Kind.MONITORING_COMMITTEE
        ):
            return [*self.inlines, FindingInline]
        return self.inlines

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj and obj.was_ever_public:
            # The public page's URL is ITA evidence; assessors open it months later.
            fields += ["slug"]
        return fields

    @admin.display(description=_("members in office"), ordering="members_current")
    def members_current(self, obj):
        return obj.members_current

    @admin.display(description=_("needs attention"))
    def roster_flags(self, obj):
        warnings = obj.roster_warnings()
        if not warnings:
            return "–"
        return format_html(
            '<strong class="errornote">{}</strong>', ", ".join(str(w) for w in warnings)
        )


@admin.register(Membership)
class MembershipAdmin(RefusesDeletion, BuddhistEraDates, HistoryAdmin):
    list_display = [
        "name",
        "role",
        "working_group",
        "stakeholder_group",
        "started_on",
        "ended_on",
        "publish_name",
    ]
    list_filter = ["role", "stakeholder_group", "publish_name", "working_group__mission_group"]
    list_select_related = ["working_group", "stakeholder_group"]
    search_fields = ["name", "affiliation", "working_group__name"]
    autocomplete_fields = ["working_group"]
    readonly_fields = ["consent_recorded_at"]

    def deletion_refused(self, obj):
        return _attended_refusal(obj)


class AttendanceInline(NamedCells, admin.TabularInline):
    model = Attendance
    fields = ["membership", "present", "note"]
    extra = 0

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "membership":
            meeting_id = request.resolver_match.kwargs.get("object_id")
            if meeting_id:
                kwargs["queryset"] = Membership.objects.filter(
                    working_group__meetings=meeting_id
                ).select_related("working_group")
            else:
                kwargs["queryset"] = Membership.objects.select_related("working_group")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Meeting)
class MeetingAdmin(NamedInputs, BuddhistEraDates, HistoryAdmin):
    list_display = ["working_group", "number", "held_on", "place", "present", "quorum"]
    list_filter = ["working_group__mission_group", "working_group"]
    list_select_related = ["working_group"]
    search_fields = ["working_group__name", "agenda", "place"]
    date_hierarchy = "held_on"
    autocomplete_fields = ["working_group"]
    inlines = [AttendanceInline]

    def get_queryset(self, request):
        return super().get_queryset(request).with_attendance()

    @admin.display(description=_("present"))
    def present(self, obj):
        return f"{obj.present}/{obj.members_in_office}"

    @admin.display(description=_("quorum met"), boolean=True)
    def quorum(self, obj):
        return obj.quorum_met

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        added = services.meeting_attendance_prefill(meeting=form.instance)
        if added:
            self.message_user(
                request,
                gettext(
                    "%(count)d member(s) added to the attendance list as absent: tick who came."
                )
                % {"count": added},
                messages.INFO,
            )
