"""The default claim rules and disclaimer texts (shared/compliance.md), as editable rows."""

from django.db import migrations

from claims.engine.defaults import DEFAULT_DISCLAIMERS, DEFAULT_RULES

TITLES = {
    "cure": "Cure or absolute promise",
    "urgency": "Urgency or advice against medical care",
    "testimonial": "Testimonial (reviews)",
    "nonhuman_study": "Animal or laboratory research",
    "study_result": "Study result",
    "authority": "Regulatory status or endorsement",
    "disease": "Disease claim",
    "safety": "Safety claim",
    "structure_function": "Effect on the body",
}


def load(apps, schema_editor):
    Disclaimer = apps.get_model("claims", "Disclaimer")
    ClaimRule = apps.get_model("claims", "ClaimRule")
    for key, text in DEFAULT_DISCLAIMERS.items():
        Disclaimer.objects.get_or_create(key=key, defaults={"title": TITLES.get(key, key), "text": text})
    for rule in DEFAULT_RULES:
        ClaimRule.objects.get_or_create(
            rule_id=rule.id,
            defaults={
                "category": rule.category,
                "severity": rule.severity,
                "disclaimer_key": rule.disclaimer,
                "phrases": "\n".join(rule.phrases),
                "patterns": "\n".join(rule.patterns),
                "enabled": rule.enabled,
                "needs_subject": rule.needs_subject,
                "first_person": rule.first_person,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("claims", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
