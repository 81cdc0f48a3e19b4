import getpass
import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.lib import thai
from portal.report.build import annual_report_build
from portal.report.models import AnnualReportVersion
from portal.report.render import annual_report_render_pdf


class Command(BaseCommand):
    help = (
        "Write the annual participation report of a fiscal year as PDF: the approved "
        "version when there is one (byte for byte), else a draft built from the records."
    )

    def add_arguments(self, parser):
        parser.add_argument("--fiscal-year", type=int, required=True, help="B.E., e.g. 2569")
        parser.add_argument("--output", required=True, help="Path of the PDF to write")
        parser.add_argument(
            "--half", action="store_true", help="First half only (1 October – 31 March)"
        )
        parser.add_argument(
            "--draft",
            action="store_true",
            help="Build from the records now even if a version was approved",
        )

    def handle(self, *args, fiscal_year, output, half, draft, **options):
        if not thai.FIRST_PLAUSIBLE_YEAR <= fiscal_year <= thai.LAST_PLAUSIBLE_YEAR:
            raise CommandError("The fiscal year is a Buddhist-Era year such as 2569.")
        # Asked before the seconds of rendering: root's portal-manage
        # (deploy/bin) runs this as the portal user in its data folder.
        output = Path(output).absolute()
        # os.path.exists, not Path.exists: a folder the user may not enter
        # (/root) makes the latter raise instead of answering.
        if not os.access(output if os.path.exists(output) else output.parent, os.W_OK):
            raise CommandError(
                f"The user {getpass.getuser()} cannot write {output}: give a path in a "
                "folder it may write, e.g. a file name alone (written in the data folder)."
            )
        version = (
            None
            if draft
            else AnnualReportVersion.objects.published()
            .filter(report__fiscal_year=fiscal_year, half=half)
            .order_by("-number")
            .first()
        )
        if version:
            with version.pdf.open("rb") as stored:
                pdf = stored.read()
            source = f"approved version {version.number}"
        else:
            pdf = annual_report_render_pdf(annual_report_build(fiscal_year=fiscal_year, half=half))
            source = "draft"
        Path(output).write_bytes(pdf)
        self.stdout.write(f"Wrote {output} ({len(pdf):,} bytes, {source}).")
