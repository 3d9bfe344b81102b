"""The rule data of the marketplaces' other languages (de, fr, es, it, ja) and their labelled cases.

Each <lang>.toml must be a drop-in vocabulary for the checks that read en.toml: the same classes, each of the same
kind, so that a language is a data file plus tests. The engine does not load these files yet; until it does, these
tests keep the data well-formed and its country formats (the approved notice, phone numbers, postal addresses)
correct, and keep the labelled cases the engine will be measured on complete."""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from dataclasses import fields
from importlib import resources
from typing import Any

import pytest

from fbdesk.domain.policy import LintContext, lint

from policy_cases import HERE, HONEST, VIOLATION, load

LANGUAGES = ("de", "fr", "es", "it", "ja")
# Keys a vocabulary class may carry: tagged classes have `terms`, word sets `words` (see en.toml's header); the
# other languages add `patterns` (regular expressions over one folded token, or a substring in Japanese).
TAGGED_KEYS = {"terms", "exclude", "joinable", "inflect", "masked", "patterns"}
WORD_SET_KEYS = {"words"}
CONTEXT_FIELDS = {f.name for f in fields(LintContext)} - {"kind"}


def language_data(code: str) -> dict[str, Any]:
    text = resources.files("fbdesk.domain.policy").joinpath(f"{code}.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


ENGLISH = language_data("en")["vocabulary"]


def kind_of(spec: dict[str, Any]) -> str:
    return "terms" if "terms" in spec else "words"


# --- the vocabulary files ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_language_has_every_class_of_english_and_no_other(code):
    vocabulary = language_data(code)["vocabulary"]
    assert sorted(set(ENGLISH) - set(vocabulary)) == [], "classes missing"
    assert sorted(set(vocabulary) - set(ENGLISH)) == [], "classes English does not have (no check would read them)"


@pytest.mark.parametrize("code", LANGUAGES)
def test_each_class_is_of_the_kind_the_checks_read(code):
    vocabulary = language_data(code)["vocabulary"]
    for name, spec in vocabulary.items():
        assert ("terms" in spec) != ("words" in spec), f"{name}: exactly one of terms/words"
        assert kind_of(spec) == kind_of(ENGLISH[name]), (
            f"{name}: {kind_of(spec)} where English has {kind_of(ENGLISH[name])}"
        )
        allowed = TAGGED_KEYS if "terms" in spec else WORD_SET_KEYS
        assert set(spec) <= allowed, f"{name}: unknown keys {sorted(set(spec) - allowed)}"
        entries = spec[kind_of(spec)]
        # a word set may be empty where the language has no such word (Japanese puts no word between two verbs it joins)
        assert entries or "words" in spec, f"{name}: no terms"
        assert all(isinstance(e, str) and e.strip() for e in entries), f"{name}: blank entries"
        assert len(set(entries)) == len(entries), f"{name}: an entry is listed twice"


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_normaliser_data_is_there(code):
    data = language_data(code)
    assert data["number_units"] and all(isinstance(u, str) for u in data["number_units"])
    assert isinstance(data["shorthand"], dict) and all(isinstance(v, str) for v in data["shorthand"].values())


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_regular_expression_compiles(code):
    data = language_data(code)
    expressions = [p for spec in data["vocabulary"].values() for p in spec.get("patterns", []) + spec.get("masked", [])]
    expressions += [p for key in ("postcode_patterns", "street_patterns") for p in data["contact"][key]]
    for expression in expressions:
        re.compile(expression)


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_approved_notice_and_its_paraphrases(code):
    data = language_data(code)
    notice = data["approved_removal_notice"]
    paraphrases = data["approved_notice_paraphrases"]
    assert notice.strip() == notice and notice[-1] in ".。"
    assert len(set(paraphrases)) == len(paraphrases) >= 4 and notice not in paraphrases


# Telephone numbers as a country writes them, and text that is no telephone number (an order id, dates, prices).
PHONES = {
    "de": ["+49 30 1234567", "0049 (0)89 12 34 56", "030/1234567", "0171 1234567", "0151-12345678"],
    "fr": ["+33 6 12 34 56 78", "0033 1 23 45 67 89", "06 12 34 56 78", "01.23.45.67.89", "0612345678"],
    "es": ["+34 612 34 56 78", "0034 912 345 678", "612 345 678", "91 123 45 67", "912345678"],
    "it": ["+39 333 123 4567", "0039 02 1234 5678", "333 1234567", "02 12345678", "06-1234567"],
    "ja": ["+81 90-1234-5678", "090-1234-5678", "03-1234-5678", "0120-123-456", "06 1234 5678"],
}
NOT_PHONES = [
    "302-1234567-1234567",
    "14.03.2026",
    "12/05/2024",
    "49,99 €",
    "2026-03-14",
    "12000–13000 mAh",  # a measure
    "UPS 1Z 999 AA1 01 2345 6784",  # a parcel code's tail
]
ADDRESSES = {
    "de": ["Hauptstraße 12, 10115 Berlin", "Lagerweg 4, 33602 Bielefeld"],
    "fr": ["12 rue de la Paix, 75002 Paris", "3 bis avenue Jean Jaurès, 69007 Lyon"],
    "es": ["C/ Mayor, 12, 28013 Madrid", "Calle de Alcalá 45, 28014 Madrid"],
    "it": ["Via Roma 12, 20121 Milano (MI)", "Corso Italia 10/B, 00198 Roma RM"],
    "ja": ["〒150-0041 東京都渋谷区神南1-2-3", "大阪府大阪市北区梅田2丁目4番9号"],
}


# A message asking the buyer to send a return straight to the seller, in each language
RETURN_TO = {
    "de": "Bitte schicken Sie das Gerät direkt an uns: {}.",
    "fr": "Renvoyez le colis directement à notre entrepôt : {}.",
    "es": "Envíe el paquete directamente a nuestra tienda: {}.",
    "it": "Spedisca il pacco direttamente al nostro magazzino: {}.",
    "ja": "返品は下記の住所へ直接お送りください。{}",
}
# A public response naming where the order went
DELIVERED_TO = {
    "de": "Laut Sendungsverfolgung wurde das Paket an {} zugestellt.",
    "fr": "Selon le suivi, le colis a été livré au {}.",
    "es": "Según la agencia, el pedido se entregó en {}.",
    "it": "Secondo il tracciamento il pacco è stato consegnato in {}.",
    "ja": "追跡情報によると、{}に配達済みです。",
}
NOT_ADDRESSES = ["Über 10000 Kunden haben diese Lampe gekauft.", "Wir haben 2500 Bestellungen pro Tag."]


def _findings(text: str, kind: str = "message") -> set[tuple[str, str]]:
    return {(f.rule, f.severity) for f in lint(text, LintContext(kind=kind, resolved=True))}


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_country_phone_formats_are_contact_details(code):
    for number in PHONES[code]:
        assert ("contact-details", "error") in _findings(f"Tel. {number} ."), number
    for text in NOT_PHONES:
        assert _findings(text) == set(), text


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_country_postal_addresses_are_contact_details_in_a_message_and_personal_data_in_a_response(code):
    for address in ADDRESSES[code]:
        assert ("contact-details", "error") in _findings(RETURN_TO[code].format(address)), address
        assert ("personal-data", "error") in _findings(DELIVERED_TO[code].format(address), kind="response"), address
    for text in NOT_ADDRESSES:  # a number before a capitalised German noun is no postcode
        assert _findings(text) == set(), text


# --- the labelled cases ------------------------------------------------------------------------------------------

CASES = {code: load(HERE / f"cases-{code}.jsonl") for code in LANGUAGES}


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_language_has_enough_cases_of_every_kind(code):
    cases = CASES[code]
    total = len(cases)
    violations = sum(c["expect"] in VIOLATION for c in cases)
    honest_messages = sum(c["kind"] == "message" and c["expect"] in HONEST for c in cases)
    kinds = Counter(c["kind"] for c in cases)
    feedback = Counter(c["expect"] for c in cases if c["kind"] == "feedback")
    responses = Counter(c["expect"] for c in cases if c["kind"] == "response")
    assert total >= 120
    assert violations >= 0.40 * total, f"{violations} violations of {total}"
    assert honest_messages >= 0.35 * total, f"{honest_messages} honest messages of {total}"
    assert kinds["response"] >= 10 and responses["block"] >= 3 and responses["ok"] >= 3
    assert kinds["feedback"] >= 10 and feedback["removable"] >= 4 and feedback["keep"] >= 4


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_case_is_well_formed(code):
    cases = CASES[code]
    assert len({c["id"] for c in cases}) == len(cases)
    assert len({c["text"] for c in cases}) == len(cases), "a text is labelled twice"
    expectations = {
        "message": {"block", "ok", "warn+", "notblock"},
        "response": {"block", "ok", "warn+", "notblock"},
        "feedback": {"removable", "keep"},
    }
    for case in cases:
        assert set(case) == {"kind", "text", "expect", "cat", "context", "id", "lang"}, case["id"]
        assert case["lang"] == code and case["id"].startswith(code.upper()), case["id"]
        assert case["expect"] in expectations[case["kind"]], case["id"]
        assert case["text"].strip() and case["cat"], case["id"]
        assert set(case["context"]) <= CONTEXT_FIELDS, case["id"]
        LintContext(kind=case["kind"], **case["context"])


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_approved_notice_is_labelled_both_ways(code):
    """Sent once after resolution it is honest; before resolution, or a second time, it is a violation."""
    notice = language_data(code)["approved_removal_notice"]
    honest = [c for c in CASES[code] if notice in c["text"] and c["expect"] == "ok"]
    early = [c for c in CASES[code] if notice in c["text"] and c["expect"] == "block"]
    assert honest and all(c["context"] == {"resolved": True, "prior_removal_notices": 0} for c in honest)
    assert early and all(not c["context"]["resolved"] or c["context"]["prior_removal_notices"] for c in early)
