"""Proposing, deciding and recording changes to the guarded roles.

The two-person rule (docs/domain.md, "Guarded roles: two people for every
change"): one person proposes, a director who is neither the proposer nor the
account changed confirms or refuses. Nobody may propose to add themselves to a
guarded group; those attempts, like direct grants of a role's duty, are refused
and recorded.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.models import Device

from portal.lib import roles
from portal.lib.clients import client_address
from portal.staff_changes.models import Kind, RoleChange, RoleChangeRecord


class ChangeNotAllowed(Exception):
    """A decision the two-person rule refuses; its text is shown to the user."""


def _record(*, request, event, kind, subject, change=None, detail=""):
    return RoleChangeRecord.objects.create(
        actor=request.user,
        event=event,
        kind=kind,
        subject=subject if isinstance(subject, str) else subject.get_username(),
        detail=detail[:300],
        change=change,
        client_address=client_address(request)[:64],
    )


def attempt_refused_record(*, request, kind, subject, detail=""):
    """An attempt the portal refused outright (a self-grant, a duty granted
    directly, a device added to a guarded member's account)."""
    return _record(
        request=request,
        event=RoleChangeRecord.Event.ATTEMPT_REFUSED,
        kind=kind,
        subject=subject,
        detail=detail,
    )


def approval_refusal_record(*, user, what, **_signal_arguments):
    """Someone other than the director tried to approve a measure or the
    report (portal.lib.roles.approval_refused): the service refused it."""
    return RoleChangeRecord.objects.create(
        actor=user,
        event=RoleChangeRecord.Event.ATTEMPT_REFUSED,
        kind=Kind.APPROVE,
        subject=user.get_username(),
        detail=what[:300],
    )


def role_change_propose(
    *, request, kind, user, group=None, password_hash="", device=None, new_value=""
):
    """Hold a change for a director's decision and tell the people concerned."""
    from portal.staff_changes.tasks import role_change_notify

    with transaction.atomic():
        change = RoleChange.objects.create(
            kind=kind,
            user=user,
            group=group,
            password_hash=password_hash,
            device=device.persistent_id if device else "",
            device_name=device.name[:64] if device else "",
            new_value=new_value,
            proposed_by=request.user,
        )
        _record(
            request=request,
            event=RoleChangeRecord.Event.PROPOSED,
            kind=kind,
            subject=user,
            change=change,
            detail=change.detail,
        )
        transaction.on_commit(
            lambda: role_change_notify.enqueue(change_id=change.pk, event="proposed"),
            robust=True,
        )
    return change


def _refusal_reason(change, by):
    if not roles.in_role(by, roles.DIRECTOR):
        return _("Only a director confirms or refuses a change to a guarded role.")
    if by.pk == change.user_id:
        return _("A director cannot decide a change to their own account.")
    if by.pk == change.proposed_by_id:
        return _("The person who proposed a change cannot also decide it.")
    if not change.is_pending:
        return _("This change has already been decided.")
    return None


def _conflict(change):
    """Why a confirmed change can no longer be applied as proposed."""
    if change.kind != Kind.USERNAME:
        return None
    taken = get_user_model().objects.filter(username=change.new_value).exclude(pk=change.user_id)
    if taken.exists():
        return _("Another account has taken this username since the change was proposed.")
    return None


# Account fields held for a guarded member: kind -> (field, value set; None =
# the change's new_value). Password-reset and second-factor mails go to the
# e-mail address, the username signs in, and the active flag and staff status
# lock out or let back in; the superuser flag opens every admin page.
ACCOUNT_FIELDS = {
    Kind.EMAIL: ("email", None),
    Kind.USERNAME: ("username", None),
    Kind.DEACTIVATE: ("is_active", False),
    Kind.ACTIVATE: ("is_active", True),
    Kind.STAFF_REMOVE: ("is_staff", False),
    Kind.STAFF_GRANT: ("is_staff", True),
    Kind.SUPERUSER_REMOVE: ("is_superuser", False),
    Kind.SUPERUSER_GRANT: ("is_superuser", True),
}

HELD_ACCOUNT_FIELDS = list(dict.fromkeys(field for field, _value in ACCOUNT_FIELDS.values()))


def account_change(field, value):
    """The held change that sets a guarded member's `field` to `value`: its kind,
    and the new value it carries (none for a flag, whose kind says it)."""
    for kind, (name, fixed) in ACCOUNT_FIELDS.items():
        if name == field and fixed is None:
            return kind, value
        if name == field and fixed == value:
            return kind, ""
    raise LookupError(field)


def guarded_account(user):
    """Whether changes to `user`'s sign-in are held: a member of a guarded role,
    or an account waiting to join one (else its e-mail or password could be
    swapped while the director is asked, and the director confirm a taken-over
    account)."""
    if roles.in_guarded_role(user):
        return True
    return RoleChange.objects.filter(
        user=user, kind=Kind.JOIN, status=RoleChange.Status.PENDING
    ).exists()


def _apply(change):
    user = change.user
    if change.kind == Kind.JOIN:
        user.groups.add(change.group)
    elif change.kind == Kind.LEAVE:
        user.groups.remove(change.group)
    elif change.kind == Kind.PASSWORD:
        user.password = change.password_hash
        user.save(update_fields=["password"])
    elif change.kind in ACCOUNT_FIELDS:
        field, value = ACCOUNT_FIELDS[change.kind]
        setattr(user, field, change.new_value if value is None else value)
        user.save(update_fields=[field])
    elif change.kind == Kind.DEVICE_REMOVE:
        device = Device.from_persistent_id(change.device, for_verify=True)
        if device is not None and device.user_id == user.pk:
            device.delete()


def role_change_decide(*, request, change, confirm):
    """Confirm (and apply) or refuse a held change; raises ChangeNotAllowed,
    after recording the attempt, when the two-person rule forbids it."""
    from portal.staff_changes.tasks import role_change_notify

    by = request.user
    with transaction.atomic():
        change = RoleChange.objects.select_for_update().get(pk=change.pk)
        reason = _refusal_reason(change, by) or (_conflict(change) if confirm else None)
        if reason is None:
            if confirm:
                _apply(change)
            change.status = RoleChange.Status.CONFIRMED if confirm else RoleChange.Status.REFUSED
            change.decided_by, change.decided_at = by, timezone.now()
            change.password_hash = ""
            change.save(update_fields=["status", "decided_by", "decided_at", "password_hash"])
            event = RoleChangeRecord.Event.CONFIRMED if confirm else RoleChangeRecord.Event.REFUSED
            transaction.on_commit(
                lambda: role_change_notify.enqueue(change_id=change.pk, event=change.status),
                robust=True,
            )
        else:
            event = RoleChangeRecord.Event.ATTEMPT_REFUSED
        _record(
            request=request,
            event=event,
            kind=change.kind,
            subject=change.user,
            change=change,
            detail=reason or change.detail,
        )
    if reason is not None:
        raise ChangeNotAllowed(reason)
    return change


def people_to_tell(change):
    """The directors, the integrity officers and the account changed."""
    people = get_user_model().objects.filter(
        is_active=True, groups__name__in=roles.GUARDED_ROLES
    ) | get_user_model().objects.filter(pk=change.user_id)
    return sorted({u.email for u in people.distinct() if u.email})
