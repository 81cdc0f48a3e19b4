import datetime as dt

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.lib.rendering import private_storage

# Twice what a 20 MB scan takes to read; an import still waiting then is lost.
READ_STALE_AFTER = dt.timedelta(minutes=10)


class MeasureImport(models.Model):
    """An announcement on its way in: the file or pasted text, what was read
    from it, and how far the task worker is. Staff review what was recognised
    beside the source and confirm; only then is a draft measure saved.

    Reading a scan takes about six seconds a page (Tesseract), so files are
    read by the worker, never in the request that uploaded them."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting to be read")
        READING = "reading", _("being read")
        READY = "ready", _("ready for review")
        FAILED = "failed", _("could not be read")
        SAVED = "saved", _("saved as a draft")

    upload = models.FileField(
        _("uploaded file"), storage=private_storage, upload_to="imports/", blank=True
    )
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.QUEUED)
    pages_done = models.PositiveSmallIntegerField(_("pages read"), default=0)
    pages_total = models.PositiveSmallIntegerField(_("pages"), default=0)
    # What was read (measures.documents.SourceText as plain data) and the page
    # images shown beside it (names in the private storage).
    source = models.JSONField(_("text read"), default=dict, blank=True)
    page_images = models.JSONField(_("page images"), default=list, blank=True)
    read_seconds = models.FloatField(_("reading time (seconds)"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    requested_at = models.DateTimeField(_("reading requested at"), default=timezone.now)
    measure = models.OneToOneField(
        "measures.Measure",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="import_record",
        verbose_name=_("measure"),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("announcement import")
        verbose_name_plural = _("announcement imports")

    def __str__(self):
        return self.file_name or f"#{self.pk}"

    def review_url(self):
        return reverse("admin:measures_measure_import_review", args=[self.pk])

    @property
    def is_waiting(self):
        return self.status in (self.Status.QUEUED, self.Status.READING)

    def needs_enqueue(self, *, now=None):
        """Still unread long after it was asked for: its task was lost (the
        worker stopped mid-way) and must be queued again."""
        return self.is_waiting and (now or timezone.now()) - self.requested_at > READ_STALE_AFTER
