"""Forms that hold personal data: no cached copies, the privacy notice acknowledged on
the server, telephone numbers checked, and exported as the citizen gave them."""

import csv
import io

import pytest
from django.contrib.admin import helpers
from django.urls import reverse

from feedback.models import Case
from measures.models import Policy
from tests.factories import feedback as fb
from tests.factories import surveys as sf
from tests.login import login_staff

pytestmark = pytest.mark.django_db

FORMS = ["feedback:submit", "feedback:corruption_submit"]
DETAILS = "ครูเวรเรียกเก็บเงินค่าเข้าห้องสมุดจากนักเรียนทุกวัน ขอให้ตรวจสอบด้วย"


def _no_store(response):
    return "no-store" in response.headers.get("Cache-Control", "")


@pytest.mark.parametrize("url_name", FORMS)
def test_complaint_forms_are_never_cached_shown_or_sent_back(client, agency, url_name):
    url = reverse(url_name)
    assert _no_store(client.get(url + "?accepted=1"))
    refused = client.post(url, fb.form_data(details="สั้น", name="นายมานะ ใจดี"))
    assert refused.status_code == 200 and "นายมานะ ใจดี" in refused.content.decode()
    assert _no_store(refused)


def test_a_refused_survey_sheet_is_never_cached(client, agency):
    survey = sf.survey(questions=1)
    url = reverse("surveys:survey_answer", args=[survey.slug])
    assert _no_store(client.get(url))
    refused = client.post(url, {"token": "forged"})
    assert refused.status_code == 400 and _no_store(refused)


@pytest.mark.parametrize("url_name", FORMS)
def test_without_the_privacy_box_nothing_is_stored_and_the_text_is_kept(client, agency, url_name):
    data = fb.form_data(details=DETAILS)
    del data["privacy_acknowledged"]
    response = client.post(reverse(url_name), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "โปรดทำเครื่องหมายในช่องเพื่อยืนยันว่าท่านได้อ่านประกาศความเป็นส่วนตัวแล้ว" in html
    assert DETAILS in html
    assert Case.objects.count() == 0


def test_the_form_asks_for_the_privacy_box_beside_a_link_to_the_notice(client, agency):
    html = client.get(reverse("feedback:submit") + "?accepted=1").content.decode()
    assert "ข้าพเจ้าได้อ่านประกาศความเป็นส่วนตัว (ฉบับที่ 1)" in html
    assert 'name="privacy_acknowledged"' in html and 'name="privacy_notice_version"' in html
    assert reverse("portal:policy", args=["privacy"]) in html


def test_a_notice_changed_while_the_form_was_open_must_be_read_again(client, agency):
    data = fb.form_data(details=DETAILS)
    Policy.objects.filter(kind=Policy.Kind.PRIVACY).update(version="2")
    response = client.post(reverse("feedback:submit"), data)
    html = response.content.decode()
    assert "ขณะนี้เป็นฉบับที่ 2" in html and DETAILS in html
    assert Case.objects.count() == 0
    # The form sent back carries the new version, box unticked: ticking it files the case.
    form = response.context["form"]
    assert form["privacy_notice_version"].value() == "2"
    assert not form["privacy_acknowledged"].value()
    client.post(reverse("feedback:submit"), data | {"privacy_notice_version": "2"})
    assert Case.objects.get().privacy_notice_version == "2"


def test_the_phone_field_is_a_telephone_input(client, agency):
    html = client.get(reverse("feedback:submit") + "?accepted=1").content.decode()
    assert 'type="tel" name="phone"' in html
    assert 'autocomplete="tel"' in html


@pytest.mark.parametrize("phone", ["12345", "081-234-567", "โทรมาได้เลย", "0812345678999"])
def test_a_wrong_phone_number_is_refused_in_thai_and_nothing_is_lost(client, agency, phone):
    response = client.post(reverse("feedback:submit"), fb.form_data(details=DETAILS, phone=phone))
    html = response.content.decode()
    assert "โปรดกรอกหมายเลขโทรศัพท์ 9 หรือ 10 หลักที่ขึ้นต้นด้วย 0" in html
    assert DETAILS in html
    assert Case.objects.count() == 0


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("081-234-5678", "081-234-5678"),
        ("๐๘๑ ๒๓๔ ๕๖๗๘", "081 234 5678"),
        ("042-111-222 ต่อ 12", "042-111-222 ต่อ 12"),
        ("+66 81 234 5678", "+66 81 234 5678"),
        ("(02) 123 4567", "(02) 123 4567"),
    ],
)
def test_thai_phone_numbers_are_taken_as_typed_with_arabic_digits(client, agency, typed, stored):
    client.post(reverse("feedback:submit"), fb.form_data(phone=typed))
    assert Case.objects.get().reporter.phone == stored


def test_the_csv_export_keeps_an_international_number_as_given(client, agency, triage_officer):
    case = fb.case(reporter={"name": "นางสาวมาลี ใจงาม", "phone": "+66 81 234 5678"})
    formula = fb.case(subject='=HYPERLINK("http://evil.example")')
    login_staff(client, triage_officer)
    response = client.post(
        reverse("admin:feedback_case_changelist"),
        {"action": "export_csv", helpers.ACTION_CHECKBOX_NAME: [case.pk, formula.pk]},
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    cells = [cell for row in rows[1:] for cell in row]
    assert "+66 81 234 5678" in cells
    assert "'+66 81 234 5678" not in cells
    assert '\'=HYPERLINK("http://evil.example")' in cells
