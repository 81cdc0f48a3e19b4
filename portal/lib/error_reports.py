"""Server-error reports that carry no one's personal data.

Django mails the administrators (ADMINS) a report of every server error, and
by default it holds the whole request: what a citizen typed into the complaint
or corruption form (name, telephone, address, the allegation), the names of
the files attached, the query (a triage officer's search for a complainant by
name) and the client's address. A mailbox is no place for a whistleblower's
name, so for the whole site (settings DEFAULT_EXCEPTION_REPORTER_FILTER and
DEFAULT_EXCEPTION_REPORTER) the report keeps only the names of the fields,
never their values. The traceback says where the error is; that is enough.

The 503s the portal answers on purpose (the database busy, the citizen asked
to send the form again with nothing lost) are handled, not errors: they are
logged but not mailed (`NotDeliberateUnavailable` on the mail handler).
"""

import logging

from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter

# Request headers that name the client: its address, and what a proxy forwarded of it.
CLIENT_HEADERS = ("REMOTE_ADDR", "HTTP_X_FORWARDED_FOR", "HTTP_X_REAL_IP", "HTTP_FORWARDED")


class PersonalDataFilter(SafeExceptionReporterFilter):
    """Every submitted value, every query value, the client's address and the
    local variables of the traceback are replaced by stars (with DEBUG on, a
    developer's own screen, Django's usual filtering applies)."""

    def get_post_parameters(self, request):
        if request is None or not self.is_active(request):
            return super().get_post_parameters(request)
        return dict.fromkeys(request.POST, self.cleansed_substitute)

    def get_safe_request_meta(self, request):
        meta = super().get_safe_request_meta(request)
        if not self.is_active(request):
            return meta
        for name in (*CLIENT_HEADERS, "QUERY_STRING"):
            if name in meta:
                meta[name] = self.cleansed_substitute
        return meta

    def get_traceback_frame_variables(self, request, tb_frame):
        # A view's locals hold the form and what was cleaned from it.
        variables = super().get_traceback_frame_variables(request, tb_frame)
        if not self.is_active(request):
            return variables
        return [(name, self.cleansed_substitute) for name, _value in variables]


class PersonalDataFreeReporter(ExceptionReporter):
    """Django's report, less what the filter has no hook for: the names of
    uploaded files, the query's values and the query in the address."""

    def get_traceback_data(self):
        data = super().get_traceback_data()
        if self.request is not None and self.filter.is_active(self.request):
            stars = self.filter.cleansed_substitute
            data["request_GET_items"] = [(name, stars) for name in self.request.GET]
            data["request_FILES_items"] = [(name, stars) for name in self.request.FILES]
            data["request_insecure_uri"] = self.request.path
        return data


class NotDeliberateUnavailable(logging.Filter):
    """Drops Django's log record of a 503 response a view returned on purpose;
    an exception raised on the way (a real fault) is still reported."""

    def filter(self, record):
        return getattr(record, "status_code", None) != 503 or record.exc_info is not None


def failure_summary(error):
    """What a log line may say of a failed store: the kind of error and, from
    the database, its SQLSTATE code. Never its message: PostgreSQL's "Failing
    row contains (…)" and an OSError's file name can carry what a citizen typed."""
    cause = getattr(error, "__cause__", None) or error
    sqlstate = getattr(getattr(cause, "diag", None), "sqlstate", None)
    if sqlstate:
        return f"{type(error).__name__} (SQLSTATE {sqlstate})"
    if isinstance(error, OSError) and error.errno is not None:
        return f"{type(error).__name__} (errno {error.errno})"
    return type(error).__name__


def logging_config(*, level):
    """The portal's LOGGING: everything goes to the console once (the service
    manager keeps it); server errors are also mailed to ADMINS, reported as
    above and never for a deliberate 503. Django's own "django" logger would
    otherwise print each line a second time in development."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
            "not_deliberate_503": {"()": "portal.lib.error_reports.NotDeliberateUnavailable"},
        },
        "handlers": {
            "console": {"class": "logging.StreamHandler"},
            "mail_admins": {
                "class": "django.utils.log.AdminEmailHandler",
                "level": "ERROR",
                "filters": ["require_debug_false", "not_deliberate_503"],
            },
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django": {"handlers": ["console", "mail_admins"], "propagate": False},
            # WeasyPrint's font subsetting logs some 65 INFO lines per PDF ("glyf
            # pruned"...): the worker's journal would hold little else.
            "fontTools": {"level": "WARNING"},
        },
    }
