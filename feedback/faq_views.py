"""The public page of frequently asked questions."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from feedback.models import FAQ
from portal.lib.page_cache import public_page


@require_safe
@public_page
def faq(request):
    """Questions grouped by topic (mission group), in the order staff chose."""
    entries = FAQ.objects.published().select_related("mission_group")
    return render(request, "feedback/faq_list.html", {"entries": entries})
