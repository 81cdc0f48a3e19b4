"""Whether each evidence-index item's page shows anything for its year.

An assessor opens the evidence URL of a fiscal year's indicator months later;
a page that is empty for that year (no published activity, no public survey
results, a measure not in force) scores 0. The to-do page lists those items
while there is time to act.

Each app says, for the pages it owns, what a page shows for a fiscal year:
it registers a `Check` per URL name (surveys and feedback when their apps
are ready; measures never imports them). A page nobody registered (a form,
a policy page, an address elsewhere) is not judged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _

from measures.models import Activity, Improvement, Indicator, Measure


@dataclass(frozen=True)
class Gap:
    """Why an item's page shows nothing for the year, and where it is fixed
    (empty: on the item itself, in the evidence index)."""

    reason: str
    fix_url: str = ""


# (fiscal year, [the URL's kwargs, one per item]) -> [Gap or None, same order]:
# one call per URL name, so the page costs a query per kind of page, not per item.
Check = Callable[..., list]
_CHECKS: dict[str, Check] = {}


def evidence_check_register(view_name: str, check: Check) -> None:
    _CHECKS[view_name] = check


def empty_evidence(fiscal_year) -> list[tuple[Indicator, Gap]]:
    """The fiscal year's evidence-index items whose page shows nothing for
    that year, in the index's order."""
    indicators = list(Indicator.objects.filter(assessment_year=fiscal_year.be_year))
    gaps: dict[int, Gap] = {}
    by_view: dict[str, list[tuple[Indicator, dict]]] = {}
    for indicator in indicators:
        path, _sep, _query = indicator.year_url.partition("?")
        if not path.startswith("/"):
            continue  # an address elsewhere: not ours to judge
        try:
            match = resolve(path)
        except Resolver404:
            gaps[indicator.pk] = Gap(_("the address is not a page of this portal"))
            continue
        if match.view_name in _CHECKS:
            by_view.setdefault(match.view_name, []).append((indicator, match.kwargs))
    for view_name, items in by_view.items():
        found = _CHECKS[view_name](fiscal_year, [kwargs for _indicator, kwargs in items])
        for (indicator, _kwargs), gap in zip(items, found, strict=True):
            if gap is not None:
                gaps[indicator.pk] = gap
    return [(indicator, gaps[indicator.pk]) for indicator in indicators if indicator.pk in gaps]


def _same_for_all(kwargs_list, gap):
    return [gap for _kwargs in kwargs_list]


def _activity_list(fiscal_year, kwargs_list):
    shown = fiscal_year.filter(Activity.objects.published(), "held_on").exists()
    gap = Gap(_("no published activity held in the year"), reverse("admin:measures_activity_add"))
    return _same_for_all(kwargs_list, None if shown else gap)


def _activity_detail(fiscal_year, kwargs_list):
    shown = set(
        fiscal_year.filter(Activity.objects.published(), "held_on")
        .filter(pk__in=[kwargs["pk"] for kwargs in kwargs_list])
        .values_list("pk", flat=True)
    )
    return [
        None
        if kwargs["pk"] in shown
        else Gap(
            _("the activity is not published or was not held in the year"),
            reverse("admin:measures_activity_change", args=[kwargs["pk"]]),
        )
        for kwargs in kwargs_list
    ]


def _measure_list(fiscal_year, kwargs_list):
    shown = Measure.objects.in_force_during(fiscal_year).exists()
    gap = Gap(_("no published measure in force during the year"))
    return _same_for_all(kwargs_list, None if shown else gap)


def _measure_detail(fiscal_year, kwargs_list):
    shown = set(
        Measure.objects.in_force_during(fiscal_year)
        .filter(slug__in=[kwargs["slug"] for kwargs in kwargs_list])
        .values_list("slug", flat=True)
    )
    gap = Gap(_("the measure is not published or not in force during the year"))
    return [None if kwargs["slug"] in shown else gap for kwargs in kwargs_list]


def _improvement_list(fiscal_year, kwargs_list):
    shown = Improvement.objects.public().in_period(fiscal_year.period).exists()
    gap = Gap(_("no improvement recorded in the year"), reverse("admin:measures_improvement_add"))
    return _same_for_all(kwargs_list, None if shown else gap)


evidence_check_register("measures:activity_list", _activity_list)
evidence_check_register("measures:activity_detail", _activity_detail)
evidence_check_register("measures:measure_list", _measure_list)
evidence_check_register("measures:measure_detail", _measure_detail)
evidence_check_register("measures:improvement_list", _improvement_list)
