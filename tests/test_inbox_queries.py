"""The Desk's queries: filters, full-text search, sorting, paging, and the feedback rating figures."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlmodel import Session, select

from fbdesk.db.models import COMMENT_SORT_PREFIX, Feedback
from fbdesk.desk import OPEN_STATUSES, SORT_COLUMNS, UNASSIGNED, BadInput, CaseStatus, FeedbackQuery, pages

from support import NOW, write_report

TODAY = NOW.date()


@pytest.fixture
def stocked(desk, tmp_path):
    """Ten feedback in the US (seller-fulfilled) and three in the UK (FBA)."""
    us = [
        [f"{(TODAY - timedelta(days=i)):%-m/%-d/%y}", str(i % 5 + 1), comment, "", f"111-{i:07d}-0000001", ""]
        for i, comment in enumerate(
            [
                "Kettle leaks",
                "Late delivery",
                "Seller ignored me",
                "Great",
                "Fine",
                "Kettle lid broken",
                "Never arrived",
                "Wrong colour",
                "ok",
                "Loved it",
            ]
        )
    ]
    write_report(tmp_path / "us.tsv", us)
    desk.import_reports([tmp_path / "us.tsv"], channel="seller")
    uk = [
        [f"{(TODAY - timedelta(days=i)):%-d/%-m/%y}", "1", f"Parcel damaged {i}", "", f"202-{i:07d}-0000002", ""]
        for i in range(3)
    ]
    write_report(tmp_path / "uk.tsv", uk)
    desk.import_reports([tmp_path / "uk.tsv"], marketplace="UK", channel="fba")
    return desk


def orders(rows) -> list[str]:
    return [fb.order_id for fb in rows]


def test_filters_narrow_the_inbox(stocked):
    desk = stocked
    assert desk.count_feedback() == 13
    assert desk.count_feedback(FeedbackQuery(ratings=(1,))) == 2 + 3
    assert desk.count_feedback(FeedbackQuery(marketplaces=("UK",))) == 3
    assert desk.count_feedback(FeedbackQuery(channels=("fba",))) == 3
    assert desk.count_feedback(FeedbackQuery(statuses=("closed",))) == 4  # the positive ones
    week = FeedbackQuery(date_from=TODAY - timedelta(days=6), date_to=TODAY)
    assert desk.count_feedback(week) == 7 + 3
    assert desk.count_feedback(week.but(ratings=(1, 2), marketplaces=("US",))) == 4  # ages 0, 1, 5, 6


def test_assignee_filter_including_unassigned(stocked):
    desk = stocked
    first = desk.find_order("111-0000000-0000001")
    desk.assign(first.id, "sam")
    assert orders(desk.list_feedback(FeedbackQuery(assignee="sam"))) == ["111-0000000-0000001"]
    assert desk.count_feedback(FeedbackQuery(assignee=UNASSIGNED)) == 12
    assert "sam" in desk.agents()


def test_full_text_search_matches_words_and_prefixes(stocked):
    desk = stocked
    assert set(orders(desk.list_feedback(FeedbackQuery(text="kettle")))) == {
        "111-0000000-0000001",
        "111-0000005-0000001",
    }
    assert orders(desk.list_feedback(FeedbackQuery(text="kettle bro"))) == ["111-0000005-0000001"]
    assert desk.count_feedback(FeedbackQuery(text="KETTLE")) == 2
    # Search syntax typed by an agent is taken literally, never as a query language.
    for hostile in [
        '"',
        "kettle OR",
        "NEAR(",
        "*",
        "a AND",
        "'; DROP TABLE feedback; --",
        "[/i]",
        "a_b",
        "x-y.z",
        "kettle_lid",
    ]:
        desk.count_feedback(FeedbackQuery(text=hostile))
    assert desk.count_feedback() == 13
    # Words are cut as the index cuts them: an underscore separates words.
    assert orders(desk.list_feedback(FeedbackQuery(text="kettle_lid"))) == ["111-0000005-0000001"]


def test_search_follows_a_buyer_modification(stocked, tmp_path):
    desk = stocked
    write_report(
        tmp_path / "change.tsv", [[f"{TODAY:%-m/%-d/%y}", "3", "Replaced promptly", "", "111-0000000-0000001", ""]]
    )
    desk.import_reports([tmp_path / "change.tsv"])
    assert orders(desk.list_feedback(FeedbackQuery(text="promptly"))) == ["111-0000000-0000001"]
    assert orders(desk.list_feedback(FeedbackQuery(text="kettle"))) == ["111-0000005-0000001"]


@pytest.mark.parametrize("sort", list(SORT_COLUMNS))
def test_every_column_sorts_and_pages_never_overlap(stocked, sort):
    desk = stocked
    for descending in (True, False):
        query = FeedbackQuery(sort=sort, descending=descending)
        everything = orders(desk.list_feedback(query, limit=100))
        paged = [o for offset in range(0, 13, 4) for o in orders(desk.list_feedback(query, limit=4, offset=offset))]
        assert paged == everything
        assert len(set(everything)) == 13


def next_id(desk, query, place, *, backwards=False):
    row = desk.next_case(query, place, backwards=backwards)
    return None if row is None else row.id


@pytest.mark.parametrize("sort", list(SORT_COLUMNS))
def test_next_case_is_the_neighbour_in_the_inbox_list(stocked, sort):
    """] and [ in a case: the next and previous rows of the inbox's list, whatever its order and filters."""
    desk = stocked
    for fb in desk.list_feedback(FeedbackQuery(sort="order"), limit=3):  # some assigned, most not (NULLs)
        desk.assign(fb.id, "sam")
    for descending in (True, False):
        for narrowed in (FeedbackQuery(), FeedbackQuery(ratings=(1, 2), text="kettle")):
            query = narrowed.but(sort=sort, descending=descending)
            listed = [fb.id for fb in desk.list_feedback(query, limit=100)]
            assert len(listed) > 1
            assert [next_id(desk, query, fid) for fid in listed] == [*listed[1:], None]
            assert [next_id(desk, query, fid, backwards=True) for fid in listed] == [None, *listed[:-1]]


def test_next_case_after_one_that_left_the_list(stocked):
    """A case the agent just moved out of the list (its status changed) keeps its place for ] and [."""
    desk = stocked
    query = FeedbackQuery(statuses=("new",), sort="date", descending=True)
    before = [fb.id for fb in desk.list_feedback(query, limit=100)]
    place = desk.inbox_row(before[1])  # as the list showed it
    desk.set_status(before[1], "in_progress")
    assert before[1] not in [fb.id for fb in desk.list_feedback(query, limit=100)]
    assert next_id(desk, query, place) == before[2]
    assert next_id(desk, query, place, backwards=True) == before[0]


def test_default_order_is_newest_first(stocked):
    dates = [fb.feedback_date for fb in stocked.list_feedback(limit=100)]
    assert dates == sorted(dates, reverse=True)


def test_ratings_sort_ascending_puts_worst_first(stocked):
    ratings = [fb.rating for fb in stocked.list_feedback(FeedbackQuery(sort="rating", descending=False), limit=100)]
    assert ratings == sorted(ratings)


def test_unknown_sort_is_refused(stocked):
    with pytest.raises(BadInput, match="cannot sort by"):
        stocked.list_feedback(FeedbackQuery(sort="nonsense"))


def test_status_tab_counts_ignore_the_status_filter(stocked):
    counts = stocked.count_by_status(FeedbackQuery(statuses=("new",), marketplaces=("UK",)))
    assert counts == {"buyer_replied": 0, "new": 3, "in_progress": 0, "waiting_on_buyer": 0, "resolved": 0, "closed": 0}


def test_due_and_overdue(stocked, clock):
    desk = stocked
    assert desk.count_feedback(FeedbackQuery(due="overdue")) == 0
    clock.now = NOW + timedelta(hours=21)
    assert desk.count_feedback(FeedbackQuery(due="due-soon")) == 9  # the open cases, due in 3 hours
    clock.now = NOW + timedelta(hours=25)
    assert desk.count_feedback(FeedbackQuery(due="overdue")) == 9
    answered = desk.find_order("111-0000001-0000001")
    desk.send_message(answered.id, "We are sorry about the delay; your parcel is on its way.")
    assert desk.count_feedback(FeedbackQuery(due="overdue")) == 9  # queued, not gone out: no contact yet
    desk.set_status(answered.id, "resolved")
    assert desk.count_feedback(FeedbackQuery(due="overdue")) == 8
    assert desk.deadline(desk.get_feedback(answered.id)) == "missed"
    assert desk.stats().overdue == 8


def test_feedback_rating_is_positive_over_all_in_each_window(stocked):
    figures = {f.days: f for f in stocked.stats().figures}
    # US: ratings by age i: i%5+1 -> ages 0..9 rate 1,2,3,4,5,1,2,3,4,5; UK: three 1-star, ages 0..2.
    assert (figures[30].positive, figures[30].neutral, figures[30].negative) == (4, 2, 7)
    assert figures[30].percent_positive == round(100 * 4 / 13, 1)
    assert figures[None].total == 13


def test_rating_windows_exclude_older_feedback_and_removed_feedback(desk, tmp_path):
    write_report(
        tmp_path / "r.tsv",
        [
            [f"{TODAY - timedelta(days=29):%-m/%-d/%y}", "5", "in 30", "", "111-1", ""],
            [f"{TODAY - timedelta(days=30):%-m/%-d/%y}", "1", "day 31", "", "111-2", ""],
            [f"{TODAY - timedelta(days=200):%-m/%-d/%y}", "1", "in 365", "", "111-3", ""],
            [f"{TODAY - timedelta(days=400):%-m/%-d/%y}", "4", "lifetime", "", "111-4", ""],
        ],
    )
    desk.import_reports([tmp_path / "r.tsv"])
    figures = {f.days: (f.positive, f.negative, f.percent_positive) for f in desk.stats().figures}
    assert figures == {30: (1, 0, 100.0), 90: (1, 1, 50.0), 365: (1, 2, 33.3), None: (2, 2, 50.0)}
    write_report(
        tmp_path / "r2.tsv",
        [
            [f"{TODAY - timedelta(days=29):%-m/%-d/%y}", "5", "in 30", "", "111-1", ""],
            [f"{TODAY - timedelta(days=400):%-m/%-d/%y}", "4", "lifetime", "", "111-4", ""],
        ],
    )
    desk.import_reports([tmp_path / "r2.tsv"], complete=True)  # the buyers removed 111-2 and 111-3
    assert {f.days: f.negative for f in desk.stats().figures} == {30: 0, 90: 0, 365: 0, None: 0}


def test_empty_store_has_no_rating(desk):
    stats = desk.stats()
    assert [f.percent_positive for f in stats.figures] == [None, None, None, None]
    assert stats.total == 0


def test_negative_feedback_per_week(stocked):
    weeks = stocked.stats(weeks=4).negative_per_week
    assert len(weeks) == 4
    assert weeks[-1][0] == TODAY - timedelta(days=TODAY.weekday())
    assert sum(count for _, count in weeks) == 4 + 3  # US 1-2 stars within 10 days, plus the UK three
    assert all(isinstance(start, date) for start, _ in weeks)


def test_due_sort_puts_the_most_overdue_first_then_the_soonest_due_then_nothing_owed(stocked, clock, tmp_path):
    desk = stocked
    write_report(tmp_path / "later.tsv", [[f"{TODAY:%-m/%-d/%y}", "1", "Cracked lid", "", "111-9999999-0000001", ""]])
    clock.now = NOW + timedelta(hours=20)
    desk.import_reports([tmp_path / "later.tsv"])  # owed, due 20 hours after the others
    clock.now = NOW + timedelta(hours=30)  # the first import's open cases are 6 hours overdue
    answered = desk.find_order("111-0000001-0000001").id
    desk.send_message(answered, "We are sorry about the delay; your parcel is on its way.")
    rows = desk.page(FeedbackQuery(sort="due", descending=False), limit=100)
    owed = [r for r in rows if r.deadline(clock.now) in ("overdue", "due-soon", "on-time")]
    assert [r.deadline(clock.now) for r in rows[: len(owed)]] == [r.deadline(clock.now) for r in owed]
    assert rows[len(owed) - 1].order_id == "111-9999999-0000001"  # due latest of the owed
    assert {r.deadline(clock.now) for r in rows[len(owed) :]} == {"none"}  # nothing owed (positive feedback): last
    assert [r.first_response_due for r in owed] == sorted(r.first_response_due for r in owed)
    # Reversed whole, and page by page the same rows as one long page.
    backwards = desk.page(FeedbackQuery(sort="due", descending=True), limit=100)
    assert [r.id for r in backwards] == [r.id for r in rows][::-1]
    paged, after = [], None
    while chunk := desk.page(FeedbackQuery(sort="due", descending=False), after=after, limit=3):
        paged += chunk
        after = chunk[-1]
    assert [r.id for r in paged] == [r.id for r in rows]


@pytest.mark.parametrize("sort", list(SORT_COLUMNS))
def test_the_last_page_read_from_the_end_is_the_end_of_the_list(stocked, sort):
    desk = stocked
    desk.assign(desk.find_order("111-0000002-0000001").id, "sam")
    for descending in (True, False):
        query = FeedbackQuery(sort=sort, descending=descending)
        everything = [r.id for r in desk.page(query, limit=100)]
        assert [r.id for r in desk.page(query, limit=4, backwards=True)][::-1] == everything[-4:]
        before = desk.page(query, limit=100)[6]
        assert [r.id for r in desk.page(query, after=before, limit=3, backwards=True)][::-1] == everything[3:6]


def test_search_finds_a_pasted_order_id_and_a_buyer_email(desk, tmp_path):
    write_report(
        tmp_path / "r.tsv",
        [
            [f"{TODAY:%-m/%-d/%y}", "1", "Kettle leaks", "", "111-2034871-5512093", "Jo.Buyer@marketplace.amazon.com"],
            [f"{TODAY:%-m/%-d/%y}", "2", "Late", "", "111-7741920-3381724", "other@marketplace.amazon.com"],
        ],
    )
    desk.import_reports([tmp_path / "r.tsv"])
    assert [r.order_id for r in desk.page(FeedbackQuery(text=" 111-2034871-5512093 "))] == ["111-2034871-5512093"]
    assert [r.order_id for r in desk.page(FeedbackQuery(text="jo.buyer@marketplace.amazon.com"))] == [
        "111-2034871-5512093"
    ]
    assert desk.count_feedback(FeedbackQuery(text="Jo.Buyer@marketplace.amazon.com")) == 1
    assert desk.count_feedback(FeedbackQuery(text="111-0000000-0000000")) == 0


# The inbox's order, written out plainly: the sort's key then the id, the whole list reversed when descending, but
# by assignee the unassigned last either way, and by due date the cases owed a first response before the rest.
NAIVE_KEYS = {
    "date": lambda fb: fb.feedback_date,
    "rating": lambda fb: fb.rating,
    "marketplace": lambda fb: fb.marketplace,
    "channel": lambda fb: fb.channel,
    "assignee": lambda fb: fb.assignee or "",
    "due": lambda fb: fb.first_response_due,
}


def naive_order(desk, everything, query, keys=NAIVE_KEYS) -> list[int]:
    """The ids of the feedback the query shows, in its order: every feedback filtered and sorted in Python."""

    def shown(fb) -> bool:
        unassigned = query.assignee == UNASSIGNED
        return (
            (not query.statuses or fb.case_status in query.statuses)
            and (not query.ratings or fb.rating in query.ratings)
            and (not query.marketplaces or fb.marketplace in query.marketplaces)
            and (not query.channels or fb.channel in query.channels)
            and (not query.assignee or fb.assignee == (None if unassigned else query.assignee))
            and (not query.date_from or fb.feedback_date >= query.date_from)
            and (not query.date_to or fb.feedback_date <= query.date_to)
        )

    rows = sorted((fb for fb in everything if shown(fb)), key=lambda fb: (keys[query.sort](fb), fb.id))
    if query.descending:
        rows.reverse()
    if query.sort == "assignee":
        rows = [fb for fb in rows if fb.assignee] + [fb for fb in rows if not fb.assignee]
    if query.sort == "due":
        owed = [fb for fb in rows if desk.deadline(fb) in ("overdue", "due-soon", "on-time")]
        rest = [fb for fb in rows if fb not in owed]
        rows = rest + owed if query.descending else owed + rest
    return [fb.id for fb in rows]


@pytest.fixture
def worked(desk, tmp_path, clock):
    """Three hundred feedback in three marketplaces and three channels, worked by a team: cases in every status,
    assigned to three agents mostly by rating (the 4 and 5 stars left unassigned and closed, as teams do), a few
    answered; so that some combinations of filters match many rows, some few, some rows of one sort's value only."""
    dates = {"US": "%-m/%-d/%y", "UK": "%-d/%-m/%y", "DE": "%-d.%-m.%y"}
    for n, (marketplace, channel) in enumerate([("US", "fba"), ("UK", "seller"), ("DE", "unknown")]):
        rows = []
        for i in range(100):
            shown = f"{TODAY - timedelta(days=(i * 7 + n) % 120):{dates[marketplace]}}"
            rating = [5, 5, 4, 1, 5, 2, 3, 5, 1, 4][i % 10]
            rows.append([shown, str(rating), f"comment {n} {i}", "", f"{111 + n}-{i:07d}-0000001", ""])
        write_report(tmp_path / f"{marketplace}.tsv", rows)
        desk.import_reports([tmp_path / f"{marketplace}.tsv"], marketplace=marketplace, channel=channel)
    ids = {fb.id: fb for fb in desk.list_feedback(FeedbackQuery(sort="order", descending=False), limit=1000)}
    statuses = ["resolved", "closed", "in_progress", "waiting_on_buyer", "new"]
    by_status: dict[str, list[int]] = {}
    for fid, fb in ids.items():
        if fb.case_status == "new":
            by_status.setdefault(statuses[fid % len(statuses)], []).append(fid)
    for status, chosen in by_status.items():
        if status != "new":
            desk.set_status_many(chosen, status)
    for n, agent in enumerate(["sam", "alex", "priya"]):
        desk.assign_many([fid for fid, fb in ids.items() if fb.rating <= 3 and fid % 3 == n and fid % 11], agent)
    desk.assign_many([fid for fid in ids if fid % 29 == 0], "sam")  # a few of the positive ones too
    clock.now = NOW + timedelta(hours=30)
    return desk


PLANNED_FILTERS = [
    FeedbackQuery(),
    FeedbackQuery(ratings=(3,), marketplaces=("DE",), channels=("unknown",)),
    FeedbackQuery(marketplaces=("UK",), channels=("seller",)),
    FeedbackQuery(channels=("unknown",)),
    FeedbackQuery(ratings=(1, 2)),
    FeedbackQuery(assignee=UNASSIGNED),
    FeedbackQuery(assignee="sam"),
    FeedbackQuery(assignee="priya", marketplaces=("US",)),
    FeedbackQuery(ratings=(5,), assignee="sam"),
    FeedbackQuery(date_from=TODAY - timedelta(days=60), date_to=TODAY - timedelta(days=30), ratings=(1,)),
    FeedbackQuery(date_from=TODAY - timedelta(days=6), marketplaces=("US",)),
]


@pytest.mark.parametrize("sort", list(NAIVE_KEYS))
def test_pages_hold_the_same_rows_as_a_naive_query(worked, sort, monkeypatch):
    """Whichever way a page is read (walked value by value, gathered from the filters' index, padded, skipped, a
    few values then stopped), the list is the rows a plain filter and sort gives, whole and from the end, and page
    after page in the All tab. (A whole walk of a stream is short on a desk this small: as if it were not, so that
    sorts by a tallied column are read value by value.)"""
    monkeypatch.setattr(pages, "WALK_WHOLE", 0)
    desk = worked
    with Session(desk.engine) as session:
        everything = session.exec(select(Feedback)).all()
    for base in PLANNED_FILTERS:
        for statuses in ((), OPEN_STATUSES):
            for descending in (False, True):
                query = base.but(statuses=statuses, sort=sort, descending=descending)
                expected = naive_order(desk, everything, query)
                assert [r.id for r in desk.page(query, limit=1000)] == expected, query
                paged, after = [], None
                while statuses == () and (chunk := desk.page(query, after=after, limit=12)):
                    paged += [r.id for r in chunk]
                    after = chunk[-1]
                assert statuses or paged == expected, query
                assert [r.id for r in desk.page(query, limit=12, backwards=True)][::-1] == expected[-12:], query


def naive_search(comment: str, words: str) -> bool:
    """Whether the comment holds every word typed (the last as a prefix), words cut at anything but letters and
    digits, case ignored."""
    *whole, last = re.findall(r"[^\W_]+", words.lower())
    tokens = re.findall(r"[^\W_]+", comment.lower())
    return all(w in tokens for w in whole) and any(t.startswith(last) for t in tokens)


# The sorts a search is checked in: those above, and sorts by text, which Python orders as the databases do here.
SEARCH_KEYS = {
    **NAIVE_KEYS,
    "order": lambda fb: fb.order_id,
    "response": lambda fb: fb.response_state,
    "comment": lambda fb: fb.comment[:COMMENT_SORT_PREFIX],
}


def assert_read_as(desk, query: FeedbackQuery, expected: list[int], page: int = 7) -> None:
    """The list `query` gives is `expected`: whole, page after page of `page` rows, and its last page read backwards."""
    assert [r.id for r in desk.page(query, limit=1000)] == expected, query
    paged, after = [], None
    while len(paged) <= len(expected) and (chunk := desk.page(query, after=after, limit=page)):
        paged += [r.id for r in chunk]
        after = chunk[-1]
    assert paged == expected, query
    assert [r.id for r in desk.page(query, limit=page, backwards=True)][::-1] == expected[-page:], query


@pytest.mark.parametrize("sort", list(SEARCH_KEYS))
def test_searches_checked_on_each_row_hold_the_same_rows_as_a_naive_query(worked, sort, monkeypatch):
    """A search that matches many feedback is checked on each row a page walks past (on PostgreSQL the walks of all
    statuses merged in one statement, or by date one walk of the dates' index): the list is the rows a plain filter
    and sort gives, whole, page after page and from the end. (As if every search matched too many to gather.)"""
    monkeypatch.setattr(pages, "GATHER", 0)
    desk = worked
    with Session(desk.engine) as session:
        everything = {fb.id: fb for fb in session.exec(select(Feedback)).all()}
    bases = [FeedbackQuery(), FeedbackQuery(ratings=(1, 2)), FeedbackQuery(date_from=TODAY - timedelta(days=60))]
    for words in ("comment 1", "2 COMM"):
        for base in bases:
            for statuses in ((), OPEN_STATUSES, ("closed",)):
                for descending in (False, True):
                    query = base.but(text=words, statuses=statuses, sort=sort, descending=descending)
                    expected = [
                        i
                        for i in naive_order(desk, everything.values(), query, SEARCH_KEYS)
                        if naive_search(everything[i].comment, words)
                    ]
                    assert expected, query
                    assert_read_as(desk, query, expected)


def test_a_search_checked_on_each_row_finds_what_the_index_finds(desk, tmp_path, monkeypatch):
    """Whether a search's matches are read from the full-text index (few) or checked on each row walked past (many),
    it finds the same feedback: in any case, with letters that lower-case into ASCII ones (İ, the Kelvin sign),
    accents, words joined by hyphens, underscores or slashes, and prefixes."""
    comments = [
        "İNSTANT refund please",
        "The \u212aettle arrived broken",
        "KETTLE lid cracked",
        "kettle-lid cracked, refund_requested",
        "Über schnell, Kettle gut",
        "café crème kettles",
        "see kettle.example.com/kettle for refunds",
        "no match here",
        "instantly refunded",
    ]
    rows = [
        [f"{TODAY - timedelta(days=i):%-m/%-d/%y}", "1", comment, "", f"111-{i:07d}-0000009", ""]
        for i, comment in enumerate(comments)
    ]
    desk.import_reports([write_report(tmp_path / "r.tsv", rows)], channel="seller")
    searches = ["instant", "kettle", "KETTLE LID", "kettle cr", "refund", "refu", "crème", "uber", "über", "example"]
    for sort in ("date", "rating"):
        for words in searches:
            query = FeedbackQuery(text=words, sort=sort)
            indexed = [r.id for r in desk.page(query)]
            monkeypatch.setattr(pages, "GATHER", 0)
            walked = [r.id for r in desk.page(query)]
            monkeypatch.undo()
            assert walked == indexed, words
    assert [r.comment for r in desk.page(FeedbackQuery(text="kettle", sort="order", descending=False))][:2] == [
        comments[1],
        comments[2],
    ]


# Comments whose words go with the rating, as complaints go with 1-3 stars: a search of a complaint matches none of
# the 4 and 5 stars (and "refu" begins several words of the index).
RATED_COMMENTS = {
    1: ["glass cracked, refund please", "scratches all over, refunded at last"],
    2: ["scratches on the lid", "glass cracked in transit, refusing the rest"],
    3: ["a few scratches, arrived late"],
    4: ["arrived on time, fine"],
    5: ["arrived early, great seller"],
}


@pytest.fixture
def complaints(desk, tmp_path, clock):
    """Two hundred and forty feedback, most closed or resolved, whose complaint words are all in 1-3 star comments."""
    for n, (marketplace, channel) in enumerate([("US", "fba"), ("UK", "seller")]):
        rows = []
        for i in range(120):
            rating = [5, 4, 5, 1, 2, 3, 5, 4, 1, 5, 2, 5][i % 12]
            comment = RATED_COMMENTS[rating][i % len(RATED_COMMENTS[rating])]
            shown = f"{TODAY - timedelta(days=(i * 5 + n) % 90):{'%-m/%-d/%y' if n == 0 else '%-d/%-m/%y'}}"
            rows.append([shown, str(rating), f"{comment} {i}", "", f"{121 + n}-{i:07d}-0000001", ""])
        write_report(tmp_path / f"{marketplace}.tsv", rows)
        desk.import_reports([tmp_path / f"{marketplace}.tsv"], marketplace=marketplace, channel=channel)
    new = [fb.id for fb in desk.list_feedback(FeedbackQuery(statuses=("new",)), limit=1000)]
    desk.set_status_many([i for i in new if i % 7 in (1, 2, 3, 4)], "closed")
    desk.set_status_many([i for i in new if i % 7 == 5], "resolved")
    desk.set_status_many([i for i in new if i % 7 == 6], "in_progress")
    desk.assign_many([i for i in new if i % 3 == 0], "sam")
    clock.now = NOW + timedelta(hours=30)
    return desk


@pytest.mark.parametrize("big", [0, 40], ids=["every status big", "some statuses big"])
def test_searches_sorted_by_rating_hold_the_same_rows_as_a_naive_query(complaints, big, monkeypatch):
    """A search sorted by rating whose matches lie in some ratings only (read on SQLite rating by rating from the
    full-text index: the ratings with no match skipped, those with few gathered by their ids, the rest walked): the
    list is the rows a plain filter and sort gives, in every tab, both ways, whole, page after page and from the end,
    with cases that changed status after the import. (As if every search matched too many to gather, and every
    status, or some, were big enough to be read rating by rating.)"""
    monkeypatch.setattr(pages, "GATHER", 0)
    monkeypatch.setattr(pages, "WALK_WHOLE", 0)
    monkeypatch.setattr(pages, "SEARCHED_BY_RATING", big)
    desk = complaints
    with Session(desk.engine) as session:
        everything = {fb.id: fb for fb in session.exec(select(Feedback)).all()}
    bases = [FeedbackQuery(), FeedbackQuery(marketplaces=("UK",)), FeedbackQuery(ratings=(2, 5))]
    for words in ("scratches", "glass cra", "refu", "arrived", "fine"):
        for base in bases:
            for statuses in ((), OPEN_STATUSES, ("closed",)):
                for descending in (True, False):
                    query = base.but(text=words, statuses=statuses, sort="rating", descending=descending)
                    expected = [
                        i
                        for i in naive_order(desk, everything.values(), query)
                        if naive_search(everything[i].comment, words)
                    ]
                    assert_read_as(desk, query, expected)


def test_a_search_sorted_by_rating_follows_changes_of_status(complaints, monkeypatch):
    """The full-text index follows a case's status (SQLite keys it by status and rating): a closed case reopened is
    found in its new tab, not in the old."""
    monkeypatch.setattr(pages, "GATHER", 0)
    monkeypatch.setattr(pages, "SEARCHED_BY_RATING", 0)
    desk = complaints
    closed = FeedbackQuery(text="scratches", statuses=("closed",), sort="rating")
    moved = [r.id for r in desk.page(closed, limit=3)]
    assert len(moved) == 3
    desk.set_status_many(moved, "in_progress")
    assert not set(moved) & {r.id for r in desk.page(closed, limit=1000)}
    assert set(moved) <= {r.id for r in desk.page(closed.but(statuses=("in_progress",)), limit=1000)}


def test_a_search_is_counted_in_each_status_as_its_rows_are_found(complaints):
    """The tabs' counts of a search (read on SQLite from the full-text index's keys alone), with and without another
    filter, after cases changed status: the feedback a plain check finds in each status."""
    desk = complaints
    with Session(desk.engine) as session:
        everything = session.exec(select(Feedback)).all()
    for words in ("scratches", "glass cra", "refu", "arrived", "xylophone"):
        for base in (FeedbackQuery(), FeedbackQuery(marketplaces=("UK",))):
            query = base.but(text=words)
            expected = {status: 0 for status in CaseStatus}
            for fb in everything:
                if naive_search(fb.comment, words) and (not base.marketplaces or fb.marketplace in base.marketplaces):
                    expected[fb.case_status] += 1
            assert desk.count_by_status(query) == expected, query
