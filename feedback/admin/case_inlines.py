"""The case page's inlines for the reporter and the files."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from feedback.admin.forms import ReporterCorrectionForm
from feedback.models import Attachment, Reporter
from portal.lib.admin_inlines import RecordInline


class ReporterInline(RecordInline, admin.StackedInline):
    model = Reporter
    fields = Reporter.CONTACT_FIELDS
    max_num = 1


class ReporterCorrectionInline(admin.StackedInline):
    """The reporter's details, editable while the citizen's request to correct them
    is open (PDPA s.35): the correction is made here, in the case, and its
    history names the request."""

    model = Reporter
    form = ReporterCorrectionForm
    fields = Reporter.CONTACT_FIELDS
    max_num = 1
    can_delete = False
    verbose_name = _("reporter (a correction was requested)")


class AttachmentInline(RecordInline, admin.TabularInline):
    model = Attachment
    fields = ["download", "content_type", "size", "uploaded_at"]

    @admin.display(description=_("file"))
    def download(self, obj):
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj.original_name)
