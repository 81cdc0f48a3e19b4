"""What the survey and working-group pages show for a fiscal year, for the
evidence-index line of the to-do page (`measures.evidence`); registered when
the app is ready."""

from django.urls import reverse
from django.utils.translation import gettext as _

from measures.evidence import Gap, evidence_check_register
from surveys.coverage import group_in_period
from surveys.models import WorkingGroup
from surveys.services import rounds_in


def _public_results(fiscal_year):
    return rounds_in(period=fiscal_year, results_public_only=True)


def _survey_list(fiscal_year, kwargs_list):
    shown = _public_results(fiscal_year).exists()
    gap = Gap(_("no survey round of the year with public results"))
    return [None if shown else gap for _kwargs in kwargs_list]


def _survey_results(fiscal_year, kwargs_list):
    slugs = [kwargs["slug"] for kwargs in kwargs_list]
    shown = set(_public_results(fiscal_year).filter(slug__in=slugs).values_list("slug", flat=True))
    gap = Gap(_("the round's results are not public or the round is of another year"))
    return [None if slug in shown else gap for slug in slugs]


def _public_groups(fiscal_year):
    return group_in_period(WorkingGroup.objects.published(), fiscal_year.period)


def _workinggroup_list(fiscal_year, kwargs_list):
    shown = _public_groups(fiscal_year).exists()
    gap = Gap(
        _("no published working group serving in the year"),
        reverse("admin:surveys_workinggroup_add"),
    )
    return [None if shown else gap for _kwargs in kwargs_list]


def _workinggroup_detail(fiscal_year, kwargs_list):
    slugs = [kwargs["slug"] for kwargs in kwargs_list]
    shown = set(_public_groups(fiscal_year).filter(slug__in=slugs).values_list("slug", flat=True))
    gap = Gap(_("the working group is not published or did not serve in the year"))
    return [None if slug in shown else gap for slug in slugs]


def register():
    evidence_check_register("surveys:survey_list", _survey_list)
    evidence_check_register("surveys:survey_results", _survey_results)
    evidence_check_register("surveys:workinggroup_list", _workinggroup_list)
    evidence_check_register("surveys:workinggroup_detail", _workinggroup_detail)
