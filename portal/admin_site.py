"""The staff admin site: Django's own, with the app list built once per kind
of staff member instead of on every page.

Every admin page shows the nav sidebar, whose list of apps and models Django
builds afresh per request (`AdminSite._build_app_dict`): some 36 module and
26 model permission checks, each through every auth backend, ~45 `reverse()`
calls and a translated name per model — 6-8 ms of a 40 ms case list, twice on
the index. Yet the list is the same for everyone whose answers to those
checks are the same, so it is kept, in this process, under a key naming
everything the answers depend on (`_app_list_key`):

- the user's standing: is_active, is_staff, is_superuser;
- every permission the user holds (`get_all_permissions()`; an active
  superuser holds them all without a lookup, as `has_perm` answers);
- the names of the user's groups: the roles' own checks
  (`portal.lib.roles.in_role`) read membership, not permissions;
- the language (model names, the order they are sorted in), the script
  prefix and URLconf (the links), the app the page asks for;
- the answers of the admins that depend on something else, asked again on
  every request (see the audit below).

A permission granted or taken away, in a group or on the account, a group
joined or left, the superuser flag: each gives another key on the very next
request. Registering or unregistering an admin forgets every kept list.

The audit: every ModelAdmin registered on the site that overrides one of the
permission methods the list asks (`LIST_PERMISSION_METHODS`), and what its
answer for the list (no object) depends on. An override not written here is
asked on every request, so a new one is never kept wrongly; its test
(tests/portal/test_admin_app_list.py) fails until it is audited here.
"""

from types import MappingProxyType

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.options import BaseModelAdmin, ModelAdmin
from django.template.defaultfilters import urlencode
from django.urls import get_script_prefix, get_urlconf
from django.utils import translation
from django.utils.safestring import mark_safe

from portal.lib import roles
from portal.lib.kept_in_process import KeptInProcess

LIST_PERMISSION_METHODS = (
    "has_module_permission",
    "get_model_perms",
    "has_view_permission",
    "has_add_permission",
    "has_change_permission",
    "has_delete_permission",
    "has_view_or_change_permission",
)

