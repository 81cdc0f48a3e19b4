from django.urls import path

from surveys import open_data, views

app_name = "surveys"

# Public addresses are permanent: they are ITA evidence.
urlpatterns = [
    path("surveys/", views.survey_list, name="survey_list"),
    path(
        "surveys/<int:fiscal_year>/data.csv",
        open_data.results_data,
        {"fmt": "csv"},
        name="results_data_csv",
    ),
    path(
        "surveys/<int:fiscal_year>/data.json",
        open_data.results_data,
        {"fmt": "json"},
        name="results_data_json",
    ),
    path("surveys/<slug:slug>/", views.survey_answer, name="survey_answer"),
    path("surveys/<slug:slug>/results/", views.survey_results, name="survey_results"),
    path(
        "surveys/<slug:slug>/results/statistics.csv",
        views.survey_results_csv,
        name="survey_results_csv",
    ),
    path(
        "surveys/<slug:slug>/results/answers.csv",
        views.survey_answers_csv,
        name="survey_answers_csv",
    ),
    path("surveys/<slug:slug>/qr.svg", views.survey_qr, name="survey_qr"),
    path("working-groups/", views.workinggroup_list, name="workinggroup_list"),
    path("working-groups/<slug:slug>/", views.workinggroup_detail, name="workinggroup_detail"),
]
