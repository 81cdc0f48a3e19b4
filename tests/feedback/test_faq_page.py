"""One page per published question: shareable (preview tags), listed in the
sitemap and search, kept for anonymous visitors; a draft or an entry tied to a
corruption report is not found, whoever asks."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from feedback.models import FAQ
from feedback.services import case_reply
from tests import factories
from tests.factories import feedback as fb
from tests.login import login_staff
from tests.queries import page_queries

pytestmark = pytest.mark.django_db

SITE = "https://portal.example.go.th"
ROLES = [
    None,
    "TRIAGE_OFFICER",
    "INTEGRITY_OFFICER",
    "MISSION_GROUP_EDITOR",
    "DIRECTOR",
    "ADMINISTRATOR",
]


@pytest.fixture(autouse=True)
def _public_address(settings):
    settings.SITE_URL = SITE


def meta(html, name):
    match = re.search(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)"', html)
    return match and match.group(1)


@pytest.fixture
def entry(agency):
    return FAQ.objects.create(
        question="ครูขอย้ายกลับภูมิลำเนาต้องยื่นคำร้องเมื่อใด",
        answer="ยื่นคำร้องขอย้ายต่อกลุ่มบริหารงานบุคคลภายในเดือนมกราคมของทุกปี\n\nแนบเอกสารตามประกาศ",
        mission_group=factories.mission_group(name="กลุ่มบริหารงานบุคคล"),
        is_published=True,
    )


def test_a_question_has_its_own_page_with_preview_tags(client, entry):
    url = f"/faq/{entry.pk}/"
    assert entry.get_absolute_url() == url
    html = client.get(url).content.decode()
    assert "<h1" in html and "ครูขอย้ายกลับภูมิลำเนาต้องยื่นคำร้องเมื่อใด</h1>" in html
    assert "<p>แนบเอกสารตามประกาศ</p>" in html  # paragraphs kept
    assert "กลุ่มบริหารงานบุคคล" in html and "คำตอบของหน่วยงาน" in html
    assert meta(html, "og:title") == entry.question
    assert meta(html, "og:url") == SITE + url
    assert meta(html, "og:type") == "article"
    assert meta(html, "og:description").startswith("ยื่นคำร้องขอย้ายต่อกลุ่มบริหารงานบุคคล")
    assert meta(html, "twitter:title") == entry.question
    assert "social-plugins.line.me/lineit/share?url=" in html  # share links
    assert f'href="{reverse("feedback:faq")}#faq-{entry.pk}"' in html  # back to the list


def test_the_list_links_each_question_to_its_page(client, entry):
    html = client.get("/faq/").content.decode()
    assert f'href="/faq/{entry.pk}/"' in html
    assert "เปิดคำถามนี้ในหน้าของตัวเอง" in html


def test_search_and_sitemap_give_the_question_s_page(client, entry):
    results = client.get(reverse("portal:search"), {"q": "ภูมิลำเนา"}).content.decode()
    assert f'href="/faq/{entry.pk}/"' in results
    assert f"/faq/{entry.pk}/</loc>" in client.get("/sitemap.xml").content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_a_draft_or_a_corruption_tied_entry_is_not_found_by_anyone(client, agency, role):
    integrity = factories.staff_user(role=factories.roles.INTEGRITY_OFFICER)
    corruption = fb.corruption_case()
    case_reply(case=corruption, by=integrity, body="รับเรื่องไว้ตรวจสอบแล้ว")
    # Published by a flag set behind the admin's back (clean() refuses it).
    sealed = FAQ.objects.create(
        question="คำถามจากเรื่องทุจริต", answer="คำตอบ", source_case=corruption, is_published=True
    )
    draft = FAQ.objects.create(question="ร่างคำถาม", answer="ร่าง")
    if role:
        login_staff(client, factories.staff_user(role=getattr(factories.roles, role)))
    for hidden in (sealed, draft):
        assert client.get(f"/faq/{hidden.pk}/").status_code == 404
    assert client.get("/faq/999999/").status_code == 404
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"/faq/{sealed.pk}/" not in sitemap and f"/faq/{draft.pk}/" not in sitemap


def test_a_question_unpublished_later_is_gone_at_once(entry):
    url = entry.get_absolute_url()
    assert Client().get(url).status_code == 200
    _response, queries = page_queries(Client(), url)
    assert queries == 0  # a second anonymous visitor reads the kept page
    entry.is_published = False
    entry.save()
    assert Client().get(url).status_code == 404
