"""Site search: Thai words found wherever the public may read them, and nowhere else."""

import datetime as dt

import pytest
from django.db import connection
from django.urls import reverse

from feedback.models import HandlingManual
from measures.models import Clause, Measure
from portal import search
from surveys.models import Survey
from tests import factories
from tests.factories import feedback as fb
from tests.factories import measures as mf
from tests.factories import surveys as sf
from tests.login import login_staff
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db

URL = "/search/"
# A made-up word, so it occurs nowhere but where a test puts it.
WORD = "ฟ้าครามรุ่งอรุณ"


def found(client, query, **extra):
    response = client.get(URL, {"q": query, **extra})
    assert response.status_code == 200
    return response.content.decode()


def published_measure(**overrides):
    return mf.measure(status=Measure.Status.PUBLISHED, **overrides)


def test_a_word_inside_a_clause_finds_its_measure_at_the_clause(client, agency):
    measure = published_measure()
    clause = Clause.objects.create(
        measure=measure, position=2, text=f"จัดประชุมเพื่อรับฟัง{WORD}ของผู้ปกครองทุกภาคเรียน"
    )
    html = found(client, WORD)
    assert f'href="{measure.get_absolute_url()}#clause-{clause.pk}"' in html
    assert f"<mark>{WORD}</mark>" in html
    assert "ข้อของมาตรการ" in html  # the result says what kind of page it is
    assert "1 รายการ" in html


def test_a_query_without_spaces_is_cut_into_words_found_apart(client, agency):
    """ "ความคิดเห็นผู้ปกครอง" has no space; the activity says "ความคิดเห็นของ…ผู้ปกครอง"."""
    activity = mf.activity(title="เวทีประชาคม", subject="รับฟังความคิดเห็นของคณะครูและผู้ปกครองนักเรียน")
    html = found(client, "ความคิดเห็นผู้ปกครอง")
    assert activity.get_absolute_url() in html
    assert "<mark>ความคิดเห็น</mark>" in html and "<mark>ผู้ปกครอง</mark>" in html


def test_filler_words_alone_do_not_decide_the_match():
    words = search.query_words("ร้องเรียนและแจ้งเบาะแสการทุจริต")
    assert words == ["ร้องเรียน", "แจ้ง", "เบาะแส", "ทุจริต"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigrams need PostgreSQL")
def test_a_misspelt_thai_word_still_finds_its_page_on_postgresql(client, agency):
    activity = mf.activity(title="โครงการส่งเสริมคุณธรรมและความโปร่งใส", subject="ความโปร่งใส")
    # "โปร่งไส" (wrong vowel) is not a substring of anything on the site.
    assert activity.get_absolute_url() in found(client, "ความโปร่งไส")


@pytest.mark.parametrize("kind", ["working_group", "survey", "improvement", "manual", "measure"])
def test_every_kind_of_public_page_is_found(client, agency, kind):
    if kind == "working_group":
        url = sf.working_group(purpose=f"ติดตาม{WORD}").get_absolute_url()
    elif kind == "survey":
        url = sf.survey(intro=f"สำรวจ{WORD}").get_absolute_url()
    elif kind == "improvement":
        mf.improvement(title=f"ปรับปรุง{WORD}")
        url = reverse("measures:improvement_list")
    elif kind == "manual":
        url = HandlingManual.objects.create(
            title="คู่มือ",
            responsible_unit="กลุ่มอำนวยการ",
            body=f"ขั้นตอน{WORD}",
            effective_on=dt.date(2025, 10, 1),
        ).get_absolute_url()
    else:
        url = published_measure(preamble=f"ตามที่{WORD}").get_absolute_url()
    assert f'href="{url}' in found(client, WORD)


def hidden_records(director):
    """Something holding WORD on every surface the public must not see."""
    mf.measure(title=f"ร่าง{WORD}")  # a draft
    approved = mf.measure(status=Measure.Status.APPROVED, approver=director)
    Clause.objects.create(measure=approved, position=2, text=f"ข้อ{WORD}ที่ยังไม่ประกาศ")
    hidden = mf.activity(title=f"กิจกรรม{WORD}", is_published=False)
    mf.improvement(title=f"ผลจากกิจกรรมที่ซ่อน{WORD}", activity=hidden)
    sf.working_group(name=f"คณะทำงาน{WORD}", is_published=False)
    sf.survey(title=f"ร่างแบบสำรวจ{WORD}", status=Survey.Status.DRAFT)
    sf.survey(title=f"แม่แบบ{WORD}", is_template=True, status=Survey.Status.DRAFT)
    HandlingManual.objects.create(
        title=f"คู่มือฉบับหน้า{WORD}",
        responsible_unit="กลุ่มอำนวยการ",
        body="ยังไม่ใช้",
        effective_on=dt.date.today() + dt.timedelta(days=30),
    )
    fb.corruption_case(
        subject=f"ทุจริต{WORD}",
        details=f"รายละเอียด{WORD}",
        reporter={"name": f"นาย{WORD}", "email": "x@example.org"},
    )
    fb.case(subject=f"ร้องเรียน{WORD}", reporter={"name": f"นางสาว{WORD}", "phone": "0812345678"})


@pytest.mark.parametrize(
    "role",
    [
        None,
        "TRIAGE_OFFICER",
        "INTEGRITY_OFFICER",
        "MISSION_GROUP_EDITOR",
        "DIRECTOR",
        "ADMINISTRATOR",
    ],
)
def test_nothing_unpublished_no_case_and_no_reporter_is_ever_found(client, agency, role):
    hidden_records(factories.staff_user(role=factories.roles.DIRECTOR))
    if role:
        login_staff(client, factories.staff_user(role=getattr(factories.roles, role)))
    html = found(client, WORD)
    # The query is echoed in the title, the search box and the count; nowhere else.
    assert html.count(WORD) == 3
    assert "พบ 0 รายการ" in html
    assert reverse("feedback:submit") in html  # nothing found: ask the agency instead


def test_results_are_paginated_at_a_constant_number_of_queries(client, agency):
    def grow():
        for n in range(25):
            mf.activity(title=f"กิจกรรม{WORD} ครั้งที่ {n}")

    mf.activity(title=f"กิจกรรม{WORD} ครั้งแรก")
    response = assert_constant_queries(client, URL, data={"q": WORD}, grow=grow, at_most=4)
    html = response.content.decode()
    assert "26 รายการ" in html and "หน้า 1 จาก 3" in html
    assert html.count('class="search-result"') == 10
    second = found(client, WORD, page="3")
    assert second.count('class="search-result"') == 6


def test_odd_input_gets_a_page_never_an_error(client, agency):
    # A NUL byte is refused by PostgreSQL's text type: it was a 500.
    for query in ["", "   ", "!!!", "<script>alert(1)</script>", "ก" * 5000, "%_\\", "ครู\x00"]:
        html = found(client, query, page="ไม่ใช่ตัวเลข")
        assert "<script>alert" not in html


def test_the_header_has_a_labelled_search_box_on_every_page(client, agency):
    html = client.get("/").content.decode()
    assert 'role="search"' in html and 'action="/search/"' in html
    assert "ค้นหาในเว็บไซต์นี้" in html
