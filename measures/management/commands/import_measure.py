import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from measures import services
from measures.documents import UnreadableDocument, document_text
from measures.reading import parse_document, parsed_as_dict


class Command(BaseCommand):
    help = (
        "Import an announcement (ประกาศ) as a draft measure from a text file (UTF-8), "
        "a PDF (text layer, or a scan read by OCR), a Word .docx file or a page image."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--json",
            action="store_true",
            help="Print what was recognised as JSON and save nothing",
        )

    def handle(self, *args, path, json: bool, **options):
        # Thai officers run this: what it prints goes through the catalogue.
        try:
            content = path.read_bytes()
            source = document_text(name=path.name, content=content)
        except (OSError, UnreadableDocument) as error:
            raise CommandError(
                _("Cannot read %(path)s: %(error)s") % {"path": path, "error": error}
            ) from error
        if json:
            self.stdout.write(_dumps(parsed_as_dict(parse_document(source))))
            return
        try:
            measure, parsed = services.measure_import(text=source.text, source=source)
        except ValidationError as error:
            raise CommandError("\n".join(error.messages)) from error
        self.stdout.write(
            self.style.SUCCESS(_("Draft measure #%(number)s created.") % {"number": measure.pk})
        )
        for line in services.import_summary(measure, parsed):
            self.stdout.write(line)


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
