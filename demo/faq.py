"""Questions citizens of the demo area asked and staff answered for everyone
(the public /faq/ page): general words only, nothing that points to a person."""

from django.db import transaction

from feedback.models import FAQ
from measures.models import MissionGroup

# (mission group slug, question, answer)
QUESTIONS = [
    (
        "education-promotion",
        "ขอย้ายนักเรียนเข้าเรียนกลางภาคเรียนได้หรือไม่ ต้องใช้เอกสารอะไรบ้าง",
        "ย้ายได้ โดยยื่นคำร้องที่โรงเรียนปลายทางพร้อมสำเนาทะเบียนบ้าน สูติบัตร "
        "และหนังสือรับรองผลการเรียนจากโรงเรียนเดิม หากที่นั่งเต็ม "
        "กลุ่มส่งเสริมการจัดการศึกษาจะประสานหาโรงเรียนใกล้เคียงให้ภายใน ๗ วันทำการ",
    ),
    (
        "finance-assets",
        "ค่าอาหารกลางวันนักเรียนได้รับคนละเท่าไร และตรวจสอบการใช้เงินได้ที่ไหน",
        "ปีงบประมาณ พ.ศ. ๒๕๖๙ ได้รับคนละ ๓๖ บาทต่อวัน "
        "โรงเรียนต้องปิดประกาศรายการอาหารและการใช้จ่ายไว้ที่บอร์ดหน้าโรงเรียนทุกเดือน "
        "หากไม่พบประกาศ แจ้งผ่านช่องทางรับเรื่องร้องเรียนของเว็บไซต์นี้ได้",
    ),
    (
        "personnel",
        "ครูอัตราจ้างที่สอบบรรจุได้ จะได้รับการแต่งตั้งเมื่อใด",
        "เมื่อประกาศผลการสอบแล้ว กลุ่มบริหารงานบุคคลจะเรียกรายงานตัวตามลำดับที่ "
        "ภายใน ๓๐ วัน และแจ้งผลทางเว็บไซต์ในหัวข้อข่าวประชาสัมพันธ์",
    ),
    (
        None,
        "ร้องเรียนแล้วจะรู้ได้อย่างไรว่าเรื่องไปถึงไหน",
        "ใช้รหัสติดตามเรื่องที่ได้รับหลังส่งเรื่อง กรอกที่หน้า “ติดตามเรื่อง” "
        "จะเห็นขั้นตอน คำตอบของเจ้าหน้าที่ และส่งข้อมูลเพิ่มเติมได้ "
        "โดยไม่ต้องแจ้งชื่อ",
    ),
]


@transaction.atomic
def seed_demo(*, today):
    groups = {g.slug: g for g in MissionGroup.objects.all()}
    for position, (slug, question, answer) in enumerate(QUESTIONS, start=1):
        FAQ.objects.get_or_create(
            question=question,
            defaults={
                "answer": answer,
                "mission_group": groups.get(slug),
                "is_published": True,
                "position": position,
            },
        )
