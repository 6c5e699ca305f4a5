import datetime

from vendors.facilitation import services

JAKARTA = datetime.timezone(datetime.timedelta(hours=7))
APPOINTMENT = datetime.datetime(2026, 12, 3, 9, 30, tzinfo=JAKARTA)
# What an owner gives when asking for help with a trademark.
HKI = {"mark": "Keripik Alfa", "nice_class": 30}


def walk_to(request, officer, stage):
    """Move a request along the happy path until it is at ``stage`` (not issued)."""
    steps = [
        lambda r: services.screen(r, officer, "KTP pemilik"),
        lambda r: services.assign(r, officer, officer, APPOINTMENT, "klinik"),
        lambda r: services.record_submission(r, officer, "OSS-2026-000123"),
    ]
    for step in steps:
        if request.stage == stage:
            break
        request = step(request)
    return request
