"""Evidence URLs of an assessment year open that year's pages; a month with
no complaints says so in words."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import feedback as fb
from tests.factories import measures as mf


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("/feedback/statistics/", "/feedback/statistics/2569/"),
        ("/activities/", "/activities/?year=2569"),
        ("/feedback/statistics/2568/", "/feedback/statistics/2568/"),  # chosen on purpose
        ("/measures/", "/measures/"),  # one page for every year
        ("https://www.example.go.th/ita", "https://www.example.go.th/ita"),
    ],
)
def test_an_evidence_url_opens_the_assessment_years_page(client, db, typed, shown):
    mf.indicator(assessment_year=2569, url=typed)

    page = client.get(reverse("measures:evidence_index", args=[2569])).content.decode()

    assert f'href="{shown}"' in page


def test_a_month_without_complaints_says_so_in_words(client, db):
    page = client.get(reverse("feedback:statistics_year", args=[2569])).content.decode()
    table = page.split("<tbody>")[1].split("</tbody>")[0]
    assert table.count("ไม่มีเรื่องร้องเรียน") == 12


def test_the_report_says_a_month_had_no_complaints(agency):
    from portal.report.build import annual_report_build
    from portal.report.render import annual_report_render_html

    # One general complaint in January: the general stream has a table, and
    # its eleven other months say in words that there was none.
    fb.case(stream="general", received_at=timezone.make_aware(dt.datetime(2026, 1, 12, 10)))
    html = annual_report_render_html(annual_report_build(fiscal_year=2569))
    section = html.split('id="h-feedback"')[1].split('id="s-activities"')[0]
    table = section.split('<table class="monthly">')[1].split("</table>")[0]
    assert table.count("ไม่มีเรื่องร้องเรียน") == 11
