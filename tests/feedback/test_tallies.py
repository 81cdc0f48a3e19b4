"""Monthly tallies: the statistics read from them equal a fresh count of the cases."""

import datetime as dt
import io
import statistics

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from feedback import tallies
from feedback.models import Case, MonthTally
from feedback.services import case_reply, case_transition, feedback_statistics
from feedback.statistics import median_of_counts
from portal.lib import thai
from tests.factories import feedback as fb
from tests.queries import call_queries

pytestmark = pytest.mark.django_db

TZ = timezone.get_fixed_timezone(7 * 60)
FY = thai.FiscalYear(2569)
AFTER_THE_YEAR = dt.date(2026, 11, 21)


def at(y, m, d, hour=10):
    return dt.datetime(y, m, d, hour, tzinfo=TZ)


def fresh(period, today):
    """The statistics counted from the cases alone, no tally consulted."""
    MonthTally.objects.all().delete()
    return feedback_statistics(period=period, today=today)


@pytest.fixture
def year_of_cases(agency, triage_officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        done = fb.case(received_at=at(2025, 10, 3))
        case_transition(case=done, to="accepted", by=triage_officer)
        case_reply(case=done, by=triage_officer, body="รับเรื่องแล้ว")
        fb.corruption_case(received_at=at(2026, 2, 14, 23))
        fb.case(stream=Case.Stream.SUGGESTION, received_at=at(2026, 5, 1))
    return done


def test_saving_cases_keeps_a_tally_for_each_month_they_were_received_in(year_of_cases):
    assert sorted(MonthTally.objects.values_list("month", flat=True)) == [
        dt.date(2025, 10, 1),
        dt.date(2026, 2, 1),
        dt.date(2026, 5, 1),
    ]
    from_tallies = feedback_statistics(period=FY, today=AFTER_THE_YEAR)
    assert from_tallies == fresh(FY, AFTER_THE_YEAR)
    assert from_tallies["totals"]["corruption"]["received"] == 1
    assert from_tallies["all"] == {"received": 3, "completed": 0, "closed": 0}


def test_a_counted_year_is_read_in_a_few_queries_whatever_the_cases(year_of_cases):
    tallies.recount_period(FY.period)  # the months without cases too
    # One read of the tallies and one of the category names, whatever the cases,
    # and at most two for what citizens said after completion (reopenings, ratings).
    few_stats, few = call_queries(lambda: feedback_statistics(period=FY, today=AFTER_THE_YEAR))
    for month in (11, 12, 1, 3, 4, 6):
        fb.case(received_at=at(2026 if month < 10 else 2025, month, 9))
        fb.corruption_case(received_at=at(2026 if month < 10 else 2025, month, 10))
    tallies.recount_period(FY.period)
    stats, many = call_queries(lambda: feedback_statistics(period=FY, today=AFTER_THE_YEAR))
    assert stats["all"]["received"] == few_stats["all"]["received"] + 12 == 15
    assert many == few <= 4


def test_a_change_outdates_the_tally_at_once_and_counts_the_month_after_commit(
    year_of_cases, triage_officer, django_capture_on_commit_callbacks
):
    february = dt.date(2026, 2, 1)
    report = Case.objects.get(stream=Case.Stream.CORRUPTION)
    with django_capture_on_commit_callbacks(execute=False) as pending:
        case_transition(
            case=report, to="not_accepted", by=triage_officer, not_accepted_ground="too_vague"
        )
        assert not MonthTally.objects.get(month=february).is_valid_on(AFTER_THE_YEAR)
    for callback in pending:
        callback()
    assert MonthTally.objects.get(month=february).is_valid_on(AFTER_THE_YEAR)
    stats = feedback_statistics(period=FY, today=AFTER_THE_YEAR)
    assert stats["totals"]["corruption"]["not_accepted"] == 1
    assert stats == fresh(FY, AFTER_THE_YEAR)


def test_a_count_that_raced_a_change_is_not_trusted(year_of_cases, monkeypatch):
    """A case changed (and committed) while its month was being counted: the
    count may predate the change, so it is not stored as valid."""
    count_months = tallies.count_months

    def count_while_a_case_changes(months, **kwargs):
        figures = count_months(months, **kwargs)
        Case.objects.filter(pk=year_of_cases.pk).update(stream=Case.Stream.CORRUPTION)
        tallies.forget(months)  # what saving it would have done
        return figures

    monkeypatch.setattr(tallies, "count_months", count_while_a_case_changes)
    tallies.recount([dt.date(2025, 10, 1)])
    monkeypatch.undo()
    assert not MonthTally.objects.get(month=dt.date(2025, 10, 1)).is_valid_on(AFTER_THE_YEAR)
    stats = feedback_statistics(period=FY, today=AFTER_THE_YEAR)
    assert stats["totals"]["corruption"]["received"] == 2  # counted from the cases


def test_moving_the_date_received_counts_both_months_again(
    year_of_cases, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        year_of_cases.received_at = at(2026, 7, 7)
        year_of_cases.save()
    stats = feedback_statistics(period=FY, today=AFTER_THE_YEAR)
    assert stats["months"][0]["general"]["received"] == 0  # October
    assert stats["months"][9]["general"]["received"] == 1  # July
    assert stats == fresh(FY, AFTER_THE_YEAR)


def test_an_unanswered_case_still_in_time_is_judged_on_the_day_read(
    agency, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = fb.case(received_at=at(2026, 9, 20))
    due = case.report_back_due_on
    september = thai.Period(dt.date(2026, 9, 1), dt.date(2026, 10, 1))
    before = feedback_statistics(period=september, today=due)
    after = feedback_statistics(period=september, today=due + dt.timedelta(days=1))
    assert before["totals"]["general"]["report_back_due"] == 0  # not answered, not yet late
    assert after["totals"]["general"]["report_back_due"] == 1  # late now
    assert after == fresh(september, due + dt.timedelta(days=1))


def test_a_bulk_load_is_counted_by_recount(agency):
    Case.objects.bulk_create(
        Case(
            fiscal_year=2569,
            number=900 + n,
            pin="ACDEFG",
            subject="นำเข้าจากทะเบียนเดิม",
            details="เรื่องจากทะเบียนกระดาษ",
            received_at=at(2026, 3, 1 + n),
            report_back_due_on=dt.date(2026, 3, 16 + n),
            resolve_due_on=dt.date(2026, 4, 30),
            status=Case.Status.COMPLETED,
            completed_at=at(2026, 3, 5 + 2 * n),
        )
        for n in range(3)
    )
    tallies.recount(FY.period.months(), today=AFTER_THE_YEAR)
    stats = feedback_statistics(period=FY, today=AFTER_THE_YEAR)
    assert stats["totals"]["general"]["completed"] == 3
    assert stats["totals"]["general"]["median_days_to_close"] == 5.0  # 4, 5 and 6 days
    assert stats == fresh(FY, AFTER_THE_YEAR)


def test_a_period_of_part_months_is_refused(agency):
    with pytest.raises(ValueError):
        feedback_statistics(period=thai.Period(dt.date(2026, 1, 15), dt.date(2026, 2, 1)))


@given(st.dictionaries(st.integers(0, 400), st.integers(1, 50), max_size=30))
def test_the_median_of_counts_is_the_median_of_the_values(counts):
    values = [value for value, n in counts.items() for _ in range(n)]
    expected = round(statistics.median(values), 1) if values else None
    assert median_of_counts(counts) == expected


def test_the_recount_command_counts_every_month_of_the_year(agency):
    fb.case(received_at=at(2026, 1, 9))  # committed in no test transaction: no tally yet
    out = io.StringIO()
    call_command("feedback_recount", fiscal_year=2569, stdout=out)
    assert MonthTally.objects.count() == 12
    assert "FY 2569: 12 monthly tallies" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("feedback_recount", fiscal_year=69)
