from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from measures import services


class Command(BaseCommand):
    help = "Import an announcement (ประกาศ) from a UTF-8 text file as a draft measure."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path, **options):
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        try:
            measure, parsed = services.measure_import(text=text)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(self.style.SUCCESS(f"Draft measure #{measure.pk} created."))
        for line in services.import_summary(measure, parsed):
            self.stdout.write(line)
