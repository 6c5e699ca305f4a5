from django.core.management.base import BaseCommand

from orders import payments
from orders.models import Order
from orders.services.stripe_events import reconcile_order


class Command(BaseCommand):
    help = (
        "Ask Stripe about card orders still waiting for payment (a missed webhook never "
        "leaves a paid order unpaid)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--order", help="only this order number")

    def handle(self, *args, order=None, **options):
        orders = Order.objects.filter(
            status__in=[Order.Status.PENDING_PAYMENT, Order.Status.CANCELLED],
            payment_method=Order.Payment.CARD,
        ).exclude(stripe_session_id="")
        if order:
            orders = orders.filter(number=order)
        counts: dict[str, int] = {}
        for item in orders.order_by("created_at"):
            try:
                outcome = reconcile_order(item)
            except payments.PaymentUnavailable as error:
                self.stderr.write(f"{item.number}: Stripe unreachable ({error})")
                outcome = "unreachable"
            counts[outcome] = counts.get(outcome, 0) + 1
            self.stdout.write(f"{item.number}: {outcome}")
        summary = ", ".join(f"{k}: {v}" for k, v in sorted(counts.items())) or "nothing to do"
        self.stdout.write(self.style.SUCCESS(summary))
