from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="cog")
class CatalogSettings(BaseGenericSetting):
    """Switches the operator controls from the admin."""

    review_first_publication = models.BooleanField(
        _("staff review a product's first publication"),
        default=False,
        help_text=_("When on, a vendor's new product waits for staff approval before it shows."),
    )

    class Meta:
        verbose_name = _("catalog settings")
