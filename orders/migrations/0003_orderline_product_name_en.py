from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_english_names(apps, schema_editor):
    """Lines placed before the English name was kept take the product's English name as
    it is now: the nearest to a snapshot there is."""
    OrderLine = apps.get_model("orders", "OrderLine")
    Product = apps.get_model("catalog", "Product")
    OrderLine.objects.filter(product__isnull=False).update(
        product_name_en=Subquery(Product.objects.filter(pk=OuterRef("product_id")).values("name_en")[:1])
    )


class Migration(migrations.Migration):

    dependencies = [
        ("catalog", "0006_product_vendor_listed"),
        ("orders", "0002_partnerships"),
    ]

    operations = [
        migrations.AddField(
            model_name="orderline",
            name="product_name_en",
            field=models.CharField(blank=True, max_length=200),
        ),
        migrations.RunPython(copy_english_names, migrations.RunPython.noop),
    ]
