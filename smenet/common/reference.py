"""Reference data (member states, institutions, the subject taxonomy, activity types…): each app
loads its own from ``<app>/reference.py`` through a ``load_reference_data() -> {name: count}``
function, called here in ``INSTALLED_APPS`` order, which is the layering order (a lower app's
data first). ``common`` finds the loaders through Django's app registry and imports no app: a
new app adds reference data without touching this file or the apps below it."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.db import transaction

Loader = Callable[[], dict[str, int]]


def reference_loaders() -> list[tuple[str, Loader]]:
    loaders: list[tuple[str, Loader]] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("smenet."):
            continue
        module_name = f"{config.name}.reference"
        if module_name == __name__ or find_spec(module_name) is None:
            continue
        load = getattr(import_module(module_name), "load_reference_data", None)
        if load is not None:
            loaders.append((config.label, load))
    return loaders


def load_reference_data() -> dict[str, int]:
    """Load or refresh every app's reference data in one transaction; idempotent."""
    counts: dict[str, int] = {}
    with transaction.atomic():
        for _label, load in reference_loaders():
            counts.update(load())
    return counts
