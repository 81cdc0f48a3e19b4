import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.deletion import ProtectedError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from measures.models.publication import EverPublic
from portal.lib import thai

# The oldest and newest fiscal years a document may name: ITA began in B.E. 2557;
# anything outside is a typing slip (often a Gregorian year typed as B.E.).
EARLIEST_FISCAL_YEAR = 2540
LATEST_FISCAL_YEAR_AHEAD = 5


def validate_fiscal_year(value):
    latest = thai.FiscalYear.current().be_year + LATEST_FISCAL_YEAR_AHEAD
    if value is not None and not EARLIEST_FISCAL_YEAR <= value <= latest:
        raise ValidationError(
            _("%(value)s is not a fiscal year we can accept (B.E. %(first)s–%(last)s)."),
            params={"value": value, "first": EARLIEST_FISCAL_YEAR, "last": latest},
            code="fiscal_year",
        )


def validate_day_in_fiscal_years(day):
    """A date must fall in a fiscal year we accept (catches B.E. typed as C.E. and slips).

    The message names the date in the Buddhist Era as the portal read it, so an
    officer who typed 2569 into a Gregorian field sees "พ.ศ. 3112" and the slip."""
    if day is not None:
        try:
            validate_fiscal_year(thai.FiscalYear.of(day).be_year)
        except ValidationError:
            raise ValidationError(
                _("The date %(day)s does not fall in any fiscal year we accept; check the year."),
                params={"day": thai.display_date(day, style="full")},
                code="fiscal_year",
            ) from None


