from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class YearSummary(models.Model):
    """A mission group's summary of its fiscal year, proposed to the executives.

    Seeds 000 §5 and 003 step 5: each group summarises the year's results and
    proposes next year's plan "ต่อผู้บริหาร"; the executive's acknowledgement
    (who, when, what they remarked) is the proof it reached them, printed in
    the annual report.
    """

    mission_group = models.ForeignKey(
        "measures.MissionGroup",
        on_delete=models.PROTECT,
        related_name="year_summaries",
        verbose_name=_("mission group"),
    )
    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year (B.E.)"), help_text=_("The year summarised, e.g. 2569.")
    )
    results = models.TextField(_("results of the year"))
    proposals = models.TextField(
        _("proposals for next year"),
        blank=True,
        help_text=_("What the group proposes to do next fiscal year, one proposal per line."),
    )
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("prepared by"),
    )
    acknowledged_by = models.CharField(
        _("acknowledged by (executive)"), max_length=255, blank=True, editable=False
    )
    acknowledged_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("acknowledged by (account)"),
    )
    acknowledged_on = models.DateField(_("acknowledged on"), null=True, blank=True, editable=False)
    acknowledgement_remark = models.TextField(_("executive's remark"), blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-fiscal_year", "mission_group__position", "mission_group__name"]
        verbose_name = _("mission group's year summary")
        verbose_name_plural = _("mission groups' year summaries")
        constraints = [
            models.UniqueConstraint(
                fields=["mission_group", "fiscal_year"], name="year_summary_once_per_group"
            ),
            models.CheckConstraint(
                condition=models.Q(acknowledged_on__isnull=True) | ~models.Q(acknowledged_by=""),
                name="year_summary_acknowledgement_names_the_executive",
            ),
        ]

    def __str__(self):
        return f"{self.mission_group} · {self.fiscal_year}"

    @property
    def is_acknowledged(self):
        return self.acknowledged_on is not None


class PlannedItem(models.Model):
    """One proposal of a year summary the executives acknowledged: next
    year's plan (seed 000 §5, 003 step 5), a line of that year's to-do list
    until staff record what became of it."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Not pursued")

    summary = models.ForeignKey(
        YearSummary,
        on_delete=models.CASCADE,
        related_name="planned_items",
        verbose_name=_("year summary"),
    )
    text = models.CharField(_("planned item"), max_length=500)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PLANNED)
    outcome = models.TextField(
        _("what became of it"), blank=True, help_text=_("What was done, or why it was not.")
    )
    checked_on = models.DateField(_("checked on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["summary", "position", "pk"]
        verbose_name = _("next year's planned item")
        verbose_name_plural = _("next year's plan")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="planned") | models.Q(checked_on__isnull=False),
                name="planned_item_checked_has_date",
            )
        ]

    def __str__(self):
        return self.text[:80]

    def clean(self):
        if self.status != self.Status.PLANNED and self.checked_on is None:
            raise ValidationError({"checked_on": _("Give the day it was checked.")})
