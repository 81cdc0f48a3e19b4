"""Which cases a question concerns: queues, deadlines, retention, and who may see them."""

import datetime as dt

from django.db import models
from django.db.models import Q

from portal.lib import roles

OVERDUE = "overdue"
DUE_SOON = "due_soon"


def past_soon(past, today, soon_days):
    """Rows that will be past their deadline within `soon_days` but are not yet:
    `past(day)` is the Q of the rows past it on `day`."""
    return past(today + dt.timedelta(days=soon_days + 1)) & ~past(today)


def deadline_state(*, past, finished, today, soon_days):
    """The deadline flag staff see on a row (OVERDUE, DUE_SOON or ""), as an
    expression: the one rule for cases and for personal-data requests alike."""
    return models.Case(
        models.When(finished, then=models.Value("")),
        models.When(past(today), then=models.Value(OVERDUE)),
        models.When(past_soon(past, today, soon_days), then=models.Value(DUE_SOON)),
        default=models.Value(""),
        output_field=models.CharField(),
    )


class CaseQuerySet(models.QuerySet):
    def complaints(self):
        """The two streams the ITA statistics count."""
        return self.filter(stream__in=self.model.COMPLAINT_STREAMS)

    def open(self):
        return self.exclude(status__in=self.model.FINISHED_STATUSES)

    # The one definition of the deadline state. A case is past a deadline on
    # `day` when its report-back date is before it and no reply was sent yet,
    # or its resolution date is before it; it is due soon when it will be past
    # one within `soon_days` (the agency's setting, FeedbackSettings.due_soon_days).
    @staticmethod
    def _past(day):
        return Q(report_back_due_on__lt=day, first_replied_on__isnull=True) | Q(
            resolve_due_on__lt=day
        )

    @classmethod
    def _soon(cls, today, soon_days):
        return past_soon(cls._past, today, soon_days)

    def overdue(self, *, today):
        return self.open().filter(self._past(today))

    def due_soon(self, *, today, soon_days):
        return self.open().filter(self._soon(today, soon_days))

    def deadline_counts(self, *, today, soon_days):
        """{"overdue": n, "due_soon": m} in one query (for the admin index and changelist)."""
        # Counting a column of the index of open cases ("case_open_deadlines";
        # never empty) reads that index alone, not the table.
        return self.open().aggregate(
            overdue=models.Count("resolve_due_on", filter=self._past(today)),
            due_soon=models.Count("resolve_due_on", filter=self._soon(today, soon_days)),
        )

    def with_deadline_state(self, *, today, soon_days):
        """Each case with `deadline_state`: OVERDUE, DUE_SOON or "" (finished, or
        no deadline near) — what the officer should notice."""
        return self.annotate(
            deadline_state=deadline_state(
                past=self._past,
                finished=Q(status__in=self.model.FINISHED_STATUSES),
                today=today,
                soon_days=soon_days,
            )
        )

    def visible_to(self, user):
        """The cases whose existence `user` may know of: the one rule of the
        sealed corruption channel. Every admin, view, export, reminder and
        dashboard asks here. A corruption report is seen only by the integrity
        role (portal.lib.roles.in_sealed_role); to anyone else it is a number
        in the statistics."""
        if roles.in_sealed_role(user):
            return self
        return self.general()

    def corruption(self):
        return self.filter(stream=self.model.Stream.CORRUPTION)

    def general(self):
        """Every stream but corruption: the triage officers' queue."""
        return self.exclude(stream=self.model.Stream.CORRUPTION)

    def retention_expired(self, *, now, config):
        """Closed cases past their retention period whose personal data is still kept."""
        expired = Q()
        for streams, days in config.retention_by_streams():
            expired |= Q(stream__in=streams, closed_at__lt=now - dt.timedelta(days=days))
        return self.filter(
            expired, status=self.model.Status.CLOSED, personal_data_purged_at__isnull=True
        )

    def by_tracking_code(self, code):
        """The case a citizen's code opens, or None: unknown and wrong PIN look the same."""
        parsed = self.model.parse_tracking_code(code)
        if parsed is None:
            return None
        fiscal_year, number, pin = parsed
        return self.filter(fiscal_year=fiscal_year, number=number, pin=pin).first()
