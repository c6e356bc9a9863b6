"""`make bench` (`python -m tools.bench`): the figures this project promises, measured on this machine.

__main__.py runs it all and prints the table; load.py drives the site under gunicorn with wrk,
Lighthouse and the HTTP Observatory; settings.py and urls.py are the production settings plus the
bench's baseline view. Not part of the site: nothing under storefront/, content/, shop/ or claims/
imports it.
"""
