from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task


@task()
def send_password_reset_email(user_id: int, language: str) -> int:
    """The link to choose a new password, in the language the request was made in. The
    token is made here, when the mail goes out, and is valid PASSWORD_RESET_TIMEOUT from
    then; a user gone or deactivated since gets nothing."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return 0
    with translation.override(language):
        path = reverse(
            "password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
        context = {
            "user": user,
            "reset_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path,
            "hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
        }
        subject = render_to_string("website/email/password_reset_subject.txt", context).strip()
        body = render_to_string("website/email/password_reset.txt", context)
    return send_mail(subject, body, None, [user.email])
