"""What officers write on a case, in its admin page: replies to the citizen
and internal notes, one model (CaseEntry) in two inlines. Entries are added,
never changed or deleted; `CaseAdmin.save_formset` stores them through
`case_reply` / `case_note`."""

from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from feedback.models import CaseEntry


class EntryFormSet(BaseInlineFormSet):
    """The entries of one kind, under a form prefix of their own ("replies",
    "notes"): both inlines edit the same model, and the prefix says which."""

    kind = None

    @classmethod
    def get_default_prefix(cls):
        return {CaseEntry.Kind.REPLY: "replies", CaseEntry.Kind.NOTE: "notes"}[cls.kind]


class CaseEntryInline(admin.StackedInline):
    """Officers add entries of one kind; what is written stays as written."""

    model = CaseEntry
    formset = EntryFormSet
    fields = ["body", "author", "written_at"]
    readonly_fields = ["author", "written_at"]
    extra = 1
    can_delete = False
    kind = None

    def get_queryset(self, request):
        return super().get_queryset(request).filter(kind=self.kind)

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["labels"] = {"body": CaseEntry.Kind(self.kind).label}
        formset = super().get_formset(request, obj, **kwargs)
        formset.kind = self.kind
        return formset

    def has_change_permission(self, request, obj=None):
        return False


class ReplyInline(CaseEntryInline):
    kind = CaseEntry.Kind.REPLY
    verbose_name = _("reply to the citizen (shown on the tracking page and e-mailed)")
    # Thai has no plural; left unset, Django would append an "s" to the heading.
    verbose_name_plural = _("replies to the citizen (shown on the tracking page and e-mailed)")


class NoteInline(CaseEntryInline):
    kind = CaseEntry.Kind.NOTE
    verbose_name = _("internal note")
    verbose_name_plural = _("internal notes")
