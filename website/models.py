from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import StoryBlock
from core.cache import CacheableForAnonymousPage
from core.views import deferred_context


class User(AbstractUser):
    """Our own user model from the first migration on; roles come from memberships
    (vendors) and Django groups (staff, outlet staff), never from subclasses."""

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


class HomePage(CacheableForAnonymousPage, Page):
    hero_title = models.CharField(_("hero title"), max_length=120)
    hero_text = models.TextField(_("hero text"), max_length=400, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(StoryBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("hero_title"),
        FieldPanel("hero_text"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("hero_text")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from .sections import HOME_SECTIONS, home_sections

        context = super().get_context(request, *args, **kwargs)
        # Computed only when the page's fragment is missing (home_page.html).
        context.update(deferred_context(lambda: home_sections(request), HOME_SECTIONS))
        return context


class StandardPage(CacheableForAnonymousPage, Page):
    intro = models.TextField(_("introduction"), max_length=500, blank=True)
    body = StreamField(StoryBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["website.HomePage", "website.StandardPage"]
    subpage_types = ["website.StandardPage"]

    class Meta:
        verbose_name = _("content page")


@register_setting(icon="mail")
class OfficeContact(BaseGenericSetting):
    """The office shown in every page's footer, editable by staff."""

    name = models.CharField(
        _("office name"),
        max_length=200,
        default="Dinas Koperasi dan Usaha Mikro Kabupaten Tangerang",
    )
    address = models.TextField(
        _("address"),
        default="Kawasan Pusat Pemerintahan Kabupaten Tangerang, Tigaraksa, Banten 15720",
    )
    email = models.EmailField(_("e-mail"), blank=True, default="diskum@tangerangkab.go.id")
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    whatsapp = models.CharField(_("WhatsApp"), max_length=20, blank=True)
    hours = models.CharField(
        _("office hours"), max_length=120, blank=True, default="Senin–Jumat 08.00–16.00 WIB"
    )

    class Meta:
        verbose_name = _("office contact")
