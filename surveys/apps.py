from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Surveys and working groups")

    def ready(self):
        from surveys import coverage, evidence, monitoring

        coverage.register()
        evidence.register()
        monitoring.register()
