from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal import thai


class FeedbackSettingsQuerySet(models.QuerySet):
    def current(self):
        """The one settings row, created with the usual defaults on first use."""
        obj, _created = self.get_or_create(pk=FeedbackSettings.SINGLETON_PK)
        return obj


class FeedbackSettings(models.Model):
    """Deadlines the agency chooses; staff change them in the admin."""

    SINGLETON_PK = 1

    class DayCount(models.TextChoices):
        CALENDAR = "calendar", _("Calendar days")
        WORKING = "working", _("Working days (Monday–Friday, except holidays)")

    report_back_days = models.PositiveSmallIntegerField(
        _("report back within (days)"),
        default=15,
        help_text=_("Days to give the complainant a first answer; common practice is 15."),
    )
    resolve_days_general = models.PositiveSmallIntegerField(
        _("resolution target for general complaints (days)"), default=30
    )
    resolve_days_corruption = models.PositiveSmallIntegerField(
        _("resolution target for corruption reports (days)"), default=60
    )
    resolve_days_other = models.PositiveSmallIntegerField(
        _("resolution target for suggestions, compliments and questions (days)"), default=15
    )
    day_count = models.CharField(
        _("count days as"), max_length=10, choices=DayCount, default=DayCount.CALENDAR
    )
    due_soon_days = models.PositiveSmallIntegerField(
        _("warn this many days before a deadline"), default=3
    )

    # PDPA s. 37(3): personal data is erased once the purpose and the records
    # schedule no longer need it; the case itself stays for the statistics.
    retention_days_general = models.PositiveSmallIntegerField(
        _("keep reporter details of general complaints for (days after closing)"),
        default=730,
        help_text=_(
            "After this, the reporter's name and contact details and the attachments are "
            "removed; the case stays for the statistics."
        ),
    )
    retention_days_corruption = models.PositiveSmallIntegerField(
        _("keep reporter details of corruption reports for (days after closing)"),
        default=3650,
    )
    retention_days_other = models.PositiveSmallIntegerField(
        _("keep reporter details of other feedback for (days after closing)"),
        default=365,
    )

    history = HistoricalRecords()
    objects = FeedbackSettingsQuerySet.as_manager()

    class Meta:
        verbose_name = _("deadline settings")
        verbose_name_plural = _("deadline settings")
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="feedback_settings_singleton"),
        ]

    def __str__(self):
        return str(_("Deadline settings"))

    def save(self, *args, **kwargs):
        self.pk = self.SINGLETON_PK
        super().save(*args, **kwargs)

    def resolve_days(self, stream):
        from feedback.models.case import Case

        if stream == Case.Stream.CORRUPTION:
            return self.resolve_days_corruption
        if stream == Case.Stream.GENERAL:
            return self.resolve_days_general
        return self.resolve_days_other

    def retention_by_streams(self):
        """[(streams, days)] covering every stream once."""
        from feedback.models.case import Case

        Stream = Case.Stream
        return [
            ((Stream.GENERAL,), self.retention_days_general),
            ((Stream.CORRUPTION,), self.retention_days_corruption),
            ((Stream.SUGGESTION, Stream.COMPLIMENT, Stream.QUESTION), self.retention_days_other),
        ]


class Holiday(models.Model):
    """A public holiday, skipped when deadlines are counted in working days."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["date"]
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")

    def __str__(self):
        return f"{thai.display_date(self.date, style='medium')} {self.name}"


class Category(models.Model):
    """What a case is about, set by staff at screening (data, not code)."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.name


class HandlingManualQuerySet(models.QuerySet):
    def current(self):
        return self.order_by("-effective_on", "-pk").first()


class HandlingManual(models.Model):
    """The published complaint-handling manual (ITA: how to file, steps, unit, time limits)."""

    title = models.CharField(_("title"), max_length=255)
    responsible_unit = models.CharField(_("responsible unit"), max_length=255)
    body = models.TextField(_("text"), help_text=_("Plain text; a blank line starts a paragraph."))
    version = models.CharField(
        _("version"), max_length=20, default="1", help_text=_("Raise it whenever the text changes.")
    )
    effective_on = models.DateField(_("in effect from"))

    history = HistoricalRecords()
    objects = HandlingManualQuerySet.as_manager()

    class Meta:
        ordering = ["-effective_on"]
        verbose_name = _("complaint-handling manual")
        verbose_name_plural = _("complaint-handling manual")

    def __str__(self):
        return self.title
