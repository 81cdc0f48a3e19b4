"""An admin's add form sent twice (a double click on "save", the browser
sending again after a slow answer) lands the officer on the record stored the
first time, with a message saying so: no second "added" entry in the admin's
log, no second record. The ModelAdmin's save_model asks its service, which
finds the record already stored, and marks the object `recorded_before`."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse


class AddedOnce:
    """ModelAdmin mixin: what follows an add whose record was stored before."""

    def recorded_before_message(self, obj):
        """The warning the officer reads on the record stored the first time."""
        raise NotImplementedError

    def log_addition(self, request, obj, message):
        if getattr(obj, "recorded_before", False):
            return None  # nothing was added
        return super().log_addition(request, obj, message)

    def response_add(self, request, obj, post_url_continue=None):
        if not getattr(obj, "recorded_before", False):
            return super().response_add(request, obj, post_url_continue)
        self.message_user(request, self.recorded_before_message(obj), messages.WARNING)
        opts = self.opts
        url = f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change"
        return redirect(reverse(url, args=[obj.pk]))
