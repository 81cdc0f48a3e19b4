"""URLs of the annual report, included under `/reports/` by `portal/site_urls.py`.

`/reports/<fiscal year BE>/` and the version files are permanent: they are
ITA evidence.
"""

from django.urls import path

from portal.report import views

urlpatterns = [
    path("", views.report_list, name="report_list"),
    path("<int:fiscal_year>/", views.report_detail, name="report_detail"),
    path(
        "<int:fiscal_year>/v<int:number>.pdf", views.report_version_pdf, name="report_version_pdf"
    ),
    path("<int:fiscal_year>/v<int:number>/", views.report_version_html, name="report_version_html"),
    path("<int:fiscal_year>/preview/", views.report_preview, name="report_preview"),
    path("<int:fiscal_year>/preview.pdf", views.report_preview_pdf, name="report_preview_pdf"),
    path("<int:fiscal_year>/request/", views.report_request_approval, name="report_request"),
    path("<int:fiscal_year>/approve/", views.report_approve, name="report_approve"),
]
