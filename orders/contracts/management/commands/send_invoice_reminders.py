"""Queue the reminders of overdue invoices (run once a day by cron; at most one a week each)."""

from django.core.management.base import BaseCommand

from orders.contracts.invoice_jobs import send_invoice_reminders


class Command(BaseCommand):
    help = "E-mail the buyer of each overdue unpaid invoice (at most once every 7 days)."

    def handle(self, *args, **options):
        result = send_invoice_reminders.enqueue()
        self.stdout.write(f"Invoice reminders queued ({result.id}).")
