"""Sections of the report that read the measures, feedback and surveys apps.

Each function returns a dict of plain data with `available` (the app keeps
these records) and the figures of the section, counted by the database with a
fixed number of queries. They go through the apps' public QuerySet methods
and service functions, so "which records count" is decided in one place.
"""

from collections import defaultdict

from django.db.models import Count, Q, Sum
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from measures.models import Activity, EvidenceFile, Measure, Participation
from surveys.models import Answer, Dimension, Item
from surveys.models.survey import BandScheme
from surveys.services import survey_summaries, working_group_summaries
from surveys.stats import LikertStat, likert_aggregates

PHOTOS_PER_ACTIVITY = 3


def absolute(path):
    from django.conf import settings

    return f"{settings.SITE_URL}{path}" if path else ""


def url_or_blank(name, *args):
    try:
        return absolute(reverse(name, args=args))
    except NoReverseMatch:
        return ""


# ------------------------------------------------------------------ measures


def measures_data(year, period):
    """Public measures in force during the year (by their fiscal years, or
    announced before the year ended when no fiscal year is given)."""
    starts = Q(fiscal_year_from__lte=year.be_year) | Q(
        fiscal_year_from__isnull=True, announced_on__lt=period.end
    )
    lasts = Q(fiscal_year_to__isnull=True) | Q(fiscal_year_to__gte=year.be_year)
    rows = list(
        Measure.objects.published()
        .filter(starts & lasts)
        .order_by("announced_on", "pk")
        .values("pk", "slug", "title", "announced_on", "status")
    )
    labels = dict(Measure.Status.choices)
    for row in rows:
        row["url"] = url_or_blank("measures:measure_detail", row["slug"])
        row["status_label"] = str(labels.get(row["status"], row["status"]))
    return {
        "available": True,
        "rows": rows,
        "total": len(rows),
        "url": url_or_blank("measures:measure_list"),
    }


# ---------------------------------------------------------------- activities


