"""Attacks on personal data requests asked by contact address
(feedback.data_request_links): forged, replayed, expired and altered links,
a link's page opened by a mail scanner or posted from another site, and an
address carrying both a corruption report and a plain complaint, as a triage
officer (who must not learn that the corruption report exists) sees it."""

import datetime as dt
import re
import uuid

import pytest
from django.core import mail, signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from feedback.data_request_links import SALT
from feedback.models import DataRequest, DataRequestLink
from tests.admin_form import admin_post
from tests.factories import feedback as fb
from tests.login import login_staff

pytestmark = pytest.mark.django_db

VICTIM = "whistle@example.org"
CONFIRM = "feedback:data_request_confirm"


def _ask(client, email, kind="see"):
    data = {"email": email, "kind": kind, "details": "นามสกุลสะกดผิด"}
    data["submission_token"] = str(uuid.uuid4())  # a fresh form page each time
    return client.post(reverse("feedback:data_request_by_address"), data)


def _mailed_path(django_capture_on_commit_callbacks, client, email, kind="see"):
    with django_capture_on_commit_callbacks(execute=True):
        _ask(client, email, kind)
    (path,) = re.findall(r"(/feedback/personal-data/confirm/\S+/)", mail.outbox[-1].body)
    return path


@pytest.fixture
def mixed(agency):
    """One address on a corruption report and on a plain complaint."""
    sealed = fb.corruption_case(reporter={"name": "นายผู้แจ้ง ลับมาก", "email": VICTIM})
    plain = fb.case(reporter={"name": "นายผู้แจ้ง ลับมาก", "email": VICTIM, "phone": "0812345678"})
    return sealed, plain


def test_a_forged_or_altered_token_opens_nothing_and_files_nothing(
    client, mixed, django_capture_on_commit_callbacks
):
    path = _mailed_path(django_capture_on_commit_callbacks, client, VICTIM)
    token = path.rstrip("/").rsplit("/", 1)[1]
    link = DataRequestLink.objects.get()
    forged = [
        token[:-1] + ("A" if token[-1] != "A" else "B"),  # signature altered
        signing.Signer(salt="another").sign(f"{link.pk}.{link.nonce}"),  # wrong salt
        signing.Signer(salt=SALT, key="not-the-secret").sign(f"{link.pk}.{link.nonce}"),
        signing.Signer(salt=SALT).sign(f"{link.pk}.guessed-nonce"),  # signed but unknown
        signing.Signer(salt=SALT).sign(f"{link.pk + 1}.{link.nonce}"),
        "%00",
        "..%2F..%2F",
        "x" * 3000,
    ]
    for bad in forged:
        for method in (client.get, client.post):
            response = method(f"/feedback/personal-data/confirm/{bad}/")
            assert response.status_code in (404, 410), bad
    assert not DataRequest.objects.exists()
    assert client.post(path).status_code == 302  # the real one still works once


def test_a_used_link_cannot_be_replayed_by_another_browser(
    client, mixed, django_capture_on_commit_callbacks
):
    path = _mailed_path(django_capture_on_commit_callbacks, client, VICTIM, kind="erase")
    assert client.post(path).status_code == 302
    request = DataRequest.objects.get()
    other = Client()
    for method in (other.get, other.post):
        response = method(path)
        assert response.status_code == 410
        assert request.reference not in response.content.decode()
    # Nor its receipt, by number.
    receipt = other.get(reverse("feedback:data_request_receipt", args=[request.pk]))
    assert receipt.status_code == 302
    assert DataRequest.objects.count() == 1


def test_an_expired_link_files_nothing(client, mixed, settings, django_capture_on_commit_callbacks):
    path = _mailed_path(django_capture_on_commit_callbacks, client, VICTIM)
    link = DataRequestLink.objects.get()
    link.created_at = timezone.now() - dt.timedelta(
        hours=settings.FEEDBACK_DATA_REQUEST_LINK_HOURS, seconds=1
    )
    link.save(update_fields=["created_at"])
    assert client.post(path).status_code == 410
    assert not DataRequest.objects.exists()


def test_a_link_is_bound_to_its_own_address(client, agency, django_capture_on_commit_callbacks):
    """Mallory's own link, for her own address, never files a request on
    another address's cases, whatever she changes after it was sent."""
    victim_case = fb.case(reporter={"name": "เหยื่อ", "email": VICTIM})
    mallory_case = fb.case(reporter={"name": "มัลลอรี", "email": "mallory@example.org"})
    path = _mailed_path(django_capture_on_commit_callbacks, client, "mallory@example.org")
    assert client.post(path).status_code == 302
    assert list(DataRequest.objects.get().cases.all()) == [mallory_case]
    assert not DataRequest.objects.filter(cases=victim_case).exists()


