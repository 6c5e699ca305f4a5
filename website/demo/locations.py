"""The two outlets, their curation rounds, what is on their shelves, and their pages."""

import datetime

from django.utils import timezone

from catalog.demo_pages import create_outlet_pages
from catalog.models import CurationRound, Location, LocationStock, Product
from website.demo import data
from website.models import HomePage


def seed_locations():
    """The two outlets, their curation rounds, and what is on their shelves."""
    today = timezone.localdate()
    for spec in data.LOCATIONS:
        location, created = Location.objects.get_or_create(
            slug=spec["slug"],
            defaults={
                "name": spec["name"],
                "kind": spec["kind"],
                "address": spec["address"],
                "where": spec["where"],
                "where_en": spec["where_en"],
                "whatsapp": spec.get("whatsapp", ""),
                "opens_at": spec["hours"][0],
                "closes_at": spec["hours"][1],
                "hours_note": spec["hours_note"],
                "hours_note_en": spec["hours_note_en"],
                "latitude": spec["lat"],
                "longitude": spec["lng"],
                "opened_on": spec["opened_on"],
                "review_every_months": spec["review_every_months"],
            },
        )
        if not created:
            continue
        current = seed_curation_rounds(location, spec["review_every_months"], today)
        stock_shelves(location, current, today)


def seed_curation_rounds(location, months, today):
    """The opening round and the current one, which is returned."""
    quarter_start = today.replace(day=1, month=((today.month - 1) // months) * months + 1)
    current = CurationRound.objects.create(
        location=location,
        name=f"Putaran {quarter_start:%m/%Y}",
        starts_on=quarter_start,
        review_due_on=quarter_start + datetime.timedelta(days=months * 30),
    )
    CurationRound.objects.create(
        location=location,
        name="Putaran pembukaan",
        starts_on=datetime.date(2025, 3, 1),
        review_due_on=quarter_start - datetime.timedelta(days=1),
    )
    return current


def stock_shelves(location, current, today):
    """Every third (showroom) or fourth (airport) public product, most of them accepted."""
    step = 3 if location.kind == Location.Kind.SHOWROOM else 4
    products = list(Product.objects.public().order_by("pk"))
    for n, product in enumerate(products[::step]):
        food = product.category.parent and product.category.parent.slug == "makanan-minuman"
        status = LocationStock.Status.ACCEPTED
        if n % 9 == 7:
            status = LocationStock.Status.PROPOSED
        elif n % 13 == 11:
            status = LocationStock.Status.RETIRED
        LocationStock.objects.create(
            location=location,
            product=product,
            curation_round=current,
            status=status,
            quantity=0 if status == LocationStock.Status.PROPOSED else 3 + n % 17,
            shelf=f"Rak {chr(65 + n % 6)}{1 + n % 4}",
            best_before=today + datetime.timedelta(days=20 + (n * 7) % 150) if food else None,
        )


def seed_outlet_pages():
    create_outlet_pages(
        HomePage.objects.get(locale__language_code="id"),
        HomePage.objects.get(locale__language_code="en"),
    )
