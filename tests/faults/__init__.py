"""Faults the shop must survive: Stripe down or hanging, a database error mid-order, the mail
server down, the same webhook many times at once. test_index.py lists each one with the
test that proves it, here or where an existing test already does."""