def activities_data(year, period):
    activities = period.filter(Activity.objects.published(), "held_on")
    levels = dict(Activity.Level.choices)
    by_level_rows = {
        row["level"]: row["count"]
        for row in activities.order_by().values("level").annotate(count=Count("pk"))
    }
    participations = Participation.objects.filter(activity__in=activities.values("pk"))
    by_group = list(
        participations.order_by()
        .values("group__name", "group__position", "group__is_external")
        .annotate(count=Sum("count"))
        .order_by("group__position", "group__name")
    )
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
    for row in participations.order_by("activity", "group__position", "group__name").values(
        "activity", "group__name", "count"
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
            photos[photo.activity_id].append(photo)

    groups = {}
    for row in rows:
        group = groups.setdefault(row["mission_group__name"], {})
        group.setdefault(row["level"], []).append(activity_row(row, people, photos))
    level_order = list(levels)
    return {
        "available": True,
        "total": len(rows),
        "by_level": [
            {"key": key, "label": str(label), "count": by_level_rows.get(key, 0)}
            for key, label in levels.items()
        ],
        "participants_by_group": [
            {
                "label": row["group__name"],
                "count": row["count"],
                "external": row["group__is_external"],
            }
            for row in by_group
        ],
        "participants_total": sum(row["count"] for row in by_group),
        "groups": [
            {
                "name": name,
                "levels": [
                    {"key": key, "label": str(levels[key]), "activities": by_level[key]}
                    for key in level_order
                    if key in by_level
                ],
            }
            for name, by_level in groups.items()
        ],
        "url": url_or_blank("measures:activity_list"),
    }


def activity_row(row, people, photos):
    counts = people[row["pk"]]
    total = sum(p["count"] for p in counts)
    summary = ", ".join(
        _("%(group)s %(count)s people") % {"group": p["group__name"], "count": f"{p['count']:,}"}
        for p in counts
    )
    return {
        "pk": row["pk"],
        "title": row["title"],
        "issue": row["subject"],
        "date": row["held_on"],
        "place": row["place"],
        "results": row["results"],
        "usage": row["use_of_results"],
        "participants_total": total,
        "participants_summary": (
            _("%(total)s people in all: %(summary)s") % {"total": f"{total:,}", "summary": summary}
            if counts
            else _("Not recorded")
        ),
        "photos": [
            {
                "src": photo.shown.url,
                "caption": photo.caption,
                "taken_at": photo.taken_at,
                "place": photo.place,
            }
            for photo in photos[row["pk"]]
        ],
        "url": url_or_blank("measures:activity_detail", row["pk"]),
    }


# ------------------------------------------------------------ working groups


def working_groups_data(year, period):
    summaries = working_group_summaries(period=period)
    rows = []
    for s in summaries:
        group = s.working_group
        rows.append(
            {
                "name": group.name,
                "mission_group": group.mission_group.name if group.mission_group_id else "",
                "members_total": s.members,
                "external_members": s.external_members,
                "members_by_type": [
                    {"label": sg.name if sg else _("Not specified"), "count": n}
                    for sg, n in s.members_by_stakeholder_group
                ],
                "meetings": s.meetings_held,
                "quorum_met": s.meetings_quorate,
                "attendance_rate": (
                    float(s.attendance_percent) if s.attendance_percent is not None else None
                ),
                "url": absolute(group.get_absolute_url()),
            }
        )
    return {
        "available": True,
        "rows": rows,
        "total": len(rows),
        "meetings_total": sum(r["meetings"] for r in rows),
        "url": url_or_blank("surveys:workinggroup_list"),
    }


# ------------------------------------------------------------------- surveys


def stat_data(stat, n=None):
    return {
        "n": stat.n if n is None else n,
        "answers": stat.n,
        "mean": float(stat.mean_display) if stat.n else None,
        "sd": float(stat.sd_display) if stat.sd_display is not None else None,
        "band": str(stat.band_label) if stat.band_label else "",
        "percent": float(stat.percent_of_max) if stat.n else None,
        "top2_share": float(stat.top_two_share) if stat.n else None,
    }


def surveys_data(year, period):
    summaries = survey_summaries(period=period)
    ids = [s.survey.pk for s in summaries]
    dimensions = defaultdict(list)
    dimension_rows = {
        row["item__dimension"]: row
        for row in Answer.objects.filter(item__dimension__survey__in=ids)
        .order_by()
        .values("item__dimension")
        .annotate(**likert_aggregates())
    }
    for dimension in Dimension.objects.filter(survey__in=ids).order_by("survey", "position", "pk"):
        dimensions[dimension.survey_id].append(dimension)
    # Per item too (DOMAIN.md, "Satisfaction surveys"): two queries for all surveys.
    item_rows = {
        row["item"]: row
        for row in Answer.objects.filter(item__dimension__survey__in=ids)
        .order_by()
        .values("item")
        .annotate(**likert_aggregates())
    }
    items = defaultdict(list)
    for item in (
        Item.objects.filter(dimension__survey__in=ids)
        .order_by("dimension_id", "position", "pk")
        .values("pk", "dimension_id", "text")
    ):
        items[item["dimension_id"]].append(item)
    all_answers = Answer.objects.filter(item__dimension__survey__in=ids).aggregate(
        **likert_aggregates()
    )
    schemes = dict(BandScheme.choices)
    rows = []
    for s in summaries:
        survey = s.survey
        scheme = survey.band_scheme
        rows.append(
            {
                "title": survey.title,
                "mission_group": survey.mission_group.name if survey.mission_group_id else "",
                "scheme": str(schemes.get(scheme, scheme)),
                "n": s.responses,
                "overall": stat_data(s.overall),
                "dimensions": [
                    {
                        "label": d.title,
                        "items": [
                            {"label": item["text"]}
                            | stat_data(
                                LikertStat.from_row(item_rows.get(item["pk"], {}), scheme=scheme)
                            )
                            for item in items[d.pk]
                        ],
                    }
                    | stat_data(LikertStat.from_row(dimension_rows.get(d.pk, {}), scheme=scheme))
                    for d in dimensions[survey.pk]
                ],
                "url": url_or_blank(
                    "surveys:survey_results" if survey.results_public else "surveys:survey_answer",
                    survey.slug,
                ),
            }
        )
    overall = LikertStat.from_row(all_answers, scheme=BandScheme.HALF_POINT)
    return {
        "available": True,
        "rows": rows,
        "total": len(rows),
        "overall_mean": float(overall.mean_display) if overall.n else None,
        "overall_n": sum(row["n"] for row in rows),
        "url": url_or_blank("surveys:survey_list"),
    }
