"""What spans models in surveys: copying rounds, taking answers, results,
and the summaries the annual report (portal) reads.

Public interface for other apps (each reads a bounded number of queries,
independent of the number of answers, members or meetings):

- surveys_year(*, period) -> SurveysYear, the year the annual report reads:
  rounds with per-dimension and per-item statistics, the pooled mean and the
  working groups                                                 (11 queries)
- survey_results(*, survey) -> SurveyResults                     (11 queries)
  (breakdowns hide small groups: results.breakdown_hidden)
- rounds_in(*, period, results_public_only=False) -> QuerySet of the rounds of a year
- survey_summaries(*, period, results_public_only=False) -> list[SurveySummary] (6 queries)
- working_group_summaries(*, period) -> list[WorkingGroupSummary] (4 queries)

`period` is a `portal.lib.thai.FiscalYear` or `portal.lib.thai.Period`.
"""

from surveys.services.answers import (
    TOKEN_SALT,
    AnswerAlreadyRecorded,
    AnswerRejected,
    answer_token_issue,
    response_key_in,
    response_submit,
    survey_copy,
)
from surveys.services.moderation import open_answer_review, open_answers_review
from surveys.services.reports import (
    SurveySummary,
    SurveysYear,
    WorkingGroupSummary,
    meeting_attendance_prefill,
    rounds_in,
    survey_summaries,
    surveys_year,
    working_group_summaries,
)
from surveys.services.results import (
    CrossRow,
    DimensionResult,
    ItemResult,
    OpenQuestionResult,
    SurveyResults,
    survey_results,
)

__all__ = [
    "TOKEN_SALT",
    "AnswerAlreadyRecorded",
    "AnswerRejected",
    "CrossRow",
    "DimensionResult",
    "ItemResult",
    "OpenQuestionResult",
    "SurveyResults",
    "SurveySummary",
    "SurveysYear",
    "WorkingGroupSummary",
    "answer_token_issue",
    "meeting_attendance_prefill",
    "open_answer_review",
    "open_answers_review",
    "response_key_in",
    "response_submit",
    "rounds_in",
    "survey_copy",
    "survey_results",
    "survey_summaries",
    "surveys_year",
    "working_group_summaries",
]
