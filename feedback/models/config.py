from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from feedback.models.counter import Counter
from portal.lib import thai


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
    follow_up_days = models.PositiveSmallIntegerField(
        _("the citizen may say whether it was resolved for (days after completion)"),
        default=30,
        help_text=_(
            "On the tracking page; saying it was not resolved reopens the case to its officer."
        ),
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

    @property
    def counts_working_days(self):
        return self.day_count == self.DayCount.WORKING

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
    def in_effect(self, *, today=None):
        """Versions the public may read: a version dated ahead waits for its day."""
        return self.filter(effective_on__lte=today or timezone.localdate())

    def current(self, *, today=None):
        return self.in_effect(today=today).order_by("-version").first()


class HandlingManual(models.Model):
    """One version of the published complaint-handling manual (ITA: how to file,
    steps, unit, time limits).

    A version is never rewritten once in effect: its page is evidence an
    assessor may open months later. A change is a new version, numbered on
    saving and in effect from a day no earlier than the version before it.
    """

    version = models.PositiveIntegerField(_("version"), unique=True, editable=False)
    title = models.CharField(_("title"), max_length=255)
    responsible_unit = models.CharField(_("responsible unit"), max_length=255)
    body = models.TextField(_("text"), help_text=_("Plain text; a blank line starts a paragraph."))
    effective_on = models.DateField(
        _("in effect from"),
        help_text=_("From this day the public sees this version instead of the one before."),
    )
    # The time limits this version promises, copied from the deadline settings
    # when it is written: a later change of settings must not rewrite a version
    # already published (it calls for a new version).
    report_back_days = models.PositiveSmallIntegerField(
        _("report back within (days)"), editable=False
    )
    resolve_days_general = models.PositiveSmallIntegerField(
        _("resolution target for general complaints (days)"), editable=False
    )
    resolve_days_corruption = models.PositiveSmallIntegerField(
        _("resolution target for corruption reports (days)"), editable=False
    )
    resolve_days_other = models.PositiveSmallIntegerField(
        _("resolution target for suggestions, compliments and questions (days)"), editable=False
    )
    day_count = models.CharField(
        _("count days as"),
        max_length=10,
        choices=FeedbackSettings.DayCount,
        editable=False,
    )

    TIME_LIMIT_FIELDS = (
        "report_back_days",
        "resolve_days_general",
        "resolve_days_corruption",
        "resolve_days_other",
        "day_count",
    )

    history = HistoricalRecords()
    objects = HandlingManualQuerySet.as_manager()

    class Meta:
        ordering = ["-version"]
        verbose_name = _("complaint-handling manual")
        verbose_name_plural = _("complaint-handling manual")

    def __str__(self):
        return str(
            _("%(title)s, version %(version)s") % {"title": self.title, "version": self.version}
        )

    def save(self, *args, **kwargs):
        if self.version is None:
            # Numbered in order of writing; two editors saving at once get two
            # numbers (feedback.models.counter), never two version 3s.
            def highest():
                return HandlingManual.objects.aggregate(last=models.Max("version"))["last"] or 0

            self.version = Counter.objects.take("manual", floor=highest)
        if self._state.adding:
            self.time_limits_take(FeedbackSettings.objects.current())
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("feedback:manual_version", kwargs={"version": self.version})

    @property
    def counts_working_days(self):
        return self.day_count == FeedbackSettings.DayCount.WORKING

    def time_limits_take(self, config):
        """Fill the time limits this version has not set from the settings `config`."""
        for name in self.TIME_LIMIT_FIELDS:
            if getattr(self, name) in (None, ""):
                setattr(self, name, getattr(config, name))
        return self

    def is_in_effect(self, *, today=None):
        return self.effective_on <= (today or timezone.localdate())

    def time_limits_differ(self, config):
        """Whether the deadline settings `config` no longer match this version's promises."""
        return any(getattr(self, n) != getattr(config, n) for n in self.TIME_LIMIT_FIELDS)

    def clean(self):
        previous = HandlingManual.objects.exclude(pk=self.pk)
        if self.pk:
            previous = previous.filter(version__lt=self.version)
        latest = previous.order_by("-version").first()
        if latest and self.effective_on and self.effective_on < latest.effective_on:
            raise ValidationError(
                {
                    "effective_on": _(
                        "A new version cannot take effect before version %(version)s "
                        "(in effect from %(day)s)."
                    )
                    % {
                        "version": latest.version,
                        "day": thai.display_date(latest.effective_on),
                    }
                }
            )
