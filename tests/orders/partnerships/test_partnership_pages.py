"""Partnership requests (B2B), the pages: the buyer's form and private page, the vendor's
requests in the dashboard, the staff pages in the Wagtail admin. Messages are checked on the
English paths (/en/…), so the assertions read the msgids."""

import datetime
import html
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from catalog.models import Product
from orders.partnerships import services as partnerships
from orders.partnerships.models import PartnershipRequest, Quote, RequestMessage
from tests.factories import (
    ProductFactory,
    StaffFactory,
    UserFactory,
    VendorFactory,
)
from tests.orders.partnerships.test_partnerships import (
    category_tree,
    form_data,
    quote_terms,
    request_data,
    seller,
)
from vendors.models import Vendor

pytestmark = pytest.mark.django_db

Status = PartnershipRequest.Status
FORM = "/en/kemitraan/"
XSS = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


def text(response) -> str:
    return html.unescape(response.content.decode())


def private_url(partnership) -> str:
    return f"/en/kemitraan/{partnership.token}/"


def vendor_url(partnership) -> str:
    return f"/en/dasbor/kemitraan/{partnership.number}/"


def admin_url(partnership) -> str:
    return reverse("partnerships_admin:request", args=[partnership.pk])


@pytest.fixture
def snacks():
    return category_tree()[1]


@pytest.fixture
def staff():
    user = StaffFactory(email="officer@example.com")
    # Admin pages in English, so the assertions read like what the officer sees in tests.
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def sari(snacks):
    return seller("Bu Sari", snacks)


@pytest.fixture
def budi(snacks):
    return seller("Pak Budi", snacks)


@pytest.fixture
def quoted(staff, snacks, sari, budi):
    """A platform request matched with Sari and Budi, both of whom quoted."""
    request = partnerships.submit_request(request_data(category=snacks))
    partnerships.match_vendors(request, [sari[0], budi[0]], staff)
    sari_quote = partnerships.submit_quote(request, sari[0], sari[1], **quote_terms())
    budi_quote = partnerships.submit_quote(
        request, budi[0], budi[1], **quote_terms(unit_price=2000, min_order=1000)
    )
    return request, sari_quote, budi_quote


# The request form -------------------------------------------------------------------------


def test_the_form_offers_two_level_categories_and_hides_the_honeypot(client, snacks):
    response = client.get(FORM)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-addressee="platform"' in page
    assert '<optgroup label="Food &amp; Drink">' in page
    assert "All of Food &amp; Drink" in page
    assert f'<option value="{snacks.pk}">Chips &amp; Snacks</option>' in page
    assert re.search(r'<div class="hp" aria-hidden="true">.*?tabindex="-1"', page, re.S)
    # Radio groups are fieldsets whose legend is the question.
    assert re.search(r"<fieldset[^>]*>\s*<legend>Type of business</legend>", page)
    assert re.search(r"<fieldset[^>]*>\s*<legend>How often</legend>", page)
    assert 'maxlength="150"' in page and 'max="1000000"' in page


def test_a_buyer_sends_a_request_and_lands_on_its_private_page(
    client, snacks, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(FORM, form_data(category=snacks.pk), REMOTE_ADDR="203.0.113.1")

    request = PartnershipRequest.objects.get()
    assert response.status_code == 302
    assert response.url == private_url(request)
    assert request.status == Status.NEW
    assert request.vendor is None and request.category == snacks
    assert request.whatsapp == "6281298765432"
    assert request.language == "en"
    buyer_mail = next(m for m in mail.outbox if "pengadaan@hotel.example" in m.to)
    assert f"http://testserver{private_url(request)}" in buyer_mail.body
    assert any("officer@example.com" in m.to for m in mail.outbox)

    page = text(client.get(response.url))
    assert f"Your request {request.number} is sent" in page
    assert "We e-mailed the link to this page to pengadaan@hotel.example" in page


def test_produk_in_the_link_fills_in_the_product_and_addresses_its_vendor(
    client, sari, budi, django_capture_on_commit_callbacks
):
    vendor, user, product = sari
    other = ProductFactory(vendor=vendor, name="Kerupuk Udang", slug="kerupuk-udang")
    url = f"{FORM}?produk={product.slug}"

    page = client.get(url).content.decode()

    assert f'data-addressee="{vendor.slug}"' in page
    assert re.search(
        rf'<input type="checkbox" name="products" value="{product.pk}"[^>]*checked', page
    )
    assert re.search(
        rf'<input type="checkbox" name="products" value="{other.pk}"(?![^>]*checked)', page
    )
    assert budi[2].name not in page  # another vendor's products are not offered
    assert 'name="category"' not in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, form_data(products=[product.pk]), REMOTE_ADDR="203.0.113.2")
    request = PartnershipRequest.objects.get()
    assert response.status_code == 302
    assert request.vendor == vendor
    assert list(request.products.all()) == [product]
    assert request in partnerships.requests_for_vendor(vendor)
    assert any(user.email in m.to for m in mail.outbox)


