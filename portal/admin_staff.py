"""Staff accounts and role groups in the admin, with permissions named in Thai.

Django stores each permission's name in English when the table is created
("Can add case") and lists 500 of them that way on the group and user forms.
Here a default permission is named from its action and the model's translated
name, and a custom one by its own (translated) name.
"""

from django.apps import apps
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.lib import roles

DEFAULT_ACTIONS = {
    "add": _("Can add %(model)s"),
    "change": _("Can change %(model)s"),
    "delete": _("Can delete %(model)s"),
    "view": _("Can view %(model)s"),
}
# django-simple-history names its shadow models "historical <name>" with an
# untranslatable literal, which read "เพิ่มhistorical คำตอบถึงผู้ร้อง".
HISTORY_OF = _("history of %(model)s")


def model_label(model):
    original = getattr(model, "instance_type", None)  # set on simple-history's models only
    if original is not None:
        return HISTORY_OF % {"model": original._meta.verbose_name}
    return model._meta.verbose_name


def permission_label(permission):
    content_type = permission.content_type
    model = content_type.model_class()
    action, _sep, model_name = permission.codename.partition("_")
    if model is not None and action in DEFAULT_ACTIONS and model_name == content_type.model:
        what = DEFAULT_ACTIONS[action] % {"model": model_label(model)}
    else:
        what = gettext(permission.name)  # declared with gettext_lazy in the model's Meta
    app = apps.get_app_config(content_type.app_label).verbose_name
    return f"{app} | {what}"


class ThaiPermissionNames:
    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name in ("permissions", "user_permissions"):
            field.label_from_instance = permission_label
        return field


def role_duties_q():
    duty = Q(pk__in=[])
    for name in roles.OTHER_PEOPLES_DUTIES:
        app_label, codename = name.split(".")
        duty |= Q(content_type__app_label=app_label, codename=codename)
    return duty


admin.site.unregister(Group)
admin.site.unregister(User)


@admin.register(Group)
class RoleGroupAdmin(ThaiPermissionNames, GroupAdmin):
    pass


@admin.register(User)
class StaffUserAdmin(ThaiPermissionNames, UserAdmin):
    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "user_permissions":
            # Sealed rights and the director's approval are held through the
            # role's group only (portal.checks.no_account_holds_a_role_duty_itself):
            # they are not offered, and a posted one is an invalid choice.
            field.queryset = field.queryset.exclude(role_duties_q())
        return field
