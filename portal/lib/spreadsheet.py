"""CSV files for staff and the public: Excel opens them as Thai and never
runs a cell as a formula. Every CSV export of the portal goes through here."""

import re

from django.http import HttpResponse

# Excel opens a CSV as UTF-8 (and so shows Thai) only when it starts with a BOM.
BOM = "\ufeff"
# A cell starting with one of these runs as a formula in a spreadsheet (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# An international phone number (+66 81 234 5678) starts like a formula but holds
# only digits and separators: no function, cell reference or DDE call can hide in
# it, and a quote in front would spoil the number staff copy from the sheet.
INTERNATIONAL_PHONE = re.compile(r"\+[0-9][0-9 ().-]*")


def csv_cell(value):
    """Text for a cell: None as empty, a would-be formula defused by a leading quote."""
    value = "" if value is None else str(value)
    if value.startswith(FORMULA_STARTS) and not INTERNATIONAL_PHONE.fullmatch(value):
        return "'" + value
    return value


def csv_response(filename):
    """An attachment response to write CSV rows into, BOM first."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write(BOM)
    return response
