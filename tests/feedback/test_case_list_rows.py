"""The staff's case lists draw their rows per column (portal.lib.admin_rows,
issue 16): the same table Django's admin draws, cell for cell, for each role
and both queues, in a page an officer reads on a phone, at a query count that
does not grow with the register; and they stop counting at a cap
(portal.lib.admin_count), saying "more than" instead."""

import datetime as dt

import pytest
from django.contrib.admin import helpers
from django.contrib.admin.templatetags.admin_list import result_list
from django.db import connection
from django.test.html import parse_html
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from feedback.admin.case import CaseAdmin
from feedback.models import Case
from portal.lib.admin_actions import KeptActionForm
from portal.lib.admin_count import CountUpTo
from tests.factories import feedback as fb
from tests.login import login_staff
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db

GENERAL = reverse("admin:feedback_case_changelist")
CORRUPTION = reverse("admin:feedback_corruptionreport_changelist")


def _overdue(case, days):
    """Deadlines as if `case` had come in `days` ago."""
    received = timezone.localdate() - dt.timedelta(days=days)
    Case.objects.filter(pk=case.pk).update(
        report_back_due_on=received + dt.timedelta(days=15),
        resolve_due_on=received + dt.timedelta(days=30),
    )


def _rows(html):
    """The table's body rows, as parsed HTML (attribute order and spacing aside)."""
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return parse_html(body)


def _djangos_rows(response):
    """The same rows drawn by Django's own `result_list` for the page's change list."""
    drawn = result_list(response.context["cl"])
    return parse_html("".join(f"<tr>{''.join(row)}</tr>" for row in drawn["results"]))


@pytest.fixture
def register(agency, triage_officer, mission_group):
    anonymous = fb.case(subject="ขอข้อมูล <ทดสอบ>", is_anonymous=True, reporter={})
    named = fb.case(subject="ขอให้ซ่อมถนน & ไฟส่องสว่าง")
    Case.objects.filter(pk=named.pk).update(
        assigned_to=triage_officer, assigned_group=mission_group, status=Case.Status.ASSIGNED
    )
    _overdue(named, 40)
    question = fb.case(stream=Case.Stream.QUESTION, subject="สอบถามการรับสมัคร")
    _overdue(question, 12)
    report = fb.corruption_case(subject="เรียกรับเงินค่าตรวจรับ")
    return {"anonymous": anonymous, "named": named, "question": question, "report": report}


@pytest.mark.parametrize(
    ("role", "url"),
    [
        ("triage_officer", GENERAL),
        ("director", GENERAL),
        ("integrity_officer", GENERAL),
        ("integrity_officer", CORRUPTION),
    ],
)
def test_each_queue_draws_the_rows_django_would_for_each_role(client, request, register, role, url):
    login_staff(client, request.getfixturevalue(role))

    response = client.get(url, {"o": "-2"})  # a sorted list: links keep the order

    assert response.status_code == 200
    assert _rows(response.content.decode()) == _djangos_rows(response)


def test_the_general_queue_shows_its_cases_and_never_the_sealed_report(
    client, triage_officer, register
):
    login_staff(client, triage_officer)

    html = client.get(GENERAL).content.decode()

    assert "ขอข้อมูล &lt;ทดสอบ&gt;" in html  # escaped, not markup
    assert "ขอให้ซ่อมถนน &amp; ไฟส่องสว่าง" in html
    assert "ไม่ประสงค์ออกนาม" in html and "นางสาวมาลี ใจงาม" in html
    assert "ปกปิด" not in html
    assert html.count('class="deadline-overdue"') == 1
    assert html.count('class="deadline-due-soon"') == 1
    assert register["report"].subject not in html
    assert html.count('name="_selected_action"') == 3


def test_a_reader_sees_the_cases_with_each_reporter_withheld(client, director, register):
    login_staff(client, director)

    html = client.get(GENERAL).content.decode()

    assert register["question"].subject in html
    assert "นางสาวมาลี ใจงาม" not in html
    assert html.count("ปกปิด (เฉพาะเจ้าหน้าที่ผู้รับผิดชอบเรื่อง)") == 3


def test_the_corruption_queue_lists_the_report_for_the_integrity_role_only(
    client, integrity_officer, register
):
    login_staff(client, integrity_officer)

    html = client.get(CORRUPTION).content.decode()

    assert register["report"].subject in html
    assert "นายสมชาย ผู้แจ้ง" not in html
    assert "ดูได้ในหน้าเรื่อง (ทุกครั้งที่เปิดดูจะถูกบันทึก)" in html
    assert register["named"].subject not in html


def test_a_page_holds_what_a_phone_shows_and_the_queries_stay_the_same(
    client, triage_officer, agency
):
    for _ in range(3):
        fb.case()
    login_staff(client, triage_officer)

    def beyond_one_page():
        for days in (40, 12, 0) * 10:
            _overdue(fb.case(), days)

    response = assert_constant_queries(client, GENERAL, grow=beyond_one_page, at_most=16)
    html = response.content.decode()
    assert html.count('name="_selected_action"') == 25
    assert html.count('class="deadline-overdue"') >= 1
    assert "?p=2" in html


