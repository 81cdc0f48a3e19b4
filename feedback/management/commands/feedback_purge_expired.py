from django.core.management.base import BaseCommand

from feedback.data_request_links import data_request_links_expire
from feedback.retention import cases_purge_expired


class Command(BaseCommand):
    help = (
        "Remove reporter details and attachments of closed cases past their retention "
        "period (PDPA), and forget expired personal data request links. Lists what "
        "would be removed unless --apply is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--apply", action="store_true", help="Remove the data (default: only list)."
        )

    def handle(self, *args, apply, **options):
        purged = cases_purge_expired(apply=apply)
        for tracking_number, attachments in purged:
            self.stdout.write(f"{tracking_number}: reporter details, {attachments} attachment(s)")
        if apply:
            self.stdout.write(f"{len(purged)} case(s) purged.")
            links = data_request_links_expire()
            self.stdout.write(f"{links} expired personal data request link(s) forgotten.")
        else:
            self.stdout.write(f"{len(purged)} case(s) would be purged; run with --apply to act.")
