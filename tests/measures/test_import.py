import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from measures.models import Clause, Measure
from tests.factories.measures import SEEDS, seed_text
from tests.login import login_staff
from tests.measures import imports as flow

pytestmark = pytest.mark.django_db

EXPECTED = {
    0: ("ชัยนาท", dt.date(2019, 6, 15), "นางสาวลออ วิลัย", 5),
    1: ("ลำปาง", dt.date(2024, 5, 23), "นางทัศนกาญจน์ อุดลธิรเขตต์", 5),
    2: ("มัธยมศึกษา เขต ๒๘", dt.date(2018, 3, 15), "นายภัทศาสน์ มาสกุล", 5),
    3: ("นครพนม เขต ๒", dt.date(2018, 10, 9), "นายประสงค์ สุภา", 17),
    4: ("สระโพนทอง", None, "", 5),
}


@pytest.mark.parametrize("number", sorted(EXPECTED))
def test_command_imports_every_seed_as_a_draft(number):
    agency_part, announced_on, signatory, clauses = EXPECTED[number]
    out = StringIO()

    call_command("import_measure", str(next(SEEDS.glob(f"{number:03d}_*.txt"))), stdout=out)

    measure = Measure.objects.get()
    assert measure.status == Measure.Status.DRAFT
    assert agency_part in measure.agency_name
    assert measure.title.startswith("มาตรการ")
    assert measure.announced_on == announced_on
    assert measure.signatory_name == signatory
    assert measure.clauses.filter(kind=Clause.Kind.CLAUSE).count() == clauses
    assert f"ข้อ: {clauses} ข้อ" in out.getvalue()
    assert "ผู้ลงนาม:" in out.getvalue()
    assert f"สร้างร่างมาตรการหมายเลข {measure.pk} แล้ว" in out.getvalue()
    # Every clause has its creation record, as if typed in the admin.
    created = Clause.history.filter(history_type="+", measure_id=measure.pk)
    assert created.count() == measure.clauses.count()


def test_seed_003_keeps_sections_and_lettered_sub_items():
    call_command("import_measure", str(next(SEEDS.glob("003_*.txt"))), stdout=StringIO())
    measure = Measure.objects.get()

    headings = list(measure.clauses.filter(kind="heading").values_list("text", flat=True))
    assert headings[:2] == ["ขั้นตอนการดำเนินงาน", "วิธีการดำเนินงาน"]
    assert "การกำกับและติดตาม" in headings
    items = measure.clauses.filter(kind="item")
    # "(ซ) … (ณ) …" on one line becomes two sub-items.
    assert items.filter(label="ซ", text="การส่งเสริมการศึกษากับการศาสนาและการวัฒนธรรม").exists()
    assert items.filter(label="ณ").exists()
    assert measure.fiscal_year_from == 2562
    assert measure.thai_digits


def test_word_artefacts_and_doubled_signatures_are_cleaned():
    call_command("import_measure", str(next(SEEDS.glob("004_*.txt"))), stdout=StringIO())
    call_command("import_measure", str(next(SEEDS.glob("002_*.txt"))), stdout=StringIO())
    tambon, secondary = Measure.objects.order_by("pk")

    assert "bookmark" not in tambon.preamble
    assert "แนวนโยบายแห่งรัฐ" in tambon.preamble  # the line broken by the artefact is rejoined
    assert not tambon.thai_digits
    assert tambon.closing == "จึงประกาศมาให้ทราบและถือปฏิบัติอย่างเคร่งครัด"
    assert secondary.signatory_position == "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษามัธยมศึกษาเขต ๒๘"
    assert secondary.footer == ""


def test_staff_paste_an_announcement_in_the_admin(client, editor):
    login_staff(client, editor)

    review_url = flow.start(client, text=seed_text(1)).url
    response = client.post(review_url, flow.review_data(client.get(review_url)))

    measure = Measure.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("admin:measures_measure_change", args=[measure.pk])
    assert measure.signatory_name == "นางทัศนกาญจน์ อุดลธิรเขตต์"
    assert measure.footer == "“เรียนดี มีความสุข”"


def test_pasting_something_else_keeps_the_text_and_explains(client, editor):
    login_staff(client, editor)

    response = client.post(reverse("admin:measures_measure_import"), {"text": "\n\n\n"})

    assert response.status_code == 200
    assert "จำเป็น" in response.content.decode() or "ประกาศ" in response.content.decode()
    assert not Measure.objects.exists()


NOT_AN_ANNOUNCEMENT = "ข้อความนี้ไม่ใช่ประกาศ เพราะไม่พบบรรทัดชื่อเรื่อง"


def test_junk_pasted_in_the_admin_is_refused_and_kept(client, editor):
    login_staff(client, editor)

    response = client.post(reverse("admin:measures_measure_import"), {"text": "hello\nworld"})

    page = response.content.decode()
    assert response.status_code == 200
    assert NOT_AN_ANNOUNCEMENT in page
    assert "hello\nworld" in page
    assert not Measure.objects.exists()


def test_the_command_refuses_junk_with_a_thai_message(tmp_path):
    junk = tmp_path / "junk.txt"
    junk.write_text("hello\nworld", encoding="utf-8")

    with pytest.raises(CommandError, match=NOT_AN_ANNOUNCEMENT):
        call_command("import_measure", str(junk), stdout=StringIO())

    assert not Measure.objects.exists()


def test_the_command_names_the_buddhist_era_date_it_could_not_accept(tmp_path):
    path = tmp_path / "typo.txt"
    path.write_text(seed_text(1).replace("พ.ศ. ๒๕๖๗", "พ.ศ. ๓๕๖๗"), encoding="utf-8")

    with pytest.raises(CommandError) as refused:
        call_command("import_measure", str(path), stdout=StringIO())

    message = str(refused.value)
    assert "วันที่ 23 พฤษภาคม พ.ศ. 3567 ไม่อยู่ในปีงบประมาณใดที่รับได้" in message
    assert "3024" not in message and "ปฏิทิน" not in message
    assert not Measure.objects.exists()
