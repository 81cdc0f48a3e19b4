"""Site search over what the public may already read.

Thai is written without spaces, so a query is cut into words with pythainlp's
newmm (offline) and a record matches when it holds every word anywhere in its
searchable text: "ความคิดเห็นผู้ปกครอง" finds a clause saying "ความคิดเห็นของ
ผู้ปกครอง". On PostgreSQL these contains-tests run on `pg_trgm` GIN indexes
(portal migration "search_trigram_indexes"), and a record whose text is
trigram-similar to the whole query matches too, so a misspelt word still
finds its page (pg_trgm's `%>`: word similarity at least
`pg_trgm.word_similarity_threshold`, 0.6 unless the server sets it); results
are ranked by that similarity. SQLite (`make run`)
has no trigrams: it matches the words and ranks by the words in the title.

Every source reads through its model's public QuerySet method: never a draft
measure, a hidden activity, a template survey, a case or a reporter. All
sources are one UNION query, so a page of results costs a count and a fetch
however many records match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection
from django.db.models import Case, CharField, FloatField, Q, Value, When
from django.db.models.functions import Cast, Coalesce, Concat, Greatest, Upper
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from feedback.models import FAQ, HandlingManual
from measures.models import Activity, Clause, Improvement, Measure
from portal.lib import thai_text
from surveys.models import Survey, WorkingGroup

MAX_QUERY_LENGTH = 100
MAX_WORDS = 8
EXCERPT_LENGTH = 200
_PUNCTUATION = re.compile(r"^[\W_]+$")


@dataclass(frozen=True)
class Source:
    kind: str
    label: Any
    rows: Any  # a callable giving the QuerySet of rows the public may read
    key: str  # the field the page's address is built from
    heading: str
    fields: tuple[str, ...]  # searched; joined, also the excerpt's text


def _current_manual():
    in_effect = HandlingManual.objects.in_effect()
    return in_effect.filter(pk__in=in_effect.order_by("-version").values("pk")[:1])


SOURCES = (
    Source(
        "measure",
        _("Measure"),
        lambda: Measure.objects.published(),
        "slug",
        "title",
        ("title", "preamble", "closing"),
    ),
    Source(
        "clause",
        _("Clause of a measure"),
        lambda: Clause.objects.filter(measure__in=Measure.objects.published()),
        "measure__slug",
        "measure__title",
        ("text",),
    ),
    Source(
        "activity",
        _("Participation activity"),
        lambda: Activity.objects.published(),
        "pk",
        "title",
        ("title", "subject", "results", "use_of_results"),
    ),
    Source(
        "improvement",
        _("You said, we did"),
        lambda: Improvement.objects.public(),
        "activity_id",
        "title",
        ("title", "you_said", "description"),
    ),
    Source(
        "working_group",
        _("Working group"),
        lambda: WorkingGroup.objects.published(),
        "slug",
        "name",
        ("name", "purpose"),
    ),
    Source(
        "survey",
        _("Satisfaction survey"),
        lambda: Survey.objects.published(),
        "slug",
        "title",
        ("title", "service", "intro"),
    ),
    Source(
        "manual",
        _("Complaint-handling manual"),
        _current_manual,
        "version",
        "title",
        ("title", "body"),
    ),
    Source(
        "faq",
        _("Frequently asked question"),
        lambda: FAQ.objects.published(),
        "pk",
        "question",
        ("question", "answer"),
    ),
)


def _address(kind, key, pk):
    if kind == "measure":
        return reverse("measures:measure_detail", kwargs={"slug": key})
    if kind == "clause":
        return reverse("measures:measure_detail", kwargs={"slug": key}) + f"#clause-{pk}"
    if kind == "activity":
        return reverse("measures:activity_detail", kwargs={"pk": key})
    if kind == "improvement":
        # Shown with its activity when it has one (`public()` keeps only
        # improvements of published activities), else on the board.
        if key:
            return reverse("measures:activity_detail", kwargs={"pk": key})
        return reverse("measures:improvement_list")
    if kind == "working_group":
        return reverse("surveys:workinggroup_detail", kwargs={"slug": key})
    if kind == "survey":
        return reverse("surveys:survey_answer", kwargs={"slug": key})
    if kind == "manual":
        return reverse("feedback:manual_version", kwargs={"version": key})
    if kind == "faq":
        return reverse("feedback:faq_detail", kwargs={"pk": key})
    raise ValueError(kind)


def query_words(query: str) -> list[str]:
    """The words a query is searched by: segmented, without filler words
    (และ, การ, ของ…) and punctuation; the whole query if nothing else is left."""
    query = thai_text.normalize_text(query.strip())[:MAX_QUERY_LENGTH].lower()
    words = []
    for word in thai_text.segment_words(query):
        if _PUNCTUATION.match(word) or word in thai_text.stopwords() or word in words:
            continue
        words.append(word)
    return words[:MAX_WORDS] or ([query] if query.strip() else [])


def _uses_trigrams():
    return connection.vendor == "postgresql"


def _matching(source: Source, query: str, words: list[str]):
    """The public rows of `source` holding every word (or, on PostgreSQL,
    trigram-similar to the query), with their rank."""
    matches = Q()
    for word in words:
        anywhere = Q()
        for field in source.fields:
            anywhere |= Q(**{f"{field}__icontains": word})
        matches &= anywhere
    rank = Value(0.0)
    for word in words:
        in_title = Q(**{f"{source.heading}__icontains": word})
        rank = rank + Case(When(in_title, then=Value(1.0)), default=Value(0.0))
    rows = source.rows()
    if _uses_trigrams():
        # On UPPER(field), the expression Django's icontains compares, so one
        # trigram index per field serves both tests.
        rows = rows.alias(**{f"upper_{field}": Upper(field) for field in source.fields})
        for field in source.fields:
            matches |= Q(**{f"upper_{field}__trigram_word_similar": query.upper()})
        similarities = [TrigramWordSimilarity(query, field) for field in source.fields]
        rank = rank + (Greatest(*similarities) if len(similarities) > 1 else similarities[0])
    return rows.filter(matches), rank


def _joined_text(source: Source):
    texts = [Coalesce(Cast(field, CharField()), Value("")) for field in source.fields]
    if len(texts) == 1:
        return texts[0]
    joined = []
    for text in texts:
        joined += [text, Value("\n")]
    return Concat(*joined[:-1], output_field=CharField())


def _part(source: Source, query: str, words: list[str]):
    rows, rank = _matching(source, query, words)
    return (
        rows.order_by()
        .annotate(
            hit_kind=Value(source.kind, output_field=CharField()),
            hit_key=Cast(source.key, CharField()),
            hit_pk=Cast("pk", CharField()),
            hit_heading=Cast(source.heading, CharField()),
            hit_text=_joined_text(source),
            hit_rank=Cast(rank, FloatField()),
        )
        .values("hit_kind", "hit_key", "hit_pk", "hit_heading", "hit_text", "hit_rank")
    )


def search(query: str):
    """Rows (dicts) of every public record matching `query`, best first: one
    UNION query to paginate. None when the query has no words."""
    words = query_words(query)
    if not words:
        return None
    query = thai_text.normalize_text(query.strip())[:MAX_QUERY_LENGTH]
    parts = [_part(source, query, words) for source in SOURCES]
    return parts[0].union(*parts[1:], all=True).order_by("-hit_rank", "hit_heading", "hit_pk")


def highlight(text: str, words: list[str], *, length: int = EXCERPT_LENGTH):
    """An excerpt of `text` around the first word found, every word found
    marked with <mark>, the rest escaped."""
    text = " ".join(text.split())
    # Words found side by side make one mark: the query "ฟ้าคราม" is cut in
    # two, but the reader typed, and should see, one word.
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    pattern = re.compile(f"(?:{alternatives})+", re.IGNORECASE)
    first = pattern.search(text)
    start = max(0, first.start() - length // 3) if first else 0
    excerpt = text[start : start + length]
    if start + length < len(text) and " " in excerpt[-40:]:
        # End between words, not inside one (Thai words end at a space only
        # between phrases, so the cut may fall short by a phrase).
        excerpt = excerpt[: excerpt.rindex(" ")]
    pieces, position = [], 0
    for match in pattern.finditer(excerpt):
        pieces += [
            escape(excerpt[position : match.start()]),
            f"<mark>{escape(match.group())}</mark>",
        ]
        position = match.end()
    pieces.append(escape(excerpt[position:]))
    lead = "… " if start else ""
    tail = " …" if start + len(excerpt) < len(text) else ""
    return mark_safe(lead + "".join(pieces) + tail)  # every piece above is escaped


@dataclass(frozen=True)
class Result:
    kind: str
    label: Any
    heading: Any
    excerpt: Any
    url: str


LABELS = {source.kind: source.label for source in SOURCES}


def results_of(rows, words):
    """Page rows turned into what the template shows."""
    return [
        Result(
            kind=row["hit_kind"],
            label=LABELS[row["hit_kind"]],
            heading=highlight(row["hit_heading"], words, length=300),
            excerpt=highlight(row["hit_text"], words),
            url=_address(row["hit_kind"], row["hit_key"], row["hit_pk"]),
        )
        for row in rows
    ]
