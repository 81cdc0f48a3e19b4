"""Admin registrations: the agency and its groups, measures with their clauses, activities."""

from measures.admin import activity, agency, clauses, measure

__all__ = ["activity", "agency", "clauses", "measure"]
