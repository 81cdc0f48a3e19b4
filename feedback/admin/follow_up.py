"""What the citizen said after filing, as the officer sees it on the case:
read-only (the citizen's words are evidence), and a filter for reopened cases."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from feedback.models import CitizenMessage, HandlingRating
from portal.lib.admin_inlines import RecordInline


class CitizenMessageInline(RecordInline, admin.StackedInline):
    model = CitizenMessage
    fields = ["kind", "body", "sent_at"]
    verbose_name_plural = _("messages from the citizen (tracking page)")


class HandlingRatingInline(RecordInline, admin.StackedInline):
    model = HandlingRating
    fields = ["score", "comment", "rated_at"]
    max_num = 1


class ReopenedFilter(admin.SimpleListFilter):
    """Cases the citizen said were not resolved (whatever stage they are at now)."""

    title = _("reopened by the citizen")
    parameter_name = "reopened"

    def lookups(self, request, model_admin):
        return [("yes", _("Reopened")), ("no", _("Never reopened"))]

    def queryset(self, request, queryset):
        reopened = CitizenMessage.objects.filter(kind=CitizenMessage.Kind.NOT_RESOLVED)
        if self.value() == "yes":
            return queryset.filter(pk__in=reopened.values("case"))
        if self.value() == "no":
            return queryset.exclude(pk__in=reopened.values("case"))
        return queryset
