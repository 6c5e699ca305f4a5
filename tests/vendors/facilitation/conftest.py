import pytest

from tests.factories import MembershipFactory, StaffFactory, UserFactory, VendorFactory
from vendors.models import Vendor


@pytest.fixture
def officer():
    return StaffFactory(username="petugas", first_name="Dewi", last_name="Lestari")


@pytest.fixture
def owner():
    return UserFactory(username="sari", email="sari@example.com")


@pytest.fixture
def newcomer(owner):
    """A business registered without a verified NIB: not public yet."""
    vendor = VendorFactory(
        name="Keripik Bu Sari",
        status=Vendor.Status.APPLIED,
        nib_status=Vendor.NibStatus.UNVERIFIED,
    )
    MembershipFactory(vendor=vendor, user=owner)
    return vendor
