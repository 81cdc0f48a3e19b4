"""What citizens may attach to a case, and how it is cleaned before storing.

The mechanics (sniffing, re-encoding) are shared in `portal.lib.uploads`; this
module is the citizen-facing policy: which kinds, how many, how large.
"""

import os
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from portal.lib.uploads import UnreadableImage, image_reencode, sniff_kind

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_FILES = 5

IMAGE_TYPES = {"image/jpeg", "image/png", "image/webp", "image/gif"}
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
    kind = sniff_kind(uploaded)
    mime = kind.mime if kind else ""
    if mime in IMAGE_TYPES:
        try:
            cleaned = image_reencode(uploaded)
        except UnreadableImage:
            raise ValidationError(
                _("“%(name)s” could not be read as an image.") % {"name": name}
            ) from None
        content_type = "image/png" if cleaned.name.endswith(".png") else "image/jpeg"
        return cleaned, name, content_type
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
