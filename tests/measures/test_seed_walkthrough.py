"""Each seed announcement, all the way through the portal as staff and the
public use it: pasted into the admin's import and confirmed, approved by the
director and published from the admin's list, its clauses cited by records
added through the admin's add pages (the ones the to-do page offers), then
read on the public measure page, on the to-do page and in the published
annual report."""

import re

import pytest
from django.urls import reverse

from measures.models import Measure, StakeholderGroup
from portal.lib import thai
from tests import factories
from tests.admin_form import admin_form_data
from tests.factories.measures import seed_text
from tests.login import login_staff
from tests.measures import imports as flow
from tests.measures.test_clause_coverage import NOTHING, plain_unit, units

pytestmark = pytest.mark.django_db
NOTHING_IN_REPORT = "ไม่มีการดำเนินการตามข้อนี้ในปีนี้"


def import_and_publish(client, number, *, editor, director):
    """The editor pastes and confirms the announcement, the director
    approves it, the editor publishes it: all in the admin."""
    login_staff(client, editor)
    review = client.get(flow.start(client, text=seed_text(number)).url)
    changes = {}
    # Seed 004 carries neither a date nor a signature line: staff complete them.
    if not review.context["form"]["announced_on"].value():
        changes["announced_on"] = "01/05/2567"
    if not review.context["form"]["signatory_name"].value():
        changes["signatory_name"] = "นายทดสอบ ใจดี"
    confirmed = client.post(review.request["PATH_INFO"], flow.review_data(review, **changes))
    assert confirmed.status_code == 302, confirmed.context and confirmed.context["form"].errors
    measure = Measure.objects.get()
    changelist = reverse("admin:measures_measure_changelist")
    login_staff(client, director)
    client.post(changelist, {"action": "approve", "_selected_action": [measure.pk]})
    login_staff(client, editor)
    client.post(changelist, {"action": "publish", "_selected_action": [measure.pk]})
    measure.refresh_from_db()
    assert measure.status == Measure.Status.PUBLISHED
    return measure


def add(client, add_page, field, clause, /, **fields):
    """Add a record on the admin's add page with `clause` already cited, as
    the to-do page's link opens it; returns the record's title."""
    address = f"{reverse(add_page)}?{field}={clause.pk}"
    # Filled in by hand on top of the page's form (a publication has a field
    # named "url", which admin_post's own argument would swallow).
    data = admin_form_data(client, address) | {name: [value] for name, value in fields.items()}
    response = client.post(address, data, follow=True)
    assert response.status_code == 200
    errors = response.context.get("errors") if response.context else None
    assert not errors, errors
    return fields.get("title") or fields["name"]


def todo_clauses(client):
    page = client.get(reverse("staff_todo", args=[2569])).content.decode()
    return set(re.findall(r"\?clause=(\d+)", page))


@pytest.mark.parametrize("number", [0, 1, 2, 3, 4])
def test_a_seed_is_imported_published_carried_out_and_reported_through_the_portal(
    client,
    agency,
    director,
    editor,
    triage_officer,
    number,
    django_capture_on_commit_callbacks,
):
    measure = import_and_publish(client, number, editor=editor, director=director)
    lines = units(measure)
    listening = plain_unit(lines, ["ช่องทางการรับฟัง", "ช่องทางในการรับฟัง", "รับฟังความคิดเห็น"])
    lines.remove(listening)
    publishing = plain_unit(lines, ["เผยแพร่ข้อมูล"])
    lines.remove(publishing)
    first, second, *rest = lines
    group = str(factories.mission_group(name="กลุ่มส่งเสริมการจัดการศึกษา").pk)
    parents = StakeholderGroup.objects.get(slug="parents")

    # The editor adds what the mission group did, each citing its clause.
    activity = add(
        client,
        "admin:measures_activity_add",
        "clause",
        first.clause,
        title="เวทีรับฟังความคิดเห็นผู้ปกครองต่อแผนพัฒนาการศึกษา",
        mission_group=group,
        is_published="on",
        subject="ร่างแผนพัฒนาการศึกษา",
        level="consult",
        held_on="20/01/2569",
        place="ห้องประชุมสำนักงาน",
        results="ผู้ปกครองเสนอให้เพิ่มรถรับส่งนักเรียน",
        use_of_results="บรรจุโครงการรถรับส่งนักเรียนในแผนปีถัดไป",
        **{
            "participations-TOTAL_FORMS": "1",
            "participations-0-group": str(parents.pk),
            "participations-0-count": "24",
        },
    )
    working_group = add(
        client,
        "admin:surveys_workinggroup_add",
        "clauses",
        second.clause,
        name="คณะทำงานภาคีเครือข่ายการศึกษา",
        slug=f"network-{number}",
        kind="working_group",
        mission_group=group,
        purpose="ให้ข้อเสนอแนะต่อแผนพัฒนาการศึกษา",
        order_number="15/2568",
        order_date="15/10/2568",
        term_start="15/10/2568",
        term_end="30/09/2570",
        is_published="on",
    )
    publication = add(
        client,
        "admin:measures_publication_add",
        "clause",
        publishing.clause,
        title="จดหมายข่าวผลการดำเนินงาน ฉบับที่ ๑",
        medium="website",
        url="https://www.example.go.th/news/1",
        published_on="02/03/2569",
        mission_group=group,
        is_published="on",
    )
    # The inbox's channels are the triage officer's to keep.
    login_staff(client, triage_officer)
    channel = add(
        client,
        "admin:feedback_listeningchannel_add",
        "clause",
        listening.clause,
        name="สายด่วนรับฟังความคิดเห็น",
        kind="phone",
        how_to_reach="โทร ๐ ๕๔๒๒ ๒๘๑๙ ในวันและเวลาราชการ",
        opened_on="01/11/2568",
        is_published="on",
    )
    done = [
        (first, activity),
        (second, working_group),
        (publishing, publication),
        (listening, channel),
    ]

    # The public measure page shows each clause with its record, or says none.
    client.logout()
    page = client.get(measure.get_absolute_url(), {"year": 2569}).content.decode()
    for unit, title in done:
        block = page.split(f'id="clause-{unit.clause.pk}"')[1].split('id="clause-')[0]
        assert f">{title}</a>" in block
    for unit in rest:
        block = page.split(f'id="clause-{unit.clause.pk}"')[1].split('id="clause-')[0]
        assert NOTHING in block

    # The to-do page lists each clause still without a record (a framework
    # clause with nothing under it once, not once per lettered duty).
    login_staff(client, editor)
    assert todo_clauses(client) == {str(u.clause.pk) for u in rest if u.clause.kind != "item"}

    # The director approves the report; the public reads it clause by clause.
    client.post(reverse("portal:report_request", args=[2569]))
    login_staff(client, director)
    with django_capture_on_commit_callbacks(execute=True):  # the worker publishes it
        client.post(reverse("portal:report_approve", args=[2569]))
    client.logout()
    html = client.get(reverse("portal:report_version_html", args=[2569, 1])).content.decode()
    section = html.split('id="h-measures"')[1].split('id="s-feedback"')[0]
    rows = section.split("<tr")
    for unit, title in done:
        (row,) = [row for row in rows if thai.thai_digits(title) in row]
        assert thai.thai_digits(unit.clause.text[:150]) in row
    for unit in rest:
        (row,) = [row for row in rows if thai.thai_digits(unit.clause.text[:150]) in row]
        assert NOTHING_IN_REPORT in row
