"""Collect the engine's past verdicts on text it had never seen, for the second look (second_look.py).

Every labelled file written by someone who never read the engine (the blind rounds read so far and the training sets:
tests/policy/training, tests/policy/used-rounds, tests/policy/cases-blind-en-*) is linted by the engine of the commit
before the file was added, taken from git history. That engine had never seen the file, so its blocks there are the
mistakes and the catches it made on new text. The blind rounds never read (tests/policy/blind-rounds) are left out:
they judge the result. Writes tests/policy/past-blocks.jsonl, one line per text the engine blocked:

    {"file": ..., "id": ..., "kind": ..., "honest": bool, "blocking": [rule, or rule + "/learned"],
     "spans": [[start, end] of each error], "commit": ..., "order": its commit's place in history}

Needs the repository's history (a full clone); takes about two minutes on two cores.

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
    by_commit: dict[str, list[str]] = {}
    for path in FILES:
        commit = added_in(path)
        if commit is None:  # not committed yet: no engine before it to ask
            continue
        by_commit.setdefault(git("rev-parse", commit + "^"), []).append(str(path))
    order = {c: int(git("log", "-1", "--format=%ct", c)) for c in by_commit}
    jobs = sorted(by_commit.items(), key=lambda job: order[job[0]])
    with Pool(2) as pool:
        found = pool.map(lint_at, jobs, chunksize=1)
    with OUT.open("w", encoding="utf-8") as out:
        for place, rows in enumerate(found):
            for row in rows:
                out.write(json.dumps(dict(row, order=place), ensure_ascii=False) + "\n")
    print(f"{sum(map(len, found))} blocks from {len(jobs)} commits written to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
