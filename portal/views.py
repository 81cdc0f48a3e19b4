from django.db import connection
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from measures.models import MissionGroup, Policy


@require_safe
def home(request):
    return render(
        request,
        "portal/home.html",
        {"mission_groups": MissionGroup.objects.active()},
    )


@require_safe
def policy(request, kind):
    return render(
        request, "portal/policy_detail.html", {"policy": get_object_or_404(Policy, kind=kind)}
    )


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


@never_cache
@require_safe
def health(request):
    """For the reverse proxy and monitoring: the app answers and the database too."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
