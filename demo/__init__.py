"""The demo agency: a year of records to try the portal with (development only).

Nothing in the apps imports this package; `manage.py seed_demo` is its one door.
"""
