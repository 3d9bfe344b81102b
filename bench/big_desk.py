"""Desks of up to millions of realistic feedback for the benches, made fast and kept between runs.

A desk is what years of daily imports and agents' work leave: dates over three years (or the days asked; ids in date
order, as daily imports add them), mostly positive ratings, marketplaces and channels in realistic shares, comments
of 20-400 characters, and the cases worked as a team does: old negative feedback resolved or closed and assigned,
the last week's still new, in progress, waiting or answered by the buyer, a share of them overdue. Rows go straight
into a new desk (the schema made by fbdesk itself) without indexes, which are then built, with the full-text index,
the tallies (fbdesk.db.tallies.fold) and the planner's statistics.

SQLite desks are cached as /tmp/fbdesk-bench/desk-ROWS-DAYSd-SIGNATURE.db, PostgreSQL desks as the database
fbdesk_bench_ROWS (or the name given) on the server given, with the signature in a table; the signature changes with
this file and with the schema's revisions, so a stale desk is made again.

    python bench/big_desk.py ROWS [POSTGRES_URL [DATABASE]]
"""

from __future__ import annotations

import hashlib
import random
import sys
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as day_time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, make_url, text  # noqa: E402

from fbdesk.db import dialect, tallies  # noqa: E402
from fbdesk.desk import open_desk  # noqa: E402

CACHE = Path("/tmp/fbdesk-bench")
AGENTS = ["sam", "alex", "priya", "jonas", "mei", "tom", "ana", "li"]
MARKETPLACES = [("US", 62), ("UK", 14), ("DE", 10), ("FR", 5), ("IT", 4), ("ES", 3), ("CA", 2)]
CHANNELS = [("fba", 65), ("seller", 33), ("unknown", 2)]
RATINGS = [(5, 68), (4, 14), (3, 5), (2, 4), (1, 9)]
# A seller's bad week: most feedback negative, so that even a desk of 100 fills the inbox's Open tab.
BAD_WEEK = [(5, 10), (4, 10), (3, 15), (2, 20), (1, 45)]
STATES = [("live", 960), ("modified", 20), ("removed_by_buyer", 10), ("removed_by_amazon", 7), ("struck_through", 3)]
GOOD = [
    "Arrived quickly and well packed.",
    "Exactly as described, thank you.",
    "Great seller, would buy again.",
    "The kettle works perfectly and looks lovely in our kitchen.",
    "Fast delivery and the item was in perfect condition.",
    "Good communication from the seller when the courier was late.",
    "Lovely quality for the price.",
]
BAD = [
    "Package arrived open and one part was missing.",
    "Shipping took 12 days, the estimate said 4.",
    "Seller sent the wrong colour and ignored my message.",
    "Terrible battery life, it died after a day.",
    "Box arrived crushed and the glass jug was cracked.",
    "The lid leaks when pouring and the handle gets hot.",
    "Never arrived, still waiting for a refund.",
    "Item was used, with scratches all over the base.",
]
FIELDS = [
    *("id", "order_id", "marketplace", "rating", "comment", "feedback_date", "arrived_on_time", "item_as_described"),
    *("customer_service", "rater_email", "channel", "case_status", "feedback_state", "response_state", "assignee"),
    *("revision", "imported_at", "updated_at", "first_response_due", "first_response_at", "last_contact_at"),
    *("reported_through", "buyer_address", "buyer_address_acknowledged"),
]
YEARS_OF_FEEDBACK = 3 * 365
GENERATOR_VERSION = 1  # raise it when `rows` changes: cached desks are made again


def _choices(rng: random.Random, weighted: list[tuple[object, int]], k: int) -> list:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights, k=k)


def _comment(rng: random.Random, rating: int) -> str:
    pool = GOOD if rating >= 4 else BAD if rating <= 2 else GOOD + BAD
    words: list[str] = []
    length = rng.randint(20, 400)
    while sum(len(w) + 1 for w in words) < length:
        words.append(rng.choice(pool))
    return " ".join(words)[: max(20, length)].rstrip()


