"""The vendors' forms: the application, the business profile, the documents sent from the
dashboard, and the fields other apps' forms share."""

from .application import VendorApplicationForm
from .documents import HalalCertificateForm, NibResubmitForm
from .fields import DOCUMENT_ACCEPT, BusinessFieldsMixin, DocumentField, NormalizedField
from .profile import VendorProfileForm

__all__ = [
    "DOCUMENT_ACCEPT",
    "BusinessFieldsMixin",
    "DocumentField",
    "HalalCertificateForm",
    "NibResubmitForm",
    "NormalizedField",
    "VendorApplicationForm",
    "VendorProfileForm",
]
