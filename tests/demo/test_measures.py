import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from demo import agency as demo_agency
from demo import coverage as demo_coverage
from demo import measures as demo_measures
from measures.models import Activity, EvidenceFile, Improvement, Measure, MissionGroup
from portal.lib import thai
from portal.lib.uploads import LONGEST_SIDE

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 21)


def test_demo_publishes_its_own_announcement_and_a_year_and_a_half_of_activities(client):
    demo_agency.agency_seed()
    demo_agency.staff_seed()

    demo_measures.seed_demo(today=TODAY)
    demo_measures.seed_demo(today=TODAY)  # idempotent

    measure = Measure.objects.get()
    assert measure.status == Measure.Status.PUBLISHED
    assert measure.signatory_name == "นายประสงค์ สุภา"
    assert thai.FiscalYear(2569).filter(Activity.objects.all(), "held_on").count() >= 8
    assert thai.FiscalYear(2570).filter(Activity.objects.all(), "held_on").count() >= 2
    assert not Activity.objects.filter(held_on__gt=TODAY).exists()
    assert Improvement.objects.filter(status="done").exists()
    assert Activity.objects.large_budget_without_participation().count() == 1
    assert "นครพนม เขต ๒" in client.get(measure.get_absolute_url()).content.decode()
    assert client.get(reverse("measures:evidence_index", args=[2569])).status_code == 200


def test_some_demo_activities_show_evidence_photos_captioned_in_thai(client):
    demo_agency.agency_seed()
    demo_agency.staff_seed()
    demo_measures.seed_demo(today=TODAY)

    photos = EvidenceFile.objects.filter(kind=EvidenceFile.Kind.PHOTO)
    assert photos.count() >= 5
    assert all(photo.preview for photo in photos)
    # Every demo photo gives what the rule asks of a new upload: date, time, place.
    assert not photos.filter(taken_at__isnull=True).exists()
    assert not photos.filter(place="").exists()
    photo = photos.get(activity__title="เวทีประชาคมการจัดการศึกษาเพื่อเด็กด้อยโอกาส")
    assert photo.place == "หอประชุมโรงเรียนบ้านนาแก"
    assert timezone.localtime(photo.taken_at).replace(tzinfo=None) == dt.datetime(
        2025, 11, 18, 9, 45
    )
    with Image.open(photo.file) as image:
        assert image.format == "JPEG" and max(image.size) <= LONGEST_SIDE
    page = client.get(photo.activity.get_absolute_url()).content.decode()
    assert f'src="{photo.preview.url}"' in page
    figcaption = page[page.index("<figcaption") : page.index("</figcaption>")]
    # What, then when and where, each said once.
    assert figcaption.count("ผู้ปกครองและผู้นำชุมชนร่วมเวทีประชาคม") == 1
    assert figcaption.count("18 พ.ย. 2568 09:45 น.") == 1
    assert figcaption.count("หอประชุมโรงเรียนบ้านนาแก") == 1


def test_the_demo_evidence_index_lists_the_indicators_in_code_order(client):
    demo_agency.agency_seed()
    demo_agency.staff_seed()
    demo_measures.seed_demo(today=TODAY)

    page = client.get(reverse("measures:evidence_index", args=[2569])).content.decode()

    table = page[page.index("<tbody>") : page.index("</tbody>")]
    codes = [row.split("</th>")[0].rsplit(">", 1)[-1] for row in table.split("<tr>")[1:]]
    assert codes == sorted(codes) and codes[0] == "O16" and codes[-1] == "O19"


def test_the_demo_inbox_channels_and_publications_carry_out_their_clauses(client):
    demo_agency.agency_seed()
    demo_agency.staff_seed()
    demo_measures.seed_demo(today=TODAY)
    demo_coverage.seed_demo(today=TODAY)

    measure = Measure.objects.get()
    page = client.get(measure.get_absolute_url(), {"year": 2570}).content.decode()
    listening = measure.clauses.get(kind="clause", text__contains="หลากหลายในการรับฟัง")
    informing = measure.clauses.get(kind="clause", text__startswith="การมีส่วนร่วมในการให้ข้อมูล")
    for clause, titles in [
        (listening, ["โทรศัพท์รับเรื่องร้องเรียน", "กล่องรับฟังความคิดเห็น"]),
        (informing, ["สถิติเรื่องร้องเรียนประจำปี", "จดหมายข่าวผลการดำเนินงาน"]),
    ]:
        block = page.split(f'id="clause-{clause.pk}"')[1].split('id="clause-')[0]
        for title in titles:
            assert title in block
    # The weekly to-do digest has an editor to mail.
    assert MissionGroup.objects.active().first().editors.filter(username="editor").exists()
