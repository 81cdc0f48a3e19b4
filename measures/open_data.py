"""A fiscal year's participation activities as open data (CSV and JSON), for
the national open-data catalogue and anyone re-using the agency's figures.

The rows come from the same QuerySet the public activity list shows
(published only, participants summed by the database), so a figure in the
file is the figure on the page. The file format is portal.lib.open_data's.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from measures.models import Activity, Agency
from portal.lib.open_data import LICENCE, Column, csv_download, json_download

__all__ = [
    "LICENCE",
    "activities_data",
    "activity_rows",
    "dictionary",
    "year_data_response",
]


def dictionary():
    """Every column, in file order."""
    _ = gettext_lazy
    return [
        Column("id", _("Activity no."), _("Number of the activity; its page is /activities/<id>/")),
        Column("title", _("Activity"), _("Activity or project")),
        Column("held_on", _("Date held"), _("Date held (YYYY-MM-DD, Gregorian)")),
        Column("fiscal_year", _("Fiscal year"), _("Fiscal year (B.E.)")),
        Column("mission_group", _("Mission group"), _("Mission group responsible")),
        Column(
            "level",
            _("Participation level"),
            _("IAP2 participation level (inform, consult, involve, collaborate, empower)"),
        ),
        Column(
            "participants_total",
            _("Participants"),
            _("People who took part, all stakeholder groups"),
        ),
        Column(
            "external_participants",
            _("External participants"),
            _("Of whom from outside the agency"),
        ),
        Column("subject", _("Subject"), _("The issue participants were asked about")),
        Column("results", _("Results"), _("What came out of it")),
        Column("use_of_results", _("Use of results"), _("How the results were used")),
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


def year_data_response(fmt, *, name, title, fiscal_year, columns, rows, note=""):
    """A fiscal year's data set as its CSV ("csv") or JSON file
    (portal.lib.open_data), published under the agency's name; `note` says
    in words when the year has nothing to count."""
    if fmt == "csv":
        return csv_download(f"{name}-{fiscal_year.be_year}.csv", columns, rows)
    agency = Agency.objects.current()
    return json_download(
        title=title,
        publisher=agency.name_th if agency else "",
        fiscal_year=fiscal_year.be_year,
        columns=columns,
        rows=rows,
        note=note,
    )


def activities_data(fiscal_year, fmt):
    rows = activity_rows(fiscal_year)
    year = {"year": fiscal_year.be_year}
    return year_data_response(
        fmt,
        name="activities",
        title=_("Participation activities, fiscal year %(year)s") % year,
        fiscal_year=fiscal_year,
        columns=dictionary(),
        rows=rows,
        note="" if rows else _("No activity was published for fiscal year %(year)s.") % year,
    )
