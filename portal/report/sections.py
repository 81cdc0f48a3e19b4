"""The report's sections laid out from each app's year.

Every figure comes from the app that owns it, through its one year function:
`measures.year.measures_year`, `feedback.services.feedback_statistics` (see
`feedback_section`) and `surveys.services.surveys_year`. The functions here
only turn those into the plain dicts the templates read (labels, web
addresses, numbers as floats); they count nothing.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _


def absolute(path):
    return f"{settings.SITE_URL}{path}"


def url(name, *args):
    return absolute(reverse(name, args=args))


# ------------------------------------------------------------------ measures


def measures_section(rows):
    return {
        "rows": [
            row | {"url": absolute(row["path"]), "clauses": [clause_row(c) for c in row["clauses"]]}
            for row in rows
        ],
        "url": url("measures:measure_list"),
    }


def record_url(path):
    """A record's full address: a page of this site, a publication's own
    address elsewhere as it is, or "" for one that has none."""
    return absolute(path) if path.startswith("/") else path


def clause_row(row):
    records = [record | {"url": record_url(record["path"])} for record in row.get("records", [])]
    return row | {"records": records}


def projects_section(projects):
    """Seed 004 §5's projects, each flagged when no citizen or private-sector
    participant is recorded."""
    return {
        "threshold": float(projects["threshold"]),
        "rows": [
            row
            | {
                "url": absolute(row["path"]),
                "budget": float(row["budget"]) if row["budget"] is not None else None,
                "lacks_participation": not row["citizen_or_private_participants"],
            }
            for row in projects["rows"]
        ],
    }


# ---------------------------------------------------------------- activities


def activities_section(activities):
    levels = {row["level"]: row["label"] for row in activities["by_level"]}
    groups = {}
    for row in activities["rows"]:
        group = groups.setdefault(row["mission_group__name"], {})
        group.setdefault(row["level"], []).append(activity_row(row))
    return {
        "total": activities["activities"],
        "by_level": [
            {"key": row["level"], "label": row["label"], "count": row["activities"]}
            for row in activities["by_level"]
        ],
        "participants_by_group": [
            {
                "label": row["group__name"],
                "count": row["total"],
                "external": row["group__is_external"],
            }
            for row in activities["participants_by_group"]
        ],
        "participants_total": activities["participants_total"],
        "groups": [
            {
                "name": name,
                "levels": [
                    {"key": key, "label": label, "activities": by_level[key]}
                    for key, label in levels.items()
                    if key in by_level
                ],
            }
            for name, by_level in groups.items()
        ],
        "url": url("measures:activity_list"),
    }


def activity_row(row):
    counts = row["participants"]
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
        "participants_total": row["participants_total"],
        "participants_summary": (
            _("%(total)s people in all: %(summary)s")
            % {"total": f"{row['participants_total']:,}", "summary": summary}
            if counts
            else _("Not recorded")
        ),
        "photos": row["photos"],
        "stage": row["stage_label"],
        "url": absolute(row["path"]),
    }


# -------------------------------------------------------------- improvements


def improvements_section(improvements):
    return {
        "rows": [row | {"source": improvement_source(row)} for row in improvements["rows"]],
        "total": improvements["total"],
        "done": improvements["done"],
        "followed_up": improvements["followed_up"],
        "url": url("measures:improvement_list"),
    }


def improvement_source(row):
    sources = []
    if row["activity__title"]:
        sources.append(_("Activity: %(title)s") % {"title": row["activity__title"]})
    if row["from_cases"]:
        sources.append(_("%(count)s comments or complaints") % {"count": row["from_cases"]})
    if row["from_surveys"]:
        sources.append(_("Satisfaction survey results"))
    return "; ".join(sources)


# ------------------------------------------------------------ working groups


def working_groups_section(summaries):
    rows = [
        {
            "name": s.working_group.name,
            "mission_group": (
                s.working_group.mission_group.name if s.working_group.mission_group_id else ""
            ),
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
            "url": absolute(s.working_group.get_absolute_url()),
        }
        for s in summaries
    ]
    return {"rows": rows, "total": len(rows), "url": url("surveys:workinggroup_list")}


# ------------------------------------------------------------------- surveys


def stat_data(stat):
    return {
        "n": stat.n,
        "mean": float(stat.mean_display) if stat.n else None,
        "sd": float(stat.sd_display) if stat.sd_display is not None else None,
        "band": str(stat.band_label) if stat.band_label else "",
        "percent": float(stat.percent_of_max) if stat.n else None,
        "top2_share": float(stat.top_two_share) if stat.n else None,
    }


def surveys_section(year):
    rows = [
        {
            "title": s.survey.title,
            "mission_group": s.survey.mission_group.name if s.survey.mission_group_id else "",
            "scheme": str(s.survey.get_band_scheme_display()),
            "n": s.responses,
            "n_paper": s.paper_responses,
            "n_online": s.online_responses,
            # Seed 001 §3: the results reported to the executives, and who acknowledged them.
            "acknowledged_by": s.survey.acknowledged_by,
            "acknowledged_on": s.survey.acknowledged_on,
            "acknowledgement_remark": s.survey.acknowledgement_remark,
            "overall": stat_data(s.overall),
            "dimensions": [
                {
                    "label": d.dimension.title,
                    "items": [{"label": i.item.text} | stat_data(i.stat) for i in d.items],
                }
                | stat_data(d.stat)
                for d in s.dimensions
            ],
            "url": url(
                "surveys:survey_results" if s.survey.results_public else "surveys:survey_answer",
                s.survey.slug,
            ),
        }
        for s in year.surveys
    ]
    return {
        "rows": rows,
        "total": len(rows),
        "overall_mean": float(year.mean) if year.mean is not None else None,
        "overall_n": year.respondents,
        "url": url("surveys:survey_list"),
    }
