"""The weekly digest mails each mission group's editors their own to-do lines."""

import datetime as dt

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from feedback.services import case_reminders_enqueue
from measures.models import MissionGroup
from portal.todo_digest import todo_digest_enqueue
from tests import factories
from tests.admin_form import admin_post
from tests.factories import measures as mf
from tests.faults import at_once
from tests.login import login_staff
from tests.portal.test_year_todo_add_links import ADD_PAGES, EDITOR_MAY, expected_links

MONDAY = dt.date(2026, 3, 16)  # fiscal year 2569


@pytest.fixture
def groups(agency):
    """Two groups, each with an activity lacking its participants (a to-do
    line of that group), an improvement past due of no group, and their editors."""
    editor = factories.roles.MISSION_GROUP_EDITOR
    policy = factories.mission_group(name="กลุ่มนโยบายและแผน")
    finance = factories.mission_group(name="กลุ่มบริหารการเงิน")
    mf.activity(title="ประชุมแผนของกลุ่มนโยบาย", mission_group=policy)
    mf.activity(title="ประชุมงบของกลุ่มการเงิน", mission_group=finance)
    mf.improvement(title="งานของทั้งสำนักงาน", due_on=dt.date(2026, 2, 1))
    people = {
        "policy": factories.staff_user(role=editor, email="policy@example.org"),
        "finance": factories.staff_user(role=editor, email="finance@example.org"),
        "both": factories.staff_user(role=editor, email="both@example.org"),
        "no_mail": factories.staff_user(role=editor, email=""),
        "left": factories.staff_user(role=editor, email="left@example.org", is_active=False),
        "nobody": factories.staff_user(role=editor, email="nobody@example.org"),
    }
    policy.editors.set([people["policy"], people["both"], people["no_mail"], people["left"]])
    finance.editors.set([people["finance"], people["both"]])
    return people


def mails_to(address):
    return [message for message in mail.outbox if message.to == [address]]


