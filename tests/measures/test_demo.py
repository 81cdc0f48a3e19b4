import datetime as dt

import pytest
from django.urls import reverse
from PIL import Image

from measures import demo
from measures.models import Activity, EvidenceFile, Improvement, Measure
from measures.uploads import LONGEST_SIDE
from portal import demo as portal_demo
from portal import thai

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 21)


def test_demo_publishes_its_own_announcement_and_a_year_and_a_half_of_activities(client):
    portal_demo.agency_seed()
    portal_demo.staff_seed()

    demo.seed_demo(today=TODAY)
    demo.seed_demo(today=TODAY)  # idempotent

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
    portal_demo.agency_seed()
    portal_demo.staff_seed()
    demo.seed_demo(today=TODAY)

    photos = EvidenceFile.objects.filter(kind=EvidenceFile.Kind.PHOTO)
    assert photos.count() >= 5
    assert all(photo.preview for photo in photos)
    photo = photos.get(activity__title="เวทีประชาคมการจัดการศึกษาเพื่อเด็กด้อยโอกาส")
    assert photo.caption.endswith("ณ หอประชุมโรงเรียนบ้านนาแก เมื่อวันที่ ๑๘ พฤศจิกายน ๒๕๖๘ เวลา ๐๙.๔๕ น.")
    with Image.open(photo.file) as image:
        assert image.format == "JPEG" and max(image.size) <= LONGEST_SIDE
    page = client.get(photo.activity.get_absolute_url()).content.decode()
    assert f'src="{photo.preview.url}"' in page
    assert "เมื่อวันที่ ๑๘ พฤศจิกายน ๒๕๖๘" in page
