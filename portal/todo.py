"""The year's to-do list for staff: what is still missing in a fiscal year,
composed of each app's lines (`measures.todo`, `surveys.todo`), and of the
personal data requests whose deadline runs now (`feedback.todo`), per user."""

from django.contrib import admin
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from feedback.todo import data_requests_todo
from measures.models.measure import EARLIEST_FISCAL_YEAR
from measures.todo import measures_todo
from portal.lib import thai
from surveys.todo import surveys_todo

# The order of the page: the measure's clauses, then the seed clauses' checks.
ORDER = [
    "data_requests",
    "plan",
    "clauses",
    "satisfaction",
    "acknowledgement",
    "ita_elements",
    "participation",
    "meetings",
    "improvements",
    "year_summaries",
    "evidence",
]


def year_todo_sections(*, fiscal_year, today=None):
    sections = measures_todo(fiscal_year=fiscal_year, today=today)
    sections += surveys_todo(fiscal_year=fiscal_year, today=today)
    return sorted(sections, key=lambda section: ORDER.index(section.key))


@require_safe
def year_todo(request, year):
    latest = thai.FiscalYear.current().next().be_year
    fiscal_year = thai.fiscal_year_or_404(year, first=EARLIEST_FISCAL_YEAR, last=latest)
    sections = year_todo_sections(fiscal_year=fiscal_year)
    # Deadlines running now, on the page of the year now running.
    if fiscal_year == thai.FiscalYear.current():
        requests = data_requests_todo(user=request.user)
        sections = [requests, *sections] if requests else sections
    for section in sections:
        section.lines = [line.for_user(request.user) for line in section.lines]
    context = admin.site.each_context(request) | {
        "title": f"{year}",
        "year": year,
        "previous_year": year - 1,
        "next_year": year + 1 if year < latest else None,
        "sections": sections,
        "total": sum(len(section.lines) for section in sections),
    }
    return render(request, "admin/portal/year_todo.html", context)


@require_safe
def current_year_todo(request):
    return redirect("staff_todo", year=thai.FiscalYear.current().be_year)
