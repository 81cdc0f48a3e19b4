"""Activities in public: the ITA elements, lists, the you-said-we-did board, statistics,
and why a published activity is never deleted."""

import datetime as dt
from decimal import Decimal
from xml.etree import ElementTree

import pytest
from django.urls import reverse

from measures.models import Activity, Improvement, Measure, StakeholderGroup
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
