"""Measures in public and in print: who sees them, approval, the list and the PDFs."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models.deletion import ProtectedError
from django.urls import reverse
from pypdf import PdfReader

from measures import services
from measures.models import Clause, Measure
from portal.lib import thai
from tests.factories import measures as mf
from tests.login import login_staff
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def test_it_hides_unpublished_measures(client, agency):
    draft = mf.measure()
    approved = mf.measure(status=Measure.Status.APPROVED)

    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(approved.get_pdf_url()).status_code == 404
    assert draft.title not in client.get(reverse("measures:measure_list")).content.decode()


def test_director_approves_and_editor_publishes(client, agency, director, editor):
    measure = mf.imported_measure(3)

    with pytest.raises(PermissionDenied):
        services.measure_approve(measure=measure, by=editor)
    services.measure_approve(measure=measure, by=director)
    services.measure_publish(measure=measure, by=editor)

    measure.refresh_from_db()
    assert (measure.status, measure.approved_by) == (Measure.Status.PUBLISHED, director)
    published = measure.history.first()
    assert (published.status, published.history_user) == (Measure.Status.PUBLISHED, editor)
    page = client.get(measure.get_absolute_url()).content.decode()
    assert "ประกาศสำนักงานเขตพื้นที่การศึกษาประถมศึกษานครพนม เขต ๒" in page
    assert "(นายประสงค์ สุภา)" in page
    # Seed 003 is typed in Thai digits: the date line follows, as in the PDF.
    assert "ประกาศ ณ วันที่ ๙ ตุลาคม พ.ศ. ๒๕๖๑" in page
    assert "ตุลาคม พ.ศ. 2561" not in page


def test_a_measure_in_arabic_digits_keeps_its_date_in_arabic_digits(client, agency):
    measure = mf.measure(status=Measure.Status.PUBLISHED, thai_digits=False)

    page = client.get(measure.get_absolute_url()).content.decode()

    assert "ประกาศ ณ วันที่ 15 ตุลาคม พ.ศ. 2568" in page


def test_a_draft_without_date_or_signatory_cannot_be_approved(director):
    measure = mf.imported_measure(4)

    with pytest.raises(ValidationError):
        services.measure_approve(measure=measure, by=director)


def test_director_approves_through_the_admin_action(client, director):
    measure = mf.measure()
    login_staff(client, director)

    client.post(
        reverse("admin:measures_measure_changelist"),
        {"action": "approve", "_selected_action": [measure.pk]},
    )

    measure.refresh_from_db()
    assert measure.status == Measure.Status.APPROVED
    assert measure.approved_by == director


def test_published_url_survives_supersession_and_archiving(client, agency):
    old = mf.measure(status=Measure.Status.PUBLISHED, slug="2568-1")
    new = mf.measure(status=Measure.Status.PUBLISHED, slug="2569-1", fiscal_year_from=2570)
    url = old.get_absolute_url()

    services.measure_supersede(measure=old, successor=new)
    page = client.get(url).content.decode()
    assert url == "/measures/2568-1/"
    assert "ถูกแทนที่" in page
    assert new.get_absolute_url() in page

    services.measure_archive(measure=new)
    assert client.get(new.get_absolute_url()).status_code == 200
    assert mf.pdf_response(client, new.get_pdf_url()).status_code == 200


def test_a_published_measure_is_never_deleted(client, administrator):
    measure = mf.measure(status=Measure.Status.PUBLISHED)

    with pytest.raises(ProtectedError):
        measure.delete()
    login_staff(client, administrator)
    response = client.post(
        reverse("admin:measures_measure_delete", args=[measure.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert Measure.objects.filter(pk=measure.pk).exists()


def test_slug_is_read_only_once_published(client, administrator):
    measure = mf.measure(status=Measure.Status.PUBLISHED)
    login_staff(client, administrator)

    page = client.get(reverse("admin:measures_measure_change", args=[measure.pk])).content
    assert b'name="slug"' not in page


def test_clause_with_html_is_shown_as_text(client, agency):
    measure = mf.measure(status=Measure.Status.PUBLISHED)
    Clause.objects.create(measure=measure, position=2, text="<script>alert(1)</script>ข้อความ")

    page = client.get(measure.get_absolute_url()).content.decode()

    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;ข้อความ" in page


def test_official_pdf_has_the_announcement_text(client, agency):
    measure = mf.imported_measure(0)
    Measure.objects.filter(pk=measure.pk).update(
        status=Measure.Status.PUBLISHED,
        approved_by=mf.factories.staff_user(role=mf.factories.roles.DIRECTOR),
        approved_at=measure.created_at,
        published_at=measure.created_at,
    )

    pdf = mf.pdf_bytes(client, measure.get_pdf_url())

    reader = PdfReader(io.BytesIO(pdf))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "ประกาศสำนักงานเขตพื้นที่การศึกษาประถมศึกษาชัยนาท" in text
    assert "(นางสาวลออ วิลัย)" in text
    assert "๑๕ มิถุนายน พ.ศ. ๒๕๖๒" in text
    assert mf.pdf_bytes(client, measure.get_pdf_url()) == pdf


def test_a_year_outside_any_fiscal_year_is_refused_with_a_thai_message(client, editor):
    measure = mf.measure()
    login_staff(client, editor)
    url = reverse("admin:measures_measure_change", args=[measure.pk])
    data = {
        "agency_name": measure.agency_name,
        "title": "ชื่อที่แก้ใหม่",
        "slug": measure.slug,
        "preamble": measure.preamble,
        "closing": "",
        "announced_on": "2025-10-15",
        "signatory_name": measure.signatory_name,
        "signatory_position": "",
        "footer": "",
        "fiscal_year_from": "3112",
        "fiscal_year_to": "",
        "thai_digits": "on",
        "source_text": "",
        "clauses-TOTAL_FORMS": "0",
        "clauses-INITIAL_FORMS": "0",
    }

    response = client.post(url, data)

    assert response.status_code == 200
    assert "ไม่ใช่ปีงบประมาณ" in response.content.decode()
    assert "ชื่อที่แก้ใหม่" in response.content.decode()
    measure.refresh_from_db()
    assert measure.title != "ชื่อที่แก้ใหม่"


def test_measure_list_uses_constant_queries(client, agency):
    for _ in range(3):
        mf.measure(status=Measure.Status.PUBLISHED)

    def grow():
        for _ in range(6):
            mf.measure(status=Measure.Status.ARCHIVED)

    response = assert_constant_queries(
        client, reverse("measures:measure_list"), grow=grow, at_most=4
    )
    assert "ยกเลิกแล้ว" in response.content.decode() or "เก็บถาวร" in response.content.decode()


def test_only_the_director_is_offered_the_approve_action(client, editor, director):
    mf.measure()
    url = reverse("admin:measures_measure_changelist")

    login_staff(client, editor)
    assert 'value="approve"' not in client.get(url).content.decode()
    login_staff(client, director)
    assert 'value="approve"' in client.get(url).content.decode()


def test_official_pdf_prints_the_agencys_uploaded_emblem(client, agency, settings):
    from django.core.files.base import ContentFile

    from tests.factories import jpeg_upload

    agency.emblem.save("garuda.jpg", ContentFile(jpeg_upload().read()))
    measure = mf.measure(status=Measure.Status.PUBLISHED)

    reader = PdfReader(io.BytesIO(mf.pdf_bytes(client, measure.get_pdf_url())))

    images = reader.pages[0].images
    assert len(images) == 1 and images[0].image.size == (64, 48)


def _pdf_text(content):
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_director_previews_a_draft_pdf_marked_as_a_draft(client, agency, director):
    measure = mf.measure(title="มาตรการฉบับร่างเพื่อทดสอบ")
    preview_url = reverse("admin:measures_measure_pdf_preview", args=[measure.pk])
    login_staff(client, director)

    change_page = client.get(
        reverse("admin:measures_measure_change", args=[measure.pk])
    ).content.decode()
    response = mf.pdf_response(client, preview_url)

    assert preview_url in change_page and "ดูตัวอย่าง PDF" in change_page
    assert response["Content-Type"] == "application/pdf"
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    pdf = response.getvalue()
    text = _pdf_text(pdf)
    assert "เพื่อทดสอบ" in text, text
    assert "ร่าง – ยังไม่ได้ประกาศ" in text
    assert PdfReader(io.BytesIO(pdf)).metadata.title.startswith("(ร่าง)")
    client.logout()
    assert client.get(measure.get_pdf_url()).status_code == 404  # never public
    assert client.get(preview_url).status_code == 302  # to the login page


def test_staff_without_access_to_measures_cannot_preview_a_draft(client, agency):
    measure = mf.measure()
    outsider = mf.factories.staff_user(role=mf.factories.roles.ADMINISTRATOR)
    outsider.groups.clear()
    login_staff(client, outsider)

    response = client.get(reverse("admin:measures_measure_pdf_preview", args=[measure.pk]))

    assert response.status_code == 403


def test_the_pdf_of_a_measure_in_force_carries_no_notice(client, agency):
    measure = mf.measure(status=Measure.Status.PUBLISHED)

    text = _pdf_text(mf.pdf_bytes(client, measure.get_pdf_url()))

    assert "ยกเลิกแล้ว" not in text and "ร่าง" not in text and "เก็บถาวร" not in text


def test_the_pdf_of_a_superseded_measure_says_so_on_every_page(client, agency):
    old = mf.measure(status=Measure.Status.PUBLISHED, slug="2568-1")
    for position in range(2, 40):  # long enough for a second page
        old.clauses.create(position=position, label=str(position), text="ข้อความ" * 30)
    new = mf.measure(status=Measure.Status.PUBLISHED, slug="2569-7", title="มาตรการฉบับใหม่")
    services.measure_supersede(measure=old, successor=new)
    old.refresh_from_db()
    since = thai.format_date(old.ended_at, style="full", digits="thai")

    pages = [
        page.extract_text()
        for page in PdfReader(io.BytesIO(mf.pdf_bytes(client, old.get_pdf_url()))).pages
    ]

    assert len(pages) > 1
    notice = f"ยกเลิกแล้ว – แทนที่ด้วยประกาศฉบับ 2569-7 ตั้งแต่วันที่ {since}"
    assert all(notice in page for page in pages)
    assert "มาตรการฉบับใหม่" in pages[0]


def test_the_pdf_of_an_archived_measure_says_it_is_archived(client, agency):
    measure = mf.measure(status=Measure.Status.PUBLISHED)
    services.measure_archive(measure=measure)

    text = _pdf_text(mf.pdf_bytes(client, measure.get_pdf_url()))

    assert "เก็บถาวร – ไม่มีผลใช้บังคับแล้ว ตั้งแต่วันที่" in text
