"""Guards of the one shape every app has (issue 12 §3, docs/development/adding-a-feature.md)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2]

MAIL = {"send_mail", "send_mass_mail", "EmailMessage", "EmailMultiAlternatives", "mail_admins"}

#: Modules other than ``<app>/notifications.py`` that send mail today, with the reason.
MAIL_ELSEWHERE = {
    # The meetings capability (issue 13) sends its invitations from its tasks while it is
    # being built; they move into events/notifications.py after it lands.
    "events/tasks.py": "follow-up of issue 13",
}
#: Entries for work not on main yet: not reported as stale while they are unused.
PENDING = {"events/tasks.py"}


def _mail_names(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("django.core.mail"):
            names |= {alias.name for alias in node.names} & MAIL
        elif isinstance(node, ast.Attribute) and node.attr in MAIL:
            names.add(node.attr)
    return names


def test_only_notifications_modules_send_mail():
    senders = {
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.glob("**/*.py")
        if "tests" not in path.parts and _mail_names(path)
    }
    notifications = {s for s in senders if s.endswith("/notifications.py")}
    assert notifications, "the glob finds the notifications modules"
    assert senders - notifications - set(MAIL_ELSEWHERE) == set(), (
        "send e-mail from <app>/notifications.py, queued after commit"
    )
    stale = set(MAIL_ELSEWHERE) - PENDING - senders
    assert not stale, f"allow-list entries no longer needed: remove {stale}"


#: Modules that compute "the focal points of X" themselves instead of asking registry.roles.
FOCAL_ELSEWHERE = {
    # Issue 15's round reminders; to use roles.focal_points_in(countries).
    "statistics/tasks.py": "follow-up of issue 15",
}


def _focal_queries(path: Path) -> bool:
    """Whether the module filters role assignments by the focal-point role itself."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            for keyword in node.keywords:
                if keyword.arg in {"role", "role_assignments__role"} and (
                    ast.unparse(keyword.value) in {"Role.FOCAL_POINT", "'focal_point'"}
                ):
                    return True
    return False


def test_focal_points_come_from_registry_roles():
    found = {
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.glob("**/*.py")
        if not {"tests", "migrations"} & set(path.parts) and _focal_queries(path)
    }
    found -= {"registry/roles.py", "registry/services.py", "registry/models.py", "demo/loader.py"}
    assert found - set(FOCAL_ELSEWHERE) == set(), (
        "ask registry.roles.focal_points_of(institutions) or focal_points_in(countries)"
    )
    assert set(FOCAL_ELSEWHERE) <= found, "allow-list entries no longer needed: remove them"


def test_the_guard_sees_a_mail(tmp_path):
    sample = tmp_path / "services.py"
    sample.write_text("from django.core.mail import send_mail\n")
    assert _mail_names(sample) == {"send_mail"}