def test_umkm_in_the_link_offers_that_vendors_public_products(client, sari, budi):
    vendor, _user, product = sari
    draft = ProductFactory(vendor=vendor, name="Dodol Draf", status=Product.Status.DRAFT)

    page = client.get(f"{FORM}?umkm={vendor.slug}").content.decode()

    assert f'data-addressee="{vendor.slug}"' in page
    assert f'value="{product.pk}"' in page
    assert draft.name not in page and budi[2].name not in page

    response = client.post(
        f"{FORM}?umkm={vendor.slug}",
        form_data(products=[product.pk, budi[2].pk]),
        REMOTE_ADDR="203.0.113.3",
    )
    assert response.status_code == 200  # another vendor's product is not a valid choice
    assert not PartnershipRequest.objects.exists()
    response = client.post(
        f"{FORM}?umkm={vendor.slug}", form_data(products=[product.pk]), REMOTE_ADDR="203.0.113.3"
    )
    assert PartnershipRequest.objects.get().vendor == vendor


@pytest.mark.parametrize("kind", ["unknown product", "draft product", "suspended vendor", "junk"])
def test_unknown_or_hidden_links_are_ignored_with_a_note(client, snacks, kind):
    draft = ProductFactory(status=Product.Status.DRAFT)
    suspended = VendorFactory(status=Vendor.Status.SUSPENDED)
    query = {
        "unknown product": "produk=tidak-ada",
        "draft product": f"produk={draft.slug}",
        "suspended vendor": f"umkm={suspended.slug}",
        "junk": "produk=%00%27%22" + "x" * 5000,
    }[kind]

    response = client.get(f"{FORM}?{query}")

    assert response.status_code == 200
    page = text(response)
    assert 'data-addressee="platform"' in page
    assert "goes to the office, which finds suitable businesses" in page
    assert 'name="robots" content="noindex' in page


