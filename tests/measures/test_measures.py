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


def _change_form(measure, **overrides):
    """The measure's admin change form as the browser posts it, clauses included."""
    data = {
        "agency_name": measure.agency_name,
        "title": measure.title,
        "slug": measure.slug,
        "preamble": measure.preamble.replace("\n", "\r\n"),
        "closing": measure.closing,
        "announced_on": measure.announced_on.isoformat() if measure.announced_on else "",
        "signatory_name": measure.signatory_name,
        "signatory_position": measure.signatory_position,
        "footer": measure.footer,
        "fiscal_year_from": measure.fiscal_year_from or "",
        "fiscal_year_to": measure.fiscal_year_to or "",
        "thai_digits": "on" if measure.thai_digits else "",
        "source_text": measure.source_text,
    }
    clauses = list(measure.clauses.all())
    data |= {"clauses-TOTAL_FORMS": len(clauses), "clauses-INITIAL_FORMS": len(clauses)}
    for index, clause in enumerate(clauses):
        prefix = f"clauses-{index}-"
        data |= {
            prefix + "id": clause.pk,
            prefix + "measure": measure.pk,
            prefix + "position": clause.position,
            prefix + "kind": clause.kind,
            prefix + "label": clause.label,
            prefix + "text": clause.text,
        }
    return data | overrides


def _change_url(measure):
    return reverse("admin:measures_measure_change", args=[measure.pk])


MARKUP = "<script>alert(1)</script><b>ตัวหนา</b>"


