from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from measures import services


class Command(BaseCommand):
    help = "Import an announcement (ประกาศ) from a UTF-8 text file as a draft measure."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path, **options):
        # Thai officers run this: what it prints goes through the catalogue.
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(
                _("Cannot read %(path)s: %(error)s") % {"path": path, "error": error}
            ) from error
        try:
            measure, parsed = services.measure_import(text=text)
        except ValidationError as error:
            raise CommandError("\n".join(error.messages)) from error
        self.stdout.write(
            self.style.SUCCESS(_("Draft measure #%(number)s created.") % {"number": measure.pk})
        )
        for line in services.import_summary(measure, parsed):
            self.stdout.write(line)
