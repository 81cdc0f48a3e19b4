"""The superuser flag: nobody grants it to themselves, and on a guarded
member's account it waits for a director like staff status does.

The flag bypasses none of the guarded rules (sealed rights and approval come
from the role groups alone), but it opens every other admin page: so a
self-grant is refused and recorded, and a change to a director's or integrity
officer's flag is held, mailed and recorded. Every role × own account, then
every proposer × guarded member × grant and removal.
"""

import pytest
from django.core import mail

from portal.lib import roles
from portal.staff_changes.models import RoleChange, RoleChangeRecord
from tests import factories
from tests.admin_form import admin_form_data, admin_post
from tests.login import login_staff
from tests.security.test_guarded_roles import _decide, _user_url

pytestmark = pytest.mark.django_db

ROLES = ["triage_officer", "integrity_officer", "editor", "director", "administrator"]


@pytest.fixture
def superuser(db):
    user = factories.staff_user(role=roles.ADMINISTRATOR, username="root", is_superuser=True)
    user.groups.clear()  # a superuser in its own right, in no role
    return user


@pytest.fixture
def deputy(db):
    return factories.staff_user(role=roles.DIRECTOR, username="deputy", email="deputy@example.org")


def _is_superuser(user):
    user.refresh_from_db()
    return user.is_superuser


@pytest.mark.parametrize("role", ROLES)
def test_nobody_makes_themselves_a_superuser(client, request, role):
    by = request.getfixturevalue(role)
    login_staff(client, by)
    url = _user_url(by)
    form = client.get(url)
    if form.status_code != 200:
        # Roles that do not manage accounts cannot open their own user form.
        assert form.status_code == 403
        assert client.post(url, {"is_superuser": "on"}).status_code == 403
        assert not _is_superuser(by)
        return
    page = client.post(url, admin_form_data(client, url, is_superuser="on", first_name="สมชาย"))
    assert page.status_code == 200
    assert "ไม่มีใครให้สถานะผู้ใช้พิเศษแก่ตนเองได้" in page.content.decode()
    assert not _is_superuser(by)
    assert by.first_name == ""  # the form is refused whole, nothing else saved
    assert not RoleChange.objects.exists()
    record = RoleChangeRecord.objects.get()
    assert (record.event, record.kind, record.subject, record.actor) == (
        "attempt_refused",
        "superuser_grant",
        by.username,
        by,
    )


def test_a_director_who_manages_accounts_does_not_make_themselves_a_superuser(client, director):
    director.groups.add(factories.Group.objects.get(name=roles.ADMINISTRATOR))
    login_staff(client, director)
    page = admin_post(client, _user_url(director), is_superuser="on")
    assert "ไม่มีใครให้สถานะผู้ใช้พิเศษแก่ตนเองได้" in page.content.decode()
    assert not _is_superuser(director)
    assert not RoleChange.objects.exists()
    assert RoleChangeRecord.objects.get().kind == "superuser_grant"


@pytest.mark.parametrize("member", ["integrity_officer", "director"])
@pytest.mark.parametrize("proposer", ["administrator", "superuser"])
@pytest.mark.parametrize(
    ("already", "posted", "kind"),
    [(False, "on", "superuser_grant"), (True, [], "superuser_remove")],
    ids=["grant", "remove"],
)
def test_a_guarded_members_superuser_flag_waits_for_a_director(
    request, client, deputy, proposer, member, already, posted, kind,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    by, target = request.getfixturevalue(proposer), request.getfixturevalue(member)
    target.is_superuser, target.email = already, "owner@example.org"
    target.save(update_fields=["is_superuser", "email"])
    login_staff(client, by)

    with django_capture_on_commit_callbacks(execute=True):
        page = admin_post(client, _user_url(target), is_superuser=posted, first_name="สมศรี")

    assert "รอผู้บริหารยืนยัน" in page.content.decode()
    assert _is_superuser(target) is already
    assert target.first_name == "สมศรี"  # the rest of the form is saved at once
    change = RoleChange.objects.get()
    assert (change.kind, change.user, change.status) == (kind, target, "pending")
    (message,) = mail.outbox
    assert sorted(message.to) == ["deputy@example.org", "owner@example.org"]

    login_staff(client, deputy)
    with django_capture_on_commit_callbacks(execute=True):
        page = _decide(client, change, "confirm")
    assert "ยืนยันและมีผลแล้ว 1 รายการ" in page.content.decode()
    assert _is_superuser(target) is not already
    assert list(RoleChangeRecord.objects.order_by("pk").values_list("event", "kind")) == [
        ("proposed", kind),
        ("confirmed", kind),
    ]


def test_a_superuser_director_giving_up_the_flag_waits_for_another_director(
    client, director, deputy
):
    director.is_superuser = True
    director.save(update_fields=["is_superuser"])
    login_staff(client, director)
    admin_post(client, _user_url(director), is_superuser=[])
    assert _is_superuser(director)
    own = RoleChange.objects.get()
    assert (own.kind, own.proposed_by) == ("superuser_remove", director)
    page = _decide(client, own, "confirm")
    assert "ผู้บริหารไม่สามารถตัดสินการเปลี่ยนแปลงบัญชีของตนเอง" in page.content.decode()
    login_staff(client, deputy)
    _decide(client, own, "confirm")
    assert not _is_superuser(director)


def test_an_ordinary_accounts_superuser_flag_changes_at_once(
    client, superuser, administrator, triage_officer
):
    login_staff(client, administrator)
    admin_post(client, _user_url(triage_officer), is_superuser="on")
    assert _is_superuser(triage_officer)
    admin_post(client, _user_url(triage_officer), is_superuser=[])
    assert not _is_superuser(triage_officer)
    # A superuser outside the guarded roles gives up its own flag at once.
    login_staff(client, superuser)
    admin_post(client, _user_url(superuser), is_superuser=[])
    assert not _is_superuser(superuser)
    assert not RoleChange.objects.exists() and not RoleChangeRecord.objects.exists()
