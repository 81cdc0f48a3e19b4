"""What carried out each clause of a measure in a fiscal year.

The one place that answers "what was done about clause X in fiscal year Y":
the public measure page, the staff's to-do list and the annual report all
read `clause_lines()`, for a whole fiscal year or for part of it (the
report of its first half counts only what fell in those six months).

Activities, improvements and publications of information are registered
here. Records of other apps take part by registering a `Carrier` when their
app is ready: survey rounds and working groups from `surveys`, the inbox's
listening channels from `feedback` (both depend on `measures`; measures
never imports them). A carrier says which field cites a
clause, which rows belong to a period (its own date rule: the day an
activity was held, the days a channel was open…) and which the public may
see.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth import get_permission_codename
from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from measures.models import Activity, Clause, Improvement, Measure, Publication


@dataclass(frozen=True)
class Carrier:
    """A kind of record that can carry out a clause."""

    kind: str
    label: str
    model: type
    clause_field: str  # a ForeignKey or ManyToManyField to Clause
    # (queryset, thai.Period) -> the rows that carried it out in the period:
    # a whole fiscal year or its first half.
    in_period: Callable
    public: Callable  # queryset -> the rows the public may see
    title_field: str = "title"
    group_field: str = "mission_group"  # the mission group whose work it is
    order: int = 50
    public_url: Callable = lambda obj: obj.get_absolute_url()
    # (obj, thai.FiscalYear) -> its address for that year, for records shown
    # on a page per year (a listening channel on the year's inbox statistics).
    year_url: Callable | None = None

    def url(self, obj, fiscal_year):
        """The public address of `obj` for the fiscal year ("" when it has none)."""
        if self.year_url is not None:
            return self.year_url(obj, fiscal_year)
        return self.public_url(obj)

    @property
    def add_label(self):
        return _("Add %(record)s") % {"record": self.model._meta.verbose_name}

    @property
    def add_permission(self):
        """The permission ("app_label.add_model") the admin's add page asks for."""
        meta = self.model._meta
        return f"{meta.app_label}.{get_permission_codename('add', meta)}"

    def add_url(self, clause):
        """The admin's add page with `clause` already cited (the admin fills a
        field from the query string; a many-to-many field takes a pk list)."""
        meta = self.model._meta
        add = reverse(f"admin:{meta.app_label}_{meta.model_name}_add")
        return f"{add}?{self.clause_field}={clause.pk}"


_CARRIERS: dict[str, Carrier] = {}


def carrier_register(carrier: Carrier) -> None:
    _CARRIERS[carrier.kind] = carrier


def carriers() -> list[Carrier]:
    return sorted(_CARRIERS.values(), key=lambda carrier: (carrier.order, carrier.kind))


@dataclass(frozen=True)
class Record:
    kind: str
    kind_label: str
    pk: int
    title: str
    url: str
    admin_url: str
    mission_group_id: int | None = None


@dataclass
class ClauseLine:
    """One block of a measure with what carried it out in the year.

    `accountable` blocks are the units the agency answers for: numbered
    clauses, their lettered duties, and a paragraph standing alone under its
    heading (seed 003's "การกำกับและติดตาม"). Headings and introductory
    paragraphs are not. A record citing a clause carries out its duties as
    a whole (a working group appointed for the mission group's framework);
    records citing some duties leave the others to be done."""

    clause: Clause
    section: str = ""
    parent: Clause | None = None
    parent_line: ClauseLine | None = None
    accountable: bool = False
    records: list[Record] = field(default_factory=list)
    items: list[ClauseLine] = field(default_factory=list)

    @property
    def reference(self):
        """How staff and the report name it: "๑. (ก)" for a lettered duty."""
        own = self.clause.display_label or self.clause.text[:40]
        return f"{self.parent.display_label} {own}" if self.parent else own

    @property
    def mission_group(self):
        return self.clause.mission_group or (self.parent.mission_group if self.parent else None)

    @property
    def covered_by_parent(self):
        return bool(self.parent_line and self.parent_line.records)

    @property
    def is_done(self):
        return (
            bool(self.records) or any(item.records for item in self.items) or self.covered_by_parent
        )

    @property
    def is_missing(self):
        """A line of the to-do list: not done, and for a lettered duty only
        when some other duty of its clause was done (a clause with nothing
        at all under it is one line, not one per duty)."""
        if not self.accountable or self.is_done:
            return False
        if self.parent_line is not None:
            return self.parent_line.is_done
        return True

    @property
    def mission_group_ids(self):
        """The mission groups whose records carried it out, or one of its duties."""
        records = [*self.records, *(r for item in self.items for r in item.records)]
        return {record.mission_group_id for record in records} - {None}

    def counts(self):
        """[(kind label, number)] of the records, in the carriers' order."""
        tally = defaultdict(int)
        labels = {}
        for record in self.records:
            tally[record.kind] += 1
            labels[record.kind] = record.kind_label
        return [(labels[kind], tally[kind]) for kind in tally]


