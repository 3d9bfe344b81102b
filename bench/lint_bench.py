"""Median time to lint a 2,000-character buyer message in-process: fbdesk's policy engine next to proselint on the
same text, in the same run, and the worst input the engine's time tests know next to it.
Usage: python bench/lint_bench.py [RUNS]

The message is a realistic service message with findings: a long email with one violating sentence in the middle
(a voucher for a changed review), a phone number and an "!!!", ending with the approved removal notice, so every part
of the engine runs (the feedback-talk analysis, incentive, contact and tone checks), not only the quick paths.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fbdesk.domain.policy import APPROVED_REMOVAL_NOTICE, LintContext, lint

PARAGRAPHS = [
    "Hello, and thank you for your message about order 204-5550192-3348812. We are very sorry that the kettle "
    "arrived with a dented lid and that the base did not click into place. We have looked into the order and can see "
    "that the courier marked it as delivered on Tuesday afternoon, two days later than promised.",
    "We have sent a replacement today by tracked delivery, and you do not need to return the damaged one: please "
    "recycle it or keep the base as a spare. A refund of the shipping cost has also been issued to your original "
    "payment method; please allow three to five business days for it to appear on your statement.",
    "Our warehouse team has checked the rest of the batch and found two more lids with the same fault, which we have "
    "removed from stock. We have also updated the listing so that the photos show the current model, and we have "
    "passed your comments about the packaging to the team that packs our orders.",
    "If the replacement does not arrive by Friday, or if anything else is not right with it, just reply to this "
    "message and we will sort it out straight away!!! You can also follow the parcel in Your Orders on Amazon, or "
    "call our desk on 0117 496 0325.",
    "As a thank-you we would like to send you a voucher for 20% off your next order once you have had a chance to "
    "revise your review.",
]
# The slowest 2,000-character inputs tests/policy/test_time.py knows (a run of one unit).
WORST_UNITS = [
    "www.",
    "x dot ",
    "!?",
    "12 34 ",
    "feedback refund voucher remove please ",
    "Please remove your review. ",
    "a1",
    "A",
]


def message(length: int = 2000) -> str:
    body = "\n\n".join(PARAGRAPHS)
    while len(body) + len(APPROVED_REMOVAL_NOTICE) + 2 < length:
        body += "\n\n" + PARAGRAPHS[len(body) % len(PARAGRAPHS)]
    body = body[: length - len(APPROVED_REMOVAL_NOTICE) - 2].rstrip()
    return (body + "\n\n" + APPROVED_REMOVAL_NOTICE).ljust(length)


def worst(length: int = 2000) -> tuple[str, str]:
    """(unit, text) of the known input that lints slowest at this length."""
    timed = []
    for unit in WORST_UNITS:
        text = (unit * (length // len(unit) + 1))[:length]
        timed.append((median_ms(lambda t=text: lint(t), 5, warmup=1), unit, text))
    _, unit, text = max(timed)
    return unit, text


def median_ms(fn, runs: int, warmup: int = 20) -> float:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def proselint_runner(text: str):
    """proselint's own entry point for linting a string (0.16: LintFile(...).lint(); older: tools.lint)."""
    try:
        from proselint.tools import LintFile
    except ImportError:
        from proselint.tools import lint as old_lint

        return lambda: old_lint(text)
    import proselint.checks
    from proselint.registry import CheckRegistry

    registry = CheckRegistry()
    if not registry.checks:  # the CLI registers the checks once at start-up; do the same
        registry.register_many(proselint.checks.__register__)
    return lambda: LintFile("<bench>", text).lint()


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    text = message()
    context = LintContext(resolved=True)
    assert len(text) == 2000
    findings = lint(text, context)
    print(f"message: {len(text)} characters, {len(findings)} fbdesk findings")
    rules = sorted({f.rule for f in findings})
    print(f"  rules found: {', '.join(rules)}")
    print(f"fbdesk lint     median {median_ms(lambda: lint(text, context), runs):7.3f} ms  (target <= 1 ms)")
    unit, bad = worst()
    print(
        f"fbdesk worst    median {median_ms(lambda: lint(bad), max(runs // 10, 20), warmup=3):7.3f} ms  "
        f"(2,000 characters of {unit!r}, the slowest input the time tests know)"
    )
    long_paste = (unit * (20_000 // len(unit) + 1))[:20_000]
    print(
        f"fbdesk 20k      median {median_ms(lambda: lint(long_paste), 20, warmup=2):7.3f} ms  "
        f"(20,000 characters of {unit!r}; target <= 100 ms)"
    )
    try:
        run = proselint_runner(text)
    except ImportError:
        print("proselint        not installed (pip install -e '.[test]')")
        return
    print(
        f"proselint lint  median {median_ms(run, max(runs // 10, 20), warmup=3):7.3f} ms  "
        f"({len(run())} proselint findings)"
    )


if __name__ == "__main__":
    main()
