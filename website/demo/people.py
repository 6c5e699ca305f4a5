"""The demo's staff and vendor accounts (demo-only passwords)."""

from website.demo import data
from website.models import User


def seed_people():
    """The staff admin and the demo vendor's owner: returns (admin, seller)."""
    admin = account(
        "admin",
        email="admin@example.com",
        is_staff=True,
        is_superuser=True,
        first_name="Admin",
        last_name="Diskum",
    )
    seller = account(
        "penjual", email="penjual@example.com", first_name="Sari", last_name="Wulandari"
    )
    return admin, seller


def seed_outlet_user():
    """The outlet staff account (it serves the Terminal 3 outlet)."""
    return account("outlet", email="outlet@example.com", first_name="Dewi")


def account(username, **defaults):
    """The user of that name; a new one gets its demo password."""
    user, created = User.objects.get_or_create(username=username, defaults=defaults)
    if created:
        user.set_password(data.DEMO_PASSWORDS[username])
        user.save()
    return user
