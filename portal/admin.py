from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from portal import admin_staff  # noqa: F401  (staff accounts and roles, permissions in Thai)
from portal.report import admin as report_admin  # noqa: F401  (registers the report admin)

admin.site.site_header = _("Participation portal administration")
admin.site.site_title = _("Participation portal")
admin.site.index_title = _("Staff work")
