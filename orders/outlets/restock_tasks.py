"""The daily restock check, run from the task queue (``manage.py check_restock`` enqueues
it; cron runs that once a day)."""

from django_tasks import task

from .restock import check_all


@task()
def check_restock() -> int:
    """Open the restock requests due (none twice); returns how many opened."""
    return check_all()
