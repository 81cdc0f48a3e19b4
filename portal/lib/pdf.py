"""The project's one WeasyPrint caller: HTML in, official PDF bytes out.

    from portal.lib.pdf import html_to_pdf
    pdf = html_to_pdf(html, title="…", author="…", created=timestamp)

The HTML names its resources as site URLs (`/static/css/print-official.css`,
`/media/agency/emblem.png`); a fetcher resolves those two prefixes to files
(static through the staticfiles finders, media through the default storage, so
photos in object storage reach the PDF as surely as those on disk) and refuses
everything else, so a document can reach neither the network nor the rest of
the file system, whatever text staff or citizens put in it.

The same input gives byte-identical output: the creation and modification
dates come from `created`, never from the clock.

The text layer is exact for Thai (SARA AM, tone marks) through the patch in
`portal.lib.pdf_text` (WeasyPrint issue #2841), and every PDF is tagged
(PDF/UA-1: structure tree, document language) so screen readers can read it.
"""

from __future__ import annotations

import contextlib
import datetime
import gc
import logging
import mimetypes
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.utils import timezone

# WeasyPrint logs every step at INFO; keep its warnings (refused URLs) only.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

# Relative URLs in the HTML resolve against this origin; the fetcher serves
# only URLs on it (".invalid" is reserved: it can never reach a real host).
BASE_URL = "https://portal.invalid/"
_ORIGIN = "https://portal.invalid"


class ResourceRefused(ValueError):
    """A document asked for something other than our static or media files."""


def _safe_relative(path: str, prefix: str) -> str:
    relative = posixpath.normpath(unquote(path)[len(prefix) :])
    if relative.startswith(("/", "..")) or relative in ("", "."):
        raise ResourceRefused(path)
    return relative


def resolve_resource(url: str) -> bytes:
    """The content of the file a `/static/…` or `/media/…` URL names, or of a
    file in object storage addressed by the storage's own URL; else ResourceRefused."""
    parts = urlsplit(url)
    storage_base = _media_storage_base()
    if storage_base.netloc and (parts.scheme, parts.netloc) == (
        storage_base.scheme,
        storage_base.netloc,
    ):
        if not parts.path.startswith(storage_base.path):
            raise ResourceRefused(url)
        return _media_bytes(_safe_relative(parts.path, storage_base.path), url)
    if f"{parts.scheme}://{parts.netloc}" != _ORIGIN:
        raise ResourceRefused(url)
    static_prefix = settings.STATIC_URL if settings.STATIC_URL.startswith("/") else "/static/"
    media_prefix = settings.MEDIA_URL if settings.MEDIA_URL.startswith("/") else "/media/"
    if parts.path.startswith(static_prefix):
        relative = _safe_relative(parts.path, static_prefix)
        found = finders.find(relative)
        if found:
            return Path(found).read_bytes()
        # Under the manifest storage, {% static %} names the hashed copy in STATIC_ROOT.
        return _file_under(settings.STATIC_ROOT, relative, url).read_bytes()
    if parts.path.startswith(media_prefix):
        return _media_bytes(_safe_relative(parts.path, media_prefix), url)
    raise ResourceRefused(url)


def _media_storage_base():
    """Where the default storage addresses its files: nothing of its own on one
    server (/media/ on this site), the bucket's address with object storage, which
    is what `{{ photo.url }}` then writes into a document."""
    probe = "probe"
    return urlsplit(default_storage.url(probe).split("?")[0].removesuffix(probe))


def _media_bytes(relative: str, url: str) -> bytes:
    try:
        with default_storage.open(relative, "rb") as media:
            return media.read()
    except (OSError, SuspiciousFileOperation) as error:
        raise ResourceRefused(url) from error


def _file_under(root, relative: str, url: str) -> Path:
    if not root:
        raise ResourceRefused(url)
    root = Path(root).resolve()
    candidate = (root / relative).resolve()
    if not candidate.is_relative_to(root) or not candidate.is_file():
        raise ResourceRefused(url)
    return candidate


def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalFilesFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            content = resolve_resource(url)
            content_type = mimetypes.guess_type(urlsplit(url).path)[0] or "application/octet-stream"
            return URLFetcherResponse(url, content, headers={"Content-Type": content_type})

    return LocalFilesFetcher


def _w3c(moment: datetime.datetime) -> str:
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment.replace(microsecond=0).isoformat()


@contextlib.contextmanager
def cyclic_gc_paused():
    """Python's cycle collector off for the duration of a rendering.

    WeasyPrint builds a tree of millions of small objects, and each pass of
    the collector walks all of them again: on the annual report that was an
    eighth of the rendering time, and it reclaimed nothing that reference
    counting did not (the peak memory is the same without it).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def html_to_pdf(
    html: str,
    *,
    title: str,
    author: str,
    created: datetime.datetime,
    language: str = "th",
) -> bytes:
    """Render `html` to PDF with embedded fonts and fixed metadata."""
    # Imported here: loading Pango costs time no web request without a PDF needs.
    from weasyprint import HTML

    from portal.lib import pdf_text

    pdf_text.install()
    from portal.lib import thai

    html = thai.bind_numbers(html)
    fetcher = _fetcher_class()(allowed_protocols=("https", "http"))
    with cyclic_gc_paused():
        document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render()
        metadata = document.metadata
        metadata.title = title
        metadata.authors = [author] if author else []
        metadata.lang = language
        metadata.created = metadata.modified = _w3c(created)
        metadata.generator = None
        return document.write_pdf(pdf_identifier=False, pdf_variant="pdf/ua-1")
