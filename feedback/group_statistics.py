"""What the inbox heard about each mission group in a period (seed 003 §4:
"รายงานสรุปผลความคิดเห็นของแต่ละภารกิจ", an opinion summary per mission).

A case belongs to the group it was assigned to, or else to the group the
citizen named. Corruption reports are left out: naming the group a sealed
report concerns would tell its colleagues that someone reported them
(docs/domain.md, the corruption channel); they are counted in total only,
on the statistics page. Summed from the monthly
tallies, then one query for the groups, however many cases.
"""

from collections import Counter

from django.db.models import Q
from django.utils import timezone

from feedback.models import Case
from feedback.statistics import month_figures
from measures.models import MissionGroup

GROUP_STREAMS = tuple(key for key in Case.Stream.values if key != Case.Stream.CORRUPTION)
GROUP_STAGES = ("completed", "in_progress", "not_accepted")


def feedback_by_mission_group(*, period, today=None):
    """Cases received in `period` (a `thai.Period` or `FiscalYear` of whole
    months) per mission group, summed from the monthly tallies
    (feedback/statistics.py): as many rows read whatever the number of cases.

    Returns {"streams": [(key, label)] in the columns' order, "rows": [{"pk",
    "name", "received", "streams": {stream: n}, "completed", "in_progress",
    "not_accepted"}] for every active group (zero included) and any inactive
    group with cases, in the groups' order, "unassigned": the same counts for
    cases with no group (pk and name None), "total": the same over all}.
    """
    period = getattr(period, "period", period)
    figures = month_figures(period, today=today or timezone.localdate())
    counts = {}
    for month in figures.values():
        for tallied in month["mission_groups"]:
            if tallied["stream"] not in GROUP_STREAMS:
                continue
            found = counts.setdefault(tallied["group"], Counter())
            found.update(
                {"received": tallied["received"], tallied["stream"]: tallied["received"]}
                | {name: tallied[name] for name in GROUP_STAGES}
            )
    groups = MissionGroup.objects.filter(
        Q(is_active=True) | Q(pk__in=[pk for pk in counts if pk is not None])
    ).values_list("pk", "name")
    labels = dict(Case.Stream.choices)

    def row(pk, name):
        found = counts.get(pk, {})
        return {
            "pk": pk,
            "name": name,
            "received": found.get("received", 0),
            "streams": {key: found.get(key, 0) for key in GROUP_STREAMS},
        } | {name: found.get(name, 0) for name in GROUP_STAGES}

    rows = [row(pk, name) for pk, name in groups]
    unassigned = row(None, None)
    total = {
        "received": sum(r["received"] for r in [*rows, unassigned]),
        "streams": {
            key: sum(r["streams"][key] for r in [*rows, unassigned]) for key in GROUP_STREAMS
        },
    } | {name: sum(r[name] for r in [*rows, unassigned]) for name in GROUP_STAGES}
    return {
        "streams": [(key, labels[key]) for key in GROUP_STREAMS],
        "rows": rows,
        "unassigned": unassigned,
        "total": total,
    }