def _structure(clauses) -> list[ClauseLine]:
    lines, section, parent, section_lines = [], "", None, []

    def close_section():
        has_clauses = any(line.clause.kind != Clause.Kind.PARAGRAPH for line in section_lines)
        for line in section_lines:
            if line.clause.kind == Clause.Kind.PARAGRAPH:
                line.accountable = not has_clauses

    for clause in clauses:
        if clause.kind == Clause.Kind.HEADING:
            close_section()
            section, parent, section_lines = clause.text, None, []
            lines.append(ClauseLine(clause=clause, section=section))
            continue
        line = ClauseLine(clause=clause, section=section)
        if clause.kind == Clause.Kind.CLAUSE:
            parent = line
            line.accountable = True
        elif clause.kind == Clause.Kind.ITEM:
            line.accountable = True
            if parent is not None:
                line.parent, line.parent_line = parent.clause, parent
                parent.items.append(line)
        section_lines.append(line)
        lines.append(line)
    close_section()
    return lines


def _admin_url(obj):
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])


def clause_records(*, clause_ids, fiscal_year, period=None, public=True) -> dict[int, list[Record]]:
    """{clause pk: [Record]} of what cited each clause in `period` (a part of
    the fiscal year; the whole year when None), by each carrier's own date
    rule; one query per kind of record, however many clauses and records."""
    period = period or fiscal_year.period
    found = defaultdict(list)
    for carrier in carriers():
        rows = carrier.model._default_manager.annotate(
            cited_clause=F(carrier.clause_field), cited_group=F(carrier.group_field)
        )
        rows = rows.filter(cited_clause__in=clause_ids)
        if public:
            rows = carrier.public(rows)
        for row in carrier.in_period(rows, period).order_by("cited_clause", "pk"):
            found[row.cited_clause].append(
                Record(
                    kind=carrier.kind,
                    kind_label=str(carrier.label),
                    pk=row.pk,
                    title=getattr(row, carrier.title_field),
                    url=carrier.url(row, fiscal_year) if public else "",
                    admin_url=_admin_url(row),
                    mission_group_id=row.cited_group,
                )
            )
    return found


def clause_lines(*, measures, fiscal_year, period=None, public=True) -> dict[int, list[ClauseLine]]:
    """{measure pk: [ClauseLine]} for each measure, in the announcement's
    order, with what carried each clause out in `period` (see
    `clause_records`)."""
    clauses = list(
        Clause.objects.filter(measure__in=measures)
        .select_related("measure", "mission_group")
        .order_by("measure", "position", "pk")
    )
    records = clause_records(
        clause_ids=[clause.pk for clause in clauses],
        fiscal_year=fiscal_year,
        period=period,
        public=public,
    )
    by_measure = defaultdict(list)
    for clause in clauses:
        by_measure[clause.measure_id].append(clause)
    result = {}
    for measure_id, own in by_measure.items():
        lines = _structure(own)
        for line in lines:
            line.records = records.get(line.clause.pk, [])
        result[measure_id] = lines
    return result


def group_coverage(lines, groups) -> list[tuple[object, list, list]]:
    """[(mission group, clauses it carried out, clauses it did not)] over a
    measure's accountable clauses (not their lettered duties: a duty done
    counts for its clause). A clause naming a mission group (seed 003's
    frameworks) is that group's alone; every other clause is every group's,
    as "each group evaluates satisfaction" (seed 001 §3) asks of all."""
    clauses = [line for line in lines if line.accountable and line.parent is None]
    result = []
    for group in groups:
        own = [c for c in clauses if c.mission_group is None or c.mission_group.pk == group.pk]
        done = [c for c in own if group.pk in c.mission_group_ids]
        result.append((group, done, [c for c in own if c not in done]))
    return result


def missing_clauses(*, fiscal_year) -> list[tuple[Measure, ClauseLine]]:
    """The accountable clauses of the measures in force in the year with
    nothing recorded against them (staff's view: hidden records count too,
    as they are work done, only not yet shown)."""
    measures = list(Measure.objects.in_force_during(fiscal_year).order_by("pk"))
    lines = clause_lines(measures=measures, fiscal_year=fiscal_year, public=False)
    return [
        (measure, line)
        for measure in measures
        for line in lines.get(measure.pk, [])
        if line.is_missing
    ]


carrier_register(
    Carrier(
        kind="activity",
        label=_("Participation activities"),
        model=Activity,
        clause_field="clause",
        in_period=lambda rows, period: period.filter(rows, "held_on"),
        public=lambda rows: rows.filter(is_published=True),
        order=10,
    )
)
carrier_register(
    Carrier(
        kind="improvement",
        label=_("Improvements"),
        model=Improvement,
        clause_field="clause",
        in_period=lambda rows, period: rows.in_period(period),
        public=lambda rows: rows.public(),
        order=40,
    )
)
carrier_register(
    Carrier(
        kind="publication",
        label=_("Publications of information"),
        model=Publication,
        clause_field="clause",
        in_period=lambda rows, period: period.filter(rows, "published_on"),
        public=lambda rows: rows.published(),
        order=60,
        # The published item itself; one with no address is named without a link.
        public_url=lambda publication: publication.url,
    )
)
