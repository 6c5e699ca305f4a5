"""Queue the daily restock check (run once a day by cron; running twice asks nothing new)."""

from django.core.management.base import BaseCommand

from orders.outlets.restock_tasks import check_restock


class Command(BaseCommand):
    help = "Ask vendors to restock every shelf item below its minimum (once per item)."

    def handle(self, *args, **options):
        result = check_restock.enqueue()
        self.stdout.write(f"Restock check queued ({result.id}).")
