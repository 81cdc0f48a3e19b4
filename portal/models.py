from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.report.models import AnnualReport, AnnualReportVersion
from portal.staff_changes.models import RoleChange, RoleChangeRecord

__all__ = [
    "AnnualReport",
    "AnnualReportVersion",
    "RateLimitCount",
    "RoleChange",
    "RoleChangeRecord",
]


class RateLimitCount(models.Model):
    """How often one client network used one public form in one time window
    (portal.lib.clients.client_rate_allow). A table of its own: a shared cache
    culls entries when full, which reset counters on the busiest days."""

    key = models.CharField(_("key"), max_length=64, primary_key=True)
    count = models.PositiveIntegerField(_("count"), default=0)
    expires_at = models.DateTimeField(_("expires at"), db_index=True)

    class Meta:
        ordering = ["expires_at"]
        verbose_name = _("rate-limit count")
        verbose_name_plural = _("rate-limit counts")

    def __str__(self):
        return f"{self.key}: {self.count}"
