"""Data the migrations create, put back after a transactional test flushed the database.

Transactional tests (live server, threads) end with a flush that also removes the rows the data
migrations made: Wagtail's root page, locale and collection, shipping methods, staff groups, the Medical
review workflow, claim rules. Each transactional test calls ensure_base_data() first; it re-runs the
same migration code.
"""

import importlib

from django.apps import apps


def _migration(app_label: str, name: str):
    return importlib.import_module(f"{app_label}.migrations.{name}")


def ensure_base_data() -> None:
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Collection, Locale, Page

    ContentType.objects.clear_cache()  # the flush re-created content types under new ids
    Locale.objects.get_or_create(language_code="en")
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root", locale=Locale.objects.get(language_code="en")))
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")
    _migration("shop", "0003_shipping_methods").create(apps, None)
    _migration("shop", "0016_product_gallery_specs").set_delivery_days(apps, None)
    _migration("claims", "0002_default_rules").load(apps, None)
    _migration("claims", "0003_disclaimer_short_forms").forwards(apps, None)
    _migration("shop", "0005_staff_groups").create_groups(apps, None)
    _migration("content", "0003_medical_review").create(apps, None)
    _migration("shop", "0015_discount_codes").grant_discount_permissions(apps, None)
