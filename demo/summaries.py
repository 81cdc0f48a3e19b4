"""The mission groups' summaries of last fiscal year (seed 000 §5, 003 step 5):
most acknowledged by the director (their proposals become this year's plan,
one item already checked), one waiting, one group not yet written, so the
to-do list and the report both show a gap."""

from django.contrib.auth import get_user_model

from measures.models import MissionGroup, PlannedItem, YearSummary
from measures.services import year_summary_acknowledge
from portal.lib import thai

RESULTS = (
    "กลุ่มงานเปิดโอกาสให้ผู้มีส่วนได้ส่วนเสียร่วมแสดงความคิดเห็นผ่านการประชุม แบบสำรวจ "
    "และช่องทางรับเรื่องร้องเรียน นำข้อเสนอแนะมาปรับปรุงการให้บริการ"
)
PROPOSALS = (
    "จัดเวทีรับฟังความคิดเห็นของผู้ปกครองและชุมชนภาคเรียนละหนึ่งครั้ง\n"
    "เพิ่มช่องทางตอบแบบสำรวจความพึงพอใจด้วยแบบสอบถามกระดาษ ณ จุดบริการ\n"
    "รายงานผลการดำเนินงานต่อผู้บริหารทุกไตรมาส"
)


def seed_demo(*, today):
    year = thai.FiscalYear.of(today).previous()
    if YearSummary.objects.filter(fiscal_year=year.be_year).exists():
        return  # staff's own since the first seed
    editor = get_user_model().objects.filter(username="editor").first()
    director = get_user_model().objects.filter(username="director").first()
    groups = list(MissionGroup.objects.active())
    # The last group has not written its summary yet; the one before waits for the director.
    for n, group in enumerate(groups[:-1]):
        summary = YearSummary.objects.create(
            mission_group=group,
            fiscal_year=year.be_year,
            results=f"{group.name}: {RESULTS}",
            proposals=PROPOSALS,
            prepared_by=editor,
        )
        if director is not None and n < len(groups) - 2:
            year_summary_acknowledge(
                summary=summary, by=director, remark="รับทราบ ให้ดำเนินการตามข้อเสนอในปีถัดไป"
            )
    # This year staff have already checked one item of the plan.
    first = PlannedItem.objects.filter(summary__fiscal_year=year.be_year).order_by("pk").first()
    if first is not None:
        first.status = PlannedItem.Status.DONE
        first.outcome = "จัดเวทีรับฟังความคิดเห็นภาคเรียนที่ ๑ แล้ว ผู้เข้าร่วม ๘๕ คน"
        first.checked_on = today
        first.save()
