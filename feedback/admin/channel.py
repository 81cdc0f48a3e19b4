"""Admin of the listening channels the agency keeps open (the inbox's own
evidence for the clauses promising them, measures.coverage)."""

from django.contrib import admin

from feedback.models import ListeningChannel
from portal.lib.admin_dates import BuddhistEraDates
from portal.lib.admin_history import HistoryAdmin


@admin.register(ListeningChannel)
class ListeningChannelAdmin(BuddhistEraDates, HistoryAdmin):
    list_display = ["name", "kind", "opened_on", "closed_on", "mission_group", "is_published"]
    list_filter = ["kind", "mission_group", "is_published"]
    list_select_related = ["mission_group"]
    search_fields = ["name", "how_to_reach"]
    autocomplete_fields = ["mission_group", "clause"]
    fields = [
        "name",
        "kind",
        "how_to_reach",
        "opened_on",
        "closed_on",
        "mission_group",
        "clause",
        "is_published",
    ]
