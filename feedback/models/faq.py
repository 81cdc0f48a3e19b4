"""Frequently asked questions, published from questions staff have answered."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from feedback.models.case import Case


class FAQQuerySet(models.QuerySet):
    def published(self):
        """What the public reads. An entry tied to a corruption report never
        is, whatever its flag says: that channel's existence is sealed."""
        return self.filter(is_published=True).exclude(source_case__stream=Case.Stream.CORRUPTION)


class FAQ(models.Model):
    """A question citizens ask, answered for everyone.

    Staff write both texts themselves from an answered case: the public never
    sees the case, its code, its dates or who asked, only these two texts,
    which staff edit to remove anything personal.
    """

    question = models.TextField(
        _("question"),
        help_text=_(
            "In general words: no name, address, telephone, school or date that "
            "points to the person who asked."
        ),
    )
    answer = models.TextField(_("answer"))
    mission_group = models.ForeignKey(
        "measures.MissionGroup",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="faqs",
        verbose_name=_("topic (mission group)"),
        help_text=_("The public page groups questions by it."),
    )
    source_case = models.ForeignKey(
        Case,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="faqs",
        verbose_name=_("answered case it comes from"),
        help_text=_("For staff only; never shown. A corruption report cannot be used."),
    )
    is_published = models.BooleanField(_("published"), default=False)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    history = HistoricalRecords()
    objects = FAQQuerySet.as_manager()

    class Meta:
        ordering = ["mission_group__position", "mission_group__name", "position", "pk"]
        verbose_name = _("frequently asked question")
        verbose_name_plural = _("frequently asked questions")

    def __str__(self):
        return self.question[:80]

    def get_absolute_url(self):
        return reverse("feedback:faq_detail", kwargs={"pk": self.pk})

    def clean(self):
        if (
            self.source_case_id
            and Case.objects.filter(pk=self.source_case_id, stream=Case.Stream.CORRUPTION).exists()
        ):
            raise ValidationError(
                {"source_case": _("A corruption report is never made into a public question.")}
            )
