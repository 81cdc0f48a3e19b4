from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from feedback.models.case_queries import CaseQuerySet
from feedback.storage import private_storage
from portal.lib import roles


class Case(models.Model):
    """One piece of feedback, whatever channel it came by."""

    class Stream(models.TextChoices):
        GENERAL = "general", _("General or service complaint")
        CORRUPTION = "corruption", _("Corruption or misconduct report")
        SUGGESTION = "suggestion", _("Suggestion")
        COMPLIMENT = "compliment", _("Compliment")
        QUESTION = "question", _("Question")

    class Channel(models.TextChoices):
        WEBSITE = "website", _("Website")
        PHONE = "phone", _("Telephone")
        LETTER = "letter", _("Letter")
        BOX = "box", _("Suggestion box")
        WALK_IN = "walk_in", _("In person")
        EMAIL = "email", _("E-mail")
        SOCIAL = "social", _("Social media")
        ACTIVITY = "activity", _("Participation activity")
        CENTRE_1111 = "centre_1111", _("Referral from the 1111 centre")
        DAMRONGTHAM = "damrongtham", _("Referral from the Damrongtham centre")
        NACC = "nacc", _("Referral from the NACC")

    REFERRAL_CHANNELS = (Channel.CENTRE_1111, Channel.DAMRONGTHAM, Channel.NACC)

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        ACCEPTED = "accepted", _("Accepted")
        NOT_ACCEPTED = "not_accepted", _("Not accepted")
        ASSIGNED = "assigned", _("Assigned")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")
        REFERRED = "referred", _("Referred to another agency")
        CLOSED = "closed", _("Case closed")

    class Ground(models.TextChoices):
        BEFORE_COURT = "before_court", _("Already before a court or decided by one")
        MONARCHY = "monarchy", _("Concerns the monarchy")
        OTHER_AGENCY = "other_agency", _("Already decided by another agency")
        TOO_VAGUE = "too_vague", _("Too vague to investigate")

    COMPLAINT_STREAMS = (Stream.GENERAL, Stream.CORRUPTION)
    # The field lists every form and the admin share: how a case came in, and
    # what the citizen told (the public form, staff typing in a phone call or
    # letter, and the read-only case page all use them).
    RECEIPT_FIELDS = ("stream", "channel", "incoming_reference", "received_at")
    CITIZEN_FIELDS = ("subject", "details", "remedy_sought", "incident_on", "mission_group")
    FINISHED_STATUSES = (Status.NOT_ACCEPTED, Status.COMPLETED, Status.REFERRED, Status.CLOSED)

    # The one table of the workflow: from each status, the statuses it may go to.
    TRANSITIONS = {
        Status.RECEIVED: (Status.ACCEPTED, Status.NOT_ACCEPTED, Status.REFERRED),
        Status.ACCEPTED: (Status.ASSIGNED, Status.REFERRED),
        Status.ASSIGNED: (Status.ASSIGNED, Status.IN_PROGRESS, Status.REFERRED),
        Status.IN_PROGRESS: (Status.COMPLETED, Status.REFERRED),
        Status.COMPLETED: (Status.CLOSED,),
        Status.NOT_ACCEPTED: (Status.CLOSED,),
        Status.REFERRED: (Status.CLOSED,),
        Status.CLOSED: (),
    }

    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"), editable=False)
    number = models.PositiveIntegerField(_("register number"), editable=False)
    pin = models.CharField(_("PIN"), max_length=8, editable=False)
    stream = models.CharField(_("type"), max_length=20, choices=Stream, default=Stream.GENERAL)
    channel = models.CharField(
        _("channel"), max_length=20, choices=Channel, default=Channel.WEBSITE
    )
    incoming_reference = models.CharField(
        _("referral reference"),
        max_length=100,
        blank=True,
        help_text=_("The number given by the 1111 centre, Damrongtham centre or NACC."),
    )
    category = models.ForeignKey(
        "feedback.Category",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("category"),
    )
    subject = models.CharField(_("subject"), max_length=200)
    details = models.TextField(_("details"), max_length=10000)
    remedy_sought = models.TextField(_("remedy sought"), max_length=3000, blank=True)
    incident_on = models.DateField(_("date of the incident"), null=True, blank=True)
    mission_group = models.ForeignKey(
        "measures.MissionGroup",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("mission group concerned"),
    )
    is_anonymous = models.BooleanField(_("anonymous"), default=False)
    certified_true = models.BooleanField(_("facts certified true"), default=False)
    privacy_notice_version = models.CharField(
        _("privacy notice version"), max_length=20, blank=True
    )
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    report_back_due_on = models.DateField(_("report back by"))
    resolve_due_on = models.DateField(_("resolve by"))

    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.RECEIVED)
    not_accepted_ground = models.CharField(
        _("ground for not accepting"), max_length=20, choices=Ground, blank=True
    )
    assigned_group = models.ForeignKey(
        "measures.MissionGroup",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned mission group"),
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible officer"),
    )
    outcome = models.TextField(_("outcome"), blank=True)
    referred_to = models.CharField(_("referred to"), max_length=255, blank=True)
    referred_on = models.DateField(_("referred on"), null=True, blank=True)
    referral_reference = models.CharField(_("referral letter number"), max_length=100, blank=True)
    screened_at = models.DateTimeField(_("screened at"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    first_replied_on = models.DateField(_("first reply on"), null=True, blank=True)
    improvements = models.ManyToManyField(
        "measures.Improvement",
        blank=True,
        related_name="feedback_cases",
        verbose_name=_("improvements it led to"),
    )
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    text_fingerprint = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    personal_data_purged_at = models.DateTimeField(
        _("personal data removed at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the reporter's details and the attachments were removed (PDPA)."),
    )

    history = HistoricalRecords(
        excluded_fields=["pin", "submission_token", "text_fingerprint"],
        m2m_fields=[improvements],
    )
    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        permissions = [
            ("view_reporter_identity", _("Can see who filed a corruption report")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["fiscal_year", "number"], name="case_register_number"),
            models.CheckConstraint(
                condition=~Q(status="not_accepted") | ~Q(not_accepted_ground=""),
                name="case_not_accepted_has_ground",
            ),
            models.CheckConstraint(
                condition=~Q(status="referred")
                | (~Q(referred_to="") & Q(referred_on__isnull=False)),
                name="case_referral_has_agency_and_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="completed") | Q(completed_at__isnull=False),
                name="case_completed_has_date",
            ),
        ]
        indexes = [
            models.Index(fields=["stream", "received_at"]),
            models.Index(fields=["status", "resolve_due_on"]),
            # The queues' order (`ordering` and the admin's tie-break on pk):
            # a page of the list is read from the index, never a sort of them all.
            models.Index(fields=["received_at", "id"], name="case_list_order"),
            # The queues' overdue / due-soon counts read open cases only, from
            # the index alone (the statuses are FINISHED_STATUSES, checked in
            # tests/feedback/test_case_list_scale.py).
            models.Index(
                fields=["resolve_due_on", "report_back_due_on", "first_replied_on", "stream"],
                condition=~Q(status__in=["not_accepted", "completed", "referred", "closed"]),
                name="case_open_deadlines",
            ),
        ]

    def __str__(self):
        return f"{self.tracking_number} {self.subject}"

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        case = super().from_db(db, field_names, values, **kwargs)
        # The date received as read, so a correction moves the case between
        # two months' tallies (feedback.tallies) without reading it again.
        case.received_at_loaded = case.__dict__.get("received_at")
        return case

    @property
    def tracking_number(self):
        """The register number staff use: fiscal year and running number."""
        return f"{self.fiscal_year}-{self.number:05d}"

    @property
    def tracking_code(self):
        """What the citizen keeps: register number plus a random PIN."""
        return f"{self.tracking_number}-{self.pin}"

    @property
    def tracking_link(self):
        """The tracking page's address with the code filled in, for the receipt's
        QR code and the citizen's mails. The code travels after "#", which a
        browser never sends: it stays out of web-server and proxy logs, where
        anyone who reads them could otherwise read the office's replies."""
        return f"{settings.SITE_URL}{reverse('feedback:track')}#code={self.tracking_code}"

    @staticmethod
    def parse_tracking_code(code):
        parts = "".join(str(code or "").split()).upper().split("-")
        if len(parts) != 3 or not (parts[0].isdigit() and parts[1].isdigit()):
            return None
        if len(parts[0]) != 4 or not 1 <= len(parts[1]) <= 7 or len(parts[2]) > 8:
            return None
        return int(parts[0]), int(parts[1]), parts[2]

    @property
    def is_corruption(self):
        return self.stream == self.Stream.CORRUPTION

    @property
    def is_finished(self):
        return self.status in self.FINISHED_STATUSES

    @property
    def was_not_accepted(self):
        """Refused at screening, whether closed since or not: completing and referring
        both set `completed_at`, so a case closed without it was not accepted.
        (The same rule as `feedback.statistics.NOT_ACCEPTED`.)"""
        return self.status == self.Status.NOT_ACCEPTED or (
            self.status == self.Status.CLOSED and self.completed_at is None
        )

    def allowed_next(self):
        return self.TRANSITIONS[self.status]

    def reporter_visible_to(self, user):
        """Who may see the complainant's details and attachments. Corruption
        reporters: the integrity role only (anti-retaliation), not a superuser
        as such. Other cases: those who handle cases (triage, integrity) and the
        officer the case is assigned to, not the roles that only read cases
        (least privilege, PDPA s.37: see portal.lib.roles)."""
        if self.is_corruption:
            return roles.in_sealed_role(user)
        return roles.handles_cases(user) or (
            self.assigned_to_id is not None and self.assigned_to_id == user.pk
        )

    @property
    def admin_url_name(self):
        """Corruption reports live in their own admin queue."""
        model = "corruptionreport" if self.is_corruption else "case"
        return f"admin:feedback_{model}_change"

    def public_stage(self):
        """The stage shown to the citizen (the same words as the statistics)."""
        return self.get_status_display()


class CorruptionReport(Case):
    """The corruption channel's own admin queue (same table, corruption stream only)."""

    class Meta:
        proxy = True
        ordering = ["-received_at"]
        verbose_name = _("corruption report")
        verbose_name_plural = _("corruption reports")
        permissions = [
            ("work_corruption_queue", _("Can handle corruption reports")),
        ]


def _history_for_proxy(sender, instance, created, raw=False, using=None, **kwargs):
    # simple-history listens for saves of Case only; a save through the proxy
    # (the corruption queue) must land in the same case history.
    models.signals.post_save.send(
        sender=Case,
        instance=instance,
        created=created,
        raw=raw,
        using=using,
        update_fields=kwargs.get("update_fields"),
    )


models.signals.post_save.connect(_history_for_proxy, sender=CorruptionReport)
# The history admin looks the manager up on the model it serves: the proxy's is Case's.
CorruptionReport._meta.simple_history_manager_attribute = (
    Case._meta.simple_history_manager_attribute
)


class Reporter(models.Model):
    """Who filed a case, kept apart from the case so it can be hidden and purged."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="reporter")
    name = models.CharField(_("name"), max_length=200, blank=True)
    phone = models.CharField(_("telephone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.TextField(_("address"), max_length=1000, blank=True)

    CONTACT_FIELDS = ("name", "phone", "email", "address")

    class Meta:
        verbose_name = _("reporter")
        verbose_name_plural = _("reporters")

    def __str__(self):
        return self.name or str(_("(no name given)"))


def attachment_path(instance, filename):
    return f"{instance.case.fiscal_year}/{instance.case.number:05d}/{filename}"


class Attachment(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path, storage=private_storage)
    original_name = models.CharField(_("original name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("feedback:attachment", kwargs={"pk": self.pk})
