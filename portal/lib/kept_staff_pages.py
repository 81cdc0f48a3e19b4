"""A staff list's page kept for the officer who was shown it (issue 16: the
case queue an officer goes back to all day, over a register of 20 000 cases).

An officer who asks again for a list page they were shown, with no record of
the portal changed since, gets that page again without its dozen queries and
its template work. Every rule of it is here:

- a list takes part only if its ModelAdmin says what its page depends on
  besides its viewer, the records and its address (`kept_page_key`: the
  queue, the day, the language). A sealed queue never does: a page that shows
  corruption reports is drawn for each viewing and kept nowhere;
- kept for one viewer: the key names the account and everything the site's
  permission answers depend on (PortalAdminSite.viewer_key: standing,
  permissions, groups, language), and the address with its query; the list's
  view permission is asked on every request before anything is served;
- kept in this process's memory only, never in the shared cache: the page
  names complainants, and nothing of it is copied to Redis or a cache table;
  at most KEPT_PAGES pages per process, the least recently used dropped first;
- valid while no record of any app has changed, public or staff-only (an
  account's name, a group, a personal data request, page_cache.records_versions),
  for this release (code_version) and at most PORTAL_PAGE_CACHE_SECONDS; the
  first request for a kept list after a change makes its process forget
  every page it kept, so an erased complainant's name does not linger in
  memory either;
- only a GET with no message waiting (a waiting message is said on a page
  drawn for it), answered 200 with no cookie of its own (the CSRF cookie
  aside: it comes with every page holding a form token, kept or drawn);
- the CSP nonce and the form tokens are never kept: each request gets its own
  (page_cache.page_secrets_cut / page_secrets_filled).
"""

import threading
import time

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.template.response import TemplateResponse

from portal.lib.code_version import code_version
from portal.lib.kept_in_process import KeptInProcess
from portal.lib.page_cache import page_secrets_cut, page_secrets_filled, records_versions

# ~55 KB a case-list page: some 7 MB per process at most.
KEPT_PAGES = 128
_kept = KeptInProcess(most=KEPT_PAGES)
_last_versions = [None]  # the records' versions this process last saw
# Held while the versions last seen and what is kept under them change: a page
# drawn while another thread forgets every page is not kept after it.
_forgetting = threading.Lock()


class KeptForViewer:
    """ModelAdmin mixin, first among the bases: the change list's page kept
    for its viewer (the rules above)."""

    def kept_page_key(self, request):
        """What the list's page depends on besides its viewer, the records and
        its address, or None for a page drawn on every request."""
        return None

    def changelist_view(self, request, extra_context=None):
        key, versions = (None, None) if extra_context else self._kept_page_full_key(request)
        if key is None:
            return super().changelist_view(request, extra_context)
        kept_under, kept_at, content = _kept.get(key, (None, 0, None))
        fresh = time.monotonic() - kept_at < settings.PORTAL_PAGE_CACHE_SECONDS
        if kept_under == versions and fresh:
            return HttpResponse(page_secrets_filled(request, content))
        response = super().changelist_view(request, extra_context)
        if isinstance(response, TemplateResponse) and response.status_code == 200:
            response.render()
            # The CSRF cookie comes again with every page that prints a token
            # (Django's csrf_protect, run as the page is drawn): not the page's own.
            if set(response.cookies) <= {settings.CSRF_COOKIE_NAME}:
                content = page_secrets_cut(request, response.content)
                if content is not None:
                    self._page_keep(key, versions, content)
        return response

    @staticmethod
    def _page_keep(key, versions, content):
        # Under the versions read before the records were: a change meanwhile
        # makes it stale, never the reverse. Not at all once the process has
        # seen that change (another thread forgot every page): it would stay
        # in memory unserved, an erased complainant's name with it.
        with _forgetting:
            if versions == _last_versions[0]:
                _kept.keep(key, (versions, time.monotonic(), content))

    def _kept_page_full_key(self, request):
        """(the key of this request's page, the records' versions now), or
        (None, None) for a page drawn and not kept."""
        if request.method != "GET":
            return None, None
        page = self.kept_page_key(request)
        if page is None or len(messages.get_messages(request)):
            return None, None
        if not self.has_view_or_change_permission(request):
            return None, None  # Django's own view refuses
        versions = records_versions()
        if versions is None:
            return None, None
        with _forgetting:
            if versions != _last_versions[0]:
                # Nothing kept is valid any more: out of this process's memory too.
                _kept.clear()
                _last_versions[0] = versions
        key = (
            code_version(),
            self.opts.label,
            page,
            request.user.pk,
            self.admin_site.viewer_key(request),
            request.get_full_path(),
        )
        return key, versions
