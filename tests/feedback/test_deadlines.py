import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from feedback.deadlines import case_deadlines
from feedback.models import Case, FeedbackSettings, Holiday
from feedback.services import case_reply
from tests.factories import feedback as fb
from tests.login import login_staff
from tests.queries import assert_constant_queries, page_queries

pytestmark = pytest.mark.django_db


def test_calendar_days_by_default(agency):
    report_back, resolve = case_deadlines(
        stream=Case.Stream.GENERAL, received_on=dt.date(2026, 4, 10)
    )
    assert report_back == dt.date(2026, 4, 25)
    assert resolve == dt.date(2026, 5, 10)


def test_working_days_skip_weekends_and_the_holidays_staff_enter(agency):
    config = FeedbackSettings.objects.current()
    config.day_count = FeedbackSettings.DayCount.WORKING
    config.report_back_days = 5
    config.save()
    Holiday.objects.create(date=dt.date(2026, 4, 13), name="วันสงกรานต์")
    Holiday.objects.create(date=dt.date(2026, 4, 14), name="วันสงกรานต์")
    Holiday.objects.create(date=dt.date(2026, 4, 15), name="วันสงกรานต์")
    # Friday 10 April + 5 working days: 16, 17, 20, 21, 22 April.
    report_back, _ = case_deadlines(stream=Case.Stream.GENERAL, received_on=dt.date(2026, 4, 10))
    assert report_back == dt.date(2026, 4, 22)


def test_each_stream_has_its_own_resolution_target(agency):
    config = FeedbackSettings.objects.current()
    config.resolve_days_corruption = 90
    config.save()
    _, resolve = case_deadlines(stream=Case.Stream.CORRUPTION, received_on=dt.date(2026, 1, 1))
    assert resolve == dt.date(2026, 4, 1)


def _age(case, days):
    received = case.received_at - dt.timedelta(days=days)
    report_back, resolve = case_deadlines(stream=case.stream, received_on=received.date())
    Case.objects.filter(pk=case.pk).update(
        received_at=received, report_back_due_on=report_back, resolve_due_on=resolve
    )


def test_overdue_and_due_soon_cases_stand_out_in_the_changelist(client, triage_officer, agency):
    overdue, soon, fresh = fb.case(), fb.case(), fb.case()
    _age(overdue, 20)
    _age(soon, 13)
    login_staff(client, triage_officer)
    response, _ = page_queries(client, reverse("admin:feedback_case_changelist"))
    html = response.content.decode()
    assert html.count('class="deadline-overdue"') == 1
    assert html.count('class="deadline-due-soon"') == 1
    assert "เลยกำหนด 1 เรื่อง และใกล้ครบกำหนด 1 เรื่อง" in html
    filtered = client.get(reverse("admin:feedback_case_changelist"), {"deadline": "overdue"})
    assert overdue.subject in filtered.content.decode()
    assert fresh.subject not in filtered.content.decode()


def test_the_changelist_query_count_does_not_grow_with_rows(client, triage_officer, agency):
    _age(fb.case(), 20)
    fb.case()
    login_staff(client, triage_officer)

    def more_cases():
        # Overdue, due soon and fresh: each row shows its deadline state.
        for days in (20, 21, 13, 14, 0, 1) * 2:
            _age(fb.case(), days)

    response = assert_constant_queries(
        client, reverse("admin:feedback_case_changelist"), grow=more_cases, at_most=20
    )
    assert response.content.decode().count('class="deadline-overdue"') == 5


def test_a_reply_stops_the_report_back_clock(agency, triage_officer):
    case = fb.case()
    _age(case, 20)
    case.refresh_from_db()
    assert Case.objects.overdue(today=dt.date.today()).filter(pk=case.pk).exists()
    case_reply(case=case, by=triage_officer, body="รับทราบ กำลังตรวจสอบ")
    case.refresh_from_db()
    # Still past its 30-day resolution target? Not yet: 20 days old.
    assert not Case.objects.overdue(today=dt.date.today()).filter(pk=case.pk).exists()


def test_the_daily_job_mails_each_officer_their_urgent_cases(
    agency, triage_officer, mission_group, django_capture_on_commit_callbacks
):
    from tests import factories

    officer = factories.staff_user(
        role=factories.roles.TRIAGE_OFFICER, username="somsri", email="somsri@example.org"
    )
    # The subject must not hold the label itself, or the label would go untested.
    mine = fb.case(subject="เรื่องถนนหน้าโรงเรียนของสมศรี")
    Case.objects.filter(pk=mine.pk).update(
        assigned_to=officer, assigned_group=mission_group, status=Case.Status.ASSIGNED
    )
    _age(mine, 20)
    other = fb.case(subject="เรื่องใหม่ยังไม่ถึงกำหนด")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("feedback_remind_due")
    to_somsri = [m for m in mail.outbox if m.to == ["somsri@example.org"]]
    assert len(to_somsri) == 1
    # The label sits on the line under the case it marks.
    assert "เรื่องถนนหน้าโรงเรียนของสมศรี\n  เลยกำหนด · " in to_somsri[0].body
    assert other.subject not in to_somsri[0].body
    assert "มี 1 เรื่องใกล้หรือเลยกำหนดเวลา" in to_somsri[0].subject


def test_the_agencys_due_soon_setting_holds_in_the_list_and_in_the_mail(
    client, agency, triage_officer, django_capture_on_commit_callbacks
):
    FeedbackSettings.objects.current()
    FeedbackSettings.objects.update(due_soon_days=10)
    soon, late = fb.case(subject="เรื่องก"), fb.case(subject="เรื่องข")
    _age(soon, 7)  # report back within 15 days: 8 days left, inside the agency's 10
    _age(late, 20)
    Case.objects.update(assigned_to=triage_officer, status=Case.Status.ASSIGNED)
    triage_officer.email = "triage@example.org"
    triage_officer.save(update_fields=["email"])
    login_staff(client, triage_officer)

    page = client.get(reverse("admin:feedback_case_changelist"))
    assert page.status_code == 200
    assert '<span class="deadline-due-soon">ใกล้ครบกำหนด</span>' in page.content.decode()
    assert '<span class="deadline-overdue">เลยกำหนด</span>' in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("feedback_remind_due")
    (message,) = [m for m in mail.outbox if m.to == ["triage@example.org"]]
    lines = message.body.splitlines()
    assert (
        lines[lines.index(next(x for x in lines if "เรื่องก" in x)) + 1]
        .strip()
        .startswith("ใกล้ครบกำหนด ·")
    )
    assert (
        lines[lines.index(next(x for x in lines if "เรื่องข" in x)) + 1]
        .strip()
        .startswith("เลยกำหนด ·")
    )
