"""The invoices' daily jobs, run from the task queue: the monthly invoices and the reminders
of overdue invoices (``manage.py issue_monthly_invoices`` and ``send_invoice_reminders``
enqueue them; cron runs those once a day)."""

from django_tasks import task

from . import invoice_payments, invoicing


@task()
def issue_monthly_invoices() -> int:
    """Issue the monthly contracts' invoices for last month (each once); returns how many."""
    return invoicing.issue_monthly_invoices()


@task()
def send_invoice_reminders() -> int:
    """Remind the buyers of overdue invoices (each at most weekly); returns how many."""
    return invoice_payments.send_overdue_reminders()
