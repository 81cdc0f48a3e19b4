"""Seed 004 §5 asks big projects to involve citizens or the private sector
(ภาคประชาชนหรือภาคเอกชน); "outside the agency" also covered other government
agencies and teachers. The default groups that are citizens or businesses are
ticked; groups an agency added itself stay unticked for staff to decide."""

from django.db import migrations, models

# School boards are mostly parents, alumni and community members by law;
# teachers, local government, other agencies and experts (often officials)
# are not counted.
CITIZEN_OR_PRIVATE_SLUGS = [
    "parents",
    "students",
    "school-boards",
    "community",
    "private-sector",
    "civil-society",
]


def tick_default_groups(apps, schema_editor):
    StakeholderGroup = apps.get_model("measures", "StakeholderGroup")
    StakeholderGroup.objects.filter(slug__in=CITIZEN_OR_PRIVATE_SLUGS).update(
        is_citizen_or_private_sector=True
    )


class Migration(migrations.Migration):
    dependencies = [("measures", "0009_improvement_mission_group_from_activity")]

    operations = [
        migrations.AddField(
            model_name="stakeholdergroup",
            name="is_citizen_or_private_sector",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "Tick for citizens, communities, parents, civil society and businesses; "
                    "leave unticked for government agencies and officials. Projects of 10 "
                    "million baht or more must have participants from such a group "
                    "(seed 004 §5)."
                ),
                verbose_name="citizens or private sector",
            ),
        ),
        migrations.RunPython(tick_default_groups, migrations.RunPython.noop),
    ]
