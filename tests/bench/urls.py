"""The portal's URLs plus the bench's yardstick, a bare view (benchmark only)."""

from django.http import HttpResponse
from django.urls import include, path
from django.utils.html import format_html_join

from measures.models import StakeholderGroup


def bare(request):
    """A Thai list after one query: what Django costs with nothing on top."""
    names = StakeholderGroup.objects.values_list("name", flat=True)[:50]
    items = format_html_join("", "<li>{}</li>", ((name,) for name in names))
    return HttpResponse(f'<!doctype html><html lang="th"><body><ul>{items}</ul></body></html>')


urlpatterns = [
    path("bench/bare/", bare),
    path("", include("portal.urls")),
]
