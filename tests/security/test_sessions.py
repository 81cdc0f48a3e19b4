"""Staff sessions: short-lived, and sign-out works under the strict CSP."""

import re

import pytest
from django.urls import reverse

from tests import factories
from tests.login import login_staff

pytestmark = pytest.mark.django_db


def test_a_staff_session_ends_with_the_browser_and_within_a_working_day(client, editor):
    response = client.post(
        reverse("admin:login"),
        {"username": "editor", "password": factories.DEFAULT_PASSWORD, "next": "/admin/"},
    )
    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    # No Max-Age / Expires: the browser forgets the cookie when it closes.
    assert cookie["max-age"] == "" and cookie["expires"] == ""
    assert cookie["httponly"]
    assert client.session.get_expire_at_browser_close()
    assert client.session.get_expiry_age() <= 8 * 60 * 60


def test_the_admin_signs_out_with_a_plain_form_under_the_strict_csp(client, triage_officer):
    login_staff(client, triage_officer)
    page = client.get(reverse("admin:index"))
    policy = page.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "'nonce-" in policy
    html = page.content.decode()
    form = re.search(r'<form id="logout-form" method="post" action="([^"]+)">', html)
    assert form and form.group(1) == reverse("admin:logout")
    # Sign-out needs no script: no inline handlers, every <script> carries the nonce.
    assert not re.search(r"\son[a-z]+=", html)
    assert all("nonce=" in tag for tag in re.findall(r"<script\b[^>]*>", html))

    response = client.post(reverse("admin:logout"))
    assert response.status_code == 200
    assert "ออกจากระบบ" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("admin:index")).status_code == 302


def test_signing_out_by_a_forged_link_is_refused(client, triage_officer):
    login_staff(client, triage_officer)
    assert client.get(reverse("admin:logout")).status_code == 405
    assert client.session["_auth_user_id"] == str(triage_officer.pk)


def test_the_lockout_page_keeps_to_the_csp(client, agency, triage_officer):
    for _ in range(5):
        response = client.post(
            reverse("admin:login"), {"username": "triage", "password": "wrong password"}
        )
    assert response.status_code == 429
    html = response.content.decode()
    assert " style=" not in html and not re.search(r"\son[a-z]+=", html)
    assert all("nonce=" in tag for tag in re.findall(r"<script\b[^>]*>", html))
    assert "Content-Security-Policy" in response.headers
