"""The wheel carries the site's templates, static files and compiled
catalogues inside the `portal` package (portal/site_files/), copied from the
checkout's templates/, static/ and locale/ when the wheel is built: those
folders stay where everyone edits them, and an installed site needs no
checkout (portal/settings.py looks for the copy first). The project itself is
described in pyproject.toml."""

import shutil
import subprocess
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
SITE_FOLDERS = ("templates", "static", "locale")
PACKAGED = Path("portal", "site_files")  # settings.PACKAGED_SITE_FILES


class BuildPyWithSiteFiles(build_py):
    def run(self):
        super().run()
        if self.editable_mode:
            return  # an editable install reads the checkout's folders themselves
        target = Path(self.build_lib, PACKAGED)
        for folder in SITE_FOLDERS:
            shutil.rmtree(target / folder, ignore_errors=True)
            shutil.copytree(
                ROOT / folder, target / folder, ignore=shutil.ignore_patterns("*.mo", "*~")
            )
        # Compiled here, from the catalogues as they are: a .mo left in the
        # checkout may be older than its .po.
        for po in (target / "locale").rglob("*.po"):
            subprocess.run(
                ["msgfmt", "--check", "-o", str(po.with_suffix(".mo")), str(po)], check=True
            )


setup(cmdclass={"build_py": BuildPyWithSiteFiles})
