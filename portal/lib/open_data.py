"""Open data files: one shape for every data set the portal publishes (the
activities, the complaint statistics, the survey results of a fiscal year),
ready for the national open-data catalogue (data.go.th).

A data set is a list of `Column`s and rows (dicts keyed by column name):

- CSV: UTF-8 with a BOM (so Excel shows Thai) through portal.lib.spreadsheet,
  one header row of Thai column headings, every cell defused of formulas;
- JSON: the title, publisher, fiscal year, licence and the data dictionary
  (name, Thai heading, description of every column), then the rows keyed by
  column name, plus a sentence when the year has nothing to count, so that an
  empty file is never mistaken for a missing one.
"""

import csv
import json
from dataclasses import dataclass

from django.http import HttpResponse

from portal.lib.spreadsheet import csv_cell, csv_response

LICENCE = {
    "name": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
    "url": "https://creativecommons.org/licenses/by/4.0/",
}


@dataclass(frozen=True)
class Column:
    name: str  # the JSON key: ASCII, stable once published
    heading: str  # the CSV header, in the interface language (Thai)
    description: str


def csv_download(filename, columns, rows):
    response = csv_response(filename)
    writer = csv.writer(response)
    writer.writerow([str(column.heading) for column in columns])
    for row in rows:
        writer.writerow([csv_cell(row[column.name]) for column in columns])
    return response


def json_download(*, title, publisher, fiscal_year, columns, rows, note=""):
    document = {
        "title": str(title),
        "publisher": publisher,
        "fiscal_year": fiscal_year,
        "licence": LICENCE,
        "fields": [
            {"name": c.name, "heading": str(c.heading), "description": str(c.description)}
            for c in columns
        ],
        "note": str(note),
        "rows": rows,
    }
    return HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
    )
