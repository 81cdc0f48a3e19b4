"""Complaint statistics for the public page and the annual report.

A case belongs to the month in which it was received; its stage is the one it
has now. Every figure is a sum of monthly group counts (by stream, channel and
category), read from the stored `MonthTally` of each month and counted from
the cases only for a month without a valid tally: a year costs a handful of
queries and does not grow with the number of cases (see feedback/tallies.py
for how tallies are kept).

Days to close are whole calendar days from the day received to the day
completed, as the 15-day report-back promise is counted.
"""

import datetime as dt
import operator
from collections import Counter, defaultdict
from functools import reduce

from django.db.models import Count, DateField, DurationField, ExpressionWrapper, F, Max, Q
from django.db.models.functions import Coalesce, TruncDate, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from feedback.models import Case, Category, CitizenMessage, HandlingRating, MonthTally
from portal.lib import thai
from portal.lib.likert import BandScheme, LikertStat, likert_aggregates

COMPLAINT_GROUPS = {
    "corruption": Q(stream=Case.Stream.CORRUPTION),
    "general": Q(stream=Case.Stream.GENERAL),
}
COMPLAINT_GROUP_LABELS = {
    "corruption": _("Corruption and misconduct complaints"),
    "general": _("General and service complaints"),
}
# The stage comes from the status, never from a ground left on the case: a case
# closed without being completed or referred (both set completed_at) was not
# accepted (the same rule as `Case.was_not_accepted`). The three stages below
# never overlap.
COMPLETED = Q(completed_at__isnull=False)
NOT_ACCEPTED = Q(completed_at__isnull=True) & (
    Q(status=Case.Status.NOT_ACCEPTED) | Q(status=Case.Status.CLOSED)
)
IN_PROGRESS = Q(completed_at__isnull=True) & ~Q(
    status__in=(Case.Status.NOT_ACCEPTED, Case.Status.CLOSED)
)
FINISHED = Q(status__in=Case.FINISHED_STATUSES)
REPORTED_BACK_ON_TIME = Q(first_replied_on__lte=F("report_back_due_on"))
UNANSWERED = Q(first_replied_on__isnull=True)
NOT_RESOLVED_KIND = CitizenMessage.Kind.NOT_RESOLVED
RESOLVED_KIND = CitizenMessage.Kind.RESOLVED

GROUP_KEYS = ("stream", "channel", "category")
# Each counted row also says the mission group a case belongs to: the one it
# was assigned to, else the one the citizen named (feedback/group_statistics.py).
MISSION_GROUP = Coalesce("assigned_group", "mission_group")
STAGES = ("received", "completed", "in_progress", "not_accepted")
# The fields a count reads: saving a case without touching them leaves its tally valid.
COUNTED_FIELDS = frozenset(
    {
        "received_at",
        "stream",
        "channel",
        "category",
        "status",
        "not_accepted_ground",
        "completed_at",
        "first_replied_on",
        "report_back_due_on",
        "updated_at",
        "assigned_group",
        "assigned_group_id",
        "mission_group",
        "mission_group_id",
    }
)


def report_back_due(today):
    """Cases the 15-day promise can be judged on: answered, or past the deadline."""
    return ~UNANSWERED | Q(report_back_due_on__lt=today)


def month_received(months):
    """Cases received in any of `months` (first days of months)."""
    ranges = (thai.Period.month(m).bounds() for m in months)
    return reduce(operator.or_, (Q(received_at__gte=s, received_at__lt=e) for s, e in ranges))


