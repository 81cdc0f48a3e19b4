from portal.report.models import AnnualReport, AnnualReportVersion

__all__ = ["AnnualReport", "AnnualReportVersion"]
