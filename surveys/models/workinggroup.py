from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Count, Exists, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from measures.models import Policy
from measures.models.publication import EverPublic
from portal.lib import thai
from surveys.uploads import document_upload_to, validate_pdf


def _active_on(day, prefix=""):
    return Q(**{f"{prefix}started_on__lte": day}) & (
        Q(**{f"{prefix}ended_on__isnull": True}) | Q(**{f"{prefix}ended_on__gte": day})
    )


def _unreplaced_departures(on):
    """How many members of the group (OuterRef) left before `on` while the
    group's term runs, with nobody appointed to the same role since they
    left: a seat staff have to fill, or a departure to check."""
    successor = Membership.objects.filter(
        working_group=OuterRef("working_group"),
        role=OuterRef("role"),
        started_on__gte=OuterRef("ended_on"),
    ).exclude(pk=OuterRef("pk"))
    return (
        Membership.objects.filter(working_group=OuterRef("pk"), ended_on__lt=on)
        .filter(Q(working_group__term_end__isnull=True) | Q(working_group__term_end__gte=on))
        .exclude(Exists(successor))
        .order_by()
        .values("working_group")
        .annotate(n=Count("pk"))
        .values("n")
    )


class WorkingGroupQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def monitoring_committees(self):
        return self.filter(kind=WorkingGroup.Kind.MONITORING_COMMITTEE)

    def in_list_order(self):
        """Mission group by mission group, so each group's working groups sit
        together. Explicit because Django drops Meta.ordering from a query
        with COUNT annotations, and `{% regroup %}` relies on this order."""
        return self.order_by(
            "mission_group__position", "mission_group__name", "mission_group_id", "name", "pk"
        )

    def with_roster(self, *, on=None):
        """Counts staff need to spot a weak roster, computed by the database."""
        on = on or timezone.localdate()
        current = _active_on(on, "memberships__")
        return self.annotate(
            members_current=Count("memberships", filter=current, distinct=True),
            chairs=Count(
                "memberships",
                filter=current & Q(memberships__role=Membership.Role.CHAIR),
                distinct=True,
            ),
            secretaries=Count(
                "memberships",
                filter=current & Q(memberships__role__in=Membership.SECRETARY_ROLES),
                distinct=True,
            ),
            externals=Count(
                "memberships",
                filter=current & Q(memberships__stakeholder_group__is_external=True),
                distinct=True,
            ),
            members_unreplaced=Coalesce(Subquery(_unreplaced_departures(on)), 0),
        )


class WorkingGroup(EverPublic):
    """A working group (คณะทำงาน) of stakeholders appointed for a mission group."""

    class Kind(models.TextChoices):
        WORKING_GROUP = "working_group", _("Working group")
        # Seed 003, การกำกับและติดตาม: a committee that follows up the
        # mission groups' work; it records findings on improvements (Finding).
        MONITORING_COMMITTEE = "monitoring", _("Monitoring committee")

    mission_group = models.ForeignKey(
        "measures.MissionGroup",
        on_delete=models.PROTECT,
        related_name="working_groups",
        verbose_name=_("mission group"),
    )
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=Kind,
        default=Kind.WORKING_GROUP,
        help_text=_(
            "A monitoring committee follows up the improvements and records its findings on them."
        ),
    )
    slug = models.SlugField(
        _("web address"),
        max_length=80,
        unique=True,
        help_text=_("Part of the permanent public address; never change it once published."),
    )
    purpose = models.TextField(_("purpose and duties"), blank=True)
    clauses = models.ManyToManyField(
        "measures.Clause",
        blank=True,
        related_name="working_groups",
        verbose_name=_("measure clauses and duties carried out"),
        help_text=_(
            "The clauses of the measure, or the lettered duties of its framework, "
            "this group was appointed to carry out."
        ),
    )
    order_number = models.CharField(
        _("appointment order number"),
        max_length=60,
        blank=True,
        help_text=_("For example 123/2568."),
    )
    order_date = models.DateField(_("appointment order date"), null=True, blank=True)
    order_file = models.FileField(
        _("signed appointment order"),
        upload_to=document_upload_to,
        validators=[validate_pdf],
        blank=True,
        help_text=_(
            "PDF of the signed order, published on the public page. Upload a copy that "
            "names only the members who consented to publication, with other names "
            "blacked out."
        ),
    )
    term_start = models.DateField(_("term starts"))
    term_end = models.DateField(_("term ends"), null=True, blank=True)
    quorum_percent = models.PositiveSmallIntegerField(
        _("quorum (per cent of members)"),
        default=50,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("A meeting is quorate when at least this share of the members attend."),
    )
    is_published = models.BooleanField(_("published"), default=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    history = HistoricalRecords()
    objects = WorkingGroupQuerySet.as_manager()

    class Meta:
        ordering = ["mission_group__position", "name"]
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__isnull=True) | Q(term_end__gte=F("term_start")),
                name="workinggroup_term_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(quorum_percent__gte=1, quorum_percent__lte=100),
                name="workinggroup_quorum_is_a_share",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("surveys:workinggroup_detail", kwargs={"slug": self.slug})

    @property
    def is_public(self):
        return self.is_published

    @property
    def is_monitoring_committee(self):
        return self.kind == self.Kind.MONITORING_COMMITTEE

    @property
    def appointed_on(self):
        """The first day meetings can be held: the order, or the term without one."""
        return self.order_date or self.term_start

    def clean(self):
        if self.term_start and self.term_end and self.term_end < self.term_start:
            raise ValidationError({"term_end": _("The term cannot end before it starts.")})
        self._clean_appointment_before_meetings()
        self._clean_kind_keeps_findings()

    def _clean_kind_keeps_findings(self):
        # Findings are the committee's; an ordinary working group has none.
        if self.pk and not self.is_monitoring_committee and self.findings.exists():
            raise ValidationError(
                {
                    "kind": _(
                        "This committee has recorded findings on improvements, so it "
                        "stays a monitoring committee."
                    )
                }
            )

    def _clean_appointment_before_meetings(self):
        # A meeting must follow the appointment (Meeting.clean); moving the
        # appointment past a recorded meeting would leave that meeting uneditable.
        if self.pk is None or self.appointed_on is None:
            return
        first = self.meetings.order_by("held_on").values_list("held_on", flat=True).first()
        if first is not None and self.appointed_on > first:
            field = "order_date" if self.order_date else "term_start"
            raise ValidationError(
                {
                    field: _(
                        "The group cannot be appointed after its first recorded meeting, "
                        "held on %(date)s."
                    )
                    % {"date": thai.display_date(first)}
                }
            )

    def roster_warnings(self):
        """Flags for staff; needs `with_roster()` annotations."""
        warnings = []
        if self.term_end and self.term_end < timezone.localdate():
            warnings.append(_("the group's term has ended"))
        if self.members_unreplaced:
            warnings.append(_("a member left and nobody was appointed in their place"))
        if not self.chairs:
            warnings.append(_("no chair"))
        if not self.secretaries:
            warnings.append(_("no secretary"))
        if not self.externals:
            warnings.append(_("no external stakeholders"))
        return warnings


