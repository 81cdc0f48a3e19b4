"""Public pages kept for anonymous visitors (portal/lib/page_cache.py): a change
shows at once, staff and citizens with a session never get a kept page nor
leave one behind, and the forms of a kept page still post."""

import re

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client
from django.urls import reverse

from feedback.data_requests import data_request_file
from feedback.models import DataRequest
from measures.models import Activity, Measure
from portal.lib.page_cache import public_pages_version
from tests.factories import feedback as fb
from tests.factories import measures as mf
from tests.login import login_staff
from tests.queries import page_queries

pytestmark = pytest.mark.django_db

OLD, NEW = "ประชุมรับฟังความคิดเห็นรอบแรก", "ประชุมรับฟังความคิดเห็นรอบที่สอง"


def unseen_rename(activity):
    """Rename without a save, as no code of the portal does: only a page
    rendered afresh can show the new title."""
    Activity.objects.filter(pk=activity.pk).update(title=NEW)


def title_on(client, url):
    content = client.get(url).content.decode()
    assert (OLD in content) != (NEW in content)
    return OLD if OLD in content else NEW


def token_of(response):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())[1]


def test_a_second_anonymous_visitor_gets_the_kept_page_without_a_query(agency):
    url = mf.activity(title=OLD).get_absolute_url()
    page_queries(Client(), url)

    response, queries = page_queries(Client(), url)

    assert queries == 0
    assert OLD in response.content.decode()


@pytest.mark.parametrize("url_of", [lambda a: a.get_absolute_url(), lambda a: "/activities/"])
def test_a_changed_activity_shows_at_once(agency, url_of):
    activity = mf.activity(title=OLD)
    url = url_of(activity)
    assert title_on(Client(), url) == OLD

    activity.title = NEW
    activity.save()

    assert title_on(Client(), url) == NEW


def test_a_newly_published_measure_shows_at_once(agency):
    url = reverse("measures:measure_list")
    Client().get(url)

    measure = mf.measure(status=Measure.Status.PUBLISHED, title="มาตรการใหม่ล่าสุด")
    assert "มาตรการใหม่ล่าสุด" in Client().get(url).content.decode()
    assert Client().get(measure.get_absolute_url()).status_code == 200


def test_a_hidden_activity_goes_at_once(agency):
    activity = mf.activity(title=OLD)
    url = activity.get_absolute_url()
    assert OLD in Client().get("/activities/").content.decode()
    assert Client().get(url).status_code == 200

    activity.is_published = False
    activity.save()

    assert OLD not in Client().get("/activities/").content.decode()
    assert Client().get(url).status_code == 410  # gone, as a once-public record is


def test_a_deleted_improvement_goes_at_once(agency):
    improvement = mf.improvement(title="เพิ่มจุดรับส่งนักเรียนหน้าโรงเรียน")
    url = reverse("measures:improvement_list")
    assert "เพิ่มจุดรับส่งนักเรียนหน้าโรงเรียน" in Client().get(url).content.decode()

    improvement.delete()

    assert "เพิ่มจุดรับส่งนักเรียนหน้าโรงเรียน" not in Client().get(url).content.decode()


def test_staff_always_get_a_fresh_page(client, agency, editor):
    activity = mf.activity(title=OLD)
    url = activity.get_absolute_url()
    Client().get(url)
    unseen_rename(activity)
    assert title_on(Client(), url) == OLD  # the anonymous visitors' kept page

    login_staff(client, editor)

    assert title_on(client, url) == NEW


def test_nothing_rendered_for_staff_is_kept_for_the_public(client, agency, editor):
    activity = mf.activity(title=OLD)
    url = activity.get_absolute_url()
    login_staff(client, editor)
    client.get(url)
    unseen_rename(activity)

    assert title_on(Client(), url) == NEW


def citizen_with_session():
    session = SessionStore()
    session["feedback_receipts"] = [1]
    session.save()
    citizen = Client()
    citizen.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    return citizen


def citizen_with_a_message_waiting():
    citizen = Client()
    citizen.cookies["messages"] = "waiting"
    return citizen


