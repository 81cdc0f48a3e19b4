"""A reader follows a listening channel cited under a measure's clause to the
year's inbox statistics, on a phone and on a desktop: the link lands on that
channel in the list of channels open in the year, and the page passes axe."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from feedback.models import Case
from tests.browser.helpers import no_horizontal_scroll
from tests.browser.plugin import DESKTOP, PHONE
from tests.factories import feedback as fb
from tests.factories import measures as mf

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# A long Thai address with no spaces, the kind that overflows a phone screen.
HOW_TO_REACH = "ตู้รับความคิดเห็นชั้นหนึ่งอาคารสำนักงานเขตพื้นที่การศึกษาประถมศึกษาทดสอบเขตหนึ่งหน้าห้องประชาสัมพันธ์"


@pytest.fixture
def cited_channel(agency, director, mission_group):
    """The channel a clause cites, among others the year's page must or must
    not list."""
    measure = mf.measure(status="published", approver=director)
    channel = fb.listening_channel(
        name="กล่องรับฟังความคิดเห็นหน้าสำนักงาน",
        kind=Case.Channel.BOX,
        how_to_reach=HOW_TO_REACH,
        mission_group=mission_group,
        clause=measure.clauses.get(),
    )
    # Many channels listed before it (by kind, then name), so the link must
    # scroll to reach it.
    for n in range(12):
        fb.listening_channel(
            name=f"กระดานรับความคิดเห็น {n:02d}",
            kind=Case.Channel.BOX,
            opened_on=dt.date(2023, 1, n + 1),
        )
    fb.listening_channel(name="ช่องทางที่ปิดไปก่อนปีนี้", closed_on=dt.date(2025, 6, 30))
    fb.listening_channel(name="ช่องทางที่ยังไม่เผยแพร่", is_published=False)
    return measure, channel


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_a_channel_cited_under_a_clause_opens_on_the_years_statistics(
    page_at, axe_check, cited_channel, width
):
    measure, channel = cited_channel
    page = page_at(f"{measure.get_absolute_url()}?year=2569", width)

    page.get_by_role("link", name=channel.name).click()

    page.wait_for_url(f"**/feedback/statistics/2569/#channel-{channel.pk}")
    item = page.locator(f"#channel-{channel.pk}")
    expect(item).to_be_in_viewport()
    expect(item).to_contain_text(channel.name)
    expect(item).to_contain_text("(ตู้รับความคิดเห็น)")
    expect(item).to_contain_text("เปิดตั้งแต่ 1 มกราคม 2567")
    listed = page.locator("#channels + ul > li")
    expect(listed).to_have_count(13)
    expect(listed.last).to_have_id(f"channel-{channel.pk}")
    expect(page.locator("#channels + ul")).not_to_contain_text("ช่องทางที่ปิดไปก่อนปีนี้")
    expect(page.locator("#channels + ul")).not_to_contain_text("ช่องทางที่ยังไม่เผยแพร่")
    assert no_horizontal_scroll(page)
    axe_check(page)
