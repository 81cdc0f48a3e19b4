"""The public pages of frequently asked questions: the list, and one page per
question (the address people share, and the one search and the sitemap give).
Both read FAQ.objects.published() only: a draft or an entry tied to a
corruption report is not found."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from feedback.models import FAQ
from portal.lib.page_cache import public_page


@require_safe
@public_page
def faq(request):
    """Questions grouped by topic (mission group), in the order staff chose."""
    entries = FAQ.objects.published().select_related("mission_group")
    return render(request, "feedback/faq_list.html", {"entries": entries})


@require_safe
@public_page
def faq_detail(request, pk):
    entry = get_object_or_404(FAQ.objects.published().select_related("mission_group"), pk=pk)
    return render(request, "feedback/faq_detail.html", {"entry": entry})
