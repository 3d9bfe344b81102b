"""How feedback fields look on screen. Labels come from the case lifecycle (exported by `fbdesk.desk`); this only
adds layout. A value with no label is shown through `safe_text`, since it comes from the database."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from rich.text import Text

from fbdesk.desk import (
    CASE_STATUS_LABELS,
    FEEDBACK_STATE_LABELS,
    RESPONSE_STATE_LABELS,
    CaseStatus,
    Deadline,
    Feedback,
    ResponseState,
)
from fbdesk.ui.safe_text import one_line

# Short forms for narrow table columns; the full labels are in lifecycle.
SHORT_STATUS: dict[str, str] = {CaseStatus.BUYER_REPLIED: "Replied", CaseStatus.WAITING_ON_BUYER: "Waiting"}
SHORT_RESPONSE: dict[str, str] = {
    ResponseState.NONE: "—",
    ResponseState.LIVE: "Live",
    ResponseState.DELETED: "Locked",
    ResponseState.REMOVED: "Removed",
}
CHANNELS = {"fba": "FBA", "seller": "MFN", "unknown": "?"}  # MFN: fulfilled by the merchant, Amazon's term
CHANNEL_LABELS = {
    "fba": "Fulfilled by Amazon (FBA)",
    "seller": "Fulfilled by the seller (MFN)",
    "unknown": "Fulfilment unknown",
}


RATING_STYLES = {1: "bold red", 2: "red", 3: "yellow", 4: "green", 5: "green"}


def _unknown(value: str) -> str:
    return one_line(value, limit=40).plain


def status_label(status: str, short: bool = False) -> str:
    return (short and SHORT_STATUS.get(status)) or CASE_STATUS_LABELS.get(status) or _unknown(status)


def response_label(state: str, short: bool = False) -> str:
    return (SHORT_RESPONSE if short else RESPONSE_STATE_LABELS).get(state) or _unknown(state)


def feedback_state_label(state: str) -> str:
    return FEEDBACK_STATE_LABELS.get(state) or _unknown(state)


def channel_label(channel: str, short: bool = False) -> str:
    return (CHANNELS if short else CHANNEL_LABELS).get(channel) or _unknown(channel)


def stars(rating: int) -> Text:
    style = {1: "red", 2: "red", 3: "yellow"}.get(rating, "green")
    return Text.assemble(("★" * rating, style), ("☆" * (5 - rating), "dim"))


def rating(value: int) -> Text:
    return Text(f"{value}★", style=RATING_STYLES.get(value, ""))


def short_date(day: date) -> str:
    return f"{day.day:>2} {day:%b}"


def long_date(day: date | datetime) -> str:
    return f"{day.day} {day:%b %Y}"


def moment(at: datetime) -> str:
    return f"{at.day} {at:%b %Y %H:%M}"


def age(day: date, today: date) -> str:
    days = (today - day).days
    return f"{days}d" if days < 365 else f"{days // 365}y"


def span(seconds: float) -> str:
    minutes = int(abs(seconds) // 60)
    if minutes < 60:
        return f"{minutes}m"
    hours = minutes // 60
    return f"{hours}h" if hours < 48 else f"{hours // 24}d"


def duration(delta: timedelta) -> str:
    """A length of time in words: "4 hours", "1 hour", "90 minutes"."""
    minutes = round(delta.total_seconds() / 60)
    count, unit = (minutes // 60, "hour") if minutes % 60 == 0 else (minutes, "minute")
    return f"{count} {unit}" + ("" if count == 1 else "s")


def deadline(state: str, due: datetime, now: datetime) -> Text:
    """The first-response deadline of a case, short (the inbox's Due column): its state from the Desk, and how far
    off it is while it is owed."""
    seconds = (due - now).total_seconds()
    words = {
        Deadline.OVERDUE: f"late {span(seconds)}",
        Deadline.DUE_SOON: f"in {span(seconds)}",
        Deadline.ON_TIME: f"in {span(seconds)}",
        Deadline.MET: "met",
        Deadline.MISSED: "missed",
        Deadline.NONE: "—",
    }[Deadline(state)]
    style = {Deadline.OVERDUE: "bold red", Deadline.DUE_SOON: "yellow", Deadline.MISSED: "red"}.get(
        Deadline(state), "dim" if state in (Deadline.MET, Deadline.NONE) else ""
    )
    return Text(words, style=style)


def deadline_in_full(state: str, fb: Feedback, now: datetime) -> Text:
    """The first-response deadline as the case view says it: when the buyer was contacted, or that nobody did, and
    an earlier deadline of the case that was missed. Short: it shares a line of the case header."""
    contacted, since = fb.first_response_at, fb.first_response_owed_since
    if state == Deadline.NONE:
        text = Text("nothing owed", style="dim")
    elif state == Deadline.MET and contacted and since:
        text = Text(f"met after {span((contacted - since).total_seconds())}", style="dim")
    elif state == Deadline.MISSED:
        late = f"{span((contacted - fb.first_response_due).total_seconds())} late" if contacted else "no contact"
        text = Text(f"missed: {late}", style="red")
    else:
        text = deadline(state, fb.first_response_due, now)
    if fb.first_response_missed_earlier is not None:
        text.append(f" · missed earlier ({long_date(fb.first_response_missed_earlier)})", style="red")
    return text
