"""A vendor who forgot the password asks for a link on /masuk/, opens it from the e-mail the
task queue sent, chooses a new password and logs in with it."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(
    ("prefix", "texts"),
    [
        (
            "",
            (
                "Lupa kata sandi?",
                "Kirim tautan",
                "Kata sandi baru",
                "Ulangi kata sandi baru",
                "Simpan kata sandi baru",
                "Kata sandi",
                "Masuk",
            ),
        ),
        (
            "/en",
            (
                "Forgot your password?",
                "Send the link",
                "New password",
                "New password again",
                "Save the new password",
                "Password",
                "Log in",
            ),
        ),
    ],
)
def test_request_mail_new_password_log_in(live_server, phone, prefix, texts):
    forgot, send, new1, new2, save, password, log_in = texts
    membership = MembershipFactory(
        user__username="sari@example.com", user__email="sari@example.com"
    )
    phone.goto(f"{live_server.url}{prefix}/masuk/")
    phone.get_by_role("link", name=forgot).click()
    phone.get_by_label("E-mail").fill("sari@example.com")
    phone.get_by_role("button", name=send).click()
    expect(phone).to_have_url(f"{live_server.url}{prefix}/masuk/lupa-sandi/terkirim/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360

    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+?(/\S*masuk/sandi-baru/\S+)", mail.outbox[0].body).group(1)
    phone.goto(live_server.url + link)
    phone.get_by_label(new1, exact=True).fill("Kopi-Luwak-Legok-7")
    phone.get_by_label(new2, exact=True).fill("Kopi-Luwak-Legok-7")
    phone.get_by_role("button", name=save).click()
    phone.locator("main").get_by_role("link", name=log_in).click()

    phone.get_by_label(password, exact=True).fill("Kopi-Luwak-Legok-7")
    phone.locator("#id_username").fill("sari@example.com")
    phone.locator("main button[type=submit]").click()
    expect(phone).to_have_url(f"{live_server.url}/dasbor/")  # LOGIN_REDIRECT_URL, as before
    expect(phone.locator("main")).to_contain_text(membership.vendor.name)
