import datetime as dt
from decimal import Decimal
from xml.etree import ElementTree

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
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def test_activity_page_shows_the_four_ita_elements(client, agency):
    parents = mf.stakeholder_group(name="ผู้ปกครองนักเรียน")
    teachers = mf.stakeholder_group(name="ครูและบุคลากร", is_external=False)
    activity = mf.activity(participants=[(parents, 42), (teachers, 8)])
    mf.improvement(activity=activity, title="จัดรถรับส่งนักเรียนสายบ้านโพน")

    page = client.get(activity.get_absolute_url()).content.decode()

    assert "ร่างแผนพัฒนาการศึกษาขั้นพื้นฐาน ปี ๒๕๗๐" in page  # 1. issue
    assert "ผู้ปกครองนักเรียน" in page and ">50<" in page  # 2. who took part
    assert "ผู้ปกครองเสนอให้เพิ่มรถรับส่งนักเรียน" in page  # 3. results
    assert "จัดรถรับส่งนักเรียนสายบ้านโพน" in page  # 4. how the results were used
    assert "ประเด็น" in page and "ผู้เข้าร่วม" in page


def test_unpublished_activity_is_hidden(client):
    activity = mf.activity(is_published=False)

    assert client.get(activity.get_absolute_url()).status_code == 404


def test_activity_list_filters_by_fiscal_year_group_and_level(client, agency):
    group = factories.mission_group(slug="legal")
    mf.activity(title="กิจกรรมปี ๒๕๖๙", held_on=dt.date(2026, 9, 30), mission_group=group)
    mf.activity(title="กิจกรรมปี ๒๕๗๐", held_on=dt.date(2026, 10, 1), level=Activity.Level.INFORM)

    in_2569 = client.get(reverse("measures:activity_list"), {"year": "2569"}).content.decode()
    by_level = client.get(reverse("measures:activity_list"), {"level": "inform"}).content.decode()
    by_group = client.get(reverse("measures:activity_list"), {"group": "legal"}).content.decode()

    assert "กิจกรรมปี ๒๕๖๙" in in_2569 and "กิจกรรมปี ๒๕๗๐" not in in_2569
    assert "กิจกรรมปี ๒๕๗๐" in by_level and "กิจกรรมปี ๒๕๖๙" not in by_level
    assert "กิจกรรมปี ๒๕๖๙" in by_group and "กิจกรรมปี ๒๕๗๐" not in by_group


@pytest.mark.parametrize(
    "url_name", ["measures:activity_list", "measures:improvement_list", "measures:feed"]
)
def test_list_pages_use_constant_queries(client, agency, url_name):
    group = mf.stakeholder_group()
    for _ in range(2):
        mf.improvement(activity=mf.activity(participants=[(group, 5)]))

    def grow():
        for _ in range(8):
            mf.improvement(activity=mf.activity(participants=[(group, 5)]))
        mf.measure(status="published")

    assert_constant_queries(client, reverse(url_name), grow=grow, at_most=10)


def test_large_budget_without_outside_participation_is_flagged():
    staff = mf.stakeholder_group(is_external=False)
    public = mf.stakeholder_group()
    only_staff = mf.activity(budget=Decimal("12000000"), participants=[(staff, 30)])
    with_public = mf.activity(budget=Decimal("12000000"), participants=[(public, 30)])
    small = mf.activity(budget=Decimal("9999999.99"))

    flagged = set(Activity.objects.large_budget_without_participation())

    assert only_staff in flagged
    assert with_public not in flagged and small not in flagged


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


def test_staff_say_which_stakeholder_groups_are_citizens_or_private_sector(client, administrator):
    login_staff(client, administrator)

    page = client.get(reverse("admin:measures_stakeholdergroup_changelist")).content.decode()

    assert "ภาคประชาชนหรือภาคเอกชน" in page
    assert set(
        StakeholderGroup.objects.filter(is_citizen_or_private_sector=True).values_list(
            "slug", flat=True
        )
    ) >= {"parents", "community", "private-sector"}
    assert not StakeholderGroup.objects.filter(
        slug__in=["government", "teachers", "staff"], is_citizen_or_private_sector=True
    ).exists()


@pytest.mark.parametrize(("thai_digits", "cited"), [(True, "๑. เผยแพร่"), (False, "1. เผยแพร่")])
def test_the_activity_page_cites_a_clause_in_the_measures_digits(
    client, agency, thai_digits, cited
):
    measure = mf.measure(status=Measure.Status.PUBLISHED, thai_digits=thai_digits)
    activity = mf.activity(clause=measure.clauses.get())

    page = client.get(activity.get_absolute_url()).content.decode()

    assert f"— {cited}" in page


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


def test_you_said_we_did_board_lists_improvements_and_status(client, agency):
    mf.improvement(title="ขยายเวลาให้บริการถึง ๑๘.๐๐ น.", status="in_progress")

    page = client.get(reverse("measures:improvement_list")).content.decode()

    assert "ขยายเวลาให้บริการถึง ๑๘.๐๐ น." in page
    assert "กำลังดำเนินการ" in page


def test_evidence_index_lists_indicators_of_the_assessment_year(client, agency):
    mf.indicator(code="O16", where_to_look="ตารางกิจกรรมปีงบประมาณ ๒๕๖๙")
    mf.indicator(assessment_year=2568, code="o25", url="/measures/")

    page = client.get(reverse("measures:evidence_index", args=[2569])).content.decode()

    assert "O16" in page and "ตารางกิจกรรมปีงบประมาณ ๒๕๖๙" in page
    assert "o25" not in page
    assert client.get(reverse("measures:evidence_index", args=[2550])).status_code == 404


