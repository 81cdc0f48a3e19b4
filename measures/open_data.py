"""A fiscal year's participation activities as open data (CSV and JSON), for
the national open-data catalogue and anyone re-using the agency's figures.

The rows come from the same QuerySet the public activity list shows
(published only, participants summed by the database), so a figure in the
file is the figure on the page.
"""

import csv
import json

from django.http import HttpResponse
from django.utils.translation import gettext as _

from measures.models import Activity
from portal.lib.spreadsheet import csv_cell, csv_response

LICENCE = {
    "name": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
    "url": "https://creativecommons.org/licenses/by/4.0/",
}


def dictionary():
    """(field, description) of every column, in file order."""
    return [
        ("id", _("Number of the activity; its page is /activities/<id>/")),
        ("title", _("Activity or project")),
        ("held_on", _("Date held (YYYY-MM-DD, Gregorian)")),
        ("fiscal_year", _("Fiscal year (B.E.)")),
        ("mission_group", _("Mission group responsible")),
        ("level", _("IAP2 participation level (inform, consult, involve, collaborate, empower)")),
        ("participants_total", _("People who took part, all stakeholder groups")),
        ("external_participants", _("Of whom from outside the agency")),
        ("subject", _("The issue participants were asked about")),
        ("results", _("What came out of it")),
        ("use_of_results", _("How the results were used")),
    ]


def activity_rows(fiscal_year):
    activities = fiscal_year.filter(
        Activity.objects.published()
        .select_related("mission_group")
        .with_participant_totals()
        .order_by("held_on", "pk"),
        "held_on",
    )
    return [
        {
            "id": activity.pk,
            "title": activity.title,
            "held_on": activity.held_on.isoformat(),
            "fiscal_year": fiscal_year.be_year,
            "mission_group": activity.mission_group.name,
            "level": activity.level,
            "participants_total": activity.participants_total,
            "external_participants": activity.external_participants,
            "subject": activity.subject,
            "results": activity.results,
            "use_of_results": activity.use_of_results,
        }
        for activity in activities
    ]


def activities_csv(fiscal_year):
    response = csv_response(f"activities-{fiscal_year.be_year}.csv")
    writer = csv.writer(response)
    fields = [name for name, _description in dictionary()]
    writer.writerow(fields)
    for row in activity_rows(fiscal_year):
        writer.writerow([csv_cell(row[name]) for name in fields])
    return response


def activities_json(fiscal_year, *, publisher):
    document = {
        "title": _("Participation activities, fiscal year %(year)s")
        % {"year": fiscal_year.be_year},
        "publisher": publisher,
        "fiscal_year": fiscal_year.be_year,
        "licence": LICENCE,
        "fields": [{"name": name, "description": text} for name, text in dictionary()],
        "rows": activity_rows(fiscal_year),
    }
    return HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
    )
