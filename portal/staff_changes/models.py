from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.lib.append_only import AppendOnly


class Kind(models.TextChoices):
    JOIN = "join", _("Add to the group")
    LEAVE = "leave", _("Remove from the group")
    PASSWORD = "password", _("Set a new password")
    DEVICE_REMOVE = "device_remove", _("Remove a second-factor device")
    # Password-reset and sign-in mails go to the e-mail address: changing it
    # would hand the account to whoever holds the new one.
    EMAIL = "email", _("Change the e-mail address")
    USERNAME = "username", _("Change the username")
    DEACTIVATE = "deactivate", _("Deactivate the account")
    ACTIVATE = "activate", _("Reactivate the account")
    # Without staff status a member loses the admin and the role's duties: the
    # same as deactivating them, so it is held the same way.
    STAFF_REMOVE = "staff_remove", _("Remove staff status")
    STAFF_GRANT = "staff_grant", _("Give staff status back")
    # The flag bypasses no guarded rule, but opens every other admin page: a
    # member's is changed like their staff status, and nobody grants it to
    # themselves (refused outright and recorded under SUPERUSER_GRANT).
    SUPERUSER_GRANT = "superuser_grant", _("Give superuser status")
    SUPERUSER_REMOVE = "superuser_remove", _("Remove superuser status")
    # Refused outright, never held: recorded as attempts only.
    DEVICE_ADD = "device_add", _("Add or change a second-factor device")
    PERMISSION = "permission", _("Grant a role's duty directly")
    APPROVE = "approve", _("Approve as the director")


class RoleChange(models.Model):
    """A change to a guarded role, held until a director decides."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a director")
        CONFIRMED = "confirmed", _("Confirmed and applied")
        REFUSED = "refused", _("Refused")

    kind = models.CharField(_("change"), max_length=20, choices=Kind)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("account changed"),
    )
    group = models.ForeignKey(
        "auth.Group",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("group"),
    )
    # The new password's hash only, never the password; emptied once decided.
    password_hash = models.CharField(max_length=256, blank=True, editable=False)
    device = models.CharField(_("device"), max_length=100, blank=True)  # django-otp persistent id
    device_name = models.CharField(_("device name"), max_length=64, blank=True)
    # The e-mail address or username the change sets.
    new_value = models.CharField(_("new value"), max_length=254, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    proposed_at = models.DateTimeField(_("proposed at"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.PENDING, db_index=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        verbose_name = _("change to a guarded role")
        verbose_name_plural = _("changes to guarded roles")
        constraints = [
            # The two-person rule, kept by the database as well.
            models.CheckConstraint(
                condition=~Q(decided_by=F("proposed_by")), name="role_change_two_people"
            ),
            models.CheckConstraint(
                condition=~Q(decided_by=F("user")), name="role_change_not_own_account"
            ),
            models.CheckConstraint(
                condition=Q(status="pending") | Q(decided_by__isnull=False),
                name="role_change_decided_by_someone",
            ),
        ]

    def __str__(self):
        what = self.get_kind_display()
        if self.group_id:
            what = f"{what} {self.group}"
        elif self.detail:
            what = f"{what} ({self.detail})"
        return f"{what}: {self.user}"

    @property
    def detail(self):
        """What the change names besides the account: a group, a device, a new value."""
        return str(self.group or self.device_name or self.new_value)

    @property
    def is_pending(self):
        return self.status == self.Status.PENDING


class RoleChangeRecord(AppendOnly, models.Model):
    """Every proposal, decision and refused attempt on a guarded role, kept for
    good: the integrity officer and the directors read it; nobody edits it."""

    class Event(models.TextChoices):
        PROPOSED = "proposed", _("Proposed, waiting for a director")
        CONFIRMED = "confirmed", _("Confirmed and applied")
        REFUSED = "refused", _("Refused by a director")
        ATTEMPT_REFUSED = "attempt_refused", _("Attempt refused by the portal")

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("who"),
    )
    event = models.CharField(_("what happened"), max_length=20, choices=Event)
    kind = models.CharField(_("change"), max_length=20, choices=Kind)
    subject = models.CharField(_("account"), max_length=150)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    change = models.ForeignKey(
        RoleChange,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="records",
        verbose_name=_("held change"),
    )
    client_address = models.CharField(_("from where"), max_length=64, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("record of a guarded-role change")
        verbose_name_plural = _("record of guarded-role changes")

    def __str__(self):
        return f"{self.actor} {self.get_event_display()} {self.get_kind_display()} {self.subject}"
