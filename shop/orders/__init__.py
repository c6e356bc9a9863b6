"""Orders, from checkout to refund.

models.py          Order (with its state machine, Order.transition), OrderLine, Refund, Shipment
checkout.py        the shopper's path: place the order, start its payment, check it on the return page
payment_events.py  what Stripe says about an order's payment: paid, failed, refunded, disputed
staff.py           the admin's actions (fulfil, refund, cancel, note) and the expiry of unpaid orders
emails.py          the order e-mails (django-tasks), sent once each
"""
