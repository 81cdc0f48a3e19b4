"""Thai words: normalising, segmenting (pythainlp's newmm, offline), shortening
after a whole word, the words that carry meaning, and repairing words a PDF's
text layer split. Calendar, fiscal year and digits are in portal.lib.thai.

Like portal.lib.thai, a leaf module (no models, no views) every app may import.
"""

from __future__ import annotations

import re
from functools import cache

from pythainlp.util import normalize


def normalize_text(text: str) -> str:
    """Canonical Thai text: repairs decomposed SARA AM and misordered marks."""
    return normalize(text)


@cache
def _tokenizer():
    # Loading the dictionary costs ~0.5 s and ~87 MB: do it once per process,
    # and only in the processes that segment text.
    from pythainlp.tokenize import word_tokenize

    return word_tokenize


def segment_words(text: str, *, keep_spaces: bool = False) -> list[str]:
    """Thai text split into words (newmm, offline), white space dropped unless
    `keep_spaces`, when joining the words gives back the text."""
    words = _tokenizer()(text, engine="newmm")
    return words if keep_spaces else [word for word in words if word.strip()]


def shorten_at_word(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters with "…", at the end of a
    word: Django's truncatechars cuts Thai mid-word ("โดยวิเคร…"), which reads
    as a typo in a signed report."""
    if len(text) <= limit:
        return text
    kept = ""
    for word in segment_words(text, keep_spaces=True):
        if len(kept) + len(word) > limit - 1:
            break
        kept += word
    return f"{(kept.rstrip() or text[: limit - 1])}…"


@cache
def stopwords() -> frozenset[str]:
    from pythainlp.corpus import thai_stopwords

    return frozenset(thai_stopwords()) | SPOKEN_FILLERS


# Polite particles and fillers as citizens type them in open answers, which
# pythainlp's list (written from edited prose) lacks: "นะคะ", "ครับผม", "อ่ะ".
SPOKEN_FILLERS = frozenset(
    {
        "ครับผม",
        "นะคะ",
        "นะครับ",
        "ค่า",
        "คร้าบ",
        "ค้า",
        "คับ",
        "ฮะ",
        "จ้ะ",
        "จ้า",
        "จ๊ะ",
        "อ่ะ",
        "อะ",
        "อ่า",
        "เออ",
        "อืม",
        "งับ",
    }
)
# A letter typed three or more times for emphasis ("มากกกก", "ค่าาาา") is one.
_EMPHASIS = re.compile(r"(.)\1{2,}")


def content_words(text: str) -> list[str]:
    """The words of `text` that carry meaning, for counting the most frequent
    words of open answers: stop words, polite particles, emphasis repeats,
    single letters and numbers left out."""
    text = _EMPHASIS.sub(r"\1", normalize(text))
    stop = stopwords()
    return [
        word
        for word in segment_words(text)
        if len(word) > 1 and word not in stop and any(ch.isalpha() for ch in word)
    ]


# A Thai mark (upper or lower vowel, tone mark, SARA AM...) never starts a word.
_SPACE_BEFORE_MARK = re.compile(r"(?<=[\u0e01-\u0e4e]) +(?=[\u0e31\u0e33-\u0e3a\u0e47-\u0e4e])")
_SPACE_INSIDE_THAI = re.compile(r"(?<=[\u0e01-\u0e4e]) (?=[\u0e01-\u0e4e])")


def repair_split_words(text: str) -> str:
    """Remove spaces that justification or a PDF's text layer left inside Thai
    words ("เพื่ อ" → "เพื่อ"), keeping spaces between words and phrases.

    A space goes when a mark follows it (no word starts with one), or when
    the text around it, read without the space, has a word across it.
    """
    text = _SPACE_BEFORE_MARK.sub("", text)

    def keep_if_between_words(match):
        before = match.string[: match.start()].rsplit(" ", 1)[-1]
        after = match.string[match.end() :].split(" ", 1)[0]
        boundaries, position = set(), 0
        for word in segment_words(before + after, keep_spaces=True):
            position += len(word)
            boundaries.add(position)
        return " " if len(before) in boundaries else ""

    return _SPACE_INSIDE_THAI.sub(keep_if_between_words, text)
