"""The demo's staff and vendor accounts (demo-only passwords)."""

from website.demo import data
from website.models import User


def seed_people():
    """The staff admin and the demo vendor's owner: returns (admin, seller)."""
    admin, created = User.objects.get_or_create(
        username="admin",
        defaults={
            "email": "admin@example.com",
            "is_staff": True,
            "is_superuser": True,
            "first_name": "Admin",
            "last_name": "Diskum",
        },
    )
    if created:
        admin.set_password(data.DEMO_PASSWORDS["admin"])
        admin.save()
    seller, created = User.objects.get_or_create(
        username="penjual",
        defaults={
            "email": "penjual@example.com",
            "first_name": "Sari",
            "last_name": "Wulandari",
        },
    )
    if created:
        seller.set_password(data.DEMO_PASSWORDS["penjual"])
        seller.save()
    return admin, seller


def seed_outlet_user():
    """The outlet staff account (it serves the Terminal 3 outlet)."""
    outlet_user, created = User.objects.get_or_create(
        username="outlet", defaults={"email": "outlet@example.com", "first_name": "Dewi"}
    )
    if created:
        outlet_user.set_password(data.DEMO_PASSWORDS["outlet"])
        outlet_user.save()
    return outlet_user
