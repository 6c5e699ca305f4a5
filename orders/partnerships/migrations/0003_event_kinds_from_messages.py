"""Give the request events written before kinds existed their kind and parameters, where the
old English text says which: the fixed texts exactly, the texts built with names by pattern,
and a staff note (the only other text a close wrote) as the close's note. Anything else keeps
its ``message`` and kind "". The old text stays in ``message``; going back clears the kinds."""

import re

from django.db import migrations

FIXED = {
    "Request sent": "sent",
    "Staff are reviewing the request": "review",
    "The buyer declined all quotes": "declined",
    "Closed by staff": "closed",
}
PATTERNS = [
    (re.compile(r"^Also matched with (?P<names>.+)$", re.S), "also_matched"),
    (re.compile(r"^Matched with (?P<names>.+)$", re.S), "matched"),
    (re.compile(r"^Accepted the quote from (?P<vendor>.+)$", re.S), "accepted"),
    (re.compile(r"^Quote from (?P<vendor>.+)$", re.S), "quoted"),
]


def kind_of(message: str, new_status: str) -> tuple[str, dict]:
    if message in FIXED:
        return FIXED[message], {}
    for pattern, kind in PATTERNS:
        found = pattern.match(message)
        if found:
            return kind, found.groupdict()
    if new_status == "closed" and message:
        return "closed", {"note": message}
    return "", {}


def recognise(apps, schema_editor):
    RequestEvent = apps.get_model("partnerships", "RequestEvent")
    changed = []
    for event in RequestEvent.objects.filter(kind="").only("pk", "message", "new_status"):
        event.kind, event.params = kind_of(event.message, event.new_status)
        if event.kind:
            changed.append(event)
    RequestEvent.objects.bulk_update(changed, ["kind", "params"], batch_size=500)


def forget(apps, schema_editor):
    RequestEvent = apps.get_model("partnerships", "RequestEvent")
    RequestEvent.objects.exclude(message="").update(kind="", params={})


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0002_event_kinds")]

    operations = [migrations.RunPython(recognise, forget)]
