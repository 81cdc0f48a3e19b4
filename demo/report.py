"""The demo's last step: staff write FY 2569's analysis and recommendations,
ask for approval, and the director approves and publishes the report.

Called last by `manage.py seed_demo`, after measures, feedback and surveys
have seeded their records. Run again, it writes nothing: the texts are
written only when the year has no report yet (staff may have edited them) and
a version is approved only when the year has none.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from portal.lib import thai
from portal.report.models import AnnualReport, AnnualReportVersion
from portal.report.publish import annual_report_version_store
from portal.report.services import annual_report_approve

ANALYSIS = "\n".join(
    [
        (
            "ในปีงบประมาณ พ.ศ. ๒๕๖๙ "
            "สำนักงานเขตพื้นที่การศึกษาประถมศึกษานครพนม "
            "เขต ๒ "
            "ได้ดำเนินการตามประกาศมาตรการส่งเสริมการมีส่วนร่วมของผู้มีส่วนได้ส่วนเสียครบทั้ง "
            "๗ กลุ่มงาน "
            "โดยกิจกรรมส่วนใหญ่อยู่ในระดับการรับฟังความคิดเห็นและการเกี่ยวข้อง "
            "ผู้ปกครอง ครู "
            "และผู้นำชุมชนเข้าร่วมมากที่สุด"
        ),
        (
            "ช่องทางรับฟังความคิดเห็นที่ได้รับความนิยมเพิ่มขึ้นคือแบบฟอร์มบนเว็บไซต์ "
            "ซึ่งทำให้ติดตามสถานะเรื่องได้ด้วยรหัสติดตาม "
            "เรื่องร้องเรียนทั่วไปส่วนใหญ่ได้รับการแจ้งผลความคืบหน้าภายใน "
            "๑๕ วัน "
            "ส่วนเรื่องร้องเรียนการทุจริตและประพฤติมิชอบได้รับการคุ้มครองข้อมูลผู้ร้องตามระเบียบ"
        ),
        (
            "ผลการสำรวจความพึงพอใจของผู้รับบริการอยู่ในระดับมาก "
            "โดยด้านเจ้าหน้าที่ผู้ให้บริการได้คะแนนสูงสุด "
            "ขณะที่ด้านสิ่งอำนวยความสะดวกและระยะเวลาการให้บริการยังเป็นประเด็นที่ผู้รับบริการเสนอให้ปรับปรุง"
        ),
        (
            "ข้อจำกัดที่พบ ได้แก่ "
            "การมีส่วนร่วมในระดับการร่วมมือและการเสริมอำนาจแก่ประชาชนยังมีจำนวนน้อย "
            "และคณะทำงานบางคณะประชุมไม่ครบองค์ประชุมในช่วงปิดภาคเรียน"
        ),
    ]
)

RECOMMENDATIONS = "\n".join(
    [
        (
            "เพิ่มกิจกรรมการมีส่วนร่วมในระดับการร่วมมือ "
            "โดยให้ผู้แทนผู้ปกครองและชุมชนร่วมจัดทำแผนพัฒนาการศึกษาของเขตพื้นที่ตั้งแต่ขั้นวางแผน"
        ),
        (
            "กำหนดปฏิทินการประชุมคณะทำงานล่วงหน้าทั้งปีงบประมาณ "
            "และจัดประชุมแบบออนไลน์ควบคู่ในช่วงปิดภาคเรียนเพื่อให้ครบองค์ประชุม"
        ),
        (
            "ปรับปรุงจุดบริการและลดขั้นตอนการให้บริการตามข้อเสนอแนะจากผลการสำรวจความพึงพอใจ "
            "และรายงานผลให้ผู้รับบริการทราบผ่านหน้า "
            '"ท่านบอก เราทำ"'
        ),
        ("ประชาสัมพันธ์ช่องทางแจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบให้สถานศึกษาและประชาชนทราบอย่างทั่วถึง"),
    ]
)


def store_pending(report):
    # The demo needs the file now, not when a worker next runs: render here
    # (the queued task then finds the version stored and does nothing).
    for pk in (
        AnnualReportVersion.objects.pending().filter(report=report).values_list("pk", flat=True)
    ):
        annual_report_version_store(version_id=pk)


def seed_demo(*, today):
    year = thai.FiscalYear.of(today).previous()
    users = get_user_model().objects.in_bulk(["editor", "director"], field_name="username")
    report, _ = AnnualReport.objects.get_or_create(
        fiscal_year=year.be_year,
        defaults={"analysis": ANALYSIS, "recommendations": RECOMMENDATIONS, "thai_digits": True},
    )
    if report.versions.exists() or "director" not in users:
        store_pending(report)
        return report
    tz = timezone.get_current_timezone()
    # Staff ask for approval a month after the year closed; the director signs two days later.
    asked = dt.datetime.combine(year.period.end + dt.timedelta(days=20), dt.time(9, 30), tz)
    signed = dt.datetime.combine(year.period.end + dt.timedelta(days=22), dt.time(14, 0), tz)
    report.approval_requested_by = users.get("editor")
    report.approval_requested_at = min(asked, timezone.now())
    report.save(update_fields=["approval_requested_by", "approval_requested_at", "updated_at"])
    annual_report_approve(report=report, by=users["director"], now=min(signed, timezone.now()))
    store_pending(report)
    return report
