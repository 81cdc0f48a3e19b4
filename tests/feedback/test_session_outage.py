"""The session and the database going away: a citizen who already holds a
session cookie gets the form back like anyone else, a case stored just before
the database went gives its receipt, and no session is written over or lost.
"""

import contextlib

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.urls import reverse

from feedback import views
from feedback.models import Case
from tests import factories
from tests.factories import feedback as fb
from tests.faults import database_away, failing_on
from tests.login import login_staff

pytestmark = pytest.mark.django_db


def file_a_case(client):
    response = client.post(reverse("feedback:submit"), fb.form_data())
    assert response.status_code == 302
    return Case.objects.latest("pk")


def test_a_citizen_with_a_session_gets_the_form_back_with_the_database_away(client, agency):
    file_a_case(client)  # an earlier case: the browser now holds a session cookie
    data = fb.form_data(details="ไฟถนนหน้าตลาดดับทั้งซอย")
    with connection.execute_wrapper(database_away):
        response = client.post(reverse("feedback:submit"), data)
    assert response.status_code == 503
    html = response.content.decode()
    assert "ยังไม่ได้บันทึกเรื่องของท่าน" in html
    assert "ไฟถนนหน้าตลาดดับทั้งซอย" in html and data["submission_token"] in html
    assert Case.objects.count() == 1


def test_the_session_that_could_not_be_read_is_kept_whole(client, agency, triage_officer):
    login_staff(client, triage_officer)
    session_key = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    data = fb.form_data()
    with connection.execute_wrapper(database_away):
        response = client.post(reverse("feedback:submit"), data)
    assert response.status_code == 503
    # Neither deleted with the cookie nor written over: still signed in after.
    assert client.cookies[django_settings.SESSION_COOKIE_NAME].value == session_key
    assert client.get(reverse("admin:index")).status_code == 200


@contextlib.contextmanager
def database_lost_after_the_case_is_stored(monkeypatch):
    """The database goes away the instant the case's transaction commits."""
    with contextlib.ExitStack() as lost:
        register = views.case_register

        def register_then_lose_the_database(**kwargs):
            case = register(**kwargs)
            lost.enter_context(connection.execute_wrapper(database_away))
            return case

        monkeypatch.setattr(views, "case_register", register_then_lose_the_database)
        yield


@pytest.mark.parametrize("has_session", [False, True], ids=["new visitor", "with a session"])
def test_a_database_lost_just_after_the_commit_shows_the_receipt_at_once(
    client, agency, monkeypatch, has_session
):
    if has_session:
        file_a_case(client)
    data = fb.form_data(attachments=[factories.jpeg_upload("roof.jpg")])
    with database_lost_after_the_case_is_stored(monkeypatch):
        response = client.post(reverse("feedback:submit"), data)
    assert response.status_code == 200
    case = Case.objects.get(submission_token=data["submission_token"])
    html = response.content.decode()
    assert "ได้รับเรื่องของท่านแล้ว" in html and case.tracking_code in html
    assert case.attachments.count() == 1


def test_the_session_saved_by_the_view_is_not_written_again_after_it(client, agency):
    file_a_case(client)
    # Only the view's own write of the session succeeds: a second write, after
    # the view, would fail and turn the stored case into an error page.
    writes = []

    def one_session_write(execute, sql, params, many, context):
        if sql.startswith('UPDATE "django_session"'):
            writes.append(sql)
            if len(writes) > 1:
                return failing_on("UPDATE")(execute, sql, params, many, context)
        return execute(sql, params, many, context)

    data = fb.form_data()
    with connection.execute_wrapper(one_session_write):
        response = client.post(reverse("feedback:submit"), data)
    case = Case.objects.get(submission_token=data["submission_token"])
    assert response.status_code == 302 and len(writes) == 1
    assert case.tracking_code in client.get(response.url).content.decode()


def test_the_receipt_asks_for_a_reload_while_the_database_is_away(client, agency):
    case = file_a_case(client)
    with connection.execute_wrapper(database_away):
        response = client.get(reverse("feedback:receipt", args=[case.pk]))
    assert response.status_code == 503
    assert "กรุณาโหลดหน้านี้ใหม่" in response.content.decode()
    assert (
        case.tracking_code
        in client.get(reverse("feedback:receipt", args=[case.pk])).content.decode()
    )
