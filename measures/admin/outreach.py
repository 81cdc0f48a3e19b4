"""Admin of publications of information: what staff published, cited as the
evidence of the clause it carries out (measures.coverage)."""

from django.contrib import admin

from measures.models import Publication
from portal.lib.admin_dates import BuddhistEraDates
from portal.lib.admin_history import HistoryAdmin


@admin.register(Publication)
class PublicationAdmin(BuddhistEraDates, HistoryAdmin):
    list_display = ["title", "medium", "published_on", "mission_group", "clause", "is_published"]
    list_filter = ["medium", "mission_group", "is_published"]
    list_select_related = ["mission_group", "clause__measure"]
    search_fields = ["title", "url"]
    date_hierarchy = "published_on"
    autocomplete_fields = ["mission_group", "clause"]
    fields = ["title", "medium", "url", "published_on", "mission_group", "clause", "is_published"]
