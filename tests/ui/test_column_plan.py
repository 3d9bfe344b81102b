"""The inbox's columns at each terminal width: every column from 120 cells, then narrowed or dropped by priority,
never the due column, and every label whole in its column."""

from __future__ import annotations

import pytest

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
