"""`portal-manage`: Django's manage.py for an installed portal.

A wheel installs no manage.py (it belongs to the checkout), so pyproject.toml
gives the installed portal this console script: an IT officer runs
`portal-manage migrate`, `portal-manage db_worker`... from any folder. The
checkout's manage.py calls the same function, so both name one settings module.
"""

import os
import sys


def manage():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
