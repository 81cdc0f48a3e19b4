"""What a monitoring committee found when it followed up an improvement.

Seed 003, การกำกับและติดตาม: the agency appoints a committee to follow up
the mission groups' work and to analyse the results. The committee is a
working group of kind "monitoring committee"; each finding says who found
what, when, and how far the improvement has come. The finding lives here,
pointing at `measures.Improvement` (surveys depends on measures, never the
other way round); `surveys.monitoring` hands findings to measures' board and
year function.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from measures.models.measure import validate_day_in_fiscal_years
from surveys.models.workinggroup import WorkingGroup


class FindingQuerySet(models.QuerySet):
    def public(self):
        """Findings the public may read: those of a published committee on an
        improvement the public board shows."""
        return self.filter(committee__is_published=True).filter(
            models.Q(improvement__activity__isnull=True)
            | models.Q(improvement__activity__is_published=True)
        )


class Finding(models.Model):
    class Status(models.TextChoices):
        ON_TRACK = "on_track", _("On track")
        LATE = "late", _("Behind schedule")
        DONE = "done", _("Completed as planned")

    committee = models.ForeignKey(
        WorkingGroup,
        on_delete=models.PROTECT,
        related_name="findings",
        limit_choices_to={"kind": WorkingGroup.Kind.MONITORING_COMMITTEE},
        verbose_name=_("monitoring committee"),
    )
    improvement = models.ForeignKey(
        "measures.Improvement",
        on_delete=models.PROTECT,
        related_name="findings",
        verbose_name=_("improvement followed up"),
    )
    found_on = models.DateField(_("date of the finding"), validators=[validate_day_in_fiscal_years])
    reported_by = models.CharField(
        _("reported by"),
        max_length=200,
        blank=True,
        help_text=_("The member or position who presented the finding, e.g. the chair."),
    )
    text = models.TextField(_("finding"))
    status = models.CharField(_("progress found"), max_length=20, choices=Status)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    history = HistoricalRecords()
    objects = FindingQuerySet.as_manager()

    class Meta:
        ordering = ["improvement", "found_on", "pk"]
        verbose_name = _("monitoring finding")
        verbose_name_plural = _("monitoring findings")
        indexes = [models.Index(fields=["improvement", "found_on"])]

    def __str__(self):
        return f"{self.committee} · {self.get_status_display()}"

    @property
    def is_done(self):
        return self.status == self.Status.DONE

    @property
    def is_late(self):
        return self.status == self.Status.LATE

    def clean(self):
        errors = {}
        if self.committee_id and not self.committee.is_monitoring_committee:
            errors["committee"] = _("Only a monitoring committee records findings.")
        if self.found_on and self.found_on > timezone.localdate():
            errors["found_on"] = _("A finding cannot be dated in the future.")
        if errors:
            raise ValidationError(errors)
