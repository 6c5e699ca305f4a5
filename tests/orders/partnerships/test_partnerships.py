"""Partnership requests (B2B), the services: the lifecycle from a buyer's request to an accepted
quote, who may see and quote what, the private link, the spam limits, the staff figures and
the demo data."""

import datetime
import itertools

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.core.cache.backends import locmem
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext

from orders.partnerships import services as partnerships
from orders.partnerships.demo import create_demo_requests
from orders.partnerships.forms import PartnershipRequestForm
from orders.partnerships.models import PartnershipRequest, Quote, RequestEvent, RequestMatch
from orders.partnerships.selectors import partnership_figures
from tests.factories import (
    CategoryFactory,
    HalalCertificateFactory,
    MembershipFactory,
    ProductFactory,
    StaffFactory,
    VendorFactory,
)
from vendors.models import Vendor

pytestmark = pytest.mark.django_db

Status = PartnershipRequest.Status
_numbers = itertools.count(1)


# Helpers (also used by the page tests) ------------------------------------------------------


def category_tree():
    """The demo's two levels: Makanan & Minuman › Keripik & Camilan."""
    parent = CategoryFactory(
        name="Makanan & Minuman", name_en="Food & Drink", slug="makanan-minuman"
    )
    child = CategoryFactory(
        name="Keripik & Camilan", name_en="Chips & Snacks", slug="keripik-camilan", parent=parent
    )
    return parent, child


def seller(name, category, **product_fields):
    """A public vendor with one member (who gets its mail) and one published product."""
    n = next(_numbers)
    vendor = VendorFactory(name=name, slug=f"seller-{n}")
    user = MembershipFactory(vendor=vendor, user__username=f"seller{n}").user
    product = ProductFactory(
        vendor=vendor,
        category=category,
        name=f"Keripik {name}",
        slug=f"keripik-seller-{n}",
        **product_fields,
    )
    return vendor, user, product


def request_data(**overrides) -> dict:
    data = {
        "organisation": "Hotel Cisadane Asri",
        "buyer_type": PartnershipRequest.BuyerType.HOTEL,
        "contact_name": "Rudi Hartono",
        "email": "pengadaan@hotel.example",
        "whatsapp": "6281298765432",
        "npwp": "",
        "vendor": None,
        "category": None,
        "needs": "Keripik kemasan kecil untuk minibar.",
        "quantity": 600,
        "unit": "pcs",
        "frequency": PartnershipRequest.Frequency.MONTHLY,
        "delivery_place": "Jl. Raya Serpong, Kelapa Dua",
        "wanted_by": timezone.localdate() + datetime.timedelta(days=30),
        "samples": False,
        "message": "",
        "language": "en",
    }
    data.update(overrides)
    return data


def quote_terms(**overrides) -> dict:
    terms = {
        "unit_price": 2500,
        "min_order": 100,
        "lead_time_days": 5,
        "delivery_terms": "Delivered every Monday",
        "valid_until": timezone.localdate() + datetime.timedelta(days=14),
        "note": "",
    }
    terms.update(overrides)
    return terms


def subjects_to(address) -> list[str]:
    return [message.subject for message in mail.outbox if address in message.to]


