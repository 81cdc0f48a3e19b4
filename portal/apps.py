from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from portal import checks  # noqa: F401  (registers the deployment checks)
        from portal.lib.roles import roles_sync_after_migrate

        # Permissions of models added by later migrations exist only after
        # post_migrate; re-syncing then keeps each role's rights complete.
        post_migrate.connect(roles_sync_after_migrate, sender=self)
