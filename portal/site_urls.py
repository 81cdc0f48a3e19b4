from django.urls import include, path

from portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("policies/<slug:kind>/", views.policy, name="policy"),
    path("reports/", include("portal.report.urls")),
]
