from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.lib import thai
from portal.lib.rendering import PdfRendering


class AnnualReportQuerySet(models.QuerySet):
    def published(self):
        """Years with an approved version (stored, or still being prepared)."""
        return self.filter(versions__isnull=False).distinct()


class AnnualReportVersionQuerySet(models.QuerySet):
    def published(self):
        """Versions whose PDF and HTML twin are stored: the only ones linked."""
        return self.filter(published_at__isnull=False)

    def pending(self):
        """Approved versions the task worker has not stored yet."""
        return self.filter(published_at__isnull=True)


class AnnualReport(models.Model):
    """What staff write for one fiscal year's report; its figures come from the records."""

    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year (B.E.)"),
        unique=True,
        validators=[
            MinValueValidator(thai.FIRST_PLAUSIBLE_YEAR),
            MaxValueValidator(thai.LAST_PLAUSIBLE_YEAR),
        ],
        help_text=_("Named by the Buddhist-Era year in which it ends, e.g. 2569."),
    )
    analysis = models.TextField(
        _("analysis of the year"),
        blank=True,
        help_text=_("What went well, what did not, and why. One paragraph per line."),
    )
    recommendations = models.TextField(
        _("recommendations for next fiscal year"),
        blank=True,
        help_text=_("One recommendation per line."),
    )
    thai_digits = models.BooleanField(
        _("Thai digits"), default=True, help_text=_("Print figures and dates with ๐–๙.")
    )
    approval_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approval requested by"),
    )
    approval_requested_at = models.DateTimeField(_("approval requested at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    history = HistoricalRecords()
    objects = AnnualReportQuerySet.as_manager()

    class Meta:
        ordering = ["-fiscal_year"]
        verbose_name = _("annual participation report")
        verbose_name_plural = _("annual participation reports")
        permissions = [
            ("approve_annualreport", _("Can approve and publish the annual report")),
        ]

    def __str__(self):
        return _("Annual participation report, fiscal year %(year)s") % {"year": self.fiscal_year}

    def get_absolute_url(self):
        return reverse("portal:report_detail", args=[self.fiscal_year])


class AnnualReportVersion(models.Model):
    """An approved version; once its PDF is stored, the published evidence.

    Records change after the year ends (a late reply, a corrected date); the
    file stored here does not, so what the assessor downloads is what the
    director signed. A new approval adds a version beside the old ones.

    The approval is recorded at once; the PDF (a large year is a few hundred
    pages and ten seconds or more of WeasyPrint) is rendered by the task worker, which
    fills `pdf`, `html`, `sha256` and `published_at`. Until then the version
    is pending and no page links a file.
    """

    report = models.ForeignKey(
        AnnualReport,
        on_delete=models.PROTECT,
        related_name="versions",
        verbose_name=_("report"),
    )
    number = models.PositiveSmallIntegerField(_("version"))
    half = models.BooleanField(
        _("first half only"), default=False, help_text=_("1 October – 31 March.")
    )
    pdf = models.FileField(_("PDF"), upload_to="reports/", max_length=200, blank=True)
    html = models.TextField(
        _("HTML version"), blank=True, help_text=_("The accessible twin of the PDF.")
    )
    sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("publication requested by"),
    )
    requested_at = models.DateTimeField(_("publication requested at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved at"))
    approver_name = models.CharField(_("name of the approving executive"), max_length=200)
    approver_position = models.CharField(_("position of the approving executive"), max_length=255)
    published_at = models.DateTimeField(
        _("published at"),
        null=True,
        blank=True,
        help_text=_("When the PDF was stored; empty while it is being prepared."),
    )

    objects = AnnualReportVersionQuerySet.as_manager()

    class Meta:
        ordering = ["-report__fiscal_year", "-number"]
        verbose_name = _("published report version")
        verbose_name_plural = _("published report versions")
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="report_version_unique"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="report_version_gte_1"),
            # Published means stored: a file, its twin and its checksum.
            models.CheckConstraint(
                condition=models.Q(published_at__isnull=True)
                | (~models.Q(pdf="") & ~models.Q(html="") & ~models.Q(sha256="")),
                name="report_version_published_is_stored",
            ),
        ]

    def __str__(self):
        return _("Fiscal year %(year)s, version %(number)s") % {
            "year": self.report.fiscal_year,
            "number": self.number,
        }

    def get_absolute_url(self):
        return reverse("portal:report_version_pdf", args=[self.report.fiscal_year, self.number])

    @property
    def is_stored(self):
        return self.published_at is not None


class AnnualReportPreview(PdfRendering):
    """A draft PDF of a year's report for staff to read before approval,
    typeset by the task worker.

    Its key stands for the draft's inputs (portal.report.services): building
    a year's figures and HTML takes seconds, too long for the request that
    asks; the worker builds them, and a content already typeset for an
    earlier key is served from the same file (`content_key`)."""

    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"))
    half = models.BooleanField(_("half-year report"), default=False)
    content_key = models.CharField(_("content hash"), max_length=64, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("draft PDF of the annual report")
        verbose_name_plural = _("draft PDFs of the annual report")
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "half", "key"], name="report_preview_once_per_content"
            )
        ]

    def __str__(self):
        return f"{self.fiscal_year}{' (half)' if self.half else ''} · {self.key[:12]}"

    def download_name(self):
        return f"report-{self.fiscal_year}{'-half' if self.half else ''}-draft.pdf"

    def file_name(self):
        return f"report-previews/{self.key[:16]}-{self.download_name()}"
