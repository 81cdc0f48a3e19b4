"""Change lists over registers too large to count on every page (issue 16).

Django's change list counts every row its filters let through, on every page:
over a register of 20 000 cases that one COUNT cost more than the whole rest
of the page's queries, and it grows with the register. CountUpTo counts no
further than it can page usefully (`cap` rows, any of them); beyond that the
list says "more than …" and the officer narrows it with a filter or a search,
where exact counts come back.

Past the cap the list still pages on: without a count there is no last page
to check a page number against, so each page reads one row more than it shows,
and that row says whether a next page exists. A page with no rows is an
invalid page, as Django treats a page beyond its last (the list redirects
with ?e=1).

The admin's templates print the count in three places; the app's overrides
(templates/admin/<app>/pagination.html, search_form.html, actions.html) print
"more than" there when `cl.paginator.capped`, Django's own text otherwise.
The pagination override draws the steps to the previous and next page with
`{% load admin_count %}{% page_steps cl as steps %}` (this module, a template
library named in settings.TEMPLATES).
"""

from django import template
from django.contrib.admin.views.main import PAGE_VAR
from django.core.paginator import EmptyPage, Page, Paginator
from django.utils.functional import cached_property

COUNT_CAP = 1000
# No list has a row past the database's last row number (PostgreSQL's OFFSET
# is a bigint): a page beyond it is beyond the end, not a query that fails.
LAST_ROW = 2**63 - 1

register = template.Library()


class CountUpTo(Paginator):
    """A paginator that counts at most `cap` rows; `capped` says it stopped there.
    The cap must exceed the admin's list_per_page and list_max_show_all (200):
    a list the admin thinks fits one page or "show all" is not paged at all.
    A capped list serves any page that has rows (OpenEndedPage)."""

    cap = COUNT_CAP

    @cached_property
    def _counted(self):
        # Any `cap` + 1 rows will do: unordered, only their keys, the database
        # stops at the first it finds (in the order of a row's pages, or of
        # whatever index the filters have), not after sorting the list again.
        return self.object_list.order_by().values("pk")[: self.cap + 1].count()

    @cached_property
    def count(self):
        return min(self._counted, self.cap)

    @property
    def capped(self):
        return self._counted > self.cap

    @cached_property
    def _open_pages(self):
        return {}

    def validate_number(self, number):
        try:
            return super().validate_number(number)
        except EmptyPage:
            # Counted only up to the cap, the list has no known last page:
            # whether a page past it has rows, only reading it tells.
            number = int(number)
            if not self.capped or number < 1 or number * self.per_page > LAST_ROW:
                raise
            return number

    def page(self, number):
        if not self.capped:
            return super().page(number)
        number = self.validate_number(number)
        if number not in self._open_pages:
            bottom = (number - 1) * self.per_page
            rows = list(self.object_list[bottom : bottom + self.per_page + 1])
            if not rows:
                raise EmptyPage(self.error_messages["no_results"])
            more = len(rows) > self.per_page
            self._open_pages[number] = OpenEndedPage(rows[: self.per_page], number, self, more)
        return self._open_pages[number]

    def get_elided_page_range(self, number=1, *, on_each_side=3, on_ends=2):
        """Django's elided range, ending at the last page known to have rows
        (no number for a last page nobody counted)."""
        if not self.capped:
            yield from super().get_elided_page_range(
                number, on_each_side=on_each_side, on_ends=on_ends
            )
            return
        number = self.validate_number(number)
        # More than `cap` rows fill the pages up to the one holding row cap + 1.
        known = max(self.cap // self.per_page + 1, number + self.page(number).has_next())
        if number > 1 + on_each_side + on_ends + 1:
            yield from range(1, on_ends + 1)
            yield self.ELLIPSIS
            yield from range(number - on_each_side, number + 1)
        else:
            yield from range(1, number + 1)
        end = min(known, number + on_each_side)
        yield from range(number + 1, end + 1)
        if end < known:
            yield self.ELLIPSIS


class OpenEndedPage(Page):
    """A page of a list counted only up to its cap: whether a next page exists
    comes from the row read beyond this one, not from a count."""

    def __init__(self, object_list, number, paginator, has_next):
        super().__init__(object_list, number, paginator)
        self._has_next = has_next

    def __repr__(self):
        return f"<Page {self.number} of more than {self.paginator.cap} rows>"

    def has_next(self):
        return self._has_next

    def end_index(self):
        return self.start_index() + len(self) - 1


@register.simple_tag
def page_steps(cl):
    """The addresses of the change list's previous and next page (None where
    there is none), filters, search and order kept."""
    page = cl.paginator.page(cl.page_num)

    def step(number):
        return cl.get_query_string({PAGE_VAR: number})

    return {
        "previous": step(page.number - 1) if page.has_previous() else None,
        "next": step(page.number + 1) if page.has_next() else None,
    }
