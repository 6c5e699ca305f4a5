"""Pay-at-outlet pickups already placed: their vendors' parts waited for a payment that only
comes at the counter. They become parts to prepare (bring to the outlet), as new ones are
placed, with an event each."""

from django.db import migrations
from django.utils import timezone

MESSAGE = "Vendor part to bring to the outlet; the buyer pays at the counter"


def forwards(apps, schema_editor):
    OrderPart = apps.get_model("orders", "OrderPart")
    OrderEvent = apps.get_model("orders", "OrderEvent")
    parts = OrderPart.objects.filter(
        status="awaiting_payment",
        order__status="pending_payment",
        order__payment_method="at_outlet",
    ).exclude(order__fulfilment="delivery")
    now = timezone.now()
    for part in parts.only("pk", "order_id"):
        OrderEvent.objects.create(
            order_id=part.order_id,
            part_id=part.pk,
            old_status="awaiting_payment",
            new_status="processing",
            message=MESSAGE,
            created_at=now,
        )
    parts.update(status="processing")


class Migration(migrations.Migration):
    dependencies = [("orders", "0003_orderline_product_name_en")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
