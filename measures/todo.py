"""The year's to-do lines of this app: what is still missing in a fiscal year
while there is time to act. The staff's to-do page (`portal.todo`) puts
these beside the other apps' lines; each line links to where it is fixed."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from django.db.models import FilteredRelation, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from measures.coverage import carriers, missing_clauses
from measures.evidence import empty_evidence
from measures.models import Activity, Improvement, MissionGroup, PlannedItem
from portal.lib import thai, thai_text


@dataclass(frozen=True)
class AddLink:
    """Adding a record of one kind is a way to deal with a line."""

    label: str
    url: str
    permission: str  # "app_label.codename" the add page asks for


@dataclass(frozen=True)
class TodoLine:
    text: str
    url: str
    mission_group_id: int | None = None
    mission_group: str = ""
    # For a line dealt with by adding a record (a clause with nothing done):
    # each kind of record that may, None for a line with one place to go.
    add_links: tuple[AddLink, ...] | None = None

    def for_user(self, user):
        """The line as `user` sees it: only the records they may add."""
        if self.add_links is None:
            return self
        allowed = tuple(link for link in self.add_links if user.has_perm(link.permission))
        return replace(self, add_links=allowed)


@dataclass
class TodoSection:
    key: str
    title: str
    lines: list[TodoLine] = field(default_factory=list)


def _group(obj):
    group = obj.mission_group
    return {"mission_group_id": group.pk, "mission_group": group.name} if group else {}


def _clause_lines(fiscal_year):
    lines, kinds = [], carriers()
    for measure, line in missing_clauses(fiscal_year=fiscal_year):
        where = f"{line.section} " if line.section else ""
        title, clause = thai_text.shorten_at_word(measure.title, 60), line.clause.text
        text = f"{title} — {where}{line.reference} {thai_text.shorten_at_word(clause, 90)}"
        # Any kind of record citing the clause carries it out; the first
        # kind, an activity, is the usual one (the line's own link).
        add_links = tuple(
            AddLink(str(carrier.add_label), carrier.add_url(line.clause), carrier.add_permission)
            for carrier in kinds
        )
        group = line.mission_group
        lines.append(
            TodoLine(
                text=text,
                url=add_links[0].url,
                mission_group_id=group.pk if group else None,
                mission_group=group.name if group else "",
                add_links=add_links,
            )
        )
    return lines


def _activities(fiscal_year):
    return fiscal_year.filter(Activity.objects.select_related("mission_group"), "held_on")


def _ita_lines(fiscal_year):
    lines = []
    for activity in _activities(fiscal_year).lacking_ita_elements().order_by("held_on", "pk"):
        missing = ", ".join(str(label) for label in activity.missing_ita_elements())
        lines.append(
            TodoLine(
                text=_("%(title)s — missing: %(missing)s")
                % {"title": activity.title, "missing": missing},
                url=reverse("admin:measures_activity_change", args=[activity.pk]),
                **_group(activity),
            )
        )
    return lines


def _participation_lines(fiscal_year):
    lines = []
    rows = _activities(fiscal_year).large_budget_without_participation().order_by("held_on", "pk")
    for activity in rows:
        why = (
            _("budget %(budget)s baht") % {"budget": f"{activity.budget:,.2f}"}
            if activity.budget is not None and not activity.is_major_policy
            else _("major policy")
        )
        lines.append(
            TodoLine(
                text=f"{activity.title} ({why})",
                url=reverse("admin:measures_activity_change", args=[activity.pk]),
                **_group(activity),
            )
        )
    return lines


def _improvement_lines(fiscal_year, today):
    open_statuses = [Improvement.Status.PLANNED, Improvement.Status.IN_PROGRESS]
    rows = (
        fiscal_year.filter(Improvement.objects.select_related("mission_group"), "due_on")
        .filter(Q(due_on__lt=today), status__in=open_statuses)
        .order_by("due_on", "pk")
    )
    return [
        TodoLine(
            text=_("%(title)s — due %(due)s")
            % {"title": row.title, "due": thai.display_date(row.due_on)},
            url=reverse("admin:measures_improvement_change", args=[row.pk]),
            **_group(row),
        )
        for row in rows
    ]


def _year_summary_lines(fiscal_year):
    """Seed 000 §5: each group summarises the year to the executives; a group
    without a summary, or whose summary is not yet acknowledged, is a line."""
    own = FilteredRelation(
        "year_summaries", condition=Q(year_summaries__fiscal_year=fiscal_year.be_year)
    )
    rows = (
        MissionGroup.objects.active()
        .annotate(own=own)
        .filter(own__acknowledged_on__isnull=True)
        .values_list("pk", "name", "own__pk")
    )
    add = reverse("admin:measures_yearsummary_add")
    lines = []
    for pk, name, summary in rows:
        if summary is None:
            text = _("%(group)s — no summary of the year") % {"group": name}
            url = f"{add}?mission_group={pk}&fiscal_year={fiscal_year.be_year}"
        else:
            text = _("%(group)s — summary not yet acknowledged by the executives") % {"group": name}
            url = reverse("admin:measures_yearsummary_change", args=[summary])
        lines.append(TodoLine(text=text, url=url, mission_group_id=pk, mission_group=name))
    return lines


def _plan_lines(fiscal_year):
    """The plan the executives acknowledged in last year's summaries, item
    by item, until staff record what became of each."""
    rows = (
        PlannedItem.objects.filter(
            summary__fiscal_year=fiscal_year.previous().be_year,
            status=PlannedItem.Status.PLANNED,
        )
        .select_related("summary__mission_group")
        .order_by("summary__mission_group__position", "summary__mission_group__name", "position")
    )
    return [
        TodoLine(
            text=item.text,
            url=reverse("admin:measures_planneditem_change", args=[item.pk]),
            **_group(item.summary),
        )
        for item in rows
    ]


def _evidence_lines(fiscal_year):
    """ITA scores an evidence URL that shows nothing for the year 0: each
    such item, with why, linked to what fills the page or to the item."""
    return [
        TodoLine(
            text=f"{indicator.code} {indicator.title} ({indicator.year_url}) — {gap.reason}",
            url=gap.fix_url or reverse("admin:measures_indicator_change", args=[indicator.pk]),
        )
        for indicator, gap in empty_evidence(fiscal_year)
    ]


def measures_todo(*, fiscal_year, today=None) -> list[TodoSection]:
    today = today or timezone.localdate()
    return [
        TodoSection(
            "clauses",
            _("Clauses of the measures in force with nothing recorded"),
            _clause_lines(fiscal_year),
        ),
        TodoSection(
            "ita_elements",
            _("Activities missing any of the four ITA elements"),
            _ita_lines(fiscal_year),
        ),
        TodoSection(
            "participation",
            _("Projects of major policy or over the budget without citizens or private sector"),
            _participation_lines(fiscal_year),
        ),
        TodoSection(
            "improvements",
            _("Improvements past their due date"),
            _improvement_lines(fiscal_year, today),
        ),
        TodoSection(
            "plan",
            _("Last year's proposals, planned for this year and not yet checked"),
            _plan_lines(fiscal_year),
        ),
        TodoSection(
            "evidence",
            _("Evidence-index items whose page shows nothing for the year"),
            _evidence_lines(fiscal_year),
        ),
        TodoSection(
            "year_summaries",
            _("Mission groups' summaries of the year to the executives"),
            _year_summary_lines(fiscal_year),
        ),
    ]