def office_subject(msgid, **values) -> str:
    """A subject of the mail to vendors and staff, which goes out in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return gettext(msgid) % values


@pytest.fixture
def snacks():
    return category_tree()[1]


@pytest.fixture
def staff():
    return StaffFactory(email="officer@example.com")


@pytest.fixture
def two_sellers(snacks):
    # Sari's shop has a halal certificate and a small minimum order: the better suggestion.
    sari = seller("Bu Sari", snacks, min_order=10)
    HalalCertificateFactory(vendor=sari[0])
    budi = seller("Pak Budi", snacks, min_order=5000)
    return sari, budi


# The lifecycle ----------------------------------------------------------------------------


def test_a_request_goes_from_new_to_accepted_and_every_side_is_told(
    staff, snacks, two_sellers, django_capture_on_commit_callbacks
):
    (sari, sari_user, _p), (budi, budi_user, _q) = two_sellers
    with django_capture_on_commit_callbacks(execute=True):
        request = partnerships.submit_request(request_data(category=snacks), ip="203.0.113.9")
    assert request.status == Status.NEW
    assert subjects_to("pengadaan@hotel.example") == [f"We received your request {request.number}"]
    assert subjects_to("officer@example.com") == [
        office_subject("Partnership request %(number)s to match", number=request.number)
    ]
    assert not RequestMatch.objects.filter(request=request).exists()

    partnerships.start_review(request, staff)
    request.refresh_from_db()
    assert request.status == Status.IN_REVIEW

    suggestions = partnerships.suggest_vendors(request)
    assert [vendor.name for vendor in suggestions] == ["Bu Sari", "Pak Budi"]
    assert suggestions[0].has_halal and suggestions[0].fits_quantity
    assert suggestions[1].fits_category and not suggestions[1].fits_quantity

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        partnerships.match_vendors(request, [sari, budi], staff)
    request.refresh_from_db()
    assert request.status == Status.MATCHED
    assert set(partnerships.requests_for_vendor(sari)) == {request}
    assert subjects_to(sari_user.email) and subjects_to(budi_user.email)

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sari_quote = partnerships.submit_quote(request, sari, sari_user, **quote_terms())
        budi_quote = partnerships.submit_quote(
            request, budi, budi_user, **quote_terms(unit_price=2000, min_order=5000)
        )
    request.refresh_from_db()
    assert request.status == Status.QUOTED
    assert request.first_quote_at is not None
    assert len(subjects_to("pengadaan@hotel.example")) == 2
    # The value is for the quantity asked, or the minimum order when that is larger.
    assert sari_quote.value == 2500 * 600
    assert budi_quote.value == 2000 * 5000

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        partnerships.accept_quote(request, sari_quote.pk)
    request.refresh_from_db()
    sari_quote.refresh_from_db()
    budi_quote.refresh_from_db()
    assert request.status == Status.ACCEPTED
    assert sari_quote.status == Quote.Status.ACCEPTED
    assert budi_quote.status == Quote.Status.NOT_CHOSEN
    assert subjects_to(sari_user.email) == [
        office_subject("Your quote for %(number)s was accepted", number=request.number)
    ]
    assert subjects_to(budi_user.email) == [
        office_subject("Request %(number)s: another offer was chosen", number=request.number)
    ]
    assert [e.new_status for e in request.events.exclude(new_status="")] == [
        Status.NEW,
        Status.IN_REVIEW,
        Status.MATCHED,
        Status.QUOTED,
        Status.ACCEPTED,
    ]
    with pytest.raises(ValidationError):
        partnerships.accept_quote(request, budi_quote.pk)


def test_a_request_to_one_vendor_is_shown_to_it_at_once(
    two_sellers, django_capture_on_commit_callbacks
):
    (sari, sari_user, product), (budi, _u, other_product) = two_sellers
    with django_capture_on_commit_callbacks(execute=True):
        request = partnerships.submit_request(
            request_data(vendor=sari), products=[product, other_product]
        )
    assert list(request.products.all()) == [product]  # another vendor's product is dropped
    assert list(partnerships.requests_for_vendor(sari)) == [request]
    assert not partnerships.requests_for_vendor(budi).exists()
    assert subjects_to(sari_user.email) == [
        office_subject(
            "A business buyer asks for your products: %(organisation)s",
            organisation="Hotel Cisadane Asri",
        )
    ]


def test_a_vendor_that_is_not_public_cannot_be_addressed(snacks):
    vendor = VendorFactory(status=Vendor.Status.SUSPENDED)
    with pytest.raises(ValidationError):
        partnerships.submit_request(request_data(vendor=vendor))
    assert not PartnershipRequest.objects.exists()


def test_a_later_quote_replaces_the_vendors_open_one(two_sellers):
    (sari, sari_user, _p), _budi = two_sellers
    request = partnerships.submit_request(request_data(vendor=sari))
    first = partnerships.submit_quote(request, sari, sari_user, **quote_terms())
    second = partnerships.submit_quote(request, sari, sari_user, **quote_terms(unit_price=2300))
    first.refresh_from_db()
    assert first.status == Quote.Status.DECLINED
    assert second.status == Quote.Status.OPEN


def test_an_expired_quote_cannot_be_accepted(two_sellers):
    (sari, sari_user, _p), _budi = two_sellers
    request = partnerships.submit_request(request_data(vendor=sari))
    quote = partnerships.submit_quote(request, sari, sari_user, **quote_terms())
    Quote.objects.filter(pk=quote.pk).update(
        valid_until=timezone.localdate() - datetime.timedelta(1)
    )
    with pytest.raises(ValidationError, match="kedaluwarsa"):
        partnerships.accept_quote(request, quote.pk)


def test_the_buyer_declines_all_quotes_and_every_vendor_is_told(
    staff, snacks, two_sellers, django_capture_on_commit_callbacks
):
    (sari, sari_user, _p), (budi, budi_user, _q) = two_sellers
    request = partnerships.submit_request(request_data(category=snacks))
    partnerships.match_vendors(request, [sari, budi], staff)
    quotes = [
        partnerships.submit_quote(request, sari, sari_user, **quote_terms()),
        partnerships.submit_quote(request, budi, budi_user, **quote_terms()),
    ]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        partnerships.decline_all(request)
    request.refresh_from_db()
    assert request.status == Status.DECLINED
    assert {Quote.objects.get(pk=q.pk).status for q in quotes} == {Quote.Status.NOT_CHOSEN}
    assert subjects_to(sari_user.email) and subjects_to(budi_user.email)
    with pytest.raises(ValidationError):
        partnerships.decline_all(request)
    with pytest.raises(ValidationError):
        partnerships.submit_quote(request, sari, sari_user, **quote_terms())


def test_staff_close_a_request_with_a_note_and_only_once(staff, snacks):
    request = partnerships.submit_request(request_data(category=snacks))
    partnerships.close_request(request, staff, "The buyer found a supplier")
    request.refresh_from_db()
    assert request.status == Status.CLOSED
    assert request.events.last().params == {"note": "The buyer found a supplier"}
    assert request.events.last().actor == staff
    with pytest.raises(ValidationError):
        partnerships.close_request(request, staff)


def test_only_staff_review_match_and_close(snacks, two_sellers):
    (sari, sari_user, _p), _budi = two_sellers
    request = partnerships.submit_request(request_data(category=snacks))
    for action in (
        lambda: partnerships.start_review(request, sari_user),
        lambda: partnerships.match_vendors(request, [sari], sari_user),
        lambda: partnerships.close_request(request, sari_user),
    ):
        with pytest.raises(PermissionDenied):
            action()
    assert PartnershipRequest.objects.get(pk=request.pk).status == Status.NEW


def test_a_vendor_cannot_quote_on_a_request_not_shown_to_it(snacks, two_sellers):
    (sari, sari_user, _p), (budi, budi_user, _q) = two_sellers
    request = partnerships.submit_request(request_data(vendor=sari))
    with pytest.raises(PermissionDenied):
        partnerships.submit_quote(request, budi, budi_user, **quote_terms())
    # Nor can someone quote for a vendor they are not a member of.
    with pytest.raises(PermissionDenied):
        partnerships.submit_quote(request, sari, budi_user, **quote_terms())
    assert not Quote.objects.exists()
    assert request not in partnerships.requests_for_vendor(budi)


def test_messages_stay_between_the_buyer_and_a_matched_vendor(two_sellers):
    (sari, sari_user, _p), (budi, budi_user, _q) = two_sellers
    request = partnerships.submit_request(request_data(vendor=sari))
    partnerships.post_message(request, sari, "Bisa kirim sampel?", from_buyer=True)
    partnerships.post_message(request, sari, "Bisa.", from_buyer=False, user=sari_user)
    with pytest.raises(PermissionDenied):
        partnerships.post_message(request, budi, "Halo", from_buyer=True)
    with pytest.raises(PermissionDenied):
        partnerships.post_message(request, sari, "Halo", from_buyer=False, user=budi_user)
    with pytest.raises(ValidationError):
        partnerships.post_message(request, sari, "x" * 2001, from_buyer=True)
    assert request.messages.count() == 2


# The private link -------------------------------------------------------------------------


def test_each_request_has_its_own_long_unguessable_token(snacks):
    first = partnerships.submit_request(request_data(category=snacks))
    second = partnerships.submit_request(request_data(category=snacks, email="b@hotel.example"))
    assert len(first.token) >= 40 and len(second.token) >= 40
    assert first.token != second.token
    assert first.number != second.number
    assert first.get_absolute_url().endswith(f"/kemitraan/{first.token}/")


# Spam limits ------------------------------------------------------------------------------


def test_one_address_may_send_five_requests_in_ten_minutes(snacks, monkeypatch):
    for n in range(5):
        partnerships.submit_request(request_data(email=f"b{n}@hotel.example"), ip="198.51.100.7")
    with pytest.raises(partnerships.RateLimited, match="Terlalu banyak permintaan"):
        partnerships.submit_request(request_data(email="b9@hotel.example"), ip="198.51.100.7")
    # Another address is not held back by this one.
    partnerships.submit_request(request_data(email="c@hotel.example"), ip="198.51.100.8")

    # The window passing: the counters live in the cache with a ten-minute timeout, so move
    # the local-memory cache's clock on rather than wait. Nine minutes later: still limited.
    real_time = locmem.time.time
    monkeypatch.setattr(locmem.time, "time", lambda: real_time() + 9 * 60)
    with pytest.raises(partnerships.RateLimited):
        partnerships.check_rate_limit("198.51.100.7", "")
    monkeypatch.setattr(locmem.time, "time", lambda: real_time() + 10 * 60 + 1)
    partnerships.submit_request(request_data(email="b9@hotel.example"), ip="198.51.100.7")
    assert PartnershipRequest.objects.count() == 7


def test_one_email_may_send_three_requests_in_ten_minutes(snacks):
    for n in range(3):
        partnerships.submit_request(request_data(), ip=f"198.51.100.{n + 1}")
    with pytest.raises(partnerships.RateLimited):
        partnerships.submit_request(request_data(email="PENGADAAN@hotel.example "), ip="10.0.0.1")
    # Clearing the cache is what the window's end does to the counters.
    cache.clear()
    partnerships.submit_request(request_data(), ip="10.0.0.1")


def test_a_refused_request_is_not_counted(snacks):
    suspended = VendorFactory(status=Vendor.Status.SUSPENDED)
    for _ in range(6):
        with pytest.raises(ValidationError):
            partnerships.submit_request(request_data(vendor=suspended), ip="198.51.100.7")
    partnerships.check_rate_limit("198.51.100.7", "pengadaan@hotel.example")


# Validation of the buyer's input ----------------------------------------------------------


def form_data(**overrides) -> dict:
    data = {
        "organisation": "Hotel Cisadane Asri",
        "buyer_type": "hotel",
        "contact_name": "Rudi Hartono",
        "email": "pengadaan@hotel.example",
        "whatsapp": "0812 9876 5432",
        "npwp": "",
        "needs": "Keripik kemasan kecil.",
        "quantity": "600",
        "unit": "pcs",
        "frequency": "monthly",
        "delivery_place": "Jl. Raya Serpong",
        "wanted_by": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
        "message": "",
        "website": "",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("npwp", "stored"),
    [
        ("1234567890123456", "1234567890123456"),
        ("12.345.678.9-012.345", "123456789012345"),
        ("123456789012345", "123456789012345"),
        ("", ""),
    ],
)
def test_an_npwp_of_16_or_15_digits_is_accepted(npwp, stored):
    form = PartnershipRequestForm(form_data(npwp=npwp))
    assert form.is_valid(), form.errors
    assert form.request_data()["npwp"] == stored


@pytest.mark.parametrize("npwp", ["12345678901234", "12345678901234567", "1234567890123x5"])
def test_an_npwp_of_another_length_is_refused(npwp):
    form = PartnershipRequestForm(form_data(npwp=npwp))
    assert not form.is_valid()
    assert form.has_error("npwp", code="npwp_shape")


def test_whatsapp_is_stored_as_62():
    form = PartnershipRequestForm(form_data())
    assert form.is_valid(), form.errors
    assert form.request_data()["whatsapp"] == "6281298765432"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("message", "x" * 10_000),
        ("needs", "x" * 2001),
        ("organisation", "x" * 151),
        ("contact_name", "x" * 121),
        ("unit", "x" * 31),
        ("delivery_place", "x" * 201),
        ("quantity", "1000001"),
        ("quantity", "0"),
        ("wanted_by", "2000-01-01"),
        ("email", "not-an-address"),
        ("buyer_type", "spaceship"),
    ],
)
def test_oversized_or_wrong_input_is_refused(field, value):
    form = PartnershipRequestForm(form_data(**{field: value}))
    assert not form.is_valid()
    assert field in form.errors


def test_a_million_is_the_largest_quantity():
    assert PartnershipRequestForm(form_data(quantity="1000000")).is_valid()


def test_a_platform_request_needs_a_category_or_a_description():
    form = PartnershipRequestForm(form_data(needs=""))
    assert not form.is_valid()
    assert "category" in form.errors


# Figures --------------------------------------------------------------------------------


def make_request(hours_to_quote=None, **fields) -> PartnershipRequest:
    n = next(_numbers)
    created = timezone.now() - datetime.timedelta(days=3)
    defaults = {
        "number": f"KM-TEST-{n}",
        "organisation": f"Buyer {n}",
        "buyer_type": PartnershipRequest.BuyerType.HOTEL,
        "contact_name": "Rina",
        "email": f"buyer{n}@example.com",
        "whatsapp": "6281234567890",
        "quantity": 100,
        "unit": "pcs",
        "frequency": "weekly",
        "delivery_place": "Legok",
        "wanted_by": timezone.localdate(),
        "created_at": created,
        "first_quote_at": (
            created + datetime.timedelta(hours=hours_to_quote)
            if hours_to_quote is not None
            else None
        ),
    }
    defaults.update(fields)
    return PartnershipRequest.objects.create(**defaults)


def test_figures_count_by_type_and_status_and_time_the_first_quotes(django_assert_num_queries):
    vendor = VendorFactory()
    make_request(2, status=Status.QUOTED)
    make_request(4, status=Status.QUOTED, buyer_type="retail")
    make_request(6, status=Status.DECLINED, buyer_type="restaurant")
    accepted = make_request(30, status=Status.ACCEPTED)
    bigger = make_request(1, status=Status.ACCEPTED, buyer_type="bumn", quantity=1_000_000)
    make_request(status=Status.NEW, buyer_type="retail")
    make_request(status=Status.CLOSED)
    terms = quote_terms()
    Quote.objects.create(
        request=accepted, vendor=vendor, status="accepted", **{**terms, "unit_price": 10_000}
    )
    Quote.objects.create(  # the minimum order is larger than the 100 asked
        request=accepted, vendor=vendor, status="accepted", **{**terms, "min_order": 500}
    )
    Quote.objects.create(  # 64-bit: one billion Rupiah times a million
        request=bigger, vendor=vendor, status="accepted", **{**terms, "unit_price": 10**9}
    )
    Quote.objects.create(request=accepted, vendor=vendor, status="not_chosen", **terms)

    with django_assert_num_queries(3):
        figures = partnership_figures()

    assert figures["total"] == 7
    assert figures["open"] == 3
    assert {row["value"]: row["count"] for row in figures["by_buyer_type"]} == {
        "hotel": 3,
        "restaurant": 1,
        "retail": 2,
        "bumn": 1,
        "distributor": 0,
        "other": 0,
    }
    assert {row["value"]: row["count"] for row in figures["by_status"]} == {
        "new": 1,
        "in_review": 0,
        "matched": 0,
        "quoted": 2,
        "accepted": 2,
        "declined": 1,
        "closed": 1,
    }
    assert figures["quoted"] == 5
    assert figures["median_hours_to_first_quote"] == 4.0  # 1, 2, 4, 6, 30
    assert figures["average_hours_to_first_quote"] == 8.6
    assert figures["accepted_quotes"] == 3
    assert figures["accepted_value"] == 10_000 * 100 + 2500 * 500 + 10**9 * 1_000_000


def test_the_median_of_an_even_number_is_the_middle_two_averaged():
    for hours in (1, 3, 5, 101):
        make_request(hours, status=Status.QUOTED)
    make_request(status=Status.NEW)
    figures = partnership_figures()
    assert figures["median_hours_to_first_quote"] == 4.0
    assert figures["average_hours_to_first_quote"] == 27.5


def test_figures_take_three_queries_however_many_requests(django_assert_num_queries):
    for hours in range(40):
        make_request(hours, status=Status.QUOTED)
    with django_assert_num_queries(3):
        partnership_figures()


def test_figures_without_requests_are_zero():
    figures = partnership_figures()
    assert figures["total"] == 0
    assert figures["median_hours_to_first_quote"] is None
    assert figures["average_hours_to_first_quote"] is None
    assert figures["accepted_value"] == 0


# Demo data --------------------------------------------------------------------------------


def test_demo_requests_cover_every_state_and_are_made_once(
    staff, django_capture_on_commit_callbacks
):
    snacks = category_tree()[1]
    sambal = CategoryFactory(name="Sambal & Bumbu", slug="sambal-bumbu", parent=snacks.parent)
    seller("Bu Sari", snacks)
    seller("Pak Budi", snacks)
    seller("Ibu Rina", sambal)
    VendorFactory()  # a public vendor without a member account

    with django_capture_on_commit_callbacks(execute=True):
        made = create_demo_requests(staff)

    assert set(made) == set(Status.values)
    assert {r.status for r in PartnershipRequest.objects.all()} == set(Status.values)
    quoted = made[Status.QUOTED][0]
    assert quoted.quotes.filter(status=Quote.Status.OPEN).count() == 2
    assert quoted.matches.count() == 2
    accepted = made[Status.ACCEPTED][0]
    assert accepted.vendor is not None
    assert accepted.quotes.filter(status=Quote.Status.ACCEPTED).count() == 1
    declined = made[Status.DECLINED][0]
    assert set(declined.quotes.values_list("status", flat=True)) == {Quote.Status.NOT_CHOSEN}
    assert all(r.email.endswith(".example") for r in PartnershipRequest.objects.all())
    # Every state change is in the log.
    assert RequestEvent.objects.filter(new_status=Status.CLOSED).count() == 1

    count = PartnershipRequest.objects.count()
    create_demo_requests(staff)
    assert PartnershipRequest.objects.count() == count


def test_demo_requests_need_two_public_vendors(staff):
    VendorFactory()
    assert create_demo_requests(staff) == {}
    assert not PartnershipRequest.objects.exists()
