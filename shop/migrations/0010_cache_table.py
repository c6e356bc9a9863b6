"""The database cache's table (settings CACHE_TABLE), so the default cache is shared by every process
without a separate `manage.py createcachetable`. Unused (and harmless) where REDIS_URL is set."""

from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations

TABLE = "storefront_cache"


def create(apps, schema_editor):
    command = CreateCacheTable()
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, TABLE, dry_run=False)


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("shop", "0009_stock_movements")]
    operations = [migrations.RunPython(create, drop)]