@pytest.mark.parametrize("citizen", [citizen_with_session, citizen_with_a_message_waiting])
def test_a_citizen_with_a_session_or_a_message_gets_a_fresh_page_and_leaves_none(agency, citizen):
    activity = mf.activity(title=OLD)
    url = activity.get_absolute_url()
    assert title_on(citizen(), url) == OLD  # rendered for them: not kept
    unseen_rename(activity)
    assert title_on(Client(), url) == NEW  # rendered afresh, and now kept
    Activity.objects.filter(pk=activity.pk).update(title=OLD)

    assert title_on(citizen(), url) == OLD
    assert title_on(Client(), url) == NEW


def test_each_visitor_of_a_kept_page_posts_its_forms_with_a_token_of_their_own(agency):
    url = reverse("portal:home")
    first = Client(enforce_csrf_checks=True)
    first_token = token_of(first.get(url))
    second = Client(enforce_csrf_checks=True)

    page, queries = page_queries(second, url)
    answer = second.post(
        reverse("set_language"),
        {"language": "en", "next": url, "csrfmiddlewaretoken": token_of(page)},
    )

    assert queries == 0
    assert token_of(page) != first_token
    assert second.cookies[settings.CSRF_COOKIE_NAME].value
    assert answer.status_code == 302
    assert '<html lang="en"' in second.get(url).content.decode()  # kept apart from Thai
    assert '<html lang="th"' in Client().get(url).content.decode()


def test_each_visitor_of_a_kept_page_gets_a_script_nonce_of_their_own(agency):
    url = reverse("portal:home")
    pages = [Client().get(url) for _ in range(2)]

    nonces = []
    for page in pages:
        in_header = re.search(r"'nonce-([^']+)'", page["Content-Security-Policy"])[1]
        assert f'nonce="{in_header}"' in page.content.decode()
        nonces.append(in_header)
    assert nonces[0] != nonces[1]


def test_the_complaint_form_is_never_kept_and_a_visitor_after_another_files_a_case(agency):
    url = reverse("feedback:submit")
    Client().get(url)
    citizen = Client(enforce_csrf_checks=True)
    _acceptance, queries = page_queries(citizen, url)
    assert queries == 0  # the conditions of acceptance are kept

    form = citizen.get(url, {"accepted": "1"})
    again = Client().get(url, {"accepted": "1"})
    token = re.search(r'name="submission_token" value="([^"]+)"', form.content.decode())[1]
    assert token not in again.content.decode()
    answer = citizen.post(
        url, fb.form_data(submission_token=token, csrfmiddlewaretoken=token_of(form))
    )

    assert answer.status_code == 302
    assert answer["Location"].startswith("/feedback/receipt/")


def test_migrate_makes_the_cache_tables_a_deployment_could_forget(settings):
    from django.core.management import call_command
    from django.db import connection

    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "portal_page_cache_forgotten",
        },
    }
    assert "portal_page_cache_forgotten" not in connection.introspection.table_names()
    call_command("migrate", verbosity=0)
    assert "portal_page_cache_forgotten" in connection.introspection.table_names()


def test_a_personal_data_request_leaves_the_kept_pages_kept(agency):
    # A request changes no public page: filing one must not make every
    # visitor after it wait for pages rendered afresh.
    case = fb.case()
    before = public_pages_version()

    data_request_file(kind=DataRequest.Kind.SEE, channel=DataRequest.Channel.FORM, case=case)

    assert DataRequest.objects.get().cases.get() == case
    assert public_pages_version() == before


def test_a_new_release_renders_its_pages_afresh(agency, monkeypatch):
    # An upgrade restarts the processes with new templates and CSS (another
    # hashed file name): pages the previous release kept must not be served
    # by it, although no record changed.
    activity = mf.activity(title=OLD)
    url = activity.get_absolute_url()
    Client().get(url)
    unseen_rename(activity)
    assert title_on(Client(), url) == OLD

    monkeypatch.setattr("portal.lib.page_cache.code_version", lambda: "next-release")

    assert title_on(Client(), url) == NEW
    assert page_queries(Client(), url)[1] == 0


def test_a_new_release_draws_its_kept_fragments_afresh(agency, monkeypatch):
    from portal.lib.page_cache import kept_until_change

    assert (
        kept_until_change("walk", lambda: "drawn by the old release") == "drawn by the old release"
    )
    monkeypatch.setattr("portal.lib.page_cache.code_version", lambda: "next-release")

    assert (
        kept_until_change("walk", lambda: "drawn by the new release") == "drawn by the new release"
    )
