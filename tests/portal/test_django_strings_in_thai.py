"""Django's own strings that its Thai catalogue lacks reach users in Thai
(locale/django/th): the admin officers work in and the validation messages
citizens read."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from feedback.models import Case
from tests.factories import feedback as fb
from tests.login import login_staff

pytestmark = pytest.mark.django_db


def test_a_citizen_who_writes_too_long_a_name_is_told_in_thai_and_keeps_the_text(client, agency):
    details = fb.form_data()["details"]
    response = client.post(reverse("feedback:submit"), fb.form_data(name="ก" * 201))

    html = response.content.decode()
    assert response.status_code == 200
    assert "ข้อความนี้ยาวได้ไม่เกิน 200 ตัวอักษร (ตอนนี้มี 201)" in html
    assert "Ensure this value" not in html
    assert details in html
    assert not Case.objects.exists()


def test_the_case_list_filters_speak_thai(client, triage_officer):
    login_staff(client, triage_officer)

    html = client.get(reverse("admin:feedback_case_changelist")).content.decode()

    assert "แสดงจำนวน" in html  # "Show counts"
    assert "Show counts" not in html and "Filter by" not in html
    assert "ข้ามไปยังเนื้อหาหลัก" in html  # the admin's skip link

    fb.case()  # a sortable header is drawn above rows only
    sorted_html = client.get(reverse("admin:feedback_case_changelist"), {"o": "2"}).content.decode()
    assert "ยกเลิกการเรียงตามคอลัมน์นี้" in sorted_html and "sorting" not in sorted_html


def test_the_message_after_saving_in_the_admin_is_thai(client, administrator):
    login_staff(client, administrator)
    group = administrator.groups.first()
    url = reverse("admin:auth_group_change", args=[group.pk])
    data = {"name": group.name, "permissions": list(group.permissions.values_list("pk", flat=True))}

    response = client.post(url, data, follow=True)

    messages = [str(message) for message in response.context["messages"]]
    assert messages and "เรียบร้อยแล้ว" in messages[0], messages


def test_a_case_history_speaks_thai(client, triage_officer):
    case = fb.case()
    login_staff(client, triage_officer)

    html = client.get(reverse("admin:feedback_case_history", args=[case.pk])).content.decode()

    assert "แก้ไขโดย" in html and "ดูประวัติ:" in html  # read-only: no revert
    assert "Changed by" not in html and "View history" not in html


def test_closing_a_survey_and_the_admin_close_button_are_different_words(client, administrator):
    login_staff(client, administrator)

    html = client.get(reverse("admin:surveys_survey_changelist")).content.decode()

    assert "ปิดรับคำตอบ" in html  # the action that stops answers
    with translation.override("th"):
        assert gettext("Close") == "ปิด"  # Django's button on view-only pages
    assert "งานเบื้องหลัง" in client.get(reverse("admin:index")).content.decode()


def test_the_admin_says_none_available_and_view_in_plain_thai(client, editor):
    login_staff(client, editor)

    html = client.get(reverse("admin:index")).content.decode()

    assert "ไม่มีรายการ" in html  # no recent actions yet
    assert "ไม่ว่าง" not in html  # "busy", Django's own misreading
    with translation.override("th"):
        assert gettext("View") == "ดู"


def test_a_missing_required_field_is_explained_in_thai(client, agency):
    response = client.post(reverse("feedback:submit"), fb.form_data(details=""))

    html = response.content.decode()
    assert "กรุณากรอกข้อมูลในช่องนี้" in html
    assert "ฟิลด์นี้จำเป็น" not in html


def test_permissions_of_the_change_history_are_named_in_thai(client, administrator):
    login_staff(client, administrator)
    group = administrator.groups.first()

    html = client.get(reverse("admin:auth_group_change", args=[group.pk])).content.decode()

    assert "เพิ่มประวัติบันทึกของเจ้าหน้าที่" in html  # CaseEntry's history
    assert "historical" not in html
