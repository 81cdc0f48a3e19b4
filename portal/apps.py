from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _

from portal.lib import roles
from portal.lib.page_cache import public_pages_changed, staff_records_changed

# Apps whose records the public pages show; a save or delete of any of their
# records (bar the bookkeeping below, which no public page shows) drops every
# page kept for anonymous visitors (portal/lib/page_cache.py).
PUBLIC_APPS = {"measures", "feedback", "surveys", "portal"}
NOT_SHOWN = {
    "feedback.AccessRecord",
    "feedback.Counter",
    # A personal data request, its history and the cases it names: seen by
    # staff and the person asking only; no public page counts or shows one.
    "feedback.DataRequest",
    "feedback.DataRequest_cases",
    "feedback.HistoricalDataRequest",
    "feedback.DataRequestLink",  # a request waiting for its mailed link: never shown
    "feedback.ReminderRun",
    "measures.MeasurePrint",  # a PDF being typeset: served by its own view, never kept
    "measures.MeasureImport",  # an announcement staff are importing: saved as a Measure
    "portal.AnnualReportPreview",
    "portal.RateLimitCount",
    "portal.RoleChange",
    "portal.RoleChangeRecord",
}


# Bookkeeping written in the course of ordinary requests (a session, a rate
# limit's count, the register's number counter, a PDF being typeset) or by
# `migrate` (its record of applied migrations) that no page shows: its writes
# drop no kept page.
NO_PAGE_SHOWS = {
    "migrations.Migration",
    "sessions.Session",
    "portal.RateLimitCount",
    "feedback.Counter",
    "measures.MeasurePrint",
}


def record_changed(sender, **_signal_arguments):
    # Models of a migration's state ("__fake__") change data before any page is served.
    if sender.__module__ == "__fake__" or sender._meta.label in NO_PAGE_SHOWS:
        return
    if sender._meta.app_label in PUBLIC_APPS and sender._meta.label not in NOT_SHOWN:
        public_pages_changed()
    else:
        # Any other record (an account, a group, a personal data request...):
        # staff pages kept for their viewer show them (portal.lib.kept_staff_pages).
        staff_records_changed()


def cache_tables_create(sender, using, **_signal_arguments):
    # The database caches (cached PDFs, kept public pages) need their tables:
    # made with every migrate, a deployment cannot forget the step.
    call_command("createcachetable", database=using, verbosity=0)


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from portal import checks  # noqa: F401  (registers the deployment checks)
        from portal.lib.roles import roles_sync_after_migrate

        # Permissions of models added by later migrations exist only after
        # post_migrate; re-syncing then keeps each role's rights complete.
        # The cache tables first: syncing the roles changes records, which
        # renews the kept pages' versions in the page cache's table.
        post_migrate.connect(cache_tables_create, sender=self)
        post_migrate.connect(roles_sync_after_migrate, sender=self)
        from portal.staff_changes.services import approval_refusal_record

        roles.approval_refused.connect(approval_refusal_record, dispatch_uid="approval_refused")
        post_save.connect(record_changed, dispatch_uid="records_saved")
        post_delete.connect(record_changed, dispatch_uid="records_deleted")
        m2m_changed.connect(record_changed, dispatch_uid="records_linked")
