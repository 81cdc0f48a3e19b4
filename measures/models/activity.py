from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, Sum
from django.db.models.deletion import ProtectedError
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from measures.models.measure import validate_day_in_fiscal_years
from measures.models.publication import EverPublic
from portal.lib.uploads import evidence_upload_to, validate_evidence_file


def participation_budget_threshold() -> Decimal:
    """Seed 004 §5: a project "มูลค่าเกินกว่า 10 ล้านบาท" (more than, so exactly
    10 M does not count) or of major policy needs the participation of
    citizens or the private sector (ภาคประชาชนหรือภาคเอกชน). The amount is a
    setting: agencies announce their own."""
    return Decimal(settings.PORTAL_PARTICIPATION_BUDGET_BAHT)


def _recorded(value):
    return bool(value.strip() if isinstance(value, str) else value)


class ActivityQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def with_participant_totals(self):
        return self.annotate(
            participants_total=Coalesce(Sum("participations__count"), 0),
            external_participants=Coalesce(
                Sum("participations__count", filter=Q(participations__group__is_external=True)),
                0,
            ),
            citizen_or_private_participants=Coalesce(
                Sum(
                    "participations__count",
                    filter=Q(participations__group__is_citizen_or_private_sector=True),
                ),
                0,
            ),
        )

    def needing_participation(self):
        """Seed 004 §5: projects of major policy or over the budget threshold."""
        return self.filter(Q(budget__gt=participation_budget_threshold()) | Q(is_major_policy=True))

    def large_budget_without_participation(self):
        """Seed 004 §5 projects with no citizen or private-sector participants
        recorded (other agencies or teachers taking part do not count)."""
        return (
            self.with_participant_totals()
            .needing_participation()
            .filter(citizen_or_private_participants=0)
        )

    def lacking_ita_elements(self):
        """Rows missing any of the four ITA elements: the issue, who took part,
        what came out of it, how the results were used."""
        return self.with_participant_totals().filter(
            Q(subject="") | Q(participants_total=0) | Q(results="") | Q(use_of_results="")
        )


