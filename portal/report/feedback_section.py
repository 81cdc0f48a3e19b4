"""Section 3 of the report: channels for listening and the feedback statistics.

The same figures as the public statistics page (`feedback.statistics`), read
with the same definitions (its `COMPLAINT_GROUPS`, `COMPLETED`, `IN_PROGRESS`,
`NOT_ACCEPTED`), but in one grouped pass over the cases instead of one pass per
table: the report is built for years of 200 000 cases, and every pass over
them costs time. The database groups by month, stream, channel and category
(a few hundred rows whatever the number of cases; category names are read
apart, so the pass over the cases joins no other table); the tables are sums of
those groups. Medians need the ordered durations: on PostgreSQL one more pass
gives both streams' medians (`percentile_cont`), elsewhere one query per stream.
"""

import datetime as dt
import operator
from collections import Counter, defaultdict
from functools import reduce

from django.db import connections
from django.db.models import Aggregate, Count, DurationField, ExpressionWrapper, F, Q
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from feedback.models import Case, Category
from feedback.statistics import (
    COMPLAINT_GROUPS,
    COMPLETED,
    IN_PROGRESS,
    NOT_ACCEPTED,
    REPORTED_BACK_ON_TIME,
    median_days_to_close,
    report_back_due,
)
from portal import thai
from portal.report.sections import url_or_blank

STREAMS = (
    ("corruption", _("Corruption and misconduct complaints")),
    ("general", _("General and service complaints")),
)
FIGURES = ("received", "completed", "in_progress", "not_accepted")
NO_CATEGORY = _("No category")


def channels_data(agency):
    """Every way the agency listens, with its address (seed 000 §3, 001 §2)."""
    rows = []

    def add(label, address, is_url=False):
        if address:
            rows.append({"label": label, "address": address, "is_url": is_url})

    add(
        _("Website (form for comments, suggestions and complaints)"),
        url_or_blank("feedback:submit"),
        True,
    )
    add(
        _("Corruption and misconduct reports (separate from the general channel)"),
        url_or_blank("feedback:corruption_submit"),
        True,
    )
    add(_("Case status by tracking code"), url_or_blank("feedback:track"), True)
    add(_("Telephone"), agency.get("phone", ""))
    add(_("E-mail"), agency.get("email", ""))
    add(_("Letter"), agency.get("address", ""))
    add(_("In person and the suggestion box"), agency.get("address", "") and _("At the office"))
    add("Facebook", agency.get("facebook_url", ""), True)
    add("LINE Official Account", agency.get("line_id", ""))
    add(_("The agency's main website"), agency.get("website", ""), True)
    return rows


def grouped_cases(cases, *, today):
    return (
        cases.annotate(month=TruncMonth("received_at"))
        .values("month", "stream", "channel", "category")
        .annotate(
            received=Count("pk"),
            completed=Count("pk", filter=COMPLETED),
            in_progress=Count("pk", filter=IN_PROGRESS),
            not_accepted=Count("pk", filter=NOT_ACCEPTED),
            closed=Count("pk", filter=Q(status__in=Case.FINISHED_STATUSES)),
            due=Count("pk", filter=report_back_due(today)),
            on_time=Count("pk", filter=REPORTED_BACK_ON_TIME),
        )
        .order_by()
    )


def category_rows(counts):
    names = dict(
        Category.objects.filter(pk__in=[pk for pk in counts if pk]).values_list("pk", "name")
    )
    rows = sorted(
        ({"label": names.get(pk, NO_CATEGORY), "count": n} for pk, n in counts.items() if n),
        key=lambda row: (row["label"] == NO_CATEGORY, row["label"]),
    )
    return rows


class Median(Aggregate):
    """PostgreSQL's exact median: the middle value, or the mean of the two
    middle values (as `statistics.median`)."""

    function = "PERCENTILE_CONT"
    name = "Median"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)%(filter)s"


def median_days_by_stream(cases, counts):
    """Median days to close of each complaint stream.

    On PostgreSQL one pass over the year's completed complaints gives both
    medians; elsewhere one ordered query per stream reads the middle rows.
    """
    if connections[cases.db].vendor != "postgresql":
        return {
            key: median_days_to_close(cases.filter(condition), counts[key])
            for key, condition in COMPLAINT_GROUPS.items()
        }
    duration = ExpressionWrapper(F("completed_at") - F("received_at"), output_field=DurationField())
    complaints = reduce(operator.or_, COMPLAINT_GROUPS.values())
    row = (
        cases.filter(COMPLETED)
        .filter(complaints)
        .aggregate(
            **{
                key: Median(duration, filter=condition, output_field=DurationField())
                for key, condition in COMPLAINT_GROUPS.items()
            }
        )
    )
    return {
        key: round(value.total_seconds() / 86400, 1) if value is not None else None
        for key, value in row.items()
    }


def month_of(value):
    return thai.local_date(value) if isinstance(value, dt.datetime) else value


def feedback_data(year, period, agency, *, today):
    cases = period.filter(Case.objects.all(), "received_at")
    months = period.months()
    monthly = {key: defaultdict(Counter) for key, _label in STREAMS}
    totals = Counter()
    by_stream, by_channel, by_category = Counter(), Counter(), Counter()
    for row in grouped_cases(cases, today=today):
        totals.update({name: row[name] for name in ("received", "closed")})
        by_stream[row["stream"]] += row["received"]
        by_channel[row["channel"]] += row["received"]
        by_category[row["category"]] += row["received"]
        if row["stream"] in monthly:
            counter = monthly[row["stream"]][month_of(row["month"])]
            counter.update({name: row[name] for name in (*FIGURES, "due", "on_time")})

    totals_by_stream = {}
    for key, _label in STREAMS:
        stream_totals = Counter()
        for counter in monthly[key].values():
            stream_totals.update(counter)
        totals_by_stream[key] = {name: stream_totals[name] for name in (*FIGURES, "due", "on_time")}
    medians = median_days_by_stream(
        cases, {key: totals["completed"] for key, totals in totals_by_stream.items()}
    )
    streams = []
    for key, label in STREAMS:
        stream_totals = totals_by_stream[key]
        stream_totals["median_days_to_close"] = medians[key]
        streams.append(
            {
                "key": key,
                "label": label,
                "none": stream_totals["received"] == 0,
                "months": [
                    {"month": m} | {name: monthly[key][m][name] for name in FIGURES} for m in months
                ],
                "totals": stream_totals,
            }
        )
    due = sum(s["totals"]["due"] for s in streams)
    on_time = sum(s["totals"]["on_time"] for s in streams)
    channel_labels = dict(Case.Channel.choices)
    stream_labels = dict(Case.Stream.choices)
    return {
        "available": True,
        "channels": channels_data(agency),
        "received": totals["received"],
        "closed": totals["closed"],
        "complaints": sum(s["totals"]["received"] for s in streams),
        "streams": streams,
        "by_stream": [
            {"label": str(label), "count": by_stream[key]} for key, label in stream_labels.items()
        ],
        "by_channel": [
            {"label": str(label), "count": by_channel[key]}
            for key, label in channel_labels.items()
            if by_channel[key]
        ],
        "by_category": category_rows(by_category),
        "reported_back_share": round(100 * on_time / due, 1) if due else None,
        "reported_back_due": due,
        "reported_back_on_time": on_time,
        "months_total": [
            {"label": m, "received": sum(monthly[key][m]["received"] for key, _l in STREAMS)}
            for m in months
        ],
        "url": url_or_blank("feedback:statistics_year", year.be_year),
    }
