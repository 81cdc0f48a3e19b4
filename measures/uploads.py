"""Evidence uploads: type sniffed from the content, size capped, images re-encoded.

Staff upload activity photos and minutes; they are published as they are, so
only formats a browser shows inertly are accepted (JPEG, PNG, WebP, PDF) —
never anything a browser could run as HTML or script — and images are decoded
and written again by Pillow, which drops EXIF (GPS positions included) and
whatever a crafted file carried beyond its pixels.
"""

import io
import uuid

import filetype
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
LONGEST_SIDE = 2400
IMAGE_TYPES = {"jpg": "JPEG", "png": "PNG", "webp": "WEBP"}
DOCUMENT_TYPES = {"pdf"}


def evidence_upload_to(instance, filename):
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"evidence/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"


def _sniff(uploaded):
    uploaded.seek(0)
    head = uploaded.read(8192)
    uploaded.seek(0)
    kind = filetype.guess(head)
    return kind.extension if kind else None


def validate_evidence_file(uploaded):
    """Size and sniffed type; raises a ValidationError with a Thai message."""
    if uploaded.size > MAX_EVIDENCE_BYTES:
        raise ValidationError(
            _("The file is too large (%(size)s MB); the limit is %(limit)s MB."),
            params={
                "size": round(uploaded.size / 1024 / 1024, 1),
                "limit": MAX_EVIDENCE_BYTES // 1024 // 1024,
            },
            code="file_too_large",
        )
    extension = _sniff(uploaded)
    if extension not in IMAGE_TYPES and extension not in DOCUMENT_TYPES:
        raise ValidationError(
            _("This file is not a JPEG, PNG or WebP photo or a PDF document."),
            code="file_type",
        )
    return extension


def evidence_clean(uploaded, *, photo_expected=False):
    """A validated upload, images re-encoded: the ContentFile to store."""
    extension = validate_evidence_file(uploaded)
    if extension in DOCUMENT_TYPES:
        if photo_expected:
            raise ValidationError(_("A photo must be a JPEG, PNG or WebP image."), code="file_type")
        uploaded.seek(0)
        return ContentFile(uploaded.read(), name="document.pdf")
    return _reencode(uploaded, extension)


def _reencode(uploaded, extension):
    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
    try:
        uploaded.seek(0)
        with Image.open(uploaded) as image:
            image.load()
            image = ImageOps.exif_transpose(image)
            image.thumbnail((LONGEST_SIDE, LONGEST_SIDE))
            out = io.BytesIO()
            if extension == "png":
                image.save(out, format="PNG", optimize=True)
                name = "photo.png"
            else:
                image.convert("RGB").save(out, format="JPEG", quality=85, optimize=True)
                name = "photo.jpg"
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("The image could not be read; it may be damaged."), code="file_broken"
        ) from None
    return ContentFile(out.getvalue(), name=name)
