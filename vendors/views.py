from django.shortcuts import get_object_or_404, render

from .models import Vendor


def profile(request, slug):
    vendor = get_object_or_404(
        Vendor.objects.public().select_related("kecamatan", "logo", "cover"), slug=slug
    )
    return render(request, "vendors/profile.html", {"vendor": vendor, "title": vendor.name})
