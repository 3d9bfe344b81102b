"""lint(): the policy findings of a text an agent types, or of a buyer's feedback comment.

Each rule id is emitted by exactly one check; CHECKS maps the id to it. The checks run in the order of PIPELINE,
each on the kinds of text it reads."""

from __future__ import annotations

from dataclasses import dataclass, replace

from . import hits, languages, paragraphs, surface
from .conduct import conduct
from .feedback_talk import Talk
from .hits import RULE_FIX, Check, Document, Hit, Sentences
from .learned import Judging, features_of, learned, passage_features_of, reads_as_violation
from .learned import forget as forget_learned
from .learned import warm_up as warm_learned
from .model import KINDS, WRITTEN, Finding, LintContext, Severity
from .ruleset import RuleSet, Wording, ruleset
from .second_look import second_look
from .triage import amazon_removable

_SEVERITY_ORDER = {Severity.ERROR.value: 0, Severity.WARNING.value: 1, Severity.INFO.value: 2}
_MATCH_IN_MESSAGE = 60


@dataclass(frozen=True, slots=True)
class Step:
    check: Check
    rules: tuple[str, ...]  # the rule ids the check emits
    kinds: tuple[str, ...]  # the kinds of text it reads


PIPELINE = (
    Step(
        conduct,
        (
            "incentive-for-feedback",
            "feedback-pressure",
            "solicit-positive-feedback",
            "removal-notice-before-resolved",
            "repeat-removal-notice",
            "direct-removal-request",
            "removal-request-in-response",
        ),
        WRITTEN,
    ),
    Step(surface.external_links, ("external-link",), WRITTEN),
    Step(surface.contact_details, ("contact-details",), WRITTEN),
    Step(surface.markup, ("html", "emoji"), WRITTEN),
    Step(surface.important_tag, ("important-tag",), ("message",)),
    Step(surface.tone, ("unprofessional-tone",), WRITTEN),
    Step(surface.marketing, ("marketing",), WRITTEN),
    Step(surface.personal_data, ("personal-data",), ("response",)),
    Step(surface.not_brief, ("not-brief",), ("response",)),
    Step(surface.too_long, ("too-long",), KINDS),
    Step(amazon_removable, ("amazon-removable",), ("feedback",)),
    Step(languages.unchecked_language, ("unchecked-language",), KINDS),
    Step(languages.buyer_language, ("buyer-language",), ("message",)),
)
# rule id -> the check that emits it
CHECKS: dict[str, Check] = {rule: step.check for step in PIPELINE for rule in step.rules}
_CHECKS_OF_KIND = {kind: tuple(step.check for step in PIPELINE if kind in step.kinds) for kind in KINDS}
_DEFAULT_CONTEXT = LintContext()


def lint(text: str, context: LintContext = _DEFAULT_CONTEXT, *, build: bool = True) -> list[Finding]:
    """Findings about `text` written in `context`, sorted by start offset. Pure; fast enough for every keystroke once
    the rules of the text's languages are built. Without `build`, a text that needs rules not built yet (a mix of
    languages met for the first time) raises languages.RulesNotBuilt instead of building them."""
    doc, hits = _read(text, context, build)
    softened = None
    if context.kind in WRITTEN:  # the learned judge speaks only where the rules found no error
        judging = Judging(doc)
        hits = _doubted(judging, _unaimed_insults(judging, hits))
        hits += learned(judging, any(_is_error(doc, h) for h in hits))
        softened = _second_look(judging, hits)
    assert doc.languages is not None  # _read detects them
    return _findings(text, hits, doc.rules, doc.sentences, doc.languages, softened)


# An insult word blocks where a judge reads the text as contempt or as pressure, however faintly. Where none does,
# the word is said of a thing, a name or a posture ("Karen from support", a dog lying on the mat, "una chapuza del
# fabricante"): it only warns. A phrase ("you lot", "really are something else") is aimed whatever the judges say.
_FAINTLY = 0.05


def _unaimed_insults(judging: Judging, hits: list[Hit]) -> list[Hit]:
    """`hits` with each insult word turned into a warning ("unaimed") when no judge reads the text as a violation."""
    doc = judging.doc
    words = [h for h in hits if h.rule == "unprofessional-tone" and h.variant == "insult" and _one_word(doc, h)]
    if not words or reads_as_violation(judging, _FAINTLY):
        return hits
    return [replace(h, variant="unaimed") if h in words else h for h in hits]


