"""Whole public pages kept for anonymous visitors (issue 16: one small server
serving a campaign week).

A citizen without a session reads exactly what every other such citizen
reads, so the rendered page is kept and served again until anything public
changes. Every rule of it is here:

- only a GET from a browser without a session or a waiting message: staff
  (always signed in) and citizens with a session (a case being tracked)
  get a freshly rendered page, and nothing rendered for them is kept;
- only a 200 answer that set no cookie of its own and wrote no session;
- keyed by the release (portal.lib.code_version: templates, static files,
  catalogues, code), the day (a survey round opens and closes by date), the
  path with its query and the page's language, kept at most
  PORTAL_PAGE_CACHE_SECONDS, and dropped at once whenever a
  record of the portal's apps is saved or deleted (public_pages_changed(),
  connected in portal/apps.py; services that update rows in bulk call it);
  a restarted process of a new release renders afresh, so an upgrade shows
  its templates and its hashed CSS at once;
- what the TTL alone bounds: a page rendered from a lagging replica
  (DATABASE_REPLICA_URL) just after a change;
- the two per-response secrets are never kept: the CSP nonce and the CSRF
  token (every page carries the language switcher, a POST form) are cut out
  when a page is kept, and each visitor gets their own when it is served.

A page carrying a one-time value of its own (a form's token) is kept whole
too when its view prints that value as one_time_mark() and names its issuer
(`@public_page(one_time={...})`): the mark is kept, and every visitor gets a
fresh value in its place, whether the page was kept or rendered for them.
A page that shows something of a visitor's own cookie (a survey already
answered) names the cookie (`personal_cookies=`): its carrier gets a page of
their own, and nothing rendered for them is kept. A part of a page that is
the same for everybody can be kept alone with public_fragment(): kept and
dropped under the same rules, whoever asks.
"""

import html
import logging
import re
import secrets
from functools import partial, wraps

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import transaction
from django.http import HttpResponse

# Django's own unmasking: finds every form token minted from this visitor's
# secret, wherever the page prints it (tests/portal/test_page_cache.py).
from django.middleware.csrf import _unmask_cipher_token, get_token
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.safestring import mark_safe

from portal.lib.code_version import code_version

logger = logging.getLogger(__name__)

CACHE_ALIAS = "pages"
VERSION_KEY = "public-pages:version"
# Renewed when a record no public page shows changes (an account's name, a
# personal data request): what staff pages kept for their viewer also key on.
STAFF_VERSION_KEY = "staff-pages:version"
NONCE_MARK = b"\x00csp-nonce\x00"
CSRF_MARK = b"\x00csrf-token\x00"
ONE_TIME_MARK = re.compile(rb"\x00one-time:([a-z-]+):([A-Za-z0-9_-]*):([0-9a-f]{20})\x00")
ONE_TIME_SALT = "portal.lib.page_cache.one_time_mark"
MASKED_TOKEN = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
# Messages wait in this cookie (or in the session) for the next page.
MESSAGES_COOKIE = "messages"


def public_page(view=None, *, one_time=None, personal_cookies=()):
    """Serve the view's page from the cache to anonymous visitors (rules above).

    one_time: {name: issue} for the one-time values the page prints as
    one_time_mark(name, argument); issue(argument) gives a fresh one.
    personal_cookies: the starts of the names of cookies the page shows
    something of."""
    if view is None:
        return partial(public_page, one_time=one_time, personal_cookies=personal_cookies)
    one_time = one_time or {}

    @wraps(view)
    def cached_view(request, *args, **kwargs):
        if not _may_share(request) or any(
            name.startswith(personal_cookies) for name in request.COOKIES
        ):
            return _one_time_filled(view(request, *args, **kwargs), one_time)
        key = _page_key(request)
        try:
            found = _pages().get_many([VERSION_KEY, key])
        except Exception:  # the cache is a shortcut, never a reason to fail
            logger.warning("page cache unreadable", exc_info=True)
            return _one_time_filled(view(request, *args, **kwargs), one_time)
        version = found.get(VERSION_KEY) or _version_start()
        kept = found.get(key)
        if kept and kept["version"] == version:
            return _served(request, kept, one_time)
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        if _may_keep(request, response):
            _keep(request, response, key=key, version=version)
        return _one_time_filled(response, one_time)

    return cached_view


