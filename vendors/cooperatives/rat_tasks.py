"""The daily RAT reminders, run from the task queue (``manage.py send_rat_reminders``
enqueues it; cron runs that once a day)."""

from django_tasks import task

from .rat_services import send_reminders


@task()
def send_rat_reminders() -> int:
    """Remind every cooperative late with its RAT, once per stage; returns how many."""
    return send_reminders()
