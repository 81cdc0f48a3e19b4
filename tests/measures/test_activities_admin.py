"""Staff record activities in the admin: participants, results, improvements,
photos and minutes, and what is refused in Thai."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from measures.models import Activity, EvidenceFile, Improvement, Measure, StakeholderGroup
from portal.lib.uploads import PREVIEW_SIDE
from tests import factories
from tests.factories import measures as mf
from tests.login import login_staff

pytestmark = pytest.mark.django_db


def test_a_big_project_attended_only_by_officials_is_flagged_in_the_admin(client, editor):
    # The default groups the portal installs: other agencies and teachers are
    # outside the agency, but seed 004 §5 asks for citizens or the private sector.
    government = StakeholderGroup.objects.get(slug="government")
    teachers = StakeholderGroup.objects.get(slug="teachers")
    parents = StakeholderGroup.objects.get(slug="parents")
    mf.activity(
        title="โครงการก่อสร้างอาคารเรียนรวม",
        budget=Decimal("15000000"),
        participants=[(government, 20), (teachers, 12)],
    )
    mf.activity(
        title="โครงการปรับปรุงสนามกีฬา",
        budget=Decimal("15000000"),
        participants=[(government, 20), (parents, 5)],
    )
    login_staff(client, editor)

    flagged = client.get(
        reverse("admin:measures_activity_changelist"), {"large_budget": "flagged"}
    ).content.decode()

    assert "โครงการก่อสร้างอาคารเรียนรวม" in flagged
    assert "โครงการปรับปรุงสนามกีฬา" not in flagged
    assert "ไม่มีภาคประชาชนหรือภาคเอกชนเข้าร่วม" in flagged  # the filter's label


def test_saving_a_big_project_with_only_other_agencies_warns_the_editor(client, editor, agency):
    login_staff(client, editor)
    data = _activity_form(
        factories.mission_group(), StakeholderGroup.objects.get(slug="government")
    )
    data["evidence-TOTAL_FORMS"] = "0"

    response = client.post(reverse("admin:measures_activity_add"), data, follow=True)

    assert Activity.objects.get().budget == Decimal("15000000")
    assert "ยังไม่มีบันทึกการมีส่วนร่วมของภาคประชาชนหรือภาคเอกชน" in response.content.decode()


def _activity_form(group, stakeholders, **extra):
    data = {
        "title": "ประชาพิจารณ์โครงการก่อสร้างอาคารเรียน",
        "mission_group": group.pk,
        "subject": "แบบอาคารเรียนและการใช้พื้นที่",
        "level": "involve",
        "stage": "plan",
        "method": "hearing",
        "held_on": "2026-11-10",
        "place": "หอประชุมโรงเรียนบ้านนาแก",
        "budget": "15000000",
        "results": "ชุมชนขอให้ย้ายทางเข้าออกไปด้านถนนรอง",
        "use_of_results": "ปรับแบบทางเข้าออก",
        "is_published": "on",
        "participations-TOTAL_FORMS": "1",
        "participations-INITIAL_FORMS": "0",
        "participations-0-group": stakeholders.pk,
        "participations-0-count": "35",
        "attendees-TOTAL_FORMS": "2",
        "attendees-INITIAL_FORMS": "0",
        "attendees-0-name": "นางสมศรี ใจงาม",
        "attendees-0-organisation": "ประธานชุมชนบ้านนาแก",
        "attendees-0-consent_to_publish": "on",
        "attendees-1-name": "นายสมปอง ไม่ประสงค์ออกนาม",
        "evidence-TOTAL_FORMS": "1",
        "evidence-INITIAL_FORMS": "0",
        "evidence-0-kind": "photo",
        "evidence-0-caption": "ผู้แทนชุมชนร่วมให้ความเห็นต่อแบบอาคารเรียน",
        "evidence-0-taken_at_0": "2026-11-10",
        "evidence-0-taken_at_1": "09:30",
        "evidence-0-place": "หอประชุมโรงเรียนบ้านนาแก",
        "evidence-0-position": "0",
        "improvements-TOTAL_FORMS": "1",
        "improvements-INITIAL_FORMS": "0",
        "improvements-0-title": "ย้ายทางเข้าออกไปด้านถนนรอง",
        "improvements-0-due_on": "2027-01-31",
        "improvements-0-status": "planned",
    }
    return data | extra


def test_staff_record_an_activity_with_participants_results_improvements_and_photo(
    client, editor, agency
):
    group = factories.mission_group()
    stakeholders = mf.stakeholder_group(name="ชุมชนบ้านนาแก")
    photo = factories.jpeg_upload(size=(2000, 1500))
    assert b"PhoneMaker" in photo.read()
    photo.seek(0)
    login_staff(client, editor)

    response = client.post(
        reverse("admin:measures_activity_add"),
        _activity_form(group, stakeholders, **{"evidence-0-file": photo}),
    )

    assert response.status_code == 302, response.content.decode()[-3000:]
    activity = Activity.objects.get()
    assert activity.created_by == editor
    assert activity.participations.get().count == 35
    assert Improvement.objects.get().activity == activity
    evidence = EvidenceFile.objects.get()
    assert evidence.file.name.endswith(".jpg")
    with Image.open(evidence.file.path) as stored:
        assert stored.format == "JPEG" and not stored.getexif()
    assert b"PhoneMaker" not in evidence.file.read()
    page = client.get(activity.get_absolute_url()).content.decode()
    assert "ชุมชนบ้านนาแก" in page and "ย้ายทางเข้าออกไปด้านถนนรอง" in page
    assert "นางสมศรี ใจงาม" in page  # consented
    assert "นายสมปอง" not in page  # no consent: counted, never shown
    assert activity.attendees.get(consent_to_publish=True).consent_at is not None
    # The page shows the small preview and links the full photo.
    with Image.open(evidence.preview.path) as preview:
        assert preview.size == (PREVIEW_SIDE, PREVIEW_SIDE * 3 // 4) and not preview.getexif()
    assert f'href="{evidence.file.url}"' in page
    assert f'src="{evidence.preview.url}"' in page


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("photo.jpg", b"<html><script>alert(1)</script></html>"),
            "ไม่ใช่ไฟล์ภาพ",
        ),
        (SimpleUploadedFile("big.pdf", b"%PDF-1.7\n" + b"0" * (50 * 1024 * 1024)), "ใหญ่เกิน"),
    ],
    ids=["forged", "50MB"],
)
def test_bad_upload_gets_a_thai_error_and_loses_nothing(client, editor, agency, upload, message):
    group = factories.mission_group()
    stakeholders = mf.stakeholder_group()
    login_staff(client, editor)

    response = client.post(
        reverse("admin:measures_activity_add"),
        _activity_form(group, stakeholders, **{"evidence-0-file": upload}),
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert "ยังไม่ได้บันทึก" not in page  # the file's own error says what to do
    assert "ชุมชนขอให้ย้ายทางเข้าออกไปด้านถนนรอง" in page  # typed text kept
    assert not Activity.objects.exists() and not EvidenceFile.objects.exists()
    assert not _media_files()


def test_a_good_photo_on_a_refused_form_leaves_no_file_or_preview(client, editor, agency):
    login_staff(client, editor)
    data = _activity_form(
        factories.mission_group(),
        mf.stakeholder_group(),
        held_on="3112-11-10",
        **{"evidence-0-file": factories.jpeg_upload(size=(2000, 1500))},
    )

    response = client.post(reverse("admin:measures_activity_add"), data)

    page = response.content.decode()
    assert response.status_code == 200
    assert "ไม่อยู่ในปีงบประมาณ" in page
    # The browser cannot send the chosen file back: staff are told, beside it.
    assert "ไฟล์ “photo.jpg” ยังไม่ได้บันทึก" in page
    assert "โปรดเลือกไฟล์นี้อีกครั้งก่อนกดบันทึก" in page
    assert not EvidenceFile.objects.exists()
    assert not _media_files()


def _media_files():
    from django.conf import settings

    root = settings.MEDIA_ROOT
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_activity_date_outside_any_fiscal_year_is_refused(client, editor, agency):
    login_staff(client, editor)
    data = _activity_form(factories.mission_group(), mf.stakeholder_group(), held_on="3112-11-10")
    data["evidence-TOTAL_FORMS"] = "0"

    response = client.post(reverse("admin:measures_activity_add"), data)

    assert response.status_code == 200
    assert "ไม่อยู่ในปีงบประมาณ" in response.content.decode()
    assert not Activity.objects.exists()


def _activity_with_improvement_and_photo(**changes):
    data = _activity_form(factories.mission_group(), mf.stakeholder_group())
    data |= {"improvements-0-status": "done", "improvements-0-completed_on": "2026-12-01"}
    data |= {"evidence-0-taken_at_0": "2026-11-10", "evidence-0-taken_at_1": "09:30"}
    return data | changes


@pytest.mark.parametrize(
    ("field", "value", "read_as"),
    [
        ("improvements-0-completed_on", "1995-12-01", "1 ธันวาคม พ.ศ. 2538"),
        ("improvements-0-due_on", "2035-01-31", "31 มกราคม พ.ศ. 2578"),
        ("evidence-0-taken_at_0", "1990-11-10", "10 พฤศจิกายน พ.ศ. 2533"),
    ],
)
def test_an_improvement_or_evidence_date_outside_the_fiscal_years_is_refused(
    client, editor, agency, field, value, read_as
):
    login_staff(client, editor)

    response = client.post(
        reverse("admin:measures_activity_add"),
        _activity_with_improvement_and_photo(**{field: value}),
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert f"วันที่ {read_as} ไม่อยู่ในปีงบประมาณใดที่รับได้" in page
    assert not Activity.objects.exists() and not Improvement.objects.exists()


def test_improvement_and_evidence_dates_typed_in_the_buddhist_era_are_read_as_such(
    client, editor, agency
):
    login_staff(client, editor)
    data = _activity_with_improvement_and_photo(
        **{
            "improvements-0-completed_on": "01/12/2569",
            "improvements-0-due_on": "31/01/2570",
            "evidence-TOTAL_FORMS": "0",
        }
    )

    response = client.post(reverse("admin:measures_activity_add"), data)

    assert response.status_code == 302
    improvement = Improvement.objects.get()
    assert (improvement.completed_on, improvement.due_on) == (
        dt.date(2026, 12, 1),
        dt.date(2027, 1, 31),
    )


def test_an_improvement_recorded_in_an_activity_takes_its_mission_group(client, editor, agency):
    group = factories.mission_group(name="กลุ่มนโยบายและแผน")
    login_staff(client, editor)
    data = _activity_form(group, mf.stakeholder_group(), **{"evidence-TOTAL_FORMS": "0"})

    response = client.post(reverse("admin:measures_activity_add"), data)

    assert response.status_code == 302
    assert Improvement.objects.get().mission_group == group
    board = client.get(reverse("measures:improvement_list")).content.decode()
    assert 'class="board-group">กลุ่มนโยบายและแผน<' in board


def test_clauses_in_the_activity_form_name_their_measure(client, editor):
    from measures.models import Clause

    mf.measure(slug="2562-1", status=Measure.Status.PUBLISHED)
    mf.measure(slug="2569-3", status=Measure.Status.PUBLISHED)
    # A record cites what is in force: not a draft, nor a measure superseded.
    mf.measure(slug="2570-1")
    mf.measure(slug="2560-1", status=Measure.Status.SUPERSEDED, ended_at=timezone.now())
    login_staff(client, editor)

    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "measures", "model_name": "activity", "field_name": "clause", "term": ""},
    )

    labels = sorted(row["text"] for row in response.json()["results"])
    # Printed as the measures print them (Thai digits by default).
    assert labels == ["2562-1 · ๑. เผยแพร่ข้อมูลข่าวสาร", "2569-3 · ๑. เผยแพร่ข้อมูลข่าวสาร"]
    assert Clause.objects.count() == 4


@pytest.mark.parametrize(
    ("kind", "blank", "message"),
    [
        ("photo", "evidence-0-taken_at_0", "โปรดระบุวันและเวลาที่ถ่ายภาพ"),
        ("photo", "evidence-0-place", "โปรดระบุสถานที่ถ่ายภาพ"),
        ("minutes", "evidence-0-note_taker", "โปรดระบุชื่อผู้จดรายงานการประชุม"),
        ("minutes", "evidence-0-attendees", "โปรดระบุผู้เข้าประชุม"),
    ],
)
def test_a_new_photo_needs_its_time_and_place_and_minutes_their_note_taker(
    client, editor, agency, kind, blank, message
):
    login_staff(client, editor)
    upload = (
        factories.jpeg_upload()
        if kind == "photo"
        else SimpleUploadedFile("minutes.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    )
    data = _activity_form(
        factories.mission_group(),
        mf.stakeholder_group(),
        **{
            "evidence-0-kind": kind,
            "evidence-0-file": upload,
            "evidence-0-note_taker": "นางสาวจดจำ บันทึกดี",
            "evidence-0-attendees": "ผู้แทนชุมชน ๓๕ คน",
        },
    )
    data[blank] = ""

    response = client.post(reverse("admin:measures_activity_add"), data)

    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert "ชุมชนขอให้ย้ายทางเข้าออกไปด้านถนนรอง" in page  # typed text kept
    assert not Activity.objects.exists() and not EvidenceFile.objects.exists()


def test_a_photo_recorded_before_the_rule_still_shows_and_its_activity_saves(
    client, editor, agency
):
    parents = StakeholderGroup.objects.get(slug="parents")
    activity = mf.activity(title="ประชุมเก่าก่อนมีกฎ", participants=[(parents, 5)])
    upload = factories.jpeg_upload()
    EvidenceFile.objects.create(activity=activity, kind="photo", file=upload, caption="ภาพเก่า")
    login_staff(client, editor)
    change_url = reverse("admin:measures_activity_change", args=[activity.pk])
    form = client.get(change_url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data |= {
        "mission_group": activity.mission_group.pk,
        "held_on": "2026-03-12",
        "title": "ประชุมเก่าก่อนมีกฎ (แก้ชื่อ)",
        "participations-TOTAL_FORMS": "1",
        "participations-INITIAL_FORMS": "1",
        "participations-0-id": activity.participations.get().pk,
        "participations-0-activity": activity.pk,
        "participations-0-group": parents.pk,
        "participations-0-count": "5",
        "attendees-TOTAL_FORMS": "0",
        "attendees-INITIAL_FORMS": "0",
        "evidence-TOTAL_FORMS": "1",
        "evidence-INITIAL_FORMS": "1",
        "evidence-0-id": activity.evidence.get().pk,
        "evidence-0-activity": activity.pk,
        "evidence-0-kind": "photo",
        "evidence-0-caption": "ภาพเก่า",
        "evidence-0-position": "0",
        "improvements-TOTAL_FORMS": "0",
        "improvements-INITIAL_FORMS": "0",
    }

    response = client.post(change_url, data)

    assert response.status_code == 302, response.content.decode()[-2000:]
    assert client.get(activity.get_absolute_url()).status_code == 200
    assert "ภาพเก่า" in client.get(activity.get_absolute_url()).content.decode()
