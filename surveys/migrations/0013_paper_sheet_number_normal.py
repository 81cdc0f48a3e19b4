"""Paper sheet numbers stored as counted from now on ("017", " 17 " and "๑๗"
are sheet 17), so a sheet keyed in before this change is caught when keyed
again. Two stored numbers of one round that turn out to be the same sheet
are left as typed, for staff to look at: one of them was keyed twice."""

import re

from django.db import migrations

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def normal(text):
    # A frozen copy of surveys.services.answers.sheet_number_normal.
    number = "".join(text.translate(THAI_DIGITS).split()).upper()
    return re.sub(r"[0-9]+", lambda digits: str(int(digits[0])), number)


def sheet_numbers_normalise(apps, schema_editor):
    Response = apps.get_model("surveys", "Response")
    paper = Response.objects.filter(channel="paper").order_by("survey_id", "pk")
    taken = set(paper.values_list("survey_id", "sheet_number"))
    for response in paper.only("pk", "survey_id", "sheet_number"):
        number = normal(response.sheet_number)
        if number == response.sheet_number or (response.survey_id, number) in taken:
            continue
        taken.discard((response.survey_id, response.sheet_number))
        taken.add((response.survey_id, number))
        response.sheet_number = number
        response.save(update_fields=["sheet_number"])


class Migration(migrations.Migration):
    dependencies = [("surveys", "0012_survey_acknowledged_by_user")]

    operations = [migrations.RunPython(sheet_numbers_normalise, migrations.RunPython.noop)]
