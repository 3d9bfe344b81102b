"""Time to lint in-process: a realistic 2,000-character buyer message, next to proselint on the same text in the
same run, and the worst inputs known (each adversarial family of tests/policy/adversarial.py at 2,000 and 20,000
characters) next to it. Budgets are the targets of issue 14: 1 ms (median) for the message, 100 ms for 20,000
characters of anything.
Usage: python bench/lint_bench.py [RUNS] [--check]   (--check: exit 1 when a median is over its budget)

Each run types one character into the message, as an agent does in the composer: twenty in a row at one place,
then twenty at the next place, and so on over the whole text. The composer's lints re-read only the piece of the
text the keystroke changed; a cold lint (nothing kept) is shown next to it. The message is a service message with
findings: a long e-mail about a damaged kettle with one violating sentence in the middle (a voucher for a changed
review), a phone number and an "!!!", ending with the approved removal notice, so every part of the engine runs
(the feedback-talk analysis, incentive, contact and tone checks), not only the quick paths. The honest message
tells a fact in place of the voucher sentence and has no phone number or "!!!": no rule blocks it, so the learned
judge reads it too. The bench's earlier message, whose padding said the voucher sentence five times over, is shown
for comparison. The engines take turns in bursts of keystrokes, so that load on a shared machine falls on all.
"""

from __future__ import annotations

import contextlib
import gc
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "policy")]

from adversarial import FAMILIES, of_length  # noqa: E402

from fbdesk.domain.policy import APPROVED_REMOVAL_NOTICE, LintContext, lint  # noqa: E402
from fbdesk.domain.policy.engine import forget  # noqa: E402

TYPICAL_BUDGET_MS = 1.0
LONG_BUDGET_MS = 100.0
VOUCHER = (
    "As a thank-you we would like to send you a voucher for 20% off your next order once you have had a chance to "
    "revise your review."
)
PARAGRAPHS = [
    "Hello, and thank you for your message about order 204-5550192-3348812. We are very sorry that the kettle "
    "arrived with a dented lid and that the base did not click into place. We have looked into the order and can see "
    "that the courier marked it as delivered on Tuesday afternoon, two days later than promised.",
    "We have sent a replacement today by tracked delivery, and you do not need to return the damaged one: please "
    "recycle it or keep the base as a spare. A refund of the shipping cost has also been issued to your original "
    "payment method; please allow three to five business days for it to appear on your statement.",
    "Our warehouse team has checked the rest of the batch and found two more lids with the same fault, which we have "
    "removed from stock. We have also updated the listing so that the photos show the current model, and we have "
    f"passed your comments about the packaging to the team that packs our orders. {VOUCHER}",
    "If the replacement does not arrive by Friday, or if anything else is not right with it, just reply to this "
    "message and we will sort it out straight away!!! You can also follow the parcel in Your Orders on Amazon, or "
    "call our desk on 0117 496 0325.",
    "A quick tip for the new kettle: the first two boils may smell a little of the factory coating, which is normal. "
    "Boil a full kettle and pour it away twice before you use it, and descale it every few weeks if your water is "
    "hard. Leaving the lid open for a few minutes after the last boil of the day also lets it dry out.",
    "The kettle carries our two-year warranty from the date of delivery, so if the lid or the base gives any more "
    "trouble later on, we will repair or replace it. Thank you again for your patience, and for telling us about the "
    "fault.",
]
# the honest message: the voucher sentence told as a fact instead, and neither the phone number nor the "!!!"
HONEST = [
    p.replace(VOUCHER, "We are also reviewing how our courier handles fragile parcels on your route this week.")
    .replace("straight away!!!", "straight away.")
    .replace(", or call our desk on 0117 496 0325.", ".")
    for p in PARAGRAPHS
]


def message(paragraphs: list[str] = PARAGRAPHS, length: int = 2000) -> str:
    """The paragraphs and the approved removal notice, padded with spaces to `length` characters."""
    text = "\n\n".join([*paragraphs, APPROVED_REMOVAL_NOTICE])
    assert len(text) <= length
    return text.ljust(length)


