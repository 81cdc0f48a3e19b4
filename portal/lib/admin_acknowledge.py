"""The executive's acknowledgement as a step in the admin: a button on the
change page of a record reported to the executives (a survey round, a
mission group's year summary), shown to the director's role only, and a
page to confirm with a remark. The model admin says what acknowledging
means (`acknowledge`) and when it may not yet (`acknowledgement_refused`)."""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.lib import roles


class AcknowledgementForm(forms.Form):
    remark = forms.CharField(
        label=gettext_lazy("Remark (optional)"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ExecutiveAcknowledgementAdmin:
    def acknowledge(self, obj, *, by, remark):
        raise NotImplementedError

    def acknowledgement_refused(self, obj):
        """Why `obj` cannot be acknowledged yet, or None."""
        return None

    def _acknowledge_url_name(self):
        meta = self.model._meta
        return f"{meta.app_label}_{meta.model_name}_acknowledge"

    def get_urls(self):
        acknowledge = path(
            "<path:object_id>/acknowledge/",
            self.admin_site.admin_view(self.acknowledge_view),
            name=self._acknowledge_url_name(),
        )
        return [acknowledge, *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        obj = self.get_object(request, unquote(object_id))
        if obj is not None and obj.acknowledged_on is None and roles.may_approve(request.user):
            name = f"admin:{self._acknowledge_url_name()}"
            extra_context["acknowledge_url"] = reverse(name, args=[obj.pk])
        return super().change_view(request, object_id, form_url, extra_context)

    def acknowledge_view(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not roles.may_approve(request.user):
            raise PermissionDenied
        meta = self.model._meta
        back = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
        refusal = self.acknowledgement_refused(obj)
        if refusal:
            messages.error(request, refusal)
            return redirect(back)
        form = AcknowledgementForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                self.acknowledge(obj, by=request.user, remark=form.cleaned_data["remark"])
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Acknowledged: “%(name)s”.") % {"name": obj})
            return redirect(back)
        context = self.admin_site.each_context(request) | {
            "opts": meta,
            "original": obj,
            "form": form,
            "back": back,
            "title": _("Acknowledge as an executive"),
        }
        return TemplateResponse(request, "admin/acknowledge.html", context)
