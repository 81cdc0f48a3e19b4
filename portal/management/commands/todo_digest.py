from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from portal.todo_digest import todo_digest_enqueue


class Command(BaseCommand):
    help = "Queue the weekly e-mail to each mission group's editors with their to-do lines."

    def handle(self, *args, **options):
        with transaction.atomic():
            queued = todo_digest_enqueue(today=timezone.localdate())
        self.stdout.write(f"{queued} to-do digest e-mail(s) queued.")
