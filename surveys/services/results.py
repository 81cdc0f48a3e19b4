"""Survey results: per item, per dimension, overall, by stakeholder type, open answers.

Every surface that publishes results (the results page, its CSV, the annual
report, open data) reads them from here, so the small-group rule below holds
everywhere at once.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from measures.models import StakeholderGroup
from portal.lib import thai_text
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


@dataclass
class OpenQuestionResult:
    question: OpenQuestion
    answers: list
    top_words: list


SMALL, COMPLEMENT = "small", "complement"


@dataclass
class CrossRow:
    group: object  # StakeholderGroup, or None for "not stated"
    respondents: int
    # LikertStat per dimension in the order of SurveyResults.dimensions (None when hidden)
    cells: list
    overall: LikertStat  # None when hidden
    hidden: str = ""  # SMALL, COMPLEMENT or "" when its figures are shown
    minimum: int = 0  # the group size under which figures are hidden

    @property
    def hidden_note(self):
        if self.hidden == SMALL:
            return _("Fewer than %(n)s respondents — not shown") % {"n": self.minimum}
        if self.hidden == COMPLEMENT:
            return _("Not shown, so that a smaller group cannot be worked out from the totals")
        return ""


@dataclass
class SurveyResults:
    survey: Survey
    responses: int
    overall: LikertStat
    dimensions: list
    stakeholder_groups: (
        list  # [(StakeholderGroup or None, respondents, LikertStat overall)], shown groups only
    )
    cross_table: list  # [CrossRow]
    open_questions: list
    paper_responses: int = 0  # of `responses`, keyed in from paper questionnaires
    min_group_size: int = 1

    @property
    def online_responses(self):
        return self.responses - self.paper_responses

    @property
    def hides_groups(self):
        return any(row.hidden for row in self.cross_table)

    @property
    def items(self):
        return [item for dimension in self.dimensions for item in dimension.items]


def _top_words(texts, *, limit=10):
    counter = Counter()
    for text in texts:
        counter.update(thai_text.content_words(text))
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


def min_group_size():
    """Fewest respondents a breakdown shows figures for (settings.SURVEY_MIN_GROUP_SIZE)."""
    return max(1, settings.SURVEY_MIN_GROUP_SIZE)


def breakdown_hidden(columns, *, minimum):
    """{group: SMALL or COMPLEMENT}, the groups of one breakdown whose figures
    are not shown. `columns` holds, for each published figure of the
    breakdown (each dimension, the overall), {group: respondents behind it}.

    A group with fewer than `minimum` respondents behind any figure is hidden
    (SMALL): the figure would be a few people's own answers. The totals are
    published, so the hidden groups of a column, taken together, are the
    total less the shown ones: while a column hides a single group, or hidden
    groups adding up to fewer than `minimum`, its next-smallest shown group
    is hidden too (COMPLEMENT). A group is hidden whole, every column, so its
    overall less its shown dimensions gives nothing away either."""
    hidden = dict.fromkeys(
        (group for column in columns for group, size in column.items() if 0 < size < minimum),
        SMALL,
    )
    changed = True
    while changed:
        changed = False
        for column in columns:
            answered = [group for group, size in column.items() if size]
            concealed = sum(column[group] for group in answered if group in hidden)
            count = sum(1 for group in answered if group in hidden)
            shown = [group for group in answered if group not in hidden]
            if count and (count == 1 or concealed < minimum) and shown:
                # min() keeps the first of equals: the breakdown's own order decides ties.
                hidden[min(shown, key=column.__getitem__)] = COMPLEMENT
                changed = True
    return hidden


def stakeholder_breakdown(answers, dimensions, *, scheme):
    """The cross-tabulation by stakeholder type of `answers` ([CrossRow] in
    the groups' order, each dimension of `dimensions` and overall), with the
    small groups hidden (`breakdown_hidden`). 3 queries."""
    cross_rows = defaultdict(dict)
    for row in answers.values("response__stakeholder_group", "item__dimension").annotate(
        respondents=Count("response", distinct=True), **likert_aggregates()
    ):
        cross_rows[row["item__dimension"]][row["response__stakeholder_group"]] = row
    group_rows = {
        row["response__stakeholder_group"]: row
        for row in answers.values("response__stakeholder_group").annotate(
            respondents=Count("response", distinct=True), **likert_aggregates()
        )
    }
    groups = {g.pk: g for g in StakeholderGroup.objects.filter(pk__in=[k for k in group_rows if k])}
    order = sorted(
        group_rows,
        key=lambda key: (key is None, groups[key].position if key else 0, key or 0),
    )
    cells = [cross_rows[d.dimension.pk] for d in dimensions]
    minimum = min_group_size()
    hidden = breakdown_hidden(
        [
            *(
                {key: column.get(key, {}).get("respondents", 0) for key in order}
                for column in cells
            ),
            {key: group_rows[key]["respondents"] for key in order},
        ],
        minimum=minimum,
    )
    return [
        CrossRow(
            group=groups.get(key),
            respondents=group_rows[key]["respondents"],
            cells=[
                None if key in hidden else LikertStat.from_row(column.get(key, {}), scheme=scheme)
                for column in cells
            ],
            overall=None if key in hidden else LikertStat.from_row(group_rows[key], scheme=scheme),
            hidden=hidden.get(key, ""),
            minimum=minimum,
        )
        for key in order
    ]


def survey_results(*, survey):
    """Per item, per dimension (its answers pooled) and overall, with the
    cross-tabulation by stakeholder type and the open answers. 11 queries."""
    scheme = survey.band_scheme
    answers = Answer.objects.filter(item__dimension__survey=survey).order_by()
    overall = LikertStat.from_row(answers.aggregate(**likert_aggregates()), scheme=scheme)
    counted = survey.responses.aggregate(
        all=Count("pk"), paper=Count("pk", filter=Q(channel=Response.Channel.PAPER))
    )
    dimensions = dimension_results(survey.dimensions.prefetch_related("items"), answers)
    cross_table = stakeholder_breakdown(answers, dimensions, scheme=scheme)

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
        responses=counted["all"],
        overall=overall,
        dimensions=dimensions,
        stakeholder_groups=[
            (row.group, row.respondents, row.overall) for row in cross_table if not row.hidden
        ],
        cross_table=cross_table,
        open_questions=open_questions,
        paper_responses=counted["paper"],
        min_group_size=min_group_size(),
    )