def one_time_mark(name, argument):
    """What a view prints where a one-time value of its page goes (public_page's
    `one_time`); `argument` (letters, digits, - and _) is passed to its issuer.

    The mark carries a tag only the portal can make: a page may also print a
    visitor's own words (a refused sheet sends them back), and words shaped
    like a mark are theirs, left as typed, never a place for a value."""
    return f"\x00one-time:{name}:{argument}:{_one_time_tag(name, argument)}\x00"


def _one_time_tag(name, argument):
    return salted_hmac(ONE_TIME_SALT, f"{name}:{argument}").hexdigest()[:20]


def public_fragment(name, render):
    """The HTML `render()` returns, kept under `name` until anything public
    changes (or PORTAL_PAGE_CACHE_SECONDS pass): for a part of a page that is
    the same for every visitor, such as a survey's questions. `name` must
    say everything the HTML depends on (the record, the language)."""
    html = kept_until_change(f"fragment:{name}", lambda: str(render()))
    return mark_safe(html)  # our own rendering, kept as it was


def kept_until_change(key, compute):
    """What `compute()` returns (anything the cache can pickle), kept under
    `key` until a record of the portal changes (or PORTAL_PAGE_CACHE_SECONDS
    pass), for whoever asks: the same signal as the public pages. `key` must
    say everything the value depends on besides the records (the day, a
    setting, the language)."""
    if settings.PORTAL_PAGE_CACHE_SECONDS <= 0:
        return compute()
    key = f"{code_version()}:{key}"
    try:
        found = _pages().get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY) or _version_start()
    except Exception:  # the cache is a shortcut, never a reason to fail
        logger.warning("page cache unreadable", exc_info=True)
        return compute()
    kept = found.get(key)
    if kept and kept.get("version") == version and "value" in kept:
        return kept["value"]
    value = compute()
    try:
        _pages().set(key, {"version": version, "value": value}, settings.PORTAL_PAGE_CACHE_SECONDS)
    except Exception:
        logger.warning("page cache unwritable", exc_info=True)
    return value


def public_pages_changed(**_signal_arguments):
    """Every kept page is stale from the commit of the current transaction on."""
    _version_renew_on_commit(VERSION_KEY)


def staff_records_changed(**_signal_arguments):
    """A record only staff pages show changed: as public_pages_changed(),
    for what is kept under records_versions() alone."""
    _version_renew_on_commit(STAFF_VERSION_KEY)


def _version_renew_on_commit(key):
    if not isinstance(_pages(), DatabaseCache):
        # At once as well where renewing takes no database lock (Redis, and
        # the tests' local memory, whose transactions never commit); in the
        # database cache a write inside the transaction would hold a row lock
        # every writer of the portal then queues behind.
        _version_renew(key)
    transaction.on_commit(partial(_version_renew, key))


def records_versions():
    """The change signals of every record (public ones, staff-only ones) as
    one value: what a staff page kept for its viewer is valid under. None
    when the cache keeps nothing or cannot be read."""
    if settings.PORTAL_PAGE_CACHE_SECONDS <= 0:
        return None
    try:
        found = _pages().get_many([VERSION_KEY, STAFF_VERSION_KEY])
        return (
            found.get(VERSION_KEY) or _version_start(),
            found.get(STAFF_VERSION_KEY) or _version_start(STAFF_VERSION_KEY),
        )
    except Exception:
        logger.warning("page cache version unreadable", exc_info=True)
        return None


