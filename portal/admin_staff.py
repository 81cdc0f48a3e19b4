"""Staff accounts and role groups in the admin, with permissions named in Thai.

Django stores each permission's name in English when the table is created
("Can add case") and lists 500 of them that way on the group and user forms.
Here a default permission is named from its action and the model's translated
name, and a custom one by its own (translated) name.

Membership of the guarded roles (integrity officer, director) and their
members' passwords, e-mail addresses, usernames, active, staff and superuser
flags are not changed here at once: the forms hold those changes for a
director's confirmation (portal/staff_changes). A role's duties are never
granted through these forms, and nobody may add themselves to a guarded role
or give themselves superuser status; such attempts are refused and recorded.
"""

from django.apps import apps
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, Permission, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters

from portal.lib import roles
from portal.staff_changes.models import Kind
from portal.staff_changes.services import (
    HELD_ACCOUNT_FIELDS,
    account_change,
    attempt_refused_record,
    guarded_account,
    role_change_propose,
)

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


def duty_grants_refuse(*, request, form, field, subject, held=()):
    """Record an attempt to grant a role's duty through `field` of `form` to
    `subject` (an account or a group's name): the field offers no duty but
    those `held` already, so any other posted one is an invalid choice."""
    posted = [value for value in form.data.getlist(field) if value.isdigit()]
    duties = (
        Permission.objects.filter(role_duties_q(), pk__in=posted)
        .exclude(pk__in=held)
        .select_related("content_type")
    )
    for permission in duties:
        attempt_refused_record(
            request=request,
            kind=Kind.PERMISSION,
            subject=subject,
            detail=f"{permission.content_type.app_label}.{permission.codename}",
        )


admin.site.unregister(Group)
admin.site.unregister(User)


@admin.register(Group)
class RoleGroupAdmin(ThaiPermissionNames, GroupAdmin):
    """A role group's duties and name are set by portal/lib/roles.py alone: the
    form shows the duties a group holds but neither adds nor removes one, and
    renames or deletes no role."""

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.name in roles.ROLE_NAMES:
            return ["name"]
        return super().get_readonly_fields(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.name in roles.ROLE_NAMES:
            return False
        return super().has_delete_permission(request, obj)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        held = [] if obj is None else [p.pk for p in obj.permissions.filter(role_duties_q())]

        def clean(form_self):
            cleaned = form.clean(form_self)
            subject = obj.name if obj is not None else form_self.data.get("name", "")
            duty_grants_refuse(
                request=request, form=form_self, field="permissions", subject=subject, held=held
            )
            return cleaned

        guarded_form = type(form.__name__, (form,), {"clean": clean})
        field = guarded_form.base_fields["permissions"]  # the subclass has fields of its own
        field.queryset = field.queryset.exclude(role_duties_q() & ~Q(pk__in=held))
        return guarded_form

    def save_related(self, request, form, formsets, change):
        if change:
            # Keep the duties the role holds, even if taken off the form.
            kept = form.instance.permissions.filter(role_duties_q())
            posted = form.cleaned_data["permissions"]
            form.cleaned_data["permissions"] = [*posted, *kept]
        super().save_related(request, form, formsets, change)


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

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is None:
            return form

        def clean_groups(form_self):
            groups = form_self.cleaned_data["groups"]
            joining = {g for g in groups if g.name in roles.GUARDED_ROLES} - set(
                obj.groups.filter(name__in=roles.GUARDED_ROLES)
            )
            if joining and obj.pk == request.user.pk:
                for group in joining:
                    attempt_refused_record(
                        request=request, kind=Kind.JOIN, subject=obj, detail=group.name
                    )
                raise ValidationError(
                    gettext(
                        "Nobody can add themselves to the group %(group)s; another person "
                        "proposes it and a director confirms it."
                    )
                    % {"group": ", ".join(sorted(g.name for g in joining))}
                )
            return groups

        def clean_is_superuser(form_self):
            granted = form_self.cleaned_data["is_superuser"]
            if granted and not form_self.initial.get("is_superuser") and obj.pk == request.user.pk:
                attempt_refused_record(request=request, kind=Kind.SUPERUSER_GRANT, subject=obj)
                raise ValidationError(
                    gettext(
                        "Nobody can give themselves superuser status; another person "
                        "with the right to manage accounts grants it."
                    )
                )
            return granted

        def clean(form_self):
            cleaned = form.clean(form_self)
            duty_grants_refuse(
                request=request, form=form_self, field="user_permissions", subject=obj
            )
            return cleaned

        checks = {"clean_groups": clean_groups, "clean": clean}
        if "is_superuser" in form.base_fields:
            checks["clean_is_superuser"] = clean_is_superuser
        return type(form.__name__, (form,), checks)

    def save_model(self, request, obj, form, change):
        held = []
        if change and guarded_account(obj):
            before = type(obj).objects.get(pk=obj.pk)
            for field in HELD_ACCOUNT_FIELDS:
                if getattr(obj, field) == getattr(before, field):
                    continue
                held.append((field, getattr(obj, field)))
                setattr(obj, field, getattr(before, field))
                if field in form.changed_data:  # the history must not claim it changed
                    form.changed_data.remove(field)
        super().save_model(request, obj, form, change)
        for field, value in held:
            kind, value = account_change(field, value)
            role_change_propose(request=request, kind=kind, user=obj, new_value=value)
        if held:
            self.message_user(request, HELD_MESSAGE, messages.WARNING)

    def save_related(self, request, form, formsets, change):
        if change and "groups" in form.cleaned_data:
            user = form.instance
            held = set(user.groups.filter(name__in=roles.GUARDED_ROLES))  # before saving
            posted = set(form.cleaned_data["groups"])
            wanted = {g for g in posted if g.name in roles.GUARDED_ROLES}
            form.cleaned_data["groups"] = [*(posted - wanted), *held]
            proposals = [(Kind.JOIN, g) for g in wanted - held]
            proposals += [(Kind.LEAVE, g) for g in held - wanted]
            for kind, group in proposals:
                role_change_propose(request=request, kind=kind, user=user, group=group)
            if proposals:
                self.message_user(request, HELD_MESSAGE, messages.WARNING)
            others_unchanged = posted - wanted == set(
                user.groups.exclude(name__in=roles.GUARDED_ROLES)
            )
            if others_unchanged and "groups" in form.changed_data:
                # Nothing about the groups changed yet: the history must not say so.
                form.changed_data.remove("groups")
        super().save_related(request, form, formsets, change)

    def has_delete_permission(self, request, obj=None):
        # A guarded member leaves the role first, which a director confirms.
        if obj is not None and guarded_account(obj):
            return False
        return super().has_delete_permission(request, obj)

    @method_decorator(sensitive_post_parameters())
    def user_change_password(self, request, id, form_url=""):
        user = self.get_object(request, unquote(id))
        if request.method != "POST" or user is None or not guarded_account(user):
            return super().user_change_password(request, id, form_url)
        if not self.has_change_permission(request, user):
            raise PermissionDenied
        form = self.change_password_form(user, request.POST)
        if not form.is_valid():
            return super().user_change_password(request, id, form_url)  # the errors
        form.save(commit=False)  # sets the new hash on this copy only
        role_change_propose(
            request=request, kind=Kind.PASSWORD, user=user, password_hash=user.password
        )
        self.message_user(request, HELD_MESSAGE, messages.WARNING)
        return HttpResponseRedirect(reverse("admin:auth_user_change", args=[user.pk]))


HELD_MESSAGE = _(
    "The change to the guarded role waits for a director's confirmation; it has "
    "been mailed to the directors and the integrity officers."
)