def test_opening_the_link_files_nothing_and_a_cross_site_post_is_refused(
    client, mixed, django_capture_on_commit_callbacks
):
    path = _mailed_path(django_capture_on_commit_callbacks, client, VICTIM, kind="erase")
    for method in ("get", "head", "options"):
        getattr(Client(), method)(path)
    assert not DataRequest.objects.exists()
    assert DataRequestLink.objects.get().used_at is None
    # Another site's page posting to the link (no CSRF token) is refused.
    forged_post = Client(enforce_csrf_checks=True).post(path)
    assert forged_post.status_code == 403
    assert not DataRequest.objects.exists()


def test_the_by_address_form_refuses_a_cross_site_post(client, mixed):
    response = Client(enforce_csrf_checks=True).post(
        reverse("feedback:data_request_by_address"), {"email": VICTIM, "kind": "see"}
    )
    assert response.status_code == 403
    assert not DataRequestLink.objects.exists()


def test_a_triage_officer_learns_nothing_of_the_corruption_report_through_a_mixed_request(
    client, mixed, triage_officer, django_capture_on_commit_callbacks
):
    sealed, plain = mixed
    path = _mailed_path(django_capture_on_commit_callbacks, client, VICTIM, kind="correct")
    assert client.post(path).status_code == 302
    request = DataRequest.objects.get()
    assert set(request.cases.all()) == {sealed, plain}
    login_staff(client, triage_officer)
    pages = [
        reverse("admin:index"),
        reverse("admin:feedback_datarequest_changelist"),
        reverse("admin:feedback_datarequest_changelist") + f"?q={plain.tracking_number}",
        reverse("admin:feedback_case_change", args=[plain.pk]),
        reverse("admin:feedback_case_history", args=[plain.pk]),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert request.reference not in html, url
        assert sealed.tracking_number not in html, url
        assert sealed.subject not in html, url
        # The plain case's page offers no correction: triage sees no request
        # asking it, so an editable form would tell that a hidden one exists.
        assert "มีคำขอแก้ไขข้อมูล" not in html, url
    assert client.get(
        reverse("admin:feedback_datarequest_change", args=[request.pk])
    ).status_code in (302, 404)


def test_the_plain_case_s_history_does_not_name_a_request_about_a_corruption_report(
    client, mixed, triage_officer, integrity_officer, django_capture_on_commit_callbacks
):
    _sealed, plain = mixed
    path = _mailed_path(django_capture_on_commit_callbacks, client, VICTIM, kind="correct")
    client.post(path)
    request = DataRequest.objects.get()
    # The integrity officer corrects the name on the plain case as asked.
    login_staff(client, integrity_officer)
    change = reverse("admin:feedback_case_change", args=[plain.pk])
    response = admin_post(client, change, **{"reporter-0-name": "นายผู้แจ้ง ลับมากขึ้น"})
    assert response.status_code == 200
    plain.reporter.refresh_from_db()
    assert plain.reporter.name == "นายผู้แจ้ง ลับมากขึ้น"
    client.logout()
    login_staff(client, triage_officer)
    history = client.get(reverse("admin:feedback_case_history", args=[plain.pk]))
    assert history.status_code == 200
    assert "แก้ไข" in history.content.decode()  # the correction is on record
    assert request.reference not in history.content.decode()


def test_a_case_planted_with_the_whistleblower_s_address_tells_its_filer_nothing(
    client, agency, integrity_officer, django_capture_on_commit_callbacks
):
    """Mallory suspects the owner of VICTIM filed a corruption report: she files
    a plain complaint typing that address, and waits for them to ask about
    their data by address. Her tracking page, her own request, and the
    receipt's number must tell her nothing of their request."""
    sealed = fb.corruption_case(reporter={"name": "ผู้แจ้งเบาะแส", "email": VICTIM})
    planted = fb.case(reporter={"name": "มัลลอรี", "email": VICTIM})
    path = _mailed_path(django_capture_on_commit_callbacks, client, VICTIM, kind="see")
    assert client.post(path).status_code == 302
    theirs = DataRequest.objects.get()
    assert set(theirs.cases.all()) == {sealed, planted}  # by address, as designed

    mallory = Client()
    mallory.post(reverse("feedback:track"), {"code": planted.tracking_code}, follow=True)
    page = mallory.get(reverse("feedback:track_case", args=[planted.pk]))
    assert page.status_code == 200
    assert theirs.reference not in page.content.decode()
    receipt = mallory.get(reverse("feedback:data_request_receipt", args=[theirs.pk]))
    assert receipt.status_code == 302
    # Asking the same herself gives her a request of her own, not theirs.
    mine = mallory.post(
        reverse("feedback:track_data_request", args=[planted.pk]), {"kind": "see"}, follow=True
    )
    assert mine.status_code == 200
    assert theirs.reference not in mine.content.decode()
    own = DataRequest.objects.exclude(pk=theirs.pk).get()
    assert list(own.cases.all()) == [planted]
    # The whistleblower, with the corruption report's code, still sees theirs.
    whistleblower = Client()
    whistleblower.post(reverse("feedback:track"), {"code": sealed.tracking_code}, follow=True)
    own_page = whistleblower.get(reverse("feedback:track_case", args=[sealed.pk]))
    assert theirs.reference in own_page.content.decode()
