"""Forgotten passwords: Django's password reset views in the site's own pages, the e-mail sent
through the task queue, throttled per address and per client with the sign-in counters.

Every request gets the same answer whether or not an account has the address, and an
address's mails stop after ``throttle.MAX_FAILURES`` requests in ``throttle.WINDOW`` seconds
(silently: saying so would tell a stranger the address is known)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.db import transaction
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from . import throttle

# The counters' "usernames": one per address asked for, one for every request from a client.
ADDRESS_KEY = "password-reset-address:"
CLIENT_KEY = "password-reset-client"


class ResetRequestForm(PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Your e-mail")
        self.fields["email"].help_text = _("The address you log in with.")

    def get_users(self, email):
        """Active accounts with this address, including one a field officer opened for a
        business owner, who has no password until they choose one (Django's own form leaves
        those out; every account here is the site's own)."""
        return [
            user
            for user in get_user_model()._default_manager.filter(
                email__iexact=email, is_active=True
            )
            if user.email.casefold() == email.casefold()
        ]

    def save(self, request=None, **kwargs):
        """Queue one mail per active account with this address, unless the address has had
        its share of mails lately. The task makes the link, so no token waits in the queue."""
        from .tasks import send_password_reset_email

        email = self.cleaned_data["email"].strip()
        key = ADDRESS_KEY + email.casefold()
        if throttle.seconds_locked(None, key):
            return
        throttle.record_failure(None, key)
        language = translation.get_language() or settings.LANGUAGE_CODE
        for user in self.get_users(email):
            transaction.on_commit(
                lambda pk=user.pk: send_password_reset_email.enqueue(pk, language)
            )


class PasswordResetView(auth_views.PasswordResetView):
    form_class = ResetRequestForm
    template_name = "website/password_reset_form.html"
    success_url = reverse_lazy("password_reset_done")
    extra_context = {"title": _("Forgot your password?")}

    def form_valid(self, form):
        locked = throttle.seconds_locked(self.request, CLIENT_KEY)
        if locked:
            form.add_error(None, too_many_message(locked))
            return self.form_invalid(form)
        throttle.record_failure(self.request, CLIENT_KEY)
        form.save(request=self.request)
        return super(auth_views.PasswordResetView, self).form_valid(form)


def too_many_message(seconds: int) -> str:
    minutes = max(1, -(-seconds // 60))
    return _(
        "Too many password reset requests from this connection. Try again in %(minutes)d min."
    ) % {"minutes": minutes}


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "website/password_reset_done.html"
    extra_context = {"title": _("Check your e-mail")}


class NewPasswordForm(SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("New password")
        self.fields["new_password1"].help_text = _("At least 8 characters, not only numbers.")
        self.fields["new_password2"].label = _("New password again")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = NewPasswordForm
    template_name = "website/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")
    extra_context = {"title": _("Choose a new password")}

    def form_valid(self, form):
        response = super().form_valid(form)
        # A locked sign-in would refuse the new password from this address for a while.
        throttle.clear(self.request, form.user.get_username())
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "website/password_reset_complete.html"
    extra_context = {"title": _("Your password is changed")}
