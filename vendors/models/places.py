"""Where a business is: the 29 kecamatan and their desa and kelurahan (Kemendagri 36.03),
loaded as reference data, and where its private documents are kept."""

import os
import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def evidence_path(instance, filename):
    """Random names: a document's address can never be guessed from the vendor or the file."""
    extension = os.path.splitext(filename)[1].lower()[:5]
    return f"evidence/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"


class Kecamatan(models.Model):
    """The 29 districts of Kabupaten Tangerang (Kemendagri code 36.03.xx), loaded as data."""

    code = models.CharField(_("Kemendagri code"), max_length=8, unique=True)
    name = models.CharField(_("name"), max_length=60, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("kecamatan")
        verbose_name_plural = _("kecamatan")

    def __str__(self):
        return self.name


class Desa(models.Model):
    """The 274 desa and kelurahan of Kabupaten Tangerang (Kemendagri code 36.03.xx.yyyy, after
    Kepmendagri 300.2.2-2430/2025), loaded as data from ``vendors/data/desa.csv``. A code whose
    last four digits start with 1 is a kelurahan, with 2 a desa."""

    kecamatan = models.ForeignKey(
        Kecamatan, verbose_name=_("kecamatan"), on_delete=models.PROTECT, related_name="villages"
    )
    code = models.CharField(_("Kemendagri code"), max_length=13, unique=True)
    name = models.CharField(_("name"), max_length=60)

    class Meta:
        ordering = ["kecamatan__name", "name"]
        verbose_name = _("desa / kelurahan")
        verbose_name_plural = _("desa / kelurahan")
        constraints = [
            models.UniqueConstraint(fields=["kecamatan", "name"], name="unique_desa_per_kecamatan")
        ]

    def __str__(self):
        return self.name

    @property
    def is_kelurahan(self) -> bool:
        return self.code.rsplit(".", 1)[-1].startswith("1")