def test_a_filled_honeypot_is_refused_quietly(client, snacks, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(FORM, form_data(category=snacks.pk, website="http://spam.example"))
    assert response.status_code == 200
    page = text(response)
    assert "Your request could not be sent. Please check it and try again." in page
    assert "honeypot" not in page.lower() and "Leave this empty" in page  # only the hidden label
    assert not PartnershipRequest.objects.exists()
    assert mail.outbox == []


def test_the_sixth_request_from_one_address_is_refused_and_what_was_typed_is_kept(client, snacks):
    for n in range(5):
        response = client.post(
            FORM,
            form_data(category=snacks.pk, email=f"b{n}@hotel.example"),
            REMOTE_ADDR="198.51.100.7",
        )
        assert response.status_code == 302

    response = client.post(
        FORM,
        form_data(
            category=snacks.pk,
            email="b6@hotel.example",
            organisation="Hotel Keenam",
            message="Mohon penawaran.",
        ),
        REMOTE_ADDR="198.51.100.7",
    )

    assert response.status_code == 429
    page = text(response)
    assert "Too many requests from you in a short time. Please try again in ten minutes." in page
    assert 'role="alert"' in page
    assert 'value="Hotel Keenam"' in page and "Mohon penawaran." in page
    assert 'value="b6@hotel.example"' in page
    assert PartnershipRequest.objects.count() == 5
    # Another address still gets through.
    response = client.post(
        FORM, form_data(category=snacks.pk, email="b7@hotel.example"), REMOTE_ADDR="198.51.100.8"
    )
    assert response.status_code == 302


def test_a_fourth_request_from_one_email_is_refused(client, snacks):
    for n in range(3):
        client.post(FORM, form_data(category=snacks.pk), REMOTE_ADDR=f"198.51.100.{n + 1}")
    response = client.post(FORM, form_data(category=snacks.pk), REMOTE_ADDR="198.51.100.9")
    assert response.status_code == 429
    assert PartnershipRequest.objects.count() == 3


def test_a_ten_thousand_character_message_is_refused(client, snacks):
    response = client.post(FORM, form_data(category=snacks.pk, message="x" * 10_000))
    assert response.status_code == 200
    assert "Ensure this value has at most 3000 characters (it has 10000)." in text(response)
    assert not PartnershipRequest.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("quantity", "1000001", "less than or equal to 1000000"),
        ("wanted_by", "2020-01-01", "The date cannot be in the past."),
        ("npwp", "12345678901234", "An NPWP has 16 digits (or 15 in the old format)."),
        ("whatsapp", "12345", "Enter an Indonesian mobile number"),
    ],
)
def test_wrong_fields_are_marked_with_the_reason(client, snacks, field, value, error):
    response = client.post(FORM, form_data(category=snacks.pk, **{field: value}))
    page = text(response)
    assert response.status_code == 200
    assert error in page
    assert 'aria-invalid="true"' in page
    assert "Please fix 1 field marked below." in page
    assert not PartnershipRequest.objects.exists()


@pytest.mark.parametrize("npwp", ["1234567890123456", "123456789012345"])
def test_an_npwp_of_16_or_15_digits_is_stored(client, snacks, npwp):
    client.post(FORM, form_data(category=snacks.pk, npwp=npwp))
    assert PartnershipRequest.objects.get().npwp == npwp


# The buyer's private page -----------------------------------------------------------------


def test_the_private_page_is_not_indexed_nor_leaked_by_referrer(client, quoted):
    request, _s, _b = quoted
    response = client.get(private_url(request))
    page = response.content.decode()
    assert response.status_code == 200
    assert (
        response["Referrer-Policy"] == "same-origin"
    )  # the token never leaves our site; forms keep their Origin
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert "You have quotes. Compare them below" in page


def test_a_wrong_or_truncated_token_or_the_number_finds_nothing(client, quoted):
    request, _s, _b = quoted
    other = partnerships.submit_request(request_data(email="other@hotel.example"))
    assert other.token != request.token
    for token in (
        request.token[:-1],
        request.token[:20],
        request.token[::-1],
        request.token + "x",
        request.number,
        str(request.pk),
        "A" * 43,
        request.token[:-1] + "%00",
        request.token[:-1] + "%C3%A9",
    ):
        assert client.get(f"/en/kemitraan/{token}/").status_code == 404, token
    assert client.get(private_url(other)).status_code == 200


def test_quotes_are_compared_side_by_side_with_totals(client, quoted):
    request, sari_quote, budi_quote = quoted
    Quote.objects.filter(pk=sari_quote.pk).update(note="Termasuk label halal.")
    page = text(client.get(private_url(request)))
    cards = re.findall(r'<li class="panel quote-card[^"]*" data-quote="(\d+)">', page)
    assert cards == [str(budi_quote.pk), str(sari_quote.pk)]  # cheapest unit price first
    assert "Rp\u00a02.500" in page and "Rp\u00a02.000" in page
    assert "Rp\u00a01.500.000" in page  # 600 × 2,500
    assert "Rp\u00a02.000.000" in page  # minimum order 1,000 × 2,000
    assert "Termasuk label halal." in page
    assert f'href="{sari_quote.vendor.get_absolute_url()}"' in page
    assert page.count('name="action" value="accept"') == 2
    assert "Decline all quotes" in page


