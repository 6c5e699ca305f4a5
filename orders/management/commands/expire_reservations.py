from django.core.management.base import BaseCommand

from orders.services.reservations import expire_reservations


class Command(BaseCommand):
    help = "Cancel unpaid orders whose stock reservation has run out; the stock goes back on sale."

    def handle(self, *args, **options):
        count = expire_reservations()
        self.stdout.write(self.style.SUCCESS(f"{count} reservation(s) expired."))
