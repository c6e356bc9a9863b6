from django.db import migrations

METHODS = [
    {"name": "Standard", "description": "3–5 working days; free on orders of $150 or more", "price_cents": 795, "free_over_cents": 15000, "sort_order": 1},
    {"name": "Express", "description": "1–2 working days", "price_cents": 2495, "free_over_cents": None, "sort_order": 2},
]


def create(apps, schema_editor):
    ShippingMethod = apps.get_model("shop", "ShippingMethod")
    for method in METHODS:
        ShippingMethod.objects.get_or_create(name=method["name"], defaults=method)


def remove(apps, schema_editor):
    apps.get_model("shop", "ShippingMethod").objects.filter(name__in=[m["name"] for m in METHODS]).delete()


class Migration(migrations.Migration):
    dependencies = [("shop", "0002_orders")]
    operations = [migrations.RunPython(create, remove)]
