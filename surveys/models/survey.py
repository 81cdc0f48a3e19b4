from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from measures.models.publication import EverPublic
from portal.lib import roles, thai
from portal.lib.likert import (  # noqa: F401  (importable from here as before)
    BAND_FLOORS,
    LIKERT,
    BandScheme,
    band_of,
    band_ranges,
)


class SurveyQuerySet(models.QuerySet):
    def published(self):
        """Rounds the public may see: opened at least once, never templates."""
        return self.filter(is_template=False, status__in=Survey.PUBLIC_STATUSES)

    def open(self, *, on=None):
        on = on or timezone.localdate()
        return self.published().filter(
            status=Survey.Status.OPEN, opens_on__lte=on, closes_on__gte=on
        )

    def templates(self):
        return self.filter(is_template=True)

    def in_period(self, period):
        """Rounds of `period` (a fiscal year or its first half): the one rule
        for the report's survey section, open data, the clause accounting and
        the to-do list. A round belongs to the fiscal year staff gave it, else
        to the one it opened in; within its year, to the part it opened in (one
        opened before or after the year staff gave it counts in the year's
        first or last part)."""
        year = thai.FiscalYear.of(period.start)
        opened = Q(opens_on__gte=period.start, opens_on__lt=period.end)
        within_year = opened
        if period.start == year.period.start:
            within_year |= Q(opens_on__lt=period.start) | Q(opens_on__isnull=True)
        if period.end == year.period.end:
            within_year |= Q(opens_on__gte=period.end)
        return self.filter(
            Q(fiscal_year=year.be_year) & within_year | Q(fiscal_year__isnull=True) & opened
        )


