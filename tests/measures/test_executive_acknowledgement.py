"""The executives acknowledge a survey round's results (seed 001 §3) and a
mission group's year summary (seed 000 §5): who and when is recorded, printed
in the report, and missing acknowledgements are lines of the to-do list."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from measures.models import YearSummary
from portal.report.build import annual_report_build
from portal.report.render import annual_report_render_html
from surveys.models import Survey
from tests import factories
from tests.admin_form import admin_form_data
from tests.factories import surveys as sf
from tests.login import login_staff

pytestmark = pytest.mark.django_db

HEAD = "นายทดสอบ ใจดี"
HEAD_POSITION = "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษาประถมศึกษาทดสอบ เขต ๑"


@pytest.fixture
def head(director):
    director.first_name, director.last_name = "นายทดสอบ", "ใจดี"
    director.save()
    return director


@pytest.fixture
def groups(agency):
    return [
        factories.mission_group(name="กลุ่มนโยบายและแผน", position=1),
        factories.mission_group(name="กลุ่มบริหารงานบุคคล", position=2),
    ]


def acknowledge_url(obj):
    name = f"admin:{obj._meta.app_label}_{obj._meta.model_name}_acknowledge"
    return reverse(name, args=[obj.pk])


def test_an_editor_summarises_and_the_director_acknowledges(client, editor, head, groups):
    policy = groups[0]
    login_staff(client, editor)
    add = reverse("admin:measures_yearsummary_add")
    response = client.post(
        add,
        admin_form_data(
            client,
            add,
            mission_group=str(policy.pk),
            fiscal_year="2569",
            results="จัดประชุมรับฟังความคิดเห็น ๓ ครั้ง",
            proposals="จัดเวทีประชาคมทุกอำเภอ\n\nเพิ่มช่องทางไลน์",
        ),
    )
    assert response.status_code == 302
    summary = YearSummary.objects.get()
    assert summary.prepared_by == editor
    change = reverse("admin:measures_yearsummary_change", args=[summary.pk])
    assert acknowledge_url(summary) not in client.get(change).content.decode()

    login_staff(client, head)
    assert acknowledge_url(summary) in client.get(change).content.decode()
    page = client.get(acknowledge_url(summary))
    assert "ผู้บริหารรับทราบ" in page.content.decode()
    done = client.post(acknowledge_url(summary), {"remark": "เห็นชอบ ให้ดำเนินการต่อ"})
    assert done.status_code == 302 and done.url == change

    summary.refresh_from_db()
    assert summary.acknowledged_by == f"{HEAD} {HEAD_POSITION}"
    assert summary.acknowledged_by_user == head
    assert summary.acknowledged_on == timezone.localdate()
    assert summary.acknowledgement_remark == "เห็นชอบ ให้ดำเนินการต่อ"

    data = annual_report_build(fiscal_year=2569)
    rows = {row["mission_group"]: row["summary"] for row in data.year_summaries}
    assert rows["กลุ่มบริหารงานบุคคล"] is None
    assert rows["กลุ่มนโยบายและแผน"]["proposals"] == ["จัดเวทีประชาคมทุกอำเภอ", "เพิ่มช่องทางไลน์"]
    html = annual_report_render_html(data)
    assert f"รายงานต่อผู้บริหารแล้ว: {HEAD} {HEAD_POSITION} รับทราบเมื่อ" in html
    assert "กลุ่มงานยังไม่ได้จัดทำสรุปผลการดำเนินงานประจำปี" in html
    # Once acknowledged, what the executive read stays as it was.
    login_staff(client, editor)
    client.post(change, admin_form_data(client, change, results="แก้ไขภายหลัง"))
    summary.refresh_from_db()
    assert summary.results == "จัดประชุมรับฟังความคิดเห็น ๓ ครั้ง"


@pytest.mark.parametrize("role", ["editor", "administrator", "triage_officer", "integrity_officer"])
def test_only_the_director_acknowledges(client, request, groups, role):
    summary = YearSummary.objects.create(mission_group=groups[0], fiscal_year=2569, results="ผล")
    login_staff(client, request.getfixturevalue(role))
    assert client.post(acknowledge_url(summary), {"remark": "x"}).status_code == 403
    summary.refresh_from_db()
    assert summary.acknowledged_on is None


def test_an_acknowledgement_is_given_once(client, head, groups):
    summary = YearSummary.objects.create(mission_group=groups[0], fiscal_year=2569, results="ผล")
    login_staff(client, head)
    client.post(acknowledge_url(summary), {"remark": "ครั้งแรก"})
    again = client.post(acknowledge_url(summary), {"remark": "ครั้งที่สอง"}, follow=True)
    assert "รับทราบแล้วเมื่อ" in again.content.decode()
    summary.refresh_from_db()
    assert summary.acknowledgement_remark == "ครั้งแรก"


def test_the_director_acknowledges_a_rounds_results_for_the_report(client, head, agency):
    closed = sf.survey_answered(title="ความพึงพอใจ ครึ่งปีแรก", scores_by_response=[(5, 4)])
    empty = sf.survey(
        status=Survey.Status.CLOSED, opens_on=dt.date(2025, 10, 1), closes_on=dt.date(2026, 3, 31)
    )
    login_staff(client, head)
    refused = client.post(acknowledge_url(empty), {}, follow=True)
    assert "รอบการสำรวจนี้ยังไม่มีผลให้รับทราบ" in refused.content.decode()
    empty.refresh_from_db()
    assert empty.acknowledged_on is None

    client.post(acknowledge_url(closed), {"remark": "รับทราบ"})
    closed.refresh_from_db()
    assert (closed.acknowledged_by_user, closed.acknowledged_on) == (head, timezone.localdate())
    html = annual_report_render_html(annual_report_build(fiscal_year=2569))
    assert f"รายงานต่อผู้บริหารแล้ว: {HEAD} {HEAD_POSITION} รับทราบเมื่อ" in html


def test_the_to_do_list_names_groups_without_an_acknowledged_summary(client, editor, groups):
    policy = groups[0]
    YearSummary.objects.create(mission_group=policy, fiscal_year=2569, results="ผล")
    login_staff(client, editor)
    html = client.get(reverse("staff_todo", args=[2569])).content.decode()
    assert "กลุ่มนโยบายและแผน — สรุปผลยังไม่ได้รับการรับทราบจากผู้บริหาร" in html
    assert "กลุ่มบริหารงานบุคคล — ยังไม่ได้จัดทำสรุปผลการดำเนินงานประจำปี" in html
    YearSummary.objects.filter(mission_group=policy).update(
        acknowledged_on=dt.date(2026, 10, 5), acknowledged_by=HEAD
    )
    html = client.get(reverse("staff_todo", args=[2569])).content.decode()
    assert "กลุ่มนโยบายและแผน —" not in html
    assert "กลุ่มบริหารงานบุคคล — ยังไม่ได้จัดทำสรุปผลการดำเนินงานประจำปี" in html


def test_acknowledged_proposals_become_next_years_to_do_lines_until_checked(
    client, editor, head, groups
):
    """Seed 000 §5 / 003 step 5: the plan proposed in FY 2569's summary is
    checked, item by item, on FY 2570's to-do page."""
    summary = YearSummary.objects.create(
        mission_group=groups[0],
        fiscal_year=2569,
        results="ผล",
        proposals="จัดเวทีประชาคมทุกอำเภอ\n\n  เพิ่มช่องทางไลน์  \n",
    )
    login_staff(client, head)
    client.post(acknowledge_url(summary), {"remark": ""})
    items = list(summary.planned_items.order_by("position"))
    assert [(i.text, i.status) for i in items] == [
        ("จัดเวทีประชาคมทุกอำเภอ", "planned"),
        ("เพิ่มช่องทางไลน์", "planned"),
    ]

    login_staff(client, editor)
    page = client.get(reverse("staff_todo", args=[2570])).content.decode()
    plan = page.split('id="todo-plan"')[1].split("</section>")[0]
    assert "ข้อเสนอจากสรุปผลปีที่แล้ว" in page
    assert "จัดเวทีประชาคมทุกอำเภอ" in plan and "เพิ่มช่องทางไลน์" in plan
    assert (
        "จัดเวทีประชาคมทุกอำเภอ" not in client.get(reverse("staff_todo", args=[2569])).content.decode()
    )

    change = reverse("admin:measures_planneditem_change", args=[items[0].pk])
    refused = client.post(change, {"status": "done", "outcome": "จัดครบ ๘ อำเภอ", "checked_on": ""})
    assert refused.status_code == 200 and "กรุณาระบุวันที่ตรวจสอบ" in refused.content.decode()
    done = client.post(
        change, {"status": "done", "outcome": "จัดครบ ๘ อำเภอ", "checked_on": "20/03/2570"}
    )
    assert done.status_code == 302
    items[0].refresh_from_db()
    assert (items[0].status, items[0].checked_on) == ("done", dt.date(2027, 3, 20))
    plan = client.get(reverse("staff_todo", args=[2570])).content.decode()
    plan = plan.split('id="todo-plan"')[1].split("</section>")[0]
    assert "จัดเวทีประชาคมทุกอำเภอ" not in plan
    assert "เพิ่มช่องทางไลน์" in plan
