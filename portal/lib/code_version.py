"""Which release of the code and site files this process runs.

The report's draft PDF is keyed on the records' change signal and the day
(portal.report.services), not on its content, which takes seconds to build.
A deploy that changes only how the draft looks (a template, the print CSS, a
translation, the code that fills it) changes neither: without this, the old
draft would be served until the next record change or the next day.

The version is a hash of the files themselves, so it needs no deploy step
to remember and differs whenever any of them does: the templates, static files
and translation catalogues the site uses (settings, so the packaged copy in
an installed wheel), the Python sources of the project's packages, and the
WeasyPrint release that typesets. Computed once per process: the files change
only with a deploy, which restarts it.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import sys
from pathlib import Path

from django.apps import apps
from django.conf import settings

# The project's own top-level packages (their apps' code is hashed whole).
PROJECT_PACKAGES = ("portal", "measures", "feedback", "surveys")
SOURCE_SUFFIXES = {".py", ".html", ".txt", ".css", ".js", ".svg", ".png", ".ttf", ".mo", ".po"}


@functools.cache
def code_version() -> str:
    digest = hashlib.sha256()
    for name in ("weasyprint",):
        digest.update(f"{name}=={importlib.metadata.version(name)}\0".encode())
    for folder in _folders():
        for path in sorted(folder.rglob("*")):
            if path.suffix in SOURCE_SUFFIXES and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(folder)).encode() + b"\0")
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _folders() -> list[Path]:
    template_dirs = [Path(d) for engine in settings.TEMPLATES for d in engine.get("DIRS", [])]
    packages = {
        Path(sys.modules[config.name.split(".")[0]].__file__).parent
        for config in apps.get_app_configs()
        if config.name.split(".")[0] in PROJECT_PACKAGES
    }
    found = [
        *template_dirs,
        *map(Path, settings.STATICFILES_DIRS),
        *map(Path, settings.LOCALE_PATHS),
        *sorted(packages),
    ]
    # A folder inside another (the locale's django/) is hashed once, with it.
    unique = [f for f in found if not any(o != f and o in f.parents for o in found)]
    return [folder for folder in dict.fromkeys(unique) if folder.is_dir()]
