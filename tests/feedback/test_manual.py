"""The complaint-handling manual: numbered versions, each at a permanent address."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from feedback.models import HandlingManual
from tests.login import login_staff

pytestmark = pytest.mark.django_db


def new_version(*, days_from_today=0, body="ขั้นตอนการจัดการเรื่องร้องเรียน ฉบับปรับปรุง"):
    return HandlingManual.objects.create(
        title="คู่มือการจัดการเรื่องร้องเรียน",
        responsible_unit="ศูนย์รับเรื่องร้องเรียน กลุ่มอำนวยการ",
        body=body,
        effective_on=timezone.localdate() + dt.timedelta(days=days_from_today),
    )


def test_versions_are_numbered_in_order(agency):
    first = HandlingManual.objects.get()
    assert first.version == 1
    assert new_version().version == 2
    assert new_version(days_from_today=3).version == 3


def test_a_version_dated_ahead_waits_for_its_day(client, agency):
    new_version(days_from_today=5, body="ข้อความที่ยังไม่มีผล")
    html = client.get(reverse("feedback:manual")).content.decode()
    assert "ฉบับที่ 1" in html and "ข้อความที่ยังไม่มีผล" not in html
    assert client.get(reverse("feedback:manual_version", args=[2])).status_code == 404


def test_earlier_versions_stay_at_their_addresses_marked_replaced(client, agency):
    old = HandlingManual.objects.get()
    new_version(body="ข้อความฉบับที่สอง")
    html = client.get(reverse("feedback:manual")).content.decode()
    assert "ข้อความฉบับที่สอง" in html
    assert f'href="{old.get_absolute_url()}"' in html  # the earlier version is listed
    response = client.get(old.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert old.body.split()[0] in html and "ข้อความฉบับที่สอง" not in html
    assert "ฉบับนี้ถูกแทนที่แล้ว" in html


def test_a_version_in_effect_cannot_be_rewritten_but_a_new_one_can_be_added(
    client, administrator, agency
):
    current = HandlingManual.objects.get()
    login_staff(client, administrator)
    url = reverse("admin:feedback_handlingmanual_change", args=[current.pk])
    assert 'name="body"' not in client.get(url).content.decode()
    assert client.post(url, {"body": "แก้ไขโดยไม่เปลี่ยนฉบับ"}).status_code == 403

    add = reverse("admin:feedback_handlingmanual_add")
    form = client.get(add).context["adminform"].form
    assert form.initial["body"] == current.body  # starts from the latest text
    data = {
        "title": current.title,
        "responsible_unit": current.responsible_unit,
        "body": "แก้ไขขั้นตอนการส่งต่อเรื่อง",
        "effective_on": timezone.localdate().isoformat(),
    }
    assert client.post(add, data).status_code == 302
    assert HandlingManual.objects.current().version == 2
    current.refresh_from_db()
    assert current.body != "แก้ไขขั้นตอนการส่งต่อเรื่อง"


def test_a_new_version_cannot_take_effect_before_the_one_it_replaces(client, administrator, agency):
    current = HandlingManual.objects.get()
    login_staff(client, administrator)
    data = {
        "title": current.title,
        "responsible_unit": current.responsible_unit,
        "body": "ฉบับย้อนหลัง",
        "effective_on": (current.effective_on - dt.timedelta(days=1)).isoformat(),
    }
    response = client.post(reverse("admin:feedback_handlingmanual_add"), data)
    assert "ฉบับใหม่จะมีผลก่อนฉบับที่ 1" in response.content.decode()
    assert HandlingManual.objects.count() == 1


def test_the_manual_gives_a_time_limit_for_every_kind_of_feedback(client, agency):
    html = client.get(reverse("feedback:manual")).content.decode()
    assert "ข้อเสนอแนะ คำชมเชย และคำถาม ตอบกลับภายใน 15 วัน" in html


def test_a_published_version_keeps_its_time_limits_when_the_settings_change(
    client, administrator, agency
):
    first = HandlingManual.objects.get()
    assert "แจ้งผลแก่ผู้ร้องภายใน 15 วัน" in client.get(first.get_absolute_url()).content.decode()
    login_staff(client, administrator)
    settings_url = reverse("admin:feedback_feedbacksettings_change", args=[1])
    data = {
        "report_back_days": 7,
        "resolve_days_general": 30,
        "resolve_days_corruption": 60,
        "resolve_days_other": 15,
        "day_count": "working",
        "due_soon_days": 3,
        "retention_days_general": 730,
        "retention_days_corruption": 3650,
        "retention_days_other": 365,
    }
    response = client.post(settings_url, data, follow=True)
    assert "คู่มือฉบับที่มีผลอยู่ (ฉบับที่ 1) ยังคงระบุระยะเวลา" in response.content.decode()

    html = client.get(first.get_absolute_url()).content.decode()
    assert "แจ้งผลแก่ผู้ร้องภายใน 15 วัน" in html and "นับเป็นวันปฏิทิน" in html
    assert "ภายใน 7 วัน" not in html

    second = new_version(body="ฉบับที่ใช้ระยะเวลาใหม่")
    html = client.get(second.get_absolute_url()).content.decode()
    assert "แจ้งผลแก่ผู้ร้องภายใน 7 วัน" in html and "นับเป็นวันทำการ" in html
    first.refresh_from_db()
    assert (first.report_back_days, first.day_count) == (15, "calendar")