def test_an_expired_quote_is_marked_and_cannot_be_accepted(client, quoted):
    request, sari_quote, _b = quoted
    Quote.objects.filter(pk=sari_quote.pk).update(
        valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    page = client.get(private_url(request)).content.decode()
    card = re.search(
        rf'data-quote="{sari_quote.pk}">.*?</li>\s*(?=<li class="panel|</ul>)', page, re.S
    )
    assert "data-expired" in card.group(0)
    assert 'value="accept"' not in card.group(0)

    response = client.post(private_url(request), {"action": "accept", "quote": sari_quote.pk})
    assert response.status_code == 302
    assert "expired" in text(client.get(response.url))
    assert PartnershipRequest.objects.get(pk=request.pk).status == Status.QUOTED


def test_the_buyer_accepts_a_quote_and_the_other_vendor_is_told(
    client, quoted, sari, budi, django_capture_on_commit_callbacks
):
    request, sari_quote, budi_quote = quoted
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(private_url(request), {"action": "accept", "quote": sari_quote.pk})
    assert response.status_code == 302
    request.refresh_from_db()
    budi_quote.refresh_from_db()
    assert request.status == Status.ACCEPTED
    assert budi_quote.status == Quote.Status.NOT_CHOSEN
    assert any(budi[1].email in m.to for m in mail.outbox)
    assert any(sari[1].email in m.to for m in mail.outbox)

    page = text(client.get(response.url))
    assert "You accepted the quote from Bu Sari" in page
    assert 'value="accept"' not in page and "Decline all quotes" not in page


def test_the_buyer_declines_all_quotes(client, quoted):
    request, sari_quote, budi_quote = quoted
    response = client.post(private_url(request), {"action": "decline"})
    assert response.status_code == 302
    assert PartnershipRequest.objects.get(pk=request.pk).status == Status.DECLINED
    assert set(Quote.objects.values_list("status", flat=True)) == {Quote.Status.NOT_CHOSEN}
    assert "You declined all quotes" in text(client.get(response.url))


def test_the_buyer_writes_to_a_matched_vendor_only(
    client, quoted, sari, django_capture_on_commit_callbacks
):
    request, _s, _b = quoted
    stranger = VendorFactory()
    vendor = sari[0]
    field = f"v{vendor.pk}-body"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            private_url(request), {"action": "message", "vendor": vendor.pk, field: "Halo Bu"}
        )
    assert response.status_code == 302
    assert response.url.endswith(f"#thread-{vendor.pk}")
    message = RequestMessage.objects.get()
    assert (message.vendor, message.from_buyer, message.body) == (vendor, True, "Halo Bu")
    assert any(sari[1].email in m.to for m in mail.outbox)

    response = client.post(
        private_url(request),
        {"action": "message", "vendor": stranger.pk, f"v{stranger.pk}-body": "Halo"},
    )
    assert response.status_code == 404
    for junk in ("x", "9" * 40, "-1"):
        response = client.post(private_url(request), {"action": "message", "vendor": junk})
        assert response.status_code == 404
    response = client.post(private_url(request), {"action": "accept", "quote": "9" * 40})
    assert response.status_code == 302

    response = client.post(
        private_url(request), {"action": "message", "vendor": vendor.pk, field: "y" * 2001}
    )
    assert response.status_code == 200
    assert "Ensure this value has at most 2000 characters" in text(response)
    assert RequestMessage.objects.count() == 1


# The vendor's pages -----------------------------------------------------------------------


def test_the_dashboard_lists_only_the_vendors_own_requests(client, snacks, sari, budi, staff):
    mine = partnerships.submit_request(request_data(vendor=sari[0], organisation="Hotel Satu"))
    matched = partnerships.submit_request(
        request_data(category=snacks, organisation="Resto Dua", email="dua@resto.example")
    )
    partnerships.match_vendors(matched, [sari[0]], staff)
    partnerships.submit_request(
        request_data(vendor=budi[0], organisation="Toko Tiga", email="tiga@toko.example")
    )
    partnerships.submit_request(
        request_data(category=snacks, organisation="Kantin Empat", email="empat@k.example")
    )
    client.force_login(sari[1])

    page = text(client.get("/en/dasbor/"))
    section = re.search(r'data-section="partnerships".*?</section>', page, re.S).group(0)
    assert "Partnership requests" in section
    assert section.index("Resto Dua") < section.index("Hotel Satu")  # newest first
    assert "Toko Tiga" not in section and "Kantin Empat" not in section
    assert f'href="{vendor_url(mine)}"' in section
    assert "600 pcs, Monthly" in section

    page = text(client.get("/en/dasbor/kemitraan/"))
    assert "Hotel Satu" in page and "Resto Dua" in page
    assert "Toko Tiga" not in page and "Kantin Empat" not in page


