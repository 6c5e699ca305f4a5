"""Queue the monthly invoices (run once a day by cron; running twice issues nothing new)."""

from django.core.management.base import BaseCommand

from orders.contracts.invoice_jobs import issue_monthly_invoices


class Command(BaseCommand):
    help = "Issue each monthly supply contract's invoice for last month (once per month)."

    def handle(self, *args, **options):
        result = issue_monthly_invoices.enqueue()
        self.stdout.write(f"Monthly invoices queued ({result.id}).")
