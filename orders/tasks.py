"""Background tasks, each a thin wrapper around a service (the e-mails about an order are
tasks of their own, in ``orders.emails``)."""

from django_tasks import task


@task()
def expire_reservations_task() -> int:
    from .services.reservations import expire_reservations

    return expire_reservations()
