"""The date of the incident is typed and shown in the Buddhist Era, as a Thai
citizen writes it, never through the browser's Gregorian picker."""

import datetime as dt

import pytest
from django.urls import reverse

from feedback.models import Case
from tests.factories import feedback as fb

pytestmark = pytest.mark.django_db


def _submit(client, written):
    return client.post(reverse("feedback:submit"), fb.form_data(incident_on=written))


def test_the_form_asks_for_a_buddhist_era_date_in_a_plain_text_box(client, agency):
    html = client.get(reverse("feedback:submit"), {"accepted": "1"}).content.decode()

    assert 'name="incident_on"' in html
    assert 'type="date"' not in html
    assert 'inputmode="numeric"' in html
    assert "วัน/เดือน/ปี พ.ศ. เช่น 20/11/2569" in html


@pytest.mark.parametrize(
    "written",
    ["20/11/2568", "๒๐/๑๑/๒๕๖๘", "20-11-2568", "20 พ.ย. 2568", "20 พฤศจิกายน พ.ศ. 2568"],
)
def test_a_date_written_in_the_buddhist_era_is_stored_as_that_day(client, agency, written):
    response = _submit(client, written)

    assert response.status_code == 302, response.content.decode()[:500]
    assert Case.objects.get().incident_on == dt.date(2025, 11, 20)


def test_a_gregorian_year_is_refused_in_thai_and_the_text_is_kept(client, agency):
    details = fb.form_data()["details"]

    html = _submit(client, "20/11/2025").content.decode()

    assert "กรุณากรอกปีเป็นพุทธศักราช (พ.ศ.) เช่น 2568 แทน 2025" in html
    assert 'value="20/11/2025"' in html  # shown back as typed
    assert details in html
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("31/02/2569", "ไม่มีวันที่นี้ในปฏิทิน (31/02/2569)"),
        ("เมื่อวานนี้", "กรุณากรอกวันที่เป็น วัน/เดือน/ปี พ.ศ. เช่น 20/11/2569"),
        ("20 ธันวา 2568", "กรุณากรอกวันที่เป็น วัน/เดือน/ปี พ.ศ."),
    ],
)
def test_a_date_that_cannot_be_read_gets_a_clear_thai_error(client, agency, written, message):
    html = _submit(client, written).content.decode()

    assert message in html
    assert not Case.objects.exists()


def test_a_form_sent_back_shows_an_accepted_date_in_the_buddhist_era(client, agency):
    data = fb.form_data(incident_on="๕/๓/๒๕๖๙")
    del data["certified_true"]

    html = client.post(reverse("feedback:submit"), data).content.decode()

    assert 'value="๕/๓/๒๕๖๙"' in html  # as typed
    assert "2026" not in html.split('name="incident_on"')[1].split(">")[0]
