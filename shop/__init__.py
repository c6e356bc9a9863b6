"""The store: catalogue, cart, orders and payments (Django app label `shop`).

catalogue/          products, stock, reviews and shipping methods (models, review flow, structured data)
pricing.py          all money arithmetic, in integer cents: line totals, subtotal, shipping, totals, refund caps
cart.py             the session cart, priced from the catalogue
orders/             orders and their state machine; checkout, payment events, staff actions, e-mails
payments/           Stripe: the API wrapper, the webhook, reconciliation
models.py           every model re-exported, for Django and for `from shop.models import ...`
views.py, forms.py  the shopper's pages; admin_views.py and wagtail_hooks.py the staff's admin
tasks.py            the scheduled jobs (expiry, reconciliation) for a task runner
freshness.py        the counter that makes cached pages stale; signals.py what saving a product or review sets off
"""
