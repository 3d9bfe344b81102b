"""The rule data and the checks fit together: every vocabulary class a check reads is defined (else the rules refuse
to load), every class defined is read, and every rule id has exactly one check that emits it."""

from __future__ import annotations

import ast
import copy
import inspect
import warnings
from collections import Counter
from typing import Any

import pytest

from fbdesk.domain.policy import LintContext, lint
from fbdesk.domain.policy.engine import CHECKS, PIPELINE
from fbdesk.domain.policy.hits import Document, Sentences
from fbdesk.domain.policy.lexicon import VocabularyError, word_set_names
from fbdesk.domain.policy.ruleset import READERS, RuleSet, UnusedVocabulary, load_data, ruleset

from policy_cases import DEV_SET, OWN_SET, context_of, load


def english() -> tuple[dict[str, Any], dict[str, Any]]:
    rules, languages = load_data()
    return rules, copy.deepcopy(languages["en"])


# --- vocabulary classes ----------------------------------------------------------------------------------------


def test_the_shipped_rules_load_with_every_class_read():
    rules, language = english()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        RuleSet(rules, language)


def test_a_misspelt_class_refuses_to_load_and_names_it():
    rules, language = english()
    vocabulary = language["vocabulary"]
    vocabulary["feedbak"] = vocabulary.pop("feedback")
    with pytest.raises(VocabularyError, match="tagged class 'feedback', which is not defined"):
        RuleSet(rules, language)


def test_a_missing_word_set_refuses_to_load():
    rules, language = english()
    del language["vocabulary"]["auxiliary"]
    with pytest.raises(VocabularyError, match="word set 'auxiliary', which is not defined"):
        RuleSet(rules, language)


def test_a_class_of_the_wrong_kind_refuses_to_load():
    rules, language = english()
    vocabulary = language["vocabulary"]
    vocabulary["pronoun"] = {"terms": vocabulary["pronoun"]["words"]}
    vocabulary["feedback"]["words"] = ["feedback"]
    with pytest.raises(VocabularyError) as refused:
        RuleSet(rules, language)
    assert "'pronoun': it needs `words`, not `terms`" in str(refused.value)
    assert "'feedback' must have exactly one of `terms`" in str(refused.value)


def test_an_unused_class_is_reported():
    rules, language = english()
    language["vocabulary"]["apology"] = {"terms": ["sorry", "apologies"]}
    with pytest.warns(UnusedVocabulary, match="no check reads: apology"):
        RuleSet(rules, language)


def test_a_check_asking_for_an_unknown_class_fails_loudly():
    tagged = ruleset().vocabulary.tag("please remove your feedback")
    assert tagged.occurrences("feedback")
    for ask in (tagged.at, tagged.occurrences):
        with pytest.raises(VocabularyError, match="'feedbak'"):
            ask("feedbak")
    with pytest.raises(VocabularyError, match="'feedbak'"):
        tagged.has("feedbak", 0, 3)
    with pytest.raises(VocabularyError, match="'pronoun'"):  # a word set is not tagged
        tagged.within("pronoun", 0, 3)


def _string_literals(tree: ast.AST) -> set[str]:
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    }


@pytest.mark.parametrize("module", READERS, ids=[m.__name__.rsplit(".", 1)[-1] for m in READERS])
def test_each_module_declares_exactly_the_classes_it_reads(module):
    """The declarations the load-time check relies on match the code: every tagged class named in a module is in its
    VOCABULARY and every declared one is named; every word-set field is read."""
    tree = ast.parse(inspect.getsource(module))
    tagged = ruleset().vocabulary.tagged_names
    assert _string_literals(tree) & tagged == module.VOCABULARY
    attributes = {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
    for cls in module.WORD_SETS:
        unread = {name for name in word_set_names(cls) if name.replace("-", "_") not in attributes}
        assert not unread, f"{cls.__name__} declares word sets {module.__name__} never reads"


# --- rule ids and their checks ---------------------------------------------------------------------------------


def test_every_rule_id_has_exactly_one_check():
    emitted = Counter(rule for step in PIPELINE for rule in step.rules)
    assert set(emitted) == ruleset().rule_ids
    assert all(count == 1 for count in emitted.values()), emitted
    assert set(CHECKS) == ruleset().rule_ids
    assert CHECKS["external-link"].__name__ == "external_links"


def test_each_check_emits_only_the_rule_ids_it_is_registered_with():
    rules = ruleset()
    cases = load(DEV_SET) + load(OWN_SET)
    seen: set[str] = set()
    for case in cases:
        context = context_of(case)
        visible = rules.normaliser.visible(case["text"])
        folded = rules.normaliser.folded(visible)
        tagged = rules.vocabulary.tag(folded.text)
        doc = Document(
            case["text"], visible, folded, tagged, context, rules, len(case["text"]), Sentences(case["text"])
        )
        for step in PIPELINE:
            if context.kind in step.kinds:
                emitted = {hit.rule for hit in step.check(doc)}
                assert emitted <= set(step.rules), (step.check.__name__, case["text"])
                seen |= emitted
    assert len(seen) >= 15  # the cases exercise nearly every rule


def test_lint_runs_the_checks_of_the_kind():
    text = "Jane Doe, call 020 7946 0958 about order 111-2034871-5512093!!"
    assert {f.rule for f in lint(text, LintContext(kind="response"))} == {
        "personal-data",
        "contact-details",
        "unprofessional-tone",
    }
    assert {f.rule for f in lint(text, LintContext(kind="message"))} == {"contact-details", "unprofessional-tone"}
