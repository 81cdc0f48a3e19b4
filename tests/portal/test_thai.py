import datetime as dt
import zoneinfo

from hypothesis import given
from hypothesis import strategies as st

from portal.lib import thai, thai_text
from portal.lib.thai import FiscalYear

dates = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2200, 12, 31))
be_years = st.integers(min_value=2500, max_value=2700)


@given(dates)
def test_every_day_belongs_to_the_fiscal_year_whose_period_contains_it(day):
    year = FiscalYear.of(day)
    assert year.period.start <= day <= year.period.last_day
    assert day in year
    assert day not in year.previous()
    assert day not in year.next()


@given(be_years)
def test_consecutive_fiscal_years_meet_without_gap_or_overlap(be_year):
    year = FiscalYear(be_year)
    assert year.period.end == year.next().period.start
    assert FiscalYear.of(year.period.start) == year
    assert FiscalYear.of(year.period.last_day) == year
    assert FiscalYear.of(year.period.end) == year.next()


@given(be_years)
def test_the_halves_split_the_year_at_the_first_of_april(be_year):
    year = FiscalYear(be_year)
    assert year.first_half.start == year.period.start
    assert year.first_half.end == year.second_half.start
    assert year.second_half.end == year.period.end
    assert year.first_half.end.month == 4 and year.first_half.end.day == 1
    assert year.first_half.last_day.month == 3


@given(be_years)
def test_months_run_october_to_september_and_cover_the_year(be_year):
    months = FiscalYear(be_year).months()
    assert len(months) == 12
    assert months[0] == FiscalYear(be_year).period.start
    assert [m.month for m in months] == [10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9]
    assert all(FiscalYear.of(m) == FiscalYear(be_year) for m in months)


@given(dates)
def test_buddhist_era_is_the_gregorian_year_plus_543(day):
    assert thai.to_ce(thai.to_be(day.year)) == day.year
    assert thai.format_date(day, style="long").endswith(str(day.year + 543))


def test_fiscal_year_2569_runs_from_1_october_2025_to_30_september_2026():
    year = FiscalYear(2569)
    assert year.period.start == dt.date(2025, 10, 1)
    assert year.period.last_day == dt.date(2026, 9, 30)
    assert year.first_half.last_day == dt.date(2026, 3, 31)
    assert str(year) == "2569"


def test_a_late_evening_in_bangkok_counts_on_the_bangkok_day():
    # 30 Sep 2026 18:30 UTC is already 1 Oct 01:30 in Bangkok: fiscal year 2570.
    moment = dt.datetime(2026, 9, 30, 18, 30, tzinfo=dt.UTC)
    assert FiscalYear.of(moment) == FiscalYear(2570)
    start, end = FiscalYear(2570).period.bounds()
    assert start.tzinfo == zoneinfo.ZoneInfo("Asia/Bangkok")
    assert start <= moment < end


def test_dates_read_in_the_buddhist_era_with_thai_month_names():
    day = dt.date(2019, 6, 15)
    assert thai.format_date(day) == "15 มิถุนายน 2562"
    assert thai.format_date(day, style="full") == "15 มิถุนายน พ.ศ. 2562"
    assert thai.format_date(day, style="short") == "15 มิ.ย. 62"
    assert thai.format_date(day, style="full", digits="thai") == "๑๕ มิถุนายน พ.ศ. ๒๕๖๒"


def test_datetimes_are_shown_in_bangkok_time():
    moment = dt.datetime(2026, 1, 5, 2, 5, tzinfo=dt.UTC)
    assert thai.format_date(moment, style="datetime") == "5 ม.ค. 2569 09:05 น."


def test_digits_convert_both_ways():
    assert thai.thai_digits("ปี 2569 ข้อ 5") == "ปี ๒๕๖๙ ข้อ ๕"
    assert thai.arabic_digits("๒๕๖๙") == "2569"


def test_thai_text_is_segmented_into_words():
    assert thai_text.segment_words("การมีส่วนร่วมของประชาชน") == ["การ", "มีส่วนร่วม", "ของ", "ประชาชน"]
    assert "ของ" in thai_text.stopwords()


