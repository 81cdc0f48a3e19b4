"""Section 3 of the report: channels for listening and the feedback statistics.

The figures are those of the public statistics page, from the same function
(`feedback.services.feedback_statistics`), so the report and the page never
disagree; this module only lays them out for the report.
"""

from django.utils.translation import gettext_lazy as _

from feedback.services import COMPLAINT_GROUP_LABELS, feedback_statistics
from portal.report.sections import url_or_blank

STREAMS = tuple(COMPLAINT_GROUP_LABELS.items())
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


def feedback_data(year, period, agency, *, today):
    stats = feedback_statistics(period=period, today=today)
    totals = stats["totals"]
    streams = [
        {
            "key": key,
            "label": label,
            "none": totals[key]["received"] == 0,
            "months": [{"month": row["month"]} | row[key] for row in stats["months"]],
            "totals": totals[key],
        }
        for key, label in STREAMS
    ]
    due = sum(totals[key]["report_back_due"] for key, _label in STREAMS)
    on_time = sum(totals[key]["reported_back_on_time"] for key, _label in STREAMS)
    return {
        "available": True,
        "channels": channels_data(agency),
        "received": stats["all"]["received"],
        "closed": stats["all"]["closed"],
        "complaints": sum(totals[key]["received"] for key, _label in STREAMS),
        "streams": streams,
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
        "reported_back_share": round(100 * on_time / due, 1) if due else None,
        "reported_back_due": due,
        "reported_back_on_time": on_time,
        "months_total": [
            {"label": row["month"], "received": sum(row[key]["received"] for key, _l in STREAMS)}
            for row in stats["months"]
        ],
        "url": url_or_blank("feedback:statistics_year", year.be_year),
    }
