from django.db import migrations, models
from django.db.models import Count, Exists, OuterRef


def from_rows(rows) -> dict:
    """The stored shape from (rating, count, with photos) rows, as catalogue/review_stats.py made it when
    this migration was written (copied: a migration never changes with the app's code)."""
    stars = {str(rating): [count, photos] for rating, count, photos in rows if count}
    if not stars:
        return {}
    return {
        "count": sum(count for count, _ in stars.values()),
        "sum": sum(int(rating) * count for rating, (count, _) in stars.items()),
        "stars": stars,
    }


def fill(apps, schema_editor):
    """Every product's stored review figures, from its approved reviews."""
    Product = apps.get_model("shop", "Product")
    Review = apps.get_model("shop", "Review")
    ReviewPhoto = apps.get_model("shop", "ReviewPhoto")
    has_photos = Exists(ReviewPhoto.objects.filter(review=OuterRef("pk")))
    rows = (
        Review.objects.filter(status="approved").order_by()
        .values_list("product_id", "rating").annotate(n=Count("id"), p=Count("id", filter=has_photos))
    )
    by_product = {}
    for product_id, rating, n, p in rows:
        by_product.setdefault(product_id, []).append((rating, n, p))
    for product_id, product_rows in by_product.items():
        Product.objects.filter(pk=product_id).update(review_stats=from_rows(product_rows))


class Migration(migrations.Migration):

    dependencies = [
        ('shop', '0018_stored_html'),
    ]

    operations = [
        migrations.AddField(
            model_name='product',
            name='review_stats',
            field=models.JSONField(blank=True, default=dict, editable=False, help_text="Approved reviews' count, rating sum and per-star counts, kept when reviews change (catalogue/review_stats.py)."),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
