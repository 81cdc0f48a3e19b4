"""django-otp's device pages speak Thai like the rest of the admin."""

import pytest
from django.urls import reverse

from tests.login import login_staff

pytestmark = pytest.mark.django_db


def test_the_device_apps_and_models_have_thai_names(client, administrator):
    login_staff(client, administrator)
    html = client.get(reverse("admin:index")).content.decode()
    assert "การยืนยันตัวตนขั้นที่สอง: แอปยืนยันตัวตน" in html
    assert "การยืนยันตัวตนขั้นที่สอง: รหัสสำรอง" in html
    assert "แอปยืนยันตัวตน (TOTP)" in html and "ชุดรหัสสำรอง" in html
    for english in ("TOTP devices", "Static devices", "Otp_Totp", "Otp_Static"):
        assert english not in html


def test_the_device_pages_label_their_columns_and_sections_in_thai(client, administrator, editor):
    device = login_staff(client, editor)  # an account outside the guarded roles
    login_staff(client, administrator)
    listing = client.get(reverse("admin:otp_totp_totpdevice_changelist")).content.decode()
    assert "ใช้ล่าสุดเมื่อ" in listing and "ยืนยันแล้ว" in listing
    assert "last used" not in listing.lower()
    page = client.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "ข้อมูลอุปกรณ์" in html and "การชะลอเมื่อกรอกผิด" in html
    assert "จำนวนครั้งที่กรอกรหัสผิดติดต่อกัน" in html  # a help text
    for english in ("Identity", "Throttling", "Number of successive failed attempts"):
        assert english not in html
    static = client.get(reverse("admin:otp_static_staticdevice_add")).content.decode()
    assert "ข้อมูลอุปกรณ์" in static and "Timestamps" not in static