def public_pages_version():
    """The change signal's current value: a new one from the commit of any
    change public_pages_changed() hears of, never an old one again. Others
    key on it what depends on the records alone (the report's draft PDF).
    None when the cache keeps nothing (a dummy cache) or cannot be read."""
    try:
        return _pages().get(VERSION_KEY) or _version_start()
    except Exception:
        logger.warning("page cache version unreadable", exc_info=True)
        return None


def _pages():
    return caches[CACHE_ALIAS]


def _version_renew(key=VERSION_KEY):
    # A random value, not a counter: a counter evicted from the cache would
    # start again and bring old pages back to life.
    try:
        _pages().set(key, secrets.token_hex(8), None)
    except Exception:  # no cache table yet (migrate runs first) or the cache away
        logger.warning("page cache version not renewed", exc_info=True)


def _version_start(key=VERSION_KEY):
    _pages().add(key, secrets.token_hex(8), None)
    return _pages().get(key)


def _may_share(request):
    return (
        settings.PORTAL_PAGE_CACHE_SECONDS > 0
        and request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and MESSAGES_COOKIE not in request.COOKIES
    )


def _page_key(request):
    # The day too: what opens or closes by date (a survey round) does so at
    # midnight, not up to PORTAL_PAGE_CACHE_SECONDS later.
    day = timezone.localdate().isoformat()
    return f"page:{code_version()}:{day}:{request.LANGUAGE_CODE}:{request.get_full_path()}"


def _may_keep(request, response):
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not (session is not None and session.modified)
        and "private" not in response.get("Cache-Control", "")
    )


def _keep(request, response, *, key, version):
    content = page_secrets_cut(request, response.content)
    if content is None:
        return
    kept = {
        "version": version,
        "content": content,
        "headers": dict(response.headers),
    }
    try:
        _pages().set(key, kept, settings.PORTAL_PAGE_CACHE_SECONDS)
    except Exception:
        logger.warning("page cache unwritable", exc_info=True)


def _served(request, kept, one_time):
    content = page_secrets_filled(request, kept["content"])
    return HttpResponse(_one_time_fill(content, one_time), headers=kept["headers"])


def page_secrets_cut(request, content):
    """The page's HTML with this request's two secrets (the CSP nonce, every
    form token minted from the visitor's CSRF secret) cut out, to be kept and
    served again with page_secrets_filled(); None if the page cannot be kept
    for anyone else (it prints the bare CSRF secret)."""
    nonce = getattr(request, "_csp_nonce", None)
    if nonce:
        content = content.replace(str(nonce).encode(), NONCE_MARK)
    secret = request.META.get("CSRF_COOKIE")
    if secret:
        content = MASKED_TOKEN.sub(
            lambda m: CSRF_MARK if _unmask_cipher_token(m[0].decode()) == secret else m[0],
            content,
        )
        if secret.encode() in content:
            return None
    return content


def page_secrets_filled(request, content):
    """A kept page's HTML with this request's own nonce and form token."""
    if NONCE_MARK in content:
        content = content.replace(NONCE_MARK, str(request._csp_nonce).encode())
    if CSRF_MARK in content:
        # Also sets this visitor's CSRF cookie if they have none yet.
        content = content.replace(CSRF_MARK, get_token(request).encode())
    return content


def _one_time_filled(response, one_time):
    if one_time and not response.streaming:
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        response.content = _one_time_fill(response.content, one_time)
    return response


def _one_time_fill(content, one_time):
    if not one_time or b"\x00one-time:" not in content:
        return content
    return ONE_TIME_MARK.sub(partial(_one_time_value, one_time), content)


def _one_time_value(one_time, mark):
    name, argument, tag = (part.decode() for part in mark.groups())
    if name not in one_time or not constant_time_compare(tag, _one_time_tag(name, argument)):
        return mark[0]  # not printed by one_time_mark(): someone's words
    return html.escape(one_time[name](argument)).encode()
