"""A guarded member's e-mail address, username and active flag wait for a director.

Sign-in and second-factor mails go to the e-mail address, so changing it
through the admin user form would hand the integrity officer's or a
director's account to whoever holds the new address. Every proposer × guarded
member × account field, then the decision, the mails and the record.
"""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from portal.lib import roles
from portal.staff_changes.models import RoleChange, RoleChangeRecord
from tests import factories
from tests.admin_form import admin_post
from tests.login import login_staff
from tests.security.test_guarded_roles import _decide, _user_url

pytestmark = pytest.mark.django_db

# the form's change, the held change's kind and new value, the account's fields once confirmed
CHANGES = {
    "email": (
        {"email": "taker@example.net"},
        ("email", "taker@example.net"),
        {"email": "taker@example.net"},
    ),
    "username": ({"username": "renamed"}, ("username", "renamed"), {"username": "renamed"}),
    "deactivate": ({"is_active": []}, ("deactivate", ""), {"is_active": False}),
    # Without staff status the member loses the admin and the role as surely.
    "staff_remove": ({"is_staff": []}, ("staff_remove", ""), {"is_staff": False}),
}


@pytest.fixture
def superuser(db):
    user = factories.staff_user(role=roles.ADMINISTRATOR, username="root", is_superuser=True)
    user.groups.clear()
    return user


@pytest.fixture
def deputy(db):
    return factories.staff_user(role=roles.DIRECTOR, username="deputy")


def _account(user):
    user.refresh_from_db()
    return {
        "email": user.email,
        "username": user.username,
        "is_active": user.is_active,
        "is_staff": user.is_staff,
    }


@pytest.mark.parametrize("change_name", CHANGES)
@pytest.mark.parametrize("member", ["integrity_officer", "director"])
@pytest.mark.parametrize("proposer", ["administrator", "superuser"])
def test_a_guarded_members_sign_in_details_wait_for_a_director(
    request, client, deputy, proposer, member, change_name, django_capture_on_commit_callbacks
):
    posted, (kind, new_value), applied = CHANGES[change_name]
    by, target = request.getfixturevalue(proposer), request.getfixturevalue(member)
    target.email = "owner@example.org"
    target.save(update_fields=["email"])
    deputy.email = "deputy@example.org"
    deputy.save(update_fields=["email"])
    before = _account(target)
    login_staff(client, by)

    with django_capture_on_commit_callbacks(execute=True):
        page = admin_post(client, _user_url(target), first_name="สมศรี", **posted)

    assert "รอผู้บริหารยืนยัน" in page.content.decode()
    assert _account(target) == before
    assert target.first_name == "สมศรี"  # the rest of the form is saved at once
    change = RoleChange.objects.get()
    assert (change.kind, change.user, change.new_value, change.status) == (
        kind,
        target,
        new_value,
        "pending",
    )
    # The mail reaches the address the account has now, not the one proposed.
    (message,) = mail.outbox
    assert "owner@example.org" in message.to and "deputy@example.org" in message.to
    assert "taker@example.net" not in message.to
    assert "รอผู้บริหารยืนยัน" in message.subject
    history = client.get(reverse("admin:auth_user_history", args=[target.pk])).content.decode()
    entries = history.split('id="change-history"')[-1]
    # Only the name is said to have changed, not the held field.
    assert "เปลี่ยน ชื่อ" in entries and "เปลี่ยน ชื่อ และ" not in entries

    login_staff(client, deputy)
    with django_capture_on_commit_callbacks(execute=True):
        page = _decide(client, change, "confirm")
    assert "ยืนยันและมีผลแล้ว 1 รายการ" in page.content.decode()
    assert _account(target) == before | applied
    assert list(RoleChangeRecord.objects.order_by("pk").values_list("event", "kind")) == [
        ("proposed", kind),
        ("confirmed", kind),
    ]


def test_letting_a_deactivated_member_back_in_waits_for_a_director(
    client, administrator, integrity_officer, director
):
    integrity_officer.is_active = False
    integrity_officer.save(update_fields=["is_active"])
    login_staff(client, administrator)
    admin_post(client, _user_url(integrity_officer), is_active="on")
    assert _account(integrity_officer)["is_active"] is False
    change = RoleChange.objects.get()
    assert change.kind == "activate"

    login_staff(client, director)
    _decide(client, change, "refuse")
    assert _account(integrity_officer)["is_active"] is False
    assert RoleChange.objects.get().status == "refused"


def test_an_ordinary_accounts_details_change_at_once(client, administrator, triage_officer):
    login_staff(client, administrator)
    admin_post(
        client,
        _user_url(triage_officer),
        email="new@example.org",
        username="triage2",
        is_active=[],
    )
    assert _account(triage_officer) == {
        "email": "new@example.org",
        "username": "triage2",
        "is_active": False,
        "is_staff": True,
    }
    assert not RoleChange.objects.exists()


def test_a_director_does_not_confirm_a_new_address_for_their_own_account(client, director):
    director.groups.add(Group.objects.get(name=roles.ADMINISTRATOR))  # manages accounts too
    login_staff(client, director)
    admin_post(client, _user_url(director), email="mine@example.net")
    own = RoleChange.objects.get()
    assert own.proposed_by == director
    page = _decide(client, own, "confirm")
    assert "ผู้บริหารไม่สามารถตัดสินการเปลี่ยนแปลงบัญชีของตนเอง" in page.content.decode()
    assert _account(director)["email"] == ""
    assert RoleChange.objects.get().status == "pending"


def test_a_username_taken_meanwhile_is_not_applied(
    client, administrator, integrity_officer, deputy
):
    login_staff(client, administrator)
    admin_post(client, _user_url(integrity_officer), username="officer")
    factories.staff_user(role=roles.TRIAGE_OFFICER, username="officer")

    login_staff(client, deputy)
    page = _decide(client, RoleChange.objects.get(), "confirm")
    assert "มีบัญชีอื่นใช้ชื่อผู้ใช้นี้แล้ว" in page.content.decode()
    assert _account(integrity_officer)["username"] == "integrity"
    assert RoleChange.objects.get().status == "pending"
    assert RoleChangeRecord.objects.filter(event="attempt_refused").count() == 1


def test_an_account_waiting_to_join_a_guarded_role_is_guarded_already(
    client, administrator, triage_officer, director
):
    # Else its address and password could be swapped while the director is
    # asked, and the director confirm a taken-over account.
    login_staff(client, administrator)
    integrity = Group.objects.get(name=roles.INTEGRITY_OFFICER)
    groups = [*triage_officer.groups.values_list("pk", flat=True), integrity.pk]
    admin_post(client, _user_url(triage_officer), groups=groups)
    assert RoleChange.objects.get().kind == "join"
    before = _account(triage_officer)

    admin_post(client, _user_url(triage_officer), email="taker@example.net")

    assert _account(triage_officer) == before
    assert sorted(RoleChange.objects.values_list("kind", flat=True)) == ["email", "join"]
