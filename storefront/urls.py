from django.apps import apps
from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from shop.admin_access import bulk_action

from . import sites, two_factor, views

urlpatterns = [
    path("admin/", include(two_factor.urlpatterns)),
    # Wagtail's bulk actions, closed to staff with no permission on the model (shop/admin_access.py)
    path("admin/bulk/<str:app_label>/<str:model_name>/<str:action>/", bulk_action),
    path("admin/choose-page/chosen-multiple/", views.chosen_pages),  # Wagtail's, without its 500s (views.py)
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("search/", views.search, name="search"),
    path("", include("shop.urls")),
]

if apps.is_installed("devstripe"):  # dev and test settings only: the offline Stripe.js stand-in's endpoints
    urlpatterns += [path("", include("devstripe.urls"))]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's URLs, its page view last as Wagtail has it, with the request's Site read from the cache (sites.py)
urlpatterns += [pattern for pattern in wagtail_urls.urlpatterns if getattr(pattern, "name", None) != "wagtail_serve"]
urlpatterns += [re_path(wagtail_urls.serve_pattern, sites.serve, name="wagtail_serve")]
