"""Meetings of a working group and who attended them (the quorum, the minutes)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.lib import thai
from surveys.models.workinggroup import Membership, WorkingGroup, _active_on
from surveys.uploads import document_upload_to, validate_pdf


class MeetingQuerySet(models.QuerySet):
    def held(self, *, on=None):
        """Meetings that have taken place: a date ahead is a plan, not a meeting."""
        return self.filter(held_on__lte=on or timezone.localdate())

    def scheduled(self, *, on=None):
        return self.filter(held_on__gt=on or timezone.localdate())

    def with_attendance(self):
        """Members in office on the day and those present, counted by the database."""
        in_office = Membership.objects.filter(
            working_group=OuterRef("working_group"),
            started_on__lte=OuterRef("held_on"),
        ).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=OuterRef("held_on")))
        in_office = in_office.order_by().values("working_group").annotate(n=Count("pk"))
        # Only members in office count as present, so attendance never
        # exceeds membership even if an old row slipped past Attendance.clean.
        present = Q(attendances__present=True) & _active_on(
            F("held_on"), "attendances__membership__"
        )
        return self.annotate(
            members_in_office=Coalesce(Subquery(in_office.values("n")), 0),
            present=Count("attendances", filter=present),
        )


class Meeting(models.Model):
    working_group = models.ForeignKey(
        WorkingGroup,
        on_delete=models.CASCADE,
        related_name="meetings",
        verbose_name=_("working group"),
    )
    number = models.CharField(_("meeting number"), max_length=30, blank=True)
    held_on = models.DateField(_("date"))
    starts_at = models.TimeField(_("time"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=255, blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    minutes_file = models.FileField(
        _("minutes"),
        upload_to=document_upload_to,
        validators=[validate_pdf],
        blank=True,
        help_text=_(
            "PDF, published on the public page. Upload a copy that names only the "
            "members who consented to publication, with other names blacked out."
        ),
    )
    note_taker = models.CharField(_("note-taker"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    history = HistoricalRecords()
    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["working_group", "held_on"])]

    def __str__(self):
        held = thai.display_date(self.held_on, style="medium") if self.held_on else ""
        return f"{self.working_group} {self.number or held}"

    def clean(self):
        if self.held_on and self.working_group_id:
            appointed_on = self.working_group.appointed_on
            if appointed_on and self.held_on < appointed_on:
                raise ValidationError(
                    {"held_on": _("A meeting cannot be held before the group was appointed.")}
                )

    @property
    def is_scheduled(self):
        return self.held_on > timezone.localdate()

    @property
    def quorum_met(self):
        """Needs `with_attendance()`: present ≥ quorum share of members in office.
        None for a meeting still ahead: its quorum is not known yet."""
        if self.is_scheduled:
            return None
        if not self.members_in_office:
            return False
        return self.present * 100 >= self.working_group.quorum_percent * self.members_in_office


class Attendance(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("meeting")
    )
    # RESTRICT: a member who attended cannot be deleted on their own (the
    # meeting's attendance would change after the fact: 6 of 7 becomes 5 of 6);
    # they are marked as having left. Deleting the whole group or meeting,
    # which cascades here too, stays possible.
    membership = models.ForeignKey(
        Membership,
        on_delete=models.RESTRICT,
        related_name="attendances",
        verbose_name=_("member"),
    )
    present = models.BooleanField(_("present"), default=True)
    note = models.CharField(_("note"), max_length=200, blank=True, help_text=_("e.g. on leave."))

    class Meta:
        ordering = ["membership__role_rank", "membership__pk"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "membership"], name="attendance_once_per_member"
            ),
        ]

    def __str__(self):
        return str(self.membership)

    def clean(self):
        meeting = getattr(self, "meeting", None) if self.meeting_id is None else self.meeting
        if meeting is None or not self.membership_id:
            return
        if self.membership.working_group_id != meeting.working_group_id:
            raise ValidationError(_("This person is not a member of the meeting's working group."))
        if meeting.held_on and not self.membership.in_office_on(meeting.held_on):
            raise ValidationError(
                {
                    "membership": _(
                        "%(name)s was not in office on the day of the meeting, %(date)s."
                    )
                    % {"name": self.membership.name, "date": thai.display_date(meeting.held_on)}
                }
            )
