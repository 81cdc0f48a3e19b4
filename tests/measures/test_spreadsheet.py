import pytest

from portal.lib.spreadsheet import csv_cell


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://evil.example")', '\'=HYPERLINK("http://evil.example")'),
        ("+66 81 234 5678", "+66 81 234 5678"),
        ("+66812345678", "+66812345678"),
        ("+66 (0)42-111-222", "+66 (0)42-111-222"),
        ("+66 81 234 5678+SUM(A1)", "'+66 81 234 5678+SUM(A1)"),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("+", "'+"),
        ("+\t1", "'+\t1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("ไฟถนนดับ = อันตราย", "ไฟถนนดับ = อันตราย"),
        (None, ""),
        (42, "42"),
    ],
)
def test_a_cell_never_starts_a_formula(value, cell):
    assert csv_cell(value) == cell
