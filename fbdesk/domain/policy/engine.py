"""lint(): the policy findings of a text an agent types, or of a buyer's feedback comment."""

from __future__ import annotations

from functools import cache

from .conduct import conduct_hits
from .feedback_talk import Talk
from .hits import RULE_FIX, Hit
from .model import KINDS, Finding, LintContext, Severity
from .ruleset import RuleSet, ruleset
from .surface import Surface, length_hits
from .triage import triage_hits

_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
_MATCH_IN_MESSAGE = 60


@cache
def _surface() -> Surface:
    return Surface(ruleset().data)


def lint(text: str, context: LintContext = LintContext()) -> list[Finding]:
    """Findings about `text` written in `context`, sorted by start offset. Pure; fast enough for every keystroke."""
    if context.kind not in KINDS:
        raise ValueError(f"unknown kind {context.kind!r}: expected one of {', '.join(KINDS)}")
    rules = ruleset()
    surface = _surface()
    visible = rules.normaliser.visible(text)
    folded = rules.normaliser.folded(visible)
    tagged = rules.vocabulary.tag(folded.text)
    if context.kind == "feedback":
        hits = triage_hits(text, tagged, folded, visible, surface, context.fba)
    else:
        public = context.kind == "response"
        hits = conduct_hits(tagged, folded, context.kind, context.resolved, context.prior_removal_notices)
        hits += surface.links(visible, rules.normaliser.fold_text)
        hits += surface.contacts(visible, public)
        hits += surface.markup(text, visible)
        hits += surface.shouting(visible)
        hits += surface.tone_words(tagged, folded)
        hits += surface.marketing(tagged, folded, visible)
        if public:
            hits += surface.personal_data(visible)
            hits += length_hits(text, "not-brief", rules.limits["response_chars"])
        else:
            hits += length_hits(text, "too-long", rules.limits["message_chars"])
    return _findings(text, hits, rules)


def is_removal_notice(text: str) -> bool:
    """True when a message tells or asks the buyer that they may update, remove or change their feedback."""
    rules = ruleset()
    return bool(Talk(rules.vocabulary.tag(rules.normaliser.fold_text(text))).removal_notices())


def _findings(text: str, hits: list[Hit], rules: RuleSet) -> list[Finding]:
    seen: set[tuple] = set()
    findings: list[Finding] = []
    for hit in hits:
        key = (hit.rule, hit.start, hit.end, hit.variant)
        if key in seen or hit.end <= hit.start:
            continue
        seen.add(key)
        wording = rules.wording(hit.rule, hit.variant)
        match = text[hit.start:hit.end]
        shown = match if len(match) <= _MATCH_IN_MESSAGE else match[:_MATCH_IN_MESSAGE - 1] + "\u2026"
        line = text.count("\n", 0, hit.start) + 1
        column = hit.start - (text.rfind("\n", 0, hit.start) + 1) + 1
        findings.append(Finding(
            rule=hit.rule, severity=wording.severity.value, start=hit.start, end=hit.end, line=line, column=column,
            match=match, message=wording.message.format(match=shown, **hit.values), why=wording.why,
            fix=wording.fix if hit.fix == RULE_FIX else hit.fix, ground=hit.ground))
    findings.sort(key=lambda f: (f.start, _SEVERITY_ORDER[Severity(f.severity)], f.end, f.rule))
    return findings
