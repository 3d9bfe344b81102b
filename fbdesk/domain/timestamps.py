"""Moments written for other programs (exports, backups): ISO 8601 in UTC, `2026-11-30T23:08:37Z`."""

from __future__ import annotations

from datetime import UTC, datetime


def iso_utc(moment: datetime, *, precise: bool = False) -> str:
    """`moment` in UTC as ISO 8601 with a Z, to the second; with `precise`, to the microsecond when it has any (a
    backup keeps every moment exactly). A naive moment is taken as UTC, as the desk stores every moment in UTC."""
    moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    if not precise:
        moment = moment.replace(microsecond=0)
    return moment.replace(tzinfo=None).isoformat() + "Z"


def parse_iso_utc(text: str) -> datetime:
    """The moment `iso_utc` wrote (any ISO 8601 moment with a UTC offset is read); ValueError otherwise."""
    if not isinstance(text, str) or "T" not in text:
        raise ValueError(f"{text!r} is not an ISO 8601 moment such as 2026-11-30T23:08:37Z")
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"{text!r} has no time zone; write it in UTC with a Z, as 2026-11-30T23:08:37Z")
    return moment.astimezone(UTC)
