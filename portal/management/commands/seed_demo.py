from importlib import import_module
from importlib.util import find_spec

from django.core.management.base import BaseCommand
from django.utils import timezone

from portal import demo

# Each app adds its own demo records (activities, cases, surveys) in
# `<app>/demo.py`, in dependency order.
APP_DEMO_MODULES = ["measures.demo", "feedback.demo", "surveys.demo", "portal.demo_report"]


class Command(BaseCommand):
    help = (
        "Build the demo agency, its staff accounts and a year of records. Run again, "
        "it adds only what is missing and leaves every existing row (staff edits) alone."
    )

    def handle(self, *args, **options):
        today = timezone.localdate()
        agency = demo.agency_seed()
        accounts = demo.staff_seed()
        for module_name in APP_DEMO_MODULES:
            if find_spec(module_name) is not None:
                import_module(module_name).seed_demo(today=today)
        self.stdout.write(self.style.SUCCESS(f"Demo agency ready: {agency.name_th}"))
        self.stdout.write("Demo staff logins (change them before real use):")
        for account in accounts:
            self.stdout.write(f"  {account.username:<10} {account.password:<22} {account.role}")
