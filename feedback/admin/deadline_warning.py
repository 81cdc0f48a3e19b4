"""The warning on top of a staff list of things with a deadline (cases,
personal data requests): how many are overdue or due soon."""

from django.contrib import messages
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _


class DeadlineWarning:
    """Says the list's overdue and due-soon counts above the list as drawn only:
    an action's POST answers with a redirect to the list (or a CSV file), an
    impossible page with a redirect to the first, and a warning added to those
    would be said again by the next page too."""

    def deadline_warning_counts(self, request):
        """{"overdue": n, "due_soon": n} of what this officer may see."""
        raise NotImplementedError

    def changelist_view(self, request, extra_context=None):
        # Counted before the list is drawn: a case list's counts also settle
        # the due-soon setting its rows are marked under (case_list.queue_facts).
        counts = self.deadline_warning_counts(request)
        response = super().changelist_view(request, extra_context)
        drawn = isinstance(response, TemplateResponse) and not response.is_rendered
        if drawn and (counts["overdue"] or counts["due_soon"]):
            self.message_user(
                request,
                _("%(overdue)s overdue and %(soon)s due soon: filter by deadline to see them.")
                % {"overdue": counts["overdue"], "soon": counts["due_soon"]},
                messages.WARNING,
            )
        return response
