import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ["portal", "measures", "feedback", "surveys"]
SITE_FOLDERS = ["templates", "static", "locale"]


@pytest.fixture(scope="session")
def wheel(tmp_path_factory):
    """The wheel `pip install .` builds, from a copy of the checkout (setuptools
    writes build/ and *.egg-info beside the sources); no compiled catalogue
    is copied, so the build must compile its own."""
    folder = tmp_path_factory.mktemp("wheel")
    source = folder / "source"
    for name in ["pyproject.toml", "setup.py", "README.md", "LICENSE"]:
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, source / name)
    for tree in [*APPS, *SITE_FOLDERS, "demo", "tests"]:
        ignore = shutil.ignore_patterns("__pycache__", "*.mo")
        shutil.copytree(ROOT / tree, source / tree, ignore=ignore)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", folder, source],
        check=True,
        capture_output=True,
    )
    return next(folder.glob("ita_portal-*.whl"))
