from django.core.management.base import BaseCommand, CommandError

from feedback import tallies
from portal.lib import thai


class Command(BaseCommand):
    help = (
        "Count the monthly tallies of a fiscal year again from its cases. Saving a case "
        "keeps them by itself; run this after loading or changing cases in bulk."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--fiscal-year",
            type=int,
            help="Buddhist-Era fiscal year, e.g. 2569 (default: the current one).",
        )

    def handle(self, *args, fiscal_year=None, **options):
        year = thai.FiscalYear(fiscal_year) if fiscal_year else thai.FiscalYear.current()
        if not thai.FIRST_PLAUSIBLE_YEAR <= year.be_year <= thai.LAST_PLAUSIBLE_YEAR:
            raise CommandError("The fiscal year is a Buddhist-Era year such as 2569.")
        tallies.recount_period(year.period)
        months = len(year.period.months())
        self.stdout.write(f"FY {year.be_year}: {months} monthly tallies counted again.")