# Overrides whose answer, without an object, follows from the key alone.
CONSTANT = "always the same answer"
PERMISSIONS = "the user's permissions (then Django's own check)"
GROUPS = "group membership (portal.lib.roles), then the permissions"
OBJECT_ONLY = "differs only for an object; without one, Django's own check"
KEYED = {
    "axes.admin.AccessAttemptAdmin.has_add_permission": CONSTANT,
    "axes.admin.AccessFailureLogAdmin.has_add_permission": CONSTANT,
    "axes.admin.AccessLogAdmin.has_add_permission": CONSTANT,
    "django_tasks_db.admin.DBTaskResultAdmin.has_add_permission": CONSTANT,
    "django_tasks_db.admin.DBTaskResultAdmin.has_change_permission": CONSTANT,
    "django_tasks_db.admin.DBTaskResultAdmin.has_delete_permission": CONSTANT,
    "feedback.admin.case.CaseAdmin.has_delete_permission": CONSTANT,
    "feedback.admin.config.FeedbackSettingsAdmin.has_delete_permission": CONSTANT,
    "feedback.admin.config.HandlingManualAdmin.has_change_permission": OBJECT_ONLY,
    "feedback.admin.config.HandlingManualAdmin.has_delete_permission": CONSTANT,
    "feedback.admin.corruption.AccessRecordAdmin.has_module_permission": GROUPS,
    "feedback.admin.corruption.AccessRecordAdmin.has_view_permission": GROUPS,
    "feedback.admin.corruption.CorruptionReportAdmin.has_add_permission": GROUPS,
    "feedback.admin.corruption.CorruptionReportAdmin.has_change_permission": GROUPS,
    "feedback.admin.corruption.CorruptionReportAdmin.has_module_permission": GROUPS,
    "feedback.admin.corruption.CorruptionReportAdmin.has_view_permission": GROUPS,
    "feedback.admin.data_request.DataRequestAdmin.has_add_permission": GROUPS,
    "feedback.admin.data_request.DataRequestAdmin.has_change_permission": GROUPS,
    "feedback.admin.data_request.DataRequestAdmin.has_delete_permission": CONSTANT,
    "feedback.admin.data_request.DataRequestAdmin.has_module_permission": GROUPS,
    "feedback.admin.data_request.DataRequestAdmin.has_view_permission": GROUPS,
    "measures.admin.activity.ActivityAdmin.has_delete_permission": OBJECT_ONLY,
    "measures.admin.agency.AgencyAdmin.has_delete_permission": CONSTANT,
    "measures.admin.agency.PolicyAdmin.has_delete_permission": CONSTANT,
    "measures.admin.clauses.ClauseAdmin.has_module_permission": CONSTANT,
    "measures.admin.measure.MeasureAdmin.has_delete_permission": OBJECT_ONLY,
    "measures.admin.summary.PlannedItemAdmin.has_add_permission": CONSTANT,
    "portal.admin_staff.RoleGroupAdmin.has_delete_permission": OBJECT_ONLY,
    "portal.admin_staff.StaffUserAdmin.has_delete_permission": OBJECT_ONLY,
    "portal.lib.admin_inlines.RecordAdmin.has_add_permission": CONSTANT,
    "portal.lib.admin_inlines.RecordAdmin.has_change_permission": CONSTANT,
    "portal.lib.admin_inlines.RecordAdmin.has_delete_permission": CONSTANT,
    "portal.report.admin.AnnualReportVersionAdmin.has_add_permission": CONSTANT,
    "portal.report.admin.AnnualReportVersionAdmin.has_delete_permission": CONSTANT,
    "portal.staff_changes.admin.RoleChangeAdmin.has_module_permission": GROUPS,
    "portal.staff_changes.admin.RoleChangeAdmin.has_view_permission": GROUPS,
    "portal.staff_changes.admin.RoleChangeRecordAdmin.has_module_permission": GROUPS,
    "portal.staff_changes.admin.RoleChangeRecordAdmin.has_view_permission": GROUPS,
    "portal.staff_changes.device_admin.GuardedDevices.has_change_permission": OBJECT_ONLY,
    "simple_history.admin.SimpleHistoryAdmin.has_change_permission": PERMISSIONS,
    "simple_history.admin.SimpleHistoryAdmin.has_view_or_change_permission": PERMISSIONS,
    "simple_history.admin.SimpleHistoryAdmin.has_view_permission": PERMISSIONS,
    "surveys.admin.moderation.OpenAnswerAdmin.has_add_permission": CONSTANT,
    "surveys.admin.moderation.OpenAnswerAdmin.has_delete_permission": CONSTANT,
    "surveys.admin.rounds.ResponseAdmin.has_add_permission": CONSTANT,
    "surveys.admin.rounds.ResponseAdmin.has_change_permission": CONSTANT,
}
# Overrides that read the database: their admins' answers are asked on every
# request (one query each, as before) and become part of the key.
ASKED_PER_REQUEST = {
    # One installation serves one agency: "add" only while there is none.
    "measures.admin.agency.AgencyAdmin.has_add_permission": "whether an agency exists",
    # One settings row: "add" only while there is none.
    "feedback.admin.config.FeedbackSettingsAdmin.has_add_permission": "whether settings exist",
}

# Distinct keys are few (one per role and language, plus the odd account with
# its own grants; a sidebar also per model it marks as current, some 40): the
# bound (~10 MB of sidebars at most) keeps a stream of unusual accounts harmless.
KEPT_VALUES = 1024


def permission_overrides(model_admin):
    """ "module.Class.method" of each list permission method `model_admin`
    takes from somewhere other than Django's ModelAdmin."""
    found = set()
    for method in LIST_PERMISSION_METHODS:
        owner = next(k for k in type(model_admin).__mro__ if method in vars(k))
        if owner not in (ModelAdmin, BaseModelAdmin):
            found.add(f"{owner.__module__}.{owner.__qualname__}.{method}")
    return found


