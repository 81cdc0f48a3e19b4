from django.db import models
from django.utils.translation import gettext_lazy as _


class MonthTally(models.Model):
    """The counted figures of the cases received in one month.

    The statistics page and the annual report sum a year from twelve of these
    instead of reading every case of the year again (a large agency receives
    hundreds of thousands). `feedback.tallies` keeps them: a change to a case
    raises its month's `generation` in the same transaction, and the month is
    counted again after the commit; a tally is used only while the generation
    it counted is still the month's, so a count that raced a later change is
    never trusted. A month without a valid tally is counted from its cases.

    `groups` holds one row per stream, channel and category with the counts
    defined in `feedback.statistics`; `mission_groups` one row per mission group
    (assigned, else named) and stream; `close_days` the completed complaints of
    each stream by the number of days they took ({"general": {"4": 12}}).
    """

    month = models.DateField(_("month"), unique=True)
    generation = models.PositiveIntegerField(_("changes to its cases"), default=0)
    counted_generation = models.PositiveIntegerField(_("changes counted"), null=True, blank=True)
    groups = models.JSONField(_("counts"), default=list)
    mission_groups = models.JSONField(_("counts per mission group"), default=list)
    close_days = models.JSONField(_("days to close"), default=dict)
    settles_on = models.DateField(
        _("settles on"),
        null=True,
        blank=True,
        help_text=_(
            "Until this day an unanswered case of the month is not yet due, so the "
            "report-back figures depend on the day they are read."
        ),
    )
    last_updated = models.DateTimeField(_("last change to a case"), null=True, blank=True)

    class Meta:
        verbose_name = _("monthly tally")
        verbose_name_plural = _("monthly tallies")
        ordering = ["month"]

    def __str__(self):
        return self.month.strftime("%Y-%m")

    def is_valid_on(self, today):
        counted = self.counted_generation == self.generation
        return counted and (self.settles_on is None or today >= self.settles_on)
