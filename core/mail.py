"""What every e-mail task shares: the site's address for links, and retrying a mail task
after the mail server was down."""

import datetime

from django.conf import settings
from django.utils import timezone

# When the mail server is down, try again after these pauses (about five hours in all).
RETRY_MINUTES = (1, 5, 15, 60, 240)


def site_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def retry_later(mail_task, attempt: int, *args) -> None:
    """The database queue marks a failed task failed and never runs it again: a mail server
    that was down for a minute would lose the mail. So enqueue it again after a pause (where
    the queue can defer work; the immediate backend of dev and tests cannot). The failed run
    stays in the task results with its error."""
    if attempt >= len(RETRY_MINUTES) or not mail_task.get_backend().supports_defer:
        return
    run_after = timezone.now() + datetime.timedelta(minutes=RETRY_MINUTES[attempt])
    mail_task.using(run_after=run_after).enqueue(*args, attempt=attempt + 1)
