"""Collect the engine's past verdicts on text it had never seen, for the second look (second_look.py).

Every labelled file written by someone who never read the engine (the blind rounds read so far and the training sets:
tests/policy/training, tests/policy/used-rounds, tests/policy/cases-blind-en-*) is linted by the engines of the
commits before the file was added, taken from git history: the last LAGS versions of the package before it. None had
seen the file, so their blocks there are the mistakes and the catches they made on new text. The older engines make
mistakes the newest before the file had already mended, which gives the second look more to learn from; the forward
evaluation weighs only the newest (lag 1). The blind rounds never read (tests/policy/blind-rounds) are left out:
they judge the result. Writes tests/policy/past-blocks.jsonl, one line per text the engine blocked:

    {"file": ..., "id": ..., "kind": ..., "honest": bool, "blocking": [rule, or rule + "/learned"],
     "spans": [[start, end] of each error], "commit": the engine's, "lag": 1 for the newest engine before the file,
     "order": the place in history of the commit that added the file}

Needs the repository's history (a full clone); takes about two minutes per lag on two cores.

    python scripts/collect_past_blocks.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests/policy/past-blocks.jsonl"
LAGS = 3
FILES = (
    sorted((ROOT / "tests/policy/training").glob("*.jsonl"))
    + sorted((ROOT / "tests/policy/used-rounds").glob("*.jsonl"))
    + sorted((ROOT / "tests/policy").glob("cases-blind-en-*.jsonl"))
)

# Run inside the old commit's package: only the API every engine with learned judges had.
_LINT_AT_COMMIT = r"""
import json, os, sys
sys.path.insert(0, os.getcwd())
from fbdesk.domain.policy import LintContext, lint
for path in json.loads(sys.argv[1]):
    for line in open(path, encoding="utf-8"):
        if not line.strip():
            continue
        case = json.loads(line)
        if case["expect"] not in ("block", "ok", "notblock"):
            continue
        found = lint(case["text"], LintContext(kind=case["kind"], **case.get("context", {})))
        errors = [f for f in found if f.severity == "error"]
        blocking = sorted({f.rule + ("/learned" if "weigh" in f.message else "") for f in errors})
        if blocking:
            print(json.dumps({"file": os.path.basename(path), "id": case["id"], "kind": case["kind"],
                              "honest": case["expect"] != "block", "blocking": blocking,
                              "spans": [[f.start, f.end] for f in errors]}))
"""


def git(*args: str) -> str:
    return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=True).stdout.strip()


def added_in(path: Path) -> str | None:
    """The commit that first added `path` (following renames)."""
    found = git("log", "--follow", "--diff-filter=A", "--format=%H", "--", str(path.relative_to(ROOT))).splitlines()
    return found[-1] if found else None


def engines_before(commit: str) -> list[str]:
    """The last LAGS commits that changed the package before `commit`, newest first."""
    return git("log", f"-{LAGS}", "--format=%H", commit + "^", "--", "fbdesk").splitlines()


def lint_at(job: tuple[str, list[str]]) -> list[dict]:
    commit, paths = job
    with tempfile.TemporaryDirectory() as work:
        subprocess.run(f"git -C {ROOT} archive {commit} fbdesk | tar -x -C {work}", shell=True, check=True)
        ran = subprocess.run(
            [sys.executable, "-c", _LINT_AT_COMMIT, json.dumps(paths)], capture_output=True, text=True, cwd=work
        )
    if ran.returncode:  # an engine too old for this API (before the learned judges): its verdicts are left out
        print(f"{commit[:7]}: skipped ({ran.stderr.strip().splitlines()[-1]})", file=sys.stderr)
        return []
    return [dict(json.loads(line), commit=commit[:7]) for line in ran.stdout.splitlines()]


def main() -> None:
    added: dict[str, str] = {}  # file name -> the commit that added it
    by_engine: dict[str, list[str]] = {}
    lag: dict[tuple[str, str], int] = {}  # (engine, file name) -> its lag
    for path in FILES:
        commit = added_in(path)
        if commit is None:  # not committed yet: no engine before it to ask
            continue
        added[path.name] = commit
        for place, engine in enumerate(engines_before(commit), start=1):
            by_engine.setdefault(engine, []).append(str(path))
            lag[(engine[:7], path.name)] = place
    time = {c: int(git("log", "-1", "--format=%ct", c)) for c in set(added.values())}
    order = {c: place for place, c in enumerate(sorted(time, key=time.__getitem__))}
    with Pool(2) as pool:
        found = pool.map(lint_at, sorted(by_engine.items()), chunksize=1)
    rows = [
        dict(row, lag=lag[(row["commit"], row["file"])], order=order[added[row["file"]]])
        for rows in found
        for row in rows
    ]
    rows.sort(key=lambda row: (row["order"], row["file"], row["lag"]))
    with OUT.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} blocks from {len(by_engine)} engines written to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
