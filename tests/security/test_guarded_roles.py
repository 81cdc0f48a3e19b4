"""Changes to the guarded roles wait for a director, and nobody grants them to themselves.

Every staff role × every surface where a guarded role's membership, a member's
password or second factor, or a role's duty can be changed (user form, group
form, permission widgets, password form, device pages, delete pages and
actions), with the held change's mail, the directors' page and the record.
"""

import pytest
from django.contrib.admin import helpers
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.lib import roles
from portal.staff_changes.models import RoleChange, RoleChangeRecord
from tests import factories
from tests.admin_form import admin_form_data, admin_post
from tests.login import login_staff

pytestmark = pytest.mark.django_db

PROPOSERS = ["administrator", "superuser"]


@pytest.fixture
def superuser(db):
    user = factories.staff_user(role=roles.ADMINISTRATOR, username="root", is_superuser=True)
    user.groups.clear()  # a superuser in its own right, in no role
    return user


@pytest.fixture
def cast(request, director, integrity_officer):
    director.email, integrity_officer.email = "director@example.org", "integrity@example.org"
    director.save(update_fields=["email"])
    integrity_officer.save(update_fields=["email"])
    return request


def _group(name):
    return Group.objects.get(name=name)


def _user_url(user):
    return reverse("admin:auth_user_change", args=[user.pk])


def _groups_with(user, *extra):
    return [str(g.pk) for g in user.groups.all()] + [str(_group(name).pk) for name in extra]


def _decide(client, change, action):
    return client.post(
        reverse("admin:portal_rolechange_changelist"),
        {"action": action, helpers.ACTION_CHECKBOX_NAME: [change.pk]},
        follow=True,
    )


@pytest.mark.parametrize("proposer", PROPOSERS)
@pytest.mark.parametrize("role", roles.GUARDED_ROLES)
def test_adding_someone_to_a_guarded_role_waits_for_a_director(
    client, cast, proposer, role, django_capture_on_commit_callbacks
):
    by = cast.getfixturevalue(proposer)
    colleague = factories.staff_user(role=roles.TRIAGE_OFFICER, email="newcomer@example.org")
    login_staff(client, by)
    with django_capture_on_commit_callbacks(execute=True):
        page = admin_post(client, _user_url(colleague), groups=_groups_with(colleague, role))
    assert "รอผู้บริหารยืนยัน" in page.content.decode()
    assert not colleague.groups.filter(name=role).exists()
    change = RoleChange.objects.get()
    assert (change.kind, change.user, change.group.name) == ("join", colleague, role)
    # Mailed to the directors, the integrity officers and the account itself.
    (message,) = mail.outbox
    assert sorted(message.to) == [
        "director@example.org",
        "integrity@example.org",
        "newcomer@example.org",
    ]
    assert "รอผู้บริหารยืนยัน" in message.subject and colleague.username in message.subject
    # The history does not claim the groups were changed.
    history = client.get(reverse("admin:auth_user_history", args=[colleague.pk])).content.decode()
    entries = history.split('id="change-history"')[-1]
    assert "Groups" not in entries and "กลุ่ม" not in entries

    login_staff(client, cast.getfixturevalue("director"))
    with django_capture_on_commit_callbacks(execute=True):
        page = _decide(client, change, "confirm")
    assert "ยืนยันและมีผลแล้ว 1 รายการ" in page.content.decode()
    assert mail.outbox[-1].subject.startswith("ผู้บริหารยืนยันการเปลี่ยนแปลงบทบาทสำคัญแล้ว")
    assert len(mail.outbox) == 2
    assert colleague.groups.filter(name=role).exists()
    change.refresh_from_db()
    assert change.status == "confirmed"
    events = list(
        RoleChangeRecord.objects.order_by("at", "pk").values_list("event", "actor__username")
    )
    assert events == [("proposed", by.username), ("confirmed", "director")]


