"""The register of businesses: where they are, who they are, their papers, and the log of
every verification decision."""

from .events import VerificationEvent
from .halal import REVOKED, HalalCertificate, HalalCertificateQuerySet
from .places import Desa, Kecamatan, evidence_path
from .vendor import Membership, Vendor, VendorQuerySet

__all__ = [
    "REVOKED",
    "HalalCertificate",
    "HalalCertificateQuerySet",
    "Desa",
    "Kecamatan",
    "Membership",
    "Vendor",
    "VendorQuerySet",
    "VerificationEvent",
    "evidence_path",
]
