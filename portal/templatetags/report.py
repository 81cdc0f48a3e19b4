"""The annual report's per-record QR code: a reader of the printed clause
section points a phone at it to open the record that carried the clause out.

    {% load report %}{% record_qr rec.url %}
"""

from django import template

from portal.report.render import qr_svg

register = template.Library()


@register.simple_tag
def record_qr(url):
    """A small QR code of `url` (an absolute address), or nothing without one."""
    return qr_svg(url, svgclass="qr qr-record") if url else ""
