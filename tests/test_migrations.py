"""The schema's revisions: a new desk has exactly the schema the model describes; a desk made by fbdesk before Alembic
(schema_info version 1, the fixtures desk-v1.*.sql) opens with nothing lost and the same schema as a new one; a desk
from a newer fbdesk is refused untouched; a later revision can rebuild a table on SQLite."""

from __future__ import annotations

import sqlite3
import uuid
from functools import cache
from pathlib import Path

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, make_url, text
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlmodel import SQLModel
from test_concurrent_response import AGENTS, in_processes, open_and_count
from test_search_by_rating import assert_read_by_rating_as_checked

import fbdesk.db.models  # noqa: F401  (the model the schema is compared with)
from fbdesk.db import migrations
from fbdesk.db.migrations import SchemaError
from fbdesk.desk import FeedbackQuery, open_desk, pages
from fbdesk.errors import DeskUnavailable

from support import BACKENDS, FIXTURES, POSTGRES_URL, snapshot, write_report

HEAD = migrations.NEWEST_REVISION
# What the version-1 fixtures hold (see their headers for how they were made).
V1_ROWS = {
    "feedback": 14,
    "feedback_revision": 1,
    "response": 2,
    "buyer_message": 1,
    "note": 1,
    "draft": 1,
    "removal_request": 1,
    "audit_event": 11,
    "schema_info": 1,
}


@pytest.fixture
def new_database(tmp_path):
    """Makes databases nobody has opened yet, on SQLite or PostgreSQL, dropped at the end."""
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT") if POSTGRES_URL else None
    made: list[str] = []

    def make(backend: str) -> str:
        name = f"fbdesk_migrations_{uuid.uuid4().hex[:12]}"
        if backend == "sqlite":
            return f"sqlite:///{tmp_path / f'{name}.db'}"
        assert admin is not None
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        made.append(name)
        return make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)

    yield make
    if admin is not None:
        with admin.connect() as conn:
            for name in made:
                conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


def version_1_desk(new_database, backend: str) -> str:
    """A database exactly as fbdesk before Alembic left it, loaded from its dump."""
    url = new_database(backend)
    dump = (FIXTURES / f"desk-v1.{backend}.sql").read_text(encoding="utf-8")
    engine = create_engine(url)
    with engine.begin() as conn:
        if backend == "sqlite":
            conn.connection.driver_connection.executescript(dump)
        else:
            conn.exec_driver_sql(dump)
    engine.dispose()
    return url


def contents(url: str, columns: dict[str, list[str]] | None = None) -> dict[str, list]:
    """Every row of every table the version-1 desk has, read without fbdesk: its columns, or those given."""
    engine = create_engine(url)
    with engine.connect() as conn:
        columns = columns or {t: [c["name"] for c in inspect(conn).get_columns(t)] for t in V1_ROWS}
        tables = {
            t: [row._asdict() for row in conn.execute(text(f"SELECT {', '.join(columns[t])} FROM {t} ORDER BY 1"))]
            for t in V1_ROWS
        }
    engine.dispose()
    return tables


def schema_shape(url: str) -> dict[str, list]:
    """Everything the database's schema holds, as the database itself describes it."""
    engine = create_engine(url)
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            queries = {"objects": "SELECT type, name, tbl_name, sql FROM sqlite_master"}
        else:
            queries = {
                "columns": "SELECT table_name, column_name, data_type, character_maximum_length, is_nullable, "
                "column_default FROM information_schema.columns WHERE table_schema = 'public'",
                "indexes": "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'",
                "constraints": "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE connamespace = 'public'::regnamespace",
                "triggers": "SELECT tgname, pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal",
                "functions": "SELECT proname, prosrc FROM pg_proc WHERE pronamespace = 'public'::regnamespace",
            }
        shape = {what: sorted(conn.exec_driver_sql(sql).all()) for what, sql in queries.items()}
    engine.dispose()
    return shape


def versions(url: str) -> tuple[list, list]:
    engine = create_engine(url)
    with engine.connect() as conn:
        found = (
            conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all(),
            conn.execute(text("SELECT version FROM schema_info")).scalars().all(),
        )
    engine.dispose()
    return found


def assert_nothing_lost(before: dict[str, list], url: str) -> None:
    """Every row and column of the version-1 desk is in the upgraded one, as it was, but for what revisions change
    on purpose."""
    after = contents(url, {t: list(rows[0]) for t, rows in before.items()})
    before = {t: [dict(row) for row in rows] for t, rows in before.items()}
    assert after.pop("schema_info") == [{"version": 2}] and before.pop("schema_info") == [{"version": 1}]
    # 0003: messages queued before fbdesk delivered mail were sent outside it; they are never delivered now.
    assert {m.pop("delivery_state") for m in before["buyer_message"]} == {"queued"}
    assert {m.pop("delivery_state") for m in after["buyer_message"]} == {"recorded"}
    # 0006: the buyer was contacted by a message that went out, not by a public response.
    written_to = {m["feedback_id"] for m in before["buyer_message"]}
    answered_only = [f for f in before["feedback"] if f["first_response_at"] and f["id"] not in written_to]
    assert answered_only
    for row in answered_only:
        row["first_response_at"] = None
    assert after == before


