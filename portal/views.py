from urllib.parse import quote

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from measures.models import Activity, Measure, MissionGroup, Policy
from portal import search as site_search
from portal.lib.page_cache import public_page
from surveys.models import Survey

HOME_LATEST = 3
SEARCH_PAGE_SIZE = 10


@require_safe
@public_page
def home(request):
    """The citizen's front door: the services, then what is current right now."""
    context = {
        "mission_groups": MissionGroup.objects.active(),
        "measures_in_force": Measure.objects.in_force().order_by("-announced_on")[:HOME_LATEST],
        "latest_activities": Activity.objects.published()
        .select_related("mission_group")
        .order_by("-held_on")[:HOME_LATEST],
        "open_surveys": Survey.objects.open().order_by("closes_on")[:HOME_LATEST],
    }
    return render(request, "portal/home.html", context)


@require_safe
@public_page
def policy(request, kind):
    return render(
        request, "portal/policy_detail.html", {"policy": get_object_or_404(Policy, kind=kind)}
    )


@require_safe
def search(request):
    # PostgreSQL's text type refuses a NUL byte, which no one types: dropped.
    query = request.GET.get("q", "").replace("\x00", "").strip()[: site_search.MAX_QUERY_LENGTH]
    rows = site_search.search(query) if query else None
    page = results = None
    if rows is not None:
        page = Paginator(rows, SEARCH_PAGE_SIZE).get_page(request.GET.get("page"))
        results = site_search.results_of(page.object_list, site_search.query_words(query))
    return render(
        request,
        "portal/search.html",
        {
            "q": query,
            "searched": page is not None,
            "page": page,
            "results": results,
            "query": f"q={quote(query)}",
        },
    )


# Staff pages, a citizen's own case pages and files, and result pages of
# arbitrary queries are no one's search result.
ROBOTS_DISALLOWED = [
    "/admin/",
    "/feedback/track/",
    "/feedback/receipt/",
    "/feedback/attachments/",
    "/search/",
    "/i18n/",
]


@require_safe
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOWED)]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def page_not_found(request, exception):
    return render(request, "404.html", status=404)
