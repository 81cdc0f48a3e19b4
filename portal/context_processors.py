from django.conf import settings
from django.db import InterfaceError, OperationalError

from measures.models import Agency, Policy
from portal.navigation import MAIN_MENU, SERVICE_MENU, resolve_menu


def site_shell(request):
    """What every public page shows: the agency's identity, menus and policies."""
    try:
        agency = Agency.objects.current()
    except (OperationalError, InterfaceError):
        # The database away: a citizen's refused form must still come back
        # (feedback and survey views), under a page without the agency's name.
        agency = None
    return {
        "agency": agency,
        "main_menu": resolve_menu(MAIN_MENU, request.path),
        "service_menu": resolve_menu(SERVICE_MENU, request.path),
        "policy_kinds": Policy.Kind,
        "site_url": settings.SITE_URL,
    }
