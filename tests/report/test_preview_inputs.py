"""The draft PDF's request is cheap: it keys the draft on the records'
change signal and the day, and leaves the year's figures and HTML to the task
worker. A change to a record the report shows makes a new draft; a draft
whose content was typeset already is not typeset again."""

import io
import shutil

import pytest
from django.core.management import call_command
from django.utils import timezone

from portal.lib import pdf
from portal.report import build, services
from portal.report.models import AnnualReportPreview
from tests.factories import measures as mf
from tests.login import login_staff

pytestmark = pytest.mark.django_db

URL = "/reports/2569/preview.pdf"


@pytest.fixture
def typeset(monkeypatch):
    """Every typesetting, by the HTML it was given (the stored bytes carry it)."""
    calls = []

    def html_to_pdf(html, **meta):
        calls.append(html)
        return b"%PDF-1.7 " + html.encode()

    monkeypatch.setattr(pdf, "html_to_pdf", html_to_pdf)
    return calls


@pytest.fixture
def builds(monkeypatch):
    calls = []
    real = build.annual_report_build

    def counted(**kwargs):
        calls.append(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(services, "annual_report_build", counted)
    return calls


def ask(client, capture):
    """One visit of the draft's URL with the worker run after it."""
    with capture(execute=False) as worker:
        response = client.get(URL)
    for run in worker:
        run()
    return response


def test_the_request_builds_nothing_and_an_unchanged_year_is_served_from_its_file(
    client, agency, director, typeset, builds, django_capture_on_commit_callbacks
):
    login_staff(client, director)

    with django_capture_on_commit_callbacks(execute=False) as worker:
        waiting = client.get(URL)
    assert waiting.status_code == 202 and builds == [] and typeset == []
    for run in worker:
        run()
    assert len(builds) == 1 and len(typeset) == 1  # in the worker

    served = ask(client, django_capture_on_commit_callbacks)
    assert served.status_code == 200 and served["Content-Type"] == "application/pdf"
    assert len(builds) == 1 and len(typeset) == 1
    assert AnnualReportPreview.objects.count() == 1


def test_a_change_to_a_shown_record_makes_a_new_draft_with_it(
    client, agency, director, typeset, django_capture_on_commit_callbacks
):
    login_staff(client, director)
    ask(client, django_capture_on_commit_callbacks)
    first = ask(client, django_capture_on_commit_callbacks).getvalue()
    assert "เวทีรับฟังความคิดเห็นเรื่องน้ำประปา".encode() not in first

    mf.activity(title="เวทีรับฟังความคิดเห็นเรื่องน้ำประปา")
    assert ask(client, django_capture_on_commit_callbacks).status_code == 202
    second = ask(client, django_capture_on_commit_callbacks)

    assert second.status_code == 200
    assert "เวทีรับฟังความคิดเห็นเรื่องน้ำประปา".encode() in second.getvalue()
    assert len(typeset) == 2 and AnnualReportPreview.objects.count() == 2


def test_a_change_that_leaves_the_content_as_it_was_shares_the_typeset_file(
    client, agency, director, typeset, django_capture_on_commit_callbacks
):
    login_staff(client, director)
    ask(client, django_capture_on_commit_callbacks)
    agency.save()  # saved as it was: the change signal moves, the report stays
    assert ask(client, django_capture_on_commit_callbacks).status_code == 202  # a new key

    served = ask(client, django_capture_on_commit_callbacks)

    assert served.status_code == 200 and len(typeset) == 1  # typeset once
    older, newer = AnnualReportPreview.objects.order_by("requested_at")
    assert older.pdf.name == newer.pdf.name and older.content_key == newer.content_key
    # The older draft goes with the daily prune; the file it shares stays.
    AnnualReportPreview.objects.filter(pk=older.pk).update(
        requested_at=timezone.now() - timezone.timedelta(days=3)
    )
    call_command("storage_prune", stdout=io.StringIO())
    assert list(AnnualReportPreview.objects.values_list("pk", flat=True)) == [newer.pk]
    assert newer.pdf.storage.exists(newer.pdf.name)
    assert ask(client, django_capture_on_commit_callbacks).status_code == 200


def test_the_progress_page_follows_the_draft_it_asked_for_through_a_change(
    client, agency, director, typeset, django_capture_on_commit_callbacks
):
    login_staff(client, director)
    with django_capture_on_commit_callbacks(execute=False) as worker:
        waiting = client.get(URL)
    file_url = waiting.context["file_url"]
    mf.activity(title="เวทีที่บันทึกระหว่างรอ")  # saved while the reader waits

    assert client.get(file_url + "&status=1").json()["state"] == "queued"
    for run in worker:
        run()
    assert client.get(file_url + "&status=1").json()["state"] == "ready"
    assert client.get(file_url)["Content-Type"] == "application/pdf"
    assert AnnualReportPreview.objects.count() == 1  # following it asked for no other


@pytest.fixture
def deployed_templates(settings, tmp_path):
    """The site's templates as a deploy installs them, in a folder of their
    own; `deploy()` changes one of them and restarts (the release's version
    is worked out once per process)."""
    from portal.lib.code_version import code_version

    folder = tmp_path / "templates"
    shutil.copytree(settings.SITE_FILES / "templates", folder)
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [folder]}]
    code_version.cache_clear()

    def deploy(name, old, new):
        template = folder / name
        template.write_text(template.read_text().replace(old, new, 1))
        # A restart: no template compiled before, the version worked out again.
        settings.TEMPLATES = [{**settings.TEMPLATES[0]}]
        code_version.cache_clear()

    yield deploy
    code_version.cache_clear()


def test_a_template_changed_by_a_deploy_makes_a_new_draft_at_once(
    client, agency, director, typeset, deployed_templates, django_capture_on_commit_callbacks
):
    login_staff(client, director)
    ask(client, django_capture_on_commit_callbacks)
    first = ask(client, django_capture_on_commit_callbacks)
    assert first.status_code == 200 and "ฉบับปรับรูปแบบ".encode() not in first.getvalue()

    # The same day, no record changed: only the release is new.
    deployed_templates("portal/report_document.html", "<main>", "<main><p>ฉบับปรับรูปแบบ</p>")
    assert ask(client, django_capture_on_commit_callbacks).status_code == 202  # a new draft
    second = ask(client, django_capture_on_commit_callbacks)

    assert second.status_code == 200
    assert "ฉบับปรับรูปแบบ".encode() in second.getvalue()
    assert len(typeset) == 2 and AnnualReportPreview.objects.count() == 2