@pytest.mark.parametrize("proposer", PROPOSERS)
@pytest.mark.parametrize("role", roles.GUARDED_ROLES)
def test_nobody_adds_themselves_to_a_guarded_role(client, cast, proposer, role):
    by = cast.getfixturevalue(proposer)
    login_staff(client, by)
    page = client.post(
        _user_url(by), admin_form_data(client, _user_url(by), groups=_groups_with(by, role))
    )
    assert page.status_code == 200
    assert "ไม่มีใครเพิ่มตนเองเข้ากลุ่ม" in page.content.decode()
    assert not by.groups.filter(name=role).exists()
    assert not RoleChange.objects.exists()
    record = RoleChangeRecord.objects.get()
    assert (record.event, record.kind, record.subject, record.detail) == (
        "attempt_refused",
        "join",
        by.username,
        role,
    )


def test_removing_a_member_waits_for_a_director(client, administrator, integrity_officer, director):
    login_staff(client, administrator)
    admin_post(client, _user_url(integrity_officer), groups=[])
    assert integrity_officer.groups.filter(name=roles.INTEGRITY_OFFICER).exists()
    change = RoleChange.objects.get()
    assert change.kind == "leave"
    login_staff(client, director)
    _decide(client, change, "refuse")
    assert integrity_officer.groups.filter(name=roles.INTEGRITY_OFFICER).exists()
    assert RoleChange.objects.get().status == "refused"
    assert list(RoleChangeRecord.objects.values_list("event", flat=True).order_by("pk")) == [
        "proposed",
        "refused",
    ]


def test_other_groups_still_change_at_once_and_the_history_says_so_in_thai(
    client, administrator, editor
):
    login_staff(client, administrator)
    admin_post(
        client,
        _user_url(editor),
        groups=_groups_with(editor, roles.TRIAGE_OFFICER),
        first_name="สมหญิง",
    )
    assert editor.groups.filter(name=roles.TRIAGE_OFFICER).exists()
    assert not RoleChange.objects.exists()
    history = client.get(reverse("admin:auth_user_history", args=[editor.pk])).content.decode()
    entries = history.split('id="change-history"')[-1]
    assert "เปลี่ยน ชื่อ และ กลุ่ม" in entries
    assert "Groups" not in entries and "First name" not in entries


@pytest.mark.parametrize("proposer", PROPOSERS)
@pytest.mark.parametrize("member", ["integrity_officer", "director"])
def test_a_guarded_members_password_waits_for_a_director(
    client, cast, proposer, member, django_capture_on_commit_callbacks
):
    by, target = cast.getfixturevalue(proposer), cast.getfixturevalue(member)
    other_director = factories.staff_user(role=roles.DIRECTOR, username="deputy")
    login_staff(client, by)
    url = reverse("admin:auth_user_password_change", args=[target.pk])
    new = {"password1": "a new long passphrase 42", "password2": "a new long passphrase 42"}
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(url, {**new, "set_usable_password": "true"}, follow=True)
    assert "รอผู้บริหารยืนยัน" in page.content.decode()
    target.refresh_from_db()
    assert target.check_password(factories.DEFAULT_PASSWORD)
    change = RoleChange.objects.get()
    assert change.password_hash and change.password_hash not in mail.outbox[0].body

    login_staff(client, other_director)
    _decide(client, change, "confirm")
    target.refresh_from_db()
    assert target.check_password("a new long passphrase 42")
    assert RoleChange.objects.get().password_hash == ""  # not kept once applied


def test_an_ordinary_password_changes_at_once(client, administrator, triage_officer):
    login_staff(client, administrator)
    url = reverse("admin:auth_user_password_change", args=[triage_officer.pk])
    client.post(
        url,
        {
            "password1": "x long pass 42!",
            "password2": "x long pass 42!",
            "set_usable_password": "true",
        },
    )
    triage_officer.refresh_from_db()
    assert triage_officer.check_password("x long pass 42!")
    assert not RoleChange.objects.exists()


