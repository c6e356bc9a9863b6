"""Stripe, and keeping the orders in step with it.

stripe_api.py      the only module that talks to Stripe (PaymentIntents, refunds, webhook signatures)
webhooks.py        /stripe/webhook/: verified events, each handled once, applied to their order
reconciliation.py  Stripe's payments and refunds against the orders; each run and every difference
                   is recorded
panels.py          the dashboard panel: when reconciliation last ran and what it found
models.py          StripeEvent (events handled), ReconciliationRun, Mismatch (what a run found)
"""
