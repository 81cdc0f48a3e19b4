"""Counters that many requests raise at the same instant without losing a count.

One UPDATE … SET n = n + 1 locks the counter's row until its short transaction
commits: concurrent callers queue for a moment and each reads its own value.
A read followed by a write (the cache's `incr`, "highest plus one") lets two
callers read the same value.
"""

from django.db import IntegrityError, router, transaction
from django.db.models import F


def counter_raise(model, key, *, field, floor=lambda: 0, **create_fields):
    """Add one to `field` of `model`'s row `key` (its primary key) and return it.

    A missing row is created at `floor() + 1`; a row created by a concurrent
    caller meanwhile is raised instead.
    """
    with transaction.atomic(using=router.db_for_write(model)):
        rows = model._default_manager.filter(pk=key)
        if not rows.update(**{field: F(field) + 1}):
            try:
                with transaction.atomic(using=router.db_for_write(model)):
                    model._default_manager.create(pk=key, **{field: floor() + 1}, **create_fields)
            except IntegrityError:
                rows.update(**{field: F(field) + 1})
        return rows.values_list(field, flat=True).get()
