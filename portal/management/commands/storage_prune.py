import datetime as dt

from django.core.management.base import BaseCommand
from django.utils import timezone

from measures.pruning import measure_imports_prune, measure_prints_prune
from portal.report.services import annual_report_previews_prune


class Command(BaseCommand):
    help = (
        "Delete superseded PDF renderings (measures, draft annual reports) and the files of "
        "announcement imports staged long ago, with the files no record names (daily)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--grace-days",
            type=int,
            default=2,
            help="Keep superseded renderings and unnamed files this many days (default 2).",
        )
        parser.add_argument(
            "--import-days",
            type=int,
            default=30,
            help="Prune imports staged more than this many days ago (default 30).",
        )

    def handle(self, *args, grace_days, import_days, **options):
        now = timezone.now()
        grace = now - dt.timedelta(days=grace_days)
        prints = measure_prints_prune(older_than=grace)
        previews = annual_report_previews_prune(older_than=grace)
        imports = measure_imports_prune(
            staged_before=now - dt.timedelta(days=import_days), older_than=grace
        )
        self.stdout.write(
            f"{prints} measure PDF(s), {previews} draft report PDF(s) and "
            f"{imports} import(s) pruned."
        )
