"""Who may use the staff screens: Diskum staff (active, is_staff), in the admin's model
policies and in the staff views."""

from functools import wraps

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.views import defaults
from wagtail.permission_policies import ModelPermissionPolicy


def is_staff(user) -> bool:
    return user.is_active and user.is_staff


def require_staff(user, message="") -> None:
    """In a service: refuse anyone but staff (``message`` says why, where the caller shows it)."""
    if user is None or not user.is_staff:
        raise PermissionDenied(message) if message else PermissionDenied


def staff_required(view):
    """403 for anyone signed in to the admin who is not Diskum staff."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_staff(request.user):
            return defaults.permission_denied(request, PermissionDenied())
        return view(request, *args, **kwargs)

    return wrapped


class StaffPermissionPolicy(ModelPermissionPolicy):
    """Diskum staff (is_staff) holding the usual model permissions; ``actions``, when set,
    is all that can be done with the model in the admin at all, and ``refused`` is never
    done there."""

    actions = None
    refused = frozenset()

    def _allowed(self, action) -> bool:
        return action not in self.refused and (self.actions is None or action in self.actions)

    def user_has_permission(self, user, action):
        if not (is_staff(user) and self._allowed(action)):
            return False
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        actions = [action for action in actions if self._allowed(action)]
        if not actions:
            return get_user_model().objects.none()
        return super().users_with_any_permission(actions).filter(is_active=True, is_staff=True)


class UndeletableStaffPermissionPolicy(StaffPermissionPolicy):
    """Nothing is deleted from the admin: events point at these rows for good; a vendor is
    suspended, a certificate rejected or revoked, a product retired."""

    refused = frozenset({"delete"})


class ReadOnlyStaffPermissionPolicy(StaffPermissionPolicy):
    """Looked at, never added, edited or deleted in the admin (orders)."""

    actions = frozenset({"view"})
