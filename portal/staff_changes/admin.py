"""The directors' page of held changes, and the record nobody edits."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.lib import roles
from portal.lib.admin_dates import BuddhistEraDates
from portal.lib.admin_inlines import RecordAdmin
from portal.staff_changes.models import RoleChange, RoleChangeRecord
from portal.staff_changes.services import ChangeNotAllowed, role_change_decide


def may_read_guarded_changes(user):
    return roles.in_role(user, roles.DIRECTOR) or roles.in_role(user, roles.INTEGRITY_OFFICER)


@admin.register(RoleChange)
class RoleChangeAdmin(BuddhistEraDates, RecordAdmin, admin.ModelAdmin):
    """Directors confirm or refuse here; the integrity officers read along, and
    whoever manages staff accounts follows what they proposed."""

    list_display = ["__str__", "proposed_by", "proposed_at", "status", "decided_by", "decided_at"]
    list_filter = ["status", "kind"]
    list_select_related = ["user", "group", "proposed_by", "decided_by"]
    fields = [
        "kind",
        "user",
        "group",
        "device_name",
        "new_value",
        "proposed_by",
        "proposed_at",
        "status",
        "decided_by",
        "decided_at",
    ]
    actions = ["confirm", "refuse"]

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_view_permission(self, request, obj=None):
        user = request.user
        return may_read_guarded_changes(user) or user.has_perm("auth.change_user")

    def has_decide_permission(self, request):
        return roles.in_role(request.user, roles.DIRECTOR)

    def _decide(self, request, queryset, *, confirm):
        done = 0
        for change in queryset:
            try:
                role_change_decide(request=request, change=change, confirm=confirm)
                done += 1
            except ChangeNotAllowed as refusal:
                self.message_user(request, f"{change}: {refusal}", messages.ERROR)
        if done:
            text = (
                ngettext(
                    "%d change confirmed and applied.", "%d changes confirmed and applied.", done
                )
                if confirm
                else ngettext("%d change refused.", "%d changes refused.", done)
            )
            self.message_user(request, text % done, messages.SUCCESS)

    @admin.action(description=_("Confirm the selected changes"), permissions=["decide"])
    def confirm(self, request, queryset):
        self._decide(request, queryset, confirm=True)

    @admin.action(description=_("Refuse the selected changes"), permissions=["decide"])
    def refuse(self, request, queryset):
        self._decide(request, queryset, confirm=False)


@admin.register(RoleChangeRecord)
class RoleChangeRecordAdmin(BuddhistEraDates, RecordAdmin, admin.ModelAdmin):
    list_display = ["at", "actor", "event", "kind", "subject", "detail", "client_address"]
    list_filter = ["event", "kind"]
    search_fields = ["subject", "actor__username", "detail"]
    date_hierarchy = "at"
    list_select_related = ["actor"]

    def has_module_permission(self, request):
        return may_read_guarded_changes(request.user)

    def has_view_permission(self, request, obj=None):
        return may_read_guarded_changes(request.user)
