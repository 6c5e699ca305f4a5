"""Businesses joining cooperatives. A micro-business asks to join (its consent is the asking)
and the cooperative's admins accept or decline; or the cooperative invites a business, which
accepts (its consent then) or declines; a member leaves. One function (``_change_status``)
moves a membership: it checks ``BusinessMembership.TRANSITIONS``, saves, writes the
cooperative's event and queues the other side's e-mail, in one transaction."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from vendors.models import Vendor

from .membership_tasks import send_membership_email
from .models import BusinessMembership, Cooperative, CooperativeEvent

Status = BusinessMembership.Status
SEARCH_RESULTS = 20

# Sent with ``business`` and ``cooperative`` (its Vendor) when an active membership ends:
# the catalog stops showing the cooperative as marketing the business's products.
membership_ended = Signal()


def _require_member(user, vendor):
    """Only the people who run ``vendor`` act for it."""
    if not Vendor.objects.for_user(user).filter(pk=vendor.pk).exists():
        raise PermissionDenied


def _check_pair(business, cooperative):
    if business.pk == cooperative.vendor_id:
        raise ValidationError(_("A cooperative cannot join itself."), code="self")
    if business.kind != Vendor.Kind.MICRO:
        raise ValidationError(
            _("Only micro-businesses can join a cooperative; %(name)s is a %(kind)s.")
            % {"name": business.name, "kind": business.get_kind_display().lower()},
            code="kind",
        )


def _log(membership, kind, actor, notify, **params) -> CooperativeEvent:
    """The cooperative's event; ``notify`` (a Vendor) is e-mailed once the change is saved."""
    event = CooperativeEvent.objects.create(
        cooperative=membership.cooperative,
        kind=kind,
        actor=actor,
        params={"business": membership.business.name, **params},
    )
    transaction.on_commit(lambda: send_membership_email.enqueue(event.pk, notify.pk))
    return event


def _open(membership, actor, kind, notify, **fields) -> BusinessMembership:
    """A new request or invitation: one open membership per pair, held by the database."""
    for name, value in fields.items():
        setattr(membership, name, value)
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError as error:
        raise ValidationError(
            _("%(business)s is already a member of %(cooperative)s, or asked or was invited.")
            % {"business": membership.business.name, "cooperative": membership.cooperative},
            code="open",
        ) from error
    _log(membership, kind, actor, notify)
    return membership


@transaction.atomic
def ask_to_join(business, cooperative, user) -> BusinessMembership:
    """A member of ``business`` asks, for it, to join ``cooperative``."""
    _require_member(user, business)
    _check_pair(business, cooperative)
    if not cooperative.vendor.is_public:
        raise ValidationError(_("This cooperative is not taking members here."), code="closed")
    now = timezone.now()
    membership = BusinessMembership(cooperative=cooperative, business=business)
    return _open(
        membership,
        user,
        "member_requested",
        cooperative.vendor,
        status=Status.REQUESTED,
        consented_at=now,
        consented_by=user,
        created_at=now,
        changed_at=now,
    )


@transaction.atomic
def invite(cooperative, business, user) -> BusinessMembership:
    """The cooperative's admin proposes ``business`` as a member; it joins once it agrees."""
    _require_member(user, cooperative.vendor)
    _check_pair(business, cooperative)
    if not business.is_public:
        raise ValidationError(_("Only businesses listed in the directory can be invited."))
    membership = BusinessMembership(cooperative=cooperative, business=business)
    return _open(membership, user, "member_invited", business, status=Status.INVITED)


def _change_status(membership, new, *, actor, kind, notify, params=None, **fields):
    """The one place an existing membership changes. Call inside a transaction with the row
    locked; a refused change raises before anything is written."""
    BusinessMembership.TRANSITIONS.check(membership, new)
    for name, value in fields.items():
        setattr(membership, name, value)
    membership.status = new
    membership.changed_at = timezone.now()
    membership.save()
    return _log(membership, kind, actor, notify, **(params or {}))


def _locked(membership) -> BusinessMembership:
    return (
        BusinessMembership.objects.select_for_update()
        .select_related("cooperative__vendor", "business")
        .get(pk=membership.pk)
    )


def _expect(membership, status, message):
    if membership.status != status:
        raise ValidationError(message, code="state")


@transaction.atomic
def accept_request(membership, user) -> BusinessMembership:
    membership = _locked(membership)
    _require_member(user, membership.cooperative.vendor)
    _expect(membership, Status.REQUESTED, _("Only the business can answer an invitation."))
    _change_status(
        membership, Status.ACTIVE, actor=user, kind="member_joined", notify=membership.business
    )
    return membership


