"""The mail server down while orders are placed. Production queues mail in the database
(django_tasks_db, run by ``manage.py db_worker``); dev and the other tests run tasks at
once. Either way the order is placed and the buyer sees it; with the database queue the
mail that failed is tried again later and sent once the server is back."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks.signals import task_finished
from django_tasks_db.models import DBTaskResult

from core.mail import RETRY_MINUTES
from orders.models import Order
from tests.factories import ProductFactory
from tests.faults.servers import closed_port
from tests.orders.helpers import checkout_form, outlets

PICKUP_AT_RPPKUM = checkout_form(fulfilment="pickup_rppkum", address="", payment_method="at_outlet")
PLACED = "Terima kasih! Pesanan {number} sudah disisihkan."
ORDER_MAIL = "orders.emails.send_order_emails"


@pytest.fixture
def mail_down(settings):
    """SMTP to a loopback port where nothing listens: every send is refused."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = closed_port()
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 2


def mail_back(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def place_order(client):
    outlets()
    product = ProductFactory(stock=10, price=25000)
    client.post("/keranjang/tambah/", {"product": product.pk, "quantity": 2})
    response = client.post("/checkout/", PICKUP_AT_RPPKUM, follow=True)
    order = Order.objects.get()
    assert response.redirect_chain[-1][0] == order.get_absolute_url()
    assert PLACED.format(number=order.number) in response.content.decode()
    product.refresh_from_db()
    assert product.stock == 8
    return order


def run_worker():
    """``manage.py db_worker`` until the queue has nothing ready, as production runs it."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--verbosity", "0")


def time_passes():
    """The clock moves on: the pending retry of the mail becomes due."""
    DBTaskResult.objects.filter(task_path=ORDER_MAIL, status=TaskResultStatus.READY).update(
        run_after=timezone.now() - datetime.timedelta(seconds=1)
    )


@pytest.mark.django_db(transaction=True)  # on_commit runs in the request, as in dev
def test_with_tasks_run_at_once_the_failed_mail_does_not_fail_the_order(client, mail_down):
    outcomes = []

    def record(sender, task_result, **kwargs):
        outcomes.append((task_result.task.module_path, task_result.status, task_result.errors))

    task_finished.connect(record)
    try:
        order = place_order(client)
    finally:
        task_finished.disconnect(record)

    [(_path, status, errors)] = [o for o in outcomes if o[0] == ORDER_MAIL]
    assert status == TaskResultStatus.FAILED
    assert errors[0].exception_class_path == "builtins.ConnectionRefusedError"
    assert mail.outbox == []
    assert Order.objects.get(pk=order.pk).status == Order.Status.PENDING_PAYMENT


@pytest.mark.django_db(transaction=True)
def test_mail_that_failed_while_the_server_was_down_is_sent_once_it_is_back(
    client, settings, mail_down
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    order = place_order(client)

    run_worker()  # the mail server is down
    failed = DBTaskResult.objects.get(task_path=ORDER_MAIL, status=TaskResultStatus.FAILED)
    assert failed.exception_class_path == "builtins.ConnectionRefusedError"
    retry = DBTaskResult.objects.get(task_path=ORDER_MAIL, status=TaskResultStatus.READY)
    assert retry.run_after > timezone.now()  # not hammering a server that is down
    assert mail.outbox == []
    assert Order.objects.get(pk=order.pk).status == Order.Status.PENDING_PAYMENT

    mail_back(settings)
    time_passes()
    run_worker()

    assert [message.to for message in mail.outbox] == [["rina@example.com"]]
    assert order.get_absolute_url() in mail.outbox[0].body
    assert not DBTaskResult.objects.filter(task_path=ORDER_MAIL, status=TaskResultStatus.READY)


@pytest.mark.django_db(transaction=True)
def test_a_mail_server_down_for_good_is_retried_a_bounded_number_of_times(
    client, settings, mail_down
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    place_order(client)

    for _attempt in range(len(RETRY_MINUTES) + 3):
        run_worker()
        time_passes()

    tries = DBTaskResult.objects.filter(task_path=ORDER_MAIL)
    assert tries.count() == 1 + len(RETRY_MINUTES)
    assert set(tries.values_list("status", flat=True)) == {TaskResultStatus.FAILED}
    assert mail.outbox == []
