"""A clause with nothing done offers to add each kind of record that can
carry it out, to the staff whose role may add it, with the clause cited."""

import re

import pytest
from django.urls import reverse

from tests.factories import measures as mf
from tests.login import login_staff

# Every kind of record registered as carrying out clauses (measures.coverage),
# its add page and the field citing the clause, written out here.
ADD_PAGES = {
    "เพิ่มกิจกรรมการมีส่วนร่วม": ("admin:measures_activity_add", "clause"),
    "เพิ่มคณะทำงาน": ("admin:surveys_workinggroup_add", "clauses"),
    "เพิ่มแบบสำรวจความพึงพอใจ": ("admin:surveys_survey_add", "clause"),
    "เพิ่มการปรับปรุงการดำเนินงาน": ("admin:measures_improvement_add", "clause"),
    "เพิ่มช่องทางรับฟังความคิดเห็น": ("admin:feedback_listeningchannel_add", "clause"),
    "เพิ่มการเผยแพร่ข้อมูล": ("admin:measures_publication_add", "clause"),
}
EDITOR_MAY = set(ADD_PAGES) - {"เพิ่มช่องทางรับฟังความคิดเห็น"}  # the inbox is triage's
TRIAGE_MAY = {"เพิ่มช่องทางรับฟังความคิดเห็น"}


def offered(client, clause):
    """{link text: href} offered on the clause's to-do line."""
    page = client.get(reverse("staff_todo", args=[2569])).content.decode()
    rows = [row for row in page.split("<tr>") if clause.text in row]
    assert len(rows) == 1
    return {text: href for href, text in re.findall(r'<a href="([^"]+)">([^<]+)</a>', rows[0])}


def expected_links(clause, labels):
    return {
        label: f"{reverse(name)}?{field}={clause.pk}"
        for label, (name, field) in ADD_PAGES.items()
        if label in labels
    }


@pytest.fixture
def clause(director):
    measure = mf.measure(status="published", approver=director)
    return measure.clauses.get()


@pytest.mark.parametrize(
    ("role_fixture", "may_add"),
    [("administrator", set(ADD_PAGES)), ("editor", EDITOR_MAY), ("triage_officer", TRIAGE_MAY)],
)
def test_the_line_offers_each_record_the_role_may_add(
    request, client, clause, role_fixture, may_add
):
    login_staff(client, request.getfixturevalue(role_fixture))

    assert offered(client, clause) == expected_links(clause, may_add)


def test_a_role_adding_none_of_them_is_told_so(client, clause, director):
    login_staff(client, director)
    page = client.get(reverse("staff_todo", args=[2569])).content.decode()
    row = next(row for row in page.split("<tr>") if clause.text in row)

    assert "<a " not in row
    assert "บทบาทของท่านไม่มีสิทธิ์เพิ่มรายการที่ดำเนินการตามข้อนี้" in row


def test_each_add_page_opens_with_the_clause_cited(client, clause, administrator):
    login_staff(client, administrator)
    for label, href in offered(client, clause).items():
        form = client.get(href).content.decode()
        chosen = re.findall(r'<option value="(\d+)" selected>', form)
        assert chosen == [str(clause.pk)], label


def test_a_long_title_and_clause_are_shortened_after_whole_words(client, director, editor):
    from portal.lib import thai_text

    title = "มาตรการส่งเสริมการมีส่วนร่วมของผู้รับบริการและผู้มีส่วนได้ส่วนเสียในการดำเนินงานของสำนักงาน"
    words = "สำนักงานวิเคราะห์ทบทวนผลการดำเนินงานและข้อเสนอจากการดำเนินงานในรอบปีที่ผ่านมา"
    measure = mf.measure(status="published", approver=director, title=title)
    clause = measure.clauses.get()
    clause.text = words * 2
    clause.save()
    login_staff(client, editor)
    page = client.get(reverse("staff_todo", args=[2569])).content.decode()
    (shown_title, shown_clause) = re.search(r"<td>(\S+…) — .*?(\S+…)<ul", page).groups()

    for shown, full in [(shown_title, title), (shown_clause, clause.text)]:
        kept = shown.removesuffix("…")
        assert full.startswith(kept) and len(kept) < len(full)
        # The cut falls between two of the full text's words, not inside one.
        assert (
            thai_text.segment_words(full[len(kept) :])[0]
            == thai_text.segment_words(full, keep_spaces=True)[
                len(thai_text.segment_words(kept, keep_spaces=True))
            ]
        )
