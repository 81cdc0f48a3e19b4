"""Complaint statistics for the public page and the annual report.

Everything is counted by the database with a fixed number of queries (7 per
call), whatever the number of cases. A case belongs to the period in which it
was received; its stage is the one it has now.
"""

import datetime as dt
from statistics import fmean

from django.db.models import Count, DurationField, ExpressionWrapper, F, Max, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from feedback.models import Case
from portal import thai

COMPLAINT_GROUPS = {
    "corruption": Q(stream=Case.Stream.CORRUPTION),
    "general": Q(stream=Case.Stream.GENERAL),
}
NOT_ACCEPTED = ~Q(not_accepted_ground="")
COMPLETED = Q(completed_at__isnull=False)
IN_PROGRESS = Q(completed_at__isnull=True, not_accepted_ground="")
REPORTED_BACK_ON_TIME = Q(first_replied_on__lte=F("report_back_due_on"))


def report_back_due(today):
    """Cases the 15-day promise can be judged on: answered, or past the deadline."""
    return Q(first_replied_on__isnull=False) | Q(report_back_due_on__lt=today)


def _counts(prefix, condition):
    return {
        f"{prefix}received": Count("pk", filter=condition),
        f"{prefix}completed": Count("pk", filter=condition & COMPLETED),
        f"{prefix}in_progress": Count("pk", filter=condition & IN_PROGRESS),
        f"{prefix}not_accepted": Count("pk", filter=condition & NOT_ACCEPTED),
    }


def median_days_to_close(queryset, count):
    """Median of (completed − received) in days, read from the middle rows only."""
    if not count:
        return None
    duration = ExpressionWrapper(F("completed_at") - F("received_at"), output_field=DurationField())
    middle = list(
        queryset.filter(COMPLETED)
        .annotate(duration=duration)
        .order_by("duration")
        .values_list("duration", flat=True)[(count - 1) // 2 : count // 2 + 1]
    )
    return round(fmean(d.total_seconds() for d in middle) / 86400, 1)


def feedback_statistics(*, period, today=None):
    """Plain data about the cases received in `period` (a `thai.Period` or `FiscalYear`).

    Returns a dict:
      - "months": [{"month": date, "corruption": {received, completed, in_progress,
        not_accepted}, "general": {...}}] for every month of the period;
      - "totals": {"corruption": {..., "reported_back_on_time", "report_back_due",
        "report_back_share" (percent or None), "median_days_to_close" (or None)},
        "general": {...}};
      - "by_channel" / "by_category" / "by_stream": [{"key", "label", "count",
        "corruption", "general"}], every channel and stream listed, zero included;
      - "last_updated": the latest change to a case of the period, or None.
    """
    today = today or timezone.localdate()
    period = getattr(period, "period", period)  # a FiscalYear will do too
    cases = period.filter(Case.objects.all(), "received_at")
    complaints = cases.complaints()

    aggregates = {"last_updated": Max("updated_at")}
    for group, condition in COMPLAINT_GROUPS.items():
        aggregates |= _counts(f"{group}__", condition)
        aggregates[f"{group}__report_back_due"] = Count(
            "pk",
            filter=condition & report_back_due(today),
        )
        aggregates[f"{group}__reported_back_on_time"] = Count(
            "pk", filter=condition & REPORTED_BACK_ON_TIME
        )
    flat = complaints.aggregate(**aggregates)
    totals = {group: {} for group in COMPLAINT_GROUPS}
    for key, value in flat.items():
        if "__" in key:
            group, name = key.split("__", 1)
            totals[group][name] = value
    for group, condition in COMPLAINT_GROUPS.items():
        row = totals[group]
        due = row["report_back_due"]
        row["report_back_share"] = (
            round(100 * row["reported_back_on_time"] / due, 1) if due else None
        )
        row["median_days_to_close"] = median_days_to_close(
            complaints.filter(condition), row["completed"]
        )

    month_counts = {
        key: value
        for group, condition in COMPLAINT_GROUPS.items()
        for key, value in _counts(f"{group}__", condition).items()
    }
    monthly = {
        _as_date(row["month"]): row
        for row in complaints.annotate(month=TruncMonth("received_at"))
        .values("month")
        .annotate(**month_counts)
        .order_by("month")
    }
    empty = {"received": 0, "completed": 0, "in_progress": 0, "not_accepted": 0}
    months = []
    for month in period.months():
        row = monthly.get(month, {})
        months.append(
            {"month": month}
            | {
                group: {name: row.get(f"{group}__{name}", 0) for name in empty}
                for group in COMPLAINT_GROUPS
            }
        )

    return {
        "period": period,
        "months": months,
        "totals": totals,
        "by_channel": _breakdown(cases, "channel", Case.Channel.choices),
        "by_stream": _breakdown(cases, "stream", Case.Stream.choices),
        "by_category": _breakdown(cases, "category__name", None),
        "last_updated": flat["last_updated"],
    }


def _as_date(value):
    return thai.local_date(value) if isinstance(value, dt.datetime) else value


def _breakdown(cases, field, choices):
    rows = {
        row[field]: row
        for row in cases.values(field)
        .annotate(
            count=Count("pk"),
            corruption=Count("pk", filter=COMPLAINT_GROUPS["corruption"]),
            general=Count("pk", filter=COMPLAINT_GROUPS["general"]),
        )
        .order_by(field)
    }
    if choices is None:
        choices = [(key, key) for key in rows]
    zero = {"count": 0, "corruption": 0, "general": 0}
    return [
        {"key": key, "label": label} | {name: rows.get(key, zero)[name] for name in zero}
        for key, label in choices
    ]