def test_a_vendor_cannot_open_a_request_not_shown_to_it(client, sari, budi):
    theirs = partnerships.submit_request(request_data(vendor=budi[0]))
    client.force_login(sari[1])
    assert client.get(vendor_url(theirs)).status_code == 404
    assert client.get("/en/dasbor/kemitraan/KM%00/").status_code == 404
    response = client.post(vendor_url(theirs), {"action": "quote", **quote_form()})
    assert response.status_code == 404
    response = client.post(vendor_url(theirs), {"action": "message", "body": "Halo"})
    assert response.status_code == 404
    assert not Quote.objects.exists() and not RequestMessage.objects.exists()
    # Nor by pointing the session at a vendor the user does not belong to.
    session = client.session
    session["vendor_id"] = budi[0].pk
    session.save()
    assert client.get(vendor_url(theirs)).status_code == 404


def test_someone_without_a_business_or_signed_out_gets_no_vendor_page(client, sari):
    request = partnerships.submit_request(request_data(vendor=sari[0]))
    response = client.get(vendor_url(request))
    assert response.status_code == 302 and "/masuk/" in response.url
    client.force_login(UserFactory())
    assert client.get(vendor_url(request)).status_code == 404
    assert client.get("/en/dasbor/kemitraan/").status_code == 404


def quote_form(**overrides) -> dict:
    data = {
        "unit_price": "2500",
        "min_order": "100",
        "lead_time_days": "5",
        "delivery_terms": "Dikirim setiap Senin",
        "valid_until": (timezone.localdate() + datetime.timedelta(days=14)).isoformat(),
        "note": "",
    }
    data.update(overrides)
    return data


def test_a_vendor_sees_the_buyer_and_sends_a_quote(
    client, sari, budi, django_capture_on_commit_callbacks
):
    request = partnerships.submit_request(request_data(vendor=sari[0], npwp="1234567890123456"))
    client.force_login(sari[1])
    page = text(client.get(vendor_url(request)))
    assert "Rudi Hartono" in page and "pengadaan@hotel.example" in page
    assert 'href="https://wa.me/6281298765432"' in page
    assert "1234567890123456" in page
    assert request.token not in page  # the buyer's private link stays the buyer's

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            vendor_url(request),
            # A tampered form: fields naming another vendor or request are ignored.
            {"action": "quote", "vendor": budi[0].pk, "request": 999, **quote_form()},
        )
    assert response.status_code == 302
    quote = Quote.objects.get()
    assert (quote.vendor, quote.request, quote.unit_price) == (sari[0], request, 2500)
    assert PartnershipRequest.objects.get(pk=request.pk).status == Status.QUOTED
    assert any("pengadaan@hotel.example" in m.to for m in mail.outbox)
    page = text(client.get(response.url))
    assert "Your quote is sent." in page
    assert "Rp\u00a02.500" in page


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("unit_price", "0"),
        ("unit_price", "25.000,50"),
        ("min_order", "0"),
        ("valid_until", "2020-01-01"),
        ("delivery_terms", "x" * 301),
        ("note", "x" * 2001),
    ],
)
def test_a_wrong_quote_is_refused_with_the_reason(client, sari, field, value):
    request = partnerships.submit_request(request_data(vendor=sari[0]))
    client.force_login(sari[1])
    response = client.post(vendor_url(request), {"action": "quote", **quote_form(**{field: value})})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert not Quote.objects.exists()


