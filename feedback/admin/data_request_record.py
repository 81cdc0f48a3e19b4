"""Recording a personal data request that came on paper, at the counter, by
e-mail or by letter: the officer types it in, says how the person's identity
was checked, and picks the cases it concerns among those they may see.

The cases are chosen with an autocomplete of its own rather than the case
queue's: the general queue holds no corruption report, and the corruption
queue must never be searched by a reporter's name, while a request may concern
either. Here each officer finds exactly the cases Case.objects.visible_to
gives them, a general case also by its reporter's name, telephone or e-mail
(triage's way of finding a caller's case), a corruption report only by its
number or subject.
"""

from django import forms
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from feedback.models import Case, DataRequest
from portal.lib.admin_dates import BuddhistEraDateWidget, DateAcceptingBuddhistEra

RECORDED_CHANNELS = [c for c in DataRequest.Channel.choices if c[0] not in DataRequest.WEB_CHANNELS]


class DataRequestRecordForm(forms.ModelForm):
    received_on = DateAcceptingBuddhistEra(
        label=_("received on"),
        widget=BuddhistEraDateWidget,
        initial=timezone.localdate,
        help_text=_("The day the request reached the agency: the 30 days count from it."),
    )

    class Meta:
        model = DataRequest
        fields = ["kind", "channel", "requester_name", "identity_check", "cases", "details"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requester_name"].required = True
        self.fields["identity_check"].required = True

    def clean_received_on(self):
        received_on = self.cleaned_data["received_on"]
        if received_on > timezone.localdate():
            raise forms.ValidationError(_("The date received cannot be in the future."))
        return received_on


def case_choices(user, term):
    """The cases `user` may tie a request to, found by `term`."""
    cases = Case.objects.visible_to(user).order_by("-fiscal_year", "-number")
    term = term.strip()
    if not term:
        return cases
    parsed = Case.parse_tracking_code(term) or Case.parse_tracking_code(term + "-X")
    if parsed:
        return cases.filter(fiscal_year=parsed[0], number=parsed[1])
    general = ~Q(stream=Case.Stream.CORRUPTION)
    by_reporter = (
        Q(reporter__name__icontains=term)
        | Q(reporter__phone__icontains=term)
        | Q(reporter__email__icontains=term)
    )
    return cases.filter(Q(subject__icontains=term) | (general & by_reporter))


class CaseChoicesView(AutocompleteJsonView):
    model_admin = None  # the DataRequestAdmin, given by its get_urls

    def process_request(self, request):
        return request.GET.get("term", ""), self.model_admin, DataRequest.cases.field, "id"

    def has_perm(self, request, obj=None):
        return self.model_admin.has_add_permission(request)

    def get_queryset(self):
        return case_choices(self.request.user, self.term)


class CaseAutocomplete(AutocompleteSelectMultiple):
    def get_url(self):
        return reverse(f"{self.admin_site.name}:feedback_datarequest_case_choices")