def test_a_director_decides_neither_their_own_account_nor_their_own_proposal(
    client, administrator, director, integrity_officer
):
    login_staff(client, administrator)
    url = reverse("admin:auth_user_password_change", args=[director.pk])
    client.post(
        url,
        {
            "password1": "p long pass 42!",
            "password2": "p long pass 42!",
            "set_usable_password": "true",
        },
    )
    own = RoleChange.objects.get()
    login_staff(client, director)
    page = _decide(client, own, "confirm")
    assert "ผู้บริหารไม่สามารถตัดสินการเปลี่ยนแปลงบัญชีของตนเอง" in page.content.decode()
    director.refresh_from_db()
    assert director.check_password(factories.DEFAULT_PASSWORD)
    # A director who also manages accounts proposes someone's joining, and
    # cannot confirm it alone.
    director.groups.add(_group(roles.ADMINISTRATOR))
    newcomer = factories.staff_user(role=roles.TRIAGE_OFFICER)
    admin_post(client, _user_url(newcomer), groups=_groups_with(newcomer, roles.INTEGRITY_OFFICER))
    proposal = RoleChange.objects.get(user=newcomer)
    page = _decide(client, proposal, "confirm")
    assert "ผู้เสนอการเปลี่ยนแปลงไม่สามารถตัดสิน" in page.content.decode()
    assert not newcomer.groups.filter(name=roles.INTEGRITY_OFFICER).exists()
    assert set(RoleChange.objects.values_list("status", flat=True)) == {"pending"}
    assert RoleChangeRecord.objects.filter(event="attempt_refused").count() == 2


@pytest.mark.parametrize(
    "role", ["administrator", "superuser", "integrity_officer", "triage_officer", "editor"]
)
def test_only_a_director_is_offered_the_decision(client, cast, administrator, role):
    change = RoleChange.objects.create(
        kind="join",
        user=cast.getfixturevalue("editor"),
        group=_group(roles.DIRECTOR),
        proposed_by=administrator,
    )
    login_staff(client, cast.getfixturevalue(role))
    page = client.get(reverse("admin:portal_rolechange_changelist"))
    if role in ("triage_officer", "editor"):
        assert page.status_code == 403
        return
    assert page.status_code == 200 and 'name="action"' not in page.content.decode()
    _decide(client, change, "confirm")
    assert RoleChange.objects.get().status == "pending"