class Activity(EverPublic):
    """A participation activity or project, with the four ITA elements: the
    issue, who took part, what came out of it and how it was used."""

    class Level(models.TextChoices):
        # IAP2 spectrum, with the Thai labels of government texts (seeds 002, 003).
        INFORM = "inform", _("Inform")
        CONSULT = "consult", _("Consult")
        INVOLVE = "involve", _("Involve")
        COLLABORATE = "collaborate", _("Collaborate")
        EMPOWER = "empower", _("Empower")

    class Stage(models.TextChoices):
        PLAN = "plan", _("Planning")
        IMPLEMENT = "implement", _("Implementation")
        MONITOR = "monitor", _("Monitoring and evaluation")
        IMPROVE = "improve", _("Improving the work")

    class Method(models.TextChoices):
        MEETING = "meeting", _("Meeting or seminar")
        HEARING = "hearing", _("Public hearing")
        SURVEY = "survey", _("Opinion survey")
        WORKING_GROUP = "working_group", _("Working group")
        ONLINE = "online", _("Online consultation")
        EXHIBITION = "exhibition", _("Exhibition")
        TRAINING = "training", _("Workshop or training")
        FIELD_VISIT = "field_visit", _("Field visit")
        OTHER = "other", _("Other")

    title = models.CharField(_("activity or project"), max_length=255)
    mission_group = models.ForeignKey(
        "measures.MissionGroup",
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("mission group"),
    )
    clause = models.ForeignKey(
        "measures.Clause",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("measure clause implemented"),
    )
    subject = models.TextField(_("issue"), help_text=_("What the participants were asked about."))
    level = models.CharField(_("participation level (IAP2)"), max_length=20, choices=Level)
    stage = models.CharField(_("stage"), max_length=20, choices=Stage, default=Stage.IMPLEMENT)
    method = models.CharField(_("method"), max_length=20, choices=Method, default=Method.MEETING)
    held_on = models.DateField(_("date"), validators=[validate_day_in_fiscal_years])
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=255, blank=True)
    budget = models.DecimalField(
        _("budget (baht)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    is_major_policy = models.BooleanField(
        _("project of major policy or mission"),
        default=False,
        help_text=_(
            "Seed 004 §5: such a project needs citizens or the private sector to take "
            "part, whatever its budget."
        ),
    )
    results = models.TextField(_("results"), blank=True, help_text=_("What came out of it."))
    use_of_results = models.TextField(
        _("how the results were used"),
        blank=True,
        help_text=_("How the results improved the agency's work; list each change below too."),
    )
    is_published = models.BooleanField(
        _("shown on the website"),
        default=True,
        help_text=_(
            "Once shown, its web address stays: if you hide it later, the page says "
            "it was withdrawn."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()
    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("participation activity")
        verbose_name_plural = _("participation activities")
        indexes = [models.Index(fields=["held_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(budget__gte=0),
                name="activity_budget_not_negative",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("measures:activity_detail", kwargs={"pk": self.pk})

    @property
    def needs_participation(self):
        over_budget = self.budget is not None and self.budget > participation_budget_threshold()
        return over_budget or self.is_major_policy

    @property
    def lacks_required_participation(self):
        """Seed 004 §5, for one row annotated by `with_participant_totals()`."""
        return bool(self.needs_participation and not self.citizen_or_private_participants)

    def missing_ita_elements(self, *, participants_total=None):
        """The labels of the four ITA elements not recorded; for a row annotated
        by `with_participant_totals()` unless the total is given."""
        if participants_total is None:
            participants_total = self.participants_total
        elements = [
            (self.subject, _("the issue")),
            (participants_total, _("who took part")),
            (self.results, _("what came out of it")),
            (self.use_of_results, _("how the results were used")),
        ]
        return [label for value, label in elements if not _recorded(value)]

    @property
    def is_public(self):
        return self.is_published

    def delete(self, *args, **kwargs):
        if self.was_ever_public:
            # ITA assessors open evidence URLs months later, as for measures.
            raise ProtectedError(
                _("An activity once shown on the website is never deleted; hide it instead."),
                {self},
            )
        return super().delete(*args, **kwargs)


class Participation(models.Model):
    """How many people of one stakeholder group took part (ITA needs counts only)."""

    activity = models.ForeignKey(
        Activity,
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=_("activity"),
    )
    group = models.ForeignKey(
        "measures.StakeholderGroup",
        on_delete=models.PROTECT,
        related_name="participations",
        verbose_name=_("stakeholder group"),
    )
    count = models.PositiveIntegerField(_("number of participants"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["group__position", "group__name"]
        verbose_name = _("participants")
        verbose_name_plural = _("participants by stakeholder group")
        constraints = [
            models.UniqueConstraint(fields=["activity", "group"], name="participation_unique_group")
        ]

    def __str__(self):
        return f"{self.group}: {self.count}"


class EvidenceFile(models.Model):
    """A photo, the minutes or another document proving the activity took place."""

    class Kind(models.TextChoices):
        PHOTO = "photo", _("Photo")
        MINUTES = "minutes", _("Minutes")
        DOCUMENT = "document", _("Other document")

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("activity")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.PHOTO)
    file = models.FileField(
        _("file"),
        upload_to=evidence_upload_to,
        max_length=200,
        validators=[validate_evidence_file],
        help_text=_("JPEG, PNG or WebP photos, or PDF documents; at most 10 MB."),
    )
    preview = models.ImageField(
        _("preview"),
        upload_to=evidence_upload_to,
        max_length=200,
        blank=True,
        editable=False,
        help_text=_("A small copy of a photo for pages and the annual report."),
    )
    caption = models.CharField(
        _("caption"),
        max_length=300,
        help_text=_("What it shows; for photos the date, time and place go in their own fields."),
    )
    taken_at = models.DateTimeField(
        _("date and time"),
        null=True,
        blank=True,
        validators=[validate_day_in_fiscal_years],
        help_text=_("Required for photos."),
    )
    place = models.CharField(
        _("place"), max_length=255, blank=True, help_text=_("Required for photos.")
    )
    note_taker = models.CharField(
        _("note-taker"), max_length=200, blank=True, help_text=_("Required for minutes.")
    )
    attendees = models.TextField(
        _("attendees"),
        blank=True,
        help_text=_("Required for minutes: who attended (names or groups)."),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["activity", "position", "pk"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self):
        return self.caption

    def clean(self):
        # ITA evidence must show when and where a photo was taken and who took
        # and attended the minutes. Asked of new uploads only: rows recorded
        # before the rule stay valid and keep their page.
        if not self._state.adding:
            return
        required = {
            self.Kind.PHOTO: {
                "taken_at": _("Give the date and time the photo was taken."),
                "place": _("Give the place where the photo was taken."),
            },
            self.Kind.MINUTES: {
                "note_taker": _("Name who took the minutes."),
                "attendees": _("List who attended the meeting (names or groups)."),
            },
        }.get(self.kind, {})
        missing = {}
        for name, message in required.items():
            value = getattr(self, name)
            if value is None or (isinstance(value, str) and not value.strip()):
                missing[name] = message
        if missing:
            raise ValidationError(missing)

    @property
    def is_image(self):
        return self.kind == self.Kind.PHOTO

    @property
    def shown(self):
        """The file to show in a page: the preview of a photo when there is one."""
        return self.preview or self.file


class Attendee(models.Model):
    """A named participant, kept only when the attendance list matters.

    ITA needs counts by group only (Participation). Names are personal data
    (PDPA B.E. 2562): collected as the minimum, shown publicly only with the
    person's consent, recorded with the privacy-notice version and time, and
    kept out of history copies.
    """

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="attendees", verbose_name=_("activity")
    )
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation or role"), max_length=200, blank=True)
    group = models.ForeignKey(
        "measures.StakeholderGroup",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("stakeholder group"),
    )
    consent_to_publish = models.BooleanField(_("agrees to have the name published"), default=False)
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    notice_version = models.CharField(_("privacy notice version"), max_length=20, blank=True)

    class Meta:
        ordering = ["activity", "pk"]
        verbose_name = _("named attendee")
        verbose_name_plural = _("named attendance list")
        constraints = [
            models.CheckConstraint(
                condition=Q(consent_to_publish=False) | Q(consent_at__isnull=False),
                name="attendee_consent_has_time",
            )
        ]

    def __str__(self):
        return self.name
