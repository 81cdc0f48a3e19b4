"""Demo records of the demo agency (seed 003): its own 2018 announcement,
imported by the importer and published, and a year and a half of activities
(FY 2569 and FY 2570 to date) with participants, results and improvements.

Run again, it creates only what is missing, found by natural key (slug,
title, activity and group, year and code), and never writes to a row that
exists: staff may have corrected any of it.
"""

import datetime as dt
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from demo.indicators import INDICATORS
from demo.photos import photo_draw
from demo.records import ACTIVITIES, PHOTOS
from measures import services
from measures.models import (
    Activity,
    Clause,
    EvidenceFile,
    Improvement,
    Indicator,
    Measure,
    MissionGroup,
    StakeholderGroup,
)
from portal.lib import thai
from portal.lib.uploads import evidence_clean

ANNOUNCEMENT = Path(__file__).parent / "data" / "announcement_2561.txt"
MEASURE_SLUG = "2561-1"


def _day(today, offset_years, days):
    year = thai.FiscalYear.of(today)
    if offset_years:
        year = year.previous()
    return min(year.period.start + dt.timedelta(days=days), today)


def _measure_seed(director):
    measure = Measure.objects.filter(slug=MEASURE_SLUG).first()
    if measure is not None:
        return measure
    measure, _parsed = services.measure_import(text=ANNOUNCEMENT.read_text(encoding="utf-8"))
    if measure.slug != MEASURE_SLUG:
        measure.slug = MEASURE_SLUG
        measure.save(update_fields=["slug"])
    if director is not None:
        services.measure_approve(measure=measure, by=director)
        services.measure_publish(measure=measure)
    measure.mission_groups.set(MissionGroup.objects.all())
    # The framework clauses (๑–๗ under "การกำหนดกรอบแนวทาง…") name a mission group each.
    for group in MissionGroup.objects.all():
        measure.clauses.filter(kind=Clause.Kind.CLAUSE, text__startswith=group.name).update(
            mission_group=group
        )
    return measure


def _photo_seed(activity, position, minutes, scene, what):
    """A demo photo, stored as a staff upload is: re-encoded, with its preview,
    and with the date, time and place every evidence photo must give."""
    if activity.evidence.filter(kind=EvidenceFile.Kind.PHOTO, position=position).exists():
        return
    start = dt.datetime.combine(activity.held_on, activity.start_time or dt.time(9, 0))
    taken = timezone.make_aware(start + dt.timedelta(minutes=minutes))
    uploaded = SimpleUploadedFile(
        "photo.jpg", photo_draw(scene, seed=f"{activity.title}/{position}"), "image/jpeg"
    )
    stored, preview = evidence_clean(uploaded, photo_expected=True)
    photo = EvidenceFile(
        activity=activity,
        kind=EvidenceFile.Kind.PHOTO,
        file=stored,
        preview=preview,
        caption=what,
        taken_at=taken,
        place=activity.place,
        position=position,
    )
    photo.full_clean()
    photo.save()


@transaction.atomic
def seed_demo(*, today):
    user_model = get_user_model()
    director = user_model.objects.filter(username="director").first()
    editor = user_model.objects.filter(username="editor").first()
    measure = _measure_seed(director)
    groups = {g.slug: g for g in MissionGroup.objects.all()}
    stakeholders = {s.slug: s for s in StakeholderGroup.objects.all()}
    for row in ACTIVITIES:
        (
            offset,
            days,
            group_slug,
            title,
            subject,
            level,
            stage,
            method,
            place,
            budget,
            participants,
            results,
            use,
            improvements,
        ) = row
        group = groups.get(group_slug)
        if group is None:
            continue
        held_on = _day(today, offset, days)
        clause = measure.clauses.filter(mission_group=group).first()
        activity, _ = Activity.objects.get_or_create(
            title=title,
            defaults={
                "mission_group": group,
                "clause": clause,
                "subject": subject,
                "level": level,
                "stage": stage,
                "method": method,
                "held_on": held_on,
                "start_time": dt.time(9, 0),
                "end_time": dt.time(12, 0),
                "place": place,
                "budget": budget,
                "results": results,
                "use_of_results": use,
                "created_by": editor,
            },
        )
        for slug, count in participants.items():
            if slug in stakeholders:
                activity.participations.get_or_create(
                    group=stakeholders[slug], defaults={"count": count}
                )
        for position, photo in enumerate(PHOTOS.get(title, [])):
            _photo_seed(activity, position, *photo)
        for imp_title, you_said, status, due_days, done_days in improvements:
            completed = held_on + dt.timedelta(days=done_days) if done_days else None
            Improvement.objects.get_or_create(
                title=imp_title,
                defaults={
                    "activity": activity,
                    "mission_group": group,
                    "you_said": you_said,
                    "status": status,
                    "owner": editor,
                    "due_on": held_on + dt.timedelta(days=due_days),
                    "completed_on": min(completed, today) if completed else None,
                },
            )
    for position, (year, code, title, url_name, note) in enumerate(INDICATORS):
        url = reverse(url_name)
        if url_name == "measures:activity_list":
            url = f"{url}?year={year}"
        Indicator.objects.get_or_create(
            assessment_year=year,
            code=code,
            url=url,
            defaults={"title": title, "where_to_look": note, "position": position},
        )
    Indicator.objects.get_or_create(
        assessment_year=2569,
        code="O19",
        url=measure.get_absolute_url(),
        defaults={
            "title": "การเปิดโอกาสให้เกิดการมีส่วนร่วม (มาตรการ)",
            "where_to_look": "ประกาศมาตรการของสำนักงานและไฟล์ PDF ฉบับทางราชการ",
            # After the other O19 rows, so the index reads O16, O17, O18, O19.
            "position": len(INDICATORS),
        },
    )
    return timezone.now()
