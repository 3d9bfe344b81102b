"""The rule data shipped in this package (rules.toml and one vocabulary file per language), loaded once, checked
against the classes the checks read, and compiled for them."""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from . import conduct, feedback_talk, fixes, learned, lexicon, normalise, surface, triage
from .fixes import Fixer, FixWords
from .lexicon import Vocabulary, VocabularyError, word_set_names
from .model import Severity
from .normalise import Normaliser, NormaliseWords

# The modules that read the vocabulary. Each names the tagged classes it reads in VOCABULARY, and reads word sets
# through the fields of the dataclasses in WORD_SETS.
READERS = (lexicon, normalise, feedback_talk, conduct, triage, surface, learned, fixes)
TAGGED_READ: frozenset[str] = frozenset().union(*(module.VOCABULARY for module in READERS))
WORD_SETS_READ: frozenset[str] = frozenset().union(
    *(word_set_names(cls) for module in READERS for cls in module.WORD_SETS)
)


class UnusedVocabulary(UserWarning):
    """A vocabulary class that no check reads: dead data, or a class a check names differently."""


@dataclass(frozen=True, slots=True)
class Wording:
    """What a finding says: message, the policy sentence it rests on, and the fix (None when there is none)."""

    severity: Severity
    message: str
    why: str
    fix: str | None
    fix_deletes: str | None = None  # what a deleting fix takes with it: "token", "mark" or, by default, a sentence


class RuleSet:
    """The rules (rules.toml) and the vocabulary of a language (en.toml), checked and compiled.

    Raises VocabularyError when a class the checks read is missing or of the wrong kind (tagged `terms` or a word
    set `words`); warns UnusedVocabulary for a class no check reads."""

    def __init__(self, data: Mapping[str, Any], language: Mapping[str, Any]):
        classes: Mapping[str, Mapping[str, Any]] = language.get("vocabulary", {})
        check_vocabulary(classes)
        self.approved_notice: str = data["approved_removal_notice"]
        self.limits: dict[str, int] = data["limits"]
        self._second_look_note: str = data["second_look_note"]
        self.vocabulary = Vocabulary(classes)
        norm = data["normalise"]
        self.normaliser = Normaliser(
            norm["homoglyphs"],
            norm["digits_as_letters"],
            language["number_units"],
            norm["invisible"],
            self.vocabulary.lexicon,
            language["shorthand"],
            self.vocabulary.word_sets(NormaliseWords),
        )
        self.surface = surface.Surface(data, self.vocabulary, language.get("contact", {}), self.normaliser.fold_word)
        self.fixer = Fixer(self.vocabulary.word_sets(FixWords))
        self._wordings: dict[tuple[str, str | None], Wording] = {}
        for rule_id, spec in data["rules"].items():
            base = self._base_wording(rule_id, spec)
            self._wordings[(rule_id, None)] = base
            for variant, override in spec.get("variants", {}).items():
                self._wordings[(rule_id, variant)] = self._variant_wording(override, base)

    def _fix(self, fix: str | None) -> str | None:
        return self.approved_notice if fix == "@approved" else fix

    def _base_wording(self, rule_id: str, spec: Mapping[str, Any]) -> Wording:
        if "severity" not in spec:
            raise VocabularyError(f"rules.{rule_id}: no severity")
        return Wording(
            Severity(spec["severity"]),
            spec.get("message", ""),
            spec.get("why", ""),
            self._fix(spec.get("fix")),
            spec.get("fix_deletes"),
        )

    def _variant_wording(self, spec: Mapping[str, Any], base: Wording) -> Wording:
        return Wording(
            Severity(spec["severity"]) if "severity" in spec else base.severity,
            spec.get("message", base.message),
            spec.get("why", base.why),
            self._fix(spec.get("fix", base.fix)),
            spec.get("fix_deletes", base.fix_deletes),
        )

    @property
    def rule_ids(self) -> frozenset[str]:
        return frozenset(rule for rule, _ in self._wordings)

    def softened(self, wording: Wording, words: Sequence[str]) -> Wording:
        """`wording` as a warning the second look gives instead of a block (engine._second_look)."""
        note = self._second_look_note.format(words=", ".join(words) or "none in particular")
        return replace(wording, severity=Severity.WARNING, why=wording.why + " " + note)

    def wording(self, rule: str, variant: str | None = None) -> Wording:
        return self._wordings.get((rule, variant)) or self._wordings[(rule, None)]


def check_vocabulary(classes: Mapping[str, Mapping[str, Any]]) -> None:
    """Every class the checks read is defined, as the kind they read it as; every class defined is read."""
    problems: list[str] = []
    for name, spec in classes.items():
        kinds = [key for key in ("terms", "words") if key in spec]
        if len(kinds) != 1:
            problems.append(f"class {name!r} must have exactly one of `terms` (tagged) or `words` (a word set)")
    for name in sorted(TAGGED_READ):
        if name not in classes:
            problems.append(f"the checks read the tagged class {name!r}, which is not defined")
        elif "terms" not in classes[name]:
            problems.append(f"the checks tag class {name!r}: it needs `terms`, not `words`")
    for name in sorted(WORD_SETS_READ):
        if name not in classes:
            problems.append(f"the checks read the word set {name!r}, which is not defined")
        elif "words" not in classes[name]:
            problems.append(f"the checks compare tokens with class {name!r}: it needs `words`, not `terms`")
    if problems:
        raise VocabularyError("vocabulary does not fit the checks:\n  " + "\n  ".join(problems))
    unused = sorted(set(classes) - TAGGED_READ - WORD_SETS_READ)
    if unused:
        warnings.warn(f"vocabulary classes no check reads: {', '.join(unused)}", UnusedVocabulary, stacklevel=3)


def load_data() -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """rules.toml and the vocabulary file of each language it lists, as parsed TOML."""
    import tomllib  # imported here: nothing is read or parsed when the package is imported
    from importlib import resources

    files = resources.files(__package__)
    rules = tomllib.loads(files.joinpath("rules.toml").read_text(encoding="utf-8"))
    languages = {
        code: tomllib.loads(files.joinpath(f"{code}.toml").read_text(encoding="utf-8")) for code in rules["languages"]
    }
    return rules, languages


@cache
def ruleset() -> RuleSet:
    """The package's rules, read and compiled on first use (English: the only language with rules so far)."""
    rules, languages = load_data()
    return RuleSet(rules, languages["en"])
