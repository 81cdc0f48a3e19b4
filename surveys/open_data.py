"""A fiscal year's satisfaction-survey results as open data (CSV and JSON).

The rounds are those the annual report prints (published, results public,
opened within the year: services.rounds_in) and every figure comes from
services.survey_results, the results page's own, so the file says what the
page says: per statement, per dimension, the round overall and by
stakeholder type, with the small groups hidden as on the page
(results.breakdown_hidden). No answer sheet and no written answer reaches
the file. File format, licence and dictionary: portal.lib.open_data.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from measures.open_data import year_data_response
from portal.lib import thai
from portal.lib.open_data import LICENCE, Column
from portal.lib.page_cache import public_page
from surveys import services
from surveys.stats import SCORES

__all__ = ["LICENCE", "dictionary", "results_data", "results_rows"]

# Levels of a row: its code in the file and its Thai name.
LEVELS = {
    "item": gettext_lazy("item"),
    "dimension": gettext_lazy("dimension"),
    "overall": gettext_lazy("overall"),
    "stakeholder_type": gettext_lazy("stakeholder type"),
}


def dictionary():
    """Every column, in file order."""
    _ = gettext_lazy
    return [
        Column("fiscal_year", _("Fiscal year"), _("Fiscal year (B.E.) in which the round opened")),
        Column(
            "survey",
            _("Survey code"),
            _("The round's code; its results page is /surveys/<code>/results/"),
        ),
        Column("survey_title", _("Survey"), _("Title of the survey round")),
        Column("mission_group", _("Mission group"), _("Mission group responsible")),
        Column("opens_on", _("Opened"), _("First day of the round (YYYY-MM-DD, Gregorian)")),
        Column("closes_on", _("Closing day"), _("Last day of the round (YYYY-MM-DD, Gregorian)")),
        Column(
            "band_scheme",
            _("Interpretation bands"),
            _("How a mean is read into a level (the agency's choice)"),
        ),
        Column(
            "level",
            _("Level code"),
            _(
                "item: one statement; dimension: its statements pooled; overall: the whole "
                "round; stakeholder_type: one type of respondent, per dimension and overall"
            ),
        ),
        Column("level_name", _("Level"), _("The level in Thai")),
        Column("dimension", _("Dimension"), _("Dimension of the questionnaire (blank: all)")),
        Column("statement", _("Statement"), _("The statement respondents scored")),
        Column(
            "stakeholder_type",
            _("Stakeholder type"),
            _("Type of respondent on stakeholder_type rows (“Not stated” if not given)"),
        ),
        Column(
            "respondents",
            _("Respondents"),
            _("Respondents of the round, or of the stakeholder type on its rows"),
        ),
        Column("n", "n", _("Number of scores given (1–5) behind the figures of the row")),
        *[
            Column(
                f"score_{score}",
                _("Score %(score)s") % {"score": score},
                _("Number of answers scoring %(score)s (5 highest, 1 lowest)") % {"score": score},
            )
            for score in SCORES
        ],
        Column("mean", _("Mean"), _("Mean score out of 5, two decimals")),
        Column("sd", _("SD"), _("Sample standard deviation (blank for fewer than two answers)")),
        Column("band", _("Interpretation"), _("The mean read under the round's bands")),
        Column("mean_percent", _("Mean as per cent of 5"), _("Mean ÷ 5 × 100")),
        Column(
            "top_two_share",
            _("Per cent answering 4–5"),
            _("Share of the answers scoring 4 or 5 (a different figure from the mean as %)"),
        ),
        Column(
            "remark",
            _("Note"),
            _("Why a row's figures are blank: a group too small to show without exposing someone"),
        ),
    ]


def _number(value):
    return None if value is None else float(value)


def _figures(stat):
    if stat is None:
        return {"n": None, **{f"score_{s}": None for s in SCORES}} | dict.fromkeys(
            ("mean", "sd", "band", "mean_percent", "top_two_share")
        )
    return {
        "n": stat.n,
        **{f"score_{s}": stat.frequencies.get(s, 0) for s in SCORES},
        "mean": _number(stat.mean_display),
        "sd": _number(stat.sd_display),
        "band": str(stat.band_label) if stat.band_label else "",
        "mean_percent": _number(stat.percent_of_max),
        "top_two_share": _number(stat.top_two_share),
    }


def _round_rows(survey, fiscal_year):
    results = services.survey_results(survey=survey)
    base = {
        "fiscal_year": fiscal_year.be_year,
        "survey": survey.slug,
        "survey_title": survey.title,
        "mission_group": survey.mission_group.name if survey.mission_group_id else "",
        "opens_on": survey.opens_on.isoformat(),
        "closes_on": survey.closes_on.isoformat() if survey.closes_on else "",
        "band_scheme": str(survey.get_band_scheme_display()),
    }

    def row(level, stat, *, dimension="", statement="", group="", respondents, remark=""):
        return (
            base
            | {"level": level, "level_name": str(LEVELS[level]), "dimension": dimension}
            | {"statement": statement, "stakeholder_type": group, "respondents": respondents}
            | _figures(stat)
            | {"remark": remark}
        )

    rows = []
    for dimension in results.dimensions:
        title = dimension.dimension.title
        for item in dimension.items:
            rows.append(
                row(
                    "item",
                    item.stat,
                    dimension=title,
                    statement=item.item.text,
                    respondents=results.responses,
                )
            )
        rows.append(
            row("dimension", dimension.stat, dimension=title, respondents=results.responses)
        )
    rows.append(row("overall", results.overall, respondents=results.responses))
    titles = [d.dimension.title for d in results.dimensions]
    for cross in results.cross_table:
        group = cross.group.name if cross.group else _("Not stated")
        for title, stat in zip([*titles, ""], [*cross.cells, cross.overall], strict=True):
            rows.append(
                row(
                    "stakeholder_type",
                    stat,
                    dimension=title,
                    group=group,
                    respondents=cross.respondents,
                    remark=cross.hidden_note,
                )
            )
    return rows


def results_rows(fiscal_year):
    """Every row of the year's file: the year's public rounds in the order they opened."""
    rounds = (
        services.rounds_in(period=fiscal_year, results_public_only=True)
        .select_related("mission_group")
        .order_by("opens_on", "title", "pk")
    )
    return [row for survey in rounds for row in _round_rows(survey, fiscal_year)]


def results_year(be_year):
    """A fiscal year the portal may publish survey results of, or 404."""
    return thai.fiscal_year_or_404(be_year, last=thai.FiscalYear.current().be_year + 1)


@require_safe
@public_page
def results_data(request, fiscal_year, fmt):
    """The fiscal year's survey results as open data (CSV or JSON)."""
    year = results_year(fiscal_year)
    rows = results_rows(year)
    return year_data_response(
        fmt,
        name="survey-results",
        title=_("Satisfaction survey results, fiscal year %(year)s") % {"year": year.be_year},
        fiscal_year=year,
        columns=dictionary(),
        rows=rows,
        note=""
        if rows
        else _("No survey round published its results for fiscal year %(year)s.")
        % {"year": year.be_year},
    )
