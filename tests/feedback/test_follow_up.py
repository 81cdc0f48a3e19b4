"""The citizen follows a case to the end on the tracking page: the timeline, the
outcome, additions while open, "resolved" / "not resolved" after completion (which
reopens the case), the rating of the handling, and their statistics."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from feedback.follow_up import FollowUpError, case_rate, case_resolution_answer
from feedback.models import Case, CitizenMessage, FeedbackSettings, HandlingRating
from feedback.statistics import follow_up_statistics
from portal.lib import thai
from tests import factories
from tests.factories import feedback as fb
from tests.login import login_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(db):
    return factories.staff_user(
        role=factories.roles.TRIAGE_OFFICER, username="officer_a", email="officer@example.org"
    )


def _open(client, case):
    response = client.post(reverse("feedback:track"), {"code": case.tracking_code})
    assert response.status_code == 302
    return response["Location"]


def test_the_case_page_shows_every_stage_with_its_date_the_outcome_and_every_reply(
    client, agency, officer, mission_group
):
    from feedback.services import case_reply

    case = fb.case()
    case_reply(case=case, by=officer, body="รับเรื่องแล้ว กำลังประสานช่าง")
    fb.case_complete(case, officer=officer, group=mission_group, outcome="เปลี่ยนหลังคาใหม่ทั้งห้อง")
    case_reply(case=case, by=officer, body="แจ้งผลการซ่อมแล้ว")
    html = client.get(_open(client, case)).content.decode()
    for stage in ("รับเรื่อง<", "รับไว้พิจารณา", "มอบหมายแล้ว", "กำลังดำเนินการ", "ดำเนินการแล้วเสร็จ"):
        assert stage in html.replace("</strong>", "<"), stage
    assert "เปลี่ยนหลังคาใหม่ทั้งห้อง" in html
    assert "รับเรื่องแล้ว กำลังประสานช่าง" in html and "แจ้งผลการซ่อมแล้ว" in html
    assert thai.display_date(case.completed_at, style="datetime") in html
    assert "officer_a" not in html and "นางสาวมาลี" not in html


def test_the_case_page_needs_the_code_in_this_browser(client, agency):
    case = fb.case()
    response = client.get(reverse("feedback:track_case", args=[case.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("feedback:track")
    response = client.post(reverse("feedback:track_add", args=[case.pk]), {"body": "ข้อมูลเพิ่ม"})
    assert response.status_code == 302
    assert not CitizenMessage.objects.exists()


def test_a_link_fills_the_code_in(client, agency):
    response = client.get(reverse("feedback:track") + "?code=2569-00001-ACDE47")
    assert 'value="2569-00001-ACDE47"' in response.content.decode()


def test_the_citizen_adds_words_and_a_photo_while_the_case_is_open_and_the_officer_is_told(
    client, agency, officer, mission_group, django_capture_on_commit_callbacks
):
    case = fb.case()
    page = _open(client, case)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("feedback:track_add", args=[case.pk]),
            {"body": "น้ำรั่วเพิ่มอีกจุดที่ห้อง ป.๔", "attachments": [factories.jpeg_upload("roof.jpg")]},
        )
    assert response.status_code == 302 and response["Location"] == page
    message = CitizenMessage.objects.get()
    assert message.kind == CitizenMessage.Kind.INFORMATION
    assert case.attachments.get().original_name == "roof.jpg"
    html = client.get(page).content.decode()
    assert "น้ำรั่วเพิ่มอีกจุดที่ห้อง ป.๔" in html and "ข้อมูลเพิ่มเติมจากผู้ร้อง" in html
    # Not yet assigned: those who may work the case are told, without the reporter's name.
    (sent,) = [m for m in mail.outbox if "officer@example.org" in m.to]
    assert "น้ำรั่วเพิ่มอีกจุด" in sent.body and "นางสาวมาลี" not in sent.body


def test_a_refused_addition_keeps_the_text(client, agency):
    case = fb.case()
    page = _open(client, case)
    response = client.post(
        reverse("feedback:track_add", args=[case.pk]),
        {"body": "รูปประกอบ", "attachments": [_text_file()]},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "รูปประกอบ" in html and "ตรวจสอบจากเนื้อไฟล์" in html
    assert not CitizenMessage.objects.exists()
    assert client.get(page).status_code == 200


def test_follow_ups_from_one_connection_are_limited_and_the_refused_text_is_kept(
    client, agency, settings, officer, mission_group
):
    settings.FEEDBACK_FOLLOW_UP_LIMIT = (3, 60 * 60)
    case = fb.case()
    _open(client, case)
    add = reverse("feedback:track_add", args=[case.pk])
    for n in range(3):
        assert client.post(add, {"body": f"ข้อมูลเพิ่มเติมครั้งที่ {n}"}).status_code == 302
    refused = client.post(add, {"body": "ข้อความที่ถูกปฏิเสธแต่ยังอยู่"})
    assert refused.status_code == 429
    html = refused.content.decode()
    assert "ข้อความที่ถูกปฏิเสธแต่ยังอยู่" in html and "ส่งหลายครั้งเกินไป" in html
    assert CitizenMessage.objects.count() == 3
    # The answer and the rating count against the same limit: nothing is recorded.
    fb.case_complete(case, officer=officer, group=mission_group)
    rate = reverse("feedback:track_rate", args=[case.pk])
    assert client.post(rate, {"score": "5", "comment": "ดีมาก"}).status_code == 429
    assert not HandlingRating.objects.exists()


def _text_file():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("note.txt", b"just text", content_type="text/plain")


def test_no_additions_once_the_case_is_finished(client, agency, officer, mission_group):
    case = fb.case()
    fb.case_complete(case, officer=officer, group=mission_group)
    page = _open(client, case)
    assert "เพิ่มข้อมูลหรือไฟล์" not in client.get(page).content.decode()
    client.post(reverse("feedback:track_add", args=[case.pk]), {"body": "เพิ่มเติม"})
    assert not CitizenMessage.objects.exists()


def test_not_resolved_reopens_the_case_to_its_officer_with_the_reason(
    client, agency, officer, mission_group, django_capture_on_commit_callbacks
):
    case = fb.case()
    fb.case_complete(case, officer=officer, group=mission_group)
    page = _open(client, case)
    assert "ได้รับการแก้ไขตามที่ร้องหรือไม่" in client.get(page).content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("feedback:track_answer", args=[case.pk]),
            {"resolved": "no", "reason": "หลังคายังรั่วเหมือนเดิมเมื่อฝนตกเมื่อวาน"},
        )
    assert response["Location"] == page
    case.refresh_from_db()
    assert case.status == Case.Status.IN_PROGRESS and case.completed_at is None
    assert case.assigned_to == officer
    assert case.resolve_due_on > timezone.localdate()
    (sent,) = mail.outbox
    assert sent.to == ["officer@example.org"]
    assert "หลังคายังรั่วเหมือนเดิม" in sent.body
    html = client.get(page).content.decode()
    assert "หลังคายังรั่วเหมือนเดิม" in html and "กำลังดำเนินการ" in html
    # The officer sees the reason on the case.
    login_staff(client, officer)
    admin_html = client.get(reverse("admin:feedback_case_change", args=[case.pk])).content
    assert "หลังคายังรั่วเหมือนเดิม" in admin_html.decode()
    listed = client.get(reverse("admin:feedback_case_changelist") + "?reopened=yes")
    assert case.subject in listed.content.decode()


def test_not_resolved_needs_a_reason(client, agency, officer, mission_group):
    case = fb.case()
    fb.case_complete(case, officer=officer, group=mission_group)
    _open(client, case)
    response = client.post(reverse("feedback:track_answer", args=[case.pk]), {"resolved": "no"})
    assert response.status_code == 200
    assert "โปรดระบุสิ่งที่ยังไม่ได้รับการแก้ไข" in response.content.decode()
    case.refresh_from_db()
    assert case.status == Case.Status.COMPLETED


def test_the_answer_is_taken_once_per_completion_and_only_within_the_days_set(
    agency, officer, mission_group
):
    FeedbackSettings.objects.filter(pk=1).update(follow_up_days=10)
    case = fb.case()
    fb.case_complete(case, officer=officer, group=mission_group)
    late = case.completed_at + dt.timedelta(days=11)
    with pytest.raises(FollowUpError):
        case_resolution_answer(case=case, resolved=True, now=late)
    case_resolution_answer(case=case, resolved=False, reason="ยังไม่ได้ซ่อม")
    case.refresh_from_db()
    # Completed again: a new answer is asked for, and "resolved" is taken once.
    from feedback.services import case_transition

    case_transition(case=case, to=Case.Status.COMPLETED, by=officer, outcome="ซ่อมใหม่แล้ว")
    case_resolution_answer(case=case, resolved=True)
    with pytest.raises(FollowUpError):
        case_resolution_answer(case=case, resolved=False, reason="อีกครั้ง")


def test_a_referred_or_refused_case_is_not_asked_about_or_rated(agency, officer):
    from feedback.services import case_transition

    case = fb.case()
    case_transition(
        case=case,
        to=Case.Status.REFERRED,
        by=officer,
        referred_to="สำนักงานเขตพื้นที่การศึกษา",
        referred_on=timezone.localdate(),
    )
    with pytest.raises(FollowUpError):
        case_resolution_answer(case=case, resolved=True)
    with pytest.raises(FollowUpError):
        case_rate(case=case, score=5)


def test_the_rating_is_shown_and_can_be_changed(client, agency, officer, mission_group):
    case = fb.case()
    fb.case_complete(case, officer=officer, group=mission_group)
    page = _open(client, case)
    client.post(reverse("feedback:track_rate", args=[case.pk]), {"score": "2", "comment": "ช้า"})
    client.post(reverse("feedback:track_rate", args=[case.pk]), {"score": "4", "comment": ""})
    rating = HandlingRating.objects.get()
    assert (rating.score, rating.comment) == (4, "")
    assert "มาก (4 จาก 5)" in client.get(page).content.decode()


def test_the_completion_mail_gives_the_outcome_and_asks_for_the_answer_and_rating(
    agency, officer, mission_group, django_capture_on_commit_callbacks
):
    case = fb.case()
    with django_capture_on_commit_callbacks(execute=True):
        fb.case_complete(case, officer=officer, group=mission_group, outcome="เปลี่ยนหลอดไฟแล้ว")
    (done,) = [m for m in mail.outbox if "ดำเนินการแล้วเสร็จ" in m.subject]
    assert "เปลี่ยนหลอดไฟแล้ว" in done.body
    assert "ความพึงพอใจ" in done.body
    assert f"/feedback/track/#code={case.tracking_code}" in done.body
    assert "?code=" not in done.body


def test_statistics_count_reopenings_confirmations_and_ratings_per_stream(
    client, agency, officer, mission_group
):
    general = [fb.case() for _ in range(3)]
    question = fb.case(stream=Case.Stream.QUESTION)
    for case in [*general, question]:
        fb.case_complete(case, officer=officer, group=mission_group)
    case_resolution_answer(case=general[0], resolved=False, reason="ยังไม่หาย")
    case_resolution_answer(case=general[1], resolved=True)
    for case, score in zip([general[1], general[2], question], [5, 4, 2], strict=True):
        case_rate(case=case, score=score)

    year = thai.FiscalYear.current()
    figures = follow_up_statistics(period=year)
    row = {r["key"]: r for r in figures["streams"]}
    assert (row["general"]["reopened_cases"], row["general"]["reopenings"]) == (1, 1)
    assert row["general"]["confirmed"] == 1
    assert row["general"]["rating"].n == 2
    assert str(row["general"]["rating"].mean_display) == "4.50"
    assert row["question"]["rating"].n == 1 and row["corruption"]["rating"].n == 0
    assert figures["all"]["rating"].n == 3 and str(figures["all"]["rating"].mean_display) == "3.67"
    # The reopened case counts as in progress again in the complaint statistics.
    html = client.get(reverse("feedback:statistics_year", args=[year.be_year])).content.decode()
    assert "ความพึงพอใจต่อการจัดการเรื่อง" in html or "ความพึงพอใจ" in html
    assert "3.67" in html and "4.50" in html


def test_the_annual_report_counts_the_reopenings_and_the_ratings(agency, officer, mission_group):
    from portal.report.build import annual_report_build
    from portal.report.render import annual_report_render_html

    cases = [fb.case(), fb.case(), fb.case(stream=Case.Stream.SUGGESTION)]
    for case in cases:
        fb.case_complete(case, officer=officer, group=mission_group)
    case_resolution_answer(case=cases[0], resolved=False, reason="ยังไม่ซ่อม")
    for case, score in zip(cases[1:], [4, 3], strict=True):
        case_rate(case=case, score=score)
    data = annual_report_build(fiscal_year=thai.FiscalYear.current().be_year)
    follow_up = data.feedback["follow_up"]
    rows = {row["label"]: row for row in follow_up["streams"]}
    assert rows["ร้องเรียนทั่วไป/การให้บริการ"]["reopened_cases"] == 1
    assert rows["ร้องเรียนทั่วไป/การให้บริการ"]["n"] == 1
    assert rows["ข้อเสนอแนะ"]["mean"] == 3.0
    assert (follow_up["all"]["n"], follow_up["all"]["mean"]) == (2, 3.5)
    assert "ความพึงพอใจต่อการดำเนินการ" in annual_report_render_html(data)