def test_a_queue_longer_than_the_cap_says_more_than_and_a_filter_counts_again(
    client, triage_officer, agency, monkeypatch
):
    # The real proportions (1 000 counted, 25 a page, "show all" up to 200) in small.
    monkeypatch.setattr(CountUpTo, "cap", 4)
    monkeypatch.setattr(CaseAdmin, "list_per_page", 2)
    monkeypatch.setattr(CaseAdmin, "list_max_show_all", 3)
    for _ in range(5):
        fb.case()
    questions = [fb.case(stream=Case.Stream.QUESTION) for _ in range(2)]
    login_staff(client, triage_officer)

    with CaptureQueriesContext(connection) as queries:
        html = client.get(GENERAL).content.decode()

    (count,) = [q["sql"] for q in queries if "COUNT(*)" in q["sql"]]
    assert "LIMIT 5" in count  # never the whole queue
    assert "มากกว่า 4 เรื่องร้องเรียน: ใช้ตัวกรองหรือการค้นหาเพื่อจำกัดรายการ" in html
    assert "7 เรื่องร้องเรียน" not in html and "4 ผลลัพธ์" not in html
    assert "เลือกเรื่องร้องเรียนทั้งหมดในรายการนี้ (มากกว่า 4)" in html
    assert html.count('name="_selected_action"') == 2
    # 7 cases: page 3 holds the fifth, past the count; page 4 is not known yet
    assert "?p=2" in html and "?p=3" in html and "?p=4" not in html

    narrowed = client.get(GENERAL, {"stream": "question", "q": ""}).content.decode()
    assert "2 เรื่องร้องเรียน" in narrowed and "มากกว่า" not in narrowed
    assert all(case.subject in narrowed for case in questions)


def _deadline_count_queries(queries):
    return [q for q in queries if 'AS "overdue"' in q["sql"]]


def test_the_deadline_counts_are_kept_until_a_case_changes(client, triage_officer, register):
    login_staff(client, triage_officer)
    message = "เลยกำหนด 1 เรื่อง และใกล้ครบกำหนด 1 เรื่อง"
    assert message in client.get(GENERAL).content.decode()

    with CaptureQueriesContext(connection) as queries:
        html = client.get(GENERAL).content.decode()
    assert message in html and not _deadline_count_queries(queries)  # kept, not counted

    _overdue(fb.case(), 40)  # a new case: the counts are stale, and counted again
    with CaptureQueriesContext(connection) as queries:
        html = client.get(GENERAL).content.decode()
    assert "เลยกำหนด 2 เรื่อง และใกล้ครบกำหนด 1 เรื่อง" in html
    assert len(_deadline_count_queries(queries)) == 1


def test_a_refused_look_at_the_sealed_queue_leaves_its_counts_alone(
    client, triage_officer, integrity_officer, register
):
    report = register["report"]
    _overdue(report, 40)
    report.refresh_from_db()
    report.save()  # a change the kept counts hear of
    login_staff(client, triage_officer)
    assert client.get(CORRUPTION).status_code == 403

    login_staff(client, integrity_officer)
    html = client.get(CORRUPTION).content.decode()

    assert "เลยกำหนด 1 เรื่อง และใกล้ครบกำหนด 0 เรื่อง" in html


def _action_bar(html):
    return html.split('<div class="actions">', 1)[1].split("</div>", 1)[0]


@pytest.mark.parametrize("role", ["triage_officer", "integrity_officer"])
def test_the_action_bar_is_djangos_own_drawn_once(client, request, register, monkeypatch, role):
    # portal.lib.admin_actions keeps the inputs' HTML: the same as Django draws.
    login_staff(client, request.getfixturevalue(role))
    kept = _action_bar(client.get(GENERAL).content.decode())
    assert _action_bar(client.get(GENERAL).content.decode()) == kept

    monkeypatch.setattr(CaseAdmin, "action_form", helpers.ActionForm)
    assert _action_bar(client.get(GENERAL).content.decode()) == kept
    assert 'value="export_csv"' in kept and 'class="select-across"' in kept


def test_kept_action_inputs_follow_their_choices_and_language():
    def drawn(form_class, choices, language):
        with translation.override(language):
            form = form_class(auto_id=None)
            form.fields["action"].choices = choices
            return str(form["action"]) + str(form["select_across"])

    first = [("", "---------"), ("export_csv", "ส่งออกเรื่องที่เลือก")]
    second = [*first, ("close", gettext_lazy("Close"))]
    for choices in (first, second, first):
        for language in ("th", "en"):
            kept = drawn(KeptActionForm, choices, language)
            assert kept == drawn(helpers.ActionForm, choices, language)
    assert "ปิด" in drawn(KeptActionForm, second, "th")
    assert ">Close<" in drawn(KeptActionForm, second, "en")