def test_no_quote_on_a_closed_request(client, staff, sari):
    request = partnerships.submit_request(request_data(vendor=sari[0]))
    partnerships.close_request(request, staff)
    client.force_login(sari[1])
    assert "This request is closed; no more quotes are taken." in text(
        client.get(vendor_url(request))
    )
    response = client.post(vendor_url(request), {"action": "quote", **quote_form()})
    assert response.status_code == 200
    assert not Quote.objects.exists()


def test_the_vendor_answers_the_buyer_in_the_thread(
    client, sari, django_capture_on_commit_callbacks
):
    request = partnerships.submit_request(request_data(vendor=sari[0]))
    partnerships.post_message(request, sari[0], "Ada sampel?", from_buyer=True)
    client.force_login(sari[1])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(vendor_url(request), {"action": "message", "body": "Ada, Pak."})
    assert response.status_code == 302
    assert list(request.messages.values_list("from_buyer", "body")) == [
        (True, "Ada sampel?"),
        (False, "Ada, Pak."),
    ]
    assert any("pengadaan@hotel.example" in m.to for m in mail.outbox)
    page = text(client.get(private_url(request)))
    assert "Ada sampel?" in page and "Ada, Pak." in page


# Escaping of what buyers and vendors type ---------------------------------------------------


def test_typed_html_is_shown_as_text_to_the_buyer_the_vendor_and_staff(client, staff, snacks, sari):
    request = partnerships.submit_request(
        request_data(
            vendor=sari[0],
            organisation=XSS,
            contact_name=XSS,
            message=XSS,
            needs=XSS,
            unit="<b>kg",
            delivery_place=XSS,
        )
    )
    partnerships.post_message(request, sari[0], XSS, from_buyer=True)
    partnerships.submit_quote(
        request, sari[0], sari[1], **quote_terms(delivery_terms=XSS, note=XSS)
    )
    pages = {"buyer": client.get(private_url(request)).content.decode()}
    client.force_login(sari[1])
    pages["vendor"] = client.get(vendor_url(request)).content.decode()
    pages["vendor dashboard"] = client.get("/en/dasbor/").content.decode()
    pages["vendor list"] = client.get("/en/dasbor/kemitraan/").content.decode()
    client.force_login(staff)
    pages["admin"] = client.get(admin_url(request)).content.decode()
    pages["admin list"] = client.get(reverse("partnerships_admin:list")).content.decode()

    for name, page in pages.items():
        assert XSS not in page, name
        assert ESCAPED in page, name
        assert "<b>kg" not in page, name


# The staff pages --------------------------------------------------------------------------


def test_staff_list_requests_filtered_by_status_and_type(client, staff, snacks, sari):
    partnerships.submit_request(request_data(organisation="Hotel Satu"))
    resto = partnerships.submit_request(
        request_data(organisation="Resto Dua", buyer_type="restaurant", email="r@r.example")
    )
    partnerships.start_review(resto, staff)
    client.force_login(staff)
    url = reverse("partnerships_admin:list")

    page = client.get(url).content.decode()
    assert "Hotel Satu" in page and "Resto Dua" in page
    page = client.get(url, {"status": "in_review"}).content.decode()
    assert "Resto Dua" in page and "Hotel Satu" not in page
    page = client.get(url, {"buyer_type": "hotel"}).content.decode()
    assert "Hotel Satu" in page and "Resto Dua" not in page
    page = client.get(url, {"status": "nonsense"}).content.decode()
    assert "Hotel Satu" in page  # an unknown filter value filters nothing


