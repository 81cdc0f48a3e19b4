"""The dependency rule, written once (README, "Layout"): `portal.lib` ←
`measures` ← `feedback`, `surveys` ← `portal`, and the development-only
`demo` package, which may use them all and which nothing imports.

Every import in the project's code is parsed, those inside functions too, so a
late import cannot slip past the rule.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LEAF = "portal.lib"
APPS = ("measures", "feedback", "surveys")
# What each package may import from the project, besides itself.
ALLOWED = {
    LEAF: (),
    "measures": (LEAF,),
    "feedback": (LEAF, "measures"),
    "surveys": (LEAF, "measures"),
    "portal": (LEAF, *APPS),
    "demo": (LEAF, *APPS, "portal"),
}
PROJECT = (*APPS, "portal", "demo")


def package_of(module):
    if module == LEAF or module.startswith(LEAF + "."):
        return LEAF
    return module.split(".")[0]


def module_name(path, root):
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path, root):
    tree = ast.parse(path.read_text(), filename=str(path))
    here = module_name(path, root)
    is_package = path.name == "__init__.py"
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module
            for alias in node.names:
                yield node.lineno, f"{target}.{alias.name}"


def violations(root=ROOT):
    found = []
    sources = [path for top in PROJECT for path in sorted((root / top).rglob("*.py"))]
    for path in sources:
        own = package_of(module_name(path, root))
        for lineno, target in imported_modules(path, root):
            if target.split(".")[0] not in PROJECT:
                continue
            theirs = package_of(target)
            if theirs != own and theirs not in ALLOWED[own]:
                found.append(f"{path.relative_to(root)}:{lineno} imports {target}")
            private = [part for part in target.split(".")[1:] if part.startswith("_")]
            if theirs != own and any(not p.startswith("__") for p in private):
                found.append(f"{path.relative_to(root)}:{lineno} imports private {target}")
    return found


def test_every_import_follows_the_dependency_rule():
    assert violations() == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from feedback.models import Case\n", "imports feedback.models.Case"),
        ("def late():\n    from portal.report import build\n", "imports portal.report.build"),
        ("from ..views import home\n", "imports portal.views.home"),
    ],
)
def test_the_rule_catches_a_violation(tmp_path, source, expected):
    # A module in the leaf package that reaches into an app or into portal.
    leaf_dir = tmp_path / "portal" / "lib"
    leaf_dir.mkdir(parents=True)
    (leaf_dir / "bad.py").write_text(source)
    assert any(expected in line for line in violations(tmp_path))


def test_no_app_imports_the_demo(tmp_path):
    app_dir = tmp_path / "measures"
    app_dir.mkdir()
    (app_dir / "views.py").write_text("from demo.agency import AGENCY\n")
    assert violations(tmp_path) == ["measures/views.py:1 imports demo.agency.AGENCY"]
