"""Queue the daily RAT reminders (run once a day by cron; sending twice sends nothing new)."""

from django.core.management.base import BaseCommand

from vendors.cooperatives.rat_tasks import send_rat_reminders


class Command(BaseCommand):
    help = "Queue the RAT reminders: due soon in the month before the deadline, overdue after."

    def handle(self, *args, **options):
        result = send_rat_reminders.enqueue()
        self.stdout.write(f"RAT reminders queued ({result.id}).")
