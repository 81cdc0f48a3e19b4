"""What officers write on a case."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from feedback.models.case import Case
from portal.lib import thai


class CaseEntryQuerySet(models.QuerySet):
    def replies(self):
        return self.filter(kind=CaseEntry.Kind.REPLY)

    def notes(self):
        return self.filter(kind=CaseEntry.Kind.NOTE)


class CaseEntry(models.Model):
    """What an officer writes on a case: a reply to the citizen, shown on the
    tracking page and e-mailed, or an internal note, never shown to the citizen."""

    class Kind(models.TextChoices):
        REPLY = "reply", _("reply to the citizen")
        NOTE = "note", _("internal note")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(_("kind"), max_length=5, choices=Kind)
    body = models.TextField(_("text"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("written by"),
    )
    written_at = models.DateTimeField(_("written at"), default=timezone.now)

    history = HistoricalRecords()

    objects = CaseEntryQuerySet.as_manager()

    class Meta:
        ordering = ["written_at", "pk"]
        verbose_name = _("entry by an officer")
        verbose_name_plural = _("entries by officers")

    def __str__(self):
        # Local time, as officers read it ("22 พ.ย. 2569 06:10 น."), not the stored UTC.
        return f"{self.case.tracking_number} {thai.display_date(self.written_at, style='datetime')}"
