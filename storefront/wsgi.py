import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "storefront.settings.production")
application = get_wsgi_application()

from storefront.warmup import warm  # noqa: E402 - needs the apps loaded above

warm()  # once per process, so that its first request costs what any other does
