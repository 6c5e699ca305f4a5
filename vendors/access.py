from django.http import Http404

from .dashboard import current_vendor


def vendor_or_404(request):
    """The vendor the signed-in user is working on; 404 for someone who runs none."""
    vendor = current_vendor(request)
    if vendor is None:
        raise Http404
    return vendor
