from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "claims"
    verbose_name = "Health claims"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from . import checks  # noqa: F401 - registers the system checks
        from .models import ClaimRule, Disclaimer
        from .ruleset import rules_saved

        # Saving or deleting a rule or a disclaimer makes every page show the new rules at once.
        for model in (ClaimRule, Disclaimer):
            post_save.connect(rules_saved, sender=model, dispatch_uid=f"claims-rules-saved-{model.__name__}")
            post_delete.connect(rules_saved, sender=model, dispatch_uid=f"claims-rules-deleted-{model.__name__}")
