from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.lib.rendering import PdfRendering


class MeasurePrint(PdfRendering):
    """The official PDF of one version of a measure, rendered by the task worker.

    A version is the printed content (text, state, dates): a published measure
    has one rendering served to every citizen; each draft the director
    previews has its own, marked ร่าง."""

    measure = models.ForeignKey(
        "measures.Measure",
        on_delete=models.CASCADE,
        related_name="prints",
        verbose_name=_("measure"),
    )

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("measure PDF")
        verbose_name_plural = _("measure PDFs")
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "key"], name="measure_print_once_per_content"
            )
        ]

    def __str__(self):
        return f"{self.measure.slug} · {self.key[:12]}"

    def file_name(self):
        return f"measures/{self.measure.slug}-{self.key[:16]}.pdf"
