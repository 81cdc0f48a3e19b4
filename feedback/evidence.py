"""What the complaint pages show for a fiscal year, for the evidence-index
line of the to-do page (`measures.evidence`); registered when the app is ready.

The statistics page of a year always says something, "ไม่มีเรื่องร้องเรียน"
included (ITA accepts that), once the year has begun; the manual page needs
a version in effect."""

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from feedback import open_data
from feedback.models import HandlingManual
from measures.evidence import Gap, evidence_check_register


def _statistics_year(fiscal_year, kwargs_list):
    gaps = []
    for kwargs in kwargs_list:
        try:
            open_data.statistics_year(kwargs["fiscal_year"])
        except Http404:
            gaps.append(Gap(_("the statistics of that year cannot be published yet")))
        else:
            gaps.append(None)
    return gaps


def _manual(fiscal_year, kwargs_list):
    shown = HandlingManual.objects.in_effect().exists()
    gap = Gap(
        _("no complaint-handling manual in effect"),
        reverse("admin:feedback_handlingmanual_add"),
    )
    return [None if shown else gap for _kwargs in kwargs_list]


def register():
    evidence_check_register("feedback:statistics_year", _statistics_year)
    evidence_check_register("feedback:manual", _manual)
