"""Findable and shareable: sitemap.xml, robots.txt, preview tags, share links, LINE."""

import datetime as dt
import re
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from feedback.models import HandlingManual
from measures.models import EvidenceFile, Measure
from portal.sitemaps import STATIC_PAGES
from surveys.models import Survey
from tests import factories
from tests.factories import feedback as fb
from tests.factories import measures as mf
from tests.factories import surveys as sf
from tests.login import login_staff
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db

SITE = "https://portal.example.go.th"


@pytest.fixture(autouse=True)
def _public_address(settings):
    settings.SITE_URL = SITE


def sitemap_paths(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return {
        re.sub(r"^https?://[^/]+", "", loc)
        for loc in re.findall(r"<loc>([^<]+)</loc>", response.content.decode())
    }


def test_the_sitemap_lists_every_public_record(client, agency):
    measure = mf.measure(status=Measure.Status.PUBLISHED)
    activity = mf.activity()
    survey = sf.survey()
    group = sf.working_group()
    manual = HandlingManual.objects.create(
        title="คู่มือ", responsible_unit="กลุ่มอำนวยการ", body="ขั้นตอน", effective_on=dt.date(2025, 10, 1)
    )
    paths = sitemap_paths(client)
    for url in [measure, activity, survey, group, manual]:
        assert url.get_absolute_url() in paths
    for name in ["portal:home", "measures:measure_list", "feedback:statistics", "feedback:submit"]:
        assert reverse(name) in paths
    assert "/policies/privacy/" in paths


PUBLIC_PREFIXES = (
    "/measures/",
    "/activities/",
    "/surveys/",
    "/working-groups/",
    "/feedback/manual/",
    "/feedback/statistics/",  # a year's figures and their open-data files
    "/policies/",
    "/reports/",
)
ROLES = [
    None,
    "TRIAGE_OFFICER",
    "INTEGRITY_OFFICER",
    "MISSION_GROUP_EDITOR",
    "DIRECTOR",
    "ADMINISTRATOR",
]


@pytest.mark.parametrize("role", ROLES)
def test_the_sitemap_never_lists_what_the_public_may_not_open(client, agency, role):
    director = factories.staff_user(role=factories.roles.DIRECTOR)
    hidden = [
        mf.measure(),  # draft
        mf.measure(status=Measure.Status.APPROVED, approver=director),
        mf.activity(is_published=False),
        sf.survey(status=Survey.Status.DRAFT),
        sf.survey(is_template=True, status=Survey.Status.DRAFT),
        sf.working_group(is_published=False),
        HandlingManual.objects.create(
            title="ฉบับหน้า",
            responsible_unit="กลุ่มอำนวยการ",
            body="ยังไม่ใช้",
            effective_on=dt.date.today() + dt.timedelta(days=30),
        ),
    ]
    cases = [fb.case(), fb.corruption_case()]
    if role:
        login_staff(client, factories.staff_user(role=getattr(factories.roles, role)))
    paths = sitemap_paths(client)
    for record in hidden:
        assert record.get_absolute_url() not in paths
    # Whatever else it lists is a public list page or under a public prefix:
    # no case, receipt, tracking page, attachment or staff page.
    public = {reverse(name) for name in STATIC_PAGES}
    assert all(path in public or path.startswith(PUBLIC_PREFIXES) for path in paths)
    assert cases  # filed, and so had their chance to appear


def test_the_sitemap_costs_the_same_queries_however_many_records(client, agency):
    mf.activity()
    mf.measure(status=Measure.Status.PUBLISHED)

    def grow():
        for _ in range(10):
            mf.activity()
            mf.measure(status=Measure.Status.PUBLISHED)

    assert_constant_queries(client, "/sitemap.xml", grow=grow)


def test_robots_keep_out_of_staff_pages_and_citizens_cases(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    for path in ["/admin/", "/feedback/track/", "/feedback/receipt/", "/feedback/attachments/"]:
        assert f"Disallow: {path}" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def meta(html, name):
    match = re.search(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)"', html)
    return match and match.group(1)


def test_a_measure_previews_with_its_title_and_opening_words(client, agency):
    measure = mf.measure(status=Measure.Status.PUBLISHED, preamble="ตามที่รัฐธรรมนูญ " * 40)
    html = client.get(measure.get_absolute_url()).content.decode()
    assert meta(html, "og:title") == measure.title
    assert meta(html, "og:url") == SITE + measure.get_absolute_url()
    assert meta(html, "og:description").startswith("ตามที่รัฐธรรมนูญ ตามที่")
    assert meta(html, "og:description").endswith("…")
    assert meta(html, "twitter:title") == measure.title
    # No emblem uploaded: no picture rather than a wrong one.
    assert meta(html, "og:image") is None and meta(html, "twitter:card") == "summary"


def test_an_activity_previews_with_its_first_photo(client, agency):
    activity = mf.activity()
    EvidenceFile.objects.create(
        activity=activity,
        kind="photo",
        file=factories.jpeg_upload(),
        caption="ภาพการประชุม",
        position=2,
    )
    first = EvidenceFile.objects.create(
        activity=activity,
        kind="photo",
        file=factories.jpeg_upload("first.jpg"),
        caption="ภาพแรก",
        position=1,
    )
    html = client.get(activity.get_absolute_url()).content.decode()
    assert meta(html, "og:image") == SITE + first.shown.url
    assert meta(html, "twitter:card") == "summary_large_image"
    assert meta(html, "og:description") == activity.subject


def test_pages_without_a_photo_preview_with_the_agency_emblem(client, agency):
    agency.emblem = SimpleUploadedFile(
        "emblem.png", factories.jpeg_upload().read(), content_type="image/png"
    )
    agency.save()
    survey = sf.survey(intro="ขอเชิญตอบแบบสำรวจความพึงพอใจ")
    for url in [survey.get_absolute_url(), reverse("measures:improvement_list")]:
        html = client.get(url).content.decode()
        assert meta(html, "og:image") == SITE + agency.emblem.url
        assert meta(html, "og:description")
    assert meta(client.get(survey.get_absolute_url()).content.decode(), "og:title") == survey.title


@pytest.mark.parametrize("kind", ["measure", "activity", "survey", "board"])
def test_shared_pages_offer_line_facebook_and_the_link(client, agency, kind):
    url = {
        "measure": lambda: mf.measure(status=Measure.Status.PUBLISHED).get_absolute_url(),
        "activity": lambda: mf.activity().get_absolute_url(),
        "survey": lambda: sf.survey().get_absolute_url(),
        "board": lambda: reverse("measures:improvement_list"),
    }[kind]()
    html = client.get(url).content.decode()
    encoded = quote(SITE + url, safe="")
    assert f'href="https://social-plugins.line.me/lineit/share?url={encoded}"' in html
    assert f'href="https://www.facebook.com/sharer/sharer.php?u={encoded}"' in html
    assert f'data-share-copy="{SITE + url}"' in html
    assert "แชร์หน้านี้" in html


@pytest.mark.parametrize(
    ("line_id", "address"),
    [
        ("@abc1234", "https://line.me/R/ti/p/%40abc1234"),
        ("abc1234", "https://line.me/R/ti/p/%40abc1234"),
        ("https://lin.ee/AbCdEf", "https://lin.ee/AbCdEf"),
    ],
)
def test_the_footer_links_the_line_account_with_an_add_friend_qr(client, line_id, address):
    factories.agency(line_id=line_id)
    html = client.get("/").content.decode()
    footer = html[html.index("<footer") :]
    assert f'<a href="{address}" rel="noopener">{line_id}</a>' in footer
    assert "<svg" in footer and "คิวอาร์โค้ดเพิ่มเพื่อนบัญชี LINE ของหน่วยงาน" in footer


def test_no_line_account_no_line_in_the_footer(client, agency):
    footer = client.get("/").content.decode().split("<footer", 1)[1]
    assert "LINE" not in footer and "<svg" not in footer
