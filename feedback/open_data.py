"""A fiscal year's complaint statistics as open data (CSV and JSON).

The figures are `feedback_statistics`' monthly counts, the very numbers of the
public statistics page (feedback:statistics_year), laid out one row per month
and complaint stream, with the stages the page shows. Corruption reports are
counted as the page counts them: per month and stage, never by mission group
or by anything that could point at a person. No personal data and no text
written by a citizen or an officer reaches the file. File format, licence and
dictionary: portal.lib.open_data.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from feedback.statistics import COMPLAINT_GROUP_LABELS, STAGES, feedback_statistics
from measures.open_data import year_data_response
from portal.lib import thai
from portal.lib.open_data import LICENCE, Column
from portal.lib.page_cache import public_page

# The first fiscal year the portal publishes figures for (as the page), and
# the first it lists: the portal opened in fiscal year 2568.
FIRST_YEAR = 2560
FIRST_LISTED_YEAR = 2568

__all__ = [
    "LICENCE",
    "dictionary",
    "listed_years",
    "statistics_data",
    "statistics_rows",
    "statistics_year",
]


def statistics_year(be_year):
    """The fiscal year whose statistics may be published (not the future), or 404."""
    return thai.fiscal_year_or_404(
        be_year, first=FIRST_YEAR, last=thai.FiscalYear.current().be_year
    )


def listed_years():
    """The fiscal years the statistics page offers, newest first (B.E.)."""
    return range(thai.FiscalYear.current().be_year, FIRST_LISTED_YEAR - 1, -1)


def dictionary():
    """Every column, in file order."""
    _ = gettext_lazy
    return [
        Column("fiscal_year", _("Fiscal year"), _("Fiscal year (B.E.)")),
        Column("month", _("Month"), _("Month the cases were received (YYYY-MM, Gregorian)")),
        Column("month_name", _("Month (B.E.)"), _("The same month in Thai, Buddhist Era")),
        Column(
            "stream",
            _("Complaint type code"),
            _(
                "corruption: corruption and misconduct complaints; general: general and "
                "service complaints"
            ),
        ),
        Column("stream_name", _("Complaint type"), _("The complaint type in Thai")),
        Column("received", _("Received"), _("Cases received in the month")),
        Column(
            "completed",
            _("Completed"),
            _("Of these, cases completed (or referred) by the time of the file"),
        ),
        Column("in_progress", _("In progress"), _("Of these, cases still being handled")),
        Column(
            "not_accepted",
            _("Not accepted"),
            _("Of these, cases not accepted for consideration or closed without handling"),
        ),
        Column("remark", _("Note"), _("“No complaints” when the month had none")),
    ]


def statistics_rows(stats, fiscal_year):
    """One row per month and complaint stream of `feedback_statistics`' result."""
    return [
        {
            "fiscal_year": fiscal_year.be_year,
            "month": month["month"].strftime("%Y-%m"),
            "month_name": thai.format_date(month["month"], style="month"),
            "stream": stream,
            "stream_name": str(label),
            **{stage: month[stream][stage] for stage in STAGES},
            "remark": "" if month[stream]["received"] else _("No complaints"),
        }
        for month in stats["months"]
        for stream, label in COMPLAINT_GROUP_LABELS.items()
    ]


@require_safe
@public_page
def statistics_data(request, fiscal_year, fmt):
    """The fiscal year's complaint statistics as open data (CSV or JSON)."""
    year = statistics_year(fiscal_year)
    stats = feedback_statistics(period=year.period)
    rows = statistics_rows(stats, year)
    return year_data_response(
        fmt,
        name="complaint-statistics",
        title=_("Complaint statistics, fiscal year %(year)s") % {"year": year.be_year},
        fiscal_year=year,
        columns=dictionary(),
        rows=rows,
        note=""
        if stats["complaints"]["received"]
        else _("No complaints were received in fiscal year %(year)s.") % {"year": year.be_year},
    )
