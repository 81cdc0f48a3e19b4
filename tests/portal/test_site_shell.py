import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from tests import factories
from tests.login import login_staff
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def test_home_page_speaks_thai_with_the_agency_identity(client, agency):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="th">' in html
    assert agency.name_th in html
    assert "ข้ามไปยังเนื้อหาหลัก" in html  # the skip link
    assert 'id="main"' in html and "<nav" in html and "<footer" in html
    assert agency.phone in html  # contact channels in the footer


def test_home_page_works_before_the_agency_is_set_up(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "ยังไม่ได้ตั้งค่าข้อมูลหน่วยงาน" in response.content.decode()


def test_every_page_carries_a_strict_content_security_policy(client, agency):
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self' 'nonce-" in policy
    assert "frame-ancestors 'none'" in policy


def test_the_language_switcher_turns_the_interface_to_english(client, agency):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Skip to main content" in html
    assert 'value="th"' in html  # and offers the way back


@pytest.mark.parametrize(
    ("kind", "title"),
    [
        ("website", "นโยบายเว็บไซต์"),
        ("privacy", "ประกาศความเป็นส่วนตัว"),
        ("security", "นโยบายการรักษาความมั่นคงปลอดภัยเว็บไซต์"),
    ],
)
def test_policy_pages_are_published_and_linked_from_the_footer(client, agency, kind, title):
    url = reverse("portal:policy", kwargs={"kind": kind})
    assert url in client.get("/").content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert title in response.content.decode()
    assert "ฉบับที่ 1" in response.content.decode()


def test_unknown_pages_answer_404_in_thai(client, agency):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "ไม่พบหน้าที่ต้องการ" in response.content.decode()


def test_the_error_page_renders_without_a_request():
    html = render_to_string("500.html")
    assert "ระบบขัดข้องชั่วคราว" in html


# Written out here, not read from portal.navigation: the menu is checked
# against what the public should find, in the order they should find it.
EXPECTED_MAIN_MENU = [
    ("/measures/", "มาตรการ"),
    ("/activities/", "การมีส่วนร่วม"),
    ("/you-said-we-did/", "ท่านบอก เราทำ"),
    ("/surveys/", "แบบสำรวจความพึงพอใจ"),
    ("/working-groups/", "คณะทำงาน"),
    ("/feedback/statistics/", "สถิติเรื่องร้องเรียน"),
    ("/reports/", "รายงานประจำปี"),
]
EXPECTED_SERVICE_MENU = [
    ("/feedback/", "แสดงความคิดเห็น / ร้องเรียน"),
    ("/feedback/corruption/", "แจ้งเบาะแสการทุจริต"),
    ("/feedback/track/", "ติดตามสถานะเรื่อง"),
]
NAV_LINK = re.compile(r'<a class="nav-link[^"]*" href="([^"]+)"[^>]*>([^<]+)</a>')


def test_menu_links_every_public_section_in_thai(client, agency):
    html = client.get("/").content.decode()
    # The phone menu: home, the main pages, then the services.
    expected = [("/", "หน้าแรก"), *EXPECTED_MAIN_MENU, *EXPECTED_SERVICE_MENU]
    assert NAV_LINK.findall(html) == expected
    for url, _label in EXPECTED_MAIN_MENU + EXPECTED_SERVICE_MENU:
        assert client.get(url, follow=True).status_code == 200, url


def test_menu_marks_the_section_the_reader_is_in(client, agency):
    html = client.get("/activities/").content.decode()
    current = re.findall(r'href="([^"]+)" aria-current="page"', html)
    assert current == ["/activities/"]


def test_home_page_costs_a_fixed_number_of_queries(client, agency):
    def grow():
        for _ in range(15):
            factories.mission_group()

    assert_constant_queries(client, "/", grow=grow, at_most=7)


def test_thai_is_served_even_to_browsers_that_prefer_english(client, agency):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="th">' in html


def test_the_switcher_choice_wins_over_the_default(client, agency):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="th").content.decode()
    assert '<html lang="en">' in html


def test_home_page_shows_what_is_current(client, agency, settings):
    from django.core.management import call_command

    settings.DEBUG = True  # seed_demo is for development
    call_command("seed_demo", stdout=__import__("io").StringIO())
    html = client.get("/").content.decode()
    assert "มาตรการที่ใช้บังคับ" in html
    assert "กิจกรรมการมีส่วนร่วมล่าสุด" in html
    assert "แบบสำรวจที่เปิดรับคำตอบ" in html


def test_a_refused_file_says_why_in_thai(client, agency):
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from feedback.uploads import upload_clean
    from tests.factories import feedback as fb

    report = fb.case(uploads=[upload_clean(factories.jpeg_upload("evidence.jpg"))])
    login_staff(client, get_user_model().objects.create_user("clerk", is_staff=True))

    response = client.get(reverse("feedback:attachment", args=[report.attachments.get().pk]))

    assert response.status_code == 403
    assert "ไม่มีสิทธิ์" in response.content.decode()


def test_a_form_sent_without_its_security_token_is_explained_in_thai(agency):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)

    response = client.post("/feedback/", {"subject": "ข้อความ"})

    html = response.content.decode()
    assert response.status_code == 403
    assert "แบบฟอร์มหมดอายุ" in html and "ย้อนกลับ" in html
    assert "DEBUG" not in html and "CSRF" not in html


def test_a_request_for_an_unknown_host_is_refused_in_thai(client, agency):
    response = client.get("/", HTTP_HOST="evil.example")

    assert response.status_code == 400
    assert "ไม่สามารถอ่านคำขอได้" in response.content.decode()
