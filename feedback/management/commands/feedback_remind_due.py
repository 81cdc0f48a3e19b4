from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from feedback.services import case_reminders_enqueue


class Command(BaseCommand):
    help = "Queue the daily e-mail to each officer about cases near or past a deadline."

    def handle(self, *args, **options):
        with transaction.atomic():
            queued = case_reminders_enqueue(today=timezone.localdate())
        self.stdout.write(f"{queued} reminder e-mail(s) queued.")
