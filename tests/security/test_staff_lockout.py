"""Staff sign-in resists password guessing (django-axes)."""

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from tests import factories
from tests.login import login_staff
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")


def _sign_in(client, username, password, **headers):
    return client.post(
        LOGIN, {"username": username, "password": password, "next": "/admin/"}, **headers
    )


def _fail(client, username, times, **headers):
    return [_sign_in(client, username, "wrong password", **headers) for _ in range(times)]


def test_five_wrong_passwords_lock_the_account_with_a_thai_page(client, agency, triage_officer):
    responses = _fail(client, "triage", 5)
    # Four times the admin's own "wrong password" form; the fifth locks.
    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429]
    response = _sign_in(client, "triage", factories.DEFAULT_PASSWORD)
    html = response.content.decode()
    assert response.status_code == 429
    assert "ระงับการเข้าสู่ระบบชั่วคราว" in html
    assert "30 นาที" in html
    assert " น." in html  # the time the lock ends, Thai style
    assert "042-111-222" in html  # whom to call
    assert "_auth_user_id" not in client.session


def test_four_wrong_passwords_still_let_the_officer_in(client, triage_officer):
    _fail(client, "triage", 4)
    response = _sign_in(client, "triage", factories.DEFAULT_PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(triage_officer.pk)


def test_a_success_resets_the_count(client, triage_officer):
    _fail(client, "triage", 4)
    assert _sign_in(client, "triage", factories.DEFAULT_PASSWORD).status_code == 302
    client.logout()
    _fail(client, "triage", 4)
    assert _sign_in(client, "triage", factories.DEFAULT_PASSWORD).status_code == 302


def test_the_lock_holds_one_username_from_one_address_only(
    client, settings, triage_officer, editor
):
    settings.PORTAL_TRUSTED_PROXY_COUNT = 1
    _fail(client, "triage", 5, HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert (
        _sign_in(client, "triage", factories.DEFAULT_PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.7")
    ).status_code == 429
    # A colleague at the same computer is not locked out…
    response = _sign_in(
        client, "editor", factories.DEFAULT_PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.7"
    )
    assert response.status_code == 302
    client.logout()
    # …nor is the officer at another office behind the same nginx.
    response = _sign_in(
        client, "triage", factories.DEFAULT_PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.4"
    )
    assert response.status_code == 302
    attempt = AccessAttempt.objects.get(username="triage")
    assert attempt.ip_address == "203.0.113.7"


def test_the_lock_lifts_after_thirty_minutes(client, triage_officer):
    _fail(client, "triage", 5)
    assert _sign_in(client, "triage", factories.DEFAULT_PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=31))
    assert _sign_in(client, "triage", factories.DEFAULT_PASSWORD).status_code == 302


def _attempts(numbers):
    for n in numbers:
        AccessAttempt.objects.create(
            username=f"guess{n}",
            ip_address=f"203.0.113.{n}",
            user_agent="x",
            failures_since_start=5,
        )


def test_only_the_administrator_sees_the_access_attempts(
    client, administrator, director, integrity_officer
):
    login_staff(client, administrator)
    _attempts(range(2))
    url = reverse("admin:axes_accessattempt_changelist")
    response = assert_constant_queries(client, url, grow=lambda: _attempts(range(2, 6)), at_most=15)
    html = response.content.decode()
    assert "203.0.113.5" in html
    assert "ความพยายามเข้าสู่ระบบ" in html and "ถูกระงับ" in html
    for officer in (director, integrity_officer):
        login_staff(client, officer)
        assert client.get(url).status_code == 403


def _spray(client, address, usernames, times):
    for username in usernames:
        _fail(client, username, times, HTTP_X_FORWARDED_FOR=address)


def test_credential_spraying_from_one_address_locks_that_address(client, settings, triage_officer):
    settings.PORTAL_TRUSTED_PROXY_COUNT = 1
    # 4 guesses at each of 5 usernames: 20 failures, no single account at 5.
    _spray(client, "203.0.113.9", [f"officer{n}" for n in range(5)], 4)
    response = _sign_in(
        client, "triage", factories.DEFAULT_PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.9"
    )
    assert response.status_code == 429
    assert "ระงับการเข้าสู่ระบบจากเครือข่ายนี้ชั่วคราว" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another address is not touched by it.
    response = _sign_in(
        client, "triage", factories.DEFAULT_PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.4"
    )
    assert response.status_code == 302


def test_an_office_behind_one_address_is_not_locked_out_by_a_few_mistakes(
    client, settings, triage_officer, editor
):
    settings.PORTAL_TRUSTED_PROXY_COUNT = 1
    # One officer locked out (5) and three colleagues' typos (4 each): 17 at the address.
    _spray(client, "203.0.113.7", ["someone"], 5)
    _spray(client, "203.0.113.7", ["colleague1", "colleague2", "colleague3"], 4)
    response = _sign_in(
        client, "editor", factories.DEFAULT_PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.7"
    )
    assert response.status_code == 302
    client.logout()
    # The twentieth failure at the address locks it, for every account.
    _fail(client, "colleague4", 3, HTTP_X_FORWARDED_FOR="203.0.113.7")
    response = _sign_in(
        client, "triage", factories.DEFAULT_PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.7"
    )
    assert response.status_code == 429


def test_a_success_does_not_wipe_a_spray_from_the_same_address(
    client, settings, triage_officer, editor
):
    settings.PORTAL_TRUSTED_PROXY_COUNT = 1
    _spray(client, "203.0.113.9", [f"officer{n}" for n in range(4)], 4)  # 16
    _fail(client, "editor", 3, HTTP_X_FORWARDED_FOR="203.0.113.9")  # 19
    response = _sign_in(
        client, "editor", factories.DEFAULT_PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.9"
    )
    assert response.status_code == 302  # the editor's own 3 are cleared: 16 remain
    client.logout()
    _fail(client, "officer9", 4, HTTP_X_FORWARDED_FOR="203.0.113.9")  # 20
    response = _sign_in(
        client, "triage", factories.DEFAULT_PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.9"
    )
    assert response.status_code == 429


def test_a_spray_from_many_addresses_of_one_ipv6_network_locks_that_network(
    client, settings, triage_officer
):
    settings.PORTAL_TRUSTED_PROXY_COUNT = 1
    # A phone may take any address of its /64: a fresh one for every guess.
    for n in range(20):
        _fail(client, f"officer{n % 5}", 1, HTTP_X_FORWARDED_FOR=f"2001:db8:5:7::{n + 1:x}")
    response = _sign_in(
        client, "triage", factories.DEFAULT_PASSWORD, HTTP_X_FORWARDED_FOR="2001:db8:5:7::ff"
    )
    assert response.status_code == 429
    # The neighbouring /64 is another household.
    response = _sign_in(
        client, "triage", factories.DEFAULT_PASSWORD, HTTP_X_FORWARDED_FOR="2001:db8:5:8::1"
    )
    assert response.status_code == 302
