"""A field officer registers a business on its owner's behalf, from the admin on a phone."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.permissions import staff_required
from core.views import errors_to_form

from ..facilitation import registration
from ..forms.on_behalf import OnBehalfForm
from ..tasks import send_welcome_email


@method_decorator(staff_required, name="dispatch")
class RegisterOnBehalfView(WagtailAdminTemplateMixin, FormView):
    template_name = "vendors/admin/register.html"
    page_title = gettext_lazy("Register a business for its owner")
    header_icon = "user"
    form_class = OnBehalfForm

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("vendors_verification:queue"), "label": _("Verification queue")},
            {"url": "", "label": self.get_page_title()},
        ]

    def form_valid(self, form):
        try:
            vendor = registration.register(
                account=form.account_data(),
                business=form.business_data(),
                help_requests=form.help_requests(),
                nib_document=form.cleaned_data.get("nib_document"),
                officer=self.request.user,
            )
        except ValidationError as error:
            errors_to_form(form, error)
            return self.form_invalid(form)
        if form.account_data():
            user_id = vendor.memberships.get().user_id
            transaction.on_commit(lambda: send_welcome_email.enqueue(user_id, vendor.pk))
        messages.success(
            self.request,
            _("%(vendor)s is registered, with %(count)s request(s) for help.")
            % {"vendor": vendor.name, "count": vendor.facilitation_requests.count()},
        )
        return redirect(reverse("vendors_verification:vendor", args=[vendor.pk]))