# An incentive or a solicitation the rules find in a message that asks nothing of the feedback and offers nothing in
# a sentence that mentions it, where no judge reads a violation at even _HONEST_BELOW (a refund told beside a
# paraphrased notice): a warning to check, not a block. Measured on the four pairs of blind rounds no one had read,
# 2 fewer of 828 honest texts blocked and no violation let through; on every labelled set, 3 fewer honest texts and
# no violation. Not for a bargain said outright, nor for pressure: the judges weigh some plain bargains at under
# 0.1% ("if you're able to update your seller rating before then, we'll also cover the postage").
_DOUBTED = frozenset({"incentive-for-feedback", "solicit-positive-feedback"})
_HONEST_BELOW = 0.01


def _doubted(judging: Judging, hits: list[Hit]) -> list[Hit]:
    """`hits` with the rules' incentive and solicitation errors turned into warnings ("doubted") when they are the
    only errors, the text says no bargain outright and no judge reads it as a violation."""
    doc = judging.doc
    if doc.context.kind != "message" or doc.bargains:
        return hits
    errors = [h for h in hits if _is_error(doc, h)]
    if not errors or any(h.rule not in _DOUBTED or h.variant is not None for h in errors):
        return hits
    if judging.read.denies_any_bargain or reads_as_violation(judging, _HONEST_BELOW):
        return hits
    return [replace(h, variant="doubted") if h in errors else h for h in hits]


# The rules' judgements, which the second look may doubt (second_look.py) where no judge reads a violation at even
# _JUDGES_AGREE (about the conduct judge's threshold): it doubts the rules, not the judges. A link, a phone number, a
# personal detail, markup, a curse or a request said outright are facts about the text: they block whatever it reads.
JUDGEMENTS = frozenset(
    {
        "incentive-for-feedback",
        "feedback-pressure",
        "solicit-positive-feedback",
        "removal-notice-before-resolved",
        "repeat-removal-notice",
        "marketing",
    }
)
_JUDGES_AGREE = 0.9
# An ask said outright beside them, even one that only warns (a removal request once the case is resolved): the
# judgement stays an error, whatever the second look reads elsewhere.
_OUTRIGHT = frozenset({"direct-removal-request", "removal-request-in-response"})


@dataclass(frozen=True, slots=True)
class Softened:
    """The errors the second look turns into warnings (second_look.py), and the words that weighed most towards an
    honest text."""

    hits: tuple[Hit, ...]
    words: tuple[str, ...]


def _second_look(judging: Judging, hits: list[Hit]) -> Softened | None:
    """The errors to show as warnings, when every error is a rule's judgement, no judge reads a violation and the
    second look reads the text as honest."""
    doc = judging.doc
    errors = [h for h in hits if _is_error(doc, h)]
    look = second_look()
    if not errors or look is None or any(h.rule not in JUDGEMENTS or h.variant == "learned" for h in errors):
        return None
    if any(h.rule in _OUTRIGHT for h in hits):
        return None
    if not look.reads_honest(doc.text, [h.rule for h in errors], doc.context.kind, [(h.start, h.end) for h in errors]):
        return None
    if reads_as_violation(judging, _JUDGES_AGREE):
        return None
    return Softened(tuple(errors), tuple(look.weightiest(doc.text)))


def _is_error(doc: Document, hit: Hit) -> bool:
    return doc.rules.wording(hit.rule, hit.variant).severity is Severity.ERROR


def _one_word(doc: Document, hit: Hit) -> bool:
    return not any(c.isspace() for c in doc.text[hit.start : hit.end])


def learned_features(text: str, context: LintContext) -> list[str]:
    """What the learned judge weighs of a text, after the rules read it (scripts/train_policy_model.py)."""
    return features_of(_read(text, context)[0])


def learned_passages(text: str, context: LintContext) -> list[list[str]]:
    """What the passage judge weighs of each passage of a text that has words (scripts/train_policy_model.py)."""
    return passage_features_of(_read(text, context)[0])


