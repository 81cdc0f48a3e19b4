from urllib.parse import quote

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class AgencyQuerySet(models.QuerySet):
    def current(self):
        """The agency this installation serves, or None before set-up."""
        return self.filter(pk=Agency.SINGLETON_PK).first()


class Agency(models.Model):
    """The one agency that runs this portal (one installation, one agency)."""

    SINGLETON_PK = 1

    class Kind(models.TextChoices):
        PRIMARY_ESA = "primary_esa", _("Primary educational service area office")
        SECONDARY_ESA = "secondary_esa", _("Secondary educational service area office")
        PROVINCIAL_EDUCATION = "provincial_education", _("Provincial education office")
        LOCAL_GOVERNMENT = "local_government", _("Local government organisation")
        CENTRAL_GOVERNMENT = "central_government", _("Central government agency")
        STATE_ENTERPRISE = "state_enterprise", _("State enterprise or public organisation")
        OTHER = "other", _("Other")

    name_th = models.CharField(_("name in Thai"), max_length=255)
    name_en = models.CharField(_("name in English"), max_length=255, blank=True)
    short_name = models.CharField(
        _("short name"), max_length=60, blank=True, help_text=_("Shown in the site header.")
    )
    kind = models.CharField(_("kind of agency"), max_length=30, choices=Kind, default=Kind.OTHER)
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(_("telephone"), max_length=100, blank=True)
    fax = models.CharField(_("fax"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("main website"), blank=True)
    facebook_url = models.URLField(_("Facebook page"), blank=True)
    line_id = models.CharField(_("LINE official account"), max_length=100, blank=True)
    youtube_url = models.URLField(_("YouTube channel"), blank=True)
    office_hours = models.CharField(
        _("office hours"), max_length=200, blank=True, default="จันทร์–ศุกร์ 08:30–16:30 น."
    )
    logo = models.ImageField(_("logo"), upload_to="agency/", blank=True)
    emblem = models.ImageField(
        _("Garuda emblem"),
        upload_to="agency/",
        blank=True,
        help_text=_("Printed centred above official announcements and reports."),
    )
    head_name = models.CharField(_("name of the head of agency"), max_length=200, blank=True)
    head_position = models.CharField(
        _("position of the head of agency"), max_length=255, blank=True
    )

    history = HistoricalRecords()
    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agency")
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="agency_is_singleton"),
        ]

    def __str__(self):
        return self.name_th

    def save(self, *args, **kwargs):
        self.pk = self.SINGLETON_PK
        super().save(*args, **kwargs)

    @property
    def display_name(self):
        return self.short_name or self.name_th

    @property
    def line_url(self):
        """The LINE add-friend address of the official account: staff type the
        ID as LINE shows it (@abc1234) or paste the lin.ee / line.me link."""
        line_id = self.line_id.strip()
        if not line_id:
            return ""
        if line_id.startswith(("https://", "http://")):
            return line_id
        return "https://line.me/R/ti/p/" + quote(
            line_id if line_id.startswith("@") else f"@{line_id}"
        )


class MissionGroupQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class MissionGroup(models.Model):
    """A mission group or division (กลุ่มงาน / กอง) of the agency."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, allow_unicode=False)
    mission = models.TextField(_("mission"), blank=True)
    phone = models.CharField(_("telephone"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Untick instead of deleting: old records keep it.")
    )
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="edited_mission_groups",
        limit_choices_to={"is_staff": True},
        verbose_name=_("editors"),
        help_text=_(
            "Staff who keep this group's records. Each week they are mailed the group's "
            "lines of the year's to-do list."
        ),
    )

    history = HistoricalRecords()
    objects = MissionGroupQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("mission group")
        verbose_name_plural = _("mission groups")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("portal:home") + f"#group-{self.slug}"
