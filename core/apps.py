from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The ground floor: pieces every app uses, importing none of them."""

    name = "core"