@transaction.atomic
def decline_request(membership, user, reason: str) -> BusinessMembership:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why the request is declined: the business reads it."))
    membership = _locked(membership)
    _require_member(user, membership.cooperative.vendor)
    _expect(membership, Status.REQUESTED, _("Only the business can answer an invitation."))
    _change_status(
        membership,
        Status.DECLINED,
        actor=user,
        kind="member_declined",
        notify=membership.business,
        params={"reason": reason[:500]},
        decline_reason=reason[:500],
    )
    return membership


@transaction.atomic
def accept_invitation(membership, user) -> BusinessMembership:
    """The business agrees: its consent is recorded now."""
    membership = _locked(membership)
    _require_member(user, membership.business)
    _expect(membership, Status.INVITED, _("Only the cooperative can answer a request to join."))
    _change_status(
        membership,
        Status.ACTIVE,
        actor=user,
        kind="member_joined",
        notify=membership.cooperative.vendor,
        consented_at=timezone.now(),
        consented_by=user,
    )
    return membership


@transaction.atomic
def decline_invitation(membership, user, reason: str = "") -> BusinessMembership:
    membership = _locked(membership)
    _require_member(user, membership.business)
    _expect(membership, Status.INVITED, _("Only the cooperative can answer a request to join."))
    _change_status(
        membership,
        Status.DECLINED,
        actor=user,
        kind="member_declined",
        notify=membership.cooperative.vendor,
        params={"reason": (reason or "").strip()[:500] or "—"},
    )
    return membership


@transaction.atomic
def leave(membership, user) -> BusinessMembership:
    """The business leaves; the cooperative no longer markets its products."""
    membership = _locked(membership)
    _require_member(user, membership.business)
    _change_status(
        membership,
        Status.LEFT,
        actor=user,
        kind="member_left",
        notify=membership.cooperative.vendor,
    )
    membership_ended.send(
        sender=BusinessMembership,
        business=membership.business,
        cooperative=membership.cooperative.vendor,
    )
    return membership


# Read paths for the pages ---------------------------------------------------------------


def memberships_of(business):
    """A business's memberships, open ones first (for its own pages)."""
    return (
        BusinessMembership.objects.filter(business=business)
        .select_related("cooperative__vendor")
        .order_by("-changed_at", "-pk")
    )


def members_of(cooperative):
    """A cooperative's member businesses and requests (for its admins' pages)."""
    return (
        BusinessMembership.objects.filter(cooperative=cooperative)
        .select_related("business__kecamatan")
        .order_by("business__name", "pk")
    )


def cooperative_of(vendor) -> Cooperative | None:
    """The cooperative record of a vendor of kind koperasi or KDKMP, if staff made one."""
    if vendor.kind == Vendor.Kind.MICRO:
        return None
    return Cooperative.objects.filter(vendor=vendor).select_related("vendor").first()


def find_cooperatives(name: str, for_business):
    """Public cooperatives whose name contains ``name``, but those ``for_business`` is
    already a member of or waiting for (a business looking for one)."""
    name = (name or "").strip()[:80]
    if not name:
        return Cooperative.objects.none()
    taken = BusinessMembership.objects.filter(
        business=for_business, status__in=BusinessMembership.OPEN
    ).values("cooperative")
    return (
        Cooperative.objects.filter(vendor__in=Vendor.objects.public(), vendor__name__icontains=name)
        .exclude(pk__in=taken)
        .select_related("vendor__kecamatan")
        .order_by("vendor__name")[:SEARCH_RESULTS]
    )


def find_businesses(text: str, for_cooperative):
    """Public micro-businesses whose name or address (slug) contains ``text``, but those
    already members of ``for_cooperative``, asking or invited."""
    text = (text or "").strip()[:80]
    if not text:
        return Vendor.objects.none()
    taken = BusinessMembership.objects.filter(
        cooperative=for_cooperative, status__in=BusinessMembership.OPEN
    ).values("business")
    return (
        Vendor.objects.public()
        .filter(kind=Vendor.Kind.MICRO)
        .exclude(pk__in=taken)
        .filter(Q(name__icontains=text) | Q(slug__icontains=text))
        .select_related("kecamatan")
        .order_by("name")[:SEARCH_RESULTS]
    )


def marketing_cooperatives(business):
    """The cooperatives (their Vendor) ``business`` is an active member of: the ones that may
    market its products."""
    return Vendor.objects.filter(
        cooperative__business_members__business=business,
        cooperative__business_members__status=Status.ACTIVE,
    ).order_by("name")
