"""Offline Stripe for development and tests: everything that exists only because Stripe is not reachable.

The shop talks to Stripe through one code path (shop/payments/stripe_api.py) and never imports this
package; this package never imports the shop. The dev and test settings install it:

- client.py: LocalStripeHTTPClient, the stripe library's HTTP client named by STRIPE_HTTP_CLIENT. It
  sends the shop's Stripe requests to localstripe (STRIPE_API_BASE) and fills localstripe's gaps:
  idempotency keys, unsupported parameters, `created` filters, confirming with a card.
- cards.py: what Stripe.js does with a card (PaymentMethods from raw details, confirming, 3-D Secure).
- views.py, urls.py, static/devstripe/stripe-offline.js: the offline Stripe.js stand-in that the
  checkout page loads instead of https://js.stripe.com/v3/ (STRIPE_JS_URL), and its endpoints.
- webhooks.py: registering a webhook endpoint with localstripe.
- devserver.py: `make run`'s launcher (localstripe, the webhook registration, the expiry loop, runserver).

Production settings refuse STRIPE_HTTP_CLIENT, and do not install this app.
"""
