"""Open answers in the admin: staff read each one before the public can."""

from django import forms
from django.contrib import admin, messages
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.lib.admin_dates import BuddhistEraDates
from surveys import services
from surveys.models import OpenAnswer

Moderation = OpenAnswer.Moderation


class OpenAnswerReviewForm(forms.ModelForm):
    class Meta:
        model = OpenAnswer
        fields = ["moderation", "published_text"]

    def clean(self):
        cleaned = super().clean()
        text = (cleaned.get("published_text") or "").strip()
        if cleaned.get("moderation") == Moderation.PUBLISHED and not text:
            self.add_error(
                "published_text",
                gettext(
                    "Write the text to publish (the answer as written, or shortened), or hide it."
                ),
            )
        return cleaned


@admin.register(OpenAnswer)
class OpenAnswerAdmin(BuddhistEraDates, admin.ModelAdmin):
    """The citizen's text is read-only; staff choose what the public reads."""

    list_display = ["answer_text", "question", "survey", "moderation", "moderated_at"]
    list_filter = ["moderation", "question__survey"]
    list_select_related = ["question__survey", "response"]
    search_fields = ["text", "published_text"]
    date_hierarchy = "response__submitted_at"
    form = OpenAnswerReviewForm
    fields = ["survey", "question", "text", "moderation", "published_text", "moderated_by"]
    readonly_fields = ["survey", "question", "text", "moderated_by"]
    radio_fields = {"moderation": admin.VERTICAL}
    actions = ["publish_as_written", "hide"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("answer"))
    def answer_text(self, obj):
        return Truncator(obj.text).chars(120)

    @admin.display(description=_("survey"), ordering="question__survey__title")
    def survey(self, obj):
        return obj.question.survey

    def get_object(self, request, object_id, from_field=None):
        answer = super().get_object(request, object_id, from_field)
        if answer is not None and not answer.published_text:
            # Staff start from the citizen's words and cut what must not be published.
            answer.published_text = answer.text
        return answer

    def save_model(self, request, obj, form, change):
        services.open_answer_review(
            answer=obj,
            by=request.user,
            moderation=form.cleaned_data["moderation"],
            published_text=form.cleaned_data["published_text"],
        )

    def _review(self, request, queryset, moderation, message):
        count = services.open_answers_review(
            answers=queryset, by=request.user, moderation=moderation
        )
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Publish the selected answers as written"), permissions=["change"])
    def publish_as_written(self, request, queryset):
        self._review(
            request, queryset, Moderation.PUBLISHED, gettext("%(count)d answer(s) published.")
        )

    @admin.action(description=_("Hide the selected answers"), permissions=["change"])
    def hide(self, request, queryset):
        self._review(request, queryset, Moderation.HIDDEN, gettext("%(count)d answer(s) hidden."))