def _case(rng: random.Random, rating: int, age: int) -> tuple[str, bool]:
    """The case status after the team's work, and whether the buyer has had a first response."""
    if rating >= 4:
        return "closed", False
    if age > 45:
        return ("resolved" if rng.random() < 0.55 else "closed"), True
    if age > 7:
        status = rng.choices(
            ["resolved", "closed", "waiting_on_buyer", "in_progress", "buyer_replied"], [40, 20, 20, 15, 5]
        )[0]
        return status, True
    status = rng.choices(["new", "in_progress", "waiting_on_buyer", "buyer_replied", "resolved"], [45, 25, 15, 10, 5])[
        0
    ]
    return status, status != "new" and rng.random() < 0.8


def rows(count: int, today: date, days: int = YEARS_OF_FEEDBACK, seed: int = 11, ratings_weighted: list = RATINGS):
    """The feedback rows over the last `days` days, in id (and date) order, as tuples in FIELDS order."""
    rng = random.Random(seed)
    dates = sorted(today - timedelta(days=rng.randrange(days)) for _ in range(count))
    ratings = _choices(rng, ratings_weighted, count)
    markets = _choices(rng, MARKETPLACES, count)  # type: ignore[arg-type]
    channels = _choices(rng, CHANNELS, count)  # type: ignore[arg-type]
    states = _choices(rng, STATES, count)  # type: ignore[arg-type]
    for i in range(count):
        day, rating = dates[i], ratings[i]
        age = (today - day).days
        imported = datetime.combine(day + timedelta(days=1), day_time(6), UTC)
        if imported > datetime.now(UTC):
            imported = datetime.now(UTC) - timedelta(hours=rng.randint(1, 12))
        status, answered = _case(rng, rating, age)
        assignee = None if rating >= 4 or (status == "new" and rng.random() < 0.8) else rng.choice(AGENTS)
        first_response_at = imported + timedelta(hours=rng.randint(1, 30)) if answered else None
        responded = (rating <= 3 and answered and rng.random() < 0.4) or (rating >= 4 and rng.random() < 0.05)
        state = states[i]
        yield (
            i + 1,
            f"{rng.choice(('111', '112', '113', '114'))}-{i:07d}-{rng.randrange(10**7):07d}",
            markets[i],
            rating,
            _comment(rng, rating),
            day,
            rng.random() < 0.9,
            rating >= 3 or rng.random() < 0.5,
            None,
            f"{rng.randrange(36**10):x}@marketplace.amazon.com",
            channels[i],
            status,
            state,
            "live" if responded else "none",
            assignee,
            2 if state == "modified" else 1,
            imported,
            first_response_at or imported,
            imported + timedelta(hours=24),
            first_response_at,
            first_response_at,
            day + timedelta(days=1),
            None,
            False,
        )


def signature(count: int, days: int, ratings: list = RATINGS) -> str:
    digest = hashlib.sha256(str(GENERATOR_VERSION).encode())
    for revision in sorted((ROOT / "fbdesk/db/migrations/versions").glob("v*.py")):
        digest.update(revision.read_bytes())
    digest.update(f"{count}/{days}".encode())
    if ratings != RATINGS:
        digest.update(repr(ratings).encode())
    return digest.hexdigest()[:12]


def _secondary_indexes(conn) -> list[tuple[str, str]]:
    if conn.dialect.name == "sqlite":
        found = conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'feedback' AND sql IS NOT NULL"
        ).all()
    else:
        found = conn.exec_driver_sql(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'feedback' AND indexname <> 'feedback_pkey'"
        ).all()
    return [(name, sql) for name, sql in found if "order_id" not in sql or "status" in name]


