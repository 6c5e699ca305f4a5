import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test import override_settings

from orders.contracts.demo import seed_contracts
from orders.partnerships.demo import create_demo_requests
from website.demo import (
    bulk,
    cooperatives,
    facilitation,
    locations,
    orders,
    outlets,
    pages,
    people,
    products,
    register,
    vendors,
)
from website.models import User


class Command(BaseCommand):
    help = (
        "Load believable demo data (idempotent). --vendors N --products M add that many "
        "generated vendors and products on top, for benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument("--vendors", type=int, default=0, help="generated vendors to add")
        parser.add_argument("--products", type=int, default=0, help="generated products to add")
        parser.add_argument("--if-empty", action="store_true", help="do nothing if seeded")

    def handle(self, *args, if_empty=False, **options):
        if not getattr(settings, "DEMO_DATA_ALLOWED", False):
            raise CommandError("seed_demo refuses to run with production settings.")
        if options["vendors"] < 0 or options["products"] < 0:
            raise CommandError("--vendors and --products must be zero or more.")
        if if_empty and User.objects.filter(username="admin").exists():
            self.stdout.write("Demo data already loaded; nothing to do.")
            return
        started = time.monotonic()
        # Verification e-mails to demo vendors go nowhere.
        quiet_mail = override_settings(
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"
        )
        with quiet_mail, transaction.atomic():
            seed()
        if options["vendors"]:
            bulk.generate_vendors(options["vendors"], self.stdout)
        if options["products"]:
            bulk.generate_products(options["products"], self.stdout)
        self.stdout.write(
            self.style.SUCCESS(f"Demo data ready in {time.monotonic() - started:.1f} s.")
        )


def seed():
    """The demo, step by step (website/demo/); each step keeps what an earlier run made."""
    admin, seller = people.seed_people()
    products.seed_categories()
    vendors.seed_vendors(admin, seller)
    products.seed_products()
    vendors.seed_more_makers(admin)
    products.seed_variants()
    locations.seed_locations()
    locations.seed_outlet_pages()
    orders.seed_orders(admin)
    create_demo_requests(admin)
    seed_contracts(admin)
    facilitation.seed_facilitation(admin, seller)
    register.seed_register(admin)
    cooperatives.seed_cooperatives(admin, seller)
    outlets.seed_outlet_operations()
    pages.seed_pages()
