import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models.deletion import ProtectedError
from django.urls import reverse
from pypdf import PdfReader

from measures import services
from measures.models import Clause, Measure
from tests.measures import factories as mf

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
    page = client.get(measure.get_absolute_url()).content.decode()
    assert "ประกาศสำนักงานเขตพื้นที่การศึกษาประถมศึกษานครพนม เขต ๒" in page
    assert "(นายประสงค์ สุภา)" in page
    assert "ประกาศ ณ วันที่ 9 ตุลาคม พ.ศ. 2561" in page


def test_a_draft_without_date_or_signatory_cannot_be_approved(director):
    measure = mf.imported_measure(4)

    with pytest.raises(ValidationError):
        services.measure_approve(measure=measure, by=director)


def test_director_approves_through_the_admin_action(client, director):
    measure = mf.measure()
    client.force_login(director)

    client.post(
        reverse("admin:measures_measure_changelist"),
        {"action": "approve", "_selected_action": [measure.pk]},
    )

    measure.refresh_from_db()
    assert measure.status == Measure.Status.APPROVED
    assert measure.approved_by == director


def test_published_url_survives_edits_supersession_and_archiving(client, agency):
    old = mf.measure(status=Measure.Status.PUBLISHED, slug="2568-1")
    new = mf.measure(status=Measure.Status.PUBLISHED, slug="2569-1", fiscal_year_from=2570)
    url = old.get_absolute_url()

    old.title = "มาตรการฉบับแก้ไขถ้อยคำ"
    old.save()
    assert "มาตรการฉบับแก้ไขถ้อยคำ" in client.get(url).content.decode()

    services.measure_supersede(measure=old, successor=new)
    page = client.get(url).content.decode()
    assert url == "/measures/2568-1/"
    assert "ถูกแทนที่" in page
    assert new.get_absolute_url() in page

    services.measure_archive(measure=new)
    assert client.get(new.get_absolute_url()).status_code == 200
    assert client.get(new.get_pdf_url()).status_code == 200


def test_a_published_measure_is_never_deleted(client, administrator):
    measure = mf.measure(status=Measure.Status.PUBLISHED)

    with pytest.raises(ProtectedError):
        measure.delete()
    client.force_login(administrator)
    response = client.post(
        reverse("admin:measures_measure_delete", args=[measure.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert Measure.objects.filter(pk=measure.pk).exists()


def test_slug_is_read_only_once_published(client, administrator):
    measure = mf.measure(status=Measure.Status.PUBLISHED)
    client.force_login(administrator)

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

    response = client.get(measure.get_pdf_url())

    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "ประกาศสานักงานเขตพื้นที่การศึกษาประถมศึกษาชัยนาท" in text  # ำ → า (documented)
    assert "(นางสาวลออ วิลัย)" in text
    assert "๑๕ มิถุนายน พ.ศ. ๒๕๖๒" in text
    assert client.get(measure.get_pdf_url()).content == response.content


def test_a_year_outside_any_fiscal_year_is_refused_with_a_thai_message(client, editor):
    measure = mf.measure()
    client.force_login(editor)
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


def test_measure_list_uses_constant_queries(client, agency, django_assert_max_num_queries):
    for _ in range(3):
        mf.measure(status=Measure.Status.PUBLISHED)
    with django_assert_max_num_queries(4) as few:
        client.get(reverse("measures:measure_list"))
    for _ in range(6):
        mf.measure(status=Measure.Status.ARCHIVED)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("measures:measure_list"))
    assert "ยกเลิกแล้ว" in response.content.decode() or "เก็บถาวร" in response.content.decode()


def test_only_the_director_is_offered_the_approve_action(client, editor, director):
    mf.measure()
    url = reverse("admin:measures_measure_changelist")

    client.force_login(editor)
    assert 'value="approve"' not in client.get(url).content.decode()
    client.force_login(director)
    assert 'value="approve"' in client.get(url).content.decode()


def test_official_pdf_prints_the_agencys_uploaded_emblem(client, agency, settings):
    from django.core.files.base import ContentFile

    from tests.measures.factories import jpeg_upload

    agency.emblem.save("garuda.jpg", ContentFile(jpeg_upload().read()))
    measure = mf.measure(status=Measure.Status.PUBLISHED)

    reader = PdfReader(io.BytesIO(client.get(measure.get_pdf_url()).content))

    images = reader.pages[0].images
    assert len(images) == 1 and images[0].image.size == (64, 48)
