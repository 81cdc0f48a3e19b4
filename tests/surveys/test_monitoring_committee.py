"""Seed 003, การกำกับและติดตาม: a monitoring committee (a working group of
that kind) records in the admin what it found on the improvements it
follows up; the public board and the annual report show the findings."""

import datetime as dt

import pytest
from django.urls import reverse

from demo import agency as demo_agency
from demo import measures as demo_measures
from demo import monitoring as demo_monitoring
from measures.year import measures_year
from portal.lib import thai
from portal.report.build import annual_report_build
from portal.report.render import annual_report_render_html
from surveys.models import Finding, WorkingGroup
from tests import factories
from tests.admin_form import admin_post
from tests.factories import measures as mf
from tests.factories import surveys as f
from tests.login import login_staff

pytestmark = pytest.mark.django_db

FOUND = "รถรับส่งเพิ่มครบสองเส้นทางแล้ว ผู้ปกครองพึงพอใจ"
MONITORING = WorkingGroup.Kind.MONITORING_COMMITTEE


def _committee(**overrides):
    return f.working_group(
        kind=MONITORING, name="คณะกรรมการติดตามและประเมินผล", slug="monitoring", **overrides
    )


def _finding(committee, improvement, **overrides):
    fields = {
        "found_on": dt.date(2026, 3, 10),
        "text": FOUND,
        "status": Finding.Status.ON_TRACK,
        "reported_by": "ประธานคณะกรรมการ",
    } | overrides
    return Finding.objects.create(committee=committee, improvement=improvement, **fields)


def _change_url(group):
    return reverse("admin:surveys_workinggroup_change", args=[group.pk])


# ------------------------------------------------------------------ the admin


def test_the_committee_records_a_finding_on_its_page_in_buddhist_era(client, editor):
    committee = _committee()
    improvement = mf.improvement(title="เพิ่มรถรับส่งนักเรียน")
    login_staff(client, editor)

    response = admin_post(
        client,
        _change_url(committee),
        **{
            "findings-0-improvement": str(improvement.pk),
            "findings-0-found_on": "10/03/2569",
            "findings-0-status": "late",
            "findings-0-text": FOUND,
            "findings-0-reported_by": "ประธานคณะกรรมการ",
        },
    )

    assert response.status_code == 200
    assert response.redirect_chain, response.content.decode()[:2000]
    finding = Finding.objects.get()
    assert (finding.committee, finding.improvement) == (committee, improvement)
    assert (finding.found_on, finding.status, finding.text) == (dt.date(2026, 3, 10), "late", FOUND)
    assert finding.history.count() == 1


def test_a_finding_dated_ahead_is_refused_in_thai_and_nothing_is_saved(client, editor):
    committee = _committee()
    improvement = mf.improvement()
    login_staff(client, editor)
    ahead = dt.date.today() + dt.timedelta(days=30)

    response = admin_post(
        client,
        _change_url(committee),
        **{
            "findings-0-improvement": str(improvement.pk),
            "findings-0-found_on": f"{ahead.day:02d}/{ahead.month:02d}/{ahead.year + 543}",
            "findings-0-status": "on_track",
            "findings-0-text": FOUND,
        },
    )

    assert not response.redirect_chain
    assert "ผลการติดตามต้องไม่ลงวันที่ในอนาคต" in response.content.decode()
    assert FOUND in response.content.decode()  # the text typed is still there
    assert not Finding.objects.exists()


def test_an_ordinary_working_group_has_no_findings_to_record(client, editor):
    group = f.working_group()
    login_staff(client, editor)

    page = client.get(_change_url(group)).content.decode()

    assert 'name="findings-TOTAL_FORMS"' not in page
    assert 'name="kind"' in page


def test_a_group_turned_into_a_committee_saves_and_then_takes_findings(client, editor):
    group = f.working_group()
    login_staff(client, editor)

    response = admin_post(client, _change_url(group), kind=MONITORING)

    assert response.redirect_chain, response.content.decode()[:2000]
    group.refresh_from_db()
    assert group.is_monitoring_committee
    assert 'name="findings-TOTAL_FORMS"' in client.get(_change_url(group)).content.decode()


def test_a_committee_with_findings_stays_a_committee(client, editor):
    committee = _committee()
    _finding(committee, mf.improvement())
    login_staff(client, editor)

    response = admin_post(client, _change_url(committee), kind="working_group")

    assert not response.redirect_chain
    assert "คณะนี้บันทึกผลการติดตามไว้แล้ว" in response.content.decode()
    committee.refresh_from_db()
    assert committee.is_monitoring_committee