class MembershipQuerySet(models.QuerySet):
    def current(self, *, on=None):
        return self.filter(_active_on(on or timezone.localdate()))

    def public_roster(self):
        """Members as the public page shows them, in role order: every role,
        but the name and affiliation only of those who consented (PDPA); the
        others' never leave the database."""
        consented = Q(publish_name=True)
        return (
            self.order_by("role_rank", "started_on", "pk")
            .annotate(
                public_name=Case(When(consented, then="name"), default=Value("")),
                public_affiliation=Case(When(consented, then="affiliation"), default=Value("")),
            )
            .values(
                "role",
                "publish_name",
                "public_name",
                "public_affiliation",
                "stakeholder_group__name",
            )
        )

    def counts_by_stakeholder_group(self):
        return (
            self.order_by("stakeholder_group__position", "stakeholder_group__name")
            .values("stakeholder_group__name", "stakeholder_group__is_external")
            .annotate(n=Count("pk"))
        )


class Membership(models.Model):
    class Role(models.TextChoices):
        ADVISOR = "advisor", _("Advisor")
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice chair")
        MEMBER = "member", _("Member")
        MEMBER_SECRETARY = "member_secretary", _("Member and secretary")
        ASSISTANT_SECRETARY = "assistant_secretary", _("Member and assistant secretary")

    SECRETARY_ROLES = [Role.MEMBER_SECRETARY]
    ROLE_ORDER = [
        Role.ADVISOR,
        Role.CHAIR,
        Role.VICE_CHAIR,
        Role.MEMBER,
        Role.MEMBER_SECRETARY,
        Role.ASSISTANT_SECRETARY,
    ]

    working_group = models.ForeignKey(
        WorkingGroup,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("working group"),
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=30, choices=Role, default=Role.MEMBER)
    role_rank = models.PositiveSmallIntegerField(editable=False, default=0)
    stakeholder_group = models.ForeignKey(
        "measures.StakeholderGroup",
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("stakeholder type"),
    )
    affiliation = models.CharField(_("position or affiliation"), max_length=255, blank=True)
    started_on = models.DateField(_("appointed on"))
    ended_on = models.DateField(_("left on"), null=True, blank=True)
    publish_name = models.BooleanField(
        _("consents to publishing the name"),
        default=False,
        help_text=_("PDPA: without consent the public page shows only counts by stakeholder type."),
    )
    consent_recorded_at = models.DateTimeField(_("consent recorded at"), null=True, blank=True)
    privacy_notice_version = models.CharField(
        _("privacy notice version"), max_length=20, blank=True
    )

    # Names stay out of the audit copies (PDPA: collect and keep the minimum).
    history = HistoricalRecords(excluded_fields=["name", "affiliation"])
    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["working_group", "role_rank", "started_on", "pk"]
        verbose_name = _("member")
        verbose_name_plural = _("members")
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="membership_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_role_display()})"

    def save(self, *args, **kwargs):
        self.role_rank = self.ROLE_ORDER.index(self.role) if self.role in self.ROLE_ORDER else 99
        if self.publish_name and not self.consent_recorded_at:
            # PDPA: consent is recorded with the time and the notice it was given under.
            self.consent_recorded_at = timezone.now()
            if not self.privacy_notice_version:
                notice = Policy.objects.privacy_notice()
                self.privacy_notice_version = notice.version if notice else ""
        if not self.publish_name:
            self.consent_recorded_at = None
        super().save(*args, **kwargs)

    def clean(self):
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("A member cannot leave before being appointed.")})

    def in_office_on(self, day):
        return self.started_on <= day and (self.ended_on is None or self.ended_on >= day)
