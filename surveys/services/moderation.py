"""Staff review of open answers before anything a citizen wrote is published."""

from django.db.models import F, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone

from portal.lib import thai_text
from portal.lib.page_cache import public_pages_changed
from surveys.models import OpenAnswer

Moderation = OpenAnswer.Moderation


def open_answer_review(*, answer, by, moderation, published_text=""):
    """Publish (as written, or with `published_text` where staff removed what
    identifies or accuses a person), hide, or send back to waiting."""
    published_text = thai_text.normalize_text((published_text or "").strip())
    if moderation == Moderation.PUBLISHED:
        answer.published_text = published_text or answer.text
    else:
        answer.published_text = ""
    answer.moderation = moderation
    answer.moderated_by = by
    answer.moderated_at = timezone.now()
    answer.save(update_fields=["moderation", "published_text", "moderated_by", "moderated_at"])
    return answer


def open_answers_review(*, answers, by, moderation):
    """The same for many answers at once (the admin's actions). Publishing keeps
    a redaction made earlier; hiding forgets it. Returns the number changed."""
    if moderation == Moderation.PUBLISHED:
        published_text = Coalesce(NullIf(F("published_text"), Value("")), F("text"))
    else:
        published_text = Value("")
    changed = answers.update(
        moderation=moderation,
        published_text=published_text,
        moderated_by=by,
        moderated_at=timezone.now(),
    )
    public_pages_changed()  # an update sends no save signal
    return changed
