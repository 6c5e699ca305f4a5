"""The partnership models, taken over from the orders app (its 0006 lets go of them).
State only: the tables were created by orders' 0002 and keep their names through
``db_table``, so existing rows stay where they are. The content types move to the new label,
so the permissions staff groups hold on these models stay attached."""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import orders.models
from django.conf import settings
from django.db import migrations, models

MODELS = ["partnershiprequest", "quote", "requestevent", "requestmatch", "requestmessage"]


def _relabel(apps, old: str, new: str) -> None:
    """Point the content types (and so the permissions and any admin log rows) of the moved
    models at their new app label. A model that somehow has one under both labels keeps the
    one under ``new``."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    taken = set(
        ContentType.objects.filter(app_label=new, model__in=MODELS).values_list("model", flat=True)
    )
    ContentType.objects.filter(app_label=old, model__in=MODELS).exclude(model__in=taken).update(
        app_label=new
    )


def move_content_types(apps, schema_editor):
    _relabel(apps, "orders", "partnerships")


def move_content_types_back(apps, schema_editor):
    _relabel(apps, "partnerships", "orders")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("orders", "0006_move_partnerships_out"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("catalog", "0008_search_spelling"),
        ("vendors", "0002_kecamatan"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="PartnershipRequest",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "token",
                            models.CharField(
                                default=orders.models.new_token,
                                editable=False,
                                max_length=64,
                                unique=True,
                            ),
                        ),
                        (
                            "number",
                            models.CharField(
                                max_length=20, unique=True, verbose_name="request number"
                            ),
                        ),
                        (
                            "organisation",
                            models.CharField(max_length=150, verbose_name="organisation"),
                        ),
                        (
                            "buyer_type",
                            models.CharField(
                                choices=[
                                    ("hotel", "Hotel"),
                                    ("restaurant", "Restaurant or café"),
                                    ("retail", "Modern retail"),
                                    ("bumn", "BUMN / state company"),
                                    ("distributor", "Distributor"),
                                    ("other", "Other"),
                                ],
                                max_length=12,
                                verbose_name="type of business",
                            ),
                        ),
                        (
                            "contact_name",
                            models.CharField(max_length=120, verbose_name="contact person"),
                        ),
                        ("email", models.EmailField(max_length=254, verbose_name="e-mail")),
                        ("whatsapp", models.CharField(max_length=16, verbose_name="WhatsApp")),
                        ("npwp", models.CharField(blank=True, max_length=16, verbose_name="NPWP")),
                        (
                            "needs",
                            models.TextField(
                                blank=True, max_length=2000, verbose_name="what is needed"
                            ),
                        ),
                        ("quantity", models.PositiveIntegerField(verbose_name="quantity")),
                        ("unit", models.CharField(max_length=30, verbose_name="unit")),
                        (
                            "frequency",
                            models.CharField(
                                choices=[
                                    ("once", "Once"),
                                    ("weekly", "Weekly"),
                                    ("monthly", "Monthly"),
                                ],
                                max_length=10,
                                verbose_name="how often",
                            ),
                        ),
                        (
                            "delivery_place",
                            models.CharField(max_length=200, verbose_name="delivery place"),
                        ),
                        ("wanted_by", models.DateField(verbose_name="wanted by")),
                        (
                            "samples",
                            models.BooleanField(default=False, verbose_name="samples wanted"),
                        ),
                        (
                            "message",
                            models.TextField(blank=True, max_length=3000, verbose_name="message"),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("new", "New"),
                                    ("in_review", "In review"),
                                    ("matched", "Matched with vendors"),
                                    ("quoted", "Quoted"),
                                    ("accepted", "Accepted"),
                                    ("declined", "Declined"),
                                    ("closed", "Closed"),
                                ],
                                db_index=True,
                                default="new",
                                max_length=10,
                                verbose_name="status",
                            ),
                        ),
                        ("language", models.CharField(default="id", max_length=5)),
                        (
                            "created_at",
                            models.DateTimeField(
                                db_index=True,
                                default=django.utils.timezone.now,
                                verbose_name="sent at",
                            ),
                        ),
                        ("first_quote_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "category",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="catalog.category",
                            ),
                        ),
                        (
                            "products",
                            models.ManyToManyField(
                                blank=True,
                                related_name="partnership_requests",
                                to="catalog.product",
                            ),
                        ),
                        (
                            "vendor",
                            models.ForeignKey(
                                blank=True,
                                help_text="Empty: addressed to the platform, which matches vendors.",
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="addressed_requests",
                                to="vendors.vendor",
                                verbose_name="addressed to",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "partnership request",
                        "verbose_name_plural": "partnership requests",
                        "db_table": "orders_partnershiprequest",
                        "ordering": ["-created_at"],
                    },
                ),
                migrations.CreateModel(
                    name="Quote",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "unit_price",
                            models.PositiveIntegerField(
                                validators=[django.core.validators.MinValueValidator(1)],
                                verbose_name="unit price (Rp)",
                            ),
                        ),
                        (
                            "min_order",
                            models.PositiveIntegerField(
                                validators=[django.core.validators.MinValueValidator(1)],
                                verbose_name="minimum order",
                            ),
                        ),
                        (
                            "lead_time_days",
                            models.PositiveIntegerField(verbose_name="lead time (days)"),
                        ),
                        (
                            "delivery_terms",
                            models.CharField(max_length=300, verbose_name="delivery terms"),
                        ),
                        ("valid_until", models.DateField(verbose_name="valid until")),
                        (
                            "note",
                            models.TextField(blank=True, max_length=2000, verbose_name="note"),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("open", "Open"),
                                    ("accepted", "Accepted"),
                                    ("not_chosen", "Not chosen"),
                                    ("declined", "Declined"),
                                ],
                                default="open",
                                max_length=12,
                                verbose_name="status",
                            ),
                        ),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                        (
                            "request",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="quotes",
                                to="partnerships.partnershiprequest",
                            ),
                        ),
                        (
                            "vendor",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="quotes",
                                to="vendors.vendor",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "quote",
                        "verbose_name_plural": "quotes",
                        "db_table": "orders_quote",
                        "ordering": ["unit_price", "created_at"],
                    },
                ),
                migrations.CreateModel(
                    name="RequestEvent",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("old_status", models.CharField(blank=True, max_length=10)),
                        ("new_status", models.CharField(blank=True, max_length=10)),
                        ("message", models.CharField(max_length=300)),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                        (
                            "actor",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "request",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="events",
                                to="partnerships.partnershiprequest",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "orders_requestevent",
                        "ordering": ["created_at", "id"],
                    },
                ),
                migrations.CreateModel(
                    name="RequestMessage",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("from_buyer", models.BooleanField()),
                        ("body", models.TextField(max_length=2000)),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                        (
                            "request",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="messages",
                                to="partnerships.partnershiprequest",
                            ),
                        ),
                        (
                            "vendor",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="vendors.vendor",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "orders_requestmessage",
                        "ordering": ["created_at", "id"],
                    },
                ),
                migrations.CreateModel(
                    name="RequestMatch",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                        (
                            "matched_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "request",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="matches",
                                to="partnerships.partnershiprequest",
                            ),
                        ),
                        (
                            "vendor",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="request_matches",
                                to="vendors.vendor",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "orders_requestmatch",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("request", "vendor"), name="one_match_per_vendor"
                            )
                        ],
                    },
                ),
            ],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
