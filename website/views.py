import json
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm
from wagtail.admin.views.account import LoginView as WagtailLoginView

from core.cache import cacheable_for_anonymous
from core.seo import robots_lines

from .search import site_search
from .throttle import ThrottledLoginMixin

SEARCH_PAGE_SIZE = 10
MAX_QUERY_LENGTH = 200
DEFAULT_DESCRIPTION = (
    "Products of the micro-businesses and cooperatives of Kabupaten Tangerang: buy online, or see "
    "them at RPPKUM Legok and at Soekarno-Hatta Terminal 3."
)


@require_GET
@cacheable_for_anonymous
def search(request):
    query = request.GET.get("q", "").replace("\x00", "").strip()[:MAX_QUERY_LENGTH]
    found = site_search(query) if query else None
    if found is not None and found.only_products and "page" not in request.GET:
        # Only products match: the catalog shows them all, with its filters and sort.
        return redirect(f"{reverse('catalog:index')}?{urlencode({'q': query})}")
    pages = found.pages if found is not None else []
    paginator = Paginator(pages, SEARCH_PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page = paginator.page(1)
    except EmptyPage:
        page = paginator.page(paginator.num_pages)
    return render(
        request,
        "website/search.html",
        {"query": query, "results": page, "found": found, "title": _("Search")},
    )


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = [*robots_lines(), "", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


# /favicon.ico is a real icon (website/make_icons.py), not a redirect to the SVG: browsers
# and crawlers ask for it without reading our <link>s, some do not follow a redirect for it,
# and a permanent redirect would pin an old hashed static URL in their caches past a deploy.
FAVICON = (Path(__file__).resolve().parent / "static" / "img" / "favicon.ico").read_bytes()


@require_GET
@cache_control(public=True, max_age=86400)
def favicon(request):
    return HttpResponse(FAVICON, content_type="image/x-icon")


@require_GET
@cache_control(public=True, max_age=86400)
def web_manifest(request):
    """The web manifest (name, colours, icons), in Indonesian, the site's first language."""
    with translation.override(settings.LANGUAGE_CODE):
        description = str(_(DEFAULT_DESCRIPTION))
    manifest = {
        "name": "Etalase Tangerang",
        "short_name": "Etalase",
        "description": description,
        "lang": settings.LANGUAGE_CODE,
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "theme_color": "#0b5d4b",
        "background_color": "#ffffff",
        "icons": [
            {"src": static(f"img/icon-{size}.png"), "sizes": f"{size}x{size}", "type": "image/png"}
            for size in (192, 512)
        ],
    }
    return HttpResponse(json.dumps(manifest), content_type="application/manifest+json")


def page_not_found(request, exception=None):
    return render(request, "404.html", {"title": _("Page not found")}, status=404)


def server_error(request):
    """Our layout for a 500, but never a second failure: fall back to plain text."""
    try:
        language = translation.get_language_from_path(request.path_info)
        with translation.override(language or settings.LANGUAGE_CODE):
            template = loader.get_template("500.html")
            return HttpResponseServerError(template.render({"request": request}))
    except Exception:
        return HttpResponseServerError(
            "Terjadi kesalahan. / Something went wrong.", content_type="text/plain"
        )


class LoginForm(ThrottledLoginMixin, AuthenticationForm):
    # Django's own text names the username field by its verbose name, which reads
    # "Masukkan nama pengguna nama pengguna …" in Indonesian: ours names both ways in.
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Enter the right e-mail (or username) and password. Capital letters count."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("E-mail or username")


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "website/login.html"
    redirect_authenticated_user = True
    extra_context = {"title": _("Log in")}

    def get_default_redirect_url(self):
        """Vendors go to their dashboard; outlet staff without a business to their counter."""
        from orders.models import OutletAssignment

        user = self.request.user
        if not user.memberships.exists():
            assignment = OutletAssignment.objects.filter(user=user).select_related("location")
            assignment = assignment.first()
            if assignment is not None:
                return reverse("fulfilment:outlet", kwargs={"location": assignment.location.slug})
        return super().get_default_redirect_url()


class AdminLoginForm(ThrottledLoginMixin, WagtailLoginForm):
    pass


class AdminLoginView(WagtailLoginView):
    """Wagtail's admin login with the same throttling as /masuk/ (routed before its URLs)."""

    def get_form_class(self):
        return AdminLoginForm


class LogoutView(auth_views.LogoutView):
    next_page = "/"
