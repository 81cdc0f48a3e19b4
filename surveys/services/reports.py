"""Working-group bookkeeping and the summaries the annual report reads."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q

from measures.models import StakeholderGroup
from surveys.models import (
    Answer,
    Attendance,
    Dimension,
    Meeting,
    Membership,
    Response,
    Survey,
    WorkingGroup,
)
from surveys.services.results import dimension_results, likert_rows
from surveys.stats import LikertStat, likert_aggregates

# -------------------------------------------------------- working groups


def meeting_attendance_prefill(*, meeting):
    """One attendance row, marked absent, for each member in office on the day
    who has none yet; staff then tick who came. Returns the number added."""
    recorded = meeting.attendances.values("membership")
    missing = (
        Membership.objects.filter(working_group_id=meeting.working_group_id)
        .current(on=meeting.held_on)
        .exclude(pk__in=recorded)
    )
    added = Attendance.objects.bulk_create(
        Attendance(meeting=meeting, membership=member, present=False) for member in missing
    )
    return len(added)


# ---------------------------------------------------- the annual report


@dataclass
class SurveySummary:
    survey: Survey
    responses: int
    overall: LikertStat
    dimensions: list = field(default_factory=list)  # [DimensionResult], items included
    paper_responses: int = 0  # of `responses`, keyed in from paper questionnaires

    @property
    def online_responses(self):
        return self.responses - self.paper_responses


def rounds_in(*, period, results_public_only=False):
    """Published rounds of `period` (a thai.Period or FiscalYear), by the
    rule every year's accounting uses (SurveyQuerySet.in_period), so a round
    belongs to one year only; only those whose results are public when asked
    (the report, open data)."""
    rounds = Survey.objects.published()
    if results_public_only:
        rounds = rounds.filter(results_public=True)
    return rounds.in_period(getattr(period, "period", period))


def survey_summaries(*, period, results_public_only=False):
    """The rounds of `period` (`rounds_in`), each with its respondents and its
    overall, per-dimension and per-item statistics under its own band scheme.
    6 queries."""
    surveys = list(
        rounds_in(period=period, results_public_only=results_public_only)
        .select_related("mission_group")
        .annotate(
            n_responses=Count("responses"),
            n_paper=Count("responses", filter=Q(responses__channel=Response.Channel.PAPER)),
        )
        .order_by("opens_on", "title")
    )
    answers = Answer.objects.filter(item__dimension__survey__in=surveys).order_by()
    overall_rows = likert_rows(answers, "item__dimension__survey")
    by_pk = {survey.pk: survey for survey in surveys}
    dimensions = defaultdict(list)
    found = Dimension.objects.filter(survey__in=surveys).order_by("survey", "position", "pk")
    for dimension in found.prefetch_related("items"):
        dimension.survey = by_pk[dimension.survey_id]
        dimensions[dimension.survey_id].append(dimension)
    results = defaultdict(list)
    for result in dimension_results([d for ds in dimensions.values() for d in ds], answers):
        results[result.dimension.survey_id].append(result)
    return [
        SurveySummary(
            survey=survey,
            responses=survey.n_responses,
            paper_responses=survey.n_paper,
            overall=LikertStat.from_row(overall_rows.get(survey.pk, {}), scheme=survey.band_scheme),
            dimensions=results[survey.pk],
        )
        for survey in surveys
    ]


@dataclass
class WorkingGroupSummary:
    working_group: WorkingGroup
    members: int
    external_members: int
    members_by_stakeholder_group: list  # [(StakeholderGroup, count)]
    meetings_held: int
    meetings_quorate: int
    attendance_percent: object  # Decimal or None: present ÷ members in office, all meetings
    meetings: list = field(default_factory=list)


def working_group_summaries(*, period):
    """Published working groups whose term overlaps `period`, with members in
    office on its last day by stakeholder type, meetings held in it (not
    those still ahead),
    attendance and quorum. 4 queries."""
    period = getattr(period, "period", period)
    on = period.last_day
    groups = list(
        WorkingGroup.objects.published()
        .filter(term_start__lt=period.end)
        .filter(Q(term_end__isnull=True) | Q(term_end__gte=period.start))
        .select_related("mission_group")
        .with_roster(on=on)
        .in_list_order()
    )
    mix = defaultdict(list)
    for row in (
        Membership.objects.filter(working_group__in=groups, started_on__lte=on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=on))
        .order_by("stakeholder_group__position", "stakeholder_group__name")
        .values("working_group", "stakeholder_group")
        .annotate(n=Count("pk"))
    ):
        mix[row["working_group"]].append((row["stakeholder_group"], row["n"]))
    stakeholder_groups = StakeholderGroup.objects.in_bulk(
        {key for rows in mix.values() for key, _n in rows}
    )
    meetings = defaultdict(list)
    for meeting in period.filter(
        Meeting.objects.filter(working_group__in=groups).held().with_attendance(), "held_on"
    ).order_by("held_on"):
        meetings[meeting.working_group_id].append(meeting)
    summaries = []
    for group in groups:
        held = meetings[group.pk]
        for meeting in held:
            meeting.working_group = group
        seats = sum(m.members_in_office for m in held)
        summaries.append(
            WorkingGroupSummary(
                working_group=group,
                members=group.members_current,
                external_members=group.externals,
                members_by_stakeholder_group=[
                    (stakeholder_groups[key], n) for key, n in mix[group.pk]
                ],
                meetings_held=len(held),
                meetings_quorate=sum(1 for m in held if m.quorum_met),
                attendance_percent=(
                    (Decimal(sum(m.present for m in held) * 100) / Decimal(seats)).quantize(
                        Decimal("0.01")
                    )
                    if seats
                    else None
                ),
                meetings=held,
            )
        )
    return summaries


@dataclass
class SurveysYear:
    surveys: list  # [SurveySummary]
    respondents: int  # over every round
    mean: object  # Decimal (two places) of every answer of every round pooled, or None
    working_groups: list  # [WorkingGroupSummary]


def surveys_year(*, period):
    """The surveys app's year, as the annual report reads it: the rounds of
    `period` whose results are public (the report is published) with their
    per-dimension and per-item statistics (`survey_summaries`), every answer
    of those rounds pooled into one mean (a mean needs no band scheme, so
    rounds under different schemes pool fairly), and the working groups
    (`working_group_summaries`). 11 queries."""
    surveys = survey_summaries(period=period, results_public_only=True)
    pooled = LikertStat.from_row(
        Answer.objects.filter(item__dimension__survey__in=[s.survey for s in surveys])
        .order_by()
        .aggregate(**likert_aggregates()),
        scheme=None,
    )
    return SurveysYear(
        surveys=surveys,
        respondents=sum(s.responses for s in surveys),
        mean=pooled.mean_display,
        working_groups=working_group_summaries(period=period),
    )
