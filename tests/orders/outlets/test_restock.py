"""Restock requests: a shelf item below its minimum asks its vendor once (e-mail and
dashboard), the daily check is idempotent, and the next delivery closes the request."""

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import Client

from orders.outlets.models import RestockRequest
from orders.outlets.restock import check, check_all
from orders.outlets.shelf import Counted, Received, receive_delivery, take_stock

from .shelf_helpers import NOW, days, shelf_item, world

pytestmark = pytest.mark.django_db
OPEN = RestockRequest.Status.OPEN


@pytest.fixture
def w():
    with time_machine.travel(NOW, tick=False):
        yield world()


def test_below_minimum_asks_the_vendor_by_email(w, django_capture_on_commit_callbacks):
    low = shelf_item(w["rppkum"], w["vendor_a"], quantity=3, minimum=5, name="Emping Melinjo")
    with django_capture_on_commit_callbacks(execute=True):
        request = check(low)
    assert (request.status, request.quantity) == (OPEN, 7)  # 2 × 5 − 3
    assert request.created_at == NOW
    [message] = mail.outbox
    assert message.to == [w["member_a"].email]
    assert "Emping Melinjo" in message.subject and "RPPKUM Legok" in message.subject
    assert "7" in message.body and "/dasbor/" in message.body


@pytest.mark.parametrize("quantity, minimum", [(5, 5), (0, 0), (9, 5)])
def test_no_request_at_or_above_the_minimum_or_without_one(w, quantity, minimum):
    item = shelf_item(w["rppkum"], w["vendor_a"], quantity=quantity, minimum=minimum)
    assert check(item) is None
    assert not RestockRequest.objects.exists()


def test_checking_again_asks_nothing_new(w, django_capture_on_commit_callbacks):
    low = shelf_item(w["rppkum"], w["vendor_a"], quantity=1, minimum=4)
    shelf_item(w["airport"], w["vendor_b"], quantity=0, minimum=2)
    shelf_item(w["airport"], w["vendor_b"], quantity=8, minimum=2)
    with django_capture_on_commit_callbacks(execute=True):
        assert check_all() == 2
        assert check_all() == 0
        assert check(low) is None
        call_command("check_restock", stdout=open("/dev/null", "w"))
    assert RestockRequest.objects.filter(status=OPEN).count() == 2
    assert len(mail.outbox) == 2


def test_the_daily_command_opens_the_requests(w, django_capture_on_commit_callbacks):
    shelf_item(w["rppkum"], w["vendor_a"], quantity=1, minimum=4)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("check_restock", stdout=open("/dev/null", "w"))
    assert RestockRequest.objects.get().quantity == 7


def test_a_delivery_closes_the_open_request(w):
    low = shelf_item(w["rppkum"], w["vendor_a"], quantity=1, minimum=4)
    request = check(low)
    receive_delivery(w["rppkum"], w["vendor_a"], w["clerk"], [Received(low, 7, days(30))])
    request.refresh_from_db()
    assert request.status == RestockRequest.Status.DELIVERED
    assert request.closed_at == NOW


def test_a_stock_take_below_the_minimum_asks_the_vendor(w):
    item = shelf_item(w["rppkum"], w["vendor_a"], quantity=6, minimum=5)
    take_stock(w["rppkum"], w["clerk"], [Counted(item, 2, "damaged")])
    assert RestockRequest.objects.get(stock=item).quantity == 8


def test_vendors_see_only_their_own_requests_on_the_dashboard(w):
    mine = shelf_item(w["rppkum"], w["vendor_a"], quantity=1, minimum=4, name="Dodol Alfa")
    theirs = shelf_item(w["rppkum"], w["vendor_b"], quantity=0, minimum=3, name="Opak Beta")
    check(mine)
    check(theirs)
    client = Client()
    client.force_login(w["member_a"])
    with time_machine.travel(NOW, tick=False):
        page = client.get("/dasbor/").content.decode()
    assert "Dodol Alfa" in page and "Opak Beta" not in page
    assert "data-restock" in page


def test_no_section_without_open_requests(w):
    client = Client()
    client.force_login(w["member_a"])
    assert "data-restock" not in client.get("/dasbor/").content.decode()
