"""sitemap.xml: every public page, so search engines and the national
catalogue find the agency's evidence. Each section reads its model's public
QuerySet method, the same the pages use: a draft, a hidden activity, a
template survey or a case never appears."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from feedback import open_data as feedback_open_data
from feedback.models import FAQ, HandlingManual
from measures.models import Activity, Measure, Policy
from portal.report.models import AnnualReport
from surveys.models import Survey, WorkingGroup

# The public list and service pages (forms included: citizens should find them).
STATIC_PAGES = [
    "portal:home",
    "measures:measure_list",
    "measures:activity_list",
    "measures:improvement_list",
    "surveys:survey_list",
    "surveys:workinggroup_list",
    "feedback:statistics",
    "feedback:manual",
    "feedback:faq",
    "feedback:submit",
    "feedback:corruption_submit",
    "portal:report_list",
]


class StaticPages(Sitemap):
    def items(self):
        return STATIC_PAGES

    def location(self, item):
        return reverse(item)


class Measures(Sitemap):
    def items(self):
        return Measure.objects.published().order_by("pk")

    def lastmod(self, measure):
        return measure.updated_at


class Activities(Sitemap):
    def items(self):
        return Activity.objects.published().order_by("pk")

    def lastmod(self, activity):
        return activity.updated_at


class Surveys(Sitemap):
    def items(self):
        return Survey.objects.published().order_by("pk")


class WorkingGroups(Sitemap):
    def items(self):
        return WorkingGroup.objects.published().order_by("pk")


class ManualVersions(Sitemap):
    def items(self):
        return HandlingManual.objects.in_effect().order_by("version")


class Questions(Sitemap):
    def items(self):
        return FAQ.objects.published().order_by("pk")


class Policies(Sitemap):
    def items(self):
        return Policy.objects.order_by("pk")


class AnnualReports(Sitemap):
    def items(self):
        return AnnualReport.objects.published().order_by("fiscal_year")


class OpenDataFiles(Sitemap):
    """Each listed fiscal year's data files (activities, complaint statistics, survey results)."""

    NAMES = (
        "measures:activity_data_csv",
        "measures:activity_data_json",
        "feedback:statistics_data_csv",
        "feedback:statistics_data_json",
        "surveys:results_data_csv",
        "surveys:results_data_json",
    )

    def items(self):
        return [(name, year) for year in feedback_open_data.listed_years() for name in self.NAMES]

    def location(self, item):
        name, year = item
        return reverse(name, args=[year])


SITEMAPS = {
    "pages": StaticPages,
    "measures": Measures,
    "activities": Activities,
    "surveys": Surveys,
    "working-groups": WorkingGroups,
    "manual": ManualVersions,
    "faq": Questions,
    "policies": Policies,
    "reports": AnnualReports,
    "open-data": OpenDataFiles,
}
