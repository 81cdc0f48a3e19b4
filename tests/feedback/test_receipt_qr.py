"""The receipt keeps: a QR code opening the tracking page with the code filled in,
and a copy button (its script is a static file: the CSP allows no inline script)."""

from urllib.parse import quote

import pytest
import segno
from django.urls import reverse

from feedback.models import Case
from tests.factories import feedback as fb

pytestmark = pytest.mark.django_db


def test_the_receipt_has_a_qr_code_to_the_tracking_page_with_the_code_and_a_copy_button(
    client, agency, settings
):
    response = client.post(reverse("feedback:submit"), fb.form_data(), follow=True)
    case = Case.objects.get()
    html = response.content.decode()
    # The code travels after "#": browsers never send it, so no server log holds it.
    address = f"{settings.SITE_URL}/feedback/track/#code={case.tracking_code}"
    expected = segno.make(address, error="m").svg_inline(
        scale=4, border=2, title="คิวอาร์โค้ดหน้าติดตามเรื่อง"
    )
    assert expected in html
    assert 'data-copy="tracking-code"' in html and "คัดลอกรหัส" in html
    assert "<script>" not in html
    # Receipts printed with the code in the query still fill it in.
    filled = client.get(f"/feedback/track/?code={quote(case.tracking_code)}").content.decode()
    assert f'value="{case.tracking_code}"' in filled
