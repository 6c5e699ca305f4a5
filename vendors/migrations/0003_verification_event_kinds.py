"""Verification events store a kind: the submissions whose note was a fixed text, written in
the language of the request that made them, become kinds shown in the reader's language."""

from django.db import migrations, models

# The fixed notes as they were written, in English and in Indonesian.
FIXED_NOTES = {
    "applied": ("Application submitted", "Pendaftaran dikirim"),
    "certificate_submitted": ("Certificate submitted", "Sertifikat dikirim"),
    "resubmitted": ("Corrected and sent again", "Diperbaiki dan dikirim lagi"),
}


def notes_to_kinds(apps, schema_editor):
    VerificationEvent = apps.get_model("vendors", "VerificationEvent")
    for kind, notes in FIXED_NOTES.items():
        # The model refuses to change a row; the migration's historical model does not.
        VerificationEvent.objects.filter(kind="", note__in=notes).update(kind=kind, note="")


def kinds_to_notes(apps, schema_editor):
    VerificationEvent = apps.get_model("vendors", "VerificationEvent")
    for kind, (english, _indonesian) in FIXED_NOTES.items():
        VerificationEvent.objects.filter(kind=kind).update(note=english, kind="")


class Migration(migrations.Migration):

    dependencies = [
        ('vendors', '0002_kecamatan'),
    ]

    operations = [
        migrations.AddField(
            model_name='verificationevent',
            name='kind',
            field=models.CharField(blank=True, max_length=40),
        ),
        migrations.AddField(
            model_name='verificationevent',
            name='params',
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.RunPython(notes_to_kinds, kinds_to_notes),
    ]
