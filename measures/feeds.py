from itertools import chain

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from measures.models import Activity, Agency, Measure

FEED_LENGTH = 30


class LatestFeed(Feed):
    """New measures and activities, newest first (seed clauses on publicising
    through many channels: 000 §2, 001 §1, 002 §1, 004 §1)."""

    feed_type = Atom1Feed
    link = reverse_lazy("measures:measure_list")
    subtitle = _("New measures and participation activities")

    def get_object(self, request):
        return Agency.objects.current()

    def title(self, agency):
        return agency.name_th if agency else _("Measures and participation")

    # Atom requires an author (RFC 4287, 4.1.1): the agency speaks in every entry.
    author_name = title

    def items(self):
        measures = Measure.objects.published().order_by("-published_at")[:FEED_LENGTH]
        activities = (
            Activity.objects.published()
            .select_related("mission_group")
            .order_by("-created_at")[:FEED_LENGTH]
        )
        return sorted(chain(measures, activities), key=self._moment, reverse=True)[:FEED_LENGTH]

    @staticmethod
    def _moment(item):
        return item.published_at if isinstance(item, Measure) else item.created_at

    def item_title(self, item):
        if isinstance(item, Measure):
            return f"ประกาศ เรื่อง {item.title}"
        return item.title

    def item_description(self, item):
        if isinstance(item, Measure):
            return item.agency_name
        return f"{item.mission_group.name}: {item.subject}"

    def item_pubdate(self, item):
        return self._moment(item)

    def item_updateddate(self, item):
        return item.updated_at
