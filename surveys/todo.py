"""This app's lines of the year's to-do list (see `measures.todo`)."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from measures.models import MissionGroup
from measures.todo import TodoLine, TodoSection
from surveys.coverage import group_in_period
from surveys.models import WorkingGroup
from surveys.services import rounds_in


def _rounds(fiscal_year):
    return rounds_in(period=fiscal_year)


def _satisfaction_lines(fiscal_year):
    # Seed 001 §3 / 004 §4: every mission group evaluates satisfaction.
    without = MissionGroup.objects.active().exclude(
        pk__in=_rounds(fiscal_year).filter(mission_group__isnull=False).values("mission_group")
    )
    add = reverse("admin:surveys_survey_add")
    return [
        TodoLine(
            text=group.name,
            url=f"{add}?mission_group={group.pk}&fiscal_year={fiscal_year.be_year}",
            mission_group_id=group.pk,
            mission_group=group.name,
        )
        for group in without
    ]


def _acknowledgement_lines(fiscal_year):
    rows = (
        _rounds(fiscal_year)
        .filter(acknowledged_on__isnull=True)
        .select_related("mission_group")
        .order_by("opens_on", "pk")
    )
    return [
        TodoLine(
            text=survey.title,
            url=reverse("admin:surveys_survey_change", args=[survey.pk]),
            mission_group_id=survey.mission_group_id,
            mission_group=survey.mission_group.name if survey.mission_group else "",
        )
        for survey in rows
    ]


def _meeting_lines(fiscal_year):
    period = fiscal_year.period
    in_year = Q(meetings__held_on__gte=period.start, meetings__held_on__lt=period.end)
    rows = (
        group_in_period(WorkingGroup.objects.all(), fiscal_year.period)
        .annotate(meetings_in_year=Count("meetings", filter=in_year))
        .filter(meetings_in_year=0)
        .select_related("mission_group")
        .order_by("mission_group__position", "name", "pk")
    )
    add = reverse("admin:surveys_meeting_add")
    return [
        TodoLine(
            text=group.name,
            url=f"{add}?working_group={group.pk}",
            mission_group_id=group.mission_group_id,
            mission_group=group.mission_group.name,
        )
        for group in rows
    ]


def surveys_todo(*, fiscal_year, today=None) -> list[TodoSection]:
    return [
        TodoSection(
            "satisfaction",
            _("Mission groups without a satisfaction survey round"),
            _satisfaction_lines(fiscal_year),
        ),
        TodoSection(
            "acknowledgement",
            _("Survey rounds not yet acknowledged by the executives"),
            _acknowledgement_lines(fiscal_year),
        ),
        TodoSection(
            "meetings",
            _("Working groups without a meeting this year"),
            _meeting_lines(fiscal_year),
        ),
    ]
