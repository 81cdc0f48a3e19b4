"""Every URL that names a fiscal year answers 404 for a year outside its
page's own range, never a 500, and still answers the range's first and last
year: complaint statistics from 2560 up to the current year, survey results up
to next year, activities and the annual report 2500-2700, the staff to-do list
from 2540 up to next year."""

import pytest
from django.urls import reverse

from portal.lib import thai
from tests import factories
from tests.factories import feedback as fb
from tests.login import login_staff

pytestmark = pytest.mark.django_db

CURRENT = thai.FiscalYear.current().be_year

# URL name, its year argument, other arguments, the page's first and last year.
PUBLIC = [
    ("feedback:statistics_year", "fiscal_year", {}, 2560, CURRENT),
    ("feedback:statistics_data_csv", "fiscal_year", {}, 2560, CURRENT),
    ("feedback:statistics_data_json", "fiscal_year", {}, 2560, CURRENT),
    ("surveys:results_data_csv", "fiscal_year", {}, 2500, CURRENT + 1),
    ("surveys:results_data_json", "fiscal_year", {}, 2500, CURRENT + 1),
    ("measures:activity_data_csv", "year", {}, 2500, 2700),
    ("measures:activity_data_json", "year", {}, 2500, 2700),
]
# Pages that show only what exists for the year: out of range, nothing can.
RECORDS = [
    ("measures:evidence_index", "year", {}),
    ("portal:report_detail", "fiscal_year", {}),
    ("portal:report_version_pdf", "fiscal_year", {"number": 1}),
    ("portal:report_version_html", "fiscal_year", {"number": 1}),
]
STAFF = [
    ("get", "staff_todo", "year", {}, 2540, CURRENT + 1),
    ("get", "portal:report_preview", "fiscal_year", {}, 2500, 2700),
    ("get", "portal:report_preview_pdf", "fiscal_year", {}, 2500, 2700),
    ("post", "portal:report_request", "fiscal_year", {}, 2500, 2700),
    ("post", "portal:report_approve", "fiscal_year", {}, 2500, 2700),
]
# Far below, far above (beyond any database integer) and just outside.
FAR = [0, 10**20]


def _url(name, year_argument, others, year):
    return reverse(name, kwargs={year_argument: year, **others})


@pytest.mark.parametrize(("name", "argument", "others", "first", "last"), PUBLIC)
def test_a_public_year_outside_the_pages_range_is_not_found(
    client, name, argument, others, first, last
):
    for year in [*FAR, first - 1, last + 1]:
        page = client.get(_url(name, argument, others, year))
        assert page.status_code == 404, (name, year)
    for year in (first, last):
        page = client.get(_url(name, argument, others, year))
        assert page.status_code == 200, (name, year)


@pytest.mark.parametrize(("name", "argument", "others"), RECORDS)
def test_a_year_page_of_records_outside_any_fiscal_year_is_not_found(
    client, name, argument, others
):
    for year in [*FAR, 2499, 2701]:
        page = client.get(_url(name, argument, others, year))
        assert page.status_code == 404, (name, year)


@pytest.mark.parametrize(("method", "name", "argument", "others", "first", "last"), STAFF)
def test_a_staff_year_outside_the_pages_range_is_not_found(
    client, method, name, argument, others, first, last
):
    login_staff(client, factories.staff_user(role=factories.roles.ADMINISTRATOR))
    send = getattr(client, method)
    for year in [*FAR, first - 1, last + 1]:
        page = send(_url(name, argument, others, year))
        assert page.status_code == 404, (name, year)


def test_the_staff_to_do_list_answers_its_first_and_last_year(client):
    login_staff(client, factories.staff_user(role=factories.roles.ADMINISTRATOR))
    for year in (2540, CURRENT + 1):
        assert client.get(reverse("staff_todo", args=[year])).status_code == 200


def test_the_case_list_filtered_by_an_impossible_year_shows_no_case(client):
    case = fb.case()
    login_staff(client, factories.staff_user(role=factories.roles.TRIAGE_OFFICER))
    url = reverse("admin:feedback_case_changelist")
    page = client.get(url, {"fiscal_year": case.fiscal_year})
    assert case.subject in page.content.decode()
    for year in FAR:
        page = client.get(url, {"fiscal_year": year})
        assert page.status_code == 200, year
        assert case.subject not in page.content.decode()
