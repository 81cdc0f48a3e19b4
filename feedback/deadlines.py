"""Deadline arithmetic: calendar or working days, as the agency chooses."""

import datetime as dt

import holidays as holiday_calendars
from django.db import transaction
from django.db.models import OuterRef, Q, Subquery
from django.utils.translation import gettext as _

from feedback.models import Case, CitizenMessage, FeedbackSettings, Holiday
from portal.lib import thai


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


def holiday_deadlines_move(*, day):
    """A holiday added or removed on `day` moves the deadlines of the open cases
    whose span holds it (when days are counted as working days): a cabinet-declared
    day off is often announced after the cases it affects were received.

    A case reopened by its citizen counts its resolution from the reopening, as
    `feedback.follow_up` set it. Returns the number of cases whose deadlines moved.
    """
    config = FeedbackSettings.objects.current()
    if config.day_count != FeedbackSettings.DayCount.WORKING:
        return 0
    day_starts = thai.Period(day, day + dt.timedelta(days=1)).bounds()[0]
    affected = (
        Case.objects.open()
        .filter(received_at__lt=day_starts)
        .filter(Q(report_back_due_on__gte=day) | Q(resolve_due_on__gte=day))
        .annotate(
            reopened_at=Subquery(
                CitizenMessage.objects.filter(
                    case=OuterRef("pk"), kind=CitizenMessage.Kind.NOT_RESOLVED
                )
                .order_by("-sent_at")
                .values("sent_at")[:1]
            )
        )
    )
    moved = 0
    with transaction.atomic():
        for case in affected.select_for_update():
            received_on = thai.local_date(case.received_at)
            report_back, resolve = case_deadlines(
                stream=case.stream, received_on=received_on, config=config
            )
            if case.reopened_at:
                resolve = case_deadlines(
                    stream=case.stream,
                    received_on=thai.local_date(case.reopened_at),
                    config=config,
                )[1]
            if (report_back, resolve) == (case.report_back_due_on, case.resolve_due_on):
                continue
            case.report_back_due_on, case.resolve_due_on = report_back, resolve
            case._change_reason = _("Deadlines moved by a change of holidays")
            case.save(update_fields=["report_back_due_on", "resolve_due_on", "updated_at"])
            moved += 1
    return moved


def holidays_load(*, fiscal_year):
    """Thailand's public and government holidays of `fiscal_year` (a
    `thai.FiscalYear`), substitute days included, from the `holidays` package into
    the holiday table. Days already in the table stay as staff wrote them; staff
    add cabinet-declared days the package does not know yet. The deadlines of open
    cases move for each day added. Returns the holidays added."""
    period = fiscal_year.period
    known = holiday_calendars.country_holidays(
        "TH",
        years=range(period.start.year, period.end.year + 1),
        categories=("public", "government"),
        language="th",
    )
    existing = set(
        Holiday.objects.filter(date__gte=period.start, date__lt=period.end).values_list(
            "date", flat=True
        )
    )
    name_length = Holiday._meta.get_field("name").max_length
    added = [
        Holiday(date=day, name=name[:name_length])
        for day, name in sorted(known.items())
        if period.start <= day < period.end and day not in existing
    ]
    with transaction.atomic():
        Holiday.objects.bulk_create(added)
        for holiday in added:
            holiday_deadlines_move(day=holiday.date)
    return added
