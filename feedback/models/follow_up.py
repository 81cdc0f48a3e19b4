"""What the citizen says about a case after filing it, on the tracking page.

Kept apart from the officers' replies and notes: these words come from the
citizen (read-only for staff), and the "not resolved" answers are the
reopenings the statistics count.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.lib import thai
from portal.lib.likert import LIKERT


class CitizenMessage(models.Model):
    class Kind(models.TextChoices):
        INFORMATION = "information", _("More information from the citizen")
        NOT_RESOLVED = "not_resolved", _("Not resolved: the citizen reopened the case")
        RESOLVED = "resolved", _("The citizen confirmed it was resolved")

    case = models.ForeignKey(
        "feedback.Case", on_delete=models.CASCADE, related_name="citizen_messages"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    body = models.TextField(_("what the citizen wrote"), max_length=5000, blank=True)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        ordering = ["sent_at", "pk"]
        verbose_name = _("message from the citizen")
        verbose_name_plural = _("messages from the citizen")
        indexes = [models.Index(fields=["kind", "case"])]
        constraints = [
            # A reopening without its reason would leave the officer guessing.
            models.CheckConstraint(
                condition=~Q(kind="not_resolved") | ~Q(body=""),
                name="citizen_message_reopening_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {thai.display_date(self.sent_at, style='datetime')}"


class HandlingRating(models.Model):
    """The citizen's satisfaction with how the case was handled (one per case;
    rating again replaces it)."""

    case = models.OneToOneField(
        "feedback.Case", on_delete=models.CASCADE, related_name="handling_rating"
    )
    score = models.PositiveSmallIntegerField(
        _("satisfaction with how the case was handled"), choices=LIKERT
    )
    comment = models.TextField(_("comment"), max_length=2000, blank=True)
    rated_at = models.DateTimeField(_("rated at"), default=timezone.now)

    class Meta:
        ordering = ["-rated_at"]
        verbose_name = _("rating of the handling")
        verbose_name_plural = _("ratings of the handling")
        constraints = [
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=5), name="handling_rating_score_1_to_5"
            ),
        ]

    def __str__(self):
        return f"{self.get_score_display()} ({self.score})"
