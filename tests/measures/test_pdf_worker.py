"""Measure PDFs are typeset by the task worker, once per version, and served
from storage: no web request waits on WeasyPrint."""

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from measures import services
from measures.models import Measure, MeasurePrint
from portal.lib import pdf
from tests.factories import measures as mf
from tests.login import login_staff
from tests.pdftext import assert_exact_thai, poppler_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def renderer(monkeypatch):
    """Counts every call of the project's one WeasyPrint caller."""
    calls = []
    real = pdf.html_to_pdf

    def counted(*args, **kwargs):
        calls.append(kwargs.get("title"))
        return real(*args, **kwargs)

    monkeypatch.setattr(pdf, "html_to_pdf", counted)
    return calls


def run_worker(callbacks):
    """The deferred work of a request: enqueueing the task, which the tests'
    immediate backend runs at once, as the worker would."""
    for callback in callbacks:
        callback()


def test_a_citizen_never_waits_on_the_typesetting_and_the_second_visit_gets_the_stored_file(
    client, agency, renderer, django_capture_on_commit_callbacks
):
    measure = mf.measure(status=Measure.Status.PUBLISHED, title="มาตรการน้ำใสใจจริงของสำนักงาน")
    url = measure.get_pdf_url()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        first = client.get(url)

    assert first.status_code == 202
    page = first.content.decode()
    assert "กำลังจัดทำไฟล์ PDF" in page and "รอระบบจัดพิมพ์" in page
    assert renderer == []  # the request only asked
    assert json.loads(client.get(url + "?status=1").content)["state"] == "queued"

    run_worker(callbacks)

    assert len(renderer) == 1
    printout = MeasurePrint.objects.get(measure=measure)
    stored = printout.pdf.open("rb").read()
    assert stored.startswith(b"%PDF") and printout.render_seconds > 0
    source = services.measure_print_html(measure=measure)
    assert_exact_thai(stored, source, ["มาตรการน้ำใสใจจริงของสำนักงาน", "รัฐธรรมนูญ", "ผู้อำนวยการ"])
    assert json.loads(client.get(url + "?status=1").content)["state"] == "ready"

    with django_capture_on_commit_callbacks(execute=False) as again:
        second = client.get(url)

    assert second.status_code == 200 and second["Content-Type"] == "application/pdf"
    served = second.getvalue()
    assert served == stored
    assert len(renderer) == 1 and again == []  # served from storage, nothing queued
    assert "มาตรการน้ำใสใจจริงของสำนักงาน" in poppler_text(served)


def test_many_visits_before_the_worker_runs_ask_for_one_rendering(
    client, agency, renderer, django_capture_on_commit_callbacks
):
    measure = mf.measure(status=Measure.Status.PUBLISHED)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        for _ in range(3):
            assert client.get(measure.get_pdf_url()).status_code == 202

    assert len(callbacks) == 1
    assert MeasurePrint.objects.filter(measure=measure).count() == 1


def test_publishing_asks_the_worker_so_the_first_citizen_finds_the_file(
    client, agency, director, renderer, django_capture_on_commit_callbacks
):
    measure = mf.measure(status=Measure.Status.APPROVED, approver=director)

    with django_capture_on_commit_callbacks(execute=True):
        services.measure_publish(measure=measure, by=director)

    assert len(renderer) == 1
    response = client.get(measure.get_pdf_url())
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert len(renderer) == 1


def test_each_version_is_typeset_once_a_superseded_measure_gets_its_notice(
    client, agency, renderer
):
    old = mf.measure(status=Measure.Status.PUBLISHED)
    new = mf.measure(status=Measure.Status.PUBLISHED)
    first = mf.pdf_bytes(client, old.get_pdf_url())

    services.measure_supersede(measure=old, successor=new)
    mf.typeset_waiting_prints()
    after = mf.pdf_bytes(client, old.get_pdf_url())

    assert after != first and "ยกเลิก" in poppler_text(after)
    assert MeasurePrint.objects.filter(measure=old).count() == 2
    assert len(renderer) == 2  # in force, then superseded; the successor was never asked for


def test_a_lost_rendering_is_asked_for_again(client, agency, django_capture_on_commit_callbacks):
    measure = mf.measure(status=Measure.Status.PUBLISHED)
    client.get(measure.get_pdf_url())
    MeasurePrint.objects.update(requested_at=timezone.now() - dt.timedelta(minutes=6))

    with django_capture_on_commit_callbacks(execute=True):
        assert client.get(measure.get_pdf_url()).status_code == 202

    assert mf.pdf_response(client, measure.get_pdf_url()).status_code == 200


def test_a_failed_rendering_says_so_in_thai(client, agency, monkeypatch):
    measure = mf.measure(status=Measure.Status.PUBLISHED)
    printout = services.measure_print_request(measure=measure)

    def broken(*args, **kwargs):
        raise OSError("font missing")

    monkeypatch.setattr(pdf, "html_to_pdf", broken)
    with pytest.raises(OSError):
        services.measure_print_store(print_id=printout.pk)

    page = client.get(measure.get_pdf_url()).content.decode()
    assert "จัดทำไฟล์ PDF ไม่สำเร็จ" in page
    assert json.loads(client.get(measure.get_pdf_url() + "?status=1").content)["state"] == "failed"


def test_the_directors_draft_preview_is_queued_with_progress_then_offered(
    client, agency, director, renderer, django_capture_on_commit_callbacks
):
    measure = mf.measure(title="ร่างมาตรการคณะทำงานเพื่อทดสอบ")
    url = reverse("admin:measures_measure_pdf_preview", args=[measure.pk])
    login_staff(client, director)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        waiting = client.get(url)

    assert waiting.status_code == 202 and renderer == []
    page = waiting.content.decode()
    assert "รอระบบจัดพิมพ์" in page and f'data-status-url="{url}?status=1"' in page
    run_worker(callbacks)
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert "ร่างมาตรการคณะทำงานเพื่อทดสอบ" in poppler_text(response.getvalue()).replace("\n", "")

    measure.title = "ร่างมาตรการฉบับแก้ไขแล้ว"
    measure.save()
    assert client.get(url).status_code == 202  # a new version: typeset again


def test_a_draft_pdf_has_no_public_address(client, agency, settings):
    measure = mf.measure()
    printout = services.measure_print_store(
        print_id=services.measure_print_request(measure=measure).pk
    )

    assert client.get(measure.get_pdf_url()).status_code == 404
    with pytest.raises(ValueError):
        printout.pdf.url  # noqa: B018  (the private storage gives no address)
    assert not (settings.MEDIA_ROOT / printout.pdf.name).exists()
