"""Views fetch member data only through selectors (issue 12 §1, decision 0015): a view that
writes ``Model.objects`` bypasses ``visible_to`` and the 404 rule. This test reads every
``views.py`` and ``api/views.py`` and fails on ``.objects`` outside the allow-list below."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2]

#: ``(file, model)`` pairs a view may query directly, each with the reason.
ALLOWED: dict[tuple[str, str], str] = {
    ("api/views.py", "Token"): "the signed-in user's own API token, created for that user",
}


def _view_modules() -> list[Path]:
    return sorted(
        path
        for pattern in ("*/views.py", "*/api/views.py", "*/views/*.py", "*/api/views/*.py")
        for path in PACKAGE.glob(pattern)
        if "tests" not in path.parts
    )


def _raw_queries(path: Path) -> list[tuple[int, str]]:
    """``(line, model)`` of every ``<Model>.objects`` in the module."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr == "objects":
            owner = node.value
            name = owner.id if isinstance(owner, ast.Name) else ast.unparse(owner)
            found.append((node.lineno, name))
    return found


def test_views_use_selectors_not_objects():
    modules = _view_modules()
    assert len(modules) >= 10, modules  # the glob finds the apps' views
    offending = []
    used = set()
    for path in modules:
        relative = str(path.relative_to(PACKAGE))
        for line, model in _raw_queries(path):
            if (relative, model) in ALLOWED:
                used.add((relative, model))
                continue
            offending.append(f"smenet/{relative}:{line}: {model}.objects")
    assert offending == [], "fetch through a *_get_for_user selector:\n" + "\n".join(offending)
    assert used == set(ALLOWED), "allow-list entries no longer needed: remove them"


def test_the_guard_sees_a_raw_query(tmp_path):
    sample = tmp_path / "views.py"
    sample.write_text("def v(request, pk):\n    return Thing.objects.get(pk=pk)\n")
    assert _raw_queries(sample) == [(2, "Thing")]