def repeated_message(length: int = 2000) -> str:
    """The bench's message until 2026-12-02, shown for comparison with no budget of its own: the first paragraphs,
    then the voucher sentence said over and over to make up the length (20 findings)."""
    paragraphs = [*PARAGRAPHS[:2], PARAGRAPHS[2].replace(f" {VOUCHER}", ""), PARAGRAPHS[3], VOUCHER]
    body = "\n\n".join(paragraphs)
    while len(body) + len(APPROVED_REMOVAL_NOTICE) + 2 < length:
        body += "\n\n" + paragraphs[len(body) % len(paragraphs)]
    body = body[: length - len(APPROVED_REMOVAL_NOTICE) - 2].rstrip()
    return (body + "\n\n" + APPROVED_REMOVAL_NOTICE).ljust(length)


def medians_ms(
    fns: list[Callable[[], object]], runs: int, warmup: int = 10, burst: int = 20
) -> list[tuple[float, float]]:
    """(wall, CPU) median time of each function in milliseconds. The functions take turns in bursts of `burst` runs
    (an agent types a few characters in a row, and nothing else lints between them), so that load on a shared
    machine falls on all of them; run by run, each would find the processor's caches filled by the other's data
    (proselint between two keystrokes adds 0.6 ms to fbdesk's lint). CPU time is this process's own: on a shared
    machine the wall time also counts the waits for a core."""
    for fn in fns:
        for _ in range(warmup):
            fn()
    walls: list[list[float]] = [[] for _ in fns]
    cpus: list[list[float]] = [[] for _ in fns]
    gc.collect()
    for done in range(0, runs, burst):
        for fn, wall, cpu in zip(fns, walls, cpus, strict=True):
            for _ in range(min(burst, runs - done)):
                start, start_cpu = time.perf_counter(), time.process_time()
                fn()
                cpu.append(time.process_time() - start_cpu)
                wall.append(time.perf_counter() - start)
    return [(statistics.median(w) * 1000, statistics.median(c) * 1000) for w, c in zip(walls, cpus, strict=True)]


def proselint_runner(text: str) -> Callable[[], object]:
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