def test_feed_lists_new_measures_and_activities(client, agency):
    mf.measure(status="published", title="มาตรการใหม่ล่าสุด")
    mf.activity(title="เวทีประชาคมตำบลนาแก")

    body = client.get(reverse("measures:feed")).content.decode()

    assert "<feed" in body and "มาตรการใหม่ล่าสุด" in body and "เวทีประชาคมตำบลนาแก" in body
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ElementTree.fromstring(body)
    for required in ("id", "title", "updated", "author/" + atom + "name"):
        assert feed.find(atom + required) is not None, required
    for entry in feed.findall(atom + "entry"):
        assert entry.find(atom + "id") is not None and entry.find(atom + "updated") is not None


def test_the_board_leaves_out_improvements_of_activities_not_on_the_website(client, agency):
    hidden = mf.activity(title="กิจกรรมที่ยังไม่เผยแพร่")
    Activity.objects.filter(pk=hidden.pk).update(is_published=False)
    mf.improvement(activity=hidden, title="ร่างการปรับปรุงที่ยังไม่เปิดเผย")
    mf.improvement(title="ปรับปรุงที่เปิดเผยแล้ว", status="planned")

    board = client.get(reverse("measures:improvement_list")).content.decode()

    assert "ปรับปรุงที่เปิดเผยแล้ว" in board
    assert "ร่างการปรับปรุงที่ยังไม่เปิดเผย" not in board
    assert "วางแผนแล้ว</span>: 1" in board


def test_activity_statistics_of_a_fiscal_year_come_from_the_database():
    from measures.year import measures_year
    from portal.lib import thai

    public = mf.stakeholder_group(name="ชุมชน")
    staff = mf.stakeholder_group(name="บุคลากรภายใน", is_external=False)
    mf.activity(level="involve", participants=[(public, 30), (staff, 5)])
    mf.activity(level="inform", participants=[(public, 12)])
    mf.activity(held_on=dt.date(2026, 10, 2), participants=[(public, 99)])  # FY 2570

    stats = measures_year(fiscal_year=thai.FiscalYear(2569))["activities"]

    assert stats["activities"] == 2
    by_level = {row["label"]: row["activities"] for row in stats["by_level"]}
    assert by_level["การให้ข้อมูลข่าวสาร"] == 1
    assert by_level["การเกี่ยวข้อง"] == 1
    assert sum(by_level.values()) == 2
    assert len(by_level) == len(Activity.Level.choices)
    assert [row["participants_total"] for row in stats["rows"]] == [35, 12]
    assert (stats["participants_total"], stats["participants_outside"]) == (47, 42)


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


def test_the_board_names_the_activitys_group_for_an_improvement_without_one(client, agency):
    activity = mf.activity(mission_group=factories.mission_group(name="กลุ่มส่งเสริมการศึกษา"))
    mf.improvement(activity=activity)
    Improvement.objects.update(mission_group=None)  # recorded before the rule

    board = client.get(reverse("measures:improvement_list")).content.decode()

    assert 'class="board-group">กลุ่มส่งเสริมการศึกษา<' in board


def test_a_published_activity_is_never_deleted(client, administrator, agency):
    activity = mf.activity()
    login_staff(client, administrator)

    one = client.post(
        reverse("admin:measures_activity_delete", args=[activity.pk]), {"post": "yes"}
    )
    bulk = client.post(
        reverse("admin:measures_activity_changelist"),
        {"action": "delete_selected", "_selected_action": [activity.pk], "post": "yes"},
    )

    assert (one.status_code, bulk.status_code) == (403, 403)
    assert Activity.objects.filter(pk=activity.pk).exists()


def test_an_activity_hidden_after_publication_is_still_never_deleted(client, administrator):
    activity = mf.activity()
    activity.is_published = False
    activity.save()
    login_staff(client, administrator)

    response = client.post(
        reverse("admin:measures_activity_delete", args=[activity.pk]), {"post": "yes"}
    )

    assert response.status_code == 403
    assert Activity.objects.filter(pk=activity.pk).exists()


def test_a_never_published_activity_can_be_deleted(client, administrator):
    activity = mf.activity(is_published=False)
    login_staff(client, administrator)

    client.post(reverse("admin:measures_activity_delete", args=[activity.pk]), {"post": "yes"})

    assert not Activity.objects.exists()


def test_an_activity_hidden_after_publication_keeps_its_url_answering(client, editor, agency):
    activity = mf.activity(title="เวทีประชาคมที่ถอนการเผยแพร่")
    url = activity.get_absolute_url()
    assert client.get(url).status_code == 200

    activity.is_published = False
    activity.save()
    response = client.get(url)

    page = response.content.decode()
    assert response.status_code == 410
    assert "เวทีประชาคมที่ถอนการเผยแพร่" in page
    assert "กิจกรรมนี้ถอนออกจากการเผยแพร่บนเว็บไซต์แล้ว" in page
    assert "ผู้ปกครองเสนอให้เพิ่มรถรับส่งนักเรียน" not in page  # the record itself is hidden
    assert (
        "เวทีประชาคมที่ถอนการเผยแพร่"
        not in client.get(reverse("measures:activity_list")).content.decode()
    )


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
