"""Change lists over registers too large to count on every page (issue 16).

Django's change list counts every row its filters let through, on every page:
over a register of 20 000 cases that one COUNT cost more than the whole rest
of the page's queries, and it grows with the register. CountUpTo counts no
further than it can page usefully (`cap` rows, any of them); beyond that the
list says "more than …" and the officer narrows it with a filter or a search,
where exact counts come back.

The admin's templates print the count in three places; the app's overrides
(templates/admin/<app>/pagination.html, search_form.html, actions.html) print
"more than" there when `cl.paginator.capped`, Django's own text otherwise.
"""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

COUNT_CAP = 1000


class CountUpTo(Paginator):
    """A paginator that counts at most `cap` rows; `capped` says it stopped there.
    The cap must exceed the admin's list_per_page and list_max_show_all (200):
    a list the admin thinks fits one page or "show all" is not paged at all."""

    cap = COUNT_CAP
    capped = False

    @cached_property
    def count(self):
        # Any `cap` + 1 rows will do: unordered, only their keys, the database
        # stops at the first it finds (in the order of a row's pages, or of
        # whatever index the filters have), not after sorting the list again.
        counted = self.object_list.order_by().values("pk")[: self.cap + 1].count()
        self.capped = counted > self.cap
        return min(counted, self.cap)