def audit_trail_refuses_changes(desk) -> None:
    for statement in ("UPDATE audit_event SET agent = 'mallory'", "DELETE FROM audit_event"):
        with pytest.raises(DBAPIError, match="append-only"), desk.engine.begin() as conn:
            conn.execute(text(statement))


def test_the_newest_revision_is_the_one_fbdesk_opens_databases_at():
    assert migrations.scripts().get_heads() == [HEAD]
    revisions = [(script.revision, Path(script.path).name) for script in migrations.scripts().walk_revisions()]
    assert revisions[-1] == (migrations.BASE_REVISION, "v0001_base_schema.py")
    assert all(name.startswith(f"v{revision}_") for revision, name in revisions)


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_new_desk_has_exactly_the_schema_the_model_describes(new_database, tmp_path, backend):
    url = new_database(backend)
    desk = open_desk(url, agent="alex")
    with desk.engine.connect() as conn:
        assert migrations.schema_differences(conn, SQLModel.metadata) == []
    # schema_info stays at 2 so that an fbdesk from before Alembic refuses the desk as "made by a newer fbdesk".
    assert versions(url) == ([HEAD], [2])
    write_report(tmp_path / "r.tsv", [["11/18/26", "1", "Kettle arrived dented", "", "111-0000001-0000001", ""]])
    desk.import_reports([tmp_path / "r.tsv"])
    assert [f.order_id for f in desk.list_feedback(FeedbackQuery(text="dent"))] == ["111-0000001-0000001"]
    audit_trail_refuses_changes(desk)
    desk.close()


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_desk_from_before_alembic_opens_with_nothing_lost(new_database, tmp_path, backend):
    url = version_1_desk(new_database, backend)
    before = contents(url)
    assert {t: len(rows) for t, rows in before.items()} == V1_ROWS

    desk = open_desk(url, agent="alex")

    assert_nothing_lost(before, url)
    assert versions(url) == ([HEAD], [2])
    with desk.engine.connect() as conn:
        assert migrations.schema_differences(conn, SQLModel.metadata) == []
    fresh_url = new_database(backend)
    open_desk(fresh_url, agent="alex").close()
    assert schema_shape(url) == schema_shape(fresh_url)

    def found(words: str) -> list[str]:
        return sorted(f.order_id for f in desk.list_feedback(FeedbackQuery(text=words)))

    assert found("missing part") == ["111-2034871-5512093"]
    assert found("refunded postage") == ["111-7741920-3381724"]  # the buyer's modified text, not the first one
    assert found("estimate said") == []
    audit_trail_refuses_changes(desk)
    case = desk.get_case(desk.find_order("111-2034871-5512093").id)
    assert [r.state for r in case.responses] == ["deleted"] and len(case.notes) == 1 and len(case.messages) == 1
    assert desk.deadline(case.feedback) == "met"  # its message (sent outside fbdesk) went out in time
    assert desk.deadline(desk.find_order("111-9923140-1187263")) == "overdue"  # a public response is no contact
    note = desk.add_note(case.feedback.id, "Checked after the upgrade.")  # ids go on from the stored ones
    assert note.id == 2 and [e.action for e in desk.audit_trail(case.feedback.id)][-1] == "note-added"
    write_report(tmp_path / "r.tsv", [["11/18/26", "1", "Kettle arrived dented", "", "111-0000001-0000001", ""]])
    desk.import_reports([tmp_path / "r.tsv"])
    assert found("kettle") == ["111-0000001-0000001"]
    desk.set_status(desk.find_order("111-2281937-4481920").id, "in_progress")
    # Revision 0010 keyed SQLite's full-text index by status and rating, 0011 PostgreSQL's words.
    for words in ("arrived", "arr", "box crushed"):
        assert searched_rating_by_rating(desk, words) == searched_from_the_index(desk, words), words
        assert_read_by_rating_as_checked(desk, words)
    desk.close()


def searched_from_the_index(desk, words: str) -> list[str]:
    return [r.order_id for r in desk.page(FeedbackQuery(text=words, sort="rating"), limit=100)]