def test_a_period_filters_date_and_datetime_fields_alike(db):
    from django.contrib.auth.models import User

    from measures.models import Policy

    policies = FiscalYear(2569).filter(Policy.objects.all(), "effective_on")
    assert policies.count() == 3  # the default policies take effect on 1 Oct 2025
    assert FiscalYear(2568).filter(Policy.objects.all(), "effective_on").count() == 0
    User.objects.create(
        username="late", date_joined=dt.datetime(2025, 9, 30, 17, 30, tzinfo=dt.UTC)
    )
    assert FiscalYear(2569).filter(User.objects.all(), "date_joined").count() == 1


def test_a_half_year_lists_its_six_months():
    assert FiscalYear(2569).first_half.months() == [
        dt.date(2025, 10, 1),
        dt.date(2025, 11, 1),
        dt.date(2025, 12, 1),
        dt.date(2026, 1, 1),
        dt.date(2026, 2, 1),
        dt.date(2026, 3, 1),
    ]


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_the_month_of_a_day_holds_it_and_ends_where_the_next_begins(day):
    month = thai.Period.month(day)
    assert month.start.day == 1 and day in month
    assert month.end.day == 1 and month.end - month.start <= dt.timedelta(days=31)


def test_the_month_of_a_moment_is_counted_in_bangkok():
    late_in_december = dt.datetime(2025, 12, 31, 18, 30, tzinfo=dt.UTC)  # 01:30 on 1 January
    assert thai.Period.month(late_in_december).start == dt.date(2026, 1, 1)


def test_thai_digits_leave_latin_codes_alone():
    assert thai.thai_digits("ระดับ IAP2 ข้อ 3 ปี 2569 กระดาษ A4") == "ระดับ IAP2 ข้อ ๓ ปี ๒๕๖๙ กระดาษ A4"


def test_spaces_left_inside_thai_words_are_removed_and_those_between_words_kept():
    assert thai_text.repair_split_words("เพื่ อให้การดำเนินงาน") == "เพื่อให้การดำเนินงาน"
    assert thai_text.repair_split_words("ผู้มีส่วนได้ส่วน เสีย") == "ผู้มีส่วนได้ส่วนเสีย"
    assert thai_text.repair_split_words("ประชาชน ผู้รับบริการ") == "ประชาชน ผู้รับบริการ"


def test_content_words_leave_out_particles_fillers_and_emphasis_repeats():
    words = thai_text.content_words("บริการดีมากกกก ค่าาาา ครับผม 555 อยากให้มีที่จอดรถนะคะ")

    assert "ที่จอดรถ" in words and "บริการ" in words
    assert not {"ครับผม", "นะคะ", "ค่า", "กก", "555", "ให้"} & set(words)


def test_a_long_thai_text_is_shortened_after_a_whole_word():
    text = "สำนักงานเขตพื้นที่การศึกษาวิเคราะห์บทวนผลการดำเนินงานและข้อเสนอ"
    short = thai_text.shorten_at_word(text, 30)
    assert short.endswith("…") and len(short) <= 30
    kept = short.removesuffix("…")
    assert text.startswith(kept)
    # Where the cut falls, a word ends: the words of the kept part are the text's own.
    assert (
        thai_text.segment_words(kept)
        == thai_text.segment_words(text)[: len(thai_text.segment_words(kept))]
    )
    assert thai_text.shorten_at_word(text, len(text)) == text


def test_shortening_falls_back_to_characters_when_one_word_is_longer_than_the_limit():
    assert thai_text.shorten_at_word("x" * 50, 10) == "x" * 9 + "…"


DATE_PATTERNS = {
    "long": "%-d %B %Y",
    "full": "%-d %B พ.ศ. %Y",
    "short": "%-d %b %y",
    "medium": "%-d %b %Y",
    "datetime": "%-d %b %Y %H:%M น.",
    "month": "%B %Y",
    "month_short": "%b %y",
}


@given(st.datetimes(min_value=dt.datetime(1950, 1, 1), max_value=dt.datetime(2200, 12, 31)))
def test_each_date_style_reads_as_pythainlp_writes_it(moment):
    # format_date puts the names together itself (lists draw many dates);
    # pythainlp's thai_strftime is the reference it must match.
    from pythainlp.util import thai_strftime

    for style, pattern in DATE_PATTERNS.items():
        for value in (moment, moment.date()):
            assert thai.format_date(value, style=style) == thai_strftime(value, pattern)
            assert thai.format_date(value, style=style, digits="thai") == thai_strftime(
                value, pattern, thaidigit=True
            )
