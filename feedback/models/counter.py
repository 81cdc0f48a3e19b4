"""Running numbers that two submissions at the same instant can never share."""

from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _


class CounterQuerySet(models.QuerySet):
    def take(self, key, *, floor=lambda: 0):
        """The next number under `key`, in a transaction of its own.

        The UPDATE locks the counter row until this short transaction commits,
        so concurrent callers queue for a moment and each leaves with its own
        number. "Highest existing number plus one" cannot do this: two callers
        read the same highest number. A number whose record then fails to be
        stored is not given again (a gap, never a duplicate). `floor()` is the
        highest number already used when the counter is first created, for
        records numbered before counters existed.
        """
        with transaction.atomic():
            if not self.filter(key=key).update(last=F("last") + 1):
                try:
                    with transaction.atomic():
                        self.create(key=key, last=floor() + 1)
                except IntegrityError:  # created by a concurrent caller meanwhile
                    self.filter(key=key).update(last=F("last") + 1)
            return self.filter(key=key).values_list("last", flat=True).get()


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
