"""The portal's URLs plus the bench's yardstick, a bare view (benchmark only)."""

from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path
from django.utils.html import format_html_join

from feedback.admin.case import CaseAdmin
from feedback.models import Case
from measures.models import StakeholderGroup


def bare(request):
    """A Thai list after one query: what Django costs with nothing on top."""
    names = StakeholderGroup.objects.values_list("name", flat=True)[:50]
    items = format_html_join("", "<li>{}</li>", ((name,) for name in names))
    return HttpResponse(f'<!doctype html><html lang="th"><body><ul>{items}</ul></body></html>')


class CaseListDrawn(CaseAdmin):
    """The triage list drawn on every visit, nothing kept for its viewer: what
    an officer's first visit costs, or the first after any record changed."""

    def kept_page_key(self, request):
        return None


urlpatterns = [
    path("bench/bare/", bare),
    path(
        "bench/case-list-drawn/",
        admin.site.admin_view(CaseListDrawn(Case, admin.site).changelist_view),
    ),
    path("", include("portal.urls")),
]
