"""Cooperatives and businesses for the member-business tests."""

from tests.factories import MembershipFactory, VendorFactory
from vendors.cooperatives.models import Cooperative
from vendors.models import Vendor


def cooperative(name="Koperasi Maju Bersama", slug="koperasi-maju-bersama", **fields):
    """A public cooperative with its record, and the member who runs it (``.admin``)."""
    kind = fields.pop("kind", Vendor.Kind.COOPERATIVE)
    classification = fields.pop("classification", Cooperative.Classification.MARKETING)
    admin = MembershipFactory(vendor=VendorFactory(name=name, slug=slug, kind=kind, **fields))
    record = Cooperative.objects.create(vendor=admin.vendor, classification=classification)
    record.admin = admin.user
    return record


def business(name="Keripik Bu Sari", slug="keripik-bu-sari", **fields):
    """A public micro-business and the member who runs it."""
    return MembershipFactory(vendor=VendorFactory(name=name, slug=slug, **fields))
