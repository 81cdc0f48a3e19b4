import datetime as dt

from django.template import Context, Template
from django.utils import translation


def render(source, **context):
    return Template(source).render(Context(context))


@translation.override("th")
def test_be_date_filters_are_available_in_every_template():
    day = dt.date(2025, 10, 9)
    assert render("{{ d|be_date }}", d=day) == "9 ตุลาคม 2568"
    assert render('{{ d|be_date:"short" }}', d=day) == "9 ต.ค. 68"
    assert render("{{ d|be_date_thai_digits }}", d=day) == "๙ ตุลาคม ๒๕๖๘"
    assert render("{{ d|fiscal_year }}", d=day) == "2569"
    assert render("{{ n|thai_digits }}", n=2569) == "๒๕๖๙"


def test_english_interface_shows_gregorian_dates():
    with translation.override("en"):
        assert render("{{ d|be_date }}", d=dt.date(2025, 10, 9)) == "9 October 2025"


def test_filters_leave_missing_values_blank():
    assert render("{{ d|be_date }}|{{ d|fiscal_year }}", d=None) == "|"


@translation.override("th")
def test_fiscal_year_spans_name_their_first_and_last_days():
    assert render("{{ y|fiscal_year_span }}", y=2569) == "1 ตุลาคม 2568 – 30 กันยายน 2569"
    assert render('{{ y|fiscal_year_span:"first_half" }}', y=2569) == "1 ตุลาคม 2568 – 31 มีนาคม 2569"
    assert (
        render('{{ d|fiscal_year_span:"second_half" }}', d=dt.date(2026, 9, 30))
        == "1 เมษายน 2569 – 30 กันยายน 2569"
    )
    assert render("{{ y|fiscal_year_span }}", y=None) == ""


def test_thai_words_mark_the_breaks_between_words_and_escape_the_rest():
    html = render("{{ t|thai_words }}", t="การมีส่วนร่วมของประชาชน <b>")
    assert html == "การ<wbr>มีส่วนร่วม<wbr>ของ<wbr>ประชาชน<wbr> <wbr>&lt;b&gt;"
