"""Checking and cleaning what citizens upload.

The type is sniffed from the content, never trusted from the name; images are
re-encoded with Pillow, which also drops EXIF data such as GPS position.
"""

import io
import os
import uuid

import filetype
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_FILES = 5
MAX_PIXELS = 40_000_000

IMAGE_TYPES = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "image/gif": "gif"}
DOCUMENT_TYPES = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.oasis.opendocument.text": "odt",
}


def upload_clean(uploaded):
    """A checked, cleaned upload: (ContentFile, original name, content type)."""
    name = os.path.basename(uploaded.name or "file")[:200]
    if uploaded.size > MAX_FILE_BYTES:
        raise ValidationError(
            _("“%(name)s” is larger than 10 MB. Please send a smaller file.") % {"name": name}
        )
    head = uploaded.read(8192)
    uploaded.seek(0)
    kind = filetype.guess(head)
    mime = kind.mime if kind else ""
    if mime in IMAGE_TYPES:
        return _image_reencode(uploaded, name), name, _image_mime(mime)
    if mime in DOCUMENT_TYPES:
        data = uploaded.read()
        return ContentFile(data, name=f"{uuid.uuid4().hex}.{DOCUMENT_TYPES[mime]}"), name, mime
    raise ValidationError(
        _(
            "“%(name)s” is not a photo (JPEG, PNG, WebP, GIF) or a document (PDF, Word, "
            "Excel, OpenDocument). Its content was checked, not its name."
        )
        % {"name": name}
    )


def _image_mime(mime):
    return "image/png" if mime in ("image/png", "image/gif") else "image/jpeg"


def _image_reencode(uploaded, name):
    try:
        Image.MAX_IMAGE_PIXELS = MAX_PIXELS
        with Image.open(uploaded) as image:
            image.load()
            keep_alpha = image.format in ("PNG", "GIF")
            if keep_alpha:
                clean, fmt, ext = image.convert("RGBA"), "PNG", "png"
            else:
                clean, fmt, ext = image.convert("RGB"), "JPEG", "jpg"
            buffer = io.BytesIO()
            clean.save(buffer, format=fmt, quality=85, optimize=True)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as error:
        raise ValidationError(
            _("“%(name)s” could not be read as an image.") % {"name": name}
        ) from error
    return ContentFile(buffer.getvalue(), name=f"{uuid.uuid4().hex}.{ext}")
