from django.urls import path

from measures import feeds, views

app_name = "measures"

# Public URLs are permanent: they are ITA evidence, opened months later.
urlpatterns = [
    path("measures/", views.measure_list, name="measure_list"),
    path("measures/<slug:slug>/", views.measure_detail, name="measure_detail"),
    path("measures/<slug:slug>/pdf/", views.measure_pdf, name="measure_pdf"),
    path("activities/", views.activity_list, name="activity_list"),
    path("activities/<int:pk>/", views.activity_detail, name="activity_detail"),
    path(
        "activities/<int:year>/data.csv",
        views.activity_data,
        {"fmt": "csv"},
        name="activity_data_csv",
    ),
    path(
        "activities/<int:year>/data.json",
        views.activity_data,
        {"fmt": "json"},
        name="activity_data_json",
    ),
    path("you-said-we-did/", views.improvement_list, name="improvement_list"),
    path("evidence/<int:year>/", views.evidence_index, name="evidence_index"),
    path("feed/", feeds.LatestFeed(), name="feed"),
]
