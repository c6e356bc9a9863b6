"""A second factor for staff (TOTP with django-otp): set it up under Account, then every admin session
must enter a code from the authenticator app before it can use the admin."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import devices_for_user, login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

EXEMPT = ("/admin/login/", "/admin/logout/", "/admin/2fa/verify/", "/admin/jsi18n/")


class CodeForm(forms.Form):
    code = forms.RegexField(label="Code from your authenticator app", regex=r"^\d{6}$", error_messages={"invalid": "Enter the 6-digit code."})


def has_second_factor(user) -> bool:
    return any(True for _ in devices_for_user(user, confirmed=True))


class RequireSecondFactorMiddleware:
    """Staff who turned on a second factor must verify this session before using the admin."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            request.path.startswith("/admin/")
            and not request.path.startswith(EXEMPT)
            and user is not None
            and user.is_authenticated
            and not user.is_verified()
            and has_second_factor(user)
        ):
            return redirect(f"{reverse('two_factor_verify')}?next={request.get_full_path()}")
        return self.get_response(request)


def verify(request):
    if not request.user.is_authenticated:
        return redirect("wagtailadmin_login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        for device in devices_for_user(request.user, confirmed=True):
            if device.verify_token(form.cleaned_data["code"]):
                otp_login(request, device)
                target = request.GET.get("next") or "/admin/"
                if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
                    target = "/admin/"
                return redirect(target)
        form.add_error("code", "That code is not valid. Check your authenticator app's clock and try again.")
    return TemplateResponse(request, "two_factor/verify.html", {"form": form})


def setup(request):
    """Create an unconfirmed TOTP device, show its key, confirm it with a first code."""
    if not request.user.is_authenticated:
        return redirect("wagtailadmin_login")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first() or TOTPDevice.objects.create(
        user=request.user, name="Authenticator app", confirmed=False
    )
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save()
            TOTPDevice.objects.filter(user=request.user).exclude(pk=device.pk).delete()
            otp_login(request, device)
            messages.success(request, "Two-factor authentication is on. You will be asked for a code when you sign in.")
            return redirect("wagtailadmin_account")
        form.add_error("code", "That code is not valid yet. Scan the key again and enter the current code.")
    import base64

    secret = base64.b32encode(device.bin_key).decode()
    return TemplateResponse(
        request, "two_factor/setup.html", {"form": form, "secret": secret, "config_url": device.config_url, "enabled": has_second_factor(request.user)}
    )


urlpatterns = [
    path("2fa/verify/", verify, name="two_factor_verify"),
    path("2fa/setup/", setup, name="two_factor_setup"),
]
