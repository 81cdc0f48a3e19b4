"""Running numbers that two submissions at the same instant can never share."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.lib.counters import counter_raise


class CounterQuerySet(models.QuerySet):
    def take(self, key, *, floor=lambda: 0):
        """The next number under `key`, in a transaction of its own (a short
        lock on the counter's row: portal.lib.counters). A number whose record
        then fails to be stored is not given again: a gap, never a duplicate.
        `floor()` is the highest number already used when the counter is first
        created, for records numbered before counters existed."""
        return counter_raise(self.model, key, field="last", floor=floor)


class Counter(models.Model):
    """The last number given under one key ("case:2569", "manual")."""

    key = models.CharField(_("counter"), max_length=50, primary_key=True)
    last = models.PositiveBigIntegerField(_("last number given"), default=0)

    objects = CounterQuerySet.as_manager()

    class Meta:
        ordering = ["key"]
        verbose_name = _("running number")
        verbose_name_plural = _("running numbers")

    def __str__(self):
        return f"{self.key}: {self.last}"
