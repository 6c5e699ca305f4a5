import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import MembershipFactory, StaffFactory, UserFactory, VendorFactory
from vendors.trademarks import services
from vendors.trademarks.models import Trademark

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
FILED = datetime.date(2024, 3, 11)


def pdf(name="djki.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def submission(**overrides):
    return services.TrademarkSubmission(
        **{
            "mark": "Keripik Bu Sari",
            "nice_class": 30,
            "application_number": "DID2024012345",
            "filed_on": FILED,
            "document": pdf(),
            **overrides,
        }
    )


@pytest.fixture
def officer():
    return StaffFactory(username="petugas", first_name="Dewi", last_name="Lestari")


@pytest.fixture
def owner():
    return UserFactory(username="sari", email="sari@example.com")


@pytest.fixture
def business(owner):
    """A public business (verified NIB) with its owner."""
    vendor = VendorFactory(name="Keripik Bu Sari", slug="keripik-bu-sari")
    MembershipFactory(vendor=vendor, user=owner)
    return vendor


@pytest.fixture
def other_owner():
    return UserFactory(username="budi", email="budi@example.com")


@pytest.fixture
def other_business(other_owner):
    vendor = VendorFactory(name="Kopi Cisoka", slug="kopi-cisoka")
    MembershipFactory(vendor=vendor, user=other_owner)
    return vendor


@pytest.fixture
def registered(business, owner, officer) -> Trademark:
    """A registered trademark of the business, verified by staff."""
    trademark = services.submit_trademark(
        business,
        owner,
        submission(registration_number="IDM000123456", registered_on=datetime.date(2025, 1, 20)),
    )
    return services.verify_trademark(trademark, officer)
