"""Information the agency published, as evidence of the clause it carries out."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class PublicationQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Publication(models.Model):
    """One piece of information the agency put before the public: a news
    page, a post, a newsletter, an exhibition, a notice. The seeds promise
    to publish "in many channels" (seed 000 §2, 001 §1, 004 §1), and
    whatever was published elsewhere is only evidence once it is recorded
    here with where to find it."""

    class Medium(models.TextChoices):
        WEBSITE = "website", _("Website")
        SOCIAL = "social", _("Social media")
        PRINT = "print", _("Printed matter, journal or newsletter")
        EXHIBITION = "exhibition", _("Exhibition")
        NOTICE_BOARD = "notice_board", _("Notice board")
        BROADCAST = "broadcast", _("Radio or television")
        OTHER = "other", _("Other")

    title = models.CharField(_("title"), max_length=300)
    medium = models.CharField(_("published in"), max_length=20, choices=Medium)
    url = models.CharField(
        _("address"),
        max_length=500,
        blank=True,
        validators=[
            RegexValidator(
                r"^(/|https?://)",
                _("Give a path on this site (starting with /) or an http(s) address."),
            )
        ],
        help_text=_(
            "Where a reader finds it: the page or post, or a photo of the printed item. "
            "Leave empty when there is none."
        ),
    )
    published_on = models.DateField(_("published on"))
    mission_group = models.ForeignKey(
        "measures.MissionGroup",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="publications",
        verbose_name=_("mission group"),
    )
    clause = models.ForeignKey(
        "measures.Clause",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="publications",
        verbose_name=_("measure clause carried out"),
        help_text=_("The clause, sub-item or lettered duty this publication carries out."),
    )
    is_published = models.BooleanField(_("shown to the public"), default=True)

    history = HistoricalRecords()
    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "pk"]
        verbose_name = _("publication of information")
        verbose_name_plural = _("publications of information")

    def __str__(self):
        return self.title
