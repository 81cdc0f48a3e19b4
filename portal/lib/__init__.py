"""The portal's shared infrastructure: a leaf package with no models.

Every app may import from here, and from nothing else in `portal`; nothing here
imports an app. `tests/test_dependencies.py` holds the rule. See docs/architecture.md.
"""
