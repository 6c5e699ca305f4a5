import pytest
from django.core.files.storage import FileSystemStorage

from vendors.models import HalalCertificate, Vendor


@pytest.fixture(autouse=True)
def private_documents(tmp_path, monkeypatch):
    """Evidence documents of these tests go to the test's own folder (the fields bind their
    storage when the models load)."""
    storage = FileSystemStorage(location=tmp_path / "evidence", base_url=None)
    monkeypatch.setattr(Vendor._meta.get_field("nib_document"), "storage", storage)
    monkeypatch.setattr(HalalCertificate._meta.get_field("document"), "storage", storage)
    return storage
