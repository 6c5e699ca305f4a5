"""Every fault, and the test that proves the shop survives it. Tests that already proved a
case elsewhere are pointed to, not repeated; the test below keeps this list true (every
reference exists, every test in this folder is listed).

Some need PostgreSQL (real row locks and concurrent connections) and are skipped on SQLite;
CI runs them on PostgreSQL."""

import importlib
import inspect
import pathlib

FAULTS = {
    "Stripe refuses the connection, or accepts and never answers, at checkout: the buyer is "
    "told in Indonesian, the order waits on its private page, its stock is taken once": [
        "tests.faults.test_stripe_down::"
        "test_the_buyer_is_told_in_indonesian_and_the_order_waits_on_its_private_page",
        "tests.faults.test_stripe_down::"
        "test_pressing_pay_now_while_stripe_is_still_down_takes_nothing_more",
        "tests.orders.test_payments::test_stripe_down_keeps_the_order_payable",
        "tests.orders.test_payments::test_stripe_unreachable_is_reported_not_crashed",
    ],
    "Stripe back after being down: paying later from the order page works": [
        "tests.faults.test_stripe_down::"
        "test_once_stripe_is_back_pay_now_opens_stripes_page_for_the_same_order",
        "tests.orders.test_checkout::"
        "test_when_stripe_is_down_the_order_is_kept_and_can_be_paid_later",
    ],
    "A database error in the middle of placing an order: nothing written, stock and cart "
    "unchanged, our 500 page": [
        "tests.faults.test_database_error::"
        "test_a_database_error_while_placing_an_order_leaves_no_half_order",
    ],
    "The mail server down: the order is placed, the mail is retried and sent once the server "
    "is back, and not retried forever": [
        "tests.faults.test_mail_down::"
        "test_with_tasks_run_at_once_the_failed_mail_does_not_fail_the_order",
        "tests.faults.test_mail_down::"
        "test_mail_that_failed_while_the_server_was_down_is_sent_once_it_is_back",
        "tests.faults.test_mail_down::"
        "test_a_mail_server_down_for_good_is_retried_a_bounded_number_of_times",
    ],
    "The same Stripe webhook event delivered 20 times at once, or replayed (PostgreSQL for "
    "the concurrent case)": [
        "tests.orders.test_payments::"
        "test_the_same_event_delivered_many_times_at_once_is_handled_once",
        "tests.orders.test_payments::test_a_replayed_event_is_handled_once",
    ],
    "Handling a Stripe event fails (an error in our code, a transient database error, a "
    "constraint): 500 and nothing kept, so Stripe's retry is handled once; a delivery waiting "
    "behind the failing one handles it (PostgreSQL); a signed but malformed event is a 400": [
        "tests.faults.test_webhook_errors::"
        "test_stripes_retry_of_an_event_whose_handling_failed_is_handled_once",
        "tests.faults.test_webhook_errors::"
        "test_a_delivery_waiting_behind_a_failing_one_handles_the_event",
        "tests.orders.test_webhook_payloads::test_a_signed_but_malformed_event_is_refused_with_400",
    ],
    "Many buyers at once for the last items (PostgreSQL)": [
        "tests.orders.test_stock_race::test_twenty_buyers_racing_for_five_items_never_oversell",
        "tests.orders.test_stock_race::"
        "test_buyers_of_several_products_in_opposite_orders_do_not_deadlock",
    ],
}


def _test_function(reference: str):
    module_name, _, name = reference.partition("::")
    return getattr(importlib.import_module(module_name), name, None)


def test_every_fault_points_to_a_test_that_exists():
    missing = [
        reference
        for references in FAULTS.values()
        for reference in references
        if not inspect.isfunction(_test_function(reference))
    ]
    assert missing == []


def test_every_fault_test_in_this_folder_is_listed():
    listed = {reference for references in FAULTS.values() for reference in references}
    here = pathlib.Path(__file__).parent
    unlisted = []
    for path in sorted(here.glob("test_*.py")):
        if path.name == "test_index.py":
            continue
        module = importlib.import_module(f"tests.faults.{path.stem}")
        for name, function in vars(module).items():
            if name.startswith("test_") and inspect.isfunction(function):
                reference = f"{module.__name__}::{name}"
                if reference not in listed:
                    unlisted.append(reference)
    assert unlisted == []
