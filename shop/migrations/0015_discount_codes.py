# Discount codes (issue 15 item 4): the model, the order fields and the Order managers' permissions.

import django.db.models.deletion
import django.db.models.expressions
import django.db.models.functions.text
import django.utils.timezone
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

# Order managers manage discount codes in the admin; editors do not.
ORDER_MANAGER_DISCOUNT_PERMS = ["add_discountcode", "change_discountcode", "delete_discountcode", "view_discountcode"]


def grant_discount_permissions(apps, schema_editor):
    """Give the "Order managers" group the discount code permissions (tests/base_data.py calls this again
    after a flush)."""
    app_config = apps.get_app_config("shop")
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = models_module or True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    managers, _ = Group.objects.get_or_create(name="Order managers")
    managers.permissions.add(
        *Permission.objects.filter(content_type__app_label="shop", codename__in=ORDER_MANAGER_DISCOUNT_PERMS)
    )


class Migration(migrations.Migration):

    dependencies = [
        ('shop', '0014_order_holder'),
    ]

    operations = [
        migrations.CreateModel(
            name='DiscountCode',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.CharField(help_text='What the shopper types; capitals or not make no difference.', max_length=40)),
                ('kind', models.CharField(choices=[('percent', 'Percentage off'), ('amount', 'Fixed amount off (cents)')], default='percent', max_length=10)),
                ('value', models.PositiveIntegerField(help_text='Percent (1-100) for a percentage, cents for a fixed amount (1000 = $10.00).')),
                ('minimum_subtotal_cents', models.PositiveIntegerField(blank=True, help_text='The goods must come to at least this much (cents), before the discount.', null=True, verbose_name='minimum subtotal (cents)')),
                ('starts_at', models.DateTimeField(blank=True, null=True)),
                ('ends_at', models.DateTimeField(blank=True, null=True)),
                ('usage_limit', models.PositiveIntegerField(blank=True, help_text='How many orders may use the code in all (paid orders and unpaid ones still held).', null=True, verbose_name='usage limit')),
                ('usage_limit_per_email', models.PositiveIntegerField(blank=True, null=True, verbose_name='usage limit per e-mail')),
                ('active', models.BooleanField(default=True)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
            ],
            options={
                'verbose_name': 'discount code',
                'ordering': ['code'],
            },
        ),
        migrations.RemoveConstraint(
            model_name='order',
            name='order_total_adds_up',
        ),
        migrations.AddField(
            model_name='order',
            name='discount_cents',
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='order',
            name='discount_code',
            field=models.CharField(blank=True, max_length=40),
        ),
        migrations.AddConstraint(
            model_name='discountcode',
            constraint=models.UniqueConstraint(django.db.models.functions.text.Upper('code'), name='discount_code_unique_ignoring_case'),
        ),
        migrations.AddConstraint(
            model_name='discountcode',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind', 'percent'), _negated=True), models.Q(('value__gte', 1), ('value__lte', 100)), _connector='OR'), name='discount_percent_1_to_100'),
        ),
        migrations.AddConstraint(
            model_name='discountcode',
            constraint=models.CheckConstraint(condition=models.Q(('value__gte', 1)), name='discount_value_positive'),
        ),
        migrations.AddField(
            model_name='order',
            name='discount',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='orders', to='shop.discountcode'),
        ),
        migrations.AddConstraint(
            model_name='order',
            constraint=models.CheckConstraint(condition=models.Q(('total_cents', django.db.models.expressions.CombinedExpression(django.db.models.expressions.CombinedExpression(models.F('subtotal_cents'), '-', models.F('discount_cents')), '+', models.F('shipping_cents')))), name='order_total_adds_up_with_discount'),
        ),
        migrations.AddConstraint(
            model_name='order',
            constraint=models.CheckConstraint(condition=models.Q(('discount_cents__lte', models.F('subtotal_cents'))), name='order_discount_not_above_subtotal'),
        ),
        migrations.RunPython(grant_discount_permissions, migrations.RunPython.noop),
    ]
