"""Preview tags and share links for pages people pass on (LINE first: it is
how Thai parents and villages share news).

    {% load sharing %}
    {% block social %}{% social_meta title=survey.title description=survey.intro %}{% endblock %}
    {% share_links %}

Addresses are absolute on the portal's public address (PORTAL_SITE_URL), the
one a preview fetcher and a friend's phone can open.
"""

from functools import lru_cache
from urllib.parse import quote

import segno
from django import template
from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext

register = template.Library()

DESCRIPTION_LENGTH = 200


def absolute(url):
    """`url` on the public address, unless storage already made it absolute."""
    return url if url.startswith(("https://", "http://")) else settings.SITE_URL + url


def _image_url(image, agency):
    for candidate in (image, agency and agency.emblem, agency and agency.logo):
        if candidate:
            return absolute(candidate.url)
    # No raster fallback: preview fetchers refuse SVG, and a wrong picture
    # is worse than none.
    return None


@register.inclusion_tag("includes/social_meta.html", takes_context=True)
def social_meta(context, *, title="", description="", image=None, kind="website"):
    """Open Graph and Twitter card tags: `image` (a file field) or the
    agency's emblem or logo."""
    agency = context.get("agency")
    request = context.get("request")  # none on the bare server-error page
    site_name = agency.display_name if agency else ""
    return {
        "title": title or site_name,
        "description": Truncator(" ".join(str(description).split())).chars(DESCRIPTION_LENGTH),
        "image": _image_url(image, agency),
        "url": absolute(request.path if request else "/"),
        "kind": kind,
        "site_name": site_name,
    }


@register.inclusion_tag("includes/share_links.html", takes_context=True)
def share_links(context):
    """LINE, Facebook and copy-the-link for the page being read."""
    url = absolute(context["request"].path)
    return {
        "url": url,
        "line_url": f"https://social-plugins.line.me/lineit/share?url={quote(url, safe='')}",
        "facebook_url": f"https://www.facebook.com/sharer/sharer.php?u={quote(url, safe='')}",
    }


@lru_cache(maxsize=8)
def _line_qr(url, title):
    # segno writes the markup itself and escapes the address and the title.
    return mark_safe(segno.make(url, error="m").svg_inline(scale=3, border=2, title=title))


@register.simple_tag
def line_qr(agency):
    """The QR code a phone's LINE app scans to add the agency's account (the
    footer shows it on every page, hence the cache)."""
    url = agency.line_url if agency else ""
    return _line_qr(url, gettext("QR code to add our LINE account")) if url else ""
