"""Survey rounds and working groups as records that carry out a measure's
clauses (see `measures.coverage`); registered when the app is ready."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from measures.coverage import Carrier, carrier_register
from surveys.models import Survey, WorkingGroup


def survey_in_year(rows, year):
    # The round's own fiscal year when staff gave one, else the day it opened.
    return rows.filter(
        Q(fiscal_year=year.be_year)
        | Q(fiscal_year__isnull=True, opens_on__gte=year.period.start, opens_on__lt=year.period.end)
    )


def group_in_year(rows, year):
    # A group carries out its duties on every day of its term.
    period = year.period
    return rows.filter(
        Q(term_start__lt=period.end), Q(term_end__isnull=True) | Q(term_end__gte=period.start)
    )


def _published(rows):
    return rows.published()


def _survey_url(survey):
    if survey.results_public:
        return reverse("surveys:survey_results", kwargs={"slug": survey.slug})
    return survey.get_absolute_url()


def register():
    carrier_register(
        Carrier(
            kind="survey",
            label=_("Satisfaction survey rounds"),
            model=Survey,
            clause_field="clause",
            in_year=survey_in_year,
            public=_published,
            order=30,
            public_url=_survey_url,
        )
    )
    carrier_register(
        Carrier(
            kind="working_group",
            label=_("Working groups"),
            model=WorkingGroup,
            clause_field="clauses",
            in_year=group_in_year,
            public=_published,
            title_field="name",
            order=20,
        )
    )
