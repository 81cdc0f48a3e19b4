from django.db import models
from django.utils.translation import gettext_lazy as _


class ReminderRun(models.Model):
    """The day's deadline reminders were queued. The daily timer runs on every
    host of a several-host install; the first to record the day sends, so each
    officer gets one e-mail, not one per host."""

    day = models.DateField(_("day"), unique=True)
    queued_at = models.DateTimeField(_("queued at"), auto_now_add=True)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("reminder run")
        verbose_name_plural = _("reminder runs")

    def __str__(self):
        return str(self.day)
