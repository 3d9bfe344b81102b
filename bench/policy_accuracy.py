"""Policy judgement on labelled cases: the share of violations blocked and of honest texts blocked, per file,
language and kind.

    python bench/policy_accuracy.py tests/policy/blind/*.jsonl

A case is a JSON line {"kind", "text", "expect", "context", "id", "lang"?}; "block" and "removable" are violations
(the engine must raise an error, or find an amazon-removable ground), "ok"/"notblock" and "keep" are honest.
"warn+" cases (a warning or an error will do) are neither, and are left out of both rates.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's fbdesk, not an installed one

from fbdesk.domain.policy import LintContext, lint


def judged(case: dict) -> tuple[bool, bool]:
    """(is a violation, was caught)."""
    findings = lint(case["text"], LintContext(kind=case["kind"], **case.get("context", {})))
    if case["kind"] == "feedback" and case["expect"] in ("removable", "keep"):
        return case["expect"] == "removable", any(f.rule == "amazon-removable" for f in findings)
    return case["expect"] == "block", any(f.severity == "error" for f in findings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--misses", action="store_true", help="print the cases judged wrongly")
    args = parser.parse_args()
    print(f"{'set':<28} {'violations blocked':>20} {'honest blocked':>16}")
    for path in args.files:
        groups: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # violations, caught, honest, blocked
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            case = json.loads(line)
            if case["expect"] == "warn+":
                continue
            violation, caught = judged(case)
            for key in ("all", case["kind"]):
                g = groups[key]
                if violation:
                    g[0] += 1
                    g[1] += caught
                else:
                    g[2] += 1
                    g[3] += caught
            if args.misses and violation != caught:
                print(f"  MISS {case['id']} {case['kind']} expect={case['expect']} {case['text'][:150]!r}")
        for key, (v, c, h, b) in groups.items():
            label = f"{path.stem} {key}"
            vio = f"{c}/{v} {100 * c / v:5.1f}%" if v else "-"
            hon = f"{b}/{h} {100 * b / h:5.1f}%" if h else "-"
            print(f"{label:<28} {vio:>20} {hon:>16}")


if __name__ == "__main__":
    main()