def sqlite_desk(count: int, days: int = YEARS_OF_FEEDBACK, ratings: list = RATINGS) -> Path:
    """A SQLite desk of `count` feedback over the last `days` days, with ratings in the shares given, made once and
    cached."""
    CACHE.mkdir(exist_ok=True)
    kind = f"desk-{count}-{days}d" + ("" if ratings == RATINGS else "-bad")
    path = CACHE / f"{kind}-{signature(count, days, ratings)}.db"
    if path.exists():
        return path
    began = time.perf_counter()
    for old in CACHE.glob(f"{kind}-{'?' * 12}.db*"):
        old.unlink()
    making = path.with_suffix(".making")
    making.unlink(missing_ok=True)
    open_desk(f"sqlite:///{making}", agent="bench").close()
    engine = create_engine(f"sqlite:///{making}")
    with engine.begin() as conn:
        raw = conn.connection.driver_connection
        indexes = _secondary_indexes(conn)
        for name, _ in indexes:
            raw.execute(f"DROP INDEX {name}")
        placeholders = ", ".join("?" * len(FIELDS))
        insert = f"INSERT INTO feedback ({', '.join(FIELDS)}) VALUES ({placeholders})"
        batch = []
        for row in rows(count, date.today(), days, ratings_weighted=ratings):
            batch.append(tuple(v.strftime("%Y-%m-%d %H:%M:%S.%f") if isinstance(v, datetime) else v for v in row))
            if len(batch) == 20000:
                raw.executemany(insert, batch)
                batch = []
        raw.executemany(insert, batch)
        for _, sql in indexes:
            raw.execute(sql)
        dialect.index_new_comments(conn, 0)
        tallies.fold(conn)
    with engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
        conn.commit()
    engine.dispose()
    making.rename(path)
    print(f"made {path} ({count:,} feedback) in {time.perf_counter() - began:.0f} s", file=sys.stderr)
    return path


def postgres_desk(count: int, server_url: str, name: str | None = None) -> str:
    """A PostgreSQL desk of `count` feedback on the server at `server_url`, made once and kept, in the database
    `name` (by default fbdesk_bench_COUNT)."""
    name = name or f"fbdesk_bench_{count}"
    url = make_url(server_url).set(database=name).render_as_string(hide_password=False)
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    wanted = signature(count, YEARS_OF_FEEDBACK)
    with admin.connect() as conn:
        exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).first()
    if exists:
        engine = create_engine(url)
        with engine.connect() as conn:
            signed = conn.execute(text("SELECT to_regclass('bench_signature')")).scalar()
            if signed and conn.execute(text("SELECT value FROM bench_signature")).scalar() == wanted:
                engine.dispose()
                admin.dispose()
                return url
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    began = time.perf_counter()
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    open_desk(url, agent="bench").close()
    engine = create_engine(url)
    with engine.begin() as conn:
        indexes = _secondary_indexes(conn)
        for index, _ in indexes:
            conn.exec_driver_sql(f"DROP INDEX {index}")
        cursor = conn.connection.driver_connection.cursor()
        with cursor.copy(f"COPY feedback ({', '.join(FIELDS)}) FROM STDIN") as copy:
            for row in rows(count, date.today()):
                copy.write_row(row)
        conn.exec_driver_sql("SELECT setval('feedback_id_seq', (SELECT max(id) FROM feedback))")
        for _, sql in indexes:
            conn.exec_driver_sql(sql)
        tallies.fold(conn)
        conn.exec_driver_sql("CREATE TABLE bench_signature (value text)")
        conn.execute(text("INSERT INTO bench_signature VALUES (:v)"), {"v": wanted})
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM ANALYZE")
    engine.dispose()
    print(f"made PostgreSQL {name} ({count:,} feedback) in {time.perf_counter() - began:.0f} s", file=sys.stderr)
    return url


if __name__ == "__main__":
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    print(sqlite_desk(size))
    if len(sys.argv) > 2:
        print(postgres_desk(size, sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None))
