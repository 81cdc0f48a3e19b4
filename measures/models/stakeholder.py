from django.db import models
from django.utils.translation import gettext_lazy as _


class StakeholderGroup(models.Model):
    """A group of stakeholders the agency serves (parents, teachers, community…).

    Data, not code: each agency analyses its own stakeholders per mission
    (seed 000 §1, seed 003 §1). Activities count participants by group, and
    working-group members and survey respondents are typed by it.
    """

    name = models.CharField(_("name"), max_length=150, unique=True)
    name_en = models.CharField(_("name in English"), max_length=150, blank=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    is_external = models.BooleanField(
        _("outside the agency"),
        default=True,
        help_text=_("Untick for the agency's own staff; ITA counts outside stakeholders."),
    )
    # Seed 004 §5 asks projects above 10 million baht to involve "ภาคประชาชน
    # หรือภาคเอกชน": citizens or the private sector. Other government agencies
    # and teachers are outside the agency yet are not that, hence a second flag.
    is_citizen_or_private_sector = models.BooleanField(
        _("citizens or private sector"),
        default=False,
        help_text=_(
            "Tick for citizens, communities, parents, civil society and businesses; "
            "leave unticked for government agencies and officials. Projects of 10 "
            "million baht or more must have participants from such a group (seed 004 §5)."
        ),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("stakeholder group")
        verbose_name_plural = _("stakeholder groups")

    def __str__(self):
        return self.name
