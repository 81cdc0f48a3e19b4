"""An activity's label ("How the results were used"...) never stays alone at
the foot of a PDF page with its text on the next one: each label-and-text row
of the report's activities moves whole to the next page (seen in the demo
year's report, page 27)."""

import datetime as dt
import io
import re

from pypdf import PdfReader

from portal.report.build import annual_report_build
from portal.report.render import annual_report_render_pdf
from tests import factories
from tests.factories import measures as mf

LABELS = ("ประเด็น", "ผู้เข้าร่วม", "ผลที่ได้", "การนำผลไปใช้")
# The running header ("<agency> หน้า ๓") comes last in a page's extracted text.
RUNNING_HEADER = re.compile(r"หน้า\s*[0-9๐-๙]+$")


def last_line(page):
    lines = [line.strip() for line in page.extract_text().splitlines()]
    return [line for line in lines if line and not RUNNING_HEADER.search(line)][-1]


def test_no_page_ends_on_an_activity_label_without_its_text(agency):
    group = mf.stakeholder_group(name="ผู้ปกครอง (ทดสอบ)")
    mission = factories.mission_group(name="กลุ่มนโยบายและแผน")
    # Rows of one to five lines, so the page breaks fall on every kind of row.
    for n in range(24):
        lines = 1 + n % 5
        mf.activity(
            title=f"ประชุมรับฟังความคิดเห็นครั้งที่ {n + 1}",
            held_on=dt.date(2026, 1, 1) + dt.timedelta(days=n),
            mission_group=mission,
            subject="\n".join(["ร่างแผนพัฒนาการศึกษาขั้นพื้นฐานของเขตพื้นที่"] * (1 + n % 3)),
            results="\n".join(["ผู้ปกครองเสนอให้เพิ่มรถรับส่งนักเรียนในพื้นที่ห่างไกล"] * lines),
            use_of_results="\n".join(["บรรจุโครงการรถรับส่งนักเรียนในแผนปี ๒๕๗๐"] * (6 - lines)),
            participants=[(group, 10 + n)],
        )
    pdf = annual_report_render_pdf(annual_report_build(fiscal_year=2569))

    reader = PdfReader(io.BytesIO(pdf))
    page_ends = [last_line(page) for page in reader.pages]
    orphans = [(n + 1, end) for n, end in enumerate(page_ends) if end in LABELS]
    assert not orphans, f"pages ending on a label alone: {orphans}"
    # The activities did run over several pages, so breaks fell among them.
    assert sum("ประชุมรับฟังความคิดเห็นครั้งที่" in p.extract_text() for p in reader.pages) >= 4
