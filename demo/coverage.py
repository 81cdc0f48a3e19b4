"""The demo's records cite the clauses of the demo measure (seed 003) they
carry out, as staff would, leaving a realistic gap or two for the to-do list:
step ๓ (setting the guidelines) has nothing, nor has the framework of a
mission group without a working group. The inbox's listening channels carry
out step ๔ beside the survey rounds, and what was published carries out way
๑ (informing) beside the inform-level activities; the demo editor edits the
first mission group, so the weekly to-do digest has someone to mail."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse

from demo.measures import MEASURE_SLUG
from feedback.models import Case, ListeningChannel
from measures.models import (
    Activity,
    Agency,
    Clause,
    Improvement,
    Measure,
    MissionGroup,
    Publication,
)
from portal.lib import thai
from surveys.models import Survey, WorkingGroup

# The IAP2 level of an activity and the clause of "วิธีการดำเนินงาน" it carries out.
LEVEL_CLAUSE = {
    Activity.Level.INFORM: "1",
    Activity.Level.CONSULT: "2",
    Activity.Level.INVOLVE: "3",
    Activity.Level.COLLABORATE: "4",
    Activity.Level.EMPOWER: "5",
}
STEPS, METHODS, MONITORING = "ขั้นตอนการดำเนินงาน", "วิธีการดำเนินงาน", "การกำกับและติดตาม"


def _sections(measure):
    """{heading: {label: clause}}, the paragraph under a heading with label ""."""
    found, heading = {}, ""
    for clause in measure.clauses.order_by("position", "pk"):
        if clause.kind == Clause.Kind.HEADING:
            heading = clause.text
            found[heading] = {}
        elif clause.kind in (Clause.Kind.CLAUSE, Clause.Kind.PARAGRAPH) and heading:
            found[heading].setdefault(clause.label, clause)
    return found


@transaction.atomic
def seed_demo(*, today):
    measure = Measure.objects.filter(slug=MEASURE_SLUG).first()
    # Once cited, the citations are the staff's to change: a second seed writes nothing.
    if measure is None or WorkingGroup.objects.filter(clauses__measure=measure).exists():
        return
    sections = _sections(measure)
    steps, methods = sections.get(STEPS, {}), sections.get(METHODS, {})
    monitoring = sections.get(MONITORING, {}).get("")
    for level, label in LEVEL_CLAUSE.items():
        if label in methods:
            Activity.objects.filter(level=level).update(clause=methods[label])
    if monitoring:
        Activity.objects.filter(title__contains="คณะกรรมการติดตาม").update(clause=monitoring)
    if "1" in steps:
        Activity.objects.filter(title__startswith="สรุปผลการมีส่วนร่วม").update(clause=steps["1"])
    for group in WorkingGroup.objects.select_related("mission_group"):
        framework = measure.clauses.filter(mission_group=group.mission_group).first()
        cited = [clause for clause in (steps.get("2"), framework) if clause]
        group.clauses.add(*cited)
    if "4" in steps:
        Survey.objects.filter(is_template=False, mission_group__isnull=False).update(
            clause=steps["4"]
        )
    # Seed 001 §3: the director acknowledged the first round of last year;
    # the second waits on the to-do list.
    year = thai.FiscalYear.of(today).previous()
    first = Survey.objects.filter(
        is_template=False, fiscal_year=year.be_year, round=Survey.Round.FIRST_HALF
    ).first()
    director = Agency.objects.current()
    if first is not None and first.closes_on and director is not None:
        Survey.objects.filter(pk=first.pk).update(
            acknowledged_by=f"{director.head_name} {director.head_position}".strip(),
            acknowledged_on=first.closes_on + dt.timedelta(days=14),
            acknowledgement_remark="รับทราบ ให้กลุ่มงานนำข้อเสนอแนะไปปรับปรุงการให้บริการ",
        )
    if "5" in steps:
        Improvement.objects.filter(status=Improvement.Status.DONE).update(clause=steps["5"])
    _channels_and_publications(steps.get("4"), methods.get("1"), today=today)
    editor = get_user_model().objects.filter(username="editor").first()
    group = MissionGroup.objects.active().first()
    if editor is not None and group is not None:
        group.editors.add(editor)


def _channels_and_publications(listening, informing, *, today):
    year = thai.FiscalYear.of(today)
    since = year.previous().period.start
    agency = Agency.objects.current()
    phone = agency.phone if agency and agency.phone else "๐ ๔๒๕๑ ๑๒๓๔"
    for name, kind, how in [
        ("แบบฟอร์มรับเรื่องร้องเรียนออนไลน์", Case.Channel.WEBSITE, "เมนู แจ้งเรื่อง บนเว็บไซต์นี้"),
        ("โทรศัพท์รับเรื่องร้องเรียน", Case.Channel.PHONE, phone),
        ("กล่องรับฟังความคิดเห็น", Case.Channel.BOX, "หน้าห้องบริการประชาชน ชั้น ๑"),
    ]:
        ListeningChannel.objects.create(
            name=name, kind=kind, how_to_reach=how, opened_on=since, clause=listening
        )
    published_on = max(year.period.start, today - dt.timedelta(days=20))
    statistics = reverse("feedback:statistics_year", args=[year.be_year])
    improvements = reverse("measures:improvement_list")
    for title, medium, url in [
        ("สถิติเรื่องร้องเรียนประจำปี", Publication.Medium.WEBSITE, statistics),
        ("ท่านบอก เราทำ: ผลการปรับปรุงตามข้อเสนอ", Publication.Medium.WEBSITE, improvements),
        ("จดหมายข่าวผลการดำเนินงาน", Publication.Medium.PRINT, ""),
    ]:
        Publication.objects.create(
            title=title, medium=medium, url=url, published_on=published_on, clause=informing
        )
