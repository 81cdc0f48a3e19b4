"""Keeping each month's `MonthTally` in step with its cases.

A saved or deleted case raises its month's generation in the same
transaction (holding the tally's row until the commit), so no reader trusts
a tally counted before the change; once the transaction commits, the month
is counted again. A count is stored only if the generation it started from
is still the month's when it is written: a count that raced a later change
is dropped, and that change's own recount stores the right figures. Writes
that bypass `save()` (bulk loads, `QuerySet.update`) call `recount()` for the
months they touched.
"""

from django.db import transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from feedback.models import Case, MonthTally
from feedback.statistics import COUNTED_FIELDS, count_months
from portal.lib import thai
from portal.lib.page_cache import public_pages_changed


def month_of(moment):
    return thai.Period.month(moment).start


def _rows_for(months):
    """Make sure each month has its tally row (one statement; existing rows stay)."""
    MonthTally.objects.bulk_create([MonthTally(month=m) for m in months], ignore_conflicts=True)


def recount(months, *, today=None):
    """Count `months` from their cases and store each tally not changed meanwhile."""
    months = sorted(set(months))
    if not months:
        return
    _rows_for(months)
    started = dict(MonthTally.objects.filter(month__in=months).values_list("month", "generation"))
    counted = count_months(months, today=today or timezone.localdate())
    for month, figures in counted.items():
        MonthTally.objects.filter(month=month, generation=started[month]).update(
            groups=[
                {key: value for key, value in row.items() if key != "due"}
                for row in figures["groups"]
            ],
            mission_groups=figures["mission_groups"],
            close_days=figures["close_days"],
            settles_on=figures["settles_on"],
            last_updated=figures["last_updated"],
            counted_generation=started[month],
        )
    # The statistics page reads the tallies, which an update changes unseen.
    public_pages_changed()


def recount_period(period, *, today=None):
    recount(period.months(), today=today)


def forget(months):
    """Mark the tallies of `months` out of date now; count them again after the commit."""
    months = set(months)
    _rows_for(months)
    MonthTally.objects.filter(month__in=months).update(generation=F("generation") + 1)
    transaction.on_commit(lambda: recount(months), robust=True)


def _touches_counts(update_fields):
    return update_fields is None or not COUNTED_FIELDS.isdisjoint(update_fields)


@receiver(post_save, sender=Case, dispatch_uid="feedback_tally_saved")
def _case_saved(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or not _touches_counts(update_fields):
        return
    # Staff may correct the date a case was received: both months change.
    loaded = getattr(instance, "received_at_loaded", None)
    forget({month_of(instance.received_at)} | ({month_of(loaded)} if loaded else set()))
    instance.received_at_loaded = instance.received_at


@receiver(post_delete, sender=Case, dispatch_uid="feedback_tally_deleted")
def _case_deleted(sender, instance, **kwargs):
    forget({month_of(instance.received_at)})