@pytest.mark.parametrize("field", ["clauses-0-text", "title", "preamble"])
def test_markup_in_the_text_is_refused_with_a_thai_error_and_the_input_kept(client, editor, field):
    measure = mf.measure()
    login_staff(client, editor)

    response = client.post(
        _change_url(measure),
        _change_form(measure, **{field: MARKUP, "signatory_name": "นายแก้ไข ถ้อยคำ"}),
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "โปรดลบแท็ก HTML" in page
    assert "นายแก้ไข ถ้อยคำ" in page  # the other input is kept
    measure.refresh_from_db()
    assert measure.signatory_name == "นายทดสอบ ใจดี"
    assert not Clause.objects.filter(text__contains="<").exists()
    assert "<" not in measure.title + measure.preamble


def test_a_less_than_sign_in_prose_is_accepted(client, editor):
    measure = mf.measure()
    login_staff(client, editor)

    response = client.post(
        _change_url(measure),
        _change_form(measure, **{"clauses-0-text": "โครงการที่มีงบประมาณ < 10 ล้านบาท"}),
    )

    assert response.status_code == 302
    assert measure.clauses.get().text == "โครงการที่มีงบประมาณ < 10 ล้านบาท"


@pytest.mark.parametrize(
    "change",
    [{"title": "มาตรการที่แก้ถ้อยคำหลังอนุมัติ"}, {"clauses-0-text": "ข้อความที่แก้หลังอนุมัติ"}],
    ids=["title", "clause"],
)
def test_editing_an_approved_measure_sends_it_back_to_the_director(
    client, editor, director, change
):
    measure = mf.measure(status=Measure.Status.APPROVED, approver=director)
    login_staff(client, editor)

    response = client.post(_change_url(measure), _change_form(measure, **change), follow=True)

    measure.refresh_from_db()
    assert (measure.status, measure.approved_by, measure.approved_at) == ("draft", None, None)
    assert "ผู้บริหารต้องอนุมัติอีกครั้ง" in response.content.decode()
    latest = measure.history.first()
    assert latest.status == "draft" and latest.history_user == editor
    assert latest.history_change_reason == "แก้ไขข้อความหลังได้รับอนุมัติ จึงยกเลิกการอนุมัติ"
    with pytest.raises(ValidationError):
        services.measure_publish(measure=measure, by=editor)


def test_saving_an_approved_measure_with_its_text_unchanged_keeps_the_approval(
    client, editor, director
):
    measure = mf.measure(status=Measure.Status.APPROVED, approver=director)
    measure.preamble = "ย่อหน้าแรก\nย่อหน้าที่สอง"  # as the importer stores it
    measure.save()
    login_staff(client, editor)

    response = client.post(_change_url(measure), _change_form(measure, fiscal_year_to="2570"))

    assert response.status_code == 302
    measure.refresh_from_db()
    assert (measure.status, measure.approved_by, measure.fiscal_year_to) == (
        "approved",
        director,
        2570,
    )


def test_published_text_cannot_be_edited_in_place(client, editor):
    measure = mf.measure(status=Measure.Status.PUBLISHED)
    login_staff(client, editor)

    page = client.get(_change_url(measure)).content.decode()
    client.post(
        _change_url(measure),
        _change_form(measure, title="ถ้อยคำใหม่", **{"clauses-0-text": "ข้อใหม่"}),
    )

    assert 'name="title"' not in page and 'name="clauses-0-text"' not in page
    measure.refresh_from_db()
    assert measure.title != "ถ้อยคำใหม่"
    assert measure.clauses.get().text == "เผยแพร่ข้อมูลข่าวสาร"
    assert measure.status == Measure.Status.PUBLISHED


def test_staff_supersede_a_measure_from_the_admin(client, editor, agency):
    old = mf.measure(status=Measure.Status.PUBLISHED, slug="2568-1")
    new = mf.measure(status=Measure.Status.PUBLISHED, slug="2569-7", fiscal_year_from=2570)
    draft = mf.measure(slug="2569-8")
    login_staff(client, editor)

    response = client.post(
        reverse("admin:measures_measure_changelist"),
        {"action": "supersede", "_selected_action": [old.pk]},
    )
    assert response.status_code == 302
    form_page = client.get(response.url).content.decode()
    assert "2569-7" in form_page and "2569-8" not in form_page  # only published successors
    assert "แทนที่มาตรการด้วยฉบับใหม่" in form_page
    confirm_page = client.post(response.url, {"successor": new.pk}).content.decode()
    old.refresh_from_db()
    assert old.status == Measure.Status.PUBLISHED  # nothing changes before confirming
    assert "ยืนยันการแทนที่มาตรการ" in confirm_page
    assert old.title in confirm_page and new.title in confirm_page
    response = client.post(response.url, {"successor": new.pk, "confirm": "1"}, follow=True)

    old.refresh_from_db()
    assert (old.status, old.superseded_by, old.fiscal_year_to) == ("superseded", new, 2569)
    assert "ถูกแทนที่ด้วย “2569-7” แล้ว" in response.content.decode()
    assert new.get_absolute_url() in client.get(old.get_absolute_url()).content.decode()
    assert draft.status == Measure.Status.DRAFT


def test_the_supersede_action_needs_exactly_one_measure(client, editor):
    first, second = (mf.measure(status=Measure.Status.PUBLISHED) for _ in range(2))
    login_staff(client, editor)

    response = client.post(
        reverse("admin:measures_measure_changelist"),
        {"action": "supersede", "_selected_action": [first.pk, second.pk]},
        follow=True,
    )

    assert "โปรดเลือกมาตรการที่จะแทนที่เพียงหนึ่งรายการ" in response.content.decode()
    assert not Measure.objects.filter(status=Measure.Status.SUPERSEDED).exists()


def test_each_imported_clause_has_a_history_staff_can_open(client, editor):
    login_staff(client, editor)
    client.post(reverse("admin:measures_measure_import"), {"text": mf.seed_text(3)})
    measure = Measure.objects.get()
    clause = measure.clauses.filter(kind=Clause.Kind.CLAUSE).first()

    assert Clause.history.filter(history_type="+").count() == measure.clauses.count() > 0
    change_page = client.get(_change_url(measure)).content.decode()
    history_url = reverse("admin:measures_clause_history", args=[clause.pk])
    assert history_url in change_page
    history = client.get(history_url)
    assert history.status_code == 200
    assert clause.text[:20] in history.content.decode()
    # Read, never saved back: a clause of a published measure is signed text.
    version = clause.history.get().history_id
    version_url = reverse("admin:measures_clause_simple_history", args=[clause.pk, version])
    revert = client.post(version_url, {"text": "ข้อความที่เขียนทับ", "kind": clause.kind})
    assert revert.status_code == 403
    clause.refresh_from_db()
    assert clause.text != "ข้อความที่เขียนทับ"


def _pdf_text(content):
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_a_wrong_supersession_is_undone_and_recorded_in_history(client, editor, agency):
    old = mf.measure(status=Measure.Status.PUBLISHED, slug="2568-1", fiscal_year_to=None)
    new = mf.measure(status=Measure.Status.PUBLISHED, slug="2569-7", fiscal_year_from=2570)
    services.measure_supersede(measure=old, successor=new)
    login_staff(client, editor)
    change_page = client.get(_change_url(old)).content.decode()
    restore_url = reverse("admin:measures_measure_restore", args=[old.pk])
    assert restore_url in change_page and "นำกลับมาใช้บังคับอีกครั้ง" in change_page

    confirm = client.get(restore_url).content.decode()
    response = client.post(restore_url, follow=True)

    assert "2569-7" in confirm and new.title in confirm
    old.refresh_from_db()
    assert (old.status, old.superseded_by, old.ended_at, old.fiscal_year_to) == (
        Measure.Status.PUBLISHED,
        None,
        None,
        None,
    )
    assert "กลับมามีผลใช้บังคับแล้ว" in response.content.decode()
    latest = old.history.first()
    assert latest.history_user == editor
    assert latest.history_change_reason == "นำกลับมาใช้บังคับ: ยกเลิกการแทนที่หรือการเก็บถาวร"
    assert "ถูกแทนที่" not in client.get(old.get_absolute_url()).content.decode()


def test_a_measure_in_force_cannot_be_restored(client, editor):
    measure = mf.measure(status=Measure.Status.PUBLISHED)
    login_staff(client, editor)

    response = client.post(reverse("admin:measures_measure_restore", args=[measure.pk]))

    assert "นำกลับมาใช้บังคับได้เฉพาะมาตรการที่ถูกแทนที่หรือเก็บถาวรแล้วเท่านั้น" in (response.content.decode())
    assert measure.history.count() == 1


def test_the_successor_list_fits_the_screen_by_shortening_long_titles(client, editor):
    old = mf.measure(status=Measure.Status.PUBLISHED)
    long_title = "มาตรการเปิดโอกาสให้ผู้มีส่วนได้ส่วนเสียมีส่วนร่วมในการดำเนินงาน" * 4
    mf.measure(status=Measure.Status.PUBLISHED, slug="2569-9", title=long_title)
    login_staff(client, editor)

    page = client.get(reverse("admin:measures_measure_supersede", args=[old.pk])).content.decode()

    assert "2569-9 · " + long_title[:40] in page
    assert long_title not in page


@pytest.mark.parametrize("view", ["measures_measure_import", "measures_measure_supersede"])
def test_the_custom_admin_pages_use_djangos_breadcrumb_markup(client, editor, view):
    measure = mf.measure(status=Measure.Status.PUBLISHED)
    login_staff(client, editor)
    url = reverse(f"admin:{view}", args=[measure.pk] if "supersede" in view else [])

    page = client.get(url).content.decode()

    assert '<div class="breadcrumbs">' not in page
    nav = page[page.index('<nav aria-label="') :]
    assert nav.index('<ol class="breadcrumbs">') < nav.index("</nav>")
    assert '<li aria-current="page">' in nav[: nav.index("</nav>")]


def test_the_director_previews_a_draft_pdf_marked_as_a_draft(client, agency, director):
    measure = mf.measure(title="มาตรการฉบับร่างเพื่อทดสอบ")
    preview_url = reverse("admin:measures_measure_pdf_preview", args=[measure.pk])
    login_staff(client, director)

    change_page = client.get(_change_url(measure)).content.decode()
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
