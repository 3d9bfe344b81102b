"""Feedback rating figures, as Amazon computes them (POLICY.md)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

WINDOWS: tuple[int | None, ...] = (30, 90, 365, None)  # days; None is lifetime
COUNTED_STATES = ("live", "modified")  # removed and struck-through feedback no longer counts
NEGATIVE = (1, 2)  # stars


@dataclass(frozen=True)
class RatingFigure:
    days: int | None
    positive: int
    neutral: int
    negative: int

    @property
    def total(self) -> int:
        return self.positive + self.neutral + self.negative

    @property
    def percent_positive(self) -> float | None:
        """Feedback rating: positive / all, or None when there is no feedback in the window."""
        return round(100 * self.positive / self.total, 1) if self.total else None

    @property
    def label(self) -> str:
        return "Lifetime" if self.days is None else f"{self.days} days"


def window_start(today: date, days: int | None) -> date | None:
    """First day inside a window of `days` days ending today."""
    return None if days is None else today - timedelta(days=days - 1)


def rating_figure(days: int | None, by_rating: dict[int, int]) -> RatingFigure:
    """The figure of a window from its counted feedback by rating: 4-5 stars positive, 3 neutral, 1-2 negative."""
    return RatingFigure(
        days,
        sum(n for rating, n in by_rating.items() if rating >= 4),
        by_rating.get(3, 0),
        sum(n for rating, n in by_rating.items() if rating in NEGATIVE),
    )


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weekly_counts(counts_by_day: Iterable[tuple[date, int]], today: date, weeks: int) -> list[tuple[date, int]]:
    """Counts per week (Monday first) for the `weeks` weeks up to and including this one, oldest first."""
    this_week = week_start(today)
    starts = [this_week - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
    totals = dict.fromkeys(starts, 0)
    for day, count in counts_by_day:
        start = week_start(day)
        if start in totals:
            totals[start] += count
    return list(totals.items())
