"""The measures app's fiscal year, as the annual report (portal) reads it.

`measures_year` is the one public function: plain data (dicts, lists, dates),
every figure counted by the database in a fixed number of queries however
many records the year holds.
"""

from collections import defaultdict

from django.db.models import Count, Q, Sum

from measures.models import Activity, EvidenceFile, Improvement, Measure, Participation

PHOTOS_PER_ACTIVITY = 3


def measures_year(*, fiscal_year, period=None):
    """The measures, activities and improvements of `fiscal_year` (a
    `thai.FiscalYear`), or of `period` within it (its first half).

    Returns a dict:
      - "measures": [{pk, slug, title, announced_on, status, status_label,
        path}] public measures in force during the year;
      - "activities": `activity_statistics` of the period, and "rows": its
        published activities in report order, each with "participants"
        ([{group__name, count}]), "participants_total", "photos" (at most
        PHOTOS_PER_ACTIVITY: {src, caption, taken_at, place}) and "path";
      - "improvements": {"rows": [...], "total", "done"}, public improvements
        recorded or completed in the period, each with the number of cases and
        surveys it came from and its status label.
    """
    period = period or fiscal_year.period
    return {
        "measures": measures_in_force(fiscal_year, period),
        "activities": activity_statistics(period=period) | {"rows": activity_rows(period)},
        "improvements": improvements_of(period),
    }


def measures_in_force(fiscal_year, period):
    """Public measures in force during the year (by their fiscal years, or
    announced before the period ended when no fiscal year is given)."""
    starts = Q(fiscal_year_from__lte=fiscal_year.be_year) | Q(
        fiscal_year_from__isnull=True, announced_on__lt=period.end
    )
    lasts = Q(fiscal_year_to__isnull=True) | Q(fiscal_year_to__gte=fiscal_year.be_year)
    rows = list(
        Measure.objects.published()
        .filter(starts & lasts)
        .order_by("announced_on", "pk")
        .values("pk", "slug", "title", "announced_on", "status")
    )
    labels = dict(Measure.Status.choices)
    for row in rows:
        row["status_label"] = str(labels.get(row["status"], row["status"]))
        row["path"] = Measure(slug=row["slug"]).get_absolute_url()
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
        )
    )
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
        row["path"] = Activity(pk=row["pk"]).get_absolute_url()
    return rows


def improvements_of(period):
    start, end = period.bounds()
    in_period = Q(created_at__gte=start, created_at__lt=end) | Q(
        completed_on__gte=period.start, completed_on__lt=period.end
    )
    rows = list(
        Improvement.objects.public()
        .filter(in_period)
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
        )
    )
    labels = dict(Improvement.Status.choices)
    for row in rows:
        row["status_label"] = str(labels.get(row["status"], row["status"]))
    return {
        "rows": rows,
        "total": len(rows),
        "done": sum(1 for row in rows if row["status"] == Improvement.Status.DONE),
    }
