"""gunicorn's settings for the storefront (read from the working directory: `gunicorn storefront.wsgi`).

The application, and its warm-up (storefront/warmup.py: URLs, templates, the claim model), loads once in
the master process, so every worker, the first ones and those that replace them, forks ready for its
first request; each worker then opens its own database and cache connections. (A preloaded application
is not re-read on SIGHUP: a deploy restarts gunicorn.)"""

preload_app = True


def post_worker_init(worker):
    from storefront.warmup import connect

    connect()