def verdict(ms: float, budget: float) -> str:
    return f"(budget {budget:g} ms: {'ok' if ms <= budget else 'OVER'})"


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    runs = int(args[0]) if args else 300
    over = False
    text, honest, repeated = message(), message(HONEST), repeated_message()
    context = LintContext(resolved=True)
    assert len(text) == len(honest) == len(repeated) == 2000
    findings = lint(text, context)
    rules = ", ".join(sorted({f.rule for f in findings}))
    print(f"message: {len(text)} characters, {len(findings)} fbdesk findings ({rules})")
    assert not [f for f in lint(honest, context) if f.severity == "error"], "the honest message must not be blocked"
    # as the composer lints: one character typed per run, so each lint re-reads the piece it changed
    fns: list[Callable[[], object]] = [
        keystrokes(text, context),
        keystrokes(honest, context),
        keystrokes(repeated, context),
    ]
    with contextlib.suppress(ImportError):
        fns.append(proselint_runner(text))
    got = medians_ms(fns, runs)
    print(
        "medians: wall ms (CPU ms); the budgets are judged on CPU time, which the load of a shared machine bends less"
    )
    for name, (wall, cpu) in zip(("message with findings", "honest message"), got, strict=False):
        print(f"fbdesk lint     {wall:7.3f} ({cpu:7.3f}) ms  {name:22} {verdict(cpu, TYPICAL_BUDGET_MS)}")
        over |= cpu > TYPICAL_BUDGET_MS
    wall, cpu = got[2]
    many = len(lint(repeated, context))
    print(f"fbdesk lint     {wall:7.3f} ({cpu:7.3f}) ms  the voucher said five times over ({many} findings; no budget)")
    cold = medians_ms([lambda: (forget(), lint(text, context))], max(runs // 10, 5), warmup=1)[0]
    print(f"fbdesk lint     {cold[0]:7.3f} ({cold[1]:7.3f}) ms  message with findings, cold (nothing kept from before)")
    if len(got) > 3:
        wall, cpu = got[3]
        print(
            f"proselint lint  {wall:7.3f} ({cpu:7.3f}) ms  message with findings  ({len(fns[3]())} proselint findings)"
        )
    else:
        print("proselint        not installed (pip install -e '.[test]')")

    print("\nworst known inputs (each family's slowest unit, in the slowest of the three kinds; CPU ms):")
    worst_2k = worst_20k = 0.0
    for family, units in FAMILIES.items():
        rows = []
        for unit in units:
            short, long = of_length(unit, 2_000), of_length(unit, 20_000)
            kinds = [LintContext(kind=kind) for kind in ("message", "response", "feedback")]
            at_2k = max(cpu for _, cpu in medians_ms([lambda c=c, t=short: lint(t, c) for c in kinds], 5, warmup=1))
            at_20k = max(cpu for _, cpu in medians_ms([lambda c=c, t=long: lint(t, c) for c in kinds], 3, warmup=1))
            rows.append((at_20k, at_2k, unit))
        at_20k, at_2k, unit = max(rows)
        worst_2k, worst_20k = max(worst_2k, at_2k), max(worst_20k, at_20k)
        print(f"  {family:22} 2k {at_2k:7.3f} ms  20k {at_20k:7.3f} ms  {unit!r}")
    print(f"fbdesk worst    2k {worst_2k:7.3f} ms  20k {worst_20k:7.3f} ms  {verdict(worst_20k, LONG_BUDGET_MS)}")
    over |= worst_20k > LONG_BUDGET_MS
    return 1 if over and "--check" in sys.argv else 0


# --- each language (issue 10) --------------------------------------------------------------------------------------
LANGUAGE_BUDGET_MS = {"en": TYPICAL_BUDGET_MS}  # the other languages, with detection: 2 ms
OTHER_LANGUAGE_BUDGET_MS = 2.0


def language_messages() -> dict[str, str]:
    """A 2,000-character message per language: its honest labelled messages, then its approved notice."""
    import json

    from fbdesk.domain.policy.languages import approved_notices

    out = {"en": message()}
    for code in ("de", "fr", "es", "it", "ja"):
        lines = (ROOT / "tests" / "policy" / f"cases-{code}.jsonl").read_text(encoding="utf-8").splitlines()
        texts = [c["text"] for c in map(json.loads, lines) if c["kind"] == "message" and c["expect"] == "ok"]
        notice = approved_notices()[code]
        body = "\n\n".join(texts)[: 2000 - len(notice) - 2]
        out[code] = (body + "\n\n" + notice).ljust(2000)
    return out


TYPED = {
    "en": "and we have also checked the base of the new one ",
    "de": "und wir haben auch den Sockel des neuen geprüft ",
    "fr": "et nous avons aussi vérifié le socle du nouveau ",
    "es": "y también hemos revisado la base del nuevo ",
    "it": "e abbiamo controllato anche la base del nuovo ",
    "ja": "新しい製品の台座も確認いたしました",
}


def keystrokes(text: str, context: LintContext, typed: str = TYPED["en"], burst: int = 20) -> Callable[[], object]:
    """Lint the text as an agent types into it: `burst` keystrokes at one place, each lint seeing the characters
    typed before it (the words of `typed`, from a different letter each time), then as many at the next place of
    the original text. The places are spread over the whole text (a median over where an agent may type: in the
    paragraph with the offer or the one with the notice), after a space, as a word is added; no two bursts type
    the same text, so that no run finds its edited sentence already read. (Until 2026-12-02 each run replaced one
    character at a new place of the original text, so that each lint differed from the last in two places.)"""
    counter = iter(range(1 << 30))
    step = next(p for p in (613, 617, 619, 631) if len(text) % p)  # coprime with most lengths: every place in turn
    words = typed * 2

    def run() -> object:
        place, keys = divmod(next(counter), burst)
        at = place * step % len(text)
        at = next((k + 1 for k in range(at, len(text)) if text[k] in " \n。"), 0)  # after a space or a sentence
        first = place * 7 % len(typed)
        return lint(text[:at] + words[first : first + keys + 1] + text[at:], context)

    return run


def languages_section(runs: int) -> bool:
    """Lint time per language, per keystroke, typed as keystrokes() types (in the language of the text): the
    detection cache re-detects the sentence that changed, as in the composer."""
    from fbdesk.domain.policy.languages import warm_up

    warm_up()
    over = False
    context = LintContext(resolved=True)
    print("\neach language, 2,000 characters, one character typed per run (detection included):")
    for code, text in language_messages().items():
        ms = medians_ms([keystrokes(text, context, TYPED[code])], runs)[0][1]  # CPU time, as the budgets above
        budget = LANGUAGE_BUDGET_MS.get(code, OTHER_LANGUAGE_BUDGET_MS)
        print(f"  {code}  median {ms:7.3f} ms CPU  {verdict(ms, budget)}")
        over |= ms > budget
    return over


if __name__ == "__main__":
    status = main()
    runs = int(next((a for a in sys.argv[1:] if not a.startswith("--")), "300"))
    status |= languages_section(runs) and "--check" in sys.argv
    sys.exit(status)