def searched_rating_by_rating(desk, words: str) -> list[str]:
    """The same search as if it matched too many to gather, in statuses big enough to be read rating by rating."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pages, "GATHER", 0)
        patch.setattr(pages, "SEARCHED_BY_RATING", 0)
        found = [r.order_id for r in desk.page(FeedbackQuery(text=words, sort="rating"), limit=100)]
    assert found
    return found


@pytest.mark.parametrize("backend", BACKENDS)
def test_several_processes_can_open_a_desk_from_before_alembic_at_once(new_database, backend):
    url = version_1_desk(new_database, backend)
    counts = in_processes(open_and_count, [(url,)] * AGENTS)
    assert counts == [V1_ROWS["feedback"]] * AGENTS
    assert versions(url) == ([HEAD], [2])


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_desk_from_a_newer_fbdesk_is_refused_untouched(new_database, tmp_path, backend):
    url = new_database(backend)
    desk = open_desk(url, agent="alex")
    write_report(tmp_path / "r.tsv", [["11/18/26", "1", "Kettle arrived dented", "", "111-0000001-0000001", ""]])
    desk.import_reports([tmp_path / "r.tsv"])
    with desk.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    before = snapshot(desk)
    with pytest.raises(
        SchemaError,
        match=f"schema revision 0099, made by a newer fbdesk; this fbdesk knows revisions up to {HEAD}: upgrade fbdesk",
    ) as refused:
        open_desk(url, agent="alex")
    assert isinstance(refused.value, DeskUnavailable)
    assert snapshot(desk) == before and versions(url) == (["0099"], [2])
    desk.close()


def test_a_desk_from_before_alembic_with_an_unknown_version_is_refused_untouched(new_database):
    url = version_1_desk(new_database, "sqlite")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE schema_info SET version = 7"))
    engine.dispose()
    before = contents(url)
    with pytest.raises(SchemaError, match="schema version 7, made by a newer fbdesk"):
        open_desk(url, agent="alex")
    assert contents(url) == before
    with create_engine(url).connect() as conn:
        assert conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE name = 'alembic_version'").all() == []


REBUILD_FEEDBACK = """
import sqlalchemy as sa
from alembic import op

from fbdesk.db.migrations.versions.v0010_full_text_keyed_by_rating import create_full_text_triggers

revision = "9001"
down_revision = "{head}"


def upgrade():
    with op.batch_alter_table("feedback") as batch:
        batch.add_column(sa.Column("priority", sa.Integer(), nullable=False, server_default="0"))
        batch.alter_column("marketplace", type_=sa.String(length=8))
    create_full_text_triggers()
    {extra}
"""


def with_a_later_revision(monkeypatch, tmp_path: Path, extra: str = "") -> None:
    """fbdesk's revisions plus one that rebuilds feedback, the table every other one references, as versions/'s
    guide says a revision changing it on SQLite does."""
    location = tmp_path / "scripts"
    (location / "versions").mkdir(parents=True)
    for script in (Path(migrations.__file__).parent / "versions").glob("v*.py"):
        (location / "versions" / script.name).write_text(script.read_text(encoding="utf-8"), encoding="utf-8")
    (location / "versions" / "v9001_rebuild_feedback.py").write_text(
        REBUILD_FEEDBACK.format(head=HEAD, extra=extra), encoding="utf-8"
    )
    config = Config()
    config.set_main_option("script_location", str(location))
    monkeypatch.setattr(migrations, "scripts", cache(lambda: ScriptDirectory.from_config(config)))


def test_a_later_revision_can_rebuild_a_table_others_reference_on_sqlite(new_database, tmp_path, monkeypatch):
    url = version_1_desk(new_database, "sqlite")
    before = contents(url)
    with_a_later_revision(monkeypatch, tmp_path)
    desk = open_desk(url, agent="alex")
    assert versions(url)[0] == ["9001"]
    assert_nothing_lost(before, url)
    with desk.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        assert (
            "WHERE first_response_at IS NULL"
            in conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE name = 'ix_feedback_status_owed_due'").scalar()
        )
    assert [f.order_id for f in desk.list_feedback(FeedbackQuery(text="missing"))] == ["111-2034871-5512093"]
    assert searched_rating_by_rating(desk, "arrived") == searched_from_the_index(desk, "arrived")
    with pytest.raises(IntegrityError), desk.engine.begin() as conn:  # foreign keys are enforced again
        conn.execute(
            text("INSERT INTO note (feedback_id, agent, body, created_at) VALUES (999, 'alex', 'orphan', '2026-01-01')")
        )
    desk.close()


def test_a_failing_revision_leaves_the_desk_as_it_was(new_database, tmp_path, monkeypatch):
    url = version_1_desk(new_database, "sqlite")
    before, shape = contents(url), schema_shape(url)
    # A revision that leaves a note pointing at no feedback: refused before it commits.
    delete = """op.execute("DELETE FROM feedback WHERE order_id = '111-2034871-5512093'")"""
    with_a_later_revision(monkeypatch, tmp_path, extra=delete)
    with pytest.raises(sqlite3.IntegrityError, match="the schema upgrade broke foreign keys"):
        open_desk(url, agent="alex")
    assert contents(url) == before and schema_shape(url) == shape
