"""Survey results: per item, per dimension, overall, by stakeholder type, open answers."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q

from measures.models import StakeholderGroup
from portal.lib import thai
from surveys.models import (
    Answer,
    Dimension,
    Item,
    OpenAnswer,
    OpenQuestion,
    Response,
    Survey,
)
from surveys.stats import LikertStat, likert_aggregates

# --------------------------------------------------------------- results


@dataclass
class ItemResult:
    item: Item
    stat: LikertStat


@dataclass
class DimensionResult:
    dimension: Dimension
    stat: LikertStat
    items: list = field(default_factory=list)
    by_group: dict = field(default_factory=dict)


@dataclass
class OpenQuestionResult:
    question: OpenQuestion
    answers: list
    top_words: list


@dataclass
class CrossRow:
    group: object  # StakeholderGroup, or None for "not stated"
    respondents: int
    cells: list  # LikertStat per dimension, in the order of SurveyResults.dimensions
    overall: LikertStat


@dataclass
class SurveyResults:
    survey: Survey
    responses: int
    overall: LikertStat
    dimensions: list
    stakeholder_groups: list  # [(StakeholderGroup or None, respondents, LikertStat overall)]
    cross_table: list  # [CrossRow]
    open_questions: list
    paper_responses: int = 0  # of `responses`, keyed in from paper questionnaires

    @property
    def online_responses(self):
        return self.responses - self.paper_responses

    @property
    def items(self):
        return [item for dimension in self.dimensions for item in dimension.items]


def _top_words(texts, *, limit=10):
    counter = Counter()
    for text in texts:
        counter.update(thai.content_words(text))
    return counter.most_common(limit)


def likert_rows(answers, key):
    """{value of `key`: Likert aggregates} of `answers` grouped by `key` (1 query)."""
    return {row[key]: row for row in answers.values(key).annotate(**likert_aggregates())}


def dimension_results(dimensions, answers):
    """A `DimensionResult` with its items' results for each of `dimensions`
    (whose items are prefetched), read from `answers` in 2 queries."""
    item_rows = likert_rows(answers, "item")
    dimension_rows = likert_rows(answers, "item__dimension")
    results = []
    for dimension in dimensions:
        scheme = dimension.survey.band_scheme
        results.append(
            DimensionResult(
                dimension=dimension,
                stat=LikertStat.from_row(dimension_rows.get(dimension.pk, {}), scheme=scheme),
                items=[
                    ItemResult(item, LikertStat.from_row(item_rows.get(item.pk, {}), scheme=scheme))
                    for item in dimension.items.all()
                ],
            )
        )
    return results


def survey_results(*, survey):
    """Per item, per dimension (its answers pooled) and overall, with the
    cross-tabulation by stakeholder type and the open answers. 11 queries."""
    scheme = survey.band_scheme
    answers = Answer.objects.filter(item__dimension__survey=survey).order_by()
    cross_rows = defaultdict(dict)
    for row in answers.values("response__stakeholder_group", "item__dimension").annotate(
        **likert_aggregates()
    ):
        cross_rows[row["item__dimension"]][row["response__stakeholder_group"]] = row
    group_rows = {
        row["response__stakeholder_group"]: row
        for row in answers.values("response__stakeholder_group").annotate(
            respondents=Count("response", distinct=True), **likert_aggregates()
        )
    }
    overall = LikertStat.from_row(answers.aggregate(**likert_aggregates()), scheme=scheme)
    counted = survey.responses.aggregate(
        all=Count("pk"), paper=Count("pk", filter=Q(channel=Response.Channel.PAPER))
    )
    responses = counted["all"]

    groups = {g.pk: g for g in StakeholderGroup.objects.filter(pk__in=[k for k in group_rows if k])}
    stakeholder_groups = [
        (
            groups.get(key),
            row["respondents"],
            LikertStat.from_row(row, scheme=scheme),
        )
        for key, row in sorted(
            group_rows.items(),
            key=lambda kv: (kv[0] is None, groups[kv[0]].position if kv[0] else 0, kv[0] or 0),
        )
    ]

    dimensions = dimension_results(survey.dimensions.prefetch_related("items"), answers)
    for result in dimensions:
        result.by_group = {
            key: LikertStat.from_row(row, scheme=scheme)
            for key, row in cross_rows[result.dimension.pk].items()
        }
    cross_table = [
        CrossRow(
            group=group,
            respondents=respondents,
            cells=[
                d.by_group.get(group.pk if group else None, LikertStat(scheme=scheme))
                for d in dimensions
            ],
            overall=stat,
        )
        for group, respondents, stat in stakeholder_groups
    ]

    # Only what staff approved, as they approved it (a redacted copy), for
    # everyone: staff review the rest in the admin.
    texts = defaultdict(list)
    for question_id, text in (
        OpenAnswer.objects.published()
        .filter(question__survey=survey)
        .order_by("question_id", "-response__submitted_at")
        .values_list("question_id", "published_text")
    ):
        texts[question_id].append(text)
    open_questions = [
        OpenQuestionResult(question, texts[question.pk], _top_words(texts[question.pk]))
        for question in survey.open_questions.all()
    ]
    return SurveyResults(
        survey=survey,
        responses=responses,
        overall=overall,
        dimensions=dimensions,
        stakeholder_groups=stakeholder_groups,
        cross_table=cross_table,
        open_questions=open_questions,
        paper_responses=counted["paper"],
    )
