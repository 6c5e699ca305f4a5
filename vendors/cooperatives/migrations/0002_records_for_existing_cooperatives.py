"""A record for every vendor of kind koperasi or KDKMP, with a first member count from the
vendor's number of members, dated the day the vendor was created (in Jakarta)."""

from zoneinfo import ZoneInfo

from django.db import migrations

JAKARTA = ZoneInfo("Asia/Jakarta")


def create_records(apps, schema_editor):
    Vendor = apps.get_model("vendors", "Vendor")
    Cooperative = apps.get_model("cooperatives", "Cooperative")
    MemberCount = apps.get_model("cooperatives", "MemberCount")
    vendors = Vendor.objects.filter(kind__in=["koperasi", "kdkmp"], cooperative__isnull=True)
    for vendor in vendors.iterator():
        cooperative = Cooperative.objects.create(vendor=vendor)
        if vendor.member_count is not None:
            MemberCount.objects.create(
                cooperative=cooperative,
                counted_on=vendor.created_at.astimezone(JAKARTA).date(),
                members=vendor.member_count,
            )


class Migration(migrations.Migration):
    dependencies = [("cooperatives", "0001_initial")]

    operations = [migrations.RunPython(create_records, migrations.RunPython.noop)]
