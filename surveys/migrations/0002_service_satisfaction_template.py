"""The usual Thai government service-satisfaction survey, as a template staff
copy to start a new round in a minute."""

from django.db import migrations

TEMPLATE_SLUG = "template-service-satisfaction"

DIMENSIONS = [
    (
        "ด้านกระบวนการและขั้นตอนการให้บริการ",
        [
            "ขั้นตอนการให้บริการไม่ยุ่งยากซับซ้อนและมีความชัดเจน",
            "ความรวดเร็วในการให้บริการ",
            "การให้บริการตามลำดับก่อน–หลังอย่างเสมอภาคและเป็นธรรม",
            "มีการแจ้งขั้นตอนและระยะเวลาการให้บริการอย่างชัดเจน",
        ],
    ),
    (
        "ด้านเจ้าหน้าที่หรือบุคลากรผู้ให้บริการ",
        [
            "เจ้าหน้าที่ให้บริการด้วยความสุภาพ ยิ้มแย้ม และเป็นมิตร",
            "เจ้าหน้าที่มีความรู้ ให้คำแนะนำและตอบข้อซักถามได้ชัดเจน",
            "เจ้าหน้าที่ให้บริการด้วยความซื่อสัตย์สุจริต ไม่เรียกรับสิ่งตอบแทน",
            "เจ้าหน้าที่มีความกระตือรือร้นและเต็มใจให้บริการ",
        ],
    ),
    (
        "ด้านช่องทางการให้บริการ",
        [
            "มีช่องทางการให้บริการหลากหลาย (ติดต่อด้วยตนเอง โทรศัพท์ เว็บไซต์ สื่อสังคมออนไลน์)",
            "ติดต่อสอบถามและรับบริการผ่านช่องทางออนไลน์ได้สะดวก",
            "มีช่องทางรับฟังความคิดเห็นและข้อร้องเรียนที่เข้าถึงได้ง่าย",
        ],
    ),
    (
        "ด้านสิ่งอำนวยความสะดวก",
        [
            "สถานที่ให้บริการสะอาด เป็นระเบียบ และสะดวกสบาย",
            "มีป้ายบอกจุดให้บริการและแสดงขั้นตอนอย่างชัดเจน",
            "มีที่นั่งรอรับบริการ ที่จอดรถ และห้องน้ำเพียงพอ",
        ],
    ),
    (
        "ด้านผลการให้บริการ",
        [
            "ได้รับบริการตรงตามความต้องการ",
            "ได้รับบริการที่ถูกต้องและครบถ้วน",
            "ความพึงพอใจโดยรวมต่อการให้บริการ",
        ],
    ),
]

OPEN_QUESTIONS = [
    "ข้อเสนอแนะเพื่อการปรับปรุงการให้บริการ",
    "สิ่งที่ท่านประทับใจในการให้บริการ",
]


def create_template(apps, schema_editor):
    Survey = apps.get_model("surveys", "Survey")
    survey, created = Survey.objects.get_or_create(
        slug=TEMPLATE_SLUG,
        defaults={
            "title": "แบบสำรวจความพึงพอใจต่อการให้บริการ (แม่แบบ)",
            "intro": (
                "แบบสำรวจนี้จัดทำขึ้นเพื่อนำผลไปปรับปรุงการให้บริการ ไม่ต้องระบุชื่อ "
                "คำตอบของท่านจะนำเสนอในภาพรวมเท่านั้น"
            ),
            "round": "custom",
            "status": "draft",
            "is_template": True,
        },
    )
    if not created:
        return
    for d_position, (title, items) in enumerate(DIMENSIONS, start=1):
        dimension = survey.dimensions.create(title=title, position=d_position)
        for i_position, text in enumerate(items, start=1):
            dimension.items.create(text=text, position=i_position)
    for position, text in enumerate(OPEN_QUESTIONS, start=1):
        survey.open_questions.create(text=text, position=position)


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial")]

    operations = [migrations.RunPython(create_template, migrations.RunPython.noop)]
