from django.urls import path

from feedback import (
    data_request_address_views,
    data_request_views,
    faq_views,
    open_data,
    track_views,
    views,
)

app_name = "feedback"

# Public URLs are permanent: they are the ITA evidence the assessors open.
urlpatterns = [
    path("feedback/", views.submit, name="submit"),
    path("feedback/corruption/", views.corruption_submit, name="corruption_submit"),
    path("feedback/receipt/<int:pk>/", views.receipt, name="receipt"),
    path("feedback/receipt/<int:pk>/mail/", views.receipt_mail, name="receipt_mail"),
    path("feedback/track/", track_views.track, name="track"),
    path("feedback/track/<int:pk>/", track_views.track_case, name="track_case"),
    path("feedback/track/<int:pk>/add/", track_views.track_add, name="track_add"),
    path("feedback/track/<int:pk>/answer/", track_views.track_answer, name="track_answer"),
    path("feedback/track/<int:pk>/rate/", track_views.track_rate, name="track_rate"),
    path(
        "feedback/track/<int:pk>/personal-data/",
        data_request_views.track_data_request,
        name="track_data_request",
    ),
    path("feedback/personal-data/", data_request_views.data_request, name="data_request"),
    path(
        "feedback/personal-data/by-address/",
        data_request_address_views.data_request_by_address,
        name="data_request_by_address",
    ),
    path(
        "feedback/personal-data/by-address/sent/",
        data_request_address_views.data_request_link_sent,
        name="data_request_link_sent",
    ),
    path(
        "feedback/personal-data/confirm/<str:token>/",
        data_request_address_views.data_request_confirm,
        name="data_request_confirm",
    ),
    path(
        "feedback/personal-data/<int:pk>/",
        data_request_views.data_request_receipt,
        name="data_request_receipt",
    ),
    path("feedback/statistics/", views.statistics, name="statistics"),
    path(
        "feedback/statistics/<int:fiscal_year>/",
        views.statistics_year,
        name="statistics_year",
    ),
    path(
        "feedback/statistics/<int:fiscal_year>/data.csv",
        open_data.statistics_data,
        {"fmt": "csv"},
        name="statistics_data_csv",
    ),
    path(
        "feedback/statistics/<int:fiscal_year>/data.json",
        open_data.statistics_data,
        {"fmt": "json"},
        name="statistics_data_json",
    ),
    path("feedback/manual/", views.manual, name="manual"),
    path("faq/", faq_views.faq, name="faq"),
    path("faq/<int:pk>/", faq_views.faq_detail, name="faq_detail"),
    path("feedback/manual/<int:version>/", views.manual_version, name="manual_version"),
    path("feedback/attachments/<int:pk>/", views.attachment, name="attachment"),
]
