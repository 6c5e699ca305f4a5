"""How things are sold, one module per job: the cart (``cart``), placing an order
(``checkout``, with the outlets' pickup rules in ``pickup``), payment outcomes (``payment``,
bank transfers in ``transfers``), Stripe's webhooks and reconciliation (``stripe_events``),
unpaid orders running out (``reservations``), the vendors' parts (``fulfilment``)
and the vendors' money (``ledger``). Each function is a transaction that keeps stock and money
consistent; every status changes through ``states`` (the models' transition tables) and
writes an OrderEvent of a kind (``events``)."""
