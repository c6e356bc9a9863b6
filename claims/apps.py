from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "claims"
    verbose_name = "Health claims"

    def ready(self):
        from . import checks  # noqa: F401 - registers the system checks