def count_months(months, *, today):
    """Count the cases received in `months` (three queries, whatever their number).

    Returns {month: {"groups": [...], "close_days": {...}, "settles_on",
    "last_updated"}}, the shape a `MonthTally` stores; each group row has
    the `STAGES` counts, "closed", "due" (as of `today`) and "on_time";
    "mission_groups" the `STAGES` counts per mission "group" and stream.
    """
    cases = Case.objects.filter(month_received(months))
    months_local = TruncMonth("received_at", output_field=DateField())
    counted = {
        m: {
            "groups": [],
            "mission_groups": [],
            "close_days": {},
            "settles_on": None,
            "last_updated": None,
        }
        for m in months
    }
    rows = (
        cases.annotate(month=months_local)
        .values("month", *GROUP_KEYS)
        .annotate(
            received=Count("pk"),
            completed=Count("pk", filter=COMPLETED),
            in_progress=Count("pk", filter=IN_PROGRESS),
            not_accepted=Count("pk", filter=NOT_ACCEPTED),
            closed=Count("pk", filter=FINISHED),
            due=Count("pk", filter=report_back_due(today)),
            on_time=Count("pk", filter=REPORTED_BACK_ON_TIME),
            last_unanswered_due=Max("report_back_due_on", filter=UNANSWERED),
            last_updated=Max("updated_at"),
        )
        .order_by()
    )
    for row in rows:
        month = counted[row.pop("month")]
        due, updated = row.pop("last_unanswered_due"), row.pop("last_updated")
        if due is not None:
            settles = due + dt.timedelta(days=1)
            month["settles_on"] = max(filter(None, (month["settles_on"], settles)))
        month["last_updated"] = max(filter(None, (month["last_updated"], updated)))
        month["groups"].append(row)

    for row in (
        cases.annotate(month=months_local, group=MISSION_GROUP)
        .values("month", "group", "stream")
        .annotate(
            received=Count("pk"),
            completed=Count("pk", filter=COMPLETED),
            in_progress=Count("pk", filter=IN_PROGRESS),
            not_accepted=Count("pk", filter=NOT_ACCEPTED),
        )
        .order_by()
    ):
        counted[row.pop("month")]["mission_groups"].append(row)

    days = ExpressionWrapper(
        TruncDate("completed_at") - TruncDate("received_at"), output_field=DurationField()
    )
    for row in (
        cases.complaints()
        .filter(COMPLETED)
        .annotate(month=months_local, days=days)
        .values("month", "stream", "days")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        by_days = counted[row["month"]]["close_days"].setdefault(row["stream"], {})
        by_days[str(row["days"].days)] = row["n"]
    return counted


def month_figures(period, *, today):
    """The monthly counts of `period` (whole months): stored tallies where valid,
    the cases counted afresh for the other months (at most four queries)."""
    months = period.months()
    if period.start != months[0] or period.end != thai.Period.month(months[-1]).end:
        raise ValueError(f"{period} is not a run of whole months")
    stored = {
        tally.month: {
            # A valid tally's month has no unanswered case still in time: all are due.
            "groups": [row | {"due": row["received"]} for row in tally.groups],
            "mission_groups": tally.mission_groups,
            "close_days": tally.close_days,
            "last_updated": tally.last_updated,
        }
        for tally in MonthTally.objects.filter(month__in=months)
        if tally.is_valid_on(today)
    }
    missing = [m for m in months if m not in stored]
    return stored | (count_months(missing, today=today) if missing else {})


def median_of_counts(counts):
    """Median of values given as {value: how many} (as `statistics.median`)."""
    n = sum(counts.values())
    if not n:
        return None
    middle, seen, low = {(n - 1) // 2, n // 2}, 0, None
    for value, count in sorted(counts.items()):
        seen += count
        if low is None and seen > min(middle):
            low = value
        if seen > max(middle):
            return round((low + value) / 2, 1)
    raise AssertionError("unreachable: the counts add up to n")


def feedback_statistics(*, period, today=None):
    """Plain data about the cases received in `period` (a `thai.Period` or `FiscalYear`
    of whole months).

    Returns a dict:
      - "months": [{"month": date, "corruption": {received, completed, in_progress,
        not_accepted}, "general": {...}, "complaints": {...} (both streams)}] for
        every month of the period;
      - "totals": {"corruption": {..., "reported_back_on_time", "report_back_due",
        "report_back_share" (percent or None), "median_days_to_close" (or None)},
        "general": {...}};
      - "complaints": the same totals over both complaint streams together;
      - "all": {"received", "completed", "closed"} over every stream,
        complaints or not ("closed" includes the cases not accepted);
      - "by_channel" / "by_category" / "by_stream": [{"key", "label", "count",
        "corruption", "general"}], every channel and stream listed, zero included;
        categories keyed by id in order of name (None: not yet categorised);
      - "last_updated": the latest change to a case of the period, or None;
      - "follow_up": reopenings, confirmations and ratings (`follow_up_statistics`).
    """
    today = today or timezone.localdate()
    period = getattr(period, "period", period)  # a FiscalYear will do too
    figures = month_figures(period, today=today)

    months, totals, close_days = [], {g: Counter() for g in COMPLAINT_GROUPS}, defaultdict(Counter)
    everything = Counter()
    breakdowns = {key: defaultdict(Counter) for key in GROUP_KEYS}
    for month in period.months():
        counted = figures[month]
        by_group = {g: Counter() for g in COMPLAINT_GROUPS}
        for row in counted["groups"]:
            stream = row["stream"]
            everything.update(
                received=row["received"], completed=row["completed"], closed=row["closed"]
            )
            for key in GROUP_KEYS:
                breakdowns[key][row[key]].update({"count": row["received"]})
                if stream in COMPLAINT_GROUPS:
                    breakdowns[key][row[key]].update({stream: row["received"]})
            if stream in COMPLAINT_GROUPS:
                by_group[stream].update({name: row[name] for name in (*STAGES, "due", "on_time")})
        for stream, days in counted["close_days"].items():
            close_days[stream].update({int(d): n for d, n in days.items()})
        complaints = sum(by_group.values(), Counter())
        months.append(
            {"month": month}
            | {g: {name: counts[name] for name in STAGES} for g, counts in by_group.items()}
            | {"complaints": {name: complaints[name] for name in STAGES}}
        )
        for g, counts in by_group.items():
            totals[g].update(counts)

    return {
        "period": period,
        "months": months,
        "totals": {g: _stream_totals(totals[g], close_days[g]) for g in COMPLAINT_GROUPS},
        "complaints": _stream_totals(
            sum(totals.values(), Counter()),
            sum((close_days[g] for g in COMPLAINT_GROUPS), Counter()),
        ),
        # "completed" is what was done; "closed" also counts the cases not accepted.
        "all": {name: everything[name] for name in ("received", "completed", "closed")},
        "by_channel": _breakdown(breakdowns["channel"], Case.Channel.choices),
        "by_stream": _breakdown(breakdowns["stream"], Case.Stream.choices),
        "by_category": _breakdown(breakdowns["category"], _category_choices(breakdowns)),
        "last_updated": max(
            filter(None, (counted["last_updated"] for counted in figures.values())),
            default=None,
        ),
        "follow_up": follow_up_statistics(period=period),
    }


def _stream_totals(counts, close_days):
    due = counts["due"]
    return {name: counts[name] for name in STAGES} | {
        "report_back_due": due,
        "reported_back_on_time": counts["on_time"],
        "report_back_share": round(100 * counts["on_time"] / due, 1) if due else None,
        "median_days_to_close": median_of_counts(close_days),
    }


def _category_choices(breakdowns):
    """(pk, name) of the categories counted, by name; uncategorised (None) last."""
    present = [pk for pk in breakdowns["category"] if pk is not None]
    names = list(Category.objects.filter(pk__in=present).order_by("name").values_list("pk", "name"))
    return names + ([(None, None)] if None in breakdowns["category"] else [])


def _breakdown(counts, choices):
    zero = Counter()
    return [
        {"key": key, "label": label}
        | {name: counts.get(key, zero)[name] for name in ("count", "corruption", "general")}
        for key, label in choices
    ]


def follow_up_statistics(*, period):
    """What citizens said after completion, for the cases received in `period`
    (as every figure here), per stream and over all: reopenings ("not resolved"),
    confirmations ("resolved") and the ratings of the handling with the surveys'
    Likert statistics (bands of 0.5). Two queries, whatever the number of cases.

    Returns {"streams": [{"key", "label", "reopened_cases", "reopenings",
    "confirmed", "rating": LikertStat}], "all": {same keys but label},
    "scheme": the band scheme}.
    """
    period = getattr(period, "period", period)
    start, end = period.bounds()
    cases = Case.objects.filter(received_at__gte=start, received_at__lt=end)
    # Read from the citizens' messages (a case without one adds nothing to
    # these counts): as many rows as messages, not as cases in the period.
    messages = CitizenMessage.objects.filter(
        case__received_at__gte=start, case__received_at__lt=end
    )
    said = {
        row.pop("case__stream"): row
        for row in messages.values("case__stream")
        .annotate(
            reopened_cases=Count("case", filter=Q(kind=NOT_RESOLVED_KIND), distinct=True),
            reopenings=Count("pk", filter=Q(kind=NOT_RESOLVED_KIND)),
            confirmed=Count("case", filter=Q(kind=RESOLVED_KIND), distinct=True),
        )
        .order_by()
    }
    ratings = {
        row.pop("case__stream"): row
        for row in HandlingRating.objects.filter(case__in=cases)
        .values("case__stream")
        .annotate(**likert_aggregates())
        .order_by()
    }
    counts = ("reopened_cases", "reopenings", "confirmed")
    everything = Counter()
    streams = []
    for key, label in Case.Stream.choices:
        row = {name: said.get(key, {}).get(name, 0) for name in counts}
        rated = ratings.get(key, {})
        everything.update(row | {name: value or 0 for name, value in rated.items()})
        streams.append(
            {"key": key, "label": label, **row}
            | {"rating": LikertStat.from_row(rated, scheme=BandScheme.HALF_POINT)}
        )
    overall = {name: everything[name] for name in counts}
    overall["rating"] = LikertStat.from_row(everything, scheme=BandScheme.HALF_POINT)
    return {"streams": streams, "all": overall, "scheme": BandScheme.HALF_POINT}
