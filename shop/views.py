from django.shortcuts import get_object_or_404, render

from .models import Product


def product_list(request):
    products = Product.objects.live().for_cards()
    return render(request, "shop/product_list.html", {"products": products})


def product_detail(request, slug):
    product = get_object_or_404(Product.objects.live().for_cards(), slug=slug)
    reviews = product.reviews.approved().newest_first()
    return render(
        request,
        "shop/product_detail.html",
        {"product": product, "reviews": reviews, "rating": product.rating_summary()},
    )
