"""Every figure of the annual report, computed by the database.

`annual_report_build` returns plain data (a `ReportData` of dicts and lists):
no model instances, nothing lazy, so the renderer cannot trigger queries and
the number of queries does not grow with the number of records.

Each app hands over its fiscal year through one documented function
(`measures_year`, `feedback_statistics` with `feedback_by_mission_group`,
`surveys_year`); the report lays the
figures out (`sections`, `feedback_section`) and computes none itself.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone, translation

from feedback.services import feedback_by_mission_group, feedback_statistics
from measures.models import Agency
from measures.year import measures_year
from portal.lib import thai
from portal.report import sections
from portal.report.feedback_section import feedback_section
from portal.report.models import AnnualReport
from surveys.services import surveys_year

REPORT_TITLE = "รายงานผลการเปิดโอกาสให้ผู้มีส่วนได้ส่วนเสียมีส่วนร่วมในการดำเนินงาน ประจำปีงบประมาณ พ.ศ. {year}"
HALF_TITLE = (
    "รายงานผลการเปิดโอกาสให้ผู้มีส่วนได้ส่วนเสียมีส่วนร่วมในการดำเนินงาน "
    "รอบ ๖ เดือน (๑ ตุลาคม – ๓๑ มีนาคม) ประจำปีงบประมาณ พ.ศ. {year}"
)

TITLE_BREAKS = ("มีส่วนร่วมในการดำเนินงาน", "รอบ ๖ เดือน", "ประจำปีงบประมาณ")
POSITION_BREAKS = ("ประถมศึกษา", "มัธยมศึกษา")


def break_before(text, markers):
    """`text` as lines, a new line starting at each marker found in turn."""
    lines = [text]
    for marker in markers:
        head, sep, tail = lines[-1].partition(marker)
        if sep and head.strip():
            lines[-1:] = [head.strip(), f"{sep}{tail}".strip()]
    return lines


@dataclass
class ReportData:
    fiscal_year: int
    half: bool
    title: str
    period_start: dt.date
    period_end: dt.date  # the last day covered
    issued_on: dt.date
    site_url: str
    agency: dict
    summary: dict = field(default_factory=dict)
    measures: dict = field(default_factory=dict)
    feedback: dict = field(default_factory=dict)
    activities: dict = field(default_factory=dict)
    working_groups: dict = field(default_factory=dict)
    surveys: dict = field(default_factory=dict)
    improvements: dict = field(default_factory=dict)
    year_summaries: list = field(default_factory=list)
    analysis: list = field(default_factory=list)
    recommendations: list = field(default_factory=list)
    thai_digits: bool = True
    approval: dict | None = None
    public_url: str = ""

    @property
    def title_lines(self):
        """The title on the cover, broken where a Thai reader breaks it.

        Left to the line breaker, the long first phrase split the compound
        "ผู้มีส่วนได้ส่วนเสีย" across lines; the cover breaks it deliberately:
        "…ผู้มีส่วนได้ส่วนเสีย" / "มีส่วนร่วมในการดำเนินงาน" / (the half-year
        round) / "ประจำปีงบประมาณ พ.ศ. …".
        """
        return break_before(self.title, TITLE_BREAKS)

    @property
    def signature_position_lines(self):
        """The signer's position under the signature, broken before the
        level of the education service area ("…เขตพื้นที่การศึกษา" /
        "ประถมศึกษา… เขต ๒") rather than inside "การศึกษา"."""
        position = (self.approval or {}).get("position") or self.agency.get("head_position", "")
        return break_before(position, POSITION_BREAKS) if position else []


def agency_data():
    agency = Agency.objects.current()
    if agency is None:
        return {"name": "", "short_name": "", "head_name": "", "head_position": "", "emblem": ""}
    return {
        "name": agency.name_th,
        "short_name": agency.display_name,
        "address": agency.address,
        "phone": agency.phone,
        "email": agency.email,
        "website": agency.website,
        "facebook_url": agency.facebook_url,
        "line_id": agency.line_id,
        "head_name": agency.head_name,
        "head_position": agency.head_position,
        "emblem": agency.emblem.name if agency.emblem else "",
    }


def paragraphs(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def annual_report_build(*, fiscal_year, half=False, approval=None) -> ReportData:
    """The report of a fiscal year (B.E.), or of its first half, as plain data.

    `approval` (a dict: name, position, approved_at, requested_by, …) is the
    record printed in section 10; it also fixes the date of issue, so the
    same approved data always gives the same document.
    """
    with translation.override("th"):
        return build(thai.FiscalYear(int(fiscal_year)), half=half, approval=approval)


def build(year, *, half, approval):
    period = year.first_half if half else year.period
    report = AnnualReport.objects.filter(fiscal_year=year.be_year).first()
    issued_on = thai.local_date(approval["approved_at"]) if approval else timezone.localdate()
    be_digits = thai.thai_digits(year.be_year)
    data = ReportData(
        fiscal_year=year.be_year,
        half=half,
        title=(HALF_TITLE if half else REPORT_TITLE).format(year=be_digits),
        period_start=period.start,
        period_end=period.last_day,
        issued_on=issued_on,
        site_url=settings.SITE_URL,
        agency=agency_data(),
        thai_digits=report.thai_digits if report else True,
        approval=approval,
        public_url=sections.url("portal:report_detail", year.be_year),
    )
    measures = measures_year(fiscal_year=year, period=period)
    surveys = surveys_year(period=period)
    data.measures = sections.measures_section(measures["measures"])
    data.feedback = feedback_section(
        feedback_statistics(period=period, today=issued_on),
        data.agency,
        fiscal_year=year,
        by_mission_group=feedback_by_mission_group(period=period),
    )
    data.activities = sections.activities_section(measures["activities"])
    data.activities["projects"] = sections.projects_section(measures["projects"])
    data.working_groups = sections.working_groups_section(surveys.working_groups)
    data.surveys = sections.surveys_section(surveys)
    data.improvements = sections.improvements_section(measures["improvements"])
    data.year_summaries = measures["year_summaries"]
    if report:
        data.analysis = paragraphs(report.analysis)
        data.recommendations = paragraphs(report.recommendations)
    data.summary = summary_data(data)
    return data


def summary_data(data):
    """The year in figures, taken from the sections (no second count)."""
    feedback = data.feedback
    activities = data.activities
    surveys = data.surveys
    return {
        "activities_total": activities["total"],
        "activities_by_level": activities["by_level"],
        "participants_total": activities["participants_total"],
        "participants_by_group": activities["participants_by_group"],
        "feedback_received": feedback["received"],
        "feedback_completed": feedback["completed"],
        "feedback_closed": feedback["closed"],
        "satisfaction_mean": surveys["overall_mean"],
        "satisfaction_n": surveys["overall_n"],
        "improvements_total": data.improvements["total"],
        "improvements_done": data.improvements["done"],
        "working_groups_total": data.working_groups["total"],
        "measures_total": len(data.measures["rows"]),
    }
