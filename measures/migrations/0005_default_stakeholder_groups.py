"""The stakeholder groups Thai education and local agencies name in their
measures; agencies edit, add or retire them in the admin."""

from django.db import migrations

GROUPS = [
    ("parents", "ผู้ปกครอง", "Parents", True),
    ("students", "นักเรียน", "Students", True),
    ("teachers", "ครูและบุคลากรทางการศึกษา", "Teachers and educational personnel", True),
    ("school-boards", "คณะกรรมการสถานศึกษา", "School boards", True),
    ("community", "ชุมชนและประชาชนทั่วไป", "Community and the public", True),
    ("local-government", "องค์กรปกครองส่วนท้องถิ่น", "Local government", True),
    ("private-sector", "ภาคเอกชน", "Private sector", True),
    ("civil-society", "ภาคประชาสังคมและองค์กรไม่แสวงหากำไร", "Civil society", True),
    ("experts", "ผู้ทรงคุณวุฒิ", "Experts", True),
    ("government", "หน่วยงานภาครัฐอื่น", "Other government agencies", True),
    ("staff", "บุคลากรภายในหน่วยงาน", "Agency staff", False),
]


def create_groups(apps, schema_editor):
    StakeholderGroup = apps.get_model("measures", "StakeholderGroup")
    for position, (slug, name, name_en, is_external) in enumerate(GROUPS, start=1):
        StakeholderGroup.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "name_en": name_en,
                "is_external": is_external,
                "position": position,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("measures", "0004_stakeholder_group")]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
