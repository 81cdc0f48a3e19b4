"""The measures app's fiscal year, as the annual report (portal) reads it.

`measures_year` is the one public function: plain data (dicts, lists, dates),
every figure counted by the database in a fixed number of queries however
many records the year holds.
"""

from collections import defaultdict

from django.db.models import Count, Q, Sum

from measures import coverage, follow_up
from measures.models import (
    Activity,
    EvidenceFile,
    Improvement,
    Measure,
    MissionGroup,
    Participation,
    YearSummary,
    participation_budget_threshold,
)

PHOTOS_PER_ACTIVITY = 3
MEASURE_FIELDS = ("pk", "slug", "title", "announced_on", "status")


def measures_year(*, fiscal_year, period=None):
    """The measures, activities and improvements of `fiscal_year` (a
    `thai.FiscalYear`), or of `period` within it (its first half).

    Returns a dict:
      - "measures": [{pk, slug, title, announced_on, status, status_label,
        path, clauses}] public measures in force during the period, each
        with its clauses as `clause_rows` gives them (what carried each out
        in the period, from `measures.coverage`) and "groups": [{name,
        done, not_done}] the names of the clauses each active mission group
        carried out and did not (`coverage.group_coverage`);
      - "activities": `activity_statistics` of the period, and "rows": its
        published activities in report order, each with "participants"
        ([{group__name, count}]), "participants_total", "photos" (at most
        PHOTOS_PER_ACTIVITY: {src, caption, taken_at, place}) and "path";
      - "improvements": {"rows": [...], "total", "done", "followed_up"},
        public improvements of the period by `ImprovementQuerySet.in_period`
        (completed in it, or recorded in it and not yet completed: never in
        two years), each with the number of cases and surveys it came from,
        its status label and "findings": the monitoring committee's public
        findings made before the period ended (`measures.follow_up`);
        "followed_up" counts the improvements with at least one;
      - "projects": `projects_of`, seed 004 §5's projects of the period;
      - "year_summaries": `year_summaries_of`, each group's summary of the
        fiscal year and the executive's acknowledgement (seed 000 §5).
    """
    period = period or fiscal_year.period
    return {
        "measures": measures_in_force(fiscal_year, period),
        "activities": activity_statistics(period=period) | {"rows": activity_rows(period)},
        "improvements": improvements_of(period),
        "projects": projects_of(period),
        "year_summaries": year_summaries_of(fiscal_year),
    }


def year_summaries_of(fiscal_year):
    """Every active mission group (and any other with a summary) with its
    summary of the fiscal year, or None: [{mission_group, summary: {results,
    proposals (lines), acknowledged_by, acknowledged_on, remark} or None}]."""
    summaries = {
        s.mission_group_id: s for s in YearSummary.objects.filter(fiscal_year=fiscal_year.be_year)
    }
    groups = MissionGroup.objects.filter(Q(is_active=True) | Q(pk__in=list(summaries)))
    return [
        {
            "mission_group": group.name,
            "summary": {
                "results": summary.results,
                "proposals": [
                    line.strip() for line in summary.proposals.splitlines() if line.strip()
                ],
                "acknowledged_by": summary.acknowledged_by,
                "acknowledged_on": summary.acknowledged_on,
                "remark": summary.acknowledgement_remark,
            }
            if (summary := summaries.get(group.pk))
            else None,
        }
        for group in groups
    ]


def measures_in_force(fiscal_year, period):
    """Public measures in force during the period, each with its clauses and
    what carried them out in that period (`coverage.clause_lines`)."""
    measures = Measure.objects.in_force_during(fiscal_year, period)
    rows = list(measures.order_by("announced_on", "pk").values(*MEASURE_FIELDS))
    lines = coverage.clause_lines(
        measures=[row["pk"] for row in rows], fiscal_year=fiscal_year, period=period
    )
    labels = dict(Measure.Status.choices)
    groups = list(MissionGroup.objects.active()) if rows else []
    for row in rows:
        row["status_label"] = str(labels.get(row["status"], row["status"]))
        row["path"] = Measure(slug=row["slug"]).get_absolute_url()
        row["clauses"] = clause_rows(lines.get(row["pk"], []))
        row["groups"] = [
            {
                "name": group.name,
                "done": clause_names(done),
                "not_done": clause_names(not_done),
            }
            for group, done, not_done in coverage.group_coverage(lines.get(row["pk"], []), groups)
        ]
    return rows


def clause_names(lines):
    """Short names of clauses: "๑., ๓."; in a measure of several parts, one
    "<part>: ๑., ๓." per part (seed 003 numbers each part from ๑), and a
    paragraph standing alone under its heading by the heading."""
    parts = {}
    for line in lines:
        if line.clause.label:
            parts.setdefault(line.section, []).append(line.reference)
        else:
            parts.setdefault(line.section or line.clause.text[:40], [])
    return [
        f"{part}: {', '.join(refs)}" if part and refs else part or ", ".join(refs)
        for part, refs in parts.items()
    ]


