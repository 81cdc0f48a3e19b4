from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from measures.models.measure import validate_day_in_fiscal_years


class ImprovementQuerySet(models.QuerySet):
    def public(self):
        """What the public board and the published report may show: an
        improvement of an activity that is not (or no longer) on the website
        stays with it, out of sight."""
        return self.filter(models.Q(activity__isnull=True) | models.Q(activity__is_published=True))

    def in_period(self, period):
        """Improvements belonging to a period (a `thai.Period`), each to one
        period only: the one it was completed in, or, until then, the one it
        was recorded in. So one recorded in a fiscal year and completed in
        the next is reported once, in the year it was done."""
        start, end = period.bounds()
        return self.filter(
            models.Q(completed_on__gte=period.start, completed_on__lt=period.end)
            | models.Q(completed_on__isnull=True, created_at__gte=start, created_at__lt=end)
        )


class Improvement(models.Model):
    """What the agency changed because of what it heard ("you said → we did").

    It comes from a participation activity, a feedback case or a survey
    finding; feedback and surveys point here (they depend on measures, never
    the other way round).
    """

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Not pursued")

    title = models.CharField(_("what we did"), max_length=255)
    you_said = models.TextField(
        _("what we heard"), blank=True, help_text=_("The comment or finding that led to it.")
    )
    description = models.TextField(_("details of the change"), blank=True)
    mission_group = models.ForeignKey(
        "measures.MissionGroup",
        on_delete=models.PROTECT,
        related_name="improvements",
        verbose_name=_("mission group"),
        null=True,
        blank=True,
    )
    activity = models.ForeignKey(
        "measures.Activity",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="improvements",
        verbose_name=_("from activity"),
    )
    clause = models.ForeignKey(
        "measures.Clause",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="improvements",
        verbose_name=_("measure clause carried out"),
        help_text=_("The clause, sub-item or lettered duty this change carries out."),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible officer"),
    )
    due_on = models.DateField(
        _("due date"), null=True, blank=True, validators=[validate_day_in_fiscal_years]
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.PLANNED)
    follow_up = models.TextField(
        _("follow-up"), blank=True, help_text=_("What the monitoring committee found.")
    )
    completed_on = models.DateField(
        _("completed on"), null=True, blank=True, validators=[validate_day_in_fiscal_years]
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    history = HistoricalRecords()
    objects = ImprovementQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("improvement")
        verbose_name_plural = _("improvements")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="done") | models.Q(completed_on__isnull=False),
                name="improvement_done_has_completion_date",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Recorded inside an activity (the usual way), an improvement belongs to
        # the activity's mission group unless staff chose another; the board and
        # the report per mission group read it from here.
        if self.mission_group_id is None and self.activity_id is not None:
            self.mission_group_id = self.activity.mission_group_id
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "mission_group"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        """Its own card on the public board ("You said, we did"): the board
        opens the page holding it (measures.views.improvement_list), so the
        address stays right as newer improvements push it down the pages;
        printed in the annual report, it must."""
        board = reverse("measures:improvement_list")
        return f"{board}?improvement={self.pk}#improvement-{self.pk}"

    @property
    def is_done(self):
        return self.status == self.Status.DONE

    @property
    def is_dropped(self):
        return self.status == self.Status.DROPPED
