from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EverPublic(models.Model):
    """A record whose public page, once shown, is ITA evidence: assessors open
    its address months later, so it must keep answering (its slug stays, it is
    never deleted, a withdrawn page says so). The one mechanism for "was ever
    public" across measures, activities, survey rounds and working groups.

    `first_published_at` is set the first time the record is public
    (`is_public`, each model's own rule) and never cleared.
    """

    first_published_at = models.DateTimeField(
        _("first published at"), null=True, blank=True, editable=False
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.first_published_at is None and self.is_public:
            self.first_published_at = timezone.now()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "first_published_at"}
        super().save(*args, **kwargs)

    @property
    def was_ever_public(self):
        return self.first_published_at is not None or self.is_public
