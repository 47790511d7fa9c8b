"""The layering of the apps (docs/architecture.md, "Layers"; issue 12 §2 and §4): an app imports
only from apps of its own layer or a lower one, plus a few shared modules; the pure engines import nothing from
Django or the rest of SMENET. An upward import needs an entry in ``UPWARD`` with its reason."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2]

#: Lower first. An app may import from its own layer and the layers below. Apps being built
#: (services directory and experts, issue 14; news, issue 13) are placed where their
#: branches' imports put them.
LAYERS: list[set[str]] = [
    {"common"},
    {"taxonomy"},
    {"registry"},
    {"governance", "jobs"},
    {"capacity", "knowledge", "plans"},
    {"statistics", "services_directory"},
    {"events", "news", "experts"},
    {"search"},
    {"api", "web"},
    {"demo"},
]

#: Modules of upper packages that every app may use: shared helpers of the interfaces and the
#: search contract (apps register their indexable types, schedule their reindexing and may
#: ask search, as the services finder does).
SHARED = {
    "smenet.api.errors",
    "smenet.api.fields",
    "smenet.api.filters",
    "smenet.api.parsers",
    "smenet.web.errors",
    "smenet.search.registry",
    "smenet.search.indexing",
    "smenet.search.selectors",
}

#: ``(importing file, imported module)`` pairs that go upwards today, each with its reason.
UPWARD: dict[tuple[str, str], str] = {
    ("registry/views.py", "smenet.governance.selectors"): (
        "an institution's page lists its mandates; to become a hook like statistics/hooks.py"
    ),
    ("governance/views.py", "smenet.events"): (
        "a decision names the meeting that took it; the meetings capability (issue 13) owns "
        "Meeting and will settle this edge"
    ),
    ("knowledge/management/commands/smenet_import.py", "smenet"): (
        "one `smenet import` command for every importer; to move into the command line layer"
    ),
}

#: The pure engines: they run without Django (CLI, benchmarks, a process pool).
PURE = ["smenet.capacity.matching", "smenet.search.analysis", "smenet.search.query"]


def _layer_of(app: str) -> int | None:
    return next((i for i, apps in enumerate(LAYERS) if app in apps), None)


def _imports(path: Path) -> list[str]:
    """The absolute ``smenet.*`` names a file imports (module level or inside functions);
    ``from a.b import c`` gives ``a.b.c`` (``c`` may be a module or a name in ``a.b``)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.extend(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
    return [m for m in found if m.startswith("smenet.")]


def _within(name: str, module: str) -> bool:
    return name == module or name.startswith(module + ".")


def _app_files() -> list[tuple[str, Path]]:
    return sorted(
        (path.relative_to(PACKAGE).parts[0], path)
        for path in PACKAGE.glob("*/**/*.py")
        if not {"tests", "migrations", "locale"} & set(path.relative_to(PACKAGE).parts)
    )


def test_every_app_has_a_layer():
    apps = {
        path.name for path in PACKAGE.iterdir() if (path / "apps.py").exists() or path.name == "api"
    }
    missing = sorted(app for app in apps if _layer_of(app) is None)
    assert missing == [], f"add these apps to LAYERS (and to docs/architecture.md): {missing}"


def test_no_import_runs_upwards():
    offending, used = [], set()
    for app, path in _app_files():
        own = _layer_of(app)
        if own is None:
            continue
        relative = str(path.relative_to(PACKAGE))
        for module in _imports(path):
            other = module.split(".")[1]
            target = _layer_of(other)
            if other == app or target is None or target <= own:
                continue
            if any(_within(module, s) for s in SHARED):
                continue
            allowed = [(f, m) for f, m in UPWARD if f == relative and _within(module, m)]
            if allowed:
                used.update(allowed)
                continue
            offending.append(f"smenet/{relative}: {module} ({app} → {other})")
    assert offending == [], "imports against the layering:\n" + "\n".join(offending)
    assert used == set(UPWARD), f"no longer needed, remove: {set(UPWARD) - used}"


def test_the_guard_sees_an_upward_import(tmp_path):
    sample = tmp_path / "services.py"
    sample.write_text("def f():\n    from smenet.plans.models import Plan\n")
    assert _imports(sample) == ["smenet.plans.models.Plan"]


@pytest.mark.parametrize("module", PURE)
def test_pure_engines_import_nothing_from_django_or_the_apps(module):
    code = (
        f"import sys, {module}\n"
        "print('\\n'.join(sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'django', 'rest_framework', 'parler', 'smenet'})))"
    )
    out = subprocess.run(  # noqa: S603 — a fixed command line
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    package = module.rsplit(".", 1)[0]
    extra = [
        m for m in out if m not in {"smenet", package} and not any(_within(m, p) for p in PURE)
    ]
    assert extra == [], f"{module} pulls in more than the standard library"
