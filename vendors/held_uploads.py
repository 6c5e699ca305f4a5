"""Documents accepted in an application that failed on another field, held so the applicant
need not choose them again.

They are kept in the private storage (never public) under ``held/`` with a random name; the
session of the browser that sent them says which file is which, so no one else can use them.
A held file counts for ``HELD_FOR`` at most: after that the session forgets it, and the next
file held removes every held file older than that (abandoned applications included)."""

import datetime
import os
import secrets
import time

from django.core.files import File
from django.core.files.storage import storages

SESSION_KEY = "vendor_application_held"
HELD_FOR = datetime.timedelta(days=1)
FOLDER = "held"


def _storage():
    return storages["private"]


def _fresh(entry) -> bool:
    return time.time() - entry.get("at", 0) < HELD_FOR.total_seconds()


def held(request) -> dict[str, dict]:
    """{field: {"name", "filename", "at"}} of this session's held documents still valid."""
    entries = request.session.get(SESSION_KEY) or {}
    fresh = {field: entry for field, entry in entries.items() if _fresh(entry)}
    for field in entries.keys() - fresh.keys():
        _delete(entries[field]["name"])
    if fresh != entries:
        _save(request, fresh)
    return fresh


def hold(request, field: str, upload) -> dict:
    """Keep ``upload`` for ``field`` in this session, replacing one held before."""
    _purge_stale()
    entries = held(request)
    if field in entries:
        _delete(entries[field]["name"])
    extension = os.path.splitext(upload.name or "")[1].lower()[:5]
    upload.seek(0)
    name = _storage().save(f"{FOLDER}/{secrets.token_hex(16)}{extension}", upload)
    upload.seek(0)
    entries[field] = {
        "name": name,
        "filename": os.path.basename(upload.name or "")[:100] or "dokumen",
        "at": time.time(),
    }
    _save(request, entries)
    return entries[field]


def open_held(entry) -> File | None:
    """The held file, named as the applicant's file was; None if it is gone."""
    try:
        handle = _storage().open(entry["name"], "rb")
    except (FileNotFoundError, OSError):
        return None
    return File(handle, name=entry["filename"])


def drop(request, field: str) -> None:
    entries = held(request)
    if field in entries:
        _delete(entries.pop(field)["name"])
        _save(request, entries)


def release(request) -> None:
    """The application went in (its own copies are saved): forget and delete the held ones."""
    for entry in (request.session.get(SESSION_KEY) or {}).values():
        _delete(entry["name"])
    request.session.pop(SESSION_KEY, None)


def _save(request, entries) -> None:
    if entries:
        request.session[SESSION_KEY] = entries
    else:
        request.session.pop(SESSION_KEY, None)


def _delete(name: str) -> None:
    try:
        _storage().delete(name)
    except OSError:
        pass


def _purge_stale() -> None:
    """Remove held files older than HELD_FOR, whoever's they were."""
    storage = _storage()
    limit = datetime.datetime.now(datetime.UTC) - HELD_FOR
    try:
        _folders, files = storage.listdir(FOLDER)
    except (FileNotFoundError, NotImplementedError, OSError):
        return
    for filename in files:
        name = f"{FOLDER}/{filename}"
        try:
            if storage.get_modified_time(name) < limit:
                storage.delete(name)
        except (FileNotFoundError, NotImplementedError, OSError):
            continue
