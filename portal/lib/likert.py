"""Five-point Likert answers and their statistics, shared by the satisfaction
surveys and the rating citizens give to the handling of their case, so both
report the same figures the same way (docs/domain.md, "Satisfaction surveys").

The database returns, per group of answers, the count, the sum of scores,
the sum of squared scores and the frequency of each score. From these the
mean and the sample standard deviation are exact: scores are integers, so
n·Σx² − (Σx)² is an exact integer and nothing is lost to floating point until
the final square root. (SQLite's STDDEV_SAMP also raises on a single value
instead of returning NULL, so the portable route is the sums.)
"""

import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.db import models
from django.db.models import Count, F, Q, Sum
from django.utils.translation import gettext_lazy as _

LIKERT = [
    (5, _("Highest")),
    (4, _("High")),
    (3, _("Moderate")),
    (2, _("Low")),
    (1, _("Lowest")),
]


class BandScheme(models.TextChoices):
    """How a mean is read (docs/domain.md, "Satisfaction surveys"); the report prints which."""

    # Cut at the half points between scores: the two end bands are 0.5 wide
    # (1.00–1.50, 4.51–5.00), the three middle ones 1.0 — not five equal bands.
    HALF_POINT = "0.5", _("Cut at the half points (1.00–1.50 lowest, 4.51–5.00 highest)")
    FIFTHS = "0.8", _("Five equal bands of 0.8 (4.21–5.00 highest)")


# Lower bound of each band, highest first, compared with the mean rounded to
# two decimals (the figure printed), so the page never shows 4.51 "high".
BAND_FLOORS = {
    BandScheme.HALF_POINT: [
        (Decimal("4.51"), 5),
        (Decimal("3.51"), 4),
        (Decimal("2.51"), 3),
        (Decimal("1.51"), 2),
        (Decimal("1.00"), 1),
    ],
    BandScheme.FIFTHS: [
        (Decimal("4.21"), 5),
        (Decimal("3.41"), 4),
        (Decimal("2.61"), 3),
        (Decimal("1.81"), 2),
        (Decimal("1.00"), 1),
    ],
}


def band_of(mean, scheme):
    """The Likert level (5 … 1) a mean falls in under `scheme`, or None without a mean."""
    if mean is None:
        return None
    rounded = Decimal(str(mean)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    for floor, level in BAND_FLOORS[BandScheme(scheme)]:
        if rounded >= floor:
            return level
    return 1


def band_ranges(scheme):
    """[(low, high, label)] for printing the scheme beside the results."""
    floors = BAND_FLOORS[BandScheme(scheme)]
    labels = dict(LIKERT)
    rows = []
    high = Decimal("5.00")
    for floor, level in floors:
        rows.append((floor, high, labels[level]))
        high = floor - Decimal("0.01")
    return rows


SCORES = (5, 4, 3, 2, 1)


def likert_aggregates(prefix=""):
    """Aggregate expressions over Answer rows (`prefix` reaches the answer)."""
    score = f"{prefix}score"
    pk = f"{prefix}pk"
    aggregates = {
        "n": Count(score),
        "total": Sum(score),
        "squares": Sum(F(score) * F(score)),
    }
    for value in SCORES:
        aggregates[f"f{value}"] = Count(pk, filter=Q(**{score: value}))
    return aggregates


def _two_places(value):
    return Decimal(value.numerator) / Decimal(value.denominator)


@dataclass
class LikertStat:
    n: int = 0
    total: int = 0
    squares: int = 0
    frequencies: dict = field(default_factory=dict)
    scheme: str = "0.5"

    @classmethod
    def from_row(cls, row, *, scheme):
        return cls(
            n=row.get("n") or 0,
            total=row.get("total") or 0,
            squares=row.get("squares") or 0,
            frequencies={value: row.get(f"f{value}") or 0 for value in SCORES},
            scheme=scheme,
        )

    @property
    def mean_exact(self):
        return Fraction(self.total, self.n) if self.n else None

    @property
    def mean(self):
        """The mean as a float (None when nobody answered)."""
        return float(self.mean_exact) if self.n else None

    @property
    def mean_display(self):
        if not self.n:
            return None
        return _two_places(self.mean_exact).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    @property
    def sd(self):
        """Sample standard deviation; None when it is undefined (fewer than two answers)."""
        if self.n < 2:
            return None
        variance = Fraction(self.n * self.squares - self.total * self.total, self.n * (self.n - 1))
        return math.sqrt(variance)

    @property
    def sd_display(self):
        if self.sd is None:
            return None
        return Decimal(repr(self.sd)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    @property
    def percent_of_max(self):
        """The mean as a percentage of the top score (mean ÷ 5 × 100)."""
        if not self.n:
            return None
        return _two_places(self.mean_exact * 20).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    @property
    def top_two_share(self):
        """Per cent of answers scoring 4 or 5 (a different figure from the mean %)."""
        if not self.n:
            return None
        share = Fraction(self.frequencies[4] + self.frequencies[5], self.n) * 100
        return _two_places(share).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    @property
    def band(self):
        return band_of(self.mean_display, self.scheme)

    @property
    def band_label(self):
        return dict(LIKERT).get(self.band)

    @property
    def frequency_rows(self):
        labels = dict(LIKERT)
        rows = []
        for value in SCORES:
            count = self.frequencies.get(value, 0)
            percent = (
                _two_places(Fraction(count * 100, self.n)).quantize(
                    Decimal("0.01"), rounding=ROUND_HALF_UP
                )
                if self.n
                else None
            )
            rows.append(
                {"score": value, "label": labels[value], "count": count, "percent": percent}
            )
        return rows
