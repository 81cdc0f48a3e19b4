from django.db import models
from django.utils.translation import gettext_lazy as _


class ReminderRun(models.Model):
    """A scheduled mailing was queued for its day. The timers run on every
    host of a several-host install; the first to record the day sends, so each
    officer gets one e-mail, not one per host. `kind` tells the mailings
    apart: the daily deadline reminders, and the weekly to-do digest (its day
    is the Monday of the week)."""

    class Kind(models.TextChoices):
        DEADLINES = "deadlines", _("Deadline reminders")
        TODO_DIGEST = "todo_digest", _("Weekly to-do digest")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.DEADLINES)
    day = models.DateField(_("day"))
    queued_at = models.DateTimeField(_("queued at"), auto_now_add=True)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("reminder run")
        verbose_name_plural = _("reminder runs")
        constraints = [
            models.UniqueConstraint(fields=["kind", "day"], name="reminder_run_once_per_kind_day")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.day}"

    @classmethod
    def first_for(cls, *, kind, day):
        """Record the mailing of `kind` for `day`; True for the one caller
        (of every host) that recorded it first and so sends."""
        _run, first = cls.objects.get_or_create(kind=kind, day=day)
        return first
