from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class PolicyQuerySet(models.QuerySet):
    def privacy_notice(self):
        """The privacy notice shown on every form; its version is stored on each record."""
        return self.filter(kind=Policy.Kind.PRIVACY).first()


class Policy(models.Model):
    """A policy page the agency publishes and its officers keep up to date.

    Data rather than templates: the data protection officer edits the privacy
    notice without a deployment, and each record keeps the version it was
    collected under (PDPA B.E. 2562, s. 23).
    """

    class Kind(models.TextChoices):
        WEBSITE = "website", _("Website policy")
        PRIVACY = "privacy", _("Privacy notice")
        SECURITY = "security", _("Website security policy")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind, unique=True)
    title = models.CharField(_("title"), max_length=255)
    body = models.TextField(_("text"), help_text=_("Plain text; a blank line starts a paragraph."))
    version = models.CharField(
        _("version"), max_length=20, default="1", help_text=_("Raise it whenever the text changes.")
    )
    effective_on = models.DateField(_("in effect from"))

    history = HistoricalRecords()
    objects = PolicyQuerySet.as_manager()

    class Meta:
        ordering = ["kind"]
        verbose_name = _("policy")
        verbose_name_plural = _("policies")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("portal:policy", kwargs={"kind": self.kind})
