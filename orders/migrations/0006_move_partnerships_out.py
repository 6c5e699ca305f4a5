"""The partnership models move to their own app, ``orders.partnerships`` (label
``partnerships``). State only: their tables keep their names (``orders_partnershiprequest``
and the others, through ``Meta.db_table`` over there), so no row moves; the partnerships
app's 0001 takes them over in the state and renames their content types."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("orders", "0005_bank_transfer"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                # The models pointing at a request first, the request last.
                migrations.DeleteModel(name="Quote"),
                migrations.DeleteModel(name="RequestEvent"),
                migrations.DeleteModel(name="RequestMatch"),
                migrations.DeleteModel(name="RequestMessage"),
                migrations.DeleteModel(name="PartnershipRequest"),
            ],
            database_operations=[],
        ),
    ]
