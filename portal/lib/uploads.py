"""Uploaded files: type sniffed from the content, size capped, images re-encoded.

The mechanics every app shares live here, in the leaf package; each app keeps
its own policy of which kinds it accepts and how it words the refusal. Images
are decoded and written again by Pillow, which drops EXIF (GPS positions
included) and whatever a crafted file carried beyond its pixels; nothing is
ever accepted that a browser could run as HTML or script.
"""

import io
import uuid

import filetype
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_IMAGE_PIXELS = 40_000_000
LONGEST_SIDE = 2400
# Pages and the annual report show photos a few centimetres wide: 512 pixels
# print at 250 dpi in the report's 5 cm frames and fill a cheap phone's
# screen, at a fortieth of a phone photo's bytes. A year of 900 photos then
# makes a report of about 25 MB, which an agency's website accepts and a
# citizen can download; at 640 pixels it was twice that, and every byte also
# passes through the PDF writer.
PREVIEW_SIDE = 512
PREVIEW_QUALITY = 75
MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
EVIDENCE_IMAGE_TYPES = {"jpg", "png", "webp"}
EVIDENCE_DOCUMENT_TYPES = {"pdf"}


class UnreadableImage(Exception):
    """The bytes claimed to be an image but Pillow could not decode them."""


def sniff_kind(uploaded):
    """The file's real type from its first bytes (a `filetype` kind), or None."""
    uploaded.seek(0)
    head = uploaded.read(8192)
    uploaded.seek(0)
    return filetype.guess(head)


def image_reencode(uploaded, *, longest_side=LONGEST_SIDE, quality=85):
    """A fresh JPEG (or PNG, for sources that may be transparent) of the picture.

    Turned upright from its EXIF orientation before the EXIF is dropped, and
    scaled down to `longest_side`: a phone photo needs no 8000 pixels.
    """
    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
    try:
        uploaded.seek(0)
        with Image.open(uploaded) as image:
            # A JPEG decodes straight at a fraction of its size when that suffices.
            image.draft("RGB", (longest_side, longest_side))
            image.load()
            transparent = image.format in {"PNG", "GIF"}
            image = ImageOps.exif_transpose(image)
            image.thumbnail((longest_side, longest_side))
            out = io.BytesIO()
            if transparent:
                image.convert("RGBA").save(out, format="PNG", optimize=True)
                extension = "png"
            else:
                image.convert("RGB").save(out, format="JPEG", quality=quality, optimize=True)
                extension = "jpg"
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as error:
        raise UnreadableImage from error
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.{extension}")


def image_preview(image_file):
    """The small JPEG copy of a stored photo that pages and the report show."""
    return image_reencode(image_file, longest_side=PREVIEW_SIDE, quality=PREVIEW_QUALITY)


def evidence_upload_to(instance, filename):
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"evidence/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"


def validate_evidence_file(uploaded):
    """Size and sniffed type of activity evidence; a Thai ValidationError if wrong."""
    if uploaded.size > MAX_EVIDENCE_BYTES:
        raise ValidationError(
            _("The file is too large (%(size)s MB); the limit is %(limit)s MB."),
            params={
                "size": round(uploaded.size / 1024 / 1024, 1),
                "limit": MAX_EVIDENCE_BYTES // 1024 // 1024,
            },
            code="file_too_large",
        )
    kind = sniff_kind(uploaded)
    extension = kind.extension if kind else None
    if extension not in EVIDENCE_IMAGE_TYPES | EVIDENCE_DOCUMENT_TYPES:
        raise ValidationError(
            _("This file is not a JPEG, PNG or WebP photo or a PDF document."),
            code="file_type",
        )
    return extension


def evidence_clean(uploaded, *, photo_expected=False):
    """Validated activity evidence: (the ContentFile to store, its preview).

    Images are re-encoded and get a preview; documents are kept as they are,
    with no preview (None)."""
    extension = validate_evidence_file(uploaded)
    if extension in EVIDENCE_DOCUMENT_TYPES:
        if photo_expected:
            raise ValidationError(_("A photo must be a JPEG, PNG or WebP image."), code="file_type")
        uploaded.seek(0)
        return ContentFile(uploaded.read(), name="document.pdf"), None
    try:
        stored = image_reencode(uploaded)
    except UnreadableImage:
        raise ValidationError(
            _("The image could not be read; it may be damaged."), code="file_broken"
        ) from None
    return stored, image_preview(stored)
