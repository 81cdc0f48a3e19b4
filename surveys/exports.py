"""CSV exports of a survey round: its statistics (public when its results are)
and its raw answer sheets (staff with `surveys.view_response` only)."""

import csv

from django.utils import timezone
from django.utils.translation import gettext as _

from portal.lib.spreadsheet import csv_cell
from surveys import services
from surveys.models import Answer, Item, OpenAnswer, Response
from surveys.stats import SCORES


def _fmt(value):
    return "" if value is None else str(value)


def survey_statistics_csv_write(*, survey, out):
    """Frequencies, mean, SD and interpretation per item, dimension, the round
    and each stakeholder type, written as CSV rows to `out`."""
    results = services.survey_results(survey=survey)
    writer = csv.writer(out)
    writer.writerow(
        [
            _("Level"),
            _("Dimension"),
            _("Statement"),
            "n",
            *[f"{_('score')} {s}" for s in SCORES],
            *[f"% {s}" for s in SCORES],
            _("Mean"),
            _("SD"),
            _("Interpretation"),
            _("Mean as per cent of 5"),
            _("Per cent answering 4–5"),
            _("Interpretation bands"),
        ]
    )
    # Every row names the scheme: a mean of 4.3 reads "highest" under one
    # and "high" under the other.
    scheme = survey.get_band_scheme_display()

    def row(level, dimension, item, stat):
        frequencies = stat.frequency_rows
        writer.writerow(
            [
                level,
                dimension,
                item,
                stat.n,
                *[f["count"] for f in frequencies],
                *[_fmt(f["percent"]) for f in frequencies],
                _fmt(stat.mean_display),
                _fmt(stat.sd_display),
                _fmt(stat.band_label),
                _fmt(stat.percent_of_max),
                _fmt(stat.top_two_share),
                scheme,
            ]
        )

    for dimension in results.dimensions:
        for item in dimension.items:
            row(_("item"), csv_cell(dimension.dimension.title), csv_cell(item.item.text), item.stat)
        row(_("dimension"), csv_cell(dimension.dimension.title), "", dimension.stat)
    row(_("overall"), "", "", results.overall)
    for cross in results.cross_table:
        group = csv_cell(str(cross.group)) if cross.group else _("Not stated")
        titles = [csv_cell(d.dimension.title) for d in results.dimensions]
        for title, stat in zip([*titles, ""], [*cross.cells, cross.overall], strict=True):
            if cross.hidden:
                # The reason stands where the reading would be.
                blank = [""] * 13  # n to SD: no figure, not zero
                writer.writerow(
                    [_("stakeholder type"), title, group, *blank, cross.hidden_note, "", "", scheme]
                )
            else:
                row(_("stakeholder type"), title, group, stat)


def survey_answers_csv_write(*, survey, out):
    items = list(Item.objects.filter(dimension__survey=survey))
    questions = list(survey.open_questions.all())
    scores = {}
    for response_id, item_id, score in Answer.objects.filter(response__survey=survey).values_list(
        "response_id", "item_id", "score"
    ):
        scores[(response_id, item_id)] = score
    texts = {}
    for response_id, question_id, text in OpenAnswer.objects.filter(
        response__survey=survey
    ).values_list("response_id", "question_id", "text"):
        texts[(response_id, question_id)] = text
    writer = csv.writer(out)
    writer.writerow(
        [
            _("Sheet"),
            _("Date and time (Bangkok)"),
            _("Sex"),
            _("Age"),
            _("Occupation"),
            _("Stakeholder type"),
            *[csv_cell(f"{n}. {item.text}") for n, item in enumerate(items, start=1)],
            *[csv_cell(question.text) for question in questions],
        ]
    )
    for number, response in enumerate(
        Response.objects.filter(survey=survey)
        .select_related("stakeholder_group")
        .order_by("submitted_at", "pk"),
        start=1,
    ):
        writer.writerow(
            [
                number,
                timezone.localtime(response.submitted_at).strftime("%Y-%m-%d %H:%M"),
                response.get_sex_display() if response.sex else "",
                response.get_age_band_display() if response.age_band else "",
                response.get_occupation_display() if response.occupation else "",
                str(response.stakeholder_group or ""),
                *[_fmt(scores.get((response.pk, item.pk))) for item in items],
                *[csv_cell(texts.get((response.pk, question.pk))) for question in questions],
            ]
        )
