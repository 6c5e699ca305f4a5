import secrets


def new_token() -> str:
    """An unguessable private-link token (256 bits)."""
    return secrets.token_urlsafe(32)
