import io

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from catalog.models import ProductImage
from tests.factories import ProductFactory, VendorFactory


def photo(name="foto.jpg", size=(64, 64), color=(200, 120, 40)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, color).save(buffer, "JPEG")
    buffer.seek(0)
    image = get_image_model()(title=name, file=ImageFile(buffer, name=name))
    image._set_image_file_metadata()
    image.save()
    return image


def products_with_photos(count, **kwargs):
    """``count`` public products of a few vendors, each with its own photo."""
    vendors = [VendorFactory() for _ in range(3)]
    products = []
    for i in range(count):
        product = ProductFactory(vendor=vendors[i % 3], **kwargs)
        ProductImage.objects.create(product=product, image=photo(f"p{i}.jpg"))
        products.append(product)
    return products
