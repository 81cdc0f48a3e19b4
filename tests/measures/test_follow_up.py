"""Seed 003 การกำกับและติดตาม: the monitoring committee's findings on an
improvement are public, on the board and in the annual report."""

import datetime as dt

from django.urls import reverse

from portal.report.build import annual_report_build
from portal.report.render import annual_report_render_html
from tests.factories import measures as mf

FINDING = "คณะกรรมการติดตามพบว่ารถรับส่งให้บริการครบทุกเส้นทางแล้ว"


def test_the_monitoring_committees_finding_is_on_the_board_and_in_the_report(client, agency):
    mf.improvement(
        title="เพิ่มรถรับส่งนักเรียน",
        status="done",
        completed_on=dt.date(2026, 3, 1),
        follow_up=FINDING,
    )

    board = client.get(reverse("measures:improvement_list")).content.decode()
    html = annual_report_render_html(annual_report_build(fiscal_year=2569))

    assert f"ผลการติดตามของคณะกรรมการติดตาม</span>{FINDING}" in board
    report = html.split('id="s-improvements"')[1]
    assert f"ผลการติดตามของคณะกรรมการติดตาม: {FINDING}" in report