def test_staff_review_match_with_suggestions_and_close(
    client, staff, snacks, sari, budi, django_capture_on_commit_callbacks
):
    request = partnerships.submit_request(request_data(category=snacks))
    client.force_login(staff)

    response = client.post(admin_url(request), {"action": "review"})
    assert response.status_code == 302
    assert PartnershipRequest.objects.get(pk=request.pk).status == Status.IN_REVIEW

    page = client.get(admin_url(request)).content.decode()
    table = re.search(r'<table class="listing" id="vendor-suggestions">.*?</table>', page, re.S)
    assert "Bu Sari" in table.group(0) and "Pak Budi" in table.group(0)
    assert "category fits" in table.group(0)
    assert "minimum order fits the quantity" in table.group(0)

    response = client.post(admin_url(request), {"action": "match"})
    assert response.status_code == 200
    assert "Tick at least one vendor." in text(response)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            admin_url(request), {"action": "match", "vendors": [sari[0].pk, budi[0].pk]}
        )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == Status.MATCHED
    assert set(request.matches.values_list("vendor_id", flat=True)) == {sari[0].pk, budi[0].pk}
    assert any(sari[1].email in m.to for m in mail.outbox)

    # Another vendor, named by its slug.
    third = seller("Ibu Rina", snacks)[0]
    response = client.post(admin_url(request), {"action": "match", "other": third.slug})
    assert response.status_code == 302
    assert request.matches.count() == 3
    response = client.post(admin_url(request), {"action": "match", "other": "tidak-ada"})
    assert "No active, verified vendor has this slug or NIB." in text(response)

    response = client.post(admin_url(request), {"action": "close", "note": "Sudah dapat pemasok"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == Status.CLOSED
    page = text(client.get(admin_url(request)))
    assert "Sudah dapat pemasok" in page
    assert "Match with vendors" not in page


def test_the_staff_pages_are_for_staff_only(client, sari):
    from django.contrib.auth.models import Permission

    request = partnerships.submit_request(request_data(vendor=sari[0]))
    editor = UserFactory()
    editor.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    client.force_login(editor)
    assert client.get(reverse("partnerships_admin:list")).status_code == 403
    assert client.get(admin_url(request)).status_code == 403
    assert client.post(admin_url(request), {"action": "close"}).status_code == 403
    assert PartnershipRequest.objects.get(pk=request.pk).status == Status.NEW
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "partnership-figures" not in home


def test_the_admin_dashboard_shows_the_figures_as_charts_and_text(client, staff, quoted):
    request, sari_quote, _b = quoted
    partnerships.accept_quote(request, sari_quote.pk)
    client.force_login(staff)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="partnership-figures-section"' in page
    assert '<dd class="w-h2 w-m-0" data-figure="total">1</dd>' in page
    assert "Rp\u00a01.500.000" in page  # the accepted quote's value
    for chart in ("partnership-figures-type", "partnership-figures-status"):
        assert f'data-chart-table="{chart}"' in page
        assert re.search(rf'<figure[^>]*id="{chart}">\s*<figcaption[^>]*>.*?<svg', page, re.S)
    assert "<script" not in re.search(
        r'id="partnership-figures-section".*?</section>', page, re.S
    ).group(0)


def test_the_blank_request_form_is_rendered_once_yet_shows_a_change_at_once(client):
    """The blank form's fields are cached as HTML per content generation: a renamed
    category shows on the next visit, and a form sent back with errors keeps what was typed."""
    from tests.factories import CategoryFactory

    category = CategoryFactory(name="Kerajinan Bambu")
    assert "Kerajinan Bambu" in client.get("/kemitraan/").content.decode()
    category.name = "Anyaman Bambu"
    category.save()  # a public change, as the admin makes it
    page = client.get("/kemitraan/").content.decode()
    assert "Anyaman Bambu" in page and "Kerajinan Bambu" not in page
    sent = client.post("/kemitraan/", {"organisation": "Hotel Tigaraksa Indah", "email": "x"})
    assert 'value="Hotel Tigaraksa Indah"' in sent.content.decode()
    assert 'value="Hotel Tigaraksa Indah"' not in client.get("/kemitraan/").content.decode()


def test_the_request_form_comes_from_the_page_cache_with_a_working_token():
    from django.test import Client

    assert Client().get("/kemitraan/")["X-Page-Cache"] == "miss"
    buyer = Client(enforce_csrf_checks=True)
    page = buyer.get("/kemitraan/")
    assert page["X-Page-Cache"] == "hit"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
    sent = buyer.post("/kemitraan/", {"csrfmiddlewaretoken": token.group(1), "organisation": "X"})
    assert sent.status_code == 200  # the form, with its errors: the token was accepted
    assert 'value="X"' in sent.content.decode()
