"""Photos the vendors upload (logos, covers, product photos): checked against the limits of
Wagtail's own settings (WAGTAILIMAGES_MAX_UPLOAD_SIZE, WAGTAILIMAGES_MAX_IMAGE_PIXELS) and
stored as Wagtail images through Wagtail's public API."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image as PillowImage
from wagtail.images import get_image_model

MEGABYTE = 1024 * 1024


def max_photo_bytes() -> int:
    return settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE


def max_photo_pixels() -> int:
    return settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS


def clean_photo(upload):
    """A photo we can show: JPEG, PNG or WebP by content, within Wagtail's size and pixel
    limits."""
    if not upload:
        return upload
    if upload.size > max_photo_bytes():
        raise ValidationError(
            _("The photo is %(size).1f MB; photos may be at most %(max)d MB.")
            % {"size": upload.size / MEGABYTE, "max": max_photo_bytes() // MEGABYTE}
        )
    upload.seek(0)
    try:
        with PillowImage.open(upload) as image:
            if image.format not in ("JPEG", "PNG", "WEBP"):
                raise ValidationError(_("Use a JPEG, PNG or WebP photo."))
            if image.width * image.height > max_photo_pixels():
                raise ValidationError(
                    _("The photo is too large (%(w)d × %(h)d pixels); at most %(max)d megapixels.")
                    % {"w": image.width, "h": image.height, "max": max_photo_pixels() // 1_000_000}
                )
            image.verify()
    except ValidationError:
        raise
    except Exception as error:
        raise ValidationError(_("This file is not a photo we can open.")) from error
    finally:
        upload.seek(0)
    return upload


def save_image(upload, title: str, *, uploaded_by=None):
    """A Wagtail image of ``upload``, with its width and height (the image field reads them),
    and its file size and hash (Wagtail's getters read them from the stored file and keep
    them on the row)."""
    image = get_image_model()(title=title[:255], file=upload, uploaded_by_user=uploaded_by)
    image.save()
    image.get_file_size()
    image.get_file_hash()
    return image
