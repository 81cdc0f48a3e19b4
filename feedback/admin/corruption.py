"""The corruption channel's own queue.

Who does what (the roles are in portal/lib/roles.py):
- the integrity officer works this queue (`feedback.work_corruption_queue`,
  held through the role: a superuser as such does not work it)
  and alone sees the reporter (`feedback.view_reporter_identity`);
- everyone who may view cases (triage, director, editors) may read it, with
  the reporter masked, but cannot add, move or answer a report.
"""

from django.contrib import admin

from feedback.admin.case import CaseAdmin
from feedback.admin.forms import StreamFilter
from feedback.models import Case, CorruptionReport
from feedback.services import WORK_CORRUPTION_QUEUE
from portal.lib import roles


@admin.register(CorruptionReport)
class CorruptionReportAdmin(CaseAdmin):
    list_filter = [f for f in CaseAdmin.list_filter if f is not StreamFilter]

    def get_queryset(self, request):
        return super(CaseAdmin, self).get_queryset(request).corruption()

    def stream_choices(self):
        return [c for c in Case.Stream.choices if c[0] == Case.Stream.CORRUPTION]

    def has_add_permission(self, request):
        works_the_queue = roles.holds_in_own_right(request.user, WORK_CORRUPTION_QUEUE)
        return super().has_add_permission(request) and works_the_queue

    def has_change_permission(self, request, obj=None):
        works_the_queue = roles.holds_in_own_right(request.user, WORK_CORRUPTION_QUEUE)
        return super().has_change_permission(request, obj) and works_the_queue

    def get_inline_instances(self, request, obj=None):
        inlines = super().get_inline_instances(request, obj)
        if obj is not None and not self.has_change_permission(request, obj):
            # Readers may add replies and notes elsewhere; not on a report they cannot work.
            for inline in inlines:
                inline.extra = inline.max_num = 0
        return inlines