def test_each_editor_gets_their_own_groups_lines_and_the_agencys(
    groups, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        queued = todo_digest_enqueue(today=MONDAY)

    assert queued == 3
    assert sorted(message.to[0] for message in mail.outbox) == [
        "both@example.org",
        "finance@example.org",
        "policy@example.org",
    ]
    (policy,) = mails_to("policy@example.org")
    assert "ประชุมแผนของกลุ่มนโยบาย" in policy.body
    assert "== กลุ่มนโยบายและแผน ==" in policy.body
    # Nothing of the other group: neither its activity nor its name.
    assert "ประชุมงบของกลุ่มการเงิน" not in policy.body
    assert "กลุ่มบริหารการเงิน" not in policy.body
    # Lines naming no group are every group's, under their own heading.
    assert "== ทั้งหน่วยงาน (ไม่ได้ระบุกลุ่มงาน) ==" in policy.body
    assert "งานของทั้งสำนักงาน" in policy.body
    assert policy.subject.startswith("งานที่ยังค้างในปีงบประมาณ 2569:")
    assert "/admin/todo/2569/" in policy.body

    (finance,) = mails_to("finance@example.org")
    assert "ประชุมงบของกลุ่มการเงิน" in finance.body
    assert "ประชุมแผนของกลุ่มนโยบาย" not in finance.body
    assert "กลุ่มนโยบายและแผน" not in finance.body

    # An editor of both groups gets one mail with both, the agency's lines once.
    (both,) = mails_to("both@example.org")
    assert "ประชุมแผนของกลุ่มนโยบาย" in both.body and "ประชุมงบของกลุ่มการเงิน" in both.body
    assert both.body.count("งานของทั้งสำนักงาน") == 1


def test_the_digest_goes_once_a_week_however_many_hosts_run_it(
    groups, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert todo_digest_enqueue(today=MONDAY) == 3
        # The timer of a second host, and a run later in the same week.
        assert todo_digest_enqueue(today=MONDAY) == 0
        assert todo_digest_enqueue(today=MONDAY + dt.timedelta(days=4)) == 0
    assert len(mail.outbox) == 3

    with django_capture_on_commit_callbacks(execute=True):
        assert todo_digest_enqueue(today=MONDAY + dt.timedelta(days=7)) == 3
    assert len(mail.outbox) == 6


def test_the_weekly_command_queues_the_digest_once(groups, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("todo_digest")
        call_command("todo_digest")

    # Today's fiscal year still lists each group's missing satisfaction round.
    assert len(mails_to("policy@example.org")) == 1
    assert len(mails_to("both@example.org")) == 1


def test_the_daily_reminders_and_the_weekly_digest_of_one_day_do_not_block_each_other(
    groups, django_capture_on_commit_callbacks
):
    """Both mailings record their run on the same Monday (feedback.ReminderRun)."""
    case_reminders_enqueue(today=MONDAY)
    with django_capture_on_commit_callbacks(execute=True):
        assert todo_digest_enqueue(today=MONDAY) == 3
    assert case_reminders_enqueue(today=MONDAY) == 0


def test_the_administrator_names_a_groups_editors_in_the_admin(client, administrator, agency):
    group = factories.mission_group(name="กลุ่มส่งเสริมการศึกษา")
    editor = factories.staff_user(
        role=factories.roles.MISSION_GROUP_EDITOR, email="promote@example.org"
    )
    login_staff(client, administrator)

    response = admin_post(
        client, reverse("admin:measures_missiongroup_change", args=[group.pk]), editors=[editor.pk]
    )

    assert response.status_code == 200 and not response.context.get("errors")
    assert list(group.editors.all()) == [editor]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_hosts_running_the_weekly_timer_at_once_send_one_digest(groups):
    _results, errors = at_once(2, lambda _host: call_command("todo_digest"))

    assert errors == []

    assert len(mails_to("policy@example.org")) == 1
    assert len(mails_to("both@example.org")) == 1


def add_links_in(body, clause):
    """{label: address} offered under the clause's line of a digest mail."""
    lines = body.splitlines()
    (at,) = [n for n, line in enumerate(lines) if line.startswith("- ") and clause.text in line]
    offered = {}
    for line in lines[at + 1 :]:
        if not line.startswith("  "):
            break
        label, _sep, address = line.strip().partition(": ")
        offered[label] = address
    return offered


def test_a_clause_with_nothing_done_offers_each_editor_what_their_role_may_add(
    groups, director, administrator, django_capture_on_commit_callbacks
):
    """The to-do page's add links, in the mail: one per kind of record the
    editor's role may add, with the clause cited, as full addresses."""
    measure = mf.measure(status="published", approver=director)
    clause = measure.clauses.get()  # names no mission group: every editor's
    policy = MissionGroup.objects.get(name="กลุ่มนโยบายและแผน")
    administrator.email, director.email = "admin@example.org", "director@example.org"
    administrator.save(), director.save()
    policy.editors.add(administrator, director)

    with django_capture_on_commit_callbacks(execute=True):
        todo_digest_enqueue(today=MONDAY)

    def expected(labels):
        return {
            label: f"{settings.SITE_URL}{address}"
            for label, address in expected_links(clause, labels).items()
        }

    (editor_mail,) = mails_to("policy@example.org")
    assert add_links_in(editor_mail.body, clause) == expected(EDITOR_MAY)
    (admin_mail,) = mails_to("admin@example.org")
    assert add_links_in(admin_mail.body, clause) == expected(set(ADD_PAGES))
    (director_mail,) = mails_to("director@example.org")
    assert add_links_in(director_mail.body, clause) == {
        "บทบาทของท่านไม่มีสิทธิ์เพิ่มรายการที่ดำเนินการตามข้อนี้": ""
    }
    # A line with one place to go keeps its single address.
    lines = editor_mail.body.splitlines()
    at = next(n for n, line in enumerate(lines) if "ประชุมแผนของกลุ่มนโยบาย" in line)
    assert lines[at + 1].strip().startswith(f"{settings.SITE_URL}/admin/measures/activity/")
