"""Each clause of a measure in force shows what carried it out in a fiscal year."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from measures import coverage, services
from measures.models import Clause, Measure, StakeholderGroup
from portal.lib import thai
from portal.report.build import annual_report_build
from portal.report.render import annual_report_render_html
from tests.admin_form import admin_post
from tests.factories import feedback as fb
from tests.factories import measures as mf
from tests.factories import surveys as sf
from tests.login import login_staff
from tests.queries import assert_constant_queries

FY = thai.FiscalYear(2569)
NOTHING = "ไม่มีการบันทึกการดำเนินการตามข้อนี้ในปีงบประมาณ 2569"


def units(measure):
    lines = coverage.clause_lines(measures=[measure], fiscal_year=FY, public=False)[measure.pk]
    return [line for line in lines if line.accountable]


def plain_unit(lines, words):
    """The first clause whose text has one of `words` (seeds 000, 001, 004
    promise listening channels and publishing), else the first clause; never
    a lettered duty or a clause with duties of its own."""
    plain = [line for line in lines if line.parent is None and not line.items]
    return next((u for u in plain if any(word in u.clause.text for word in words)), plain[0])


@pytest.mark.parametrize("number", [0, 1, 2, 3, 4])
def test_each_seed_shows_under_each_clause_what_carried_it_out(
    client, agency, director, editor, triage_officer, number
):
    measure = mf.published_seed(number, director)
    lines = units(measure)
    listening = plain_unit(lines, ["ช่องทางการรับฟัง", "ช่องทางในการรับฟัง", "รับฟังความคิดเห็น"])
    lines.remove(listening)
    publishing = plain_unit(lines, ["เผยแพร่ข้อมูล"])
    lines.remove(publishing)
    first, second, third, *rest = lines
    parents = StakeholderGroup.objects.get(slug="parents")
    activity = mf.activity(
        title="เวทีรับฟังความคิดเห็นผู้ปกครอง",
        held_on=dt.date(2026, 1, 20),
        participants=[(parents, 7)],
    )
    group = sf.working_group(name="คณะทำงานภาคีเครือข่าย", term_start=dt.date(2025, 10, 1))
    survey = sf.survey(
        title="สำรวจความพึงพอใจผู้รับบริการ", fiscal_year=2569, status="closed", dimensions=()
    )
    channel = fb.listening_channel(name="สายด่วนรับเรื่องร้องเรียน", opened_on=dt.date(2025, 11, 1))
    publication = mf.publication(title="จดหมายข่าวผลการดำเนินงาน", published_on=dt.date(2026, 3, 2))

    # The inbox's channels are the triage officers' to keep.
    login_staff(client, triage_officer)
    response = admin_post(
        client,
        reverse("admin:feedback_listeningchannel_change", args=[channel.pk]),
        clause=listening.clause.pk,
    )
    assert response.status_code == 200 and not response.context.get("errors")
    login_staff(client, editor)

    # Records cite their clauses through the admin, as staff do.
    for url, changes in [
        (
            reverse("admin:measures_publication_change", args=[publication.pk]),
            {"clause": publishing.clause.pk},
        ),
        (
            reverse("admin:measures_activity_change", args=[activity.pk]),
            {"clause": first.clause.pk},
        ),
        (
            reverse("admin:surveys_workinggroup_change", args=[group.pk]),
            {"clauses": [second.clause.pk]},
        ),
        (reverse("admin:surveys_survey_change", args=[survey.pk]), {"clause": third.clause.pk}),
    ]:
        response = admin_post(client, url, **changes)
        assert response.status_code == 200
        assert not response.context.get("errors"), response.context.get("errors")
    client.logout()

    page = client.get(measure.get_absolute_url(), {"year": 2569}).content.decode()

    survey_results = reverse("surveys:survey_results", kwargs={"slug": survey.slug})
    statistics = reverse("feedback:statistics_year", args=[2569])
    for unit, title, url in [
        (first, activity.title, activity.get_absolute_url()),
        (second, group.name, group.get_absolute_url()),
        (third, survey.title, survey_results),
        (listening, channel.name, f"{statistics}#channel-{channel.pk}"),
        (publishing, publication.title, publication.url),
    ]:
        block = page.split(f'id="clause-{unit.clause.pk}"')[1].split('id="clause-')[0]
        assert f'<a href="{url}">{title}</a>' in block
    for unit in rest:
        block = page.split(f'id="clause-{unit.clause.pk}"')[1].split('id="clause-')[0]
        assert NOTHING in block
    # The channel's link leads to the year's inbox statistics, which name it.
    assert f'id="channel-{channel.pk}"><strong>{channel.name}</strong>' in (
        client.get(statistics).content.decode()
    )
    # Another year shows nothing for the same clauses.
    earlier = client.get(measure.get_absolute_url(), {"year": 2568}).content.decode()
    for title in [activity.title, channel.name, publication.title]:
        assert title not in earlier

    # The annual report accounts for the same clauses, row by row.
    html = annual_report_render_html(annual_report_build(fiscal_year=2569))
    section = html.split('id="h-measures"')[1].split('id="s-feedback"')[0]
    rows = section.split("<tr")
    for unit, title in [
        (first, activity.title),
        (second, group.name),
        (third, survey.title),
        (listening, channel.name),
        (publishing, publication.title),
    ]:
        (row,) = [row for row in rows if title in row]
        assert thai.thai_digits(unit.clause.text[:150]) in row
    for unit in rest:
        (row,) = [row for row in rows if thai.thai_digits(unit.clause.text[:150]) in row]
        assert "ไม่มีการดำเนินการตามข้อนี้ในปีนี้" in row

    # And the staff's to-do list names each clause still without a record.
    login_staff(client, editor)
    todo = client.get(reverse("staff_todo", args=[2569])).content.decode()
    listed = set(re.findall(r"\?clause=(\d+)", todo))
    # A framework clause with nothing under it is one line, not one per duty.
    assert listed == {str(unit.clause.pk) for unit in rest if unit.clause.kind != "item"}


def test_seed_003_lettered_duties_are_the_units_of_their_clause(agency, director):
    measure = mf.published_seed(3, director)
    lines = coverage.clause_lines(measures=[measure], fiscal_year=FY)[measure.pk]
    accountable = [line for line in lines if line.accountable]

    items = [line for line in accountable if line.clause.kind == Clause.Kind.ITEM]
    # The lettered duties as the importer reads them, five steps, five ways
    # of taking part, the seven mission groups' framework clauses, and the
    # monitoring paragraph standing alone under its heading.
    assert len(items) == sum(1 for c in measure.clauses.all() if c.kind == "item")
    assert len(accountable) == len(items) + 5 + 5 + 7 + 1
    duty = items[0]
    assert duty.reference == "๑. (ก)"
    assert duty.parent.text.startswith("กลุ่มนโยบายและแผน")


def test_a_hidden_record_counts_for_staff_but_not_on_the_public_page(client, agency, director):
    measure = mf.published_seed(1, director)
    clause = units(measure)[0].clause
    mf.activity(title="กิจกรรมที่ยังไม่เผยแพร่", clause=clause, is_published=False)

    assert "กิจกรรมที่ยังไม่เผยแพร่" not in client.get(measure.get_absolute_url()).content.decode()
    missing = [line.clause for _measure, line in coverage.missing_clauses(fiscal_year=FY)]
    assert clause not in missing
    assert units(measure)[1].clause in missing


def test_a_superseded_measure_keeps_its_clauses_and_the_years_it_was_in_force(agency, director):
    old = mf.published_seed(0, director)
    new = mf.published_seed(1, director)
    services.measure_supersede(measure=old, successor=new)
    old.refresh_from_db()

    assert old.status == Measure.Status.SUPERSEDED
    # In force from its announcement (FY 2562) to the year before its successor's.
    assert old.fiscal_years_in_force() == list(range(new.fiscal_year_from - 1, 2561, -1))
    assert old in Measure.objects.in_force_during(thai.FiscalYear(2563))
    assert old not in Measure.objects.in_force_during(thai.FiscalYear(2561))


def test_the_measure_page_reads_in_constant_queries(client, agency, director):
    measure = mf.published_seed(3, director)
    lines = units(measure)
    mf.activity(clause=lines[0].clause, held_on=dt.date(2026, 2, 1))

    def more_carriers():
        for line in lines[1:8]:
            mf.activity(clause=line.clause, held_on=dt.date(2026, 2, 1))
        group = sf.working_group(term_start=dt.date(2025, 10, 1))
        group.clauses.set([line.clause for line in lines[8:10]])

    assert_constant_queries(
        client, measure.get_absolute_url(), data={"year": 2569}, grow=more_carriers, at_most=12
    )


def test_a_clause_carried_out_as_a_whole_covers_its_duties_and_a_partial_one_lists_the_rest(
    agency, director
):
    measure = mf.published_seed(3, director)
    lines = coverage.clause_lines(measures=[measure], fiscal_year=FY, public=False)[measure.pk]
    frameworks = [line for line in lines if line.items]
    whole, partial = frameworks[0], frameworks[1]
    group = sf.working_group(term_start=dt.date(2025, 10, 1))
    group.clauses.set([whole.clause, partial.items[0].clause])

    missing = {line.clause.pk for _m, line in coverage.missing_clauses(fiscal_year=FY)}

    assert whole.clause.pk not in missing
    assert not missing & {item.clause.pk for item in whole.items}
    assert partial.clause.pk not in missing  # done through its first duty
    assert {item.clause.pk for item in partial.items[1:]} <= missing
    untouched = frameworks[2]
    assert untouched.clause.pk in missing
    assert not missing & {item.clause.pk for item in untouched.items}


def test_a_listening_channel_counts_in_each_year_it_was_open_and_a_publication_in_its_own(
    client, agency, director
):
    measure = mf.published_seed(4, director)
    channels_clause, publish_clause = (units(measure)[1].clause, units(measure)[0].clause)
    fb.listening_channel(name="โทรศัพท์สายตรง", clause=channels_clause, opened_on=dt.date(2023, 5, 1))
    fb.listening_channel(
        name="กล่องที่ปิดไปแล้ว",
        clause=channels_clause,
        opened_on=dt.date(2023, 5, 1),
        closed_on=dt.date(2025, 9, 30),  # the last day of FY 2568
    )
    fb.listening_channel(name="ช่องทางที่ยังไม่แสดง", clause=channels_clause, is_published=False)
    mf.publication(title="ป้ายประกาศผลการดำเนินงาน", url="", clause=publish_clause)
    mf.publication(title="ข่าวปีก่อน", clause=publish_clause, published_on=dt.date(2025, 9, 30))

    def titles(year, public=True):
        lines = coverage.clause_lines(
            measures=[measure], fiscal_year=thai.FiscalYear(year), public=public
        )[measure.pk]
        return {
            line.clause.pk: sorted(record.title for record in line.records)
            for line in lines
            if line.clause in (channels_clause, publish_clause)
        }

    assert titles(2569) == {
        channels_clause.pk: ["โทรศัพท์สายตรง"],
        publish_clause.pk: ["ป้ายประกาศผลการดำเนินงาน"],
    }
    assert titles(2568) == {
        channels_clause.pk: ["กล่องที่ปิดไปแล้ว", "โทรศัพท์สายตรง"],
        publish_clause.pk: ["ข่าวปีก่อน"],
    }
    # Staff see the hidden channel as work done; the public does not.
    assert "ช่องทางที่ยังไม่แสดง" in titles(2569, public=False)[channels_clause.pk]
    page = client.get(measure.get_absolute_url(), {"year": 2569}).content.decode()
    assert "ช่องทางที่ยังไม่แสดง" not in page
    # A publication with no address is named without a link.
    assert "การเผยแพร่ข้อมูล: ป้ายประกาศผลการดำเนินงาน</li>" in page


@pytest.mark.parametrize(
    ("role", "channels", "publications"),
    [
        # The inbox's channels are the case handlers'; what was published, the groups'.
        ("triage_officer", 200, 403),
        ("integrity_officer", 200, 403),
        ("editor", 403, 200),
        ("director", 403, 403),
        ("administrator", 200, 200),
    ],
)
def test_who_records_listening_channels_and_publications(
    client, agency, request, role, channels, publications
):
    login_staff(client, request.getfixturevalue(role))
    assert client.get(reverse("admin:feedback_listeningchannel_add")).status_code == channels
    assert client.get(reverse("admin:measures_publication_add")).status_code == publications
    # Everyone on staff may read both lists.
    assert client.get(reverse("admin:feedback_listeningchannel_changelist")).status_code == 200
    assert client.get(reverse("admin:measures_publication_changelist")).status_code == 200
