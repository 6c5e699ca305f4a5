"""A vendor manages its own products. Every product is looked up through
``Product.objects.for_user(user).filter(vendor=current vendor)``: another vendor's product id
answers 404, exactly like an id that does not exist. Status changes go through services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from core.views import errors_to_messages
from vendors.access import vendor_or_404

from .. import services
from ..forms import PhotoAltForm, PhotoUploadForm, ProductForm, ProposeForm, TierPriceFormSet
from ..models import LocationStock, Product, ProductImage
from .sections import all_products_certificate, vendor_products

PAGE_SIZE = 20
Status = Product.Status


def _own_product(request, pk):
    vendor = vendor_or_404(request)
    products = Product.objects.for_user(request.user).filter(vendor=vendor)
    return vendor, get_object_or_404(products.select_related("vendor", "category"), pk=pk)


def _edit_url(product, anchor=""):
    return reverse("catalog_dashboard:edit", args=[product.pk]) + anchor


def _photos_url(product, anchor=""):
    return reverse("catalog_dashboard:photos", args=[product.pk]) + anchor


def _publish(request, product):
    """Ask for publication and tell the vendor what happened, or why not."""
    try:
        product = services.request_publication(product, request.user)
    except ValidationError as error:
        messages.error(request, _("The product is not published yet:"))
        errors_to_messages(request, error)
        return product
    if product.status == Status.IN_REVIEW:
        messages.info(
            request,
            _(
                "Sent for review. The office checks a new product before it shows; "
                "its status here changes when they have."
            ),
        )
    else:
        messages.success(request, _("Published. Shoppers can see it now."))
    return product


@login_required
def product_list(request):
    vendor = vendor_or_404(request)
    page_obj = Paginator(vendor_products(request.user, vendor), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "catalog/dashboard/product_list.html",
        {
            "vendor": vendor,
            "page_obj": page_obj,
            "products": page_obj.object_list,
            "all_products_certificate": all_products_certificate(vendor),
            "title": _("Your products"),
        },
    )


@login_required
def product_add(request):
    vendor = vendor_or_404(request)
    data = request.POST if request.method == "POST" else None
    form = ProductForm(data, vendor=vendor)
    photo_form = PhotoUploadForm(data, request.FILES or None, required=False)
    if data is not None:
        valid = form.is_valid()
        valid = photo_form.is_valid() and valid
        if valid:
            with transaction.atomic():
                product = form.save()
                photo_form.save(product, request.user)
            messages.success(request, _("Your product is saved as a draft."))
            if "publish" in request.POST:
                _publish(request, product)
            return redirect(_edit_url(product))
        if request.FILES:
            messages.error(
                request,
                _("Please fix the marked fields. For your safety, choose the photos again."),
            )
    return render(
        request,
        "catalog/dashboard/product_form.html",
        {
            "vendor": vendor,
            "form": form,
            "photo_form": photo_form,
            "title": _("Add a product"),
        },
    )


@login_required
def product_edit(request, pk):
    vendor, product = _own_product(request, pk)
    saved_name = product.name  # the heading keeps the saved name while errors are shown
    data = request.POST if request.method == "POST" else None
    form = ProductForm(data, instance=product, vendor=vendor)
    tiers = TierPriceFormSet(data, instance=product, prefix="tiers")
    if data is not None:
        # The product form first: it sets the new base price the tier prices are checked
        # against.
        valid = form.is_valid()
        valid = tiers.is_valid() and valid
        if valid:
            with transaction.atomic():
                form.save()
                tiers.save()
            messages.success(request, _("Saved."))
            return redirect(_edit_url(product))
    photos = list(product.images.select_related("image").prefetch_related("image__renditions"))
    shelves = product.shelf_stock.select_related("location").exclude(
        status__in=[LocationStock.Status.RETIRED, LocationStock.Status.DECLINED]
    )
    return render(
        request,
        "catalog/dashboard/product_form.html",
        {
            "vendor": vendor,
            "product": product,
            "form": form,
            "tiers": tiers,
            "photos": photos,
            "max_photos": services.MAX_IMAGES,
            "blockers": services.publication_blockers(product)
            if product.status in (Status.DRAFT, Status.ARCHIVED)
            else [],
            "shelves": shelves,
            "propose_form": ProposeForm(),
            "title": saved_name,
        },
    )


@login_required
def photos(request, pk):
    vendor, product = _own_product(request, pk)
    form = PhotoUploadForm(
        request.POST if request.method == "POST" else None,
        request.FILES or None,
        product=product,
    )
    if request.method == "POST" and form.is_valid():
        try:
            created = form.save(product, request.user)
        except ValidationError as error:
            errors_to_messages(request, error)
        else:
            count = len(created)
            messages.success(
                request,
                ngettext("%(count)d photo added.", "%(count)d photos added.", count)
                % {"count": count},
            )
        return redirect(_photos_url(product))
    images = list(product.images.select_related("image").prefetch_related("image__renditions"))
    return render(
        request,
        "catalog/dashboard/photos.html",
        {
            "vendor": vendor,
            "product": product,
            "form": form,
            "photos": [
                (photo, PhotoAltForm(instance=photo, prefix=f"photo-{photo.pk}"))
                for photo in images
            ],
            "max_photos": services.MAX_IMAGES,
            "room": services.MAX_IMAGES - len(images),
            "title": _("Photos of %(name)s") % {"name": product.name},
        },
    )


@login_required
@require_POST
def photo_alt(request, pk, image_pk):
    vendor, product = _own_product(request, pk)
    photo = get_object_or_404(product.images, pk=image_pk)
    form = PhotoAltForm(request.POST, instance=photo, prefix=f"photo-{photo.pk}")
    if form.is_valid():
        form.save()
        messages.success(request, _("The photo description is saved."))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect(_photos_url(product, f"#photo-{photo.pk}"))


@login_required
@require_POST
def photo_remove(request, pk, image_pk):
    vendor, product = _own_product(request, pk)
    with transaction.atomic():
        product = Product.objects.select_for_update().get(pk=product.pk)
        photo = get_object_or_404(product.images.select_related("image"), pk=image_pk)
        shown = product.status in (Status.PUBLISHED, Status.IN_REVIEW)
        if shown and product.images.count() <= services.MIN_IMAGES:
            messages.error(
                request,
                _(
                    "A published product needs at least one photo. Add another photo first, "
                    "or take the product offline."
                ),
            )
            return redirect(_photos_url(product))
        image = photo.image
        photo.delete()
        # The Wagtail image was uploaded for this photo; keep it only if used elsewhere.
        if not ProductImage.objects.filter(image=image).exists():
            image.delete()
    messages.success(request, _("Photo removed."))
    return redirect(_photos_url(product))


@login_required
@require_POST
def photo_move(request, pk, image_pk, step):
    """Swap a photo with its neighbour; the first photo is the one shoppers see first."""
    vendor, product = _own_product(request, pk)
    with transaction.atomic():
        Product.objects.select_for_update().filter(pk=product.pk).first()
        photos = list(product.images.all())
        index = next((i for i, photo in enumerate(photos) if photo.pk == image_pk), None)
        if index is None:
            raise Http404
        target = index + step
        if 0 <= target < len(photos):
            photos[index], photos[target] = photos[target], photos[index]
            # Renumber all: older rows may share a sort_order.
            for order, photo in enumerate(photos):
                photo.sort_order = order
            ProductImage.objects.bulk_update(photos, ["sort_order"])
    return redirect(_photos_url(product, f"#photo-{image_pk}"))


@login_required
@require_POST
def publish(request, pk):
    vendor, product = _own_product(request, pk)
    _publish(request, product)
    return redirect(_edit_url(product))


@login_required
@require_POST
def unpublish(request, pk):
    vendor, product = _own_product(request, pk)
    try:
        services.unpublish_product(product, request.user)
    except ValidationError as error:
        errors_to_messages(request, error)
    else:
        messages.success(request, _("Taken offline. It is a draft again; shoppers cannot see it."))
    return redirect(_edit_url(product))


@login_required
@require_POST
def archive(request, pk):
    vendor, product = _own_product(request, pk)
    try:
        services.archive_product(product, request.user)
    except ValidationError as error:
        errors_to_messages(request, error)
    else:
        messages.success(
            request, _("Archived. Shoppers cannot see it; you can publish it again later.")
        )
    return redirect(_edit_url(product))


@login_required
@require_POST
def propose(request, pk):
    vendor, product = _own_product(request, pk)
    form = ProposeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an outlet."))
        return redirect(_edit_url(product, "#outlets"))
    location = form.cleaned_data["location"]
    try:
        stock = services.propose_for_location(product, request.user, location)
    except ValidationError as error:
        errors_to_messages(request, error)
    else:
        if stock.status == LocationStock.Status.ACCEPTED:
            messages.info(
                request, _("It is already on the shelf at %(outlet)s.") % {"outlet": location}
            )
        else:
            messages.success(
                request,
                _("Proposed to %(outlet)s. The outlet's staff decide in their next curation round.")
                % {"outlet": location},
            )
    return redirect(_edit_url(product, "#outlets"))
