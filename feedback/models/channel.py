"""The ways the agency keeps open to hear opinions, suggestions and complaints."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from feedback.models.case import Case


class ListeningChannelQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def open_during(self, period):
        """Channels open on at least one day of `period`."""
        return self.filter(
            Q(opened_on__lt=period.end), Q(closed_on__isnull=True) | Q(closed_on__gte=period.start)
        )


class ListeningChannel(models.Model):
    """A channel for opinions, suggestions and complaints the agency keeps
    open: the seeds promise them by name ("telephone, website, letter,
    suggestion box…", seed 004 §2; seed 000 §3, 001 §2). Cited as what
    carried out that clause in each fiscal year it was open; the year's
    inbox statistics list it with the cases that came by its kind."""

    name = models.CharField(
        _("name"), max_length=200, help_text=_("E.g. Suggestion box at the front office.")
    )
    kind = models.CharField(_("kind of channel"), max_length=20, choices=Case.Channel)
    how_to_reach = models.CharField(
        _("how to reach it"),
        max_length=300,
        blank=True,
        help_text=_("A telephone number, an address, where the box stands."),
    )
    mission_group = models.ForeignKey(
        "measures.MissionGroup",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="listening_channels",
        verbose_name=_("mission group"),
        help_text=_("Leave empty for a channel of the whole agency."),
    )
    clause = models.ForeignKey(
        "measures.Clause",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="listening_channels",
        verbose_name=_("measure clause carried out"),
        help_text=_("The clause, sub-item or lettered duty this channel carries out."),
    )
    opened_on = models.DateField(_("open since"))
    closed_on = models.DateField(
        _("closed on"), null=True, blank=True, help_text=_("Leave empty while it is open.")
    )
    is_published = models.BooleanField(_("shown to the public"), default=True)

    history = HistoricalRecords()
    objects = ListeningChannelQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("listening channel")
        verbose_name_plural = _("listening channels")
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("opened_on")),
                name="listening_channel_closes_after_opening",
                violation_error_message=_("A channel cannot close before it opened."),
            )
        ]

    def __str__(self):
        return self.name

    def year_url(self, fiscal_year):
        """Where the public sees it in a fiscal year: that year's statistics
        list the channels open in the year beside the cases received."""
        url = reverse("feedback:statistics_year", args=[fiscal_year.be_year])
        return f"{url}#channel-{self.pk}"
