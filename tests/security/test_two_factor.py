"""Staff can turn on a second factor (TOTP); then the admin asks for a code in every new session."""

import re
import time

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def code_for(device, offset=0):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset):06d}"


def test_turn_on_totp_then_sign_in_needs_a_code(client, django_user_model, db):
    user = django_user_model.objects.create_superuser("second-factor", "sf@example.com", "a-long-password-123")
    assert client.post("/admin/login/", {"username": "second-factor", "password": "a-long-password-123"}).status_code == 302
    page = client.get("/admin/2fa/setup/").content.decode()
    secret = re.search(r"data-totp-secret>([A-Z2-7=]+)<", page).group(1)
    assert len(secret) >= 32
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post("/admin/2fa/setup/", {"code": "000000" if code_for(device) != "000000" else "111111"})
    assert "not valid" in response.content.decode()
    time.sleep(1.1)  # django-otp throttles the next try after a wrong code
    assert client.post("/admin/2fa/setup/", {"code": code_for(device)}).status_code == 302
    assert TOTPDevice.objects.get(user=user).confirmed

    client.logout()
    client.post("/admin/login/", {"username": "second-factor", "password": "a-long-password-123"})
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/2fa/verify/")
    assert client.get("/admin/orders/")["Location"].startswith("/admin/2fa/verify/")
    wrong = client.post("/admin/2fa/verify/?next=/admin/orders/", {"code": "12345x"})
    assert "Enter the 6-digit code." in wrong.content.decode()
    device.refresh_from_db()
    # A code is accepted once per time step (replay protection): use the next step's code.
    ok = client.post("/admin/2fa/verify/?next=/admin/orders/", {"code": code_for(device, offset=1)})
    assert ok.status_code == 302 and ok["Location"] == "/admin/orders/"
    assert client.get("/admin/").status_code == 200


def test_staff_without_a_second_factor_are_not_blocked(client, django_user_model, db):
    django_user_model.objects.create_superuser("plain-staff", "p@example.com", "a-long-password-123")
    client.post("/admin/login/", {"username": "plain-staff", "password": "a-long-password-123"})
    assert client.get("/admin/").status_code == 200
