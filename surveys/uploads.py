"""Appointment orders and minutes: PDF only, checked from the content.

They are published as they are, so nothing a browser could run (HTML, SVG
with script) may hide behind a .pdf name.
"""

import uuid

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.lib.uploads import sniff_kind

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


def document_upload_to(instance, filename):
    return f"surveys/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.pdf"


def validate_pdf(uploaded):
    if uploaded.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(_("The file is too large; the limit is 10 MB."), code="too_large")
    kind = sniff_kind(uploaded)
    if kind is None or kind.extension != "pdf":
        raise ValidationError(_("Only PDF files are accepted."), code="not_pdf")
