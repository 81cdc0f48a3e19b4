"""Survey rounds and working groups as records that carry out a measure's
clauses (see `measures.coverage`); registered when the app is ready."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from measures.coverage import Carrier, carrier_register
from surveys.models import Survey, WorkingGroup


def survey_in_period(rows, period):
    return rows.in_period(period)  # SurveyQuerySet.in_period: the one rule


def group_in_period(rows, period):
    # A group carries out its duties on every day of its term.
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
            in_period=survey_in_period,
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
            in_period=group_in_period,
            public=_published,
            title_field="name",
            order=20,
        )
    )