def test_the_group_form_neither_offers_nor_drops_a_roles_duty(client, administrator):
    login_staff(client, administrator)
    identity = Permission.objects.get(codename="view_reporter_identity")
    own_group = _group(roles.ADMINISTRATOR)
    url = reverse("admin:auth_group_change", args=[own_group.pk])
    assert f'value="{identity.pk}"' not in client.get(url).content.decode()
    data = admin_form_data(client, url)
    data["permissions"] = [*data.get("permissions", []), str(identity.pk)]
    page = client.post(url, data)
    assert page.status_code == 200 and "errornote" in page.content.decode()
    assert not own_group.permissions.filter(pk=identity.pk).exists()
    record = RoleChangeRecord.objects.get()
    assert (record.kind, record.subject, record.detail) == (
        "permission",
        roles.ADMINISTRATOR,
        roles.VIEW_REPORTER_IDENTITY,
    )
    # The integrity group shows its sealed rights, and keeps them when they are
    # taken off the form; its name is not editable.
    sealed = _group(roles.INTEGRITY_OFFICER)
    url = reverse("admin:auth_group_change", args=[sealed.pk])
    data = admin_form_data(client, url, name="renamed")
    assert str(identity.pk) in data["permissions"]
    data["permissions"] = [pk for pk in data["permissions"] if pk != str(identity.pk)]
    page = client.post(url, data, follow=True)
    assert page.status_code == 200
    sealed.refresh_from_db()
    assert sealed.name == roles.INTEGRITY_OFFICER
    assert sealed.permissions.filter(pk=identity.pk).exists()
    delete = reverse("admin:auth_group_delete", args=[sealed.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403


def test_granting_a_duty_directly_is_refused_and_recorded(client, administrator):
    login_staff(client, administrator)
    identity = Permission.objects.get(codename="view_reporter_identity")
    url = _user_url(administrator)
    page = client.post(url, admin_form_data(client, url, user_permissions=[str(identity.pk)]))
    assert "errornote" in page.content.decode()
    record = RoleChangeRecord.objects.get()
    assert (record.event, record.kind, record.subject) == (
        "attempt_refused",
        "permission",
        administrator.username,
    )


@pytest.mark.parametrize("proposer", PROPOSERS)
def test_a_guarded_member_is_not_deleted(client, cast, proposer, integrity_officer):
    login_staff(client, cast.getfixturevalue(proposer))
    delete = reverse("admin:auth_user_delete", args=[integrity_officer.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    client.post(
        reverse("admin:auth_user_changelist"),
        {
            "action": "delete_selected",
            "post": "yes",
            helpers.ACTION_CHECKBOX_NAME: [integrity_officer.pk],
        },
    )
    assert type(integrity_officer).objects.filter(pk=integrity_officer.pk).exists()


@pytest.mark.parametrize("proposer", PROPOSERS)
@pytest.mark.parametrize("model", ["totpdevice", "staticdevice"])
def test_nobody_adds_a_device_to_a_guarded_members_account(client, cast, proposer, model):
    target = cast.getfixturevalue("integrity_officer")
    login_staff(client, cast.getfixturevalue(proposer))
    app = "otp_totp" if model == "totpdevice" else "otp_static"
    url = reverse(f"admin:{app}_{model}_add")
    page = client.post(url, admin_form_data(client, url, user=str(target.pk), name="mine"))
    assert "ตั้งค่าปัจจัยที่สองของตนเอง" in page.content.decode()
    assert not TOTPDevice.objects.filter(user=target).exists()
    assert not StaticDevice.objects.filter(user=target).exists()
    assert RoleChangeRecord.objects.get().kind == "device_add"


def test_removing_a_guarded_members_device_waits_for_a_director(
    client, administrator, integrity_officer, director
):
    device = login_staff(client, integrity_officer)
    login_staff(client, administrator)
    change_url = reverse("admin:otp_totp_totpdevice_change", args=[device.pk])
    assert client.post(change_url, {"user": administrator.pk, "name": "x"}).status_code == 403
    delete = reverse("admin:otp_totp_totpdevice_delete", args=[device.pk])
    page = client.post(delete, {"post": "yes"}, follow=True)
    assert "รอผู้บริหารยืนยัน" in page.content.decode()
    assert TOTPDevice.objects.filter(pk=device.pk, user=integrity_officer).exists()
    login_staff(client, director)
    _decide(client, RoleChange.objects.get(kind="device_remove"), "confirm")
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()


@pytest.mark.parametrize(
    ("role", "reads"),
    [
        ("integrity_officer", True),
        ("director", True),
        ("administrator", False),
        ("superuser", False),
        ("triage_officer", False),
        ("editor", False),
    ],
)
def test_only_the_integrity_officer_and_directors_read_the_record(client, cast, role, reads):
    by = cast.getfixturevalue("administrator")
    login_staff(client, by)
    admin_post(client, _user_url(by), groups=_groups_with(by, roles.INTEGRITY_OFFICER))
    record = RoleChangeRecord.objects.get()
    login_staff(client, cast.getfixturevalue(role))
    page = client.get(reverse("admin:portal_rolechangerecord_changelist"))
    assert page.status_code == (200 if reads else 403)
    if reads:
        html = page.content.decode()
        assert "ถูกปฏิเสธโดยพอร์ทัล" in html
        assert " 2569" in html or " 2570" in html  # Buddhist-Era times
    change = reverse("admin:portal_rolechangerecord_change", args=[record.pk])
    delete = reverse("admin:portal_rolechangerecord_delete", args=[record.pk])
    assert client.post(change, {"subject": "x"}).status_code == 403
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert RoleChangeRecord.objects.get().subject == by.username
