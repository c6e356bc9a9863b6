"""The shopper's pages: products and reviews, the cart, checkout, and the order page after paying."""

import re
import secrets

from django.conf import settings
from django.core.paginator import EmptyPage, Page, Paginator
from django.contrib import messages
from django.http import (
    FileResponse,
    Http404,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import freshness, pricing
from .cart import Cart, CartError, parse_quantity
from .catalogue import pictures, review_photos, review_votes
from .catalogue.models import Product, Review, ShippingMethod
from .catalogue.reviews import (
    NoSuchReviewPage,
    ReviewLinkRefused,
    ReviewRejected,
    line_for_review_link,
    review_page,
    submit_review,
    submit_verified_review,
)
from .catalogue.structured_data import product_json_ld
from .client_ip import client_ip
from .cross_site import refuse_cross_site
from .delivery import CHEAPEST_SHIPPING, estimate_for_cheapest_method
from .forms import CheckoutForm, ReviewForm, VerifiedReviewForm
from .orders.checkout import (
    CheckoutError,
    CheckoutRateLimited,
    DiscountRefused,
    Holder,
    HoldLimitReached,
    count_checkout_attempt,
    count_discount_attempt,
    place_order,
    start_payment,
    sync_payment,
)
from .orders import discounts
from .orders.models import Order
from .payments import stripe_api
from .public_urls import public_url


PRODUCTS_PER_PAGE = 12


def product_list(request):
    """The catalogue, 12 products a page (a page past the last, or not a number, is a 404). A page's rows
    are kept until the shop changes (`freshness.kept`, as the product page's row), so a visit reads one
    cache entry, not the products, their images and stock, however large the catalogue."""
    number = request.GET.get("page") or "1"
    if not (number.isascii() and number.isdigit()) or len(number) > 6:
        raise Http404("No such page of products.")
    number = int(number)
    listing = freshness.kept(f"product-list:{number}", lambda: _product_list_page(number), keep_none=False)
    if listing is None:
        raise Http404("No such page of products.")
    products, count = listing
    page = Page(products, number, Paginator(range(count), PRODUCTS_PER_PAGE))
    return render(request, "shop/product_list.html", {"products": products, "page": page})


def _product_list_page(number: int) -> tuple[list, int] | None:
    """(the products of page `number`, how many products are on sale), or None past the last page."""
    paginator = Paginator(Product.objects.live().for_cards(), PRODUCTS_PER_PAGE)
    try:
        page = paginator.page(number)
    except EmptyPage:
        return None
    return [product.keep_card_only() for product in page.object_list], paginator.count


_blank_review_fields: list = []


def blank_review_fields():
    """The empty review form's fields, the same on every product page: rendered once per process
    (every render when DEBUG, so a template edited under `make run` shows at once)."""
    if settings.DEBUG or not _blank_review_fields:
        _blank_review_fields[:] = [mark_safe(render_to_string("shop/includes/review_fields.html", {"form": ReviewForm()}))]
    return _blank_review_fields[0]


def product_detail(request, slug, review_form=None, status=200):
    # No gallery prefetch: the gallery is stored HTML (catalogue/pictures.py); its rare stale fallback
    # looks the pictures up itself.
    freshness.prefetch(f"product-page:{slug}", CHEAPEST_SHIPPING)  # one round trip for both
    product = freshness.kept(
        f"product-page:{slug}", lambda: Product.objects.live().for_cards().filter(slug=slug).first(), keep_none=False
    )
    if product is None:
        raise Http404("No such product.")
    try:
        listing = review_page(
            product, rating=request.GET.get("rating"), sort=request.GET.get("sort"), page=request.GET.get("page")
        )
    except NoSuchReviewPage as error:
        raise Http404(str(error)) from None
    url = public_url(product.get_absolute_url())
    og_image = pictures.html(product, "og")
    image_url = public_url(og_image) if og_image else ""
    return render(
        request,
        "shop/product_detail.html",
        {
            "product": product,
            "reviews": listing.reviews,
            "listing": listing,
            "rating": product.rating_summary(),
            "review_form": review_form or ReviewForm(),
            "review_fields": None if review_form is not None else blank_review_fields(),
            "canonical_url": url,
            "og_image": image_url,
            "json_ld": product_json_ld(product, listing.reviews, url=url, images=[public_url(u) for u in pictures.image_urls(product)]),
            "delivery": estimate_for_cheapest_method(),  # the page cache's key holds its day (shop/delivery.py)
        },
        status=status,
    )


@csrf_exempt
@refuse_cross_site
@require_POST
def review_create(request, slug):
    product = get_object_or_404(Product.objects.live(), slug=slug)
    if _too_large(request):
        messages.error(request, TOO_LARGE, extra_tags="review")
        return redirect(product.get_absolute_url() + "#review-form")
    form = ReviewForm(request.POST, request.FILES)
    if not form.is_valid():
        return product_detail(request, slug, review_form=form, status=400)
    client_key = client_ip(request) or "unknown"
    try:
        submit_review(product=product, data=form.cleaned_data, client_key=client_key)
    except ReviewRejected as error:
        messages.error(request, str(error), extra_tags="review")
        return redirect(product.get_absolute_url() + "#review-form")
    messages.success(request, "Thank you! Your review will appear once a moderator has read it.", extra_tags="review")
    return redirect(product.get_absolute_url() + "#review-form")


def review_with_link(request, slug, signed):
    """The review page an order line's link opens (never cached, with a CSRF token): a review written
    here is stored with the order line, the proof that makes its author a verified buyer."""
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    try:
        line = line_for_review_link(slug=slug, signed=signed)
    except ReviewLinkRefused as error:
        return _private(render(request, "shop/review_with_link.html", {"refused": str(error)}, status=error.status))
    if request.method == "POST" and _too_large(request):
        messages.error(request, TOO_LARGE)
        return _private(redirect(request.path))
    form, status = VerifiedReviewForm(request.POST or None, request.FILES or None), 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                submit_verified_review(line=line, data=form.cleaned_data)
            except ReviewRejected as error:
                messages.error(request, str(error))
                status = 409
            else:
                messages.success(request, "Thank you! Your review will appear once a moderator has read it.")
                return redirect(request.path)
    context = {"line": line, "product": line.product, "form": form, "review": Review.objects.filter(order_line=line).first()}
    return _private(render(request, "shop/review_with_link.html", context, status=status))


TOO_LARGE = (
    f"Your review was not sent: the photos are too large together. Please send at most {review_photos.MAX_PHOTOS} photos "
    f"of {review_photos.MAX_BYTES // (1024 * 1024)} MB each."
)


def _too_large(request) -> bool:
    """A review post bigger than three full-size photos and the text: refused before it is read."""
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > review_photos.MAX_REQUEST_BYTES
    except ValueError:
        return True


PHOTO_NAME = re.compile(r"[A-Za-z0-9_-]{10,40}\.jpg")


def review_photo(request, name):
    """A review's photo or thumbnail: only once the review is approved (moderators see them before)."""
    photo = review_photos.visible_photo(name, user=getattr(request, "user", None)) if PHOTO_NAME.fullmatch(name) else None
    if photo is None:
        raise Http404("No such photo.")
    response = FileResponse(photo.image.storage.open(f"review-photos/{name}", "rb"), content_type="image/jpeg")
    if photo.review.status == Review.Status.APPROVED:
        response["Cache-Control"] = "public, max-age=3600"
    else:
        add_never_cache_headers(response)
        response["Cache-Control"] += ", private"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# The helpful button sits on the cached product page, as the review form does: no per-visitor CSRF
# token, and refuse_cross_site turns away posts from another site's page.
@csrf_exempt
@refuse_cross_site
@require_POST
def review_helpful(request, slug, review_id):
    """Count the visitor's "helpful" vote (review_votes.py). The page's script asks for JSON (the new
    count); without it the form posts and the product page comes back, at the review, with a message."""
    wants_json = "application/json" in request.headers.get("Accept", "")
    voter = review_votes.voter_from_cookie(request.COOKIES.get(review_votes.VOTER_COOKIE))
    cookie = None
    if voter is None:
        voter, cookie = review_votes.new_voter()
    try:
        result = review_votes.vote_helpful(review_id=review_id, product_slug=slug, voter=voter, ip=client_ip(request))
    except review_votes.VoteRefused as refused:
        if wants_json:
            response = JsonResponse({"ok": False, "message": str(refused)}, status=refused.status)
        elif refused.status == 404:
            raise Http404(str(refused)) from None
        else:
            messages.error(request, str(refused))
            response = _back_to_review(request, slug, review_id)
    else:
        message = "Thank you for your feedback." if result.counted else "You have already said this review was helpful."
        if wants_json:
            response = JsonResponse({"ok": True, "counted": result.counted, "count": result.count, "message": message})
        else:
            messages.success(request, message, extra_tags=f"review helpful helpful-{review_id}")
            response = _back_to_review(request, slug, review_id)
    add_never_cache_headers(response)
    if cookie:
        response.set_cookie(
            review_votes.VOTER_COOKIE, cookie, max_age=review_votes.VOTER_COOKIE_MAX_AGE,
            secure=request.is_secure(), httponly=True, samesite="Lax",
        )
    return response


def _back_to_review(request, slug, review_id):
    """Back to the listing page the vote was sent from (a local path of this product only), at the review."""
    page = reverse("shop:product_detail", args=[slug])
    target = request.POST.get("next") or ""
    if not (target == page or target.startswith(page + "?")) or not url_has_allowed_host_and_scheme(target, {request.get_host()}):
        target = page
    return HttpResponseRedirect(f"{target}#review-{review_id}")


def _back(request, default="shop:cart"):
    """Back to the page the form was on (a local path only), or to the cart."""
    target = request.POST.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return HttpResponseRedirect(target)
    return redirect(default)


def _cart_context(cart: Cart) -> dict:
    lines = cart.lines()
    totals = cart.totals(lines)
    free_over = ShippingMethod.lowest_free_over() if lines else None
    return {
        "lines": lines,
        "totals": totals,
        "free_shipping": pricing.free_shipping_progress(subtotal=totals.subtotal, free_over=free_over),
    }


@never_cache
def cart_detail(request):
    return render(request, "shop/cart.html", _cart_context(Cart(request.session)))


def _added_line(product, quantity: int) -> dict:
    """What the confirmation banner shows of the line just added (kept in the session, read once with
    the message, so the page that shows it makes no query for it)."""
    thumb = str(pictures.html(product, "banner"))
    return {"name": product.name, "quantity": quantity, "url": product.get_absolute_url(), "thumb": thumb}


# Add-to-cart and review forms sit on cached public pages, so they carry no per-visitor CSRF token;
# refuse_cross_site turns away what another site's page posts (it would replace the visitor's session).
@csrf_exempt
@refuse_cross_site
@require_POST
def cart_add(request):
    try:
        quantity = parse_quantity(request.POST.get("quantity", "1"))
        product = Cart(request.session).add(request.POST.get("product"), quantity)
    except CartError as error:
        messages.error(request, str(error))
        return _back(request)
    request.session["cart_added"] = _added_line(product, quantity)
    messages.success(request, f"Added {product.name} to your cart.", extra_tags="cart-added")
    return _back(request)


@require_POST
def cart_update(request):
    """Change a line's quantity or remove it. The cart page's script asks for JSON (the cart's new
    HTML, its item count and the message); without it the form posts and the page reloads."""
    cart = Cart(request.session)
    ok = True
    try:
        if "remove" in request.POST:
            cart.remove(request.POST.get("product"))
            message = "Removed the item from your cart."
        else:
            product = cart.set(request.POST.get("product"), request.POST.get("quantity"))
            message = f"Updated the quantity of {product.name}."
    except CartError as error:
        ok, message = False, str(error)
    if "application/json" in request.headers.get("Accept", ""):
        html = render_to_string("includes/cart_contents.html", _cart_context(cart), request=request)
        body = {"ok": ok, "message": message, "count": len(cart), "html": html}
        return JsonResponse(body, status=200 if ok else 400)
    (messages.success if ok else messages.error)(request, message)
    return redirect("shop:cart")


DISCOUNT_SESSION_KEY = "checkout_discount"


def _fingerprint(request, cart: Cart) -> str:
    """The cart's content and the discount code applied: a new code is a new order (a new key)."""
    code = request.session.get(DISCOUNT_SESSION_KEY) or ""
    return f"{cart.fingerprint()}|{code}" if code else cart.fingerprint()


def _checkout_key(request, cart: Cart) -> str:
    """One key per cart content (and discount code): the same cart submitted twice places one order."""
    saved = request.session.get("checkout")
    if isinstance(saved, dict) and saved.get("cart") == _fingerprint(request, cart):
        return saved["key"]
    key = secrets.token_urlsafe(24)
    request.session["checkout"] = {"cart": _fingerprint(request, cart), "key": key}
    return key


def _is_current_checkout_key(request, cart: Cart, key: str) -> bool:
    """Whether `key` is the one this session was given for this cart (a key from elsewhere is not)."""
    saved = request.session.get("checkout")
    return (
        request.session.session_key is not None
        and isinstance(saved, dict)
        and saved.get("cart") == _fingerprint(request, cart)
        and secrets.compare_digest(str(saved.get("key", "")), key)
    )


@never_cache
def checkout(request):
    cart = Cart(request.session)
    lines = cart.lines()
    if request.method == "POST":
        if request.POST.get("discount_action") in ("apply", "remove"):
            return _apply_discount(request, cart, lines)
        return _place_order(request, cart)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    if not lines:
        messages.info(request, "Your cart is empty.")
        return redirect("shop:cart")
    _applied, dropped = _applied_discount(request, lines)  # before the key: a code that stopped applying is a new key
    form = CheckoutForm(initial={"checkout_key": _checkout_key(request, cart), "shipping_method": ShippingMethod.objects.filter(active=True).first()})
    return _render_checkout(request, cart, lines, form, discount_message=dropped, discount_feedback=bool(dropped))


def _applied_discount(request, lines) -> tuple[discounts.DiscountCheck | None, str]:
    """The session's discount code checked against the cart as it is now: (the check, "") when it
    applies; (None, the shopper's message) when it no longer does, and it is taken off the session."""
    code = request.session.get(DISCOUNT_SESSION_KEY)
    if not code:
        return None, ""
    checked = discounts.check(code, pricing.subtotal(lines), "", timezone.now())
    if checked.ok:
        return checked, ""
    request.session.pop(DISCOUNT_SESSION_KEY, None)
    return None, checked.message


DETAIL_FIELDS = ("email", "full_name", "address_line1", "address_line2", "city", "region", "postal_code", "shipping_method")


def _apply_discount(request, cart, lines):
    """Apply (or remove) a discount code: the checkout page again, with the code in the summary or the
    reason it does not apply under the field. The details typed so far come along (the page's script
    copies them into the discount form) and are shown again, unchecked."""
    if not lines:
        messages.info(request, "Your cart is empty.")
        return redirect("shop:cart")
    status, message, typed = 200, "", ""
    if request.POST.get("discount_action") == "remove":
        request.session.pop(DISCOUNT_SESSION_KEY, None)
    else:
        typed = "".join(ch for ch in (request.POST.get("discount_code") or "")[:100] if ch.isprintable())
        try:
            count_discount_attempt(client_ip(request))
        except CheckoutRateLimited as error:
            status, message = 429, str(error)
        else:
            if not discounts.normalise(typed):
                status, message = 400, "Enter a discount code."
            else:
                checked = discounts.check(typed, pricing.subtotal(lines), "", timezone.now())
                if checked.ok:
                    request.session[DISCOUNT_SESSION_KEY] = checked.code
                    typed = ""
                else:
                    status, message = 400, checked.message
    details = {name: request.POST[name] for name in DETAIL_FIELDS if request.POST.get(name)}
    form = CheckoutForm(initial={"shipping_method": ShippingMethod.objects.filter(active=True).first(), **details, "checkout_key": _checkout_key(request, cart)})
    return _render_checkout(request, cart, lines, form, status=status, discount_message=message, discount_typed=typed, discount_feedback=True)


def _render_checkout(request, cart, lines, form, status=200, discount_message="", discount_typed="", discount_feedback=False):
    # Every figure on the page comes from pricing: per method, its shipping and the order's total.
    applied, dropped = _applied_discount(request, lines)
    terms = applied.discount.terms if applied else None
    methods = [(method, method.quote(lines, discount=terms)) for method in ShippingMethod.objects.filter(active=True)]
    return render(
        request,
        "shop/checkout.html",
        {
            "form": form,
            "lines": lines,
            "totals": pricing.totals(lines, discount=terms),
            "discount": applied,
            "discount_message": discount_message or dropped,
            "discount_typed": discount_typed,
            "discount_feedback": discount_feedback or bool(dropped),
            "methods": methods,
            "first_total": methods[0][1].total if methods else None,
            "stripe_publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
            "stripe_js_url": settings.STRIPE_JS_URL,
        },
        status=status,
    )


def _field_errors(form) -> dict:
    """The form's errors as JSON: messages per field name, "__all__" for the rest."""
    return {name: [str(e) for e in errors] for name, errors in form.errors.items()}


def _place_order(request, cart):
    wants_json = "application/json" in request.headers.get("Accept", "")

    def refuse(message, status):
        if wants_json:
            return JsonResponse({"errors": {"__all__": [message]}}, status=status)
        data = request.POST.copy()
        data["checkout_key"] = _checkout_key(request, cart)
        form = CheckoutForm(data)
        form.is_valid()
        form.add_error(None, message)
        return _render_checkout(request, cart, cart.lines(), form, status=status)

    if wants_json and request.POST.get("check_only"):
        # The page's script asks this when the card is incomplete, so the shopper hears of every
        # field to fix at once; nothing is placed or held, so it does not count as an attempt.
        form = CheckoutForm(request.POST)
        if not form.is_valid():
            return JsonResponse({"errors": _field_errors(form)}, status=400)
        return JsonResponse({"errors": {}})
    try:
        count_checkout_attempt(client_ip(request))
    except CheckoutRateLimited as error:
        return refuse(str(error), 429)
    form = CheckoutForm(request.POST)
    if not form.is_valid():
        if wants_json:
            return JsonResponse({"errors": _field_errors(form)}, status=400)
        return _render_checkout(request, cart, cart.lines(), form, status=400)
    if cart.items and not _is_current_checkout_key(request, cart, form.cleaned_data["checkout_key"]):
        return refuse("Your cart changed or this checkout page has run out. Please check your order and pay again.", 409)
    try:
        order = place_order(
            items=cart.items,
            customer=form.customer(),
            shipping_method_id=form.cleaned_data["shipping_method"].pk,
            checkout_key=form.cleaned_data["checkout_key"],
            holder=Holder.of(session_key=request.session.session_key, ip=client_ip(request)),
            discount_code=request.session.get(DISCOUNT_SESSION_KEY) or "",
        )
        intent = start_payment(order)
    except HoldLimitReached as error:
        return refuse(str(error), 409)
    except DiscountRefused as error:
        # The code stopped applying since it was applied (used up, expired): off it comes; the page
        # shows the new total and the reason, and the shopper pays again.
        request.session.pop(DISCOUNT_SESSION_KEY, None)
        return refuse(f"{error} It was taken off your order: please check the new total and pay again.", 409)
    except CheckoutError as error:
        if wants_json:
            return JsonResponse({"errors": {"__all__": [str(error)]}}, status=409)
        messages.error(request, str(error))
        return redirect("shop:cart")
    except stripe_api.PaymentError as error:
        message = f"We could not start the payment: {error}. Please try again."
        if wants_json:
            return JsonResponse({"errors": {"__all__": [message]}}, status=502)
        messages.error(request, message)
        return redirect("shop:checkout")
    request.session["last_order"] = order.token
    order_url = request.build_absolute_uri(order.get_absolute_url())
    if wants_json:
        return JsonResponse(
            {
                "order": order.number,
                "client_secret": intent.client_secret,
                "return_url": order_url,
                "total": order.total_cents,
                "held_until": order.expires_at.isoformat(),
                "hold_minutes": order.hold_minutes,
            }
        )
    return redirect(order.get_absolute_url())


TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{20,64}")


def _order_or_404(token):
    if not isinstance(token, str) or not TOKEN_RE.fullmatch(token):
        raise Http404
    return get_object_or_404(Order.objects.prefetch_related("lines__product"), token=token)


def _private(response):
    add_never_cache_headers(response)
    response["Cache-Control"] = "no-store, private"
    response["Referrer-Policy"] = "same-origin"
    return response


def order_detail(request, token):
    order = _order_or_404(token)
    if order.paid_at is None and request.GET.get("payment_intent"):
        try:
            order = sync_payment(order)
        except stripe_api.PaymentError:
            pass  # the webhook will tell us; the page keeps checking
    if order.paid_at is not None and request.session.get("last_order") == order.token:
        Cart(request.session).clear()
        request.session.pop("checkout", None)
        request.session.pop(DISCOUNT_SESSION_KEY, None)  # one code per order: the next order starts without it
    return _private(render(request, "shop/order_detail.html", {"order": order}))


def order_status(request, token):
    order = _order_or_404(token)
    if order.paid_at is None and order.payment_intent_id and request.GET.get("sync"):
        try:
            order = sync_payment(order)
        except stripe_api.PaymentError:
            pass
    return _private(
        JsonResponse(
            {
                "status": order.status,
                "payment_status": order.payment_status,
                "label": order.get_payment_status_display(),
                "paid": order.paid_at is not None,
                "waiting": order.awaits_payment,
                "error": order.last_payment_error,
            }
        )
    )


# Find my order and the printable receipt (shop/orders/lookup.py, shop/orders/receipt.py).
from .forms import FindOrderForm  # noqa: E402
from .orders.lookup import LookupRateLimited, request_order_link  # noqa: E402
from .orders.receipt import NoReceipt, receipt_for  # noqa: E402

FIND_ORDER_SENT = (
    "If an order with that number was placed with that e-mail, we've sent its link to that address. It can take a minute."
)


def find_order(request):
    """Ask for an order's link by e-mail address and order number. Every well-formed request gets the
    same answer, whether or not an order matched (the e-mail task decides, after the answer)."""
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    form, context, status = FindOrderForm(request.POST if request.method == "POST" else None), {}, 200
    if request.method == "POST":
        if not form.is_valid():
            status = 400
        else:
            try:
                request_order_link(email=form.cleaned_data["email"], number=form.cleaned_data["number"], ip=client_ip(request))
            except LookupRateLimited as error:
                context["refused"], status = str(error), 429
            else:
                context["sent"] = FIND_ORDER_SENT
            form = FindOrderForm()
    context["form"] = form
    return _private(render(request, "shop/find_order.html", context, status=status))


def order_receipt(request, token):
    """The printable receipt: the same secret link as the order page, paid orders only."""
    order = _order_or_404(token)
    try:
        receipt = receipt_for(order)
    except NoReceipt as error:
        return _private(render(request, "shop/order_receipt.html", {"order": order, "refused": str(error)}, status=404))
    return _private(render(request, "shop/order_receipt.html", {"order": order, "receipt": receipt}))
