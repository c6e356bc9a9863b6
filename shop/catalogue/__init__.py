"""The catalogue: what the shop sells and what shoppers see of it.

models.py           products (with verification records), stock, reviews, shipping methods
reviews.py          review submission (honeypot, rate limit), moderation, verified buyers
structured_data.py  schema.org data for product pages
"""
