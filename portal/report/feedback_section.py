"""Section 3 of the report: channels for listening and the feedback statistics.

The figures are those of the public statistics page, from the same function
(`feedback.services.feedback_statistics`, the feedback app's year), so the
report and the page never disagree; this module only lays them out.
"""

from django.utils.translation import gettext_lazy as _

from feedback.models import FeedbackSettings
from feedback.services import COMPLAINT_GROUP_LABELS
from portal.report.sections import stat_data, url

STREAMS = tuple(COMPLAINT_GROUP_LABELS.items())
NO_CATEGORY = _("No category")
ALL_STREAMS = _("All types")
UNASSIGNED = _("No mission group named")


def channels_data(agency):
    """Every way the agency listens, with its address (seed 000 §3, 001 §2)."""
    rows = []

    def add(label, address, is_url=False):
        if address:
            rows.append({"label": label, "address": address, "is_url": is_url})

    add(
        _("Website (form for comments, suggestions and complaints)"),
        url("feedback:submit"),
        True,
    )
    add(
        _("Corruption and misconduct reports (separate from the general channel)"),
        url("feedback:corruption_submit"),
        True,
    )
    add(_("Case status by tracking code"), url("feedback:track"), True)
    add(_("Telephone"), agency.get("phone", ""))
    add(_("E-mail"), agency.get("email", ""))
    add(_("Letter"), agency.get("address", ""))
    add(_("In person and the suggestion box"), agency.get("address", "") and _("At the office"))
    add("Facebook", agency.get("facebook_url", ""), True)
    add("LINE Official Account", agency.get("line_id", ""))
    add(_("The agency's main website"), agency.get("website", ""), True)
    return rows


def feedback_section(stats, agency, *, fiscal_year, by_mission_group):
    totals = stats["totals"]
    complaints = stats["complaints"]
    return {
        "channels": channels_data(agency),
        "received": stats["all"]["received"],
        "completed": stats["all"]["completed"],
        "closed": stats["all"]["closed"],
        "complaints": complaints["received"],
        "streams": [
            {
                "key": key,
                "label": label,
                "none": totals[key]["received"] == 0,
                "months": [{"month": row["month"]} | row[key] for row in stats["months"]],
                "totals": totals[key],
            }
            for key, label in STREAMS
        ],
        "by_stream": [
            {"label": str(row["label"]), "count": row["count"]} for row in stats["by_stream"]
        ],
        "by_channel": [
            {"label": str(row["label"]), "count": row["count"]}
            for row in stats["by_channel"]
            if row["count"]
        ],
        "by_category": [
            {"label": row["label"] or NO_CATEGORY, "count": row["count"]}
            for row in stats["by_category"]
        ],
        "reported_back_share": complaints["report_back_share"],
        "report_back_label": report_back_label(),
        "reported_back_due": complaints["report_back_due"],
        "reported_back_on_time": complaints["reported_back_on_time"],
        "months_total": [
            {"label": row["month"], "received": row["complaints"]["received"]}
            for row in stats["months"]
        ],
        "follow_up": follow_up_section(stats["follow_up"]),
        "by_mission_group": mission_group_section(by_mission_group),
        "url": url("feedback:statistics_year", fiscal_year.be_year),
    }


def report_back_label():
    """ "Share reported back within N days", N and the way days are counted
    as the agency configured them (the label was fixed at 15 days)."""
    config = FeedbackSettings.objects.current()
    if config.day_count == FeedbackSettings.DayCount.WORKING:
        text = _("Share reported back within %(days)s working days")
    else:
        text = _("Share reported back within %(days)s days")
    return text % {"days": config.report_back_days}


def follow_up_section(follow_up):
    """Reopenings by citizens and their ratings of the handling, per stream with
    any figure, and over all (the same Likert figures as the surveys)."""

    def row(label, figures):
        counts = {k: figures[k] for k in ("reopened_cases", "reopenings", "confirmed")}
        return {"label": str(label)} | counts | stat_data(figures["rating"])

    streams = [
        row(s["label"], s)
        for s in follow_up["streams"]
        if s["reopenings"] or s["confirmed"] or s["rating"].n
    ]
    return {"streams": streams, "all": row(ALL_STREAMS, follow_up["all"])}


def mission_group_section(table):
    """Seed 003 §4: what each mission group heard, with the streams as columns."""
    return {
        "streams": [str(label) for _key, label in table["streams"]],
        "rows": [
            row | {"streams": list(row["streams"].values())}
            for row in table["rows"]
            + (
                [table["unassigned"] | {"name": str(UNASSIGNED)}]
                if table["unassigned"]["received"]
                else []
            )
        ],
        "total": table["total"] | {"streams": list(table["total"]["streams"].values())},
    }
