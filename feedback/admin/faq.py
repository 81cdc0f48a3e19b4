"""Frequently asked questions: staff publish an answered question for everyone."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from feedback.models import FAQ, Case, CaseEntry
from portal.lib.admin_history import HistoryAdmin


@admin.register(FAQ)
class FAQAdmin(HistoryAdmin):
    list_display = ["question", "mission_group", "position", "is_published"]
    list_editable = ["position", "is_published"]
    list_filter = ["is_published", "mission_group"]
    list_select_related = ["mission_group"]
    search_fields = ["question", "answer"]
    fields = [
        "source_case",
        "case_text",
        "question",
        "answer",
        "mission_group",
        "position",
        "is_published",
    ]
    readonly_fields = ["case_text"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "source_case":
            # Answered cases this officer may read, never from the sealed channel.
            kwargs["queryset"] = (
                Case.objects.visible_to(request.user)
                .exclude(stream=Case.Stream.CORRUPTION)
                .filter(entries__kind=CaseEntry.Kind.REPLY)
                .distinct()
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("the case's question and the reply sent"))
    def case_text(self, obj):
        """What to rewrite from, once the case is chosen and saved: the public
        entry holds only the texts written below."""
        case = obj.source_case if obj and obj.source_case_id else None
        if case is None or case.is_corruption:
            return "—"
        reply = case.entries.replies().last()
        return f"{case.subject}\n\n{case.details}\n\n→ {reply.body if reply else ''}"
