from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from measures import coverage, follow_up, open_data
from measures.forms import ActivityFilterForm
from measures.models import (
    Activity,
    Attendee,
    EvidenceFile,
    Improvement,
    Indicator,
    Measure,
    Participation,
)
from measures.services import measure_print_request
from portal.lib import rendering, thai
from portal.lib.page_cache import public_page

PAGE_SIZE = 20


@require_safe
@public_page
def measure_list(request):
    measures = Measure.objects.published().order_by("-announced_on", "-pk")
    in_force = [m for m in measures if m.status == Measure.Status.PUBLISHED]
    earlier = [m for m in measures if m.status != Measure.Status.PUBLISHED]
    return render(request, "measures/measure_list.html", {"in_force": in_force, "earlier": earlier})


@require_safe
@public_page
def measure_detail(request, slug):
    measure = get_object_or_404(
        Measure.objects.published().select_related("superseded_by"), slug=slug
    )
    years = measure.fiscal_years_in_force()
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() and int(year) in years else years[0]
    lines = coverage.clause_lines(measures=[measure], fiscal_year=thai.FiscalYear(year))
    return render(
        request,
        "measures/measure_detail.html",
        {
            "measure": measure,
            "lines": lines.get(measure.pk, []),
            "year": year,
            "years": years,
            "predecessors": measure.supersedes.all(),
            "mission_groups": measure.mission_groups.all(),
        },
    )


@require_safe
def measure_pdf(request, slug):
    """The stored official PDF; while the worker typesets it (once per
    version), a page that says so and offers the file when it is there."""
    measure = get_object_or_404(Measure.objects.published(), slug=slug)
    printout = measure_print_request(measure=measure)
    if "status" in request.GET:
        return rendering.rendering_status_response(printout)
    if printout.is_stored:
        return rendering.rendering_file_response(printout, filename=f"measure-{measure.slug}.pdf")
    progress = rendering.rendering_progress(printout)
    # 202: accepted, not ready yet; the page itself is for people.
    return render(
        request,
        "measures/measure_pdf_pending.html",
        {"measure": measure, "progress": progress},
        status=202,
    )


@require_safe
@public_page
def activity_list(request):
    form = ActivityFilterForm(request.GET or None)
    activities = (
        Activity.objects.published()
        .select_related("mission_group")
        .with_participant_totals()
        .order_by("-held_on", "-pk")
    )
    fiscal_year = None
    if form.is_valid():
        data = form.cleaned_data
        if data.get("year"):
            fiscal_year = thai.FiscalYear(int(data["year"]))
            activities = fiscal_year.filter(activities, "held_on")
        if data.get("group"):
            activities = activities.filter(mission_group=data["group"])
        if data.get("level"):
            activities = activities.filter(level=data["level"])
    page = Paginator(activities, PAGE_SIZE).get_page(request.GET.get("page"))
    data_year = fiscal_year or thai.FiscalYear.current()
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "measures/activity_list.html",
        {
            "form": form,
            "page": page,
            "fiscal_year": fiscal_year,
            "query": query.urlencode(),
            "data_year": data_year,
            "data_dictionary": open_data.dictionary(),
            "licence": open_data.LICENCE,
        },
    )


@require_safe
@public_page
def activity_data(request, year, fmt):
    """A fiscal year's published activities as open data (CSV or JSON)."""
    return open_data.activities_data(thai.fiscal_year_or_404(year), fmt)


@require_safe
@public_page
def activity_detail(request, pk):
    activity = (
        Activity.objects.published()
        .select_related("mission_group", "clause__measure")
        .prefetch_related(
            Prefetch("participations", Participation.objects.select_related("group")),
            Prefetch("evidence", EvidenceFile.objects.order_by("position", "pk")),
            Prefetch("improvements", Improvement.objects.select_related("owner")),
            Prefetch(
                "attendees",
                Attendee.objects.filter(consent_to_publish=True).select_related("group"),
                to_attr="public_attendees",
            ),
        )
        .with_participant_totals()
        .filter(pk=pk)
        .first()
    )
    if activity is None:
        hidden = get_object_or_404(Activity, pk=pk)
        if not hidden.was_ever_public:
            raise Http404
        # A public URL is ITA evidence: it keeps answering, saying what happened.
        return render(request, "measures/activity_withdrawn.html", {"activity": hidden}, status=410)
    photos = [item for item in activity.evidence.all() if item.is_image]
    documents = [item for item in activity.evidence.all() if not item.is_image]
    clause = activity.clause if activity.clause and activity.clause.measure.is_public else None
    return render(
        request,
        "measures/activity_detail.html",
        {"activity": activity, "photos": photos, "documents": documents, "clause": clause},
    )


@require_safe
@public_page
def improvement_list(request):
    public = Improvement.objects.public()
    improvements = public.select_related("mission_group", "activity__mission_group").order_by(
        "-created_at", "-pk"
    )
    counts = dict(public.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    number = request.GET.get("page") or _board_page_holding(
        improvements, request.GET.get("improvement")
    )
    page = Paginator(improvements, PAGE_SIZE).get_page(number)
    page.object_list = list(page.object_list)
    found = follow_up.follow_ups(improvement.pk for improvement in page.object_list)
    for improvement in page.object_list:
        improvement.follow_ups = found.get(improvement.pk, [])
    statuses = [(value, label, counts.get(value, 0)) for value, label in Improvement.Status.choices]
    return render(request, "measures/improvement_list.html", {"page": page, "statuses": statuses})


def _board_page_holding(improvements, pk):
    """The board's page showing improvement `pk` (Improvement.get_absolute_url
    links to it); the first page for one not on the board."""
    if not (pk or "").isdecimal() or len(pk) > 9:  # beyond any key: not asked of the database
        return 1
    shown = improvements.filter(pk=int(pk)).values("created_at").first()
    if shown is None:
        return 1
    newer = improvements.filter(
        Q(created_at__gt=shown["created_at"]) | Q(created_at=shown["created_at"], pk__gt=int(pk))
    ).count()
    return newer // PAGE_SIZE + 1


@require_safe
@public_page
def evidence_index(request, year):
    thai.fiscal_year_or_404(year)  # an assessment year is named as its fiscal year
    indicators = list(Indicator.objects.filter(assessment_year=year))
    years = list(
        Indicator.objects.order_by("-assessment_year")
        .values_list("assessment_year", flat=True)
        .distinct()
    )
    if not indicators and year not in years:
        raise Http404
    return render(
        request,
        "measures/indicator_list.html",
        {
            "indicators": indicators,
            "year": year,
            "years": years,
            # A coming year's figures are not published yet (the statistics 404).
            "open_data": year <= thai.FiscalYear.current().be_year,
        },
    )
