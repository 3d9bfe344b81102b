from __future__ import annotations

import logging
import os
import shutil

import pytest
from sqlalchemy import create_engine, text
from sqlmodel import SQLModel

from fbdesk.desk import open_desk

from support import BACKENDS, Clock, new_postgres_database

TABLES = ", ".join(table.name for table in SQLModel.metadata.sorted_tables)  # every table of the desk


@pytest.fixture(autouse=True)
def isolated_user_folders(monkeypatch, tmp_path_factory):
    """No test reads this machine's fbdesk settings, config file, keymap or data, nor writes its log."""
    for name in [n for n in os.environ if n.startswith("FBDESK_") and not n.startswith("FBDESK_TEST_")]:
        monkeypatch.delenv(name)
    home = tmp_path_factory.mktemp("home")
    for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(variable, str(home / variable.lower()))
    yield
    for handler in logging.getLogger("fbdesk").handlers[:]:  # a test that set up logging leaves none behind
        logging.getLogger("fbdesk").removeHandler(handler)
        handler.close()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture(scope="session")
def postgres_database():
    """A database of its own for this test run, dropped at the end."""
    with new_postgres_database("fbdesk_test") as url:
        cleaner = create_engine(url)
        yield url, cleaner
        cleaner.dispose()


@pytest.fixture
def fresh_postgres_database():
    """A PostgreSQL database nobody has opened yet."""
    with new_postgres_database("fbdesk_fresh") as url:
        yield url


@pytest.fixture(scope="session")
def desk_template(tmp_path_factory):
    """A SQLite desk at the newest schema, made once: a copy of it is a new desk without running the migrations
    again for every test (test_migrations covers creating one)."""
    path = tmp_path_factory.mktemp("template") / "desk.db"
    open_desk(f"sqlite:///{path}", agent="alex").close()
    assert [p.name for p in path.parent.iterdir()] == ["desk.db"], "the template has no journal left to copy"
    return path


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory):
    """The demo's desk at the fixed clock, built once for the run (building it takes seconds): tests copy it."""
    from fbdesk.demo import load_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    desk = open_desk(f"sqlite:///{path}", agent="alex", clock=Clock())
    load_demo(desk)
    desk.close()
    return path


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path) -> str:
    """A new desk's database: a copy of the SQLite template, or the session's PostgreSQL database emptied."""
    if request.param == "sqlite":
        shutil.copy(request.getfixturevalue("desk_template"), tmp_path / "desk.db")  # mode too: owner only
        return f"sqlite:///{tmp_path / 'desk.db'}"
    url, cleaner = request.getfixturevalue("postgres_database")
    with cleaner.begin() as conn:
        if conn.execute(text("SELECT to_regclass('feedback')")).scalar() is not None:
            conn.execute(text(f"TRUNCATE {TABLES} RESTART IDENTITY CASCADE"))
    return url


@pytest.fixture
def desk(db_url, clock):
    desk = open_desk(db_url, agent="alex", clock=clock)
    yield desk
    desk.close()
