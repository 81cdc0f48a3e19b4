"""Admin registrations: the agency and its groups, measures with their clauses,
activities, the groups' year summaries."""

from measures.admin import activity, agency, clauses, measure, outreach, summary

__all__ = ["activity", "agency", "clauses", "measure", "outreach", "summary"]
