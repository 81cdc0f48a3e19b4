"""Staff roles: one Django group each, with the permissions the job needs.

The rules live here and only here. A migration creates the groups; after every
`migrate` the groups are re-synced, so models that later issues add get their
permissions without anyone editing groups by hand.

Rules are written per app label and action (view/add/change/delete), plus named
custom permissions, so they read like the job description. A few models of an
app can be made read-only for a role by name, and the administrator, who otherwise
gets everything, is denied the permissions that belong to other people's duties.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.dispatch import Signal

# Sent with `user` and `what` when someone who is not the director tries to
# approve: portal.staff_changes records each attempt for the integrity officer.
approval_refused = Signal()

TRIAGE_OFFICER = "เจ้าหน้าที่รับเรื่องร้องเรียน"
INTEGRITY_OFFICER = "เจ้าหน้าที่ศูนย์ปฏิบัติการต่อต้านการทุจริต"
MISSION_GROUP_EDITOR = "เจ้าหน้าที่กลุ่มงาน"
DIRECTOR = "ผู้บริหาร"
ADMINISTRATOR = "ผู้ดูแลระบบ"

# Permissions the code checks by name ("app_label.codename"): written once here,
# imported wherever a view, admin, service or model asks for them.
VIEW_REPORTER_IDENTITY = "feedback.view_reporter_identity"
WORK_CORRUPTION_QUEUE = "feedback.work_corruption_queue"
VIEW_CASE = "feedback.view_case"
CHANGE_CASE = "feedback.change_case"
APPROVE_MEASURE = "measures.approve_measure"
VIEW_SURVEY = "surveys.view_survey"
VIEW_RESPONSE = "surveys.view_response"
VIEW_ANNUAL_REPORT = "portal.view_annualreport"
CHANGE_ANNUAL_REPORT = "portal.change_annualreport"
APPROVE_ANNUAL_REPORT = "portal.approve_annualreport"

ALL_ACTIONS = ("view", "add", "change", "delete")
READ = ("view",)
WRITE = ("view", "add", "change")


@dataclass(frozen=True)
class Role:
    name: str
    description: str
    actions_by_app: dict[str, tuple[str, ...]] = field(default_factory=dict)
    extra: tuple[str, ...] = ()  # "app_label.codename" of custom permissions
    read_only_models: tuple[str, ...] = ()  # "app_label.model" this role may only view
    everything: bool = False
    withheld: tuple[str, ...] = ()  # "app_label.codename" left out of everything
    sealed: bool = False  # holds SEALED_PERMISSIONS (the integrity role alone)


# Duties that the administrator's technical rights must not include: who
# reported corruption is seen by the integrity role only (docs/domain.md,
# "Anti-corruption: the reporter's identity"), and approving measures and the
# report is the director's signature.
# The sealed corruption channel: a report, everything in it and its very
# existence are the integrity role's alone (the accused may sit in any other
# role). These permissions come only with membership of that group, never as a
# user's own grant (portal.checks refuses those) and never from another role.
SEALED_PERMISSIONS = (
    VIEW_REPORTER_IDENTITY,
    WORK_CORRUPTION_QUEUE,
    "feedback.view_corruptionreport",
    "feedback.add_corruptionreport",
    "feedback.change_corruptionreport",
    "feedback.delete_corruptionreport",
)

OTHER_PEOPLES_DUTIES = (
    *SEALED_PERMISSIONS,
    APPROVE_MEASURE,
    APPROVE_ANNUAL_REPORT,
)

# The roles whose membership, and whose members' passwords and second-factor
# devices, change only with a director's confirmation (portal/staff_changes).
GUARDED_ROLES = (INTEGRITY_OFFICER, DIRECTOR)


ROLES = [
    Role(
        TRIAGE_OFFICER,
        "Screens, assigns, answers and closes feedback; records offline channels.",
        {"feedback": WRITE, "measures": READ, "surveys": READ},
    ),
    Role(
        INTEGRITY_OFFICER,
        "Handles corruption reports; the only role that sees who filed one.",
        {"feedback": WRITE, "measures": READ, "surveys": READ},
        sealed=True,
    ),
    Role(
        MISSION_GROUP_EDITOR,
        "Records participation activities, working groups, meetings and survey rounds.",
        {"measures": WRITE, "surveys": ALL_ACTIONS, "feedback": READ},
        # The agency's identity and its website policies are the administrator's.
        read_only_models=("measures.agency", "measures.policy"),
        # The seeds' last step: the groups summarise the year and propose to
        # the executives, so they write the report's analysis and ask approval.
        extra=(VIEW_ANNUAL_REPORT, CHANGE_ANNUAL_REPORT),
    ),
    Role(
        DIRECTOR,
        "Approves measures and the annual report; reads everything.",
        {"measures": READ, "feedback": READ, "surveys": READ, "portal": READ},
        extra=(APPROVE_MEASURE, APPROVE_ANNUAL_REPORT),
    ),
    Role(
        ADMINISTRATOR,
        "Configures the portal and manages staff accounts.",
        everything=True,
        withheld=OTHER_PEOPLES_DUTIES,
    ),
]

ROLE_NAMES = tuple(role.name for role in ROLES)


def role_permissions(role, permission_model):
    wanted = []
    for permission in permission_model.objects.select_related("content_type"):
        app_label = permission.content_type.app_label
        name = f"{app_label}.{permission.codename}"
        if name in SEALED_PERMISSIONS:
            if role.sealed and permission.codename != "delete_corruptionreport":
                wanted.append(permission)
            continue
        if role.everything:
            if name not in role.withheld:
                wanted.append(permission)
            continue
        action = permission.codename.split("_", 1)[0]
        # Only Django's default per-model permissions go by action; a custom one
        # such as "view_reporter_identity" must be granted by name in `extra`.
        is_default = permission.codename == f"{action}_{permission.content_type.model}"
        actions = role.actions_by_app.get(app_label, ())
        if f"{app_label}.{permission.content_type.model}" in role.read_only_models:
            actions = READ
        in_actions = is_default and action in actions
        if in_actions or name in role.extra:
            wanted.append(permission)
    return wanted


def roles_sync(*, group_model, permission_model):
    """Create every role's group and give it exactly the permissions it needs."""
    for role in ROLES:
        group, _ = group_model.objects.get_or_create(name=role.name)
        group.permissions.set(role_permissions(role, permission_model))


