from django.core.validators import RegexValidator
from django.db import models
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from measures.models.measure import validate_fiscal_year

# Pages that take the fiscal year as ?year= rather than in their own address.
YEAR_QUERY_PAGES = {"measures:activity_list"}


class Indicator(models.Model):
    """An ITA indicator of one assessment year mapped to where our evidence is.

    Item codes change every year (9.5 in 2563, O27–O30 in 2566, o25 in 2568,
    O16–O19 in 2569), so the mapping is data staff edit, not code.
    """

    assessment_year = models.PositiveSmallIntegerField(
        _("assessment year (B.E.)"), validators=[validate_fiscal_year]
    )
    code = models.CharField(_("indicator code"), max_length=20, help_text=_("E.g. o25 or O16."))
    title = models.CharField(_("indicator"), max_length=300)
    url = models.CharField(
        _("evidence URL"),
        max_length=500,
        validators=[
            RegexValidator(
                r"^(/|https?://)",
                _("Give a path on this site (starting with /) or an http(s) address."),
            )
        ],
        help_text=_("A page of this portal (/measures/…) or a full address."),
    )
    where_to_look = models.TextField(
        _("where to look"), blank=True, help_text=_("The note for the assessor.")
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-assessment_year", "position", "code"]
        verbose_name = _("ITA indicator")
        verbose_name_plural = _("ITA evidence index")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment_year", "code", "url"], name="indicator_unique_url"
            )
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    def get_absolute_url(self):
        return reverse("measures:evidence_index", kwargs={"year": self.assessment_year})

    @property
    def year_url(self):
        """The evidence URL pointed at the assessment year's own page.

        A page with a version per year ("feedback:statistics" beside
        "feedback:statistics_year") answers with the current year, which,
        opened by an assessor months later, is the wrong one (FY 2569's
        statistics showed 2570). A page of this site with such a version is
        given the assessment year; any other address is kept as typed."""
        path, _sep, query = self.url.partition("?")
        if not path.startswith("/"):
            return self.url
        try:
            match = resolve(path)
        except Resolver404:
            return self.url
        if match.kwargs or query:
            return self.url
        try:
            return reverse(f"{match.view_name}_year", args=[self.assessment_year])
        except NoReverseMatch:
            pass
        if match.view_name in YEAR_QUERY_PAGES:
            return f"{path}?year={self.assessment_year}"
        return self.url
