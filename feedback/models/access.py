"""Who opened what in the sealed channel: an append-only access log.

Every opening of a corruption report, every sight of who reported it, every
attachment download and every export of cases is written here with who, when,
what and from where, so the integrity officer can see who looked. Rows are
never changed or deleted.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.lib.append_only import AppendOnly


class AccessRecord(AppendOnly, models.Model):
    class Action(models.TextChoices):
        OPEN = "open", _("Opened a corruption report (with its reporter)")
        DOWNLOAD = "download", _("Downloaded an attachment")
        EXPORT = "export", _("Exported cases")
        # Apart from opening: the reporter of one case was shown, on `surface`.
        REVEAL = "reveal", _("Saw who reported corruption")

    class Surface(models.TextChoices):
        CASE_PAGE = "case_page", _("the case's page in the admin")
        CSV = "csv", _("CSV export")
        DATA_REQUEST = "data_request", _("a personal data request in the admin")

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("who"),
    )
    action = models.CharField(_("what was done"), max_length=20, choices=Action)
    cases = models.CharField(_("cases"), max_length=2000)
    surface = models.CharField(_("where it was shown"), max_length=20, choices=Surface, blank=True)
    client_address = models.CharField(_("from where"), max_length=64, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("access record")
        verbose_name_plural = _("access log of corruption reports")

    def __str__(self):
        return f"{self.user} {self.get_action_display()} {self.cases}"


def access_record(*, request, action, cases, surface=""):
    """Append one row: `cases` are Case objects (their register numbers are kept)."""
    from portal.lib.clients import client_address

    numbers = ", ".join(case.tracking_number for case in cases)
    return AccessRecord.objects.create(
        user=request.user,
        action=action,
        cases=numbers[:2000],
        surface=surface,
        client_address=client_address(request)[:64],
    )


def identity_on_record(case):
    """Whether the case still holds who reported it: not filed anonymously,
    not purged after the retention period, and a reporter row exists."""
    return not (case.is_anonymous or case.personal_data_purged_at) and hasattr(case, "reporter")


def reveals_record(*, request, cases, surface):
    """One row per corruption case whose reporter `request.user` was just
    shown on `surface`; cases with no identity on record reveal nobody."""
    from portal.lib.clients import client_address

    address = client_address(request)[:64]
    AccessRecord.objects.bulk_create(
        AccessRecord(
            user=request.user,
            action=AccessRecord.Action.REVEAL,
            cases=case.tracking_number,
            surface=surface,
            client_address=address,
        )
        for case in cases
        if case.is_corruption
        and case.reporter_visible_to(request.user)
        and identity_on_record(case)
    )
