"""A product's life and its place on outlet shelves. Views, admin actions, commands and
tests call these; each checks who acts, keeps the allowed transitions, and logs an event."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.permissions import require_staff
from vendors.models import Vendor

from .models import CatalogSettings, LocationStock, Product, ProductEvent

Status = Product.Status
STAFF_ONLY = gettext_lazy("Only staff can do this.")

MIN_IMAGES, MAX_IMAGES = 1, 8


class PublishError(ValidationError):
    pass


def _member_product(product, user) -> Product:
    """The product, locked, if ``user`` is a member of its vendor; 404-like otherwise."""
    try:
        return Product.objects.for_user(user).select_for_update().get(pk=product.pk)
    except Product.DoesNotExist as error:
        raise PermissionDenied from error


def _set_status(product, new, *, actor, note="", fields=()) -> str:
    """The one place a product's status changes: allowed by ``Product.TRANSITIONS``, saved
    (with ``fields`` changed alongside), logged. Call with the product locked."""
    old = Product.TRANSITIONS.check(product, new)
    product.status = new
    product.save(update_fields=["status", "updated_at", *fields])
    ProductEvent.objects.create(
        product=product, actor=actor, old_status=old, new_status=new, note=note
    )
    return old


def publication_blockers(product) -> list[str]:
    """Why a product cannot be published now, in words the vendor understands."""
    reasons = []
    vendor = product.vendor
    if vendor.nib_status != Vendor.NibStatus.VERIFIED:
        reasons.append(
            _(
                "Your NIB is not verified yet. Products can be published once the office "
                "has verified it."
            )
        )
    elif vendor.status != Vendor.Status.ACTIVE:
        reasons.append(_("Your business is suspended; products cannot be published."))
    if not product.images.exists():
        reasons.append(_("Add at least one photo."))
    return reasons


@transaction.atomic
def request_publication(product, user) -> Product:
    """Publish now, or, when the operator reviews first publications, send it for review."""
    product = _member_product(product, user)
    if product.status in (Status.PUBLISHED, Status.IN_REVIEW):
        return product
    reasons = publication_blockers(product)
    if reasons:
        raise PublishError(reasons)
    first_time = product.published_at is None
    if first_time and CatalogSettings.load().review_first_publication:
        _set_status(product, Status.IN_REVIEW, actor=user)
    else:
        product.published_at = product.published_at or timezone.now()
        _set_status(product, Status.PUBLISHED, actor=user, fields=["published_at"])
    return product


@transaction.atomic
def unpublish_product(product, user) -> Product:
    product = _member_product(product, user)
    if product.status not in (Status.PUBLISHED, Status.IN_REVIEW):
        return product
    _set_status(product, Status.DRAFT, actor=user)
    return product


@transaction.atomic
def archive_product(product, user) -> Product:
    product = _member_product(product, user)
    if product.status == Status.ARCHIVED:
        return product
    _set_status(product, Status.ARCHIVED, actor=user)
    return product


@transaction.atomic
def approve_product(product, officer, note: str = "") -> Product:
    require_staff(officer, STAFF_ONLY)
    product = Product.objects.select_for_update().get(pk=product.pk)
    if product.status != Status.IN_REVIEW:
        raise ValidationError(_("Only a product in review can be approved."))
    reasons = [r for r in publication_blockers(product)]
    if reasons:
        raise PublishError(reasons)
    product.published_at = product.published_at or timezone.now()
    _set_status(product, Status.PUBLISHED, actor=officer, note=note, fields=["published_at"])
    return product


@transaction.atomic
def return_product_to_draft(product, officer, note: str) -> Product:
    """Staff send a product in review back to its vendor, saying what to fix."""
    require_staff(officer, STAFF_ONLY)
    if not note.strip():
        raise ValidationError(_("Tell the vendor what to change."))
    product = Product.objects.select_for_update().get(pk=product.pk)
    if product.status != Status.IN_REVIEW:
        raise ValidationError(_("Only a product in review can be sent back."))
    _set_status(product, Status.DRAFT, actor=officer, note=note)
    return product


# Outlet shelves ----------------------------------------------------------------------------


@transaction.atomic
def propose_for_location(product, user, location, note: str = "") -> LocationStock:
    """A vendor proposes a product for an outlet's next curation round."""
    product = _member_product(product, user)
    live = LocationStock.objects.filter(location=location, product=product).exclude(
        status__in=[LocationStock.Status.RETIRED, LocationStock.Status.DECLINED]
    )
    existing = live.first()
    if existing:
        return existing
    return LocationStock.objects.create(
        location=location,
        product=product,
        status=LocationStock.Status.PROPOSED,
        note=note,
        curation_round=location.rounds.first(),
    )


def _decide_shelf(stock, officer, new, **changes) -> LocationStock:
    """The one place a shelf place changes status: staff only, allowed by
    ``LocationStock.TRANSITIONS``, saved with the decision's time and ``changes``."""
    require_staff(officer, STAFF_ONLY)
    stock = LocationStock.objects.select_for_update().get(pk=stock.pk)
    LocationStock.TRANSITIONS.check(stock, new)
    stock.status = new
    for name, value in changes.items():
        setattr(stock, name, value)
    stock.decided_at = timezone.now()
    stock.save()
    return stock


@transaction.atomic
def accept_for_location(stock, officer, *, quantity, shelf="", best_before=None, round=None):
    require_staff(officer, STAFF_ONLY)
    if quantity < 0:
        raise ValidationError(_("The quantity cannot be negative."))
    changes = {"quantity": quantity, "shelf": shelf, "best_before": best_before}
    if round is not None:
        changes["curation_round"] = round
    return _decide_shelf(stock, officer, LocationStock.Status.ACCEPTED, **changes)


@transaction.atomic
def decline_for_location(stock, officer, note: str) -> LocationStock:
    return _decide_shelf(stock, officer, LocationStock.Status.DECLINED, note=note)


@transaction.atomic
def retire_from_location(stock, officer, note: str = "") -> LocationStock:
    changes = {"note": note} if note else {}
    return _decide_shelf(stock, officer, LocationStock.Status.RETIRED, **changes)


@transaction.atomic
def restock_location(stock, officer, *, quantity, best_before=None) -> LocationStock:
    require_staff(officer, STAFF_ONLY)
    stock = LocationStock.objects.select_for_update().get(pk=stock.pk)
    if stock.status != LocationStock.Status.ACCEPTED:
        raise ValidationError(_("Only an accepted product can be restocked."))
    if quantity < 0:
        raise ValidationError(_("The quantity cannot be negative."))
    stock.quantity = quantity
    if best_before is not None:
        stock.best_before = best_before
    stock.save(update_fields=["quantity", "best_before"])
    return stock
