"""A citizen's request to see, correct or erase the personal data the portal
holds about them (PDPA B.E. 2562 s.30 access, s.35 correction, s.33 erasure).

The request is the record that it was asked and answered in time: kind, the
case(s) it concerns, when it came, the legal 30-day clock and the answer. It
holds no copy of the personal data itself; what the citizen wrote in it is
kept out of the history copies, and erased with the rest.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from feedback.models.case_queries import deadline_state, past_soon
from portal.lib import roles

# PDPA s.30 para 3: the controller acts on a request within 30 days of receiving it.
ANSWER_DAYS = 30


class DataRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=self.model.Status.RECEIVED)

    def visible_to(self, user):
        """Who may know of a request: only those who may see complainants'
        details (the triage and integrity roles), since a request names a case's
        reporter. A request about a corruption report is the integrity role's
        alone, like the report itself (Case.objects.visible_to)."""
        if not roles.handles_cases(user):
            return self.none()
        if roles.in_sealed_role(user):
            return self
        from feedback.models.case import Case

        return self.exclude(cases__stream=Case.Stream.CORRUPTION)

    @staticmethod
    def _past(day):
        return Q(due_on__lt=day)

    def with_deadline_state(self, *, today, soon_days):
        """Each request with `deadline_state`, by the same rule as the cases'."""
        return self.annotate(
            deadline_state=deadline_state(
                past=self._past,
                finished=~Q(status=self.model.Status.RECEIVED),
                today=today,
                soon_days=soon_days,
            )
        )

    def deadline_counts(self, *, today, soon_days):
        """{"overdue": n, "due_soon": m} of the open requests, in one query."""
        return self.open().aggregate(
            overdue=models.Count("pk", filter=self._past(today)),
            due_soon=models.Count("pk", filter=past_soon(self._past, today, soon_days)),
        )

    def for_case(self, case):
        """The requests shown to whoever holds `case`'s tracking code. Not one
        that also covers a corruption report when `case` is not one: anybody
        may type somebody's e-mail address on a complaint, and that address's
        owner's request (feedback.data_request_links) then covers it too; its
        holder must not learn that the owner filed a corruption report."""
        rows = self.filter(cases=case)
        if not case.is_corruption:
            from feedback.models.case import Case

            rows = rows.exclude(cases__stream=Case.Stream.CORRUPTION)
        return rows.order_by("received_at", "pk")


class DataRequest(models.Model):
    class Kind(models.TextChoices):
        SEE = "see", _("See the personal data held about me")
        CORRECT = "correct", _("Correct my personal data")
        ERASE = "erase", _("Erase my personal data")

    class Channel(models.TextChoices):
        TRACKING = "tracking", _("Case tracking page")
        FORM = "form", _("Personal data request form")
        # Asked by contact address, confirmed by the link mailed there
        # (feedback.data_request_links).
        LINK = "link", _("Contact address, confirmed by a one-time link")
        # Recorded by an officer (feedback.data_requests.data_request_record):
        PAPER = "paper", _("Paper form")
        COUNTER = "counter", _("In person at the counter")
        EMAIL = "email", _("E-mail")
        LETTER = "letter", _("Letter")

    # The ways a citizen files on the site (holding their tracking code and PIN,
    # or the mailbox of the address on their cases); the others are recorded by
    # staff, who check the person's identity.
    WEB_CHANNELS = (Channel.TRACKING, Channel.FORM, Channel.LINK)

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received, being handled")
        DONE = "done", _("Done")
        REFUSED = "refused", _("Refused")

    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"), editable=False)
    number = models.PositiveIntegerField(_("request number"), editable=False)
    kind = models.CharField(_("request"), max_length=10, choices=Kind)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel)
    cases = models.ManyToManyField(
        "feedback.Case", related_name="data_requests", verbose_name=_("cases concerned")
    )
    details = models.TextField(
        _("what the person asked"),
        max_length=3000,
        blank=True,
        help_text=_("For a correction: what is wrong and what it should be."),
    )
    requester_name = models.CharField(
        _("name of the person asking"),
        max_length=200,
        blank=True,
        help_text=_("Requests received on paper, at the counter or by e-mail."),
    )
    identity_check = models.CharField(
        _("how the identity was checked"),
        max_length=300,
        blank=True,
        help_text=_(
            "For example: ID card shown at the counter, signed letter matching the case. "
            "Do not type the ID card number."
        ),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    due_on = models.DateField(_("answer by"), help_text=_("30 days after receipt (PDPA s.30)."))
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.RECEIVED)
    answer = models.TextField(
        _("answer to the citizen"),
        max_length=3000,
        blank=True,
        help_text=_("Shown to the citizen on the tracking page. A refusal gives its legal ground."),
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )

    history = HistoricalRecords(excluded_fields=["details", "requester_name"])
    objects = DataRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("personal data request")
        verbose_name_plural = _("personal data requests")
        constraints = [
            models.UniqueConstraint(fields=["fiscal_year", "number"], name="data_request_number"),
            models.CheckConstraint(
                condition=Q(status="received") | Q(answered_at__isnull=False),
                name="data_request_answered_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="refused") | ~Q(answer=""),
                name="data_request_refusal_has_reason",
            ),
            # PDPA s.30: the controller answers the person concerned; a request
            # not made on the site (code and PIN, or the mailed link) says how
            # that was checked.
            models.CheckConstraint(
                condition=Q(channel__in=["tracking", "form", "link"]) | ~Q(identity_check=""),
                name="data_request_recorded_identity_checked",
            ),
        ]
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self):
        return f"{self.reference} {self.get_kind_display()}"

    @property
    def reference(self):
        """The number the citizen quotes: distinct from a case's register number."""
        return f"PDPA-{self.fiscal_year}-{self.number:04d}"

    @property
    def is_open(self):
        return self.status == self.Status.RECEIVED

    @property
    def recorded_by_staff(self):
        return self.channel not in self.WEB_CHANNELS

    @property
    def shows_held_data(self):
        """A request to see that was done: the tracking page shows what is held."""
        return self.kind == self.Kind.SEE and self.status == self.Status.DONE


class DataRequestLink(models.Model):
    """A request asked by contact address, waiting for the one-time link mailed
    to that address to be confirmed (feedback.data_request_links).

    Once used, it keeps only the address, until the request's answer is mailed
    there (then blanked); an unused link is deleted once expired.
    """

    email = models.EmailField(_("e-mail"), blank=True)
    kind = models.CharField(_("request"), max_length=10, choices=DataRequest.Kind)
    details = models.TextField(_("what the citizen wrote"), max_length=3000, blank=True)
    # Random and signed into the link: neither a guessed number nor a copy of
    # this table (without the secret key) opens a request.
    nonce = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("asked at"), default=timezone.now)
    used_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    data_request = models.ForeignKey(
        DataRequest, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("personal data request link")
        verbose_name_plural = _("personal data request links")
        indexes = [models.Index(fields=["created_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d %H:%M}"