class PortalAdminSite(admin.AdminSite):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._kept = KeptInProcess(most=KEPT_VALUES)  # app lists and sidebars
        self._asked_per_request = None  # the admins named by the audit, found on first use

    def register(self, *args, **kwargs):
        super().register(*args, **kwargs)
        self._forget_app_lists()

    def unregister(self, *args, **kwargs):
        super().unregister(*args, **kwargs)
        self._forget_app_lists()

    def get_app_list(self, request, app_label=None):
        return self._kept.get_or_keep(
            self._app_list_key(request, app_label),
            lambda: _frozen(super(PortalAdminSite, self).get_app_list(request, app_label)),
        )

    def nav_sidebar(self, request, available_apps, render):
        """The sidebar's HTML, `render()` once per app list and per place in it
        the page stands (the app and model it marks as current): Django draws
        the same ~40 rows for every page of a kind, some 4-8 ms each time."""
        if available_apps is not self.get_app_list(request):
            return render()  # a page with a list of its own
        path = urlencode(request.path)  # as the template compares them
        current = tuple(
            # A model one may only add to has no list link (admin_url None).
            (
                app["app_url"] in path,
                tuple(bool(m["admin_url"]) and m["admin_url"] in path for m in app["models"]),
            )
            for app in available_apps
        )
        key = ("sidebar", self._app_list_key(request, None), current)
        html = self._kept.get_or_keep(key, lambda: str(render()))
        return mark_safe(html)  # our own rendering, kept as it was

    def _app_list_key(self, request, app_label):
        return (app_label, self.viewer_key(request), self._answers_asked_per_request(request))

    def viewer_key(self, request):
        """What every permission answer of the site for this viewer depends on
        besides the records (the audit above): the language, script prefix and
        URLconf, the account's standing, permissions and groups."""
        user = request.user
        if user.is_active and user.is_superuser:
            permissions = "all"  # has_perm() answers True without looking
        else:
            permissions = frozenset(user.get_all_permissions())
        return (
            translation.get_language(),
            get_script_prefix(),
            get_urlconf() or settings.ROOT_URLCONF,
            user.is_active,
            user.is_staff,
            user.is_superuser,
            permissions,
            roles.group_names(user),
        )

    def _answers_asked_per_request(self, request):
        # Asked once per request, however many lists the page shows (and again
        # if the request changes hands, as on signing out).
        asked_for, answers = request.__dict__.get("_admin_list_answers", (None, None))
        if asked_for is not request.user:
            answers = tuple(
                (
                    model._meta.label,
                    model_admin.has_module_permission(request),
                    tuple(sorted(model_admin.get_model_perms(request).items())),
                )
                for model, model_admin in self._admins_asked_per_request()
            )
            request.__dict__["_admin_list_answers"] = (request.user, answers)
        return answers

    def _admins_asked_per_request(self):
        if self._asked_per_request is None:
            self._asked_per_request = [
                (model, model_admin)
                for model, model_admin in self._registry.items()
                if permission_overrides(model_admin) - KEYED.keys()
            ]
        return self._asked_per_request

    def _forget_app_lists(self):
        self._kept.clear()
        self._asked_per_request = None


def _frozen(app_list):
    """The list shared by every request with the same key, made read-only so
    no page can change another's; names as text in the key's language."""
    return tuple(
        MappingProxyType(
            app
            | {
                "name": str(app["name"]),
                "models": tuple(
                    MappingProxyType(
                        model
                        | {"name": str(model["name"]), "perms": MappingProxyType(model["perms"])}
                    )
                    for model in app["models"]
                ),
            }
        )
        for app in app_list
    )


class PortalAdminConfig(AdminConfig):
    """django.contrib.admin with the portal's site as `admin.site`."""

    default_site = "portal.admin_site.PortalAdminSite"
