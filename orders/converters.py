from django.urls import register_converter


class PrivateTokenConverter:
    """A private link's token (secrets.token_urlsafe): anything else is not a link of ours
    and answers 404 before any database lookup (PostgreSQL refuses a NUL byte outright)."""

    regex = r"[A-Za-z0-9_-]{16,100}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(PrivateTokenConverter, "token")