def clause_rows(lines):
    """The blocks of a measure the report accounts for, as plain data:
    headings (to name the part) and every clause, lettered duty or standing
    paragraph, with the public records that carried it out."""
    rows = []
    for line in lines:
        if line.clause.kind == "heading":
            rows.append({"heading": line.clause.text})
        elif line.accountable or line.items or line.records:
            rows.append(
                {
                    "heading": "",
                    "reference": line.reference if line.clause.label else "",
                    "text": line.clause.text,
                    "is_item": line.parent is not None,
                    "is_done": line.is_done,
                    "through_items": not line.records and any(i.records for i in line.items),
                    "through_clause": not line.records and line.covered_by_parent,
                    "counts": [{"label": label, "count": n} for label, n in line.counts()],
                    "records": [
                        {"kind": r.kind_label, "title": r.title, "path": r.url}
                        for r in line.records
                    ],
                }
            )
    return rows


def activity_statistics(*, period) -> dict:
    """Published activities of a period: counts by IAP2 level (every level,
    zero included) and participants by stakeholder group."""
    activities = period.filter(Activity.objects.published(), "held_on")
    counts = dict(activities.order_by().values_list("level").annotate(n=Count("pk")))
    participations = Participation.objects.filter(activity__in=activities)
    by_group = list(
        participations.values("group__name", "group__is_external", "group__position")
        .annotate(total=Sum("count"))
        .order_by("group__position", "group__name")
    )
    totals = participations.aggregate(
        all=Sum("count"), outside=Sum("count", filter=Q(group__is_external=True))
    )
    return {
        "activities": sum(counts.values()),
        "by_level": [
            {"level": level, "label": str(label), "activities": counts.get(level, 0)}
            for level, label in Activity.Level.choices
        ],
        "participants_by_group": by_group,
        "participants_total": totals["all"] or 0,
        "participants_outside": totals["outside"] or 0,
        "large_budget_without_participation": activities.large_budget_without_participation()
        .values_list("pk", flat=True)
        .count(),
    }


def activity_rows(period):
    activities = period.filter(Activity.objects.published(), "held_on")
    rows = list(
        activities.order_by(
            "mission_group__position", "mission_group__name", "held_on", "pk"
        ).values(
            "pk",
            "title",
            "subject",
            "level",
            "held_on",
            "place",
            "results",
            "use_of_results",
            "mission_group__name",
            "stage",
        )
    )
    stages = dict(Activity.Stage.choices)
    people = defaultdict(list)
    for row in (
        Participation.objects.filter(activity__in=activities.values("pk"))
        .order_by("activity", "group__position", "group__name")
        .values("activity", "group__name", "count")
    ):
        people[row["activity"]].append(row)
    photos = defaultdict(list)
    for photo in (
        EvidenceFile.objects.filter(
            activity__in=activities.values("pk"), kind=EvidenceFile.Kind.PHOTO
        )
        .order_by("activity", "position", "pk")
        .only("activity_id", "file", "preview", "caption", "taken_at", "place")
    ):
        if len(photos[photo.activity_id]) < PHOTOS_PER_ACTIVITY:
            photos[photo.activity_id].append(
                {
                    "src": photo.shown.url,
                    "caption": photo.caption,
                    "taken_at": photo.taken_at,
                    "place": photo.place,
                }
            )
    for row in rows:
        row["participants"] = people[row["pk"]]
        row["participants_total"] = sum(p["count"] for p in people[row["pk"]])
        row["photos"] = photos[row["pk"]]
        row["stage_label"] = str(stages.get(row["stage"], row["stage"]))
        row["path"] = Activity(pk=row["pk"]).get_absolute_url()
    return rows


def improvements_of(period):
    rows = list(
        Improvement.objects.public()
        .in_period(period)
        .annotate(
            from_cases=Count("feedback_cases", distinct=True),
            from_surveys=Count("surveys", distinct=True),
        )
        .order_by("mission_group__position", "created_at", "pk")
        .values(
            "pk",
            "activity__title",
            "from_cases",
            "from_surveys",
            "title",
            "you_said",
            "description",
            "status",
            "due_on",
            "completed_on",
            "mission_group__name",
            "follow_up",
        )
    )
    labels = dict(Improvement.Status.choices)
    found = follow_up.follow_ups([row["pk"] for row in rows], until=period.end)
    for row in rows:
        row["status_label"] = str(labels.get(row["status"], row["status"]))
        row["findings"] = [finding.as_dict() for finding in found.get(row["pk"], [])]
    return {
        "rows": rows,
        "total": len(rows),
        "done": sum(1 for row in rows if row["status"] == Improvement.Status.DONE),
        "followed_up": sum(1 for row in rows if row["findings"]),
    }


def projects_of(period):
    """Seed 004 §5: published projects of major policy or over the budget
    threshold, with their budget and how many citizens or private-sector
    people took part (zero is the gap the measure forbids)."""
    rows = list(
        period.filter(Activity.objects.published(), "held_on")
        .with_participant_totals()
        .needing_participation()
        .order_by("held_on", "pk")
        .values(
            "pk",
            "title",
            "held_on",
            "budget",
            "is_major_policy",
            "participants_total",
            "citizen_or_private_participants",
            "mission_group__name",
        )
    )
    for row in rows:
        row["path"] = Activity(pk=row["pk"]).get_absolute_url()
    return {"rows": rows, "threshold": participation_budget_threshold()}
