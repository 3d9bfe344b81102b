"""Several agents at once, in separate processes: one public response gets through, and a new database is
set up once."""

from __future__ import annotations

import multiprocessing

import pytest

from fbdesk.desk import RuleRefusal, open_desk

from support import BACKENDS, write_report

AGENTS = 6
TIMEOUT = 120  # seconds: a worker that cannot start would otherwise leave the pool waiting for ever


_together = None  # in a worker process: the barrier of `in_processes`


def _join(barrier) -> None:
    global _together
    _together = barrier


def at_once() -> None:
    """In a function `in_processes` runs: wait here until every process has got here."""
    assert _together is not None
    _together.wait(timeout=TIMEOUT)


def in_processes(function, arguments: list[tuple]) -> list:
    """Run `function` once per argument tuple, each in its own spawned process, all at once from `at_once()`."""
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(len(arguments))
    with context.Pool(len(arguments), initializer=_join, initargs=(barrier,)) as pool:
        return pool.starmap_async(function, arguments).get(timeout=TIMEOUT)


def submit(url: str, feedback_id: int, agent: str) -> str:
    desk = open_desk(url, agent=agent)
    at_once()
    try:
        desk.submit_response(feedback_id, f"We are sorry about the delay. ({agent})")
        return "submitted"
    except RuleRefusal as refusal:
        return f"refused: {refusal}"
    finally:
        desk.close()


def test_exactly_one_of_several_processes_submits_the_response(desk, db_url, tmp_path):
    write_report(tmp_path / "r.tsv", [["11/18/26", "1", "Late", "", "111-0000001-0000001", ""]])
    desk.import_reports([tmp_path / "r.tsv"])
    feedback_id = desk.find_order("111-0000001-0000001").id
    outcomes = in_processes(submit, [(db_url, feedback_id, f"agent{i}") for i in range(AGENTS)])  # opened, then all
    assert outcomes.count("submitted") == 1, outcomes
    refusals = [o for o in outcomes if o != "submitted"]
    assert all("Amazon allows one response per feedback" in o for o in refusals), refusals
    case = desk.get_case(feedback_id)
    assert [r.state for r in case.responses] == ["live"]
    assert case.feedback.response_state == "live"
    assert [e.action for e in case.audit] == ["response-submitted"]


def open_and_count(url: str) -> int:
    at_once()
    desk = open_desk(url, agent="opener")
    try:
        return desk.count_feedback()
    finally:
        desk.close()


@pytest.mark.parametrize("backend", BACKENDS)
def test_several_processes_can_open_a_new_database_at_once(request, tmp_path, backend):
    """Agents starting fbdesk together on a database nobody has opened yet: set-up runs once, nobody fails."""
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'new.db'}"
    else:
        url = request.getfixturevalue("fresh_postgres_database")
    counts = in_processes(open_and_count, [(url,)] * AGENTS)
    assert counts == [0] * AGENTS