@pytest.mark.parametrize(
    ("role", "may_edit"),
    [
        ("editor", True),
        ("administrator", True),
        ("director", False),
        ("triage_officer", False),
        ("integrity_officer", False),
    ],
)
def test_who_may_record_findings(client, request, role, may_edit):
    committee = _committee()
    improvement = mf.improvement()
    _finding(committee, improvement, text="ผลการติดตามครั้งแรก")
    login_staff(client, request.getfixturevalue(role))

    page = client.get(_change_url(committee))
    assert page.status_code == 200
    assert "ผลการติดตามครั้งแรก" in page.content.decode()  # everyone on staff reads them
    assert ('name="findings-0-text"' in page.content.decode()) is may_edit
    if may_edit:
        admin_post(
            client,
            _change_url(committee),
            **{"findings-0-text": "แก้ไขผลการติดตาม"},
        )
        assert Finding.objects.get().text == "แก้ไขผลการติดตาม"
    else:
        refused = client.post(
            _change_url(committee),
            {"name": committee.name, "findings-0-text": "แก้ไขผลการติดตาม"},
        )
        assert refused.status_code == 403
        assert Finding.objects.get().text == "ผลการติดตามครั้งแรก"


def test_the_public_cannot_reach_the_committees_admin_page(client):
    committee = _committee()
    response = client.get(_change_url(committee))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


# ------------------------------------------------------------ the public board


def test_the_board_shows_each_finding_with_who_when_and_how_far(client, agency):
    committee = _committee()
    hidden = f.working_group(kind=MONITORING, is_published=False)
    improvement = mf.improvement(title="เพิ่มรถรับส่งนักเรียน")
    _finding(committee, improvement, found_on=dt.date(2026, 1, 5), status="late", text="ล่าช้า")
    _finding(committee, improvement, found_on=dt.date(2026, 3, 10), status="done")
    _finding(hidden, improvement, text="ผลของคณะที่ไม่เผยแพร่")

    board = client.get(reverse("measures:improvement_list")).content.decode()

    card = board.split("เพิ่มรถรับส่งนักเรียน")[1]
    assert "การติดตามของคณะกรรมการกำกับและติดตาม" in card
    assert "ล่าช้ากว่าแผน" in card and "5 มกราคม 2569" in card and "ล่าช้า" in card
    assert "แล้วเสร็จ" in card and "10 มีนาคม 2569" in card and FOUND in card
    assert card.index("ล่าช้า") < card.index(FOUND)  # oldest first
    assert f'href="{committee.get_absolute_url()}"' in card
    assert "ผลของคณะที่ไม่เผยแพร่" not in board


def test_the_committees_public_page_says_what_it_is_and_where_its_findings_are(client, agency):
    committee = _committee()
    ordinary = f.working_group()

    page = client.get(committee.get_absolute_url()).content.decode()

    assert f"คณะกรรมการกำกับและติดตาม · {committee.mission_group.name}" in page
    assert f'href="{reverse("measures:improvement_list")}"' in page
    assert "คณะกรรมการกำกับและติดตาม" not in client.get(ordinary.get_absolute_url()).content.decode()


# ---------------------------------------------------------------- the report


def test_the_report_prints_the_findings_and_counts_the_improvements_followed_up(agency):
    committee = _committee()
    followed = mf.improvement(
        title="ปรับปรุงห้องรับรอง", created_at=factories.moment(dt.date(2026, 1, 5))
    )
    also = mf.improvement(title="เพิ่มป้ายบอกทาง", created_at=factories.moment(dt.date(2026, 2, 5)))
    mf.improvement(title="ไม่มีผู้ติดตาม", created_at=factories.moment(dt.date(2026, 2, 6)))
    _finding(committee, followed, found_on=dt.date(2026, 3, 1), status="late", text="ยังไม่เสร็จ")
    _finding(committee, followed, found_on=dt.date(2026, 4, 1), status="done", text="เสร็จแล้ว")
    _finding(committee, also, found_on=dt.date(2026, 5, 1), text="เริ่มแล้ว")
    # Found after the fiscal year ended: next year's report's, not this one's.
    _finding(committee, also, found_on=dt.date(2026, 10, 2), text="หลังสิ้นปีงบประมาณ")

    year = measures_year(fiscal_year=thai.FiscalYear(2569))["improvements"]
    html = annual_report_render_html(annual_report_build(fiscal_year=2569))

    assert (year["total"], year["followed_up"]) == (3, 2)
    section = html.split('id="s-improvements"')[1].split("</section>")[0]
    # The report prints Thai digits.
    assert thai.thai_digits("ได้ติดตาม 2 จาก 3 รายการในรอบนี้") in section
    late = "ติดตามผล 1 มี.ค. 69 คณะกรรมการติดตามและประเมินผล (ล่าช้ากว่าแผน): ยังไม่เสร็จ"
    assert thai.thai_digits(late) in section
    assert "เสร็จแล้ว" in section and "เริ่มแล้ว" in section
    assert "หลังสิ้นปีงบประมาณ" not in section


# ------------------------------------------------------------------ the demo


def test_the_demo_committee_follows_up_two_improvements_once(client):
    today = dt.date(2026, 11, 21)
    demo_agency.agency_seed()
    demo_measures.seed_demo(today=today)
    demo_monitoring.seed_demo(today=today)
    demo_monitoring.seed_demo(today=today)

    committee = WorkingGroup.objects.monitoring_committees().get()
    statuses = sorted(committee.findings.values_list("status", flat=True))
    assert statuses == ["done", "late"]
    board = client.get(reverse("measures:improvement_list")).content.decode()
    assert board.count(committee.name) >= 2
