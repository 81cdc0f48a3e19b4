from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = _("Feedback and complaints")

    def ready(self):
        from feedback import (
            coverage,
            evidence,
            tallies,  # noqa: F401  (connects the receivers that keep tallies)
        )

        coverage.register()
        evidence.register()
