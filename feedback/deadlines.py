"""Deadline arithmetic: calendar or working days, as the agency chooses."""

import datetime as dt

from feedback.models import FeedbackSettings, Holiday


def days_add(*, start, days, working, holidays=frozenset()):
    """The day `days` days after `start`; working days skip weekends and holidays."""
    if not working:
        return start + dt.timedelta(days=days)
    day, counted = start, 0
    while counted < days:
        day += dt.timedelta(days=1)
        if day.weekday() < 5 and day not in holidays:
            counted += 1
    return day


def case_deadlines(*, stream, received_on, config=None):
    """(report back by, resolve by) for a case received on `received_on`."""
    config = config or FeedbackSettings.objects.current()
    working = config.day_count == FeedbackSettings.DayCount.WORKING
    longest = max(config.report_back_days, config.resolve_days(stream))
    holidays = frozenset()
    if working:
        # Working days stretch at most ~1.4× plus holidays: a generous window suffices.
        horizon = received_on + dt.timedelta(days=longest * 2 + 60)
        holidays = frozenset(
            Holiday.objects.filter(date__gt=received_on, date__lte=horizon).values_list(
                "date", flat=True
            )
        )
    report_back = days_add(
        start=received_on, days=config.report_back_days, working=working, holidays=holidays
    )
    resolve = days_add(
        start=received_on, days=config.resolve_days(stream), working=working, holidays=holidays
    )
    return report_back, resolve
