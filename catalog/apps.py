from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "catalog"
    verbose_name = _("Catalog")

    def ready(self):
        from core.cache import content_renewed
        from vendors.cooperatives.membership import membership_ended

        from . import cooperatives, tasks, triggers

        pre_migrate.connect(triggers.remove_for_migrate, sender=self)
        post_migrate.connect(triggers.restore, sender=self)
        content_renewed.connect(tasks.count_facet_groups_ahead, dispatch_uid="facets-ahead")
        membership_ended.connect(cooperatives.stop_marketing, dispatch_uid="stop-marketing")