class Survey(EverPublic):
    """A satisfaction survey round of a mission group or service."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open for answers")
        CLOSED = "closed", _("Closed")

    class Round(models.TextChoices):
        FIRST_HALF = "first_half", _("First half of the fiscal year")
        SECOND_HALF = "second_half", _("Second half of the fiscal year")
        FISCAL_YEAR = "fiscal_year", _("Whole fiscal year")
        CUSTOM = "custom", _("Custom dates")

    PUBLIC_STATUSES = [Status.OPEN, Status.CLOSED]

    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(
        _("web address"),
        max_length=80,
        unique=True,
        help_text=_("Part of the permanent public address; never change it once published."),
    )
    mission_group = models.ForeignKey(
        "measures.MissionGroup",
        on_delete=models.PROTECT,
        related_name="surveys",
        verbose_name=_("mission group"),
        null=True,
        blank=True,
    )
    clause = models.ForeignKey(
        "measures.Clause",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="surveys",
        verbose_name=_("measure clause carried out"),
        help_text=_("The clause of the measure this round carries out (e.g. satisfaction, §3)."),
    )
    service = models.CharField(
        _("service"), max_length=255, blank=True, help_text=_("The service whose users answer.")
    )
    intro = models.TextField(_("introduction"), blank=True)
    round = models.CharField(_("round"), max_length=20, choices=Round, default=Round.FIRST_HALF)
    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year (B.E.)"), null=True, blank=True, help_text=_("For example 2569.")
    )
    opens_on = models.DateField(
        _("opens on"), null=True, blank=True, help_text=_("Filled from the round if left empty.")
    )
    closes_on = models.DateField(
        _("closes on"), null=True, blank=True, help_text=_("Filled from the round if left empty.")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    band_scheme = models.CharField(
        _("interpretation bands"), max_length=3, choices=BandScheme, default=BandScheme.HALF_POINT
    )
    results_public = models.BooleanField(
        _("results public"), default=True, help_text=_("Staff always see the results.")
    )
    publish_open_answers = models.BooleanField(
        _("publish open answers"),
        default=True,
        help_text=_(
            "Each open answer appears with the public results only after staff approve it "
            "(Open answers in this admin). Untick to keep every open answer for staff only; "
            "the form tells citizens which."
        ),
    )
    ask_sex = models.BooleanField(_("ask sex"), default=True)
    ask_age_band = models.BooleanField(_("ask age band"), default=True)
    ask_occupation = models.BooleanField(_("ask occupation"), default=True)
    ask_stakeholder_group = models.BooleanField(_("ask stakeholder type"), default=True)
    is_template = models.BooleanField(
        _("template"),
        default=False,
        help_text=_("A template is never shown to the public; copy it to start a new round."),
    )
    improvements = models.ManyToManyField(
        "measures.Improvement",
        related_name="surveys",
        blank=True,
        verbose_name=_("improvements that came from it"),
    )
    # Seed 001 §3: each group evaluates satisfaction "รายงานต่อผู้บริหารทราบ";
    # the executive's acknowledgement is the proof the report reached them.
    acknowledged_by = models.CharField(
        _("acknowledged by (executive)"),
        max_length=255,
        blank=True,
        help_text=_("Name and position of the executive who acknowledged the results."),
    )
    acknowledged_on = models.DateField(_("acknowledged on"), null=True, blank=True)
    acknowledgement_remark = models.TextField(_("executive's remark"), blank=True)
    # Set when the executive acknowledges in the portal (not typed in from a memo).
    acknowledged_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("acknowledged by (account)"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[improvements])
    objects = SurveyQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_on", "title"]
        verbose_name = _("satisfaction survey")
        verbose_name_plural = _("satisfaction surveys")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(opens_on__isnull=True)
                | models.Q(closes_on__isnull=True)
                | models.Q(closes_on__gte=models.F("opens_on")),
                name="survey_closes_after_it_opens",
            ),
            models.CheckConstraint(
                condition=models.Q(is_template=True)
                | models.Q(status="draft")
                | (models.Q(opens_on__isnull=False) & models.Q(closes_on__isnull=False)),
                name="survey_published_has_dates",
            ),
            models.CheckConstraint(
                condition=models.Q(acknowledged_on__isnull=True) | ~models.Q(acknowledged_by=""),
                name="survey_acknowledgement_names_the_executive",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("surveys:survey_answer", kwargs={"slug": self.slug})

    def round_period(self):
        """The days of the round, from the fiscal year when dates are not given."""
        if self.round == self.Round.CUSTOM or not self.fiscal_year:
            return None
        year = thai.FiscalYear(self.fiscal_year)
        return {
            self.Round.FIRST_HALF: year.first_half,
            self.Round.SECOND_HALF: year.second_half,
            self.Round.FISCAL_YEAR: year.period,
        }[self.round]

    @property
    def is_acknowledged(self):
        return self.acknowledged_on is not None

    def clean(self):
        if self.acknowledged_on and not self.acknowledged_by.strip():
            raise ValidationError(
                {"acknowledged_by": _("Name the executive who acknowledged the results.")}
            )
        period = self.round_period()
        if period:
            self.opens_on = self.opens_on or period.start
            self.closes_on = self.closes_on or period.last_day
        if self.round != self.Round.CUSTOM and not self.fiscal_year:
            raise ValidationError({"fiscal_year": _("Give the fiscal year of the round.")})
        needs_dates = self.status != self.Status.DRAFT and not self.is_template
        if needs_dates and not (self.opens_on and self.closes_on):
            raise ValidationError(_("Give the dates the survey opens and closes."))
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("The survey must close after it opens.")})
        if period and not self._within(period):
            raise ValidationError(
                _(
                    "The dates must fall within the round chosen, %(start)s to %(end)s. "
                    "Change the dates, or choose another round or custom dates."
                )
                % {
                    "start": thai.display_date(period.start),
                    "end": thai.display_date(period.last_day),
                }
            )

    def _within(self, period):
        # The answers of a round are reported as that half or year of the ITA.
        return all(day in period for day in (self.opens_on, self.closes_on) if day)

    @property
    def is_public(self):
        """Open or closed now: the public may see it."""
        return not self.is_template and self.status in self.PUBLIC_STATUSES

    @property
    def reads_in_fifths(self):
        """Its means are read in five bands of 0.8 rather than of 0.5."""
        return self.band_scheme == BandScheme.FIFTHS

    def is_open(self, *, on=None):
        on = on or timezone.localdate()
        return (
            not self.is_template
            and self.status == self.Status.OPEN
            and self.opens_on is not None
            and self.opens_on <= on <= self.closes_on
        )

    @property
    def open_answers_may_be_published(self):
        """What the form promises citizens (OpenAnswer.objects.published() holds
        the same rule for the rows): staff-approved answers appear with public results."""
        return self.results_public and self.publish_open_answers

    def results_visible_to(self, user):
        return self.results_public or user.has_perm(roles.VIEW_RESPONSE)


class Dimension(models.Model):
    """A dimension of satisfaction (process, staff, channels, facilities, outcome)."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="dimensions", verbose_name=_("survey")
    )
    title = models.CharField(_("dimension"), max_length=255)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensions")

    def __str__(self):
        return self.title


class Item(models.Model):
    """A statement rated on the 5-point Likert scale."""

    dimension = models.ForeignKey(
        Dimension, on_delete=models.CASCADE, related_name="items", verbose_name=_("dimension")
    )
    text = models.CharField(_("statement"), max_length=500)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["dimension__position", "dimension_id", "position", "pk"]
        verbose_name = _("item")
        verbose_name_plural = _("items")

    def __str__(self):
        return self.text


class OpenQuestion(models.Model):
    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="open_questions", verbose_name=_("survey")
    )
    text = models.CharField(_("question"), max_length=500)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("open question")
        verbose_name_plural = _("open questions")

    def __str__(self):
        return self.text
