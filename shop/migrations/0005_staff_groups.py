"""Two staff groups: "Editors" (content, products' descriptions, claim rules) and "Order managers"."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_PERMS = {
    "wagtailadmin": ["access_admin"],
    "shop": ["add_product", "change_product", "publish_product", "view_product"],
    "claims": ["add_claimrule", "change_claimrule", "view_claimrule", "add_disclaimer", "change_disclaimer", "view_disclaimer"],
}
EDITOR_PAGE_PERMS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
EDITOR_COLLECTION_PERMS = {
    "wagtailimages": ["add_image", "change_image", "choose_image"],
    "wagtaildocs": ["add_document", "change_document", "choose_document"],
}
ORDER_MANAGER_PERMS = {
    "wagtailadmin": ["access_admin"],
    "shop": [
        "view_order", "change_order",
        "view_stock", "change_stock",
        "view_review", "change_review", "delete_review",
        "view_shippingmethod", "change_shippingmethod", "add_shippingmethod",
        "view_product",
    ],
}


def perms(apps, spec):
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    found = []
    for app_label, codenames in spec.items():
        for codename in codenames:
            permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if permission is None:  # e.g. publish_product, which Wagtail adds after migrating
                action, model = codename.split("_", 1)
                content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
                permission = Permission.objects.create(content_type=content_type, codename=codename, name=f"Can {action} {model}")
            found.append(permission)
    return found


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(*perms(apps, EDITOR_PERMS))
    root = Page.objects.filter(depth=1).first()
    if root:
        for codename in EDITOR_PAGE_PERMS:
            permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            GroupPagePermission.objects.get_or_create(group=editors, page=root, permission=permission)
    collection = Collection.objects.filter(depth=1).first()
    if collection:
        for app_label, codenames in EDITOR_COLLECTION_PERMS.items():
            for codename in codenames:
                permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
                GroupCollectionPermission.objects.get_or_create(group=editors, collection=collection, permission=permission)

    managers, _ = Group.objects.get_or_create(name="Order managers")
    managers.permissions.add(*perms(apps, ORDER_MANAGER_PERMS))


class Migration(migrations.Migration):
    dependencies = [
        ("shop", "0004_mismatch_shipment_refund"),
        ("claims", "0002_default_rules"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]
    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
