"""Fixtures for tests that start the `smenet` command as a separate process."""

import contextlib
import os
import uuid

import pytest


@contextlib.contextmanager
def _database(data_dir):
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield {"SMENET_DATA_DIR": str(data_dir), "DATABASE_URL": ""}
        return
    import psycopg

    name = f"smenet_serve_{uuid.uuid4().hex[:8]}"
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {"SMENET_DATA_DIR": str(data_dir), "DATABASE_URL": url.rsplit("/", 1)[0] + "/" + name}
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def serve_database(tmp_path):
    """A database of its own for the server: a SQLite file, or a new PostgreSQL database when
    the suite runs on PostgreSQL."""
    with _database(tmp_path) as env:
        yield env


@pytest.fixture
def another_database(tmp_path):
    """A second, empty one (a restore target), with its own data directory."""
    with _database(tmp_path / "other") as env:
        yield env
