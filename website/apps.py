from django.apps import AppConfig, apps
from django.db.models.signals import post_delete, post_migrate, post_save, pre_save
from django.utils.translation import gettext_lazy as _

# Everything the public pages show; a save or delete of any of these invalidates the
# anonymous page cache (see core/cache/).
PUBLIC_MODELS = (
    "catalog.Category",
    "catalog.Product",
    "catalog.ProductImage",
    "catalog.TierPrice",
    "catalog.Location",
    "catalog.LocationStock",
    "catalog.SearchSynonym",
    "vendors.Kecamatan",
    "vendors.Vendor",
    "vendors.HalalCertificate",
    "trademarks.Trademark",
    "cooperatives.Cooperative",
    "cooperatives.AnnualMeeting",
    "cooperatives.BusinessMembership",
    "wagtailcore.Page",
    "wagtailcore.Site",
    # A page made private (or public again): routing is kept per generation (routing.py).
    "wagtailcore.PageViewRestriction",
    "wagtailimages.Image",
)


def edited_only(sender, created, **kwargs):
    from core.cache import content_changed

    if not created:
        content_changed()


# Rows the public sees only once staff have verified them: a new one (an application, a
# certificate waiting for verification) changes no page, and renewing the cache for it cost
# every vendor application a recount of the catalog's facets in the request.
UNSEEN_WHEN_NEW = {
    "vendors.Vendor": lambda vendor: not vendor.is_public,
    "vendors.HalalCertificate": lambda certificate: not certificate.is_valid,
    "trademarks.Trademark": lambda trademark: not trademark.is_registered,
}


def seen_or_edited(sender, instance, created, **kwargs):
    from core.cache import content_changed

    unseen = UNSEEN_WHEN_NEW[sender._meta.label]
    if not (created and unseen(instance)):
        content_changed()


class WebsiteConfig(AppConfig):
    name = "website"
    verbose_name = _("Website")

    def ready(self):
        from wagtail.signals import page_published, page_unpublished

        from core.cache import content_changed
        from core.cache.keys import code_changed

        for label in PUBLIC_MODELS:
            model = apps.get_model(label)
            receiver = seen_or_edited if label in UNSEEN_WHEN_NEW else content_changed
            post_save.connect(receiver, sender=model, dispatch_uid=f"cache-{label}-s")
            post_delete.connect(content_changed, sender=model, dispatch_uid=f"cache-{label}-d")
        # Settings rows are created with their defaults on first use, mid-render: only a
        # later edit changes what pages show.
        post_save.connect(edited_only, sender=apps.get_model("website.OfficeContact"))
        # A deploy (which runs migrate) renews every cached page and fragment.
        post_migrate.connect(code_changed, sender=self, dispatch_uid="cache-deploy")
        page_published.connect(content_changed, dispatch_uid="cache-page-published")
        page_unpublished.connect(content_changed, dispatch_uid="cache-page-unpublished")

        # Request ids into queued tasks and the worker's log lines (website/observability.py).
        from django_tasks_db.compat import task_finished

        from . import observability

        pre_save.connect(
            observability.tag_task, sender=apps.get_model("django_tasks_database.DBTaskResult")
        )
        task_finished.connect(observability.task_finished, dispatch_uid="request-id-finished")
