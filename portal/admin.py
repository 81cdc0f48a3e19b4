from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from portal import admin_staff  # noqa: F401  (staff accounts and roles, permissions in Thai)
from portal.lib.queue import task_results_visible_to
from portal.report import admin as report_admin  # noqa: F401  (registers the report admin)
from portal.staff_changes import admin as staff_changes_admin  # noqa: F401

# django-otp's device pages: guarded like the roles they protect, dates in the Buddhist Era.
from portal.staff_changes import device_admin  # noqa: F401

admin.site.site_header = _("Participation portal administration")
admin.site.site_title = _("Participation portal")
admin.site.index_title = _("Staff work")


class TaskResultAdmin(DBTaskResultAdmin):
    """The task queue as the library shows it, less the sealed queue for all
    but the integrity role."""

    def get_queryset(self, request):
        return task_results_visible_to(super().get_queryset(request), request.user)


admin.site.unregister(DBTaskResult)
admin.site.register(DBTaskResult, TaskResultAdmin)
