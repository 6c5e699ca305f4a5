"""Private documents (NIB and halal evidence, transfer receipts): a storage with no public
URL, whose files are served only by views that check who asks."""

from django.core.files.storage import Storage, storages
from django.utils.deconstruct import deconstructible


@deconstructible
class PrivateStorage(Storage):
    """Delegates every call to ``STORAGES["private"]`` as configured at that moment, so a
    deployment (or a test) can move the documents without touching the models."""

    @property
    def backend(self):
        return storages["private"]

    def save(self, name, content, max_length=None):
        return self.backend.save(name, content, max_length=max_length)

    def generate_filename(self, filename):
        return self.backend.generate_filename(filename)

    def get_available_name(self, name, max_length=None):
        return self.backend.get_available_name(name, max_length=max_length)

    def _open(self, name, mode="rb"):
        return self.backend.open(name, mode)

    def delete(self, name):
        return self.backend.delete(name)

    def exists(self, name):
        return self.backend.exists(name)

    def size(self, name):
        return self.backend.size(name)

    def path(self, name):
        return self.backend.path(name)

    def url(self, name):
        raise ValueError("Private documents have no public URL; serve them through a view.")


def private_storage():
    """Evidence documents live outside MEDIA_ROOT and are served only through a view."""
    return PrivateStorage()