def _read(text: str, context: LintContext, build: bool = True) -> tuple[Document, list[Hit]]:
    """The text as the checks read it, and what the rules found."""
    checks = _CHECKS_OF_KIND.get(context.kind)
    if checks is None:
        raise ValueError(f"unknown kind {context.kind!r}: expected one of {', '.join(KINDS)}")
    checked = text[: _checked_end(text, ruleset().limits["checked_chars"])]
    found = languages.detect(checked)
    rules = languages.rules_for(found.codes, build=build)  # the union of the vocabularies of the languages in the text
    read = paragraphs.read(rules, checked)  # piece by piece, the pieces the last lints read taken as they were
    several = len(read.parts) > 1
    doc = Document(
        checked,
        read.visible,
        read.folded,
        read.tagged,
        context,
        rules,
        len(text),
        Sentences(checked, read.spans),
        found,
        read.parts if several else (),
        tuple(start for start, _ in read.spans) if several else (),
    )
    hits: list[Hit] = []
    for check in checks:
        hits += check(doc)
    return doc, hits


def warm_up() -> None:
    """Load what the first lint would otherwise load (the language detector's models, every language's rules, the
    learned judges: up to a second): call it off the event loop."""
    languages.warm_up()
    warm_learned()
    second_look()


def forget() -> None:
    """Drop what lints keep for the next (the readings of pieces, the languages of sentences, the learned judge's
    weights per piece): the next lint starts cold, as after start-up, and must find what a warm one finds."""
    paragraphs.forget()
    hits.forget()
    languages.DETECTOR.forget()
    forget_learned()
    look = second_look()
    if look is not None:
        look.forget()


def _checked_end(text: str, limit: int) -> int:
    """Where the checked part of a text ends: at `limit`, or at the last space shortly before it (no word is cut)."""
    if len(text) <= limit:
        return len(text)
    space = text.rfind(" ", limit - 40, limit)
    return space if space > 0 else limit


def is_removal_notice(text: str) -> bool:
    """True when a message tells or asks the buyer that they may update, remove or change their feedback."""
    if languages.is_notice_wording(text):
        return True
    rules = languages.rules_for(languages.detect(text).codes)
    return bool(Talk(rules.vocabulary.tag(rules.normaliser.fold_text(text))).removal_notices())


def _findings(
    text: str,
    hits: list[Hit],
    rules: RuleSet,
    sentences: Sentences,
    written_in: languages.Languages,
    softened: Softened | None = None,
) -> list[Finding]:
    seen: set[tuple[str, int, int, str | None]] = set()
    settled: list[tuple[Hit, Wording, int, int, str | None]] = []
    for hit in hits:
        key = (hit.rule, hit.start, hit.end, hit.variant)
        if key in seen or hit.end <= hit.start:
            continue
        seen.add(key)
        wording = rules.wording(hit.rule, hit.variant)
        if softened is not None and hit in softened.hits:
            wording = rules.softened(wording, softened.words)
        fix = wording.fix if hit.fix == RULE_FIX else hit.fix
        # the span a fix replaces takes what the fix would leave behind ("call us on  so we can help")
        start, end = hit.start, hit.end
        if fix is not None:
            start, end, fix = rules.fixer.settle(sentences, start, end, fix, wording.fix_deletes)
        settled.append((hit, wording, start, end, fix))
    positions = _positions(text, [start for _, _, start, _, _ in settled])
    findings: list[Finding] = []
    for hit, wording, start, end, fix in settled:
        found = text[hit.start : hit.end]
        shown = found if len(found) <= _MATCH_IN_MESSAGE else found[: _MATCH_IN_MESSAGE - 1] + "\u2026"
        line, column = positions[start]
        language = written_in.at(start)
        findings.append(
            Finding(
                rule=hit.rule,
                severity=wording.severity.value,
                start=start,
                end=end,
                line=line,
                column=column,
                match=text[start:end],
                message=wording.message.format(match=shown, **hit.values),
                why=wording.why,
                fix=languages.notice_in(fix, language),
                ground=hit.ground,
                language=language,
            )
        )
    findings.sort(key=lambda f: (f.start, _SEVERITY_ORDER[f.severity], f.end, f.rule))
    return findings


def _positions(text: str, offsets: list[int]) -> dict[int, tuple[int, int]]:
    """Line and column (1-based) of each offset, counting each stretch of the text once (in offset order), so that
    many findings on a long line cost no more than one pass."""
    out: dict[int, tuple[int, int]] = {}
    line, line_start, here = 1, 0, 0
    for offset in sorted(set(offsets)):
        newlines = text.count("\n", here, offset)
        if newlines:
            line += newlines
            line_start = text.rfind("\n", here, offset) + 1
        out[offset] = (line, offset - line_start + 1)
        here = offset
    return out
