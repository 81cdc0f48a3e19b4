#!/usr/bin/env python
"""The checkout's manage.py; an installed portal has `portal-manage` (portal/cli.py)."""

from portal.cli import manage

if __name__ == "__main__":
    manage()
