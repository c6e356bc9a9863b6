"""Every setting, read from the environment with django-environ.

With nothing set: SQLite in the project folder, a cache table in it, console e-mail.
"""

import zoneinfo
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "storefront",
    "content",
    "shop",
    "claims",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # HTML compressed for browsers that ask (the article is 66 KB, 12 KB gzipped: a quarter second less on
    # a phone's network). Below WhiteNoise, which serves its own pre-compressed files; Django's gzip adds
    # random padding against BREACH ("Heal the Breach"), and CSRF tokens are masked per response anyway.
    "storefront.compression.TextGZipMiddleware",
    "shop.freshness.RequestMemo",  # the content generation and what is kept for it: read once a request
    "csp.middleware.CSPMiddleware",
    "storefront.framing.SameOriginPreviewMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "storefront.two_factor.RequireSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "storefront.page_cache.AnonymousPageCacheMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Admin sign-in: the third wrong password in a row locks that user name from that address for 15 minutes.
AXES_FAILURE_LIMIT = 3
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The address the lockout and the review limit count (shop/client_ip.py). Behind a TLS proxy, set
# how many proxies append to X-Forwarded-For (TRUSTED_PROXY_COUNT=1 for one nginx) or their addresses
# (TRUSTED_PROXIES=10.0.0.0/8,...); without either, X-Forwarded-For is ignored (it can be forged).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
AXES_CLIENT_IP_CALLABLE = "shop.client_ip.client_ip"

ROOT_URLCONF = "storefront.urls"
WSGI_APPLICATION = "storefront.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "shop.context_processors.cart_summary",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache that every process sees (gunicorn workers, `manage.py expire_orders`, the dev server): the
# anonymous page cache, its freshness counter (shop/freshness.py) and the rate limits live in it.
# Production: Redis (REDIS_URL). Otherwise the database's cache table, created by a migration
# (shop/migrations/0010_cache_table.py), so `manage.py migrate` is all a new copy needs.
CACHE_TABLE = "storefront_cache"
if env("REDIS_URL", default=""):
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",  # django-redis: one client per pool, not one per call
            "LOCATION": env("REDIS_URL"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": CACHE_TABLE,
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
    }

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="ClinicRed store <orders@localhost>")

TASKS = {
    "default": {
        "BACKEND": env(
            "TASKS_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend"
        ),
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "storefront.storage.StaticStorage"},
}

WAGTAIL_SITE_NAME = "ClinicRed"
# The address the site is reached at, without a trailing slash: the links in order e-mails and Wagtail's
# notification e-mails. By default the port `make run` serves on (PORT); production requires it set.
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default=f"http://127.0.0.1:{env.int('PORT', default=8000)}").rstrip("/")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "txt", "xlsx"]
# The admin stays on this machine: default avatars (staff e-mail hashes stay here), no check for a new
# Wagtail release, no "what's new" banner pointing at wagtail.org.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
# Time zones an admin user may pick: the IANA zones without this machine's "localtime" link and "Factory",
# which browsers cannot format (the account page would stop with a script error).
WAGTAIL_USER_TIME_ZONES = sorted(zoneinfo.available_timezones() - {"localtime", "Factory"})
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Payments (Stripe). The dev settings without keys, and the test settings, use devstripe: the same
# requests go to localstripe on this machine, and the checkout loads a Stripe.js stand-in.
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", default="")
STRIPE_PUBLISHABLE_KEY = env("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", default="")
# Dotted path of the stripe.HTTPClient subclass that carries the requests; empty: stripe's default.
STRIPE_HTTP_CLIENT = env("STRIPE_HTTP_CLIENT", default="")
STRIPE_JS_URL = "https://js.stripe.com/v3/"

STATIC_ROOT = env.path("STATIC_ROOT", default=str(STATIC_ROOT))

SHOP_CURRENCY = "usd"
SHOP_MAX_PER_LINE = env.int("SHOP_MAX_PER_LINE", default=10)
# How long an unpaid order holds its items; and how much one client (an IP address, or an e-mail
# address) may hold in unpaid orders at once. A session holds one unpaid order: a new one replaces it.
SHOP_ORDER_EXPIRY_MINUTES = env.int("SHOP_ORDER_EXPIRY_MINUTES", default=15)
SHOP_HOLDS_PER_CLIENT = env.int("SHOP_HOLDS_PER_CLIENT", default=3)
SHOP_HOLD_UNITS_PER_CLIENT = env.int("SHOP_HOLD_UNITS_PER_CLIENT", default=10)
# Checkout posts per IP address per window.
SHOP_CHECKOUT_RATE_LIMIT = env.int("SHOP_CHECKOUT_RATE_LIMIT", default=10)
SHOP_CHECKOUT_RATE_WINDOW_MINUTES = env.int("SHOP_CHECKOUT_RATE_WINDOW_MINUTES", default=10)
SHOP_DISCOUNT_RATE_LIMIT = env.int("SHOP_DISCOUNT_RATE_LIMIT", default=20)  # discount code tries per IP address per checkout rate window
# The seller on printable receipts: the store's name and its postal address, one line per comma
# (SHOP_STORE_ADDRESS="ClinicRed Inc.,100 Main Street,Springfield IL 62701"); no address, no address line.
SHOP_STORE_NAME = env("SHOP_STORE_NAME", default="ClinicRed")
SHOP_STORE_ADDRESS = env.list("SHOP_STORE_ADDRESS", default=[])
# The review request e-mail (manage.py send_review_requests, from cron): this many days after an order
# ships, for orders shipped at most WINDOW days before that.
SHOP_REVIEW_REQUEST_DAYS = env.int("SHOP_REVIEW_REQUEST_DAYS", default=7)
SHOP_REVIEW_REQUEST_WINDOW_DAYS = env.int("SHOP_REVIEW_REQUEST_WINDOW_DAYS", default=30)
# The product page's delivery estimate (shop/delivery.py): orders placed on a working day (Monday to
# Friday) before the cut-off hour, in the warehouse's time zone, ship that day; returns accepted for N days.
SHOP_DISPATCH_TIME_ZONE = env("SHOP_DISPATCH_TIME_ZONE", default="America/New_York")
SHOP_DISPATCH_CUTOFF_HOUR = env.int("SHOP_DISPATCH_CUTOFF_HOUR", default=14)
SHOP_RETURN_DAYS = env.int("SHOP_RETURN_DAYS", default=30)

# CPU time one claim rule may spend on a passage (plus 2 ms per 1,000 characters); over it, the rule is
# skipped there, reported in the admin, and rests for a minute.
CLAIMS_RULE_BUDGET_MS = env.int("CLAIMS_RULE_BUDGET_MS", default=50)
# How long an app process trusts the rules version it read from the shared cache (claims/ruleset.py).
CLAIMS_VERSION_LOCAL_SECONDS = env.float("CLAIMS_VERSION_LOCAL_SECONDS", default=2.0)

# Response headers (storefront). The Wagtail admin needs inline scripts and styles, so it is excluded.
# No site may frame a page; only Wagtail's preview of a draft may be framed by the admin (storefront.framing).
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
STRIPE_JS_ORIGIN = "https://js.stripe.com"
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", STRIPE_JS_ORIGIN],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'", "https://api.stripe.com"],
        "frame-src": [STRIPE_JS_ORIGIN, "https://hooks.stripe.com"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "camera": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": ["self", "https://js.stripe.com"],
    "usb": [],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}