# What a browser would read as a tag or comment: "<" then a letter or "/"
# ("<b>", "</p>", "<script src=…>", "<!--"). A "<" followed by a space or a
# digit, as in "งบประมาณ < 10 ล้านบาท", is prose and passes.
MARKUP_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>|<!--|<!\[CDATA\[")


def validate_no_markup(text):
    """The official text is printed as typed: a tag would appear as text in the
    PDF (or, pasted from a web page, carry a script), so none is accepted."""
    tag = MARKUP_RE.search(text) if text else None
    if tag:
        raise ValidationError(
            _(
                "Remove the HTML tags (such as %(tag)s): the announcement is printed "
                "exactly as typed."
            ),
            params={"tag": tag.group(0)[:40]},
            code="markup",
        )


class MeasureQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: published, superseded and archived (never drafts)."""
        return self.filter(status__in=Measure.PUBLIC_STATUSES)

    def in_force(self):
        return self.filter(status=Measure.Status.PUBLISHED)

    def not_in_force(self):
        return self.filter(status__in=[Measure.Status.SUPERSEDED, Measure.Status.ARCHIVED])

    def in_force_during(self, fiscal_year, period=None):
        """Public measures in force on at least one day of `fiscal_year` (a
        `thai.FiscalYear`), or of `period` within it (its first half): every
        limit recorded must allow it, the years stated in the measure, the
        day it was announced and the day it ended."""
        period = period or fiscal_year.period
        start, end = period.bounds()
        year = fiscal_year.be_year
        return self.published().filter(
            models.Q(fiscal_year_from__isnull=True) | models.Q(fiscal_year_from__lte=year),
            models.Q(fiscal_year_to__isnull=True) | models.Q(fiscal_year_to__gte=year),
            models.Q(announced_on__isnull=True) | models.Q(announced_on__lt=period.end),
            models.Q(ended_at__isnull=True) | models.Q(ended_at__gte=start),
            models.Q(announced_on__isnull=False) | models.Q(published_at__lt=end),
        )


class Measure(EverPublic):
    """A measure the agency announces (ประกาศ … เรื่อง มาตรการ …).

    Draft → approved by the director → published at a permanent URL. Once
    published it is never deleted: it is superseded by a successor or archived,
    and its page stays where assessors found it.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")
        PUBLISHED = "published", _("Published (in force)")
        SUPERSEDED = "superseded", _("Superseded")
        ARCHIVED = "archived", _("Archived")

    PUBLIC_STATUSES = (Status.PUBLISHED, Status.SUPERSEDED, Status.ARCHIVED)
    # What the director reads and signs (with the clauses): a change to any of
    # them after approval needs a new approval, and none changes once published.
    SIGNED_FIELDS = (
        "agency_name",
        "title",
        "preamble",
        "closing",
        "announced_on",
        "signatory_name",
        "signatory_position",
        "footer",
    )

    slug = models.SlugField(
        _("web address"),
        max_length=80,
        unique=True,
        help_text=_("Part of the permanent URL; it cannot change once the measure is published."),
    )
    agency_name = models.CharField(
        _("issued by"),
        max_length=255,
        validators=[validate_no_markup],
        help_text=_("As printed after the word ประกาศ."),
    )
    title = models.CharField(
        _("subject"),
        max_length=500,
        validators=[validate_no_markup],
        help_text=_("The text after เรื่อง."),
    )
    preamble = models.TextField(
        _("preamble"),
        blank=True,
        validators=[validate_no_markup],
        help_text=_("The legal basis. A new line starts a paragraph."),
    )
    closing = models.CharField(
        _("closing formula"),
        max_length=255,
        blank=True,
        default="จึงประกาศให้ทราบโดยทั่วกัน",
        validators=[validate_no_markup],
    )
    announced_on = models.DateField(
        _("announced on"), null=True, blank=True, validators=[validate_day_in_fiscal_years]
    )
    signatory_name = models.CharField(
        _("signed by"), max_length=200, blank=True, validators=[validate_no_markup]
    )
    signatory_position = models.CharField(
        _("position of the signatory"),
        max_length=255,
        blank=True,
        validators=[validate_no_markup],
    )
    footer = models.CharField(
        _("footer line"),
        max_length=255,
        blank=True,
        validators=[validate_no_markup],
        help_text=_("E.g. the agency's motto."),
    )
    fiscal_year_from = models.PositiveSmallIntegerField(
        _("in force from fiscal year (B.E.)"),
        null=True,
        blank=True,
        validators=[validate_fiscal_year],
    )
    fiscal_year_to = models.PositiveSmallIntegerField(
        _("in force until fiscal year (B.E.)"),
        null=True,
        blank=True,
        validators=[validate_fiscal_year],
        help_text=_("Leave empty while it stays in force."),
    )
    mission_groups = models.ManyToManyField(
        "measures.MissionGroup",
        blank=True,
        related_name="measures",
        verbose_name=_("mission groups"),
    )
    thai_digits = models.BooleanField(
        _("print Thai digits"), default=True, help_text=_("Use ๑ ๒ ๓ in the official PDF.")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.DRAFT)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    # As they were when the director approved: the PDF names who approved,
    # whatever the account is called later.
    approver_name = models.CharField(_("name of the approver"), max_length=200, blank=True)
    approver_position = models.CharField(_("position of the approver"), max_length=255, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    ended_at = models.DateTimeField(
        _("no longer in force since"),
        null=True,
        blank=True,
        help_text=_("Set when the measure is superseded or archived; printed on its PDF."),
    )
    superseded_by = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supersedes",
        verbose_name=_("superseded by"),
    )
    source_text = models.TextField(
        _("imported text"), blank=True, help_text=_("The pasted announcement it was built from.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(m2m_fields=[mission_groups])
    objects = MeasureQuerySet.as_manager()

    class Meta:
        ordering = ["-announced_on", "-pk"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        permissions = [("approve_measure", _("Can approve measures"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="draft")
                | models.Q(approved_by__isnull=False, approved_at__isnull=False),
                name="measure_approved_has_approver",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "approved"])
                | models.Q(published_at__isnull=False),
                name="measure_public_has_publication_date",
            ),
            models.CheckConstraint(
                condition=models.Q(fiscal_year_to__isnull=True)
                | models.Q(fiscal_year_from__isnull=True)
                | models.Q(fiscal_year_to__gte=models.F("fiscal_year_from")),
                name="measure_fiscal_years_in_order",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("measures:measure_detail", kwargs={"slug": self.slug})

    def get_pdf_url(self):
        return reverse("measures:measure_pdf", kwargs={"slug": self.slug})

    @property
    def is_public(self):
        return self.status in self.PUBLIC_STATUSES

    @property
    def is_approved(self):
        """Approved by the director and not yet published."""
        return self.status == self.Status.APPROVED

    @property
    def is_in_force(self):
        return self.status == self.Status.PUBLISHED

    @property
    def is_superseded(self):
        return self.status == self.Status.SUPERSEDED

    @property
    def is_archived(self):
        return self.status == self.Status.ARCHIVED

    def fiscal_years_in_force(self):
        """The fiscal years (B.E., newest first) this measure was in force,
        by the same limits as `MeasureQuerySet.in_force_during`."""
        current = thai.FiscalYear.current().be_year
        starts = [self.fiscal_year_from]
        starts += [thai.FiscalYear.of(day).be_year for day in (self.announced_on,) if day]
        if not self.announced_on and self.published_at:
            starts.append(thai.FiscalYear.of(self.published_at).be_year)
        ends = [self.fiscal_year_to, current]
        if self.ended_at:
            ends.append(thai.FiscalYear.of(self.ended_at).be_year)
        first = max((year for year in starts if year), default=current)
        last = min(year for year in ends if year)
        return list(range(last, first - 1, -1)) or [first]

    @property
    def preamble_paragraphs(self):
        return [line.strip() for line in self.preamble.splitlines() if line.strip()]

    def clean(self):
        if (
            self.fiscal_year_from
            and self.fiscal_year_to
            and self.fiscal_year_to < self.fiscal_year_from
        ):
            raise ValidationError(
                {"fiscal_year_to": _("The last fiscal year comes before the first one.")}
            )

    def delete(self, *args, **kwargs):
        if self.was_ever_public:
            # ITA assessors open evidence URLs months later: archive instead.
            raise ProtectedError(_("A published measure is never deleted; archive it."), {self})
        return super().delete(*args, **kwargs)


class Clause(models.Model):
    """One block of the announcement body, in order: a section heading, a
    paragraph, a numbered clause (๑.) or a lettered sub-item ((ก))."""

    class Kind(models.TextChoices):
        HEADING = "heading", _("Section heading")
        PARAGRAPH = "paragraph", _("Paragraph")
        CLAUSE = "clause", _("Numbered clause")
        ITEM = "item", _("Lettered sub-item")

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="clauses", verbose_name=_("measure")
    )
    position = models.PositiveIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.CLAUSE)
    label = models.CharField(
        _("number or letter"),
        max_length=10,
        blank=True,
        validators=[validate_no_markup],
        help_text=_("1, 2, 3 for clauses (printed in Thai digits if chosen); ก, ข for sub-items."),
    )
    text = models.TextField(_("text"), validators=[validate_no_markup])
    mission_group = models.ForeignKey(
        "measures.MissionGroup",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="clauses",
        verbose_name=_("mission group"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["measure", "position", "pk"]
        verbose_name = _("clause")
        verbose_name_plural = _("clauses")

    def __str__(self):
        # Clauses of different measures read alike ("๑. เผยแพร่ข้อมูล…"): the
        # measure's number tells them apart in the activity form's dropdown.
        clause = f"{self.display_label} {self.text[:60]}".strip()
        return f"{self.measure.slug} · {clause}"

    @property
    def is_heading(self):
        return self.kind == self.Kind.HEADING

    @property
    def is_numbered(self):
        return self.kind == self.Kind.CLAUSE

    @property
    def is_sub_item(self):
        return self.kind == self.Kind.ITEM

    @property
    def display_label(self):
        """The number as the measure prints it ("๑." when it uses Thai digits),
        so a page citing the clause reads like the announcement."""
        label = thai.thai_digits(self.label) if self.measure.thai_digits else self.label
        if self.kind == self.Kind.CLAUSE and label:
            return f"{label}."
        if self.kind == self.Kind.ITEM and label:
            return f"({label})"
        return ""
