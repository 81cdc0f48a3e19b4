from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from demo import agency as demo_agency
from demo import coverage as demo_coverage
from demo import faq as demo_faq
from demo import feedback as demo_feedback
from demo import measures as demo_measures
from demo import monitoring as demo_monitoring
from demo import report as demo_report
from demo import summaries as demo_summaries
from demo import surveys as demo_surveys
from demo.second_factor import DEMO_KEY_TEXT, second_factor_seed

# In dependency order: the report approves what the others recorded.
SEEDS = [
    demo_measures,
    demo_feedback,
    demo_faq,
    demo_surveys,
    demo_coverage,
    demo_monitoring,
    demo_summaries,
    demo_report,
]


class Command(BaseCommand):
    help = (
        "Build the demo agency, its staff accounts and a year of records. Run again, "
        "it adds only what is missing and leaves every existing row (staff edits) alone. "
        "Refused with DJANGO_DEBUG=0 unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Seed even with DJANGO_DEBUG=0 (a staging server). The staff accounts "
            "then get no password and none of them is a superuser.",
        )

    def handle(self, *args, force, **options):
        production = not settings.DEBUG
        if production and not force:
            raise CommandError(
                "DJANGO_DEBUG=0: this looks like a real installation, and the demo would "
                "mix invented cases and staff into it. Use --force to seed anyway."
            )
        today = timezone.localdate()
        agency = demo_agency.agency_seed()
        # A password printed here and in the README is public: on a server
        # reachable by others it would open the admin to anyone.
        accounts = demo_agency.staff_seed(known_passwords=not production)
        for seed in SEEDS:
            seed.seed_demo(today=today)
        self.stdout.write(self.style.SUCCESS(f"Demo agency ready: {agency.name_th}"))
        if production:
            self.stdout.write(
                "Demo staff accounts have no password; give one with "
                "`manage.py changepassword <name>`:"
            )
            for account in accounts:
                self.stdout.write(f"  {account.username:<10} {account.role}")
            return
        backup_codes = second_factor_seed([account.username for account in accounts])
        self.stdout.write("Demo staff logins (change them before real use):")
        for account in accounts:
            code = backup_codes.get(account.username, "")
            self.stdout.write(
                f"  {account.username:<10} {account.password:<22} {code:<10} {account.role}"
            )
        self.stdout.write(
            "Second sign-in step: after the password, enter the backup code shown above "
            "(each works once; `manage.py addstatictoken <username>` prints another), or "
            f"add the key {DEMO_KEY_TEXT} to an authenticator app (TOTP, 6 digits, 30 s) "
            "and enter its code. A new staff account sets up its own app at first sign-in."
        )
