"""What citizens send: an anonymous answer sheet, its scores and its open answers."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .survey import LIKERT, Item, OpenQuestion, Survey


class Response(models.Model):
    """One anonymous answer sheet. Nothing here says who answered."""

    class Sex(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")
        OTHER = "other", _("Other")

    class AgeBand(models.TextChoices):
        UNDER_20 = "lt20", _("Under 20")
        FROM_20 = "20-29", _("20–29")
        FROM_30 = "30-39", _("30–39")
        FROM_40 = "40-49", _("40–49")
        FROM_50 = "50-59", _("50–59")
        FROM_60 = "60+", _("60 or over")

    class Channel(models.TextChoices):
        ONLINE = "online", _("Online")
        PAPER = "paper", _("Paper questionnaire")

    class Occupation(models.TextChoices):
        GOVERNMENT = "government", _("Civil servant or state employee")
        TEACHER = "teacher", _("Teacher or educational personnel")
        STUDENT = "student", _("Student")
        BUSINESS = "business", _("Business owner or private employee")
        FARMER = "farmer", _("Farmer")
        LABOURER = "labourer", _("General labourer")
        OTHER = "other", _("Other")

    survey = models.ForeignKey(
        Survey, on_delete=models.PROTECT, related_name="responses", verbose_name=_("survey")
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    sex = models.CharField(_("sex"), max_length=10, choices=Sex, blank=True)
    age_band = models.CharField(_("age"), max_length=10, choices=AgeBand, blank=True)
    occupation = models.CharField(_("occupation"), max_length=20, choices=Occupation, blank=True)
    stakeholder_group = models.ForeignKey(
        "measures.StakeholderGroup",
        on_delete=models.PROTECT,
        related_name="survey_responses",
        verbose_name=_("stakeholder type"),
        null=True,
        blank=True,
    )
    privacy_notice_version = models.CharField(
        _("privacy notice version"), max_length=20, blank=True, editable=False
    )
    # A random one-time value from the form the citizen was given (not who
    # they are): the same form cannot be counted twice.
    form_token = models.CharField(max_length=64, unique=True, editable=False)
    # Seed 001 §3 / 004 §4: people without a phone answer on paper and staff
    # key the sheets in; they count with the online answers, shown apart.
    channel = models.CharField(
        _("channel"), max_length=10, choices=Channel, default=Channel.ONLINE, editable=False
    )
    sheet_number = models.CharField(
        _("paper sheet number"),
        max_length=20,
        blank=True,
        editable=False,
        help_text=_("The number written on the paper questionnaire, so no sheet is keyed twice."),
    )
    keyed_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("keyed in by"),
    )

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        indexes = [models.Index(fields=["survey", "submitted_at"])]
        constraints = [
            # A paper sheet carries its number; an online answer has none.
            models.CheckConstraint(
                condition=(models.Q(channel="online") & models.Q(sheet_number=""))
                | (models.Q(channel="paper") & ~models.Q(sheet_number="")),
                name="response_paper_sheet_has_number",
            ),
            models.UniqueConstraint(
                fields=["survey", "sheet_number"],
                condition=models.Q(channel="paper"),
                name="response_paper_sheet_once",
            ),
        ]

    def __str__(self):
        return f"{self.survey} #{self.pk}"


class Answer(models.Model):
    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="answers", verbose_name=_("response")
    )
    item = models.ForeignKey(
        Item, on_delete=models.PROTECT, related_name="answers", verbose_name=_("item")
    )
    score = models.PositiveSmallIntegerField(_("score"), choices=LIKERT)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "item"], name="answer_once_per_item"),
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="answer_score_1_to_5"
            ),
        ]

    def __str__(self):
        return f"{self.item}: {self.score}"


class OpenAnswerQuerySet(models.QuerySet):
    def published(self):
        """Answers the public may read: approved by staff, on a round whose open
        answers and results are public. Read `published_text`, never `text`."""
        return self.filter(
            moderation=OpenAnswer.Moderation.PUBLISHED,
            question__survey__results_public=True,
            question__survey__publish_open_answers=True,
        )


class OpenAnswer(models.Model):
    """A citizen's own words. Nothing is published until staff read it: people
    write names, telephone numbers and accusations into comment boxes."""

    class Moderation(models.TextChoices):
        PENDING = "pending", pgettext_lazy("open answer", "Waiting for review")
        PUBLISHED = "published", pgettext_lazy("open answer", "Published")
        HIDDEN = "hidden", pgettext_lazy("open answer", "Hidden")

    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="open_answers", verbose_name=_("response")
    )
    question = models.ForeignKey(
        OpenQuestion, on_delete=models.PROTECT, related_name="answers", verbose_name=_("question")
    )
    text = models.TextField(_("answer"))
    moderation = models.CharField(
        _("review"), max_length=10, choices=Moderation, default=Moderation.PENDING
    )
    published_text = models.TextField(
        _("published text"),
        blank=True,
        help_text=_(
            "What the public reads. Publish the answer as written, or first remove names, "
            "telephone numbers and anything that identifies or accuses a person."
        ),
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    moderated_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    objects = OpenAnswerQuerySet.as_manager()

    class Meta:
        verbose_name = _("open answer")
        verbose_name_plural = _("open answers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="open_answer_once_per_question"
            ),
            models.CheckConstraint(
                condition=~models.Q(moderation="published") | ~models.Q(published_text=""),
                name="open_answer_published_has_text",
            ),
        ]
        indexes = [models.Index(fields=["question", "moderation"])]

    def __str__(self):
        return self.text[:60]
