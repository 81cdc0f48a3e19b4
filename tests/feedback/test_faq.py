"""Frequently asked questions: answered questions staff publish, never a corruption report."""

import pytest
from django.urls import reverse

from feedback.models import FAQ, Case
from feedback.services import case_reply
from tests import factories
from tests.factories import feedback as fb
from tests.login import login_staff
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db

URL = "/faq/"
ROLES = [
    None,
    "TRIAGE_OFFICER",
    "INTEGRITY_OFFICER",
    "MISSION_GROUP_EDITOR",
    "DIRECTOR",
    "ADMINISTRATOR",
]


def answered(case, officer, body="ยื่นคำร้องได้ที่กลุ่มบริหารงานบุคคล ภายใน ๓๐ วัน"):
    case_reply(case=case, by=officer, body=body)
    return case


def test_published_questions_are_grouped_by_topic(client, agency):
    personnel = factories.mission_group(name="กลุ่มบริหารงานบุคคล", position=2)
    finance = factories.mission_group(name="กลุ่มบริหารงานการเงิน", position=1)
    FAQ.objects.create(
        question="ขอย้ายครูต้องทำอย่างไร",
        answer="ยื่นคำร้องภายในเดือนมกราคม",
        mission_group=personnel,
        is_published=True,
    )
    FAQ.objects.create(
        question="เบิกค่าเล่าเรียนบุตรได้เมื่อใด",
        answer="ภายในหนึ่งปี",
        mission_group=finance,
        is_published=True,
    )
    FAQ.objects.create(question="ร่างคำถามที่ยังไม่เผยแพร่", answer="ร่าง", mission_group=finance)
    html = client.get(URL).content.decode()
    assert (
        html.index("กลุ่มบริหารงานการเงิน")
        < html.index("เบิกค่าเล่าเรียนบุตร")
        < html.index("กลุ่มบริหารงานบุคคล")
        < html.index("ขอย้ายครู")
    )
    assert "ยื่นคำร้องภายในเดือนมกราคม" in html
    assert "ร่างคำถามที่ยังไม่เผยแพร่" not in html
    assert f'href="{URL}"' in client.get("/").content.decode()  # linked from the home page


@pytest.mark.parametrize("role", ROLES)
def test_no_role_ever_sees_a_corruption_report_or_who_asked(client, agency, role):
    officer = factories.staff_user(role=factories.roles.INTEGRITY_OFFICER)
    corruption = answered(fb.corruption_case(), officer)
    general = answered(
        fb.case(reporter={"name": "นางสาวมาลี ใจงาม", "phone": "0812345678"}), officer
    )
    # Published by a flag set behind the admin's back: the page still refuses it.
    FAQ.objects.create(
        question="คำถามจากเรื่องทุจริต", answer="คำตอบ", source_case=corruption, is_published=True
    )
    FAQ.objects.create(
        question="ขอทราบขั้นตอนการย้าย", answer="ยื่นคำร้อง", source_case=general, is_published=True
    )
    if role:
        login_staff(client, factories.staff_user(role=getattr(factories.roles, role)))
    for url in [
        URL,
        reverse("portal:search") + "?q=คำถาม",
        reverse("portal:search") + "?q=ขั้นตอนการย้าย",
    ]:
        html = client.get(url).content.decode()
        assert "คำถามจากเรื่องทุจริต" not in html
        for personal in [
            "มาลี",
            "0812345678",
            corruption.tracking_number,
            general.tracking_number,
            general.subject,
        ]:
            assert personal not in html
    assert "ขอทราบขั้นตอนการย้าย" in client.get(URL).content.decode()


def test_a_corruption_report_cannot_be_chosen_in_the_admin(client, agency):
    triage = factories.staff_user(role=factories.roles.TRIAGE_OFFICER)
    integrity = factories.staff_user(role=factories.roles.INTEGRITY_OFFICER)
    corruption = answered(fb.corruption_case(), integrity)
    general = answered(fb.case(), triage)
    unanswered = fb.case()
    for user in [triage, integrity]:
        login_staff(client, user)
        html = client.get(reverse("admin:feedback_faq_add")).content.decode()
        assert f'<option value="{general.pk}"' in html
        assert f'<option value="{corruption.pk}"' not in html
        assert f'<option value="{unanswered.pk}"' not in html
    response = client.post(
        reverse("admin:feedback_faq_add"),
        {
            "source_case": corruption.pk,
            "question": "ถาม",
            "answer": "ตอบ",
            "position": 0,
            "is_published": "on",
        },
    )
    assert response.status_code == 200 and not FAQ.objects.exists()


def test_staff_publish_an_answered_question_in_their_own_words(client, agency):
    triage = factories.staff_user(role=factories.roles.TRIAGE_OFFICER)
    general = answered(fb.case(subject="นายสมชาย ขอย้ายไปโรงเรียนบ้านนา"), triage)
    login_staff(client, triage)
    response = client.post(
        reverse("admin:feedback_faq_add"),
        {
            "source_case": general.pk,
            "question": "ครูขอย้ายได้อย่างไร",
            "answer": "ยื่นคำร้องต่อกลุ่มบริหารงานบุคคล",
            "position": 1,
            "is_published": "on",
        },
    )
    assert response.status_code == 302
    html = client.get(URL).content.decode()
    assert "ครูขอย้ายได้อย่างไร" in html and "สมชาย" not in html and "บ้านนา" not in html
    assert FAQ.objects.get().source_case == general


def test_the_page_costs_the_same_queries_however_many_questions(client, agency):
    group = factories.mission_group()
    FAQ.objects.create(question="คำถามแรก", answer="คำตอบ", mission_group=group, is_published=True)

    def grow():
        for n in range(10):
            FAQ.objects.create(
                question=f"คำถาม {n}",
                answer="คำตอบ",
                mission_group=factories.mission_group(),
                is_published=True,
            )

    assert_constant_queries(client, URL, grow=grow)


def test_a_published_question_is_found_by_search(client, agency):
    entry = FAQ.objects.create(
        question="ขอใบรับรองการทำงานได้ที่ไหน", answer="ที่กลุ่มอำนวยการ", is_published=True
    )
    FAQ.objects.create(question="ขอใบรับรองฉบับร่าง", answer="ร่าง")
    html = client.get(reverse("portal:search"), {"q": "ใบรับรอง"}).content.decode()
    assert f'href="{entry.get_absolute_url()}"' in html
    assert "ฉบับร่าง" not in html
    assert Case.objects.count() == 0
