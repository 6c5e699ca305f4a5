"""A product's life and its place on outlet shelves. Views, admin actions, commands and
tests call these; each checks who acts, keeps the allowed transitions, and logs an event."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vendors.models import Vendor

from .models import CatalogSettings, LocationStock, Product, ProductEvent

Status = Product.Status

MIN_IMAGES, MAX_IMAGES = 1, 8


class PublishError(ValidationError):
    pass


def _member_product(product, user) -> Product:
    """The product, locked, if ``user`` is a member of its vendor; 404-like otherwise."""
    try:
        return Product.objects.for_user(user).select_for_update().get(pk=product.pk)
    except Product.DoesNotExist as error:
        raise PermissionDenied from error


def _require_staff(user):
    if user is None or not user.is_staff:
        raise PermissionDenied(_("Only staff can do this."))


def _log(product, old, new, actor=None, note=""):
    ProductEvent.objects.create(
        product=product, actor=actor, old_status=old, new_status=new, note=note
    )


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
    old = product.status
    first_time = product.published_at is None
    if first_time and CatalogSettings.load().review_first_publication:
        product.status = Status.IN_REVIEW
    else:
        product.status = Status.PUBLISHED
        product.published_at = product.published_at or timezone.now()
    product.save(update_fields=["status", "published_at", "updated_at"])
    _log(product, old, product.status, actor=user)
    return product


@transaction.atomic
def unpublish_product(product, user) -> Product:
    product = _member_product(product, user)
    if product.status not in (Status.PUBLISHED, Status.IN_REVIEW):
        return product
    old = product.status
    product.status = Status.DRAFT
    product.save(update_fields=["status", "updated_at"])
    _log(product, old, Status.DRAFT, actor=user)
    return product


@transaction.atomic
def archive_product(product, user) -> Product:
    product = _member_product(product, user)
    old = product.status
    if old == Status.ARCHIVED:
        return product
    product.status = Status.ARCHIVED
    product.save(update_fields=["status", "updated_at"])
    _log(product, old, Status.ARCHIVED, actor=user)
    return product


@transaction.atomic
def approve_product(product, officer, note: str = "") -> Product:
    _require_staff(officer)
    product = Product.objects.select_for_update().get(pk=product.pk)
    if product.status != Status.IN_REVIEW:
        raise ValidationError(_("Only a product in review can be approved."))
    reasons = [r for r in publication_blockers(product)]
    if reasons:
        raise PublishError(reasons)
    product.status = Status.PUBLISHED
    product.published_at = product.published_at or timezone.now()
    product.save(update_fields=["status", "published_at", "updated_at"])
    _log(product, Status.IN_REVIEW, Status.PUBLISHED, actor=officer, note=note)
    return product


@transaction.atomic
def return_product_to_draft(product, officer, note: str) -> Product:
    """Staff send a product in review back to its vendor, saying what to fix."""
    _require_staff(officer)
    if not note.strip():
        raise ValidationError(_("Tell the vendor what to change."))
    product = Product.objects.select_for_update().get(pk=product.pk)
    if product.status != Status.IN_REVIEW:
        raise ValidationError(_("Only a product in review can be sent back."))
    product.status = Status.DRAFT
    product.save(update_fields=["status", "updated_at"])
    _log(product, Status.IN_REVIEW, Status.DRAFT, actor=officer, note=note)
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


@transaction.atomic
def accept_for_location(stock, officer, *, quantity, shelf="", best_before=None, round=None):
    _require_staff(officer)
    stock = LocationStock.objects.select_for_update().get(pk=stock.pk)
    if stock.status != LocationStock.Status.PROPOSED:
        raise ValidationError(_("Only a proposed product can be accepted."))
    if quantity < 0:
        raise ValidationError(_("The quantity cannot be negative."))
    stock.status = LocationStock.Status.ACCEPTED
    stock.quantity = quantity
    stock.shelf = shelf
    stock.best_before = best_before
    stock.curation_round = round or stock.curation_round
    stock.decided_at = timezone.now()
    stock.save()
    return stock


@transaction.atomic
def decline_for_location(stock, officer, note: str) -> LocationStock:
    _require_staff(officer)
    stock = LocationStock.objects.select_for_update().get(pk=stock.pk)
    if stock.status != LocationStock.Status.PROPOSED:
        raise ValidationError(_("Only a proposed product can be declined."))
    stock.status = LocationStock.Status.DECLINED
    stock.note = note
    stock.decided_at = timezone.now()
    stock.save()
    return stock


@transaction.atomic
def retire_from_location(stock, officer, note: str = "") -> LocationStock:
    _require_staff(officer)
    stock = LocationStock.objects.select_for_update().get(pk=stock.pk)
    if stock.status != LocationStock.Status.ACCEPTED:
        raise ValidationError(_("Only a product on the shelf can be retired."))
    stock.status = LocationStock.Status.RETIRED
    stock.note = note or stock.note
    stock.decided_at = timezone.now()
    stock.save()
    return stock


@transaction.atomic
def restock_location(stock, officer, *, quantity, best_before=None) -> LocationStock:
    _require_staff(officer)
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
