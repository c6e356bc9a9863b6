"""Stripe, and keeping the orders in step with it.

stripe_api.py      the only module that talks to Stripe (PaymentIntents, refunds, webhook signatures)
webhooks.py        /stripe/webhook/: verified events, each handled once, applied to their order
reconciliation.py  Stripe's payments and refunds against the orders; every difference is recorded
models.py          StripeEvent (events handled), Mismatch (what reconciliation found)
"""
