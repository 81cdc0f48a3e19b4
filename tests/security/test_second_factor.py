"""Staff sign in with a password and a second factor (django-otp: TOTP app, backup codes)."""

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests import factories
from tests.factories import feedback as feedback_factories
from tests.login import login_staff

pytestmark = pytest.mark.django_db

VERIFY = reverse("second_factor:verify")
ENROL = reverse("second_factor:enrol")
BACKUP_CODES = reverse("second_factor:backup_codes")


def _password_step(client, username, next_url="/admin/"):
    response = client.post(
        reverse("admin:login"),
        {"username": username, "password": factories.DEFAULT_PASSWORD, "next": next_url},
    )
    assert response.status_code == 302
    return response


def _app(user):
    return TOTPDevice.objects.create(user=user, name="authenticator app", confirmed=True)


def _code_now(device):
    return f"{totp(device.bin_key):06d}"


def _personal_data_pages(case):
    return [
        reverse("admin:index"),
        reverse("admin:feedback_case_changelist"),
        reverse("admin:feedback_case_change", args=[case.pk]),
        reverse("admin:feedback_case_history", args=[case.pk]),
        reverse("admin:auth_user_changelist"),
        reverse("admin:surveys_response_changelist"),
    ]


def test_a_password_alone_opens_no_admin_page_with_personal_data(client, agency, triage_officer):
    case = feedback_factories.case(reporter={"name": "นางสาวมาลี ใจงาม", "phone": "0812345678"})
    _app(triage_officer)
    _password_step(client, "triage")
    for url in _personal_data_pages(case):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(VERIFY), url
        assert "มาลี" not in response.content.decode()
    # Staff views outside the admin see an anonymous visitor.
    attachment = client.get(reverse("feedback:attachment", args=[1]))
    assert attachment.status_code == 302
    assert attachment["Location"].startswith(reverse("admin:login"))


def test_the_second_step_speaks_thai_and_a_code_from_the_app_opens_the_admin(
    client, agency, triage_officer
):
    case = feedback_factories.case(reporter={"name": "นางสาวมาลี ใจงาม", "phone": "0812345678"})
    device = _app(triage_officer)
    url = reverse("admin:feedback_case_change", args=[case.pk])
    response = _password_step(client, "triage", next_url=url)
    page = client.get(response["Location"], follow=True)
    html = page.content.decode()
    assert "ยืนยันตัวตนขั้นที่สอง" in html
    assert 'autocomplete="one-time-code"' in html
    assert "Cache-Control" in page.headers and "no-store" in page.headers["Cache-Control"]

    wrong = client.post(VERIFY, {"code": "000000" if _code_now(device) != "000000" else "111111"})
    assert "รหัสไม่ถูกต้อง" in wrong.content.decode()
    assert client.get(url).status_code == 302

    device.throttle_reset()
    answer = client.post(VERIFY + f"?next={url}", {"code": _code_now(device)})
    assert answer.status_code == 302 and answer["Location"] == url
    assert "นางสาวมาลี ใจงาม" in client.get(url).content.decode()


def test_a_code_from_the_app_cannot_be_used_twice(client, agency, triage_officer):
    device = _app(triage_officer)
    code = _code_now(device)
    _password_step(client, "triage")
    assert client.post(VERIFY, {"code": code}).status_code == 302
    client.post(reverse("admin:logout"))
    _password_step(client, "triage")
    again = client.post(VERIFY, {"code": code})
    assert again.status_code == 200
    assert client.get(reverse("admin:index")).status_code == 302


def test_a_new_staff_member_sets_up_the_app_and_gets_single_use_backup_codes(
    client, agency, editor
):
    _password_step(client, "editor")
    assert client.get(VERIFY)["Location"].startswith(ENROL)
    enrol = client.get(ENROL)
    html = enrol.content.decode()
    assert "ตั้งค่าการยืนยันตัวตนขั้นที่สอง" in html
    assert "<svg" in html and "คิวอาร์โค้ดสำหรับแอปยืนยันตัวตน" in html
    key_text = re.search(r'class="second-factor-key">([A-Z2-7 ]+)<', html).group(1)
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    assert key_text.replace(" ", "") in device.config_url

    assert "รหัสไม่ตรงกัน" in client.post(ENROL, {"code": "12345"}).content.decode()
    assert client.get(reverse("admin:index")).status_code == 302

    device.throttle_reset()
    response = client.post(ENROL, {"code": _code_now(device)}, follow=True)
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())
    assert len(codes) == 10
    assert "หน้านี้จะไม่แสดงรหัสเหล่านี้อีก" in response.content.decode()
    assert client.get(reverse("admin:index")).status_code == 200
    # Shown once only.
    assert not re.findall(r"<li><code>", client.get(BACKUP_CODES).content.decode())

    # A backup code opens the second step once.
    client.post(reverse("admin:logout"))
    _password_step(client, "editor")
    assert client.post(VERIFY, {"code": codes[0].upper()}).status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200
    client.post(reverse("admin:logout"))
    _password_step(client, "editor")
    reused = client.post(VERIFY, {"code": codes[0]})
    assert "รหัสไม่ถูกต้อง" in reused.content.decode()
    assert client.get(reverse("admin:index")).status_code == 302
    assert StaticToken.objects.filter(device__user=editor).count() == 9


def test_an_account_with_an_app_cannot_replace_it_with_only_the_password(
    client, agency, triage_officer
):
    _app(triage_officer)
    _password_step(client, "triage")
    response = client.get(ENROL)
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=triage_officer).count() == 1


def test_new_backup_codes_replace_the_old_set(client, agency, triage_officer):
    login_staff(client, triage_officer)
    first = client.post(BACKUP_CODES, follow=True).content.decode()
    second = client.post(BACKUP_CODES, follow=True).content.decode()
    old = set(re.findall(r"<li><code>([a-z2-7]{8})</code></li>", first))
    new = set(re.findall(r"<li><code>([a-z2-7]{8})</code></li>", second))
    assert len(old) == len(new) == 10
    stored = set(
        StaticToken.objects.filter(device__user=triage_officer).values_list("token", flat=True)
    )
    assert stored == new


def test_wrong_codes_count_towards_the_sign_in_lockout(client, agency, triage_officer):
    _app(triage_officer)
    _password_step(client, "triage")
    answers = [client.post(VERIFY, {"code": "999999x"}) for _ in range(5)]
    assert [a.status_code for a in answers] == [200, 200, 200, 200, 429]
    assert "ระงับการเข้าสู่ระบบชั่วคราว" in answers[-1].content.decode()
    assert "_auth_user_id" not in client.session
    # The right password no longer helps for now.
    locked = client.post(
        reverse("admin:login"),
        {"username": "triage", "password": factories.DEFAULT_PASSWORD, "next": "/admin/"},
    )
    assert locked.status_code == 429


def test_the_demo_prints_a_backup_code_that_signs_a_demo_account_in(client, settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    printed = out.getvalue()
    assert "DEMODEMODEMODEMODEMODEMODEMODEMO" in printed
    line = next(line for line in printed.splitlines() if line.strip().startswith("triage "))
    code = line.split()[2]
    client.post(
        reverse("admin:login"),
        {"username": "triage", "password": line.split()[1], "next": "/admin/"},
    )
    assert client.post(VERIFY, {"code": code}).status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200
