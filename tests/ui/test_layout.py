"""What depends on the terminal's width: the inbox's columns (every one from 120 cells, then narrowed or dropped by
priority, never the due column, every label whole in its column) and the dashboard's weekly chart (as wide as its
box, the oldest weeks left out where the box is too narrow for all)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from fbdesk.desk import Stats
from fbdesk.ui.screens.dashboard import weekly_chart
from fbdesk.ui.widgets.feedback_table import COLUMNS, MIN_COMMENT, PADDING, SCROLLBAR, plan_columns

WIDTHS = range(60, 241)


def keys(width: int) -> list[str]:
    return [column.key for column in plan_columns(width)]


def used(width: int) -> int:
    return SCROLLBAR + sum(column.width + PADDING for column in plan_columns(width))


@pytest.mark.parametrize("width", [120, 160])
def test_a_wide_terminal_shows_every_column_as_it_is(width):
    plan = plan_columns(width)
    assert [(c.key, c.label) for c in plan] == [(c.key, c.label) for c in COLUMNS]
    assert used(width) == width


def test_at_100_columns_only_the_age_the_marketplace_and_the_response_give_way():
    assert keys(100) == ["mark", "day", "rating", "order", "channel", "comment", "status", "assignee", "due"]
    assert used(100) == 100


def test_at_80_columns_the_order_id_goes_too():
    assert keys(80) == ["mark", "day", "rating", "channel", "comment", "status", "assignee", "due"]
    assert used(80) == 80


def test_the_due_status_rating_mark_and_comment_always_stay():
    for width in WIDTHS:
        assert {"mark", "rating", "comment", "status", "due"} <= set(keys(width)), width


def test_every_label_fits_its_column():
    for width in WIDTHS:
        for column in plan_columns(width):
            assert len(column.label) <= column.width, (width, column)


def test_the_table_fits_and_the_comment_keeps_its_minimum_from_64_columns():
    for width in WIDTHS:
        comment = next(c for c in plan_columns(width) if c.key == "comment")
        assert comment.width >= MIN_COMMENT, width
        assert used(width) == width or width < 64, width


def test_a_wider_terminal_never_shows_fewer_columns():
    def shown(width: int) -> set[str]:  # the day is the date column, narrowed
        return {"date" if key == "day" else key for key in keys(width)}

    for width in WIDTHS:
        assert shown(width) <= shown(width + 1), width


def twelve_weeks() -> Stats:
    monday = date(2026, 11, 16)
    weeks = [(monday - timedelta(weeks=n), 3 + n) for n in range(11, -1, -1)]
    return Stats(
        today=monday, figures=[], by_rating={}, by_status={}, negative_per_week=weeks, removal_outcomes={}, overdue=0
    )


def chart_lines(width: int) -> list[str]:
    return weekly_chart(twelve_weeks(), width).plain.splitlines()


@pytest.mark.parametrize("width", [90, 112, 152])
def test_the_weekly_chart_spreads_its_twelve_weeks_over_its_box(width):
    lines = chart_lines(width)
    axis = lines[6]
    assert width - 12 < len(axis.rstrip()) <= width  # the axis reaches within a column of the right edge
    assert all(len(line) <= width for line in lines)
    assert lines[8].split()[:2] == ["31", "Aug"] and lines[8].split()[-2:] == ["16", "Nov"]  # oldest first
    assert len(lines[8].split()) == 24  # twelve dates of two words each


def test_a_narrow_weekly_chart_leaves_out_the_oldest_weeks_and_wraps_nothing():
    lines = chart_lines(72)
    assert all(len(line) <= 72 for line in lines)
    counts = lines[7].split()
    assert counts == [str(n) for n in range(11, 2, -1)]  # the nine latest weeks, this week last
    assert lines[8].split()[-2:] == ["16", "Nov"]