def roles_sync_after_migrate(sender, **kwargs):
    from django.contrib.auth.models import Group, Permission

    roles_sync(group_model=Group, permission_model=Permission)


def holds_in_own_right(user, permission):
    """Whether `user` holds `permission` ("app_label.codename") through their
    groups or their own permissions. Unlike has_perm(), being a superuser does
    not count: for duties kept from the administrator, the grant must be visible
    in the user's groups, where colleagues can see it."""
    if not user.is_active:
        return False
    if not user.is_superuser:
        return user.has_perm(permission)  # exactly their own grants, cached per request
    cache = user.__dict__.setdefault("_held_in_own_right", {})
    if permission not in cache:
        from django.contrib.auth import get_user_model

        holders = get_user_model().objects.with_perm(
            permission,
            include_superusers=False,
            backend="django.contrib.auth.backends.ModelBackend",
        )
        cache[permission] = holders.filter(pk=user.pk).exists()
    return cache[permission]


def in_role(user, role_name):
    """Whether `user` is an active staff member of the role's group. Neither the
    superuser flag nor a permission given to the account itself counts: duties
    that are one person's (the integrity officer's seal, the director's
    approval) are held where colleagues can see them, in the group."""
    if not (user.is_active and user.is_staff):
        return False
    return role_name in group_names(user)


def group_names(user):
    """The names of `user`'s groups, whatever their standing: read once per
    request (the user object lives as long as the request), however many
    checks ask."""
    if "_role_names" not in user.__dict__:
        user.__dict__["_role_names"] = frozenset(user.groups.values_list("name", flat=True))
    return user.__dict__["_role_names"]


def in_sealed_role(user):
    """Whether `user` may see the sealed corruption channel: a member of the
    integrity group. Membership changes wait for the director's confirmation,
    so the group is the one place to look."""
    return in_role(user, INTEGRITY_OFFICER)


def handles_cases(user):
    """Whether `user` works the complaint inbox (triage or integrity role) and so
    may see complainants' contact details and attachments; other roles read
    cases without them, unless a case is assigned to them."""
    return in_role(user, TRIAGE_OFFICER) or in_role(user, INTEGRITY_OFFICER)


def may_approve(user):
    """Approving a measure or the annual report is the director's signature:
    only a member of the director's group gives it, never a superuser as such."""
    return in_role(user, DIRECTOR)


def may_approve_with(user, permission):
    """Whether `user` gives the director's approval that `permission` names."""
    return may_approve(user) and user.has_perm(permission)


def approval_check(user, permission, *, what, refusal):
    """Refuse (PermissionDenied with `refusal`) anyone but a director holding
    `permission`, and have the attempt on `what` recorded."""
    if may_approve_with(user, permission):
        return
    approval_refused.send(sender=approval_check, user=user, what=str(what))
    raise PermissionDenied(refusal)


def in_guarded_role(user):
    """Whether `user` belongs to a guarded role's group, active or not: their
    password and devices open the sealed channel or the director's signature."""
    return user.groups.filter(name__in=GUARDED_ROLES).exists()
