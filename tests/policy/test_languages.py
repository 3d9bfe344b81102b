"""The engine in every marketplace's language: detection per sentence, the union of the vocabularies of the
languages in a text, the warnings for text without rules and for a message not in the marketplace's language,
Japanese segmentation, and fixes and templates in the buyer's language."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from importlib import resources

import pytest

from fbdesk.domain.policy import LintContext, RulesNotBuilt, is_removal_notice, languages, lint, ruleset
from fbdesk.domain.policy.languages import approved_notices, detect, rules_for
from fbdesk.domain.policy.morphology import segment
from fbdesk.domain.templates import templates_for

LANGUAGES = ("de", "fr", "es", "it", "ja")
RESOLVED = LintContext(resolved=True)


def data(code: str) -> dict:
    return tomllib.loads(resources.files("fbdesk.domain.policy").joinpath(f"{code}.toml").read_text(encoding="utf-8"))


def rules(text: str, context: LintContext = RESOLVED) -> set[tuple[str, str]]:
    return {(f.rule, f.severity) for f in lint(text, context)}


# --- detection and the union of vocabularies -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Hallo, es tut uns leid. Wenn Sie Ihre Bewertung entfernen, erstatten wir Ihnen 20 Euro.",
        "Si vous retirez votre avis, nous vous offrons un bon d'achat de 15 €",
        "Sorry again! Wenn Sie die Bewertung löschen, we send you a gift card",
        "Si elimina su valoración negativa, le devolvemos el importe completo.",
        "Se rimuove la recensione negativa le regaliamo un buono da 10 euro.",
        "評価を削除していただければ、1000円を返金いたします。",
    ],
)
def test_an_incentive_is_blocked_in_every_language_and_in_mixed_text(text):
    assert ("incentive-for-feedback", "error") in rules(text, RESOLVED)


def test_mixed_text_is_read_with_both_languages():
    found = detect(
        "Sorry again for the trouble with the parcel! Wenn Sie die Bewertung löschen, we send you a gift card"
    )
    assert {"en", "de"} <= found.codes


def test_english_only_text_is_read_with_the_english_rules_alone():
    text = "Thank you for your patience. We have sent a replacement and refunded the shipping cost."
    assert detect(text).codes == {"en"}
    assert rules_for(detect(text).codes) is ruleset()


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Als u uw beoordeling verwijdert, sturen wij u een cadeaubon van tien euro.", "Dutch"),
        ("Jeśli usuną Państwo opinię, zwrócimy pieniądze za zamówienie.", "Polish"),
        ("Om du tar bort ditt omdöme så skickar vi ett presentkort till dig.", "Swedish"),
        ("Se você remover a sua avaliação, nós enviamos um vale-presente.", "Portuguese"),
        ("Değerlendirmenizi silerseniz size bir hediye kartı göndeririz.", "Turkish"),  # noqa: RUF001
        ("如果您删除差评，我们会给您退款。", "Chinese"),  # noqa: RUF001
        ("리뷰를 삭제해 주시면 환불해 드리겠습니다.", "Korean"),
        ("إذا قمت بحذف تقييمك سنرسل لك قسيمة هدية.", "Arabic"),
    ],
)
def test_text_in_a_language_without_rules_is_never_passed_silently(text, language):
    findings = [f for f in lint(text) if f.rule == "unchecked-language"]
    assert findings and findings[0].severity == "warning"
    assert findings[0].message == f"Not checked: fbdesk has no rules for {language}."


def test_a_short_clause_with_an_english_loanword_is_read_in_its_own_language():
    # lingua's fast mode reads these as English; their function words are Italian and French
    assert detect("Il feedback va eliminato oggi stesso.").codes == {"it"}
    assert detect("La review est fausse.").codes == {"fr"}
    # "du" is French too: the German "du" and "dein" outnumber it
    assert detect("Du kannst dein Feedback schnell löschen.").codes == {"de"}


def test_a_clause_with_english_function_words_only_is_english_though_the_detector_is_unsure():
    # lingua's fast mode gives these too little confidence to name a language
    assert detect("Thank you for your message").codes == {"en"}
    found = detect("Vielen Dank für Ihre Bestellung. Thank you for your message.")
    assert [s.language for s in found.sentences] == ["de", "en"]


def test_a_clause_plain_in_its_function_words_is_read_in_their_language():
    # lingua's fast mode takes the first two for Italian and French
    assert detect("perdona el lio con el color").codes == {"es"}
    assert detect("Il codice di ritiro lo trova nell'email di Amazon o nell'app").codes == {"it"}
    assert detect("Nous vous remercions pour votre patience").codes == {"fr"}
    assert detect("Wir danken Ihnen für die Geduld").codes == {"de"}


def test_an_english_line_in_a_german_message_needs_no_rule_set_of_its_own():
    """Every rule set reads English too: German with an English line is read with the German rules, built once
    (building one stalls a keystroke 100-300 ms)."""
    german = detect("Vielen Dank für Ihre Bestellung. Thank you for your message.").codes
    assert german == {"de", "en"}
    assert rules_for(german) is rules_for(frozenset({"de"}))


def test_a_mix_met_for_the_first_time_can_wait_for_its_rules_instead_of_building_them(monkeypatch):
    """The composer checks without building (building the rules of a new mix takes 50-500 ms): such a text says
    which rules it waits for, and once they are built it gets the findings a building check gives."""
    text = (
        "Gentile cliente, se rimuove la sua recensione le inviamo un buono da 20 euro. "
        "Quedamos a su disposición para cualquier consulta sobre el pedido."
    )
    monkeypatch.delitem(languages._RULE_SETS, frozenset({"it", "es", "en"}), raising=False)
    with pytest.raises(RulesNotBuilt) as waiting:
        lint(text, build=False)
    assert waiting.value.codes == {"it", "es", "en"}
    waiting.value.build()
    assert lint(text, build=False) == lint(text)
    assert ("incentive-for-feedback", "error") in rules(text)


def test_a_change_named_by_a_noun_takes_its_object_after_de():
    # "de" ends a verb's object in French ("retirer de la liste"), but joins a change noun to what it changes
    text = "Le remboursement sera effectué après réception du produit et suppression de votre commentaire."
    assert ("incentive-for-feedback", "error") in rules(text)
    assert ("incentive-for-feedback", "error") in rules("Il rimborso arriverà dopo la rimozione della recensione.")
    assert not {
        r for r, s in rules("Si vous changez d'avis, la suppression de la commande reste possible.") if s == "error"
    }


def test_short_or_chatty_english_is_not_taken_for_another_language():
    for text in ("Hello Mark Thompson, sorry about the delay.", "hi got ur msg, checking w warehouse, back to u tmrw"):
        assert not [f for f in lint(text) if f.rule == "unchecked-language"], text
        assert detect(text).codes == {"en"}, text


# --- the buyer's language --------------------------------------------------------------------------------------------


def test_a_message_not_in_the_marketplace_language_gets_a_warning():
    english = "Thank you for your order, we have sent a replacement today."
    german = "Vielen Dank für Ihre Bestellung, wir haben heute einen Ersatz verschickt."
    (finding,) = [f for f in lint(english, LintContext(marketplace="DE")) if f.rule == "buyer-language"]
    assert finding.severity == "warning" and "German" in finding.message and "English is often accepted" in finding.why
    assert not [f for f in lint(german, LintContext(marketplace="DE")) if f.rule == "buyer-language"]
    assert not [f for f in lint(english, LintContext(marketplace="UK")) if f.rule == "buyer-language"]
    assert not [f for f in lint(english) if f.rule == "buyer-language"], "no marketplace, no rule"
    japanese = "ご注文ありがとうございます。本日、代替品を発送いたしました。"
    assert [f for f in lint(german, LintContext(marketplace="JP")) if f.rule == "buyer-language"]
    assert not [f for f in lint(japanese, LintContext(marketplace="JP")) if f.rule == "buyer-language"]


def test_the_cli_takes_the_marketplace_and_gives_the_language_of_each_finding():
    text = "Wenn Sie Ihre Bewertung entfernen, erstatten wir Ihnen 20 Euro."
    done = subprocess.run(
        [sys.executable, "-m", "fbdesk", "lint", "--kind", "message", "--marketplace", "fr", "--format", "json"],
        input=text.encode(),
        capture_output=True,
        check=False,
    )
    findings = json.loads(done.stdout)
    assert done.returncode == 1
    assert {f["language"] for f in findings} == {"de"}
    assert "buyer-language" in {f["rule"] for f in findings}


# --- Japanese ------------------------------------------------------------------------------------------------------


def test_japanese_is_segmented_by_character_class_with_particles_split_off():
    assert segment("評価を削除してください") == ["評価", "を", "削除", "してください"]
    assert segment("ギフト券をお送りします") == ["ギフト", "券", "を", "お", "送", "りします"]
    assert segment("Amazonギフト券1000円") == ["Amazon", "ギフト", "券", "1000", "円"]


def test_japanese_keeps_its_voicing_marks_and_joins_spaced_out_characters():
    fold = rules_for(frozenset({"ja"})).normaliser.fold_text
    assert fold("ください") == "ください" and fold("レビュー") == "レビュー"
    assert ("direct-removal-request", "warning") in rules("評 価 を 削 除 し て く だ さ い。", RESOLVED)


# --- notices, fixes and templates in the buyer's language ------------------------------------------------------------


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_notice_and_its_paraphrases_are_removal_notices(code):
    notices = [data(code)["approved_removal_notice"], *data(code)["approved_notice_paraphrases"]]
    for notice in notices:
        assert is_removal_notice(notice), notice
        assert is_removal_notice("Vielen Dank!\n\n" + notice), notice


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_approved_notice_passes_once_and_is_refused_the_second_time(code):
    notice = data(code)["approved_removal_notice"]
    first = lint(notice, LintContext(kind="message", resolved=True, prior_removal_notices=0))
    assert not [f for f in first if f.severity == "error"], first
    second = lint(notice, LintContext(kind="message", resolved=True, prior_removal_notices=1))
    assert "repeat-removal-notice" in {f.rule for f in second if f.severity == "error"}


DIRECT_REQUESTS = {
    "de": "Könnten Sie bitte Ihre Bewertung löschen?",
    "fr": "Pourriez-vous supprimer votre avis ?",
    "es": "¿Podría eliminar su valoración?",
    "it": "Potrebbe rimuovere la sua recensione?",
    "ja": "評価を削除していただけますか。",
}


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_fix_of_a_direct_removal_request_is_the_notice_in_its_language(code):
    (finding,) = [f for f in lint(DIRECT_REQUESTS[code], RESOLVED) if f.rule == "direct-removal-request"]
    assert finding.language == code
    assert finding.fix == approved_notices()[code] == data(code)["approved_removal_notice"]


@pytest.mark.parametrize(
    ("marketplace", "code"), [("DE", "de"), ("FR", "fr"), ("ES", "es"), ("IT", "it"), ("JP", "ja")]
)
def test_the_templates_offer_the_notice_in_the_marketplace_language(marketplace, code):
    offered = templates_for(LintContext(resolved=True, marketplace=marketplace))
    (notice,) = [t for t in offered if t.removal_notice]
    assert notice.body == data(code)["approved_removal_notice"]
    english = next(t for t in templates_for(LintContext(resolved=True, marketplace="UK")) if t.removal_notice)
    assert english.body == approved_notices()["en"]


@pytest.mark.parametrize(
    "text", ["Scheißladen, Abzocker, nie wieder!!!", "Tienda de mierda, nunca más.", "Negozio di merda, mai più!"]
)
def test_a_feedback_too_short_to_tell_its_language_is_read_with_every_languages_words(text):
    assert any(f.rule == "amazon-removable" for f in lint(text, LintContext(kind="feedback"))), text


def test_half_width_katakana_is_read_as_japanese():
    assert detect("ｺﾞﾁｭｳﾓﾝ ｱﾘｶﾞﾄｳｺﾞｻﾞｲﾏｽ｡ ｼｮｳﾋﾝﾊ ﾎﾝｼﾞﾂ ﾊｯｿｳ ｲﾀｼﾏｼﾀ｡").codes == {"ja"}
