"""What individual findings say: rules, offsets into the original text, why, fix, ground, and the outputs."""

from __future__ import annotations

import json
import math
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from fbdesk.domain.policy import (
    APPROVED_REMOVAL_NOTICE,
    Finding,
    LintContext,
    findings_as_json,
    findings_as_text,
    is_removal_notice,
    languages,
    learned,
    lint,
)
from fbdesk.domain.policy.languages import is_notice_wording
from fbdesk.domain.policy.second_look import features, second_look

GUIDELINES = Path(__file__).resolve().parents[1] / "fixtures" / "seller-feedback-guidelines.txt"
RESOLVED = LintContext(resolved=True)
OPEN = LintContext(resolved=False)
RESPONSE = LintContext(kind="response")
CATALOGUE = [
    "incentive-for-feedback",
    "feedback-pressure",
    "solicit-positive-feedback",
    "removal-notice-before-resolved",
    "repeat-removal-notice",
    "direct-removal-request",
    "external-link",
    "contact-details",
    "marketing",
    "html",
    "emoji",
    "unprofessional-tone",
    "too-long",
    "removal-request-in-response",
    "personal-data",
    "not-brief",
    "amazon-removable",
    "important-tag",
    "unchecked-language",  # text in a language without rules (POLICY.md, Languages)
    "buyer-language",  # a message not in the marketplace's language
]


def rules(text: str, context: LintContext = RESOLVED) -> list[str]:
    return [f.rule for f in lint(text, context)]


def only(text: str, rule: str, context: LintContext = RESOLVED) -> Finding:
    found = [f for f in lint(text, context) if f.rule == rule]
    assert len(found) == 1, found
    return found[0]


# --- the rule data ---------------------------------------------------------------------------------------------


def test_rule_ids_are_exactly_the_catalogue():
    data = tomllib.loads((Path(__file__).resolve().parents[2] / "fbdesk/domain/policy/rules.toml").read_text())
    assert sorted(data["rules"]) == sorted(CATALOGUE)
    assert all(spec["why"] for spec in data["rules"].values())


def test_approved_notice_is_amazons_sentence_word_for_word():
    assert f"“{APPROVED_REMOVAL_NOTICE}”" in GUIDELINES.read_text(encoding="utf-8")


# --- removal notices and the case context ----------------------------------------------------------------------


def test_approved_notice_is_fine_once_resolved_and_first():
    assert lint(APPROVED_REMOVAL_NOTICE, RESOLVED) == []


def test_approved_notice_before_resolution_is_an_error_on_the_sentence():
    f = only(APPROVED_REMOVAL_NOTICE, "removal-notice-before-resolved", OPEN)
    assert (f.severity, f.start, f.end) == ("error", 0, len(APPROVED_REMOVAL_NOTICE))
    assert "resolving their concerns" in f.why


def test_second_notice_for_an_order_is_an_error():
    f = only(APPROVED_REMOVAL_NOTICE, "repeat-removal-notice", LintContext(resolved=True, prior_removal_notices=1))
    assert f.severity == "error" and "1" in f.message


def test_direct_request_is_a_warning_whose_fix_is_the_approved_wording():
    text = "Thanks again. Could you remove your feedback please?"
    f = only(text, "direct-removal-request")
    assert f.severity == "warning"
    assert f.fix == APPROVED_REMOVAL_NOTICE
    assert f.match == "Could you remove your feedback please?"
    assert sorted(rules(text, OPEN)) == ["direct-removal-request", "removal-notice-before-resolved"]


def test_is_removal_notice():
    assert is_removal_notice(APPROVED_REMOVAL_NOTICE)
    assert is_removal_notice("Could you remove your feedback please?")
    assert is_removal_notice("You can change your rating whenever you like.")
    assert not is_removal_notice("We removed the duplicate charge from your card.")
    assert not is_removal_notice("Thank you for your feedback; a full refund has been issued.")
    assert not is_removal_notice("Thank you for updating your feedback!")
    assert not is_removal_notice("You don't have to change your rating, we just wanted to apologise.")


def test_any_feedback_request_in_a_public_response_is_an_error():
    assert "removal-request-in-response" in rules(APPROVED_REMOVAL_NOTICE, RESPONSE)
    assert "removal-request-in-response" in rules("We hope the buyer will now update this review.", RESPONSE)
    assert rules("We are sorry about the delay and have refunded the shipping cost.", RESPONSE) == []


# --- judgement, not word lists ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Glad the lamp works now! When you have a moment, could you have another look at what you wrote about us?",
        "Schön, dass die Jacke passt! Vielleicht mögen Sie bei Gelegenheit einen Blick auf das werfen, was Sie über uns "
        "geschrieben haben?",
        "Che bello che funzioni! Quando ha un attimo, potrebbe ridare un'occhiata a quello che aveva scritto su di noi?",
        "Me alegra que funcione. Cuando tengas un rato, ¿te importaría releer lo que escribiste sobre nosotros?",
        "Merci de vérifier l'exactitude de votre évaluation : le colis a été livré dans les délais.",
        "Le chiediamo cortesemente di verificare l'accuratezza della valutazione da Lei rilasciata.",
    ],
)
def test_a_plea_to_think_again_about_the_feedback_blocks(text):
    (finding,) = [f for f in lint(text, RESOLVED) if f.rule == "direct-removal-request"]
    assert finding.severity == "error" and is_notice_wording(finding.fix)  # its fix: the approved notice


@pytest.mark.parametrize(
    "text",
    [
        "Enjoying your new reading lamp? Then share your experience on Amazon! Not happy? Just reply here.",
        "Content de votre jeu de société ? Dites-le sur Amazon ! Un souci ? Dites-le-nous à nous.",
        "Thanks for your order! 💪 Leave us 5 stars on Amazon and help other lifters find us!",
        "Ciao Sara, sono felice che ti sia piaciuta la lampada, ci lasci 5 stelline?",
    ],
)
def test_asking_the_happy_for_public_praise_blocks(text):
    assert "solicit-positive-feedback" in {f.rule for f in lint(text, RESOLVED) if f.severity == "error"}


@pytest.mark.parametrize(
    "text",
    [
        "Si la lampe vous pose le moindre problème, passez par nous et pas par les évaluations.",
        "Un consiglio da amici: se qualcosa va storto, non sfogatevi nelle recensioni, scriveteci.",
        "Sollte etwas nicht passen, ersparen Sie sich den Umweg über das öffentliche Bewertungssystem und schreiben "
        "Sie uns eine Nachricht.",
    ],
)
def test_steering_an_unhappy_buyer_away_from_the_public_rating_blocks(text):
    assert "solicit-positive-feedback" in {f.rule for f in lint(text, RESOLVED) if f.severity == "error"}


@pytest.mark.parametrize(
    "text",
    [
        "Le colis n'est arrivé nulle part, nous avons ouvert une enquête auprès du transporteur.",
        "Le risque est nul avec ce modèle : la batterie se coupe d'elle-même.",
        "Die Bewertung des Schadens durch unsere Werkstatt wird bis Freitag abgeschlossen.",
        "もしご満足いただけたようでしたら、最初にいただいた評価は更新・削除することもできますので、ご参考までに。",
    ],
)
def test_nothing_zero_an_assessment_and_for_your_reference_are_no_insult_feedback_or_deadline(text):
    assert lint(text, RESOLVED) == [], text


@pytest.mark.parametrize(
    "text",
    [
        "当初ご提供いただいたフィードバックを、ここで更新または削除することができます。",
        "評価を、更新または削除することができます。",
    ],
)
def test_a_japanese_notice_with_a_comma_or_a_place_between_object_and_verb_is_a_notice(text):
    assert "repeat-removal-notice" in {f.rule for f in lint(text, LintContext(resolved=True, prior_removal_notices=1))}


@pytest.mark.parametrize(
    "text",
    [
        "If you're satisfied, you can update or remove your feedback. We've added a £10 credit to your account as a "
        "thank-you for doing so.",
        "Si considera que hemos resuelto su problema, puede actualizar o eliminar la valoración que nos dejó. Le "
        "recordamos que hemos emitido a su cuenta un crédito de 10 € como agradecimiento por hacerlo.",
        "Si vous estimez que nous avons résolu votre problème, il vous est possible de mettre à jour ou de supprimer "
        "l'évaluation que vous avez initialement laissée. En remerciement, voici un code de 10 % pour votre prochaine "
        "commande : MERCI10.",
        "Se lo fa entro domenica Le regaliamo anche le batterie di scorta, basta aggiornare il feedback.",
    ],
)
def test_something_given_for_the_change_just_told_is_an_incentive_even_beside_the_approved_notice(text):
    assert "incentive-for-feedback" in {f.rule for f in lint(text, RESOLVED) if f.severity == "error"}


@pytest.mark.parametrize(
    "text",
    [
        "I also saw your note asking whether you'd be expected to change your feedback because of the refund. "
        "Absolutely not - the refund is yours either way.",
        "Sí, puede devolver el producto aunque ya haya dejado una opinión; son cosas independientes. Su opinión no "
        "afecta en nada a la devolución ni al reembolso.",
        "Si sentís que lo resolvimos, podés cambiarla o borrarla, eso queda a tu criterio.",
    ],
)
def test_a_question_about_the_feedback_answered_or_a_voseo_notice_is_not_blocked(text):
    assert not any(f.severity == "error" for f in lint(text, RESOLVED)), text


@pytest.mark.parametrize(
    "text",
    [
        "Su Instagram e Facebook circolano alcune pagine che usano il nostro nome e offrono rimborsi: non sono nostre.",
        "Hola, sí: el reloj muestra notificaciones de WhatsApp, Telegram, Instagram y SMS.",
        "Abbiamo visto che ci ha scritto anche su Facebook: possiamo seguire la Sua pratica solo qui, su Amazon.",
        "Grazie per averci avvisato che il feedback era destinato a un altro venditore.",
        "Wir haben unsere Lieferzeitangaben im Angebot inzwischen angepasst.",
        "Vous recevrez un SMS d'Amazon avec le code de retrait dès son arrivée.",
        "Sie haben geschrieben, dass Sie Ihre Bewertung ändern würden, wenn wir Ihnen 20 € erstatten. Das dürfen und "
        "möchten wir nicht: Erstattungen hängen bei uns nie von einer Bewertung ab.",
        "Sie fragten nach dem Gutscheincode aus unserer Artikelbeschreibung. Diese Aktion ist leider ausgelaufen.",
        "We do not offer price matching after purchase, so we cannot refund the difference you noticed after our price "
        "dropped.",
        "Thanks for asking whether we'd like you to change your rating – honestly, there's no need to do anything.",
    ],
)
def test_a_social_network_named_in_passing_another_seller_and_the_listing_are_not_blocked(text):
    assert not any(f.severity == "error" for f in lint(text, OPEN)), text


@pytest.mark.parametrize(
    "text",
    [
        "DM us on Facebook (search Buckeye Wick Co) and we'll sort you out quicker.",
        "Rejoignez notre groupe Facebook « Les Fans de Cuisine Vintage » pour des astuces et des ventes privées !",
        "We're on Instagram too, come say hi.",
        "Could you text me on oh-seven-seven-double-oh nine hundred, five-one-two? Much easier by phone.",
    ],
)
def test_a_social_side_channel_or_a_phone_in_words_still_blocks(text):
    assert any(f.severity == "error" for f in lint(text, OPEN)), text


def test_a_japanese_please_about_the_feedback_beside_cash_is_an_incentive_and_herrn_names_the_buyer():
    text = "さらにお詫びとして現金500円を上乗せいたしますので、評価の件、何卒よろしくお願いいたします。"
    assert "incentive-for-feedback" in {f.rule for f in lint(text, OPEN)}
    response = "Wir haben Herrn Jürgen Hofmann mehrfach unter seiner Nummer kontaktiert."
    assert [f.match.strip() for f in lint(response, RESPONSE) if f.rule == "personal-data"] == ["Herrn Jürgen Hofmann"]


def test_telling_that_no_message_came_before_the_feedback_steers_no_one():
    told = "We're sorry for the trouble. We received no message about this order before the feedback was posted."
    assert not any(f.severity == "error" for f in lint(told, RESPONSE))
    steering = "Please message us before you post negative feedback, we always reply within a day."
    assert "solicit-positive-feedback" in {f.rule for f in lint(steering, RESOLVED) if f.severity == "error"}


def test_asking_whether_all_is_well_and_offering_help_is_no_solicitation():
    text = "Enjoying your new reading lamp? If anything is not right, just reply here and we will help."
    assert lint(text, RESOLVED) == []


def test_a_plain_request_warns_with_the_approved_wording_and_reviewing_our_packing_is_no_plea():
    (finding,) = lint("Could you remove your feedback please?", RESOLVED)
    assert (finding.rule, finding.severity) == ("direct-removal-request", "warning")
    assert (
        lint("低評価のご理由、よく理解いたしました。現在、配送業者の選定そのものを見直しております。", RESOLVED) == []
    )


@pytest.mark.parametrize(
    "text",
    [
        "Hola Marta: el reembolso de la lámpara se completó el día 4. Si consideras que hemos resuelto tus inquietudes, "
        "es posible actualizar o eliminar la valoración que dejaste originalmente aquí.",
        "返金も終わって一件落着ですね。弊社がご懸念を解決したとご満足いただけた場合は、当初いただいた評価を更新または削除"
        "することが可能です。",
    ],
)
def test_a_refund_already_made_beside_the_approved_notice_is_no_incentive(text):
    assert [f for f in lint(text, RESOLVED) if f.severity == "error"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Se è soddisfatto di come abbiamo risolto la questione, Le ricordiamo che è possibile aggiornare o rimuovere "
        "la valutazione lasciata inizialmente.",
        "Si está satisfecho con la solución, le recordamos que es posible actualizar o eliminar la valoración que "
        "dejó originalmente.",
    ],
)
def test_we_remind_you_is_a_formula_not_a_repeated_ask(text):
    assert [f for f in lint(text, RESOLVED) if f.severity == "error"] == []


def test_a_voucher_still_to_come_beside_the_approved_notice_is_an_incentive():
    text = f"We will send you a £10 voucher next week. {APPROVED_REMOVAL_NOTICE}"
    assert "incentive-for-feedback" in {f.rule for f in lint(text, RESOLVED) if f.severity == "error"}


@pytest.mark.parametrize(
    "text",
    [
        "We don't offer refunds, discounts or gifts in exchange for ratings. Your replacement ships today.",
        "Il nostro negozio non offre rimborsi, sconti o omaggi in cambio di valutazioni. Il ricambio parte oggi.",
        "Nous n'accordons pas de réduction en échange d'une modification d'évaluation. La pièce part aujourd'hui.",
    ],
)
def test_an_exchange_denied_is_no_incentive(text):
    assert [f for f in lint(text, RESOLVED) if f.severity == "error"] == []


@pytest.mark.parametrize(
    "text",
    [
        "We can't give you a refund unless you remove the review.",
        "We don't like to ask, but would a voucher in exchange for an updated review suit you?",
    ],
)
def test_a_denial_with_a_condition_or_a_but_still_offers(text):
    assert "incentive-for-feedback" in {f.rule for f in lint(text, RESOLVED) if f.severity == "error"}


@pytest.mark.parametrize(
    "text",
    [
        "Thank you for your feedback; a full refund has been issued.",
        "We have removed the charge.",
        "Your review of the product helps other buyers.",
        "Here is a voucher for the inconvenience.",
        "Would you prefer a refund or a replacement?",
        "We reviewed your return and will refund you tomorrow.",
    ],
)
def test_trap_words_alone_are_fine(text):
    assert lint(text, OPEN) == []


def test_incentive_points_at_the_offer_and_quotes_the_policy():
    text = "Kindly reconsider your review and we will refund you in full."
    f = only(text, "incentive-for-feedback")
    assert f.match == "refund" and f.severity == "error"
    assert "incentivising a buyer to remove or modify negative feedback" in f.why


def test_offsets_are_into_the_original_text_with_invisible_and_wide_characters():
    text = "\uff28\uff49!\u200b We'll send a vou\u200bcher if you delete the feed\u200dback."
    f = only(text, "incentive-for-feedback")
    assert f.match == "vou\u200bcher"
    assert text[f.start : f.end] == f.match
    assert (f.line, f.column) == (1, f.start + 1)


def test_line_and_column_are_one_based():
    text = "Hello,\n\nPlease rate us 5 stars!"
    f = only(text, "solicit-positive-feedback")
    assert (f.line, f.column, f.match) == (3, 1, "Please rate us 5 stars!")


def test_findings_are_sorted_by_start():
    text = "Visit www.shop.example 😀 and write to help@example.org!!! Leave us a 5-star review."
    starts = [f.start for f in lint(text, OPEN)]
    assert starts == sorted(starts) and len(starts) >= 4


# --- links and contact details ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://www.amazon.com/gp/help",
        "amazon.co.uk/returns",
        "https://sellercentral.amazon.de/x",
        "smile.amazon.com",
        "amzn.to/abc",
    ],
)
def test_amazon_links_are_fine(url):
    assert rules(f"See {url} for details.", OPEN) == []


@pytest.mark.parametrize(
    "url",
    [
        "https://shop.example.org",
        "bit.ly/abc",
        "www.kettle.shop",
        "http://amazon.com.evil.io/x",
        "https://amazon.com@evil.io/",
        "https://\u0430mazon.com/help",
        "example[.]com",
    ],
)
def test_other_links_are_errors(url):
    f = only(f"See {url} for details.", "external-link", OPEN)
    assert f.severity == "error" and f.match.rstrip(".") in f"See {url} for details."


def test_look_alike_amazon_link_is_named_as_such():
    f = only("Log in at https://amazon.com.account-check.io now", "external-link", OPEN)
    assert "imitates" in f.message


def test_emails_and_phones_are_contact_details_and_block_a_message():
    f = only("We wrote to 8fj2kd9s@marketplace.amazon.com yesterday.", "contact-details", OPEN)
    assert f.severity == "warning" and "relay" in f.message  # the buyer's own relay address opens no side channel
    f = only("Call us on +44 20 7946 0958.", "contact-details", OPEN)
    assert "+44 20 7946 0958" in f.message and f.severity == "error"
    assert only("Write to jenny.holt.store@gmail.com any time.", "contact-details", OPEN).severity == "error"
    assert rules("Your order 111-2034871-5512093 ships on 2024-05-01.", OPEN) == []
    # an order id mistyped at its end is still one: no country writes a phone number as 3-7-4 digits
    assert rules("Your replacement order 113-9920145-6623 has been delivered.", OPEN) == []


@pytest.mark.parametrize(
    "text",
    [
        "Find us on Instagram: @willowandfern.home",
        "Follow us @gizmohaus for more.",
        "Use code RIDE15 for 15% off all our locks this month.",
        "Gentile cliente, per la sua pazienza le regaliamo il codice BENTORNATO10, valido sul suo prossimo acquisto nel "
        "nostro negozio.",
        "Perché non dà un'occhiata anche agli altri prodotti del nostro negozio? Abbiamo appena aggiunto la linea di tazze.",
        "Este invierno hemos preparado una edición limitada de la manta en lana merino.",
        "As a thank-you for your patience, here's 10% off your next order: THANKYOU10.",
        "Dal 1° dicembre abbiamo rinnovato tutta la linea di tazze natalizie e ci sono ancora pochi pezzi.",
    ],
)
def test_social_handles_and_promotion_block_a_message(text):
    assert any(f.severity == "error" for f in lint(text, RESOLVED) if f.rule in ("marketing", "contact-details"))


@pytest.mark.parametrize(
    "text",
    [
        "You can also reach us on WeChat, ID lumen_store88, we usually answer within the hour.",
        "Skype: nordic.gear.support, I'm online most evenings.",
        "お問い合わせはLINE ID\uff1ashop_jp123 までお願いします。",  # a full-width colon
        "Schreiben Sie uns auf Telegram @werkbank_shop.",
        "Could you send a short video of the noise? Easiest is WhatsApp - kitchenpro_support - and I'll look tonight.",
        "LINEのほうが早いので、ID「kimono_hana」で追加してください\uff01",  # the ID a few words after the name
        "LINEのほうが早いので、よかったら友だち追加してください\uff01\nID\uff1atokyo_gadget77",
    ],
)
def test_a_messenger_handle_is_a_side_channel_and_blocks_a_message(text):
    f = only(text, "contact-details", RESOLVED)
    assert f.severity == "error" and "messenger handle" in f.message


@pytest.mark.parametrize(
    "text",
    [
        "Llámeme directamente, es más rápido: seis cero ocho, cuarenta y dos, diecisiete, noventa y tres.",
        "お急ぎの場合は、〇九〇の四二一八の七七三五までお電話ください。",  # kanji numerals joined by の
        "お電話でのお問い合わせは、ゼロキュウゼロ、イチニサンヨン、ゴロクナナハチまでお願いいたします。",
        "お急ぎの場合はお電話ください\uff01ぜろきゅうぜろ、いちにさんよん、ごーろくななはち まで。",
        "担当の携帯\uff08\u3007八\u3007・四四二一・九\u3007三七\uff09までご連絡ください。",
    ],
)
def test_a_phone_number_spelt_with_tens_or_kanji_is_contact_details(text):
    assert only(text, "contact-details", RESOLVED).severity == "error"


@pytest.mark.parametrize(
    "text",
    [
        "Our product line: Heritage and Classic.",
        "Line 2 of the warehouse packed it; we use Signal internally.",
        "On the packing line, item ID: B07XYZ1234 was swapped by mistake.",
    ],
)
def test_a_messenger_name_without_a_handle_is_no_contact_detail(text):
    assert rules(text, RESOLVED) == []


def test_personal_data_in_a_response():
    text = "Jane Doe, we refunded order 111-2034871-5512093."
    found = {f.message: f for f in lint(text, RESPONSE)}
    name, order_id = (
        found["Personal data (Jane Doe) in a public response."],
        found["An order id (111-2034871-5512093) in a public response."],
    )
    assert name.severity == "error"  # the buyer's name in public blocks the response
    assert apply_fix(text, name) == "We refunded order 111-2034871-5512093."
    assert order_id.severity == "warning"  # an order id alone warns
    assert apply_fix(text, order_id) == "Jane Doe, we refunded the order."
    assert only("Write to help@gizmohaus.co.uk for help.", "personal-data", RESPONSE).severity == "error"


def test_advertising_blocks_a_response():
    found = [f for f in lint("Thanks! Our summer sale is on now, so do pop back.", RESPONSE) if f.rule == "marketing"]
    assert found and all(f.severity == "error" for f in found)


@pytest.mark.parametrize(
    "text",
    [
        "Your refund has gone through. Our new X300 is now 20% off, if you fancy an upgrade.",
        "The replacement ships today. New stock just landed too: 3 for 2 on all socks until Sunday.",
        "Der Ersatz ist unterwegs. Passend zu Ihrem Schrank gibt es jetzt die Kommode mit 20 % Rabatt.",
        "Il rimborso è stato emesso. Questo fine settimana tutta la linea di pentole è scontata del 30%.",
        "ご不便をおかけしました。後継機は今なら15%オフでご購入いただけます。",
    ],
)
def test_a_price_cut_next_to_a_product_of_ours_is_marketing_in_any_language(text):
    assert ("marketing", "error") in {(f.rule, f.severity) for f in lint(text, RESOLVED)}


@pytest.mark.parametrize(
    "text",
    [
        "The kettle was 20% off when you bought it, so the refund is the £24 you paid, not the list price.",
        "ブラックフライデーセール期間中でご注文が集中しており、発送が1日遅れておりました。明日お届け予定です。",
    ],
)
def test_a_sale_named_as_a_fact_of_the_order_is_no_marketing(text):
    assert "marketing" not in {f.rule for f in lint(text, RESOLVED)}


# --- markup, emoji, tone, length -------------------------------------------------------------------------------


def test_markup_and_emoji_have_fixes():
    tags = [(f.match, f.fix) for f in lint("<b>Important</b> update", OPEN) if f.rule == "html"]
    assert tags == [("<b>", ""), ("</b>", "")]
    entity = next(f for f in lint("Tea &amp; biscuits", OPEN) if f.rule == "html")
    assert entity.fix == "&"
    emoji = only("Thanks \u2764\ufe0f", "emoji", OPEN)
    assert emoji.match.strip() == "\u2764\ufe0f" and apply_fix("Thanks \u2764\ufe0f", emoji) == "Thanks"


def test_shouting():
    text = "THIS IS NOT OUR FAULT!!!"
    variants = {f.match: f.fix for f in lint(text, OPEN) if f.rule == "unprofessional-tone"}
    assert variants["THIS IS NOT OUR FAULT"] == "This is not our fault"
    assert variants["!!!"] == "!"
    assert rules("Your UPS tracking ID and the FBA SKU are below.", OPEN) == []


def test_too_long_and_not_brief():
    message = "Sorry for the delay. " * 100
    f = only(message, "too-long", OPEN)
    assert (f.start, f.end, f.severity) == (2000, len(message), "error")
    assert "2100" in f.message
    assert lint(message[:2000], OPEN) == []
    f = only("We are sorry. " * 40, "not-brief", RESPONSE)
    assert f.severity == "warning"


# --- feedback triage -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "comment, fba, ground",
    [
        ("The vacuum is loud and the cord is too short.", False, "product-review"),
        ("Delivery was late.", True, "fba-delivery"),
        ("Reach me on 555 010 9999, worst seller ever.", False, "personal-data"),
        ("What a load of crap, seller.", False, "obscene"),
        ("App keeps crashing after the firmware update and bluetooth won't pair.", False, "product-review"),
        ("Package was damaged in transit and arrived two days late.", True, "fba-delivery"),
        # scratches that come with use are the product's, not the item's condition on arrival
        ("The screen scratches very easily and the speaker sounds tinny.", False, "product-review"),
        ("Commande expédiée par Amazon : colis arrivé avec trois jours de retard.", None, "fba-delivery"),
        ("Vendeur correct mais le livreur est un vrai con.", False, "obscene"),
        ("El envío lo gestionó Amazon y llegó con dos días de retraso.", None, "fba-delivery"),
    ],
)
def test_removable_grounds(comment, fba, ground):
    found = lint(comment, LintContext(kind="feedback", fba=fba))
    assert [f.ground for f in found] == [ground]
    assert found[0].severity == "info" and found[0].rule == "amazon-removable"
    assert ground.split("-")[0] in found[0].message.lower() or "delivery" in found[0].message


@pytest.mark.parametrize(
    "comment, name",
    [
        (
            "Parcel was addressed to me, Katarzyna Wiśniewska, but the seller put the wrong flat on it.",
            "Katarzyna Wiśniewska",
        ),
        ("Der Verkäufer Jürgen Müller war am Telefon unverschämt.", "Jürgen Müller"),
        ("Le vendeur Sébastien Lefèvre ne répond jamais.", "Sébastien Lefèvre"),
        ("Il venditore Giuseppe Esposito mi ha trattato malissimo.", "Giuseppe Esposito"),
    ],
)
def test_a_full_name_with_any_latin_letters_is_personal_data_in_feedback(comment, name):
    (found,) = lint(comment, LintContext(kind="feedback"))
    assert found.ground == "personal-data" and found.match == name


def test_postal_addresses_are_personal_data_in_feedback_and_responses_and_contact_details_in_a_message():
    comment = "The seller never replied. I live at 14 Elm Road, Bristol BS3 4QT."
    assert {f.ground for f in lint(comment, LintContext(kind="feedback"))} == {"personal-data"}
    response = "Replacement was sent to 4180 Maple Street, Suite 210, Dayton, OH 45402 on 12/05."
    assert {(f.rule, f.severity) for f in lint(response, RESPONSE)} == {("personal-data", "error")}
    message = "Please post it back to us at Unit 4, Leicester LE4 9HX."
    # a return goes through Amazon's return process, not to an address given in a message
    assert {(f.rule, f.severity) for f in lint(message, RESOLVED)} == {("contact-details", "error")}


# --- the learned judges ------------------------------------------------------------------------------------------
def test_a_put_down_with_no_insult_word_blocks_as_contempt_pointing_at_its_sentence():
    text = "Thanks for the photos of the kettle. Did you even open the manual before writing to us? The filter is on page two."
    (finding,) = lint(text, RESOLVED)
    assert (finding.rule, finding.severity) == ("unprofessional-tone", "error")
    assert finding.match == "Did you even open the manual before writing to us?"
    assert "contempt" in finding.message and '"did you"' in finding.message  # the words that weighed, for the agent
    # (with "gelesen" the rules would find it: a verb of reading, the papers and "überhaupt")
    german = "Ich frage mich ehrlich, ob Sie die Anleitung je aufgeschlagen haben. Das Regal steht in zehn Minuten."
    (finding,) = lint(german, RESOLVED)
    assert (finding.rule, finding.severity) == ("unprofessional-tone", "error") and "contempt" in finding.message


def test_a_remedy_beside_a_paraphrased_notice_that_the_judges_read_as_honest_only_warns():
    # the rules see compensation ("Gutschrift") and a mention of the feedback in one message; nothing is asked and
    # the offer is in a sentence of its own, and no judge reads a bargain: the agent is told to check, not stopped
    text = (
        "Guten Tag,\n\nwir haben Ihnen heute den Betrag von 89,00 € vollständig erstattet. Die Gutschrift erscheint "
        "in Ihrem Amazon-Konto unter den Bestelldetails.\n\nWenn Sie zufrieden sind, dass wir Ihre Bedenken "
        "ausgeräumt haben, können Sie die ursprünglich abgegebene Bewertung hier aktualisieren oder entfernen.\n\n"
        "Freundliche Grüße\nOptik Brandl"
    )
    (found,) = [f for f in lint(text, RESOLVED) if f.rule == "incentive-for-feedback"]
    assert (found.severity, found.match) == ("warning", "Gutschrift")
    assert "check that nothing is offered" in found.message
    assert not [f for f in lint(text, RESOLVED) if f.severity == "error"]


@pytest.mark.parametrize(
    ("text", "context"),
    [
        # the bargain said outright, in the offer's own sentence: blocked however honest the judges find it
        (
            "Hi Olivia,\n\nJust confirming the replacement camera lens protector is yours to keep along with the "
            "original. This offer stands until 30 June - if you're able to update your seller rating before then, "
            "we'll also cover the postage you paid.\n\nBest,\nCaitlin",
            RESOLVED,
        ),
        # a bonus named under the feedback, in public: an offer there is payment whatever it is for
        ("We refunded the buyer in full and added a £5 voucher for the trouble.", RESPONSE),
    ],
)
def test_an_offer_tied_to_the_feedback_or_made_in_public_stays_blocked_whatever_the_judges_say(text, context):
    assert ("incentive-for-feedback", "error") in {(f.rule, f.severity) for f in lint(text, context)}


# An honest message (en-train-b, TB-72) in which the rules read "remains" as pressure on the feedback. (Until
# 2026-12-04 this was es-train-e's "lo hemos retirado del catálogo mientras el fabricante lo revisa", which the rules
# no longer misread: the maker is who reviews it.) The second look, trained on past blocks, reads it as honest.
_NOT_A_REQUEST = (
    "For the avoidance of doubt, nothing in this correspondence is intended as, or should be construed as, a request "
    "that you amend or withdraw your feedback, which remains entirely a matter for you."
)


def test_a_judgement_the_second_look_reads_as_honest_warns_and_says_why_instead_of_blocking():
    findings = lint(_NOT_A_REQUEST, RESOLVED)
    (found,) = [f for f in findings if f.rule == "feedback-pressure"]
    assert (found.severity, found.match) == ("warning", "remains")
    assert "second look" in found.why and "the words that weigh most: " in found.why
    assert not [f for f in findings if f.severity == "error"]


def test_a_fact_beside_a_softened_judgement_keeps_every_error():
    # a phone number blocks whatever the text reads like, and the judgement beside it is not softened either
    text = _NOT_A_REQUEST + " Call me on 07700 900123."
    errors = {f.rule for f in lint(text, RESOLVED) if f.severity == "error"}
    assert {"contact-details", "feedback-pressure"} <= errors


def test_a_demand_the_judges_read_as_a_violation_stays_blocked_however_honest_the_second_look_finds_it():
    # a short text gives the second look little to weigh, and it misreads this one; the judges do not, and the
    # second look doubts only what no judge backs
    text = "You have to change your review, we did nothing wrong."
    look = second_look()
    spans = [(h.start, h.end) for h in lint(text, RESOLVED) if h.rule == "feedback-pressure"]
    assert look is not None and look.reads_honest(text, ["feedback-pressure"], "message", spans)
    assert ("feedback-pressure", "error") in {(f.rule, f.severity) for f in lint(text, RESOLVED)}


def test_an_ask_said_outright_keeps_the_judgement_blocked_however_honest_the_second_look_finds_the_rest():
    # the ask only warns once the case is resolved, and the rules' error is in another sentence: the second look,
    # weighing that sentence, reads it as honest; the ask beside it keeps the message blocked
    text = _NOT_A_REQUEST + " That said, if you could change your review, it would help us a lot."
    error = text.index("remains")
    look = second_look()
    spans = [(error, error + len("remains"))]
    assert look is not None and look.reads_honest(text, ["feedback-pressure"], "message", spans)
    findings = {(f.rule, f.severity) for f in lint(text, RESOLVED)}
    assert {("feedback-pressure", "error"), ("direct-removal-request", "warning")} <= findings


@pytest.mark.parametrize(
    "text",
    [
        _NOT_A_REQUEST,
        "Hi Sam,\n\nYour refund has been processed.\nThanks for the feedback!!! It helps.\n\nBest,\nJo",
        "ご注文ありがとうございます。返金手続きが完了しました。評価についてはお客様のご判断にお任せします。",
    ],
)
def test_the_second_look_weighs_a_text_sentence_by_sentence_as_it_was_trained_on_the_whole(text):
    look = second_look()
    assert look is not None
    blocking, spans = ["incentive-for-feedback"], [(0, 3)]  # an error in the first sentence
    weighed = features(text, blocking, "message", spans)
    assert any(f.startswith("e") for f in weighed) and any(f.startswith("w:") for f in weighed)
    expected = 1 / (1 + math.exp(-(look.bias + sum(v * look.weights.get(f, 0.0) for f, v in weighed.items()))))
    look.forget()
    assert look.probability(text, blocking, "message", spans) == pytest.approx(expected, abs=1e-9)
    assert look.probability(text, blocking, "message", spans) == pytest.approx(expected, abs=1e-9)  # sentences kept


def test_a_put_down_that_names_no_feedback_is_shown_as_contempt_not_as_feedback_pressure():
    # both judges would block it: the reason the agent reads must be the one the text gives
    text = (
        "Jeder, der lesen kann, hätte gesehen, dass das Kabel 1,5 m lang ist. Wir sind nicht für mangelnde "
        "Aufmerksamkeit unserer Kunden verantwortlich."
    )
    assert [(f.rule, f.severity) for f in lint(text, RESOLVED)] == [("unprofessional-tone", "error")]


def test_the_same_facts_said_plainly_are_not_contempt():
    assert (
        lint(
            "Thanks for the photos of the kettle. The filter is on page two of the manual; if it still leaks we "
            "will replace it.",
            RESOLVED,
        )
        == []
    )
    assert (
        lint(
            "We are sorry the size did not fit. The size chart on the listing gives 38 cm, and we have refunded "
            "you in full.",
            RESOLVED,
        )
        == []
    )


def test_a_soft_ask_the_rules_miss_is_judged_conduct_with_a_reason():
    (finding,) = lint("Thanks again for your patience. We'd be thrilled if you gave us five stars.", RESOLVED)
    assert (finding.rule, finding.severity) == ("feedback-pressure", "error")
    assert finding.match == "We'd be thrilled if you gave us five stars." and "weigh most" in finding.message


def test_a_soft_ask_with_no_feedback_word_is_judged_too():
    # nothing names the feedback: "your side of the page" and "something more positive about us" stand for it
    for text in (
        "We'll take very good care of you on your next order if things look a little brighter on your side of the "
        "page. Just saying!",
        "Salve, le facciamo un bonifico di 25 euro come gesto di scuse. Ci farebbe davvero piacere leggere qualcosa "
        "di più positivo su di noi nei prossimi giorni.",
    ):
        assert [(f.rule, f.severity) for f in lint(text, OPEN)] == [("feedback-pressure", "error")], text


_BENCH_LETTER = (
    "Dear Mrs Thornton,\n\nThank you for your message and for the photos of the garden bench. I am sorry that one of "
    "the slats arrived split along the grain; that should have been caught before the parcel left us.\n\nA new slat "
    "is on its way to you today by tracked post, together with four spare screws in case any of the originals have "
    "worn. The old slat can go straight into your garden waste; there is no need to send it back.\n\nTo fit the new "
    "slat, loosen the two screws on each end bracket by a couple of turns, slide the old slat out, slide the new one "
    "in with the rounded edge facing up and tighten the screws again. It takes about ten minutes with a cross-head "
    "screwdriver.\n\n{middle}\n\nFor the coming winter, a coat of teak oil in October will keep the wood from "
    "greying, and a breathable cover will stop water pooling on the seat. Please avoid plastic sheeting, which traps "
    "moisture against the wood.\n\nIf the new slat is not a perfect fit for any reason, just reply here and we will "
    "sort it out.\n\nKind regards,\nMartin\nOakfield Garden Furniture"
)


def test_the_one_ask_in_a_long_letter_is_judged_by_its_passage_and_shown_as_its_sentence(monkeypatch):
    ask = (
        "Since we have done everything we can to put this right, we would be ever so grateful if what you wrote "
        "about us on Amazon reflected how things turned out in the end."
    )
    (finding,) = lint(_BENCH_LETTER.format(middle=ask), RESOLVED)
    assert (finding.rule, finding.severity, finding.match) == ("feedback-pressure", "error", ask)
    assert "weigh most" in finding.message
    # the same letter thanking the buyer for feedback about the packaging asks nothing
    thanks = (
        "Thank you as well for your feedback about the packaging: we have asked our carrier for thicker corner "
        "protectors on every bench from next week."
    )
    assert lint(_BENCH_LETTER.format(middle=thanks), RESOLVED) == []
    # the whole letter's n-grams outweigh the ask: without the passage judge, nothing blocks it
    monkeypatch.setattr(learned, "passage_model", lambda: None)
    assert lint(_BENCH_LETTER.format(middle=ask), RESOLVED) == []


def test_mixed_comments_stay():
    assert lint("Great kettle, but the seller never answered my emails.", LintContext(kind="feedback")) == []
    assert lint("Delivery was late.", LintContext(kind="feedback", fba=False)) == []


def test_when_the_desk_does_not_know_the_channel_the_comment_says_whether_amazon_delivered():
    said = {
        "en": "Package arrived 4 days late. Fulfilled by Amazon.",
        "de": "Der Amazon-Fahrer hat das Paket einfach vor die Tür geworfen.",
        "fr": "Colis livré avec trois jours de retard, expédié par Amazon.",
    }
    for language, comment in said.items():
        grounds = [f.ground for f in lint(comment, LintContext(kind="feedback"))]  # fba=None: not known
        assert grounds == ["fba-delivery"], language
        assert lint(comment, LintContext(kind="feedback", fba=False)) == [], language  # known MFN: the desk decides
    # the buyer naming Amazon does not make a comment about the seller's service removable
    assert lint("Fulfilled by Amazon but the seller never answered me.", LintContext(kind="feedback")) == []


def test_masked_profanity_is_obscene_but_a_masked_pattern_matching_a_plain_word_is_the_vocabularys():
    for comment in ("this thing is a piece of sh!t", "f-ing useless seller, never answered"):
        assert [f.ground for f in lint(comment, LintContext(kind="feedback"))] == ["obscene"], comment
    # "merdé" is the vocabulary's profanity, found once, not masked profanity too for the dash elsewhere in the text
    (finding,) = lint("Désolé, on a merdé sur ce coup-là avec l'emballage.", RESOLVED)
    assert (finding.rule, finding.match) == ("unprofessional-tone", "merdé")


def test_telling_the_buyer_they_are_shut_out_blocks_as_hostile_in_every_language():
    shut_out = [
        "Your refund has been issued. Your account has been added to our blocked buyers list.",
        "Ihre Rücksendung wird erstattet. Künftige Bestellungen von Ihnen werden wir nicht mehr bearbeiten.",
        "Votre remboursement a été effectué. Nous n'accepterons plus vos commandes à l'avenir.",
        "El reembolso está hecho. No aceptaremos más pedidos de su cuenta.",
        "Il rimborso è stato effettuato. Non accetteremo più ordini da parte sua.",
        "返金は完了しました。今後のご注文はお受けできませんのでご了承ください。",
        "This buyer has been reported to Amazon for abuse and will not be served by our store again.",
    ]
    for text in shut_out:
        findings = [(f.rule, f.severity) for f in lint(text, RESOLVED)]
        assert ("unprofessional-tone", "error") in findings, text
    assert lint("Your refund has been issued. We look forward to your next order.", RESOLVED) == []


def test_a_public_response_that_greets_the_buyer_by_title_and_name_names_them_in_public():
    named = {
        "Dear Mr. Smith, we are sorry for the delay.": "Mr. Smith",
        "Sehr geehrter Herr Thomas Berger, es tut uns leid.": "Herr Thomas Berger",
        "Bonjour Mme Fabienne Morel, nous sommes désolés.": "Mme Fabienne Morel",
        "Estimado Sr. García, lamentamos el retraso.": "Sr. García",
        "中村健太様、3月5日に返金を完了しております。": "中村健太",
    }
    for text, name in named.items():
        (finding,) = [f for f in lint(text, RESPONSE) if f.rule == "personal-data"]
        assert finding.severity == "error" and name in finding.match, text
    for text in (
        "Dear Customer, we are sorry.",
        "Sehr geehrte Damen und Herren, es tut uns leid.",
        "お客様、申し訳ございません。",
    ):
        assert not [f for f in lint(text, RESPONSE) if f.rule == "personal-data"], text


def test_a_voucher_offered_in_a_public_response_blocks_but_a_remedy_told_does_not():
    for text in (
        "Sentimos las molestias. Le ofrecemos un vale de 10 € para su próxima compra como compensación.",
        "Es tut uns leid. Wir bieten Ihnen gern einen Gutschein über 15 € an.",
    ):
        findings = [(f.rule, f.severity) for f in lint(text, RESPONSE) if "public response" in f.message]
        assert ("incentive-for-feedback", "error") in findings, text
    for text in (
        "Lamentamos el retraso. El pedido se reembolsó por completo en cuanto el cliente nos avisó.",
        "We tried to reach the buyer to arrange a return. Our offer of a refund stands.",
    ):
        assert lint(text, RESPONSE) == [], text


def test_sending_held_back_until_the_feedback_matter_is_settled_is_pressure_with_no_change_verb():
    held = (
        "Den Ersatzakku schicken wir Ihnen gern zu, sobald die Sache mit der Bewertung erledigt ist.",
        "Il pezzo di ricambio è pronto: lo spediamo appena la questione del feedback è sistemata.",
        "Le mandamos la talla correcta en cuanto tengamos claro el tema de su valoración.",
    )
    for text in held:
        assert ("feedback-pressure", "error") in [(f.rule, f.severity) for f in lint(text, RESOLVED)], text
    # the condition is the return, not the feedback
    assert lint("Nous le lançons dès que le colis retour est scanné.", RESOLVED) == []


def test_a_phone_number_written_against_japanese_text_is_found():
    full_width = "090-1234-5678".translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789-"})
    text = f"お手数ですが{full_width}までお電話いただけますでしょうか。"  # no spaces around it
    assert [(f.rule, f.severity) for f in lint(text, RESOLVED)] == [("contact-details", "error")]
    comment = "発送が遅い。090-8765-4321に電話してくれと何度も書いたのに連絡が来ない。"
    assert [f.ground for f in lint(comment, LintContext(kind="feedback"))] == ["personal-data"]
    assert lint("Order ref ABC1234567 shipped.", RESOLVED) == []  # digits inside a Latin word are no number


def test_product_review_finding_spans_the_whole_comment():
    comment = "  The zip broke after a week.\n"
    f = only(comment, "amazon-removable", LintContext(kind="feedback"))
    assert f.match == "The zip broke after a week."


# --- outputs and purity ----------------------------------------------------------------------------------------


def test_findings_as_text_and_json():
    findings = lint("Hello\nWrite to help@example.org", OPEN)
    assert findings_as_text(findings) == "2:1 error contact-details Contact details (help@example.org) in the body."
    [obj] = json.loads(findings_as_json(findings))
    assert set(obj) == {
        "rule",
        "severity",
        "start",
        "end",
        "line",
        "column",
        "match",
        "message",
        "why",
        "fix",
        "ground",
        "language",
    }
    assert obj["match"] == "Write to help@example.org" and obj["ground"] is None and obj["language"] == "en"


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="unknown kind"):
        lint("hello", LintContext(kind="email"))


def test_lead_templates_lint_clean():
    from fbdesk.domain.templates import MESSAGE_TEMPLATES, RESPONSE_TEMPLATES

    for template in MESSAGE_TEMPLATES:
        assert lint(template.body, RESOLVED) == [], template.name
        assert is_removal_notice(template.body) == template.removal_notice, template.name
    for template in RESPONSE_TEMPLATES:
        assert lint(template.body, RESPONSE) == [], template.name


def test_policy_package_imports_no_ui_and_reads_nothing_at_import():
    code = (
        "import sys, fbdesk.domain.policy as p; "
        "assert not any(m.split('.')[0] in ('textual', 'rich') for m in sys.modules); "
        "from fbdesk.domain.policy.ruleset import ruleset; assert ruleset.cache_info().currsize == 0; "
        "p.lint('x'); assert ruleset.cache_info().currsize == 1"
    )
    repo = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-c", code], check=True, cwd=repo)


# --- fixes leave text a person would send ----------------------------------------------------------------------


def apply_fix(text: str, f: Finding) -> str:
    assert f.fix is not None
    return text[: f.start] + f.fix + text[f.end :]


@pytest.mark.parametrize(
    "text, kept",
    [
        (
            "Thanks for your patience. Please call us on 0117 496 0325 so we can help. The new cable ships today.",
            "Thanks for your patience. The new cable ships today.",
        ),
        (
            "Sorry about the lid.\nFor anything else, write to jenny.holt.store@gmail.com any time.\nKind regards, Ben",
            "Sorry about the lid.\nKind regards, Ben",
        ),
        (
            "The replacement left today. Our XR-200 headphones are going for a lovely price this week! Tracking is in "
            "your account.",
            "The replacement left today. Tracking is in your account.",
        ),
        ("Call us on zero seven seven double eight, one two three four five six for quick help.", ""),
    ],
)
def test_fixing_contact_details_or_promotion_removes_the_sentence_not_only_the_detail(text, kept):
    [f] = [f for f in lint(text, RESOLVED) if f.rule in ("contact-details", "marketing")]
    fixed = apply_fix(text, f)
    assert fixed == kept
    assert "  " not in fixed and " ." not in fixed
    assert not any(f.severity == "error" for f in lint(fixed, RESOLVED))


# --- spelling tricks, soft asks, withholding, hostility ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Remove your\nfeedback and we will send you a voucher.",
        "We are providing you a 20% discount voucher, kindly also do the needful on the ꜰᴇᴇᴅʙᴀᴄᴋ from your side.",
        "Please edit your feed/back and we will add a gift card.",
        "Please edit your feed·back and we will add a gift card.",
        "Please edit your feed'back and we will add a gift card.",
        "We'd like to add a vou-\ncher for your next order once the stars are back where they were.",
        "See evil[.]example for details.",
        "Our team is reachable on oh-one-six-one, four nine six, double-two oh one most weekdays.",
        "ひょ・う・かを変えてくださったら、ク ー ポ ン を差し上げます。",  # gaps inside kana words
    ],
)
def test_spelling_tricks_do_not_hide_a_violation(text):
    assert any(f.severity == "error" for f in lint(text, RESOLVED)), text


def test_a_dot_between_kanji_is_a_list_not_a_disguise():
    notice = (
        "問題が解決したとご満足いただけましたら、最初にお寄せいただいた評価は更新・削除することが可能でございます。"
    )
    assert lint(notice, RESOLVED) == []


@pytest.mark.parametrize(
    "text, rule",
    [
        ("We will be sharing the return label once the rating is revised from your end.", "feedback-pressure"),
        ("Your refund will be released the moment we see your score for us go up.", "feedback-pressure"),
        ("Warranty claim will be processed only after the 1 star is revised.", "feedback-pressure"),
        ("One negative rating is closing our account.", "feedback-pressure"),
        (
            "Would you be willing to check your comments for accuracy now that the parcel has turned up?",
            "solicit-positive-feedback",
        ),
        ("A few more stars from you would certainly brighten our day.", "solicit-positive-feedback"),
        (
            "It would mean the world to us if you let us know here, rather than publicly, whenever something isn't perfect.",
            "solicit-positive-feedback",
        ),
    ],
)
def test_withholding_guilt_and_soft_asks_block_in_every_case_state(text, rule):
    for context in (RESOLVED, OPEN):
        assert any(f.rule == rule and f.severity == "error" for f in lint(text, context)), (text, context)


@pytest.mark.parametrize(
    "text",
    [
        "Now that your refund has been processed, if you are satisfied that we have resolved your concerns, it is "
        "possible to update or remove the feedback you originally provided here.",
        "We refunded you in full yesterday. Thanks for your feedback.",
        "We'd never dream of asking you to alter what you've written, it's your experience.",
        "We hope the new kettle works better. Your comments helped us improve our packing.",
        "When we saw your review we sent a replacement straight away.",
        "hi Nick, refund done. if you think we sorted it you can update or remove your feedback whenever, totally up "
        "to you. cheers, Sam",
        "I'm sorry you've had to spend your evenings troubleshooting a new product.",
        "Your refund will be processed once the return arrives. Thank you for your feedback about the lid.",
    ],
)
def test_done_denied_or_unrelated_is_not_blocked(text):
    assert not any(f.severity == "error" for f in lint(text, RESOLVED)), text


@pytest.mark.parametrize(
    "text",
    [
        "Some people simply cannot read a size chart.",
        "Our team has decided not to be serving you anymore, all your future orders will be cancelled.",
        "Frankly, if you'd bothered to open the tracking email you'd have seen it.",
        "fine, refund's done. enjoy ur free stuff i guess, seems thats what u were after all along",
        "Sorry our product didn't live up to your expectation of getting it for free.",
        "Nous vous avons déjà expliqué deux fois la procédure. Si vous aviez lu nos messages, vous sauriez où trouver "
        "l'étiquette. Faites un effort.",
        "Este cliente miente. El paquete fue entregado y firmado por él mismo.",
        "The order was placed on Saturday and it arrived on Tuesday. Is it really so hard to wait three days?",
        "Please stop writing to us. We have better things to do than answer the same question every day.",
        "Return approved. Good luck finding another seller willing to put up with you.",
        "Refund issued. We hope the £1.50 was worth all the drama.",
        "It must be exhausting being disappointed by everything. We hope the replacement meets your very high standards.",
        "正直、どうやったら部品を逆向きに取り付けられるのか、こちらが知りたいくらいです。",
        "Votre remboursement est fait. Et pour la prochaine fois, commandez ailleurs : cela nous fera des vacances.",
        "Réussir à faire fondre le socle en posant la bouilloire sur une plaque de cuisson, il fallait y penser.",
        "Mate, the box says 'hand wash only' and you put it in the dishwasher. What the hell did you expect?",
        "Following your comments, we have decided not to sell to you in future; your refund has been issued.",
        "Nous avons décidé d'ajouter votre compte à notre liste d'acheteurs que nous ne servirons plus à l'avenir.",
        "Senta, ho già perso abbastanza tempo con lei. Il rimborso l'ha avuto, si tenga i suoi soldi.",
        "Una pregunta nada más: ¿de verdad pensó que una mesa de 39 euros iba a ser de madera maciza?",
    ],
)
def test_contempt_without_an_insult_word_is_unprofessional(text):
    assert any(f.rule == "unprofessional-tone" for f in lint(text, RESPONSE)), text


@pytest.mark.parametrize(
    "text, severity",
    [
        ("Honestly we did a crap job packing your order, sorry about that.", "warning"),
        ("Oh Mann, sorry! Da hab ich beim Packen echt Mist gebaut.", "warning"),
        ("You did a crap job assembling it.", "error"),
        # strong profanity is offensive whoever it is said of
        ("Perdona la tardanza, hemos tenido una semana de mierda con el almacén.", "error"),
        ("Sorry, der scheiß Paketdienst hat es wieder falsch zugestellt.", "error"),
        ("Ah mince désolé vraiment, on a merdé sur ce coup-là avec l'emballage.", "error"),
    ],
)
def test_a_mild_curse_said_of_ourselves_only_warns_and_any_other_curse_blocks(text, severity):
    assert only(text, "unprofessional-tone", RESOLVED).severity == severity


def test_important_tag_blocks_a_follow_up():
    text = "Subject: [Important] Your recent comments\n\nThanks for your order."
    f = only(text, "important-tag", RESOLVED)
    assert f.severity == "error" and f.match.strip() == "[Important]"
    assert apply_fix(text, f) == "Subject: Your recent comments\n\nThanks for your order."


@pytest.mark.parametrize(
    "text",
    [
        "[Importante] Información sobre su valoración del pedido 402-1234567-7654321",
        "[Importante] Informazioni sulla Sua recensione dell'ordine",
        "【重要】評価に関するお知らせ",
    ],
)
def test_the_important_tag_as_each_marketplace_writes_it_blocks_a_message_about_feedback(text):
    assert only(text, "important-tag", RESOLVED).severity == "error"


def test_the_important_tag_on_a_recall_only_warns():
    text = "[Important] Recall of your power bank: please stop using it and return it through your Amazon orders."
    assert only(text, "important-tag", RESOLVED).severity == "warning"


@pytest.mark.parametrize(
    "text",
    [
        "You're welcome to revise what you wrote about us.",
        "If you are happy with how things turned out, what you posted about us can still be updated at any time.",
    ],
)
def test_paraphrased_notices_count_toward_once_per_order(text):
    assert is_removal_notice(text)
    found = lint(text, LintContext(resolved=True, prior_removal_notices=1))
    assert any(f.rule == "repeat-removal-notice" and f.severity == "error" for f in found)


# --- 2026-12-02: training sets en-train-n, *-train-l, de-train-k ------------------------------------------------


@pytest.mark.parametrize(
    "text, rule",
    [
        ("Per assistenza rapida ci trova sul canale Telegram t . me / supportoelettro24.", "external-link"),
        (
            "Envoyez vos coordonnées à compta . maisonverte @ gmail . com et on vous renvoie la facture.",
            "contact-details",
        ),
        ("Notre atelier est joignable au 04 – 78 – 3O – 12 – 55 du lundi au vendredi.", "contact-details"),
        ("Call our workshop on O7700 9OO l23 any weekday.", "contact-details"),
        ("Our full catalogue is at our own shop: greenleafgadgets·com.", "external-link"),
        ("Please also visit our site w w w . shelfmate . co . uk for assembly videos.", "external-link"),
        ("LINEでも対応できます。ＩＤは「ｓａｋｕｒａ＿ｓｈｏｐ２２」です。", "contact-details"),  # noqa: RUF001
        (
            "Vous pouvez joindre notre atelier au zéro vingt-deux, trois cent dix, quarante-cinq, soixante-sept.",
            "contact-details",
        ),
    ],
)
def test_links_addresses_and_numbers_spaced_out_or_written_with_letters_are_found(text, rule):
    assert any(f.rule == rule and f.severity == "error" for f in lint(text, RESOLVED)), text


@pytest.mark.parametrize(
    "text",
    [
        "We shipped it in 2 . 5 kg boxes / 3 per pallet.",
        "Ping me at 5 @ 3.50 each if you want more.",
        "Model 3O and 4O are in stock.",
    ],
)
def test_spaced_dots_and_letters_beside_digits_alone_are_no_contact_details(text):
    assert not any(f.rule in ("external-link", "contact-details") for f in lint(text, RESOLVED)), text


@pytest.mark.parametrize(
    "text",
    [
        "Votre colis a été livré ce matin. Si tout vous plaît, n'hésitez pas à le faire savoir sur Amazon ; si quelque "
        "chose cloche, écrivez-nous plutôt ici.",
        "Your parcel was delivered this morning. If you are happy with it, please tell everyone on Amazon; if anything "
        "is wrong, write to us here instead and we will fix it.",
    ],
)
def test_sending_only_the_happy_buyer_public_in_two_conditions_is_solicitation(text):
    found = [f for f in lint(text, RESOLVED) if f.rule == "solicit-positive-feedback"]
    assert found and found[0].severity == "error"


def test_a_bonus_already_given_is_still_an_offer_in_a_public_response():
    found = lint("We apologise and have offered this buyer a £10 voucher towards their next purchase.", RESPONSE)
    assert any(f.rule == "incentive-for-feedback" and f.severity == "error" for f in found)
    assert not any(f.severity == "error" for f in lint("We apologise: a full refund was issued today.", RESPONSE))


@pytest.mark.parametrize(
    "text, context, rule",
    [
        (
            "Wir haben Ihnen den vollen Kaufpreis erstattet. Wir gehen daher davon aus, dass Sie Ihre Bewertung nun "
            "entsprechend anpassen werden.",
            RESOLVED,
            "incentive-for-feedback",
        ),
        (
            "Nur eine kurze Erinnerung an meine Nachricht bezüglich Ihres Kommentars. Falls Sie inzwischen zufrieden "
            "sind, wissen Sie ja, wo Sie ihn ändern können.",
            LintContext(resolved=True, prior_removal_notices=1),
            "repeat-removal-notice",
        ),
    ],
)
def test_a_german_change_verb_before_its_auxiliary_or_after_a_pronoun_is_read(text, context, rule):
    assert any(f.rule == rule and f.severity == "error" for f in lint(text, context)), text


@pytest.mark.parametrize(
    "text",
    [
        "Thank you for offering to change your review if we gave you a discount, but Amazon's rules don't allow "
        "sellers to offer anything in exchange for feedback. Your replacement ships today.",
        "Vous proposez de supprimer votre commentaire si nous vous remboursons les frais de port. Merci, mais nous ne "
        "pouvons rien lier à une évaluation. Les frais de port vous ont été remboursés ce matin.",
        "Sie hatten geschrieben, dass Sie die Bewertung löschen, wenn wir Ihnen Geld zurückgeben. So etwas können wir "
        "nicht vereinbaren. Sie können den Mantel regulär zurückschicken.",
        "Vous nous demandez comment modifier l'évaluation que vous aviez laissée, maintenant que le problème est "
        "réglé. Vous pouvez le faire depuis Vos commandes.",
        "You asked us to delete the feedback you left by mistake. Sellers can't remove buyer feedback, but you can "
        "remove it yourself within 60 days from Your Orders.",
    ],
)
def test_a_buyers_proposal_refused_or_question_answered_is_not_blocked(text):
    assert not any(f.severity == "error" for f in lint(text, RESOLVED)), text


@pytest.mark.parametrize(
    "text",
    [
        "Hello again. I'll try to explain this more slowly: the lid twists to the left to open.",
        "We do appreciate that not everyone is comfortable with technology, so here is a picture with big arrows.",
        "Buongiorno. Il libretto lo spiegava, ma certo, leggere quattro pagine sarebbe stato troppo faticoso, immagino.",
    ],
)
def test_a_put_down_phrase_aims_at_the_buyer_whoever_speaks(text):
    found = [f for f in lint(text, OPEN) if f.rule == "unprofessional-tone"]
    assert any(f.severity == "error" for f in found), found


def test_a_curse_word_said_of_ourselves_still_only_warns():
    found = [
        f for f in lint("Sorry, we were idiots and sent the wrong size.", RESOLVED) if f.rule == "unprofessional-tone"
    ]
    assert found and all(f.severity == "warning" for f in found)


@pytest.mark.parametrize(
    "text",
    [
        "取扱説明書は弊社サイト「ゆめかでん ドット コム」からダウンロードいただけます。",
        "Our packing team was genuinely upset to read your comments about the parcel.",
        "Just so you know, we won't be able to accept further orders from your account going forward.",
    ],
)
def test_written_out_domains_harm_and_shutting_out_block(text):
    assert any(f.severity == "error" for f in lint(text, OPEN)), text


@pytest.mark.parametrize(
    "text",
    [
        "We've added a note to your account so your future orders get checked for expiry dates before dispatch.",
        "社内で本件を改めてレビューした結果、初期不良と判断いたしましたので、全額返金させていただきます。",
        "The return has been booked for collection on Tuesday; there's no charge for that. If you are satisfied that "
        "we have resolved your concerns, it is possible to update or remove the feedback you originally provided here.",
        "Please reply with a photo of the rating plate on the side and we'll arrange a repair under warranty.",
    ],
)
def test_service_words_that_look_like_feedback_talk_are_not_blocked(text):
    assert not any(f.severity == "error" for f in lint(text, RESOLVED)), text


@pytest.mark.parametrize(
    "text",
    [
        "Amazon hat uns mitgeteilt, dass Ihre Verkäuferbewertung gegen die Richtlinien verstößt. Bitte entfernen Sie "
        "diese innerhalb von 48 Stunden.",
        "Hello again, as we have now explained three times, the charger goes in the port marked INPUT. We'll try to "
        "put it more slowly this time.",
        "Hola, le informamos de que los clientes con valoraciones positivas tienen prioridad en nuestro servicio "
        "técnico. Su solicitud de reparación queda en cola.",
    ],
)
def test_a_demand_through_a_pronoun_condescension_and_priority_for_good_ratings_block(text):
    assert any(f.severity == "error" for f in lint(text, OPEN)), text


@pytest.mark.parametrize(
    "text",
    [
        "Would it be too much to ask for a photo of the label? Then we can send the replacement.",
        "Thank you for confirming the new case fits. If you feel we have solved your problem, it is possible to update "
        "or remove the feedback you originally provided.",
        "Hola, sí: la almohada es el mismo modelo que usan varias cadenas de hoteles de cinco estrellas.",
        "The caller who asked you to delete your rating in exchange for cashback was not from our company. We never "
        "offer anything for feedback.",
    ],
)
def test_polite_requests_approved_notices_and_impostors_reported_are_not_blocked(text):
    assert not any(f.severity == "error" for f in lint(text, RESOLVED)), text


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Vous écrivez : « produit arrivé cassé, vendeur nul, plus jamais ». Nous vous proposons un échange.", "nul"),
        ('You wrote "box arrived crushed, packing was lazy". That\'s a fair point: we now use double boxes.', "lazy"),
        ("返金しました。ほんとにご迷惑おかけしました。", "迷惑"),
    ],
)
def test_the_buyers_words_quoted_back_and_an_apology_for_the_trouble_are_no_insult(text, word):
    assert not [f for f in lint(text, RESOLVED) if f.rule == "unprofessional-tone" and word in f.match], text


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Vous écrivez : « produit arrivé cassé, vendeur nul, plus jamais ». Nous vous proposons un échange.", "nul"),
        ('You wrote "worst seller ever, total idiots". We are sorry the parcel was late.', "idiots"),
    ],
)
def test_the_learned_judges_do_not_weigh_the_buyers_words_quoted_back(text, word):
    from fbdesk.domain.policy.engine import learned_features

    weighed = learned_features(text, RESOLVED)
    assert "w:" + word not in weighed
    assert any(f.startswith("w:") for f in weighed)  # the seller's own words are still read


def test_a_single_scare_quoted_insult_is_still_one():
    assert any(f.rule == "unprofessional-tone" and f.severity == "error" for f in lint('You are a real "genius".'))


@pytest.mark.parametrize(
    "text",
    [
        "You asked if leaving negative feedback would affect your return. It won't: your return and refund are handled "
        "exactly the same whatever feedback you choose to leave.",
        "Yes, a few of the reviews on the listing mention the zip being stiff at first; it loosens up after a week.",
        "Since you asked: feedback can be removed by the buyer within 60 days. There's certainly no need to on our "
        "account; we're glad the replacement router works.",
        "Looking at your photo, the colour is darker than our listing image. You can return it free.\nThanks,\nKaren",
    ],
)
def test_answers_about_feedback_product_reviews_and_a_signature_are_not_blocked(text):
    assert not any(f.severity == "error" for f in lint(text, RESOLVED)), text


@pytest.mark.parametrize(
    "text",
    [
        "Thank you for confirming the new phone case fits well. If you feel we have solved your problem, you can update "
        "or remove your feedback if you wish.",
        "Contente de savoir que la nouvelle housse fait parfaitement! Si t'es satisfaite de la façon dont on a réglé ça, "
        "sache que c'est possible de mettre à jour ou d'enlever le commentaire que t'avais laissé au départ.",
        "返金処理が完了致しました。もし弊社の対応にご満足頂けましたら、以前投稿されましたフィードバックを更新、"
        "または削除する事が可能で御座います。",
        "We are happy to know the replacement reached you safely. If you feel we solved your problem, it is possible "
        "for you to edit or remove the feedback you wrote before. This is only your decision.",
        "Should you consider that the matter has been resolved to your satisfaction, the feedback submitted in respect "
        "of this order may be revised or withdrawn by you via Your Orders. There is no requirement to do so.",
        "Wenn für dich jetzt alles passt: Du kannst dein Feedback bei Amazon auch nachträglich bearbeiten oder löschen. "
        "Falls nicht, ist das auch völlig okay.",
        "Die Montagegebühr von 25,00 € wurde Ihnen erstattet. Sofern Sie der Auffassung sind, dass Ihr Anliegen "
        "zufriedenstellend erledigt wurde, steht es Ihnen frei, die Bewertung zu aktualisieren oder zu entfernen.",
        "Hemos emitido hoy el reembolso íntegro (89,90 €). Si considera que hemos resuelto su incidencia, Amazon le "
        "permite modificar o eliminar la valoración que dejó en su momento. Es una opción suya.",
        "Now that everything is sorted, just so you know: you can revise or delete your earlier feedback if you think "
        "that's appropriate.",
        "Da der Ersatz angekommen ist: Sollten Sie mit unserer Lösung zufrieden sein, lässt sich Ihre damalige "
        "Bewertung bei Amazon auch anpassen oder zurückziehen.",
    ],
)
def test_the_approved_notice_in_other_words_is_allowed_once_resolved(text):
    assert not any(f.severity == "error" for f in lint(text, RESOLVED)), text
    assert any(f.rule == "removal-notice-before-resolved" for f in lint(text, OPEN)), text


# --- 2026-12-02 (later): training sets en-train-s, de/fr/ja-train-o/m, es-train-p, it-train-o ----------------------


@pytest.mark.parametrize(
    "text",
    [
        "That message, which offered you $20 via PayPal to delete your review, did not come from us. We never contact "
        "buyers outside Amazon.",
        "Uns wurde gemeldet, dass Unbekannte Käufern Geld oder Gutscheine anbieten, wenn sie ihre Bewertung ändern. Das "
        "sind nicht wir.",
        "Non, ce message que tu as reçu te proposant 20 € pour changer ton avis ne vient pas de nous.",
        "El mensaje que menciona, en el que supuestamente le ofrecían 20 € por retirar su valoración, no procede de "
        "nuestra tienda. Nosotros nunca ofrecemos dinero ni regalos a cambio de valoraciones.",
    ],
)
def test_an_impostors_offer_denied_as_not_from_the_seller_is_not_blocked(text):
    assert not any(f.severity == "error" for f in lint(text, OPEN)), text


def test_a_denial_that_makes_its_own_bargain_is_still_blocked():
    text = "That voucher email was not from us, but we'll send you a real voucher if you delete your review."
    assert any(f.rule == "incentive-for-feedback" and f.severity == "error" for f in lint(text, OPEN))


@pytest.mark.parametrize(
    "text",
    [
        "Vous nous demandiez : « Est-ce que vous allez supprimer mon avis si je renvoie le produit ? » Non : nous "
        "n'avons aucun moyen de modifier ou de supprimer les avis des clients.",
        "「返金しないなら評価を下げる」とのご連絡を拝見いたしました。返金につきましては、評価とは関係なく対応いたします。",
        "最近、当店の名前を騙り、「評価を削除すれば全額返金する」「外部サイトで手続きしてほしい」といった内容のメッセージが届いているとの"
        "報告を受けております。お受け取りになったメッセージは当店からのものではございません。",
    ],
)
def test_the_buyers_or_anothers_words_quoted_ask_and_offer_nothing(text):
    assert not any(f.severity == "error" for f in lint(text, OPEN)), text


def test_an_answer_that_bargains_outside_the_quote_is_still_blocked():
    text = 'You asked: "will you refund me if I remove my review?" Yes, we will refund you as soon as it is gone.'
    assert any(f.rule == "incentive-for-feedback" and f.severity == "error" for f in lint(text, OPEN))


@pytest.mark.parametrize(
    "text",
    [
        "評価を削除することはできません。",
        "出品者側では、お客様が投稿された評価やレビューを削除・編集することはできない仕組みになっております。",
        "当店から評価の変更をお願いすることは決してございません。",
        "We have no access to product reviews and can't publish, edit or remove them.",
        "To be clear: nothing about your refund depends on what you wrote.",
        # a condition after the denied verb makes no threat of it
        "That review was written by another customer, so we're not able to edit or remove it - only Amazon can do "
        "that if it breaks their guidelines.",
    ],
)
def test_a_negation_after_a_japanese_verb_or_before_a_list_of_verbs_denies(text):
    assert not any(f.severity == "error" for f in lint(text, OPEN)), text


@pytest.mark.parametrize(
    "text",
    [
        "評価を削除しないと返金できません。",
        "評価を削除しなければ返金しません。",
        "評価を削除していただけませんか。",
        "Our business depends on your feedback, please remove it.",
        "We won't refund you unless you remove the review.",
    ],
)
def test_a_negated_condition_or_a_polite_negative_question_still_asks(text):
    assert any(f.severity == "error" for f in lint(text, OPEN)), text


@pytest.mark.parametrize(
    "text",
    [
        "Le confermiamo che il pacco è stato consegnato al punto di ritiro Amazon Locker di via Roma il 14 novembre.",
        "Para la garantía necesitamos el número de serie de la pegatina; tiene un formato parecido a 2024 0315 8871 42.",
        "Le numéro de garantie reste le même (GAR-2025-08841).",
        "El código E-21 en la pantalla del deshumidificador DH-1200 indica que el depósito está lleno.",
        "Su tutti i nostri prodotti vale la garanzia legale di conformità di 24 mesi dalla consegna.",
        "Le code promo que vous aviez saisi (l'offre Amazon du Prime Day) a bien été pris en compte.",
        "The barcode on the box is 0 71234 56789 0.",
        "EAN 8 433 123 456 789 steht auf dem Karton.",
        "Código de barras: 8 433 123 456 789.",
        "Le mandamos la pieza (ref. 552-234-118) y un vídeo corto de cómo cambiarla.",
        "Nuevo envío con MRW: 04600193727. Cuando le llegue, puede devolver la defectuosa.",
        "Je vous confirme que le voucher de 5 € est une promotion Amazon appliquée automatiquement au paiement.",
        "El código de la caja es de la promoción del fabricante para su web, no podemos aplicarlo en Amazon.",
    ],
)
def test_dates_serial_numbers_codes_and_explained_promotions_are_no_contact_or_marketing(text):
    assert not any(f.severity == "error" for f in lint(text, OPEN)), text


@pytest.mark.parametrize(
    "text", ["Ci trovi in Via dei Mille 10.", "Mi trovi in via Giuseppe Verdi 3.", "Llámenos al 912 345 678."]
)
def test_streets_and_phone_numbers_are_still_contact_details(text):
    assert any(f.rule == "contact-details" and f.severity == "error" for f in lint(text, OPEN)), text


@pytest.mark.parametrize(
    "text",
    [
        "Abbiamo notato il suo commento. Siamo certi che sia stato un malinteso e che vorrà correggerlo entro venerdì.",
        "Le riconosceremo un rimborso di 20 euro, a patto che la sua valutazione venga riportata a un livello più alto.",
        "Ci farebbe un favore se desse un'occhiata a come ha descritto la sua esperienza sul nostro profilo venditore.",
        "Nous vous recontacterons chaque semaine tant que votre évaluation d'une étoile n'aura pas été revue.",
        "La suppression de votre avis négatif est possible à tout moment ; sans cela, nous ne pourrons malheureusement "
        "pas honorer la garantie.",
        "si tu es content de la suite tu sais ce qu'il te reste a faire pour les étoiles ;)",
        "Nous vous laissons imaginer ce que cela représenterait si vous preniez deux minutes pour rendre votre note un "
        "peu plus juste.",
        "A review like the one you left can honestly sink a tiny business like ours.",
        "Nous avons fait tout ce qui était en notre pouvoir. Nous attendons maintenant un geste de votre part concernant "
        "votre évaluation.",
        "Le ricordiamo che i clienti che lasciano valutazioni negative non potranno più usufruire della nostra "
        "assistenza prioritaria.",
        "Refund is done as you asked 👍 Now it's your turn to be kind with us, you know what we mean 😉",
        "Also, I couldn't help noticing your review. I'm sure you'll do the right thing once you see how we've looked "
        "after you.",
        "We value every customer, and honestly, it is a little disappointing to see a two-star rating for something "
        "that was the courier's fault.",
    ],
)
def test_asks_threats_and_harm_said_without_the_usual_words_block(text):
    assert any(f.severity == "error" for f in lint(text, OPEN)), text


@pytest.mark.parametrize(
    "text",
    [
        "当店では評価に関するご対応が確認できるまで、返品の承認を保留とさせていただいております。",
        "Nous traiterons votre demande dès que la situation concernant votre évaluation aura été clarifiée.",
    ],
)
def test_a_return_or_claim_held_until_the_feedback_changes_is_pressure_in_either_word_order(text):
    assert any(f.rule == "feedback-pressure" and f.severity == "error" for f in lint(text, OPEN)), text


@pytest.mark.parametrize(
    "text",
    [
        "返金の反映、確認できたようでよかったです。\nもし今回の対応で解決したと感じていただけたなら、前に書いてもらった評価は更新したり削除したりも"
        "できるので、一応お伝えしておきますね。ご判断はおまかせします。",
        "Salve, ci scrive che qualcuno Le ha promesso un coupon in cambio di cinque stelle. Non è una nostra pratica e "
        "non lo abbiamo fatto noi: non offriamo nulla per le valutazioni.",
    ],
)
def test_a_casual_approved_notice_and_a_refused_claim_are_not_blocked(text):
    assert not any(f.severity == "error" for f in lint(text, RESOLVED)), text


@pytest.mark.parametrize(
    "text, rule",
    [
        ("You can reach me directly at j.moreno＠strollerhaus·de if you need anything.", "contact-details"),  # noqa: RUF001
        ("Per il Suo prossimo ordine può usare il codice GRAZIE15 al momento del pagamento.", "marketing"),
        ("Si te gustan, nos harías un favorazo dejándonos cinco estrellitas.", "solicit-positive-feedback"),
    ],
)
def test_a_look_alike_dot_a_coupon_for_the_next_order_and_a_favour_asked_in_stars_are_found(text, rule):
    assert any(f.rule == rule and f.severity == "error" for f in lint(text, RESOLVED)), text


@pytest.mark.parametrize(
    "text",
    [
        "The refund for the first unit went through on Monday, so you should see it shortly.\n\nIf you are satisfied "
        "that we have resolved your concerns, it is possible to update or remove the feedback you originally provided "
        "here.",
        "Besten Dank für Ihre Geduld. Die Rückerstattung von CHF 59.– wurde heute ausgelöst. Falls Sie mit unserer "
        "Lösung zufrieden sind, besteht die Möglichkeit, Ihre ursprüngliche Bewertung hier anzupassen oder zu entfernen.",
        "Además le reembolsamos el valor del envío por la demora.\n\nSi considera que hemos resuelto su inconveniente, "
        "es posible actualizar o eliminar la calificación que dejó originalmente en este pedido.",
    ],
)
def test_a_remedy_told_beside_the_approved_notice_alone_is_no_incentive(text):
    assert not any(f.severity == "error" for f in lint(text, RESOLVED)), text


def test_a_bonus_beside_the_approved_notice_is_still_an_incentive():
    text = (
        "We have added a £10 voucher to your account as a thank-you.\n\nIf you are satisfied that we have resolved "
        "your concerns, it is possible to update or remove the feedback you originally provided here."
    )
    assert any(f.rule == "incentive-for-feedback" and f.severity == "error" for f in lint(text, RESOLVED))


@pytest.mark.parametrize(
    "text",
    [
        "The 5-star energy rating on the fridge label is the government energy rating here in Australia.",
        "新しい茶碗は、職人が本日窯から出したばかりのものを検品のうえ、明日発送いたします。",
        "Si tu trouves qu'on a réglé ton problème comme il faut, sache que tu peux mettre à jour ou retirer le "
        "commentaire que tu avais laissé au départ.",
        "Queremos aclararle que en ningún momento le hemos pedido que cambie su opinión sobre nosotros, ni lo haremos.",
    ],
)
def test_energy_stars_a_word_inside_another_and_denials_are_not_blocked(text):
    assert not any(f.severity == "error" for f in lint(text, RESOLVED)), text


@pytest.mark.parametrize(
    "text",
    [
        "Message us on WhatsApp for faster help.",
        "Per qualsiasi dubbio può scriverci anche su WhatsApp allo stesso numero che trova sulla fattura.",
        "お急ぎの場合は、直接お電話いただいた方が早く解決できるかと存じます。\n０９０ー１２３４ー５６７８（担当：佐藤）",  # noqa: RUF001
    ],
)
def test_a_messenger_named_as_the_channel_and_a_phone_dashed_with_the_long_vowel_mark_are_contact_details(text):
    assert any(f.rule == "contact-details" and f.severity == "error" for f in lint(text, OPEN)), text


def test_a_messenger_named_in_a_denial_is_no_contact_detail():
    assert not any(f.rule == "contact-details" for f in lint("We never contact buyers on WhatsApp.", OPEN))


@pytest.mark.parametrize(
    "text",
    [
        "I'm sure opening the box and reading the one-page quick start guide would have been far too much to ask.",
        "Entendemos que leer tres sitios distintos es mucho pedir, pero quizá la próxima vez merezca la pena intentarlo.",
        "Le rispiego per la terza volta, con parole semplici, come si collega il router. Magari stavolta riesce a "
        "seguirmi.",
        "Wir erklären es Ihnen gern ein drittes Mal, vielleicht klappt es diesmal.",
    ],
)
def test_condescension_without_an_insult_word_is_unprofessional(text):
    assert any(f.rule == "unprofessional-tone" and f.severity == "error" for f in lint(text, OPEN)), text


@pytest.mark.parametrize(
    "text",
    [
        "Nur zur Info: Kunden, die uns fair bewerten, behandeln wir bei späteren Garantiefällen natürlich bevorzugt.",
        "Pour information, les clients qui nous laissent un retour positif sont traités en priorité par notre SAV.",
        "Just so you know, customers who leave us positive feedback get priority on future warranty claims.",
    ],
)
def test_priority_promised_to_the_customers_who_rate_well_is_pressure(text):
    assert any(f.rule == "feedback-pressure" and f.severity == "error" for f in lint(text, RESOLVED)), text


@pytest.mark.parametrize(
    "text",
    [
        "We do not give priority to customers who leave positive feedback: every claim is handled in order.",
        "Your warranty claim is handled in order of arrival; customers who leave positive feedback get no priority "
        "over anyone else.",
    ],
)
def test_priority_denied_to_the_customers_who_rate_well_is_not_pressure(text):
    assert not any(f.severity == "error" for f in lint(text, RESOLVED)), text


@pytest.mark.parametrize(
    "text",
    [
        "> Do you want me to remove my 1-star now?\n\nThat's entirely up to you, we don't ask for that. If you are "
        "satisfied that we have resolved your concerns, it is possible to update or remove the feedback you originally "
        "provided here.",
        "> Your colleague said I'd get a voucher if I deleted my review.\n\nI'm sorry, but that is not something we offer "
        "or ask for. The refund for the damaged lamp was issued yesterday regardless.",
        "Ce gel douche ne contient ni parabènes ni huiles essentielles.",
        "Hola Fede! Qué bueno que ya te anda bien la tablet nueva. Si quedaste conforme con cómo resolvimos el problema, "
        "podés actualizar o eliminar el comentario que dejaste originalmente.",
        "Hola Rodrigo, ya quedó: te hicimos el reintegro total. Si sentís que resolvimos lo que te pasó, podés "
        "actualizar o quitar la calificación que dejaste.",
        "Sie schreiben, Sie würden Ihre Bewertung gerne löschen, wenn wir Ihnen zusätzlich einen Gutschein schicken. Das "
        "ist uns leider nicht erlaubt. Die Erstattung für das defekte Bügeleisen haben Sie ja bereits erhalten.",
        # the quote on its own line, after the line that says whose it is
        "Vous nous avez écrit :\n« Je retire mon avis 1 étoile si vous me remboursez la moitié. »\n\nNous ne pouvons "
        "pas lier un remboursement à une évaluation.",
        'Usted me escribe "si no me mandan otra ya mismo, les dejo la peor valoración que hayan visto". Entiendo su '
        "enojo. La nueva unidad sale esta tarde.",
    ],
)
def test_quoted_reply_lines_a_shower_gel_voseo_and_a_refused_offer_are_not_blocked(text):
    assert not any(f.severity == "error" for f in lint(text, RESOLVED)), text


@pytest.mark.parametrize(
    "text",
    [
        "Buongiorno, ci chiede perché il suo commento non compare più: non l'abbiamo rimosso noi, i venditori non "
        "possono farlo. Amazon elimina automaticamente alcuni feedback, per esempio quelli che parlano solo della "
        "consegna.",
        "Ciao Sara, mi chiedi come si modifica il feedback: vai su I miei ordini, cerca l'ordine e da lì puoi "
        "modificarlo o rimuoverlo. Grazie a te per la pazienza con la sostituzione!",
        "We didn't remove it and we can't - Amazon sometimes takes down seller feedback when it's only about the "
        "product.",
        "Dank Ihrer Bewertung haben wir die Beschreibung inzwischen korrigiert.",
    ],
)
def test_what_amazon_removes_and_the_answer_to_the_buyers_own_question_ask_nothing(text):
    assert not any(f.severity == "error" for f in lint(text, OPEN)), text


@pytest.mark.parametrize(
    "text",
    [
        "Le informamos de que el servicio técnico tramita las reparaciones una vez que la valoración del pedido refleje "
        "fielmente cómo se le ha atendido.",
        "L'estensione di garanzia a tre anni è una cortesia che riserviamo ai clienti con cui abbiamo un buon rapporto, "
        "e siamo certi che il suo commento sul nostro negozio saprà rispecchiarlo.",
        "お手すきの際に、以前お書きいただいた内容を一度振り返っていただけますと幸いです。",
    ],
)
def test_repairs_held_for_the_rating_a_courtesy_reserved_and_a_look_back_asked_are_blocked(text):
    assert any(f.severity == "error" for f in lint(text, OPEN)), text


def test_asking_the_buyer_to_have_amazon_remove_the_feedback_is_still_an_ask():
    assert any(f.severity == "error" for f in lint("Ask Amazon to remove the feedback please.", OPEN))


def _removable_grounds(comment: str) -> list[str]:
    """The grounds on which Amazon would remove a feedback comment, as the triage finds them."""
    return [f.ground for f in lint(comment, LintContext(kind="feedback")) if f.rule == "amazon-removable"]


def _rules_found(text: str, context: LintContext) -> set[str]:
    """The rules that block a text, the learned judges left aside (what the rules alone read): a judge's finding
    names the words that weigh most."""
    return {f.rule for f in lint(text, context) if f.severity == "error" and "weigh most" not in f.message}


def test_a_japanese_change_named_by_its_noun_is_a_change_of_the_feedback():
    # 評価の見直し, "the rating's revision", asked beside the refund: the refund is its price
    asked = "本日、返金処理を完了いたしました。なお、今回の返金に合わせまして、ご評価の見直しもお願いできれば幸いです。"
    assert "incentive-for-feedback" in _rules_found(asked, RESOLVED)
    # the same noun in a denial of any exchange asks nothing
    denied = "評価の変更に対して何かをお渡しすることはございませんし、変更をお願いすることもございません。"
    assert _rules_found(denied, OPEN) == set()


def test_a_japanese_notice_about_the_feedback_made_the_topic_counts_as_a_notice():
    told = "なお、評価につきましては、いつでもお客様ご自身で更新や削除ができますので、お含みおきください。"
    assert "removal-notice-before-resolved" in _rules_found(told, OPEN)
    # the feedback as topic of what the seller will improve is no notice
    assert (
        _rules_found("いただいた厳しいご評価は、スタッフ全員で共有し、今後の改善に役立ててまいります。", OPEN) == set()
    )


def test_a_japanese_notice_after_the_buyer_is_convinced_is_the_approved_one():
    notice = "もし今回の対応にご納得いただけましたら、前にいただいた評価は更新や削除もできるようになっています。"
    assert lint(notice, RESOLVED) == []


@pytest.mark.parametrize(
    "text",
    [
        "We have done our part with the refund, now we count on you to do yours regarding the feedback.",
        "Nous avons fait notre part ; nous comptons maintenant sur vous pour faire la vôtre concernant l'évaluation.",
    ],
)
def test_a_debt_claimed_in_a_sentence_about_the_feedback_is_pressure(text):
    assert "feedback-pressure" in _rules_found(text, RESOLVED)


def test_a_buyers_offer_quoted_back_is_not_the_sellers_ask():
    text = (
        "＞評価を星5に変えるので、次回割引してもらえませんか？\n\n"  # noqa: RUF001 (a Japanese reply's marks)
        "お申し出ありがとうございます。当店では評価と引き換えに割引や特典をご提供することはできかねます。"
    )
    assert "solicit-positive-feedback" not in _rules_found(text, OPEN)


def test_up_to_you_in_the_approved_notice_asks_for_no_better_rating():
    text = (
        "Should you feel we've now put things right, you're welcome to update or remove the feedback you left "
        "earlier - entirely up to you."
    )
    assert lint(text, RESOLVED) == []


@pytest.mark.parametrize(
    "text",
    [
        "With respect, most customers manage to assemble a hose reel without needing five e-mails and a diagram.",
        "The listing says S23 and you own an S23 Ultra. I'm sure you can work out the rest on your own.",
        "Scusi la domanda, ma ha mai usato un tosaerba in vita Sua?",
        "は？返金もしたのにまだ文句あんの？マジでめんどくせえ客だな。",  # noqa: RUF001
    ],
)
def test_condescension_without_an_insult_word_is_contempt(text):
    assert "unprofessional-tone" in _rules_found(text, OPEN)


def test_a_gift_hoped_to_be_reflected_in_the_rating_is_a_soft_ask():
    text = (
        "We sent you an extra set of sanding pads and would have been glad to see that reflected in the rating you "
        "gave us."
    )
    assert "solicit-positive-feedback" in _rules_found(text, OPEN)
    assert lint("Your feedback is reflected in the new listing photos.", OPEN) == []


@pytest.mark.parametrize(
    "text",
    [
        "If you feel we have solved your problem, you can update or remove the feedback you left. To everyone who "
        "does, we gladly send a repair kit and a foot pump as a thank-you.",
        "Se ritiene che abbiamo risolto il Suo problema, può aggiornare o rimuovere il feedback che ha lasciato. A chi "
        "lo fa inviamo volentieri, come ringraziamento, un kit di riparazione.",
    ],
)
def test_a_thing_sent_to_those_who_change_their_feedback_is_an_incentive_whatever_it_is(text):
    assert "incentive-for-feedback" in _rules_found(text, RESOLVED)


def test_thanks_for_a_change_offers_nothing():
    text = (
        "If you feel we have solved your problem, you can update or remove the feedback you left. Thank you for doing "
        "so, and for your patience."
    )
    assert lint(text, RESOLVED) == []


def test_a_japanese_feedback_marked_as_the_object_of_a_change_before_it():
    offered = (
        "評価を新しいものに書き換えていただいたお客様には、感謝の気持ちとして交換フィルターを無料でお送りしております。"
    )
    assert "incentive-for-feedback" in _rules_found(offered, RESOLVED)
    # the seller's own change after reading the feedback changes nothing of it
    assert _rules_found("ご評価を拝見し、商品ページの説明を修正いたしました。", OPEN) == set()


def test_the_buyers_words_quoted_in_single_quotes_are_theirs():
    text = (
        "You asked: 'If you send me the black one instead of the blue I'll happily give 5 stars.'\n\n"
        "Thanks Ethan, but there's no need for anything in return - we sent the wrong colour and that's our mistake."
    )
    assert _rules_found(text, OPEN) == set()


@pytest.mark.parametrize(
    "text, blocked",
    [
        ("Se pensi che abbiamo sistemato tutto come si deve, puoi aggiornare o togliere il feedback.", False),
        (
            "Wenn Sie uns mit einer freundlicheren Sternebewertung überraschen, packen wir ein Panzerglas kostenlos dazu.",
            True,
        ),
        ("Le confessiamo che ogni stellina in meno per noi significa meno visibilità e meno ordini.", True),
        ("お客様からいただいた評価のことで上司からかなり厳しく言われてしまいました。", True),
    ],
)
def test_idioms_comparatives_and_harm_in_other_languages(text, blocked):
    assert bool(_rules_found(text, RESOLVED)) is blocked, text


@pytest.mark.parametrize(
    "text, context, rule",
    [
        (
            "Le hemos reembolsado 8 €. Cuando le llegue el dinero le agradecería que volviera a mirar lo que escribió "
            "sobre nosotros; creo que ya no refleja cómo ha terminado todo.",
            OPEN,
            "incentive-for-feedback",
        ),
        (
            "Te hemos preparado una sorpresa para compensarte. Te la mandamos en cuanto nos cuentes en Amazon cómo ha "
            "terminado la historia.",
            OPEN,
            "incentive-for-feedback",
        ),
        (
            "Detrás de esa estrella hay una persona que lleva dos días disgustada desde que leyó su comentario.",
            OPEN,
            "feedback-pressure",
        ),
        (
            "Perdone que le insistamos, pero veo que el comentario sigue igual.",
            LintContext(resolved=True, prior_removal_notices=1),
            "feedback-pressure",
        ),
        (
            "先日頂戴いたしました評価につきましても、お手すきの際に一度評価ページをご確認いただけますと幸いです。",
            OPEN,
            "removal-notice-before-resolved",
        ),
        (
            "Wenn Sie finden, dass wir Ihr Anliegen zufriedenstellend gelöst haben, ist es möglich, Ihre ursprüngliche "
            "Bewertung zu aktualisieren oder zu entfernen. Als kleines Zeichen unseres Dankes legen wir Ihrer nächsten "
            "Bestellung gern ein Ersatzarmband bei.",
            RESOLVED,
            "incentive-for-feedback",
        ),
        (
            "Non vorremmo che il Suo commento influisse sulla possibilità di seguirLa in futuro con la stessa "
            "attenzione.",
            OPEN,
            "feedback-pressure",
        ),
    ],
)
def test_veiled_asks_gifts_guilt_and_chasing_in_other_languages(text, context, rule):
    assert rule in _rules_found(text, context), text


@pytest.mark.parametrize(
    "text",
    [
        "Wir haben nie Kunden darum gebeten, ihre Bewertung zu ändern, und werden das auch jetzt nicht tun.",
        "Come da Sua domanda: per aggiornare o eliminare un feedback venditore deve andare su I miei ordini; solo Lei "
        "può farlo, noi non abbiamo accesso.",
    ],
)
def test_a_denied_ask_and_the_answer_to_the_buyers_question_ask_nothing(text):
    assert _rules_found(text, RESOLVED) == set(), text


def test_a_finding_in_japanese_text_with_full_width_brackets_points_at_its_words_not_the_rest_of_the_sentence():
    text = "評価を新しいものに書き換えていただいたお客様には、交換フィルター（1,200円相当）を無料でお送りしております。"  # noqa: RUF001 (the full-width brackets are the point)
    found = [f.match for f in lint(text, RESOLVED) if f.rule == "incentive-for-feedback"]
    assert found == ["1,200円", "無料"]


@pytest.mark.parametrize(
    "text, context",
    [
        (
            "Sie hatten gefragt, ob Sie Ihre Bewertung jetzt noch ändern können. Ja, das geht: Wenn Sie mit der Lösung "
            "zufrieden sind, können Sie Ihre ursprüngliche Bewertung aktualisieren oder entfernen.",
            RESOLVED,
        ),
        (
            "Mi chiedi se puoi ancora cambiare la valutazione. Sì: dalla sezione I tuoi ordini trovi l'opzione per "
            "modificare o rimuovere il feedback.",
            RESOLVED,
        ),
        (
            "Vous nous demandez si laisser une note basse peut avoir des conséquences pour vous : absolument aucune.",
            OPEN,
        ),
        (
            "Your 1-star feedback is fair, and it will stay exactly as you wrote it - we won't ask you to change it.",
            OPEN,
        ),
        (
            "The code printed on the bottom of the box (LT-2291-B) isn't a discount code, it's the batch number. "
            "There's nothing to redeem, sorry if it looked like a promo code.",
            OPEN,
        ),
        ("Ingredients: Ricinus Communis Seed Oil, Cera Alba, Candelilla Cera, CI 75470, CI 77491", OPEN),
        (
            "The full refund of £14.99 has been processed today. We have also shared your feedback with our quality "
            "team so that they can check the remaining stock of this batch.",
            RESOLVED,
        ),
        ("We are very happy to hear that your refund has been credited and that everything is in order now.", RESOLVED),
        ("Je suis vraiment désolé pour la théière fêlée, ça me rend malade quand ça arrive.", OPEN),
        (
            "Pidió el juego de cuchillos para un regalo de cumpleaños y llegó tarde. El reembolso se emitió el día 4; "
            "puede quedarse la funda de regalo. Si considera que hemos resuelto su incidencia, es posible actualizar o "
            "eliminar la valoración que dejó.",
            RESOLVED,
        ),
    ],
)
def test_honest_talk_about_the_feedback_codes_and_ingredients_is_not_blocked(text, context):
    assert _rules_found(text, context) == set(), text


@pytest.mark.parametrize(
    "text",
    [
        "Darf ich Sie fragen, ob Sie sich vorstellen könnten, Ihre zwei Sterne noch einmal zu überdenken?",
        "P.S. Amazon says you can delete feedback in one click, so there's really no reason not to, right?",
        "P.S. We're a family of four running this shop from our garage - one negative review like yours can sink our "
        "whole month.",
        "P.P.S. Se il suo commento sul venditore resta negativo, sarà difficile per noi gestire velocemente eventuali "
        "altre richieste in futuro.",
    ],
)
def test_an_ask_or_pressure_in_a_ps_line_blocks(text):
    assert _rules_found(text, RESOLVED), text


def test_a_us_address_still_needs_a_state():
    assert "contact-details" in _rules_found("Please send it to 40 Elm Road, Dayton, OH 45402.", OPEN)


# --- 2026-12-03: blind rounds en-31/33 and *-28/30, training sets of that day ------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "平日10時〜17時、フリーダイヤル 0120-38-5172 までお気軽にお電話くださいませ。",
        "よろしければ 〇六(四四三二)八七五一 までお電話ください。",
        "お電話は 06(4432)8751 まで。",
        "Photos are easiest by email – kettlekraft at gmail – as this inbox compresses them.",
        "If it's easier, ping us on Facebook Messenger – just search PawPrime Pets and we'll reply within minutes.",
    ],
)
def test_contact_details_in_a_local_or_disguised_form_block(text):
    assert "contact-details" in _rules_found(text, OPEN), text


@pytest.mark.parametrize(
    "text",
    [
        "Lieferung am 14.11.2024 erfolgt, Ihre Rückerstattung am 2024-11-16.",
        "You can email us here; have a look at gmail if it went to spam.",
        "Someone contacted you on Facebook Messenger claiming to be us; that was not us.",
        "二〇二四年十一月三日に発送いたしました。",
    ],
)
def test_dates_and_mail_talk_are_no_contact_details(text):
    assert "contact-details" not in _rules_found(text, OPEN), text


@pytest.mark.parametrize(
    "text",
    [
        "Nous sommes une petite entreprise familiale, et votre note d'une étoile risque vraiment de nous faire couler.",
        "Somos tres personas y una opinión de una estrella como la tuya nos hunde las ventas del mes entero.",
        "Una valutazione negativa come quella che ci ha lasciato pesa tantissimo sulle nostre vendite.",
        "先日いただいた星1つの評価以降、ご注文がほとんど入らなくなってしまいました。",
    ],
)
def test_harm_blamed_on_the_feedback_is_pressure_in_every_language(text):
    assert "feedback-pressure" in _rules_found(text, RESOLVED), text


@pytest.mark.parametrize(
    "comment",
    [
        "Blades went blunt after one hedge and the plastic handle cracked. Not worth the money.",
        "La balle lumineuse a arrêté de clignoter au bout de 3 jours. Plastique bien trop fin.",
        "水の出が弱くて、フィルターもすぐ詰まる。うちの猫は全然飲んでくれなかった。",
    ],
)
def test_a_comment_only_about_the_product_is_removable_as_a_product_review(comment):
    assert [f.ground for f in lint(comment, LintContext(kind="feedback"))] == ["product-review"], comment


def test_a_comment_about_the_seller_as_well_stays_and_one_about_delivery_is_delivery():
    assert (
        lint("Arrived after 5 days, and the handle cracked; seller never answered.", LintContext(kind="feedback")) == []
    )
    found = lint("Arrived after 5 days, two days late.", LintContext(kind="feedback", fba=True))
    assert [f.ground for f in found] == ["fba-delivery"]


@pytest.mark.parametrize(
    "text",
    [
        "Do you honestly think a £6 plush toy is meant to survive a Rottweiler?",
        "What on earth did you do to it? These bowls don't just crack on their own.",
        "If you need more help than that, next time maybe buy from a shop where someone can hold your hand.",
        "Aber gut, wer liest heutzutage schon noch Produktbeschreibungen, bevor er sich beschwert?",
        "Il pelapatate è in acciaio inox, ma immagino che leggere la descrizione sia chiedere troppo, vero?",
        "失礼ながら、そもそも説明書の1ページ目すらお読みになっていないのではないでしょうか。",
        "次回以降のご注文はキャンセルさせていただきますので、あらかじめご了承ください。",
        "Wenn Sie den verdammten Akku nicht bis zum Klick reinschieben, geht der Rasenmäher halt nicht an.",
    ],
)
def test_contempt_sarcasm_and_shutting_out_block_in_every_language(text):
    assert ("unprofessional-tone", "error") in {(f.rule, f.severity) for f in lint(text, OPEN)}, text


def test_the_buyer_steered_away_from_rating_blocks_in_japanese():
    text = "万が一不具合がございましたら、評価を書かれる前にまずはこちらのメッセージからご連絡ください。"
    assert any(f.severity == "error" for f in lint(text, OPEN))
    # the steer after the noun, as Japanese puts it, found by the rules and pointed at
    text = "ご不満な点がございましたら、評価を投稿される前に、まずはこのメッセージ機能から当店へご相談ください。"
    assert "solicit-positive-feedback" in _rules_found(text, OPEN)


@pytest.mark.parametrize(
    "text, rule",
    [
        (
            "Noch ein, zwei schlechte Bewertungen und Amazon sperrt uns, dann ist für uns hier Schluss.",
            "feedback-pressure",
        ),
        ("Überraschung: ein Akku, der nie geladen wurde, ist leer. Wer hätte das gedacht.", "unprofessional-tone"),
        ("Alle Sorten finden Sie, wenn Sie uns einfach auf Facebook suchen.", "marketing"),
        ("¿De verdad ha leído las instrucciones? El anclaje viene en la página 2.", "unprofessional-tone"),
        (
            "No hace falta poner ninguna opinión ni meter a Amazon en esto, lo arreglamos entre nosotros.",
            "solicit-positive-feedback",
        ),
        (
            "Me dice que está pensando en ponerme mala nota. No hace falta llegar a eso, lo arreglamos entre usted y "
            "yo sin que tenga que poner nada en Amazon.",
            "solicit-positive-feedback",
        ),
        ("Con una valoración así no podremos atender sus próximos pedidos.", "unprofessional-tone"),
        ("Abbiamo caricato i video sul nostro profilo insta, basta cercare arredi punto nonna.", "marketing"),
        (
            "返金は本日完了いたしました。なお、今後の取引は停止させていただきますので、ご了承ください。",
            "unprofessional-tone",
        ),
    ],
)
def test_pressure_contempt_and_promotion_from_the_targeted_training_sets(text, rule):
    assert rule in _rules_found(text, OPEN), text


@pytest.mark.parametrize(
    "text",
    [
        "Unter die Wand gehört eine Fallschutzmatte, mindestens 10 cm dick.",
        "Unsere Näherin ist diese Woche krank, die Leine ist aber schon zugeschnitten.",
        "当店で動作の評価・検証を行ったうえで、メーカーへ報告いたします。",
        "Amazonで「KS-20B 替え刃」と検索していただくと出てまいります。",
        "Wir als Verkäufer können weder das eine noch das andere bearbeiten, löschen oder beeinflussen.",
        "Bearbeiten oder löschen kann die nur die Person, die sie geschrieben hat – bei Amazon unter „Ihr Konto“.",
        "Thanks for asking about a newsletter - nice of you! We can't send promotional material through Amazon.",
        "Vous nous écrivez : « mon avis n'apparaît plus, c'est vous qui l'avez supprimé ? ». Non, les vendeurs n'ont "
        "aucun accès aux avis.",
    ],
)
def test_thick_walls_a_sick_seamstress_a_product_test_and_a_search_on_amazon_are_honest(text):
    assert not any(f.severity == "error" for f in lint(text, OPEN)), text


@pytest.mark.parametrize(
    "text",
    [
        "Nous vous rappelons que vous avez la possibilité de modifier ou de retirer à tout moment l'évaluation que vous "
        "avez déposée.",
        "Si lo desea, puede modificar o retirar en cualquier momento la valoración que dejó sobre este pedido.",
        "You can update at any time the feedback you left.",
    ],
)
def test_a_notice_with_at_any_time_before_the_feedback_is_still_a_notice(text):
    assert "removal-notice-before-resolved" in _rules_found(text, OPEN), text
    assert _rules_found(text, RESOLVED) == set(), text


@pytest.mark.parametrize(
    "text",
    [
        "ご不明な場合は、カード会社へ「Amazon.co.jpからの返金」としてお問い合わせください。",
        "Fattura n. 2024/00187 del 12/01/2024 (la trova in I miei ordini).",
        "It's printed on the underside and starts with PB20-23, e.g. PB20-2311-048215.",
        "Le bon de réduction de 5 € dont vous parlez était une offre Amazon, et non une promotion de notre boutique.",
    ],
)
def test_amazons_japanese_domain_an_invoice_number_a_serial_and_amazons_coupon_pass(text):
    assert not any(f.severity == "error" for f in lint(text, OPEN)), text


def test_a_domain_followed_by_japanese_is_still_a_link():
    assert "external-link" in _rules_found("詳しくは evil-shop.jpをご覧ください。", OPEN)


@pytest.mark.parametrize(
    "text",
    [
        "Die Maße stehen in der Artikelbeschreibung. Aber gut, Lesen wird heutzutage ja offenbar überbewertet.",
        "J'ai glissé dans le colis un sachet de thé, en espérant qu'il vous aide à voir notre boutique d'un autre œil. "
        "Si vous pensez que nous avons réglé le souci, vous pouvez mettre à jour l'évaluation que vous aviez laissée.",
        "次回ご注文の際に、ささやかなお礼の品を同梱させていただきます。\n\nまた、ご満足いただけたようでしたら、"
        "以前投稿されたフィードバックを更新していただくことも可能です。",
    ],
)
def test_a_gift_beside_the_notice_and_scorn_for_reading_block(text):
    assert any(f.severity == "error" for f in lint(text, RESOLVED)), text


@pytest.mark.parametrize(
    "text, kind",
    [
        (
            "Since you're expecting your second, you might also love our new bamboo sleeping bags - they've just gone live "
            "in our shop.",
            "message",
        ),
        ('The full manual is on our own site - just google "lumacraft support" and it\'s the first result.', "message"),
        ("Strange that none of our other 4,000 customers had any trouble fitting this screen protector.", "response"),
        (
            "Para quien busque algo más resistente, tenemos la gama profesional de hierro fundido en nuestra tienda.",
            "response",
        ),
        (
            "Kulanz ist freiwillig, und wir entscheiden das auch danach, wie fair man mit uns umgeht – Ihre Bewertung war "
            "alles andere als fair.",
            "message",
        ),
    ],
)
def test_a_cross_sell_a_search_for_our_site_sarcasm_and_goodwill_weighed_against_the_rating_block(text, kind):
    assert any(f.severity == "error" for f in lint(text, LintContext(kind=kind))), text


@pytest.mark.parametrize(
    "text, context",
    [
        (
            "Il pezzo di ricambio arriva entro la settimana. A quel punto la valutazione che ci ha lasciato sarebbe un po' "
            "superata, non trova?",
            OPEN,
        ),
        ("Ottimo, il rimborso ti è arrivato! Sei ancora soddisfatto di quello che hai scritto su di noi?", RESOLVED),
        ("Du coup, tu serais toujours d'accord avec les deux étoiles que tu nous as mises ?", OPEN),
        ("Now that the replacement is with you, your review feels a little out of date, don't you think?", RESOLVED),
        ("I also wondered whether you still feel the same way about the comment you posted on the 3rd.", OPEN),
        ("Oye, una pregunta: ¿sigues pensando lo mismo que pusiste en tu valoración?", OPEN),
        ("We trust your rating will, in time, reflect all of this.", OPEN),
    ],
)
def test_feedback_said_to_be_out_of_date_is_pressure(text, context):
    assert any(f.severity == "error" for f in lint(text, context)), text


@pytest.mark.parametrize(
    "comment, ground",
    [
        ("Vendeur de merde, plus jamais !!!", "obscene"),
        (
            "Amazon Prime delivery came three days late and the driver just chucked the box over the side gate.",
            "fba-delivery",
        ),
        ("Commande livrée par Amazon en 4 jours au lieu de 2, le carton était un peu écrasé.", "fba-delivery"),
    ],
)
def test_short_french_profanity_and_amazon_deliveries_named_in_other_words_are_removable(comment, ground):
    assert [f.ground for f in lint(comment, LintContext(kind="feedback"))] == [ground], comment


@pytest.mark.parametrize(
    "comment, grounds",
    [
        (
            "Delivery by Amazon was 4 days late, the tracking just said 'delayed' the whole time. 2 stars",
            ["fba-delivery"],
        ),
        ("Lieferung durch Amazon kam 4 Tage später als angegeben.", ["fba-delivery"]),
        ("Consegna Amazon arrivata con 4 giorni di ritardo rispetto alla data prevista. Pessimo", ["fba-delivery"]),
        ("Says 'pack of 6' in the title, only 4 tea towels came. Otherwise good quality.", []),
        ("Lサイズを注文したのにSが届きました。確認してから送ってほしい", []),
    ],
)
def test_amazons_delivery_in_more_words_and_a_listing_or_wrong_item_complaint(comment, grounds):
    assert [f.ground for f in lint(comment, LintContext(kind="feedback"))] == grounds, comment


@pytest.mark.parametrize(
    "comment, grounds",
    [
        (
            "Hose reel cracked after one summer in the sun. Expected it to last longer for the price.",
            ["product-review"],
        ),
        ("Non stick coating started peeling after about 6 weeks of daily use. Wouldn't buy again.", ["product-review"]),
        ("Imballato malissimo dal venditore, due bicchieri su sei arrivati rotti.", []),
        ("this thing is a piece of sh!t", ["obscene"]),
        ("Great!", []),
        ("line one\nline two\r\nline three\ttabbed", []),  # words, not sentences: no review
    ],
)
def test_a_comment_of_some_length_that_names_no_seller_service_or_delivery_is_about_the_product(comment, grounds):
    assert [f.ground for f in lint(comment, LintContext(kind="feedback"))] == grounds, comment


def test_what_the_buyer_already_did_in_german_word_order_is_reported_not_asked():
    def warned(text: str) -> set[str]:
        return {f.rule for f in lint(text, RESOLVED) if f.severity == "warning"}

    assert "direct-removal-request" not in warned(
        "Sie haben Ihre Bewertung schon gelöscht, bevor wir nachfragen konnten."
    )
    assert "direct-removal-request" in warned("Bitte löschen Sie Ihre Bewertung.")


@pytest.mark.parametrize(
    "text",
    [
        "Le chargeur USB-C PD 20 W est de nouveau en stock.",
        "Per non farle perdere tempo, le spediamo subito il ricambio.",
    ],
)
def test_a_charger_standard_and_time_saved_for_the_buyer_are_no_insults(text):
    assert "unprofessional-tone" not in _rules_found(text, OPEN), text


@pytest.mark.parametrize(
    "text",
    [
        "Your full refund of $89.99 for the belt sander went through this morning. Since that wraps things up, I'll "
        "just mention once that you can update or remove the feedback on this order if you feel we handled it "
        "properly.",
        "We are pleased to confirm that your refund has been completed. Should you be satisfied that the matter has "
        "been put right, it is open to you to amend or withdraw the feedback you submitted.",
        "Wenn du findest, dass wir das gut gelöst haben, kannst du dein Feedback von damals aktualisieren oder auch "
        "entfernen.",
        "返金が完了しました。もし今回の対応に満足していただけたら、前に書いていただいた評価は、あとから変えたり消したり"
        "することもできます。",
    ],
)
def test_the_notice_said_once_in_more_words_after_a_refund_is_allowed(text):
    assert not any(f.severity == "error" for f in lint(text, RESOLVED)), text


@pytest.mark.parametrize(
    "text",
    [
        "Danke für Ihre Bewertung. Wenn die Anzeige schwach wird, bitte die Batterie wechseln.",
        "Tu dis que tu as mis une mauvaise évaluation parce que le mandrin se bloque : essaie en marche arrière.",
        "Amazon le generará la etiqueta de devolución sin costo, que podrá mostrar con el código QR en el punto de "
        "entrega.",
        "He eliminado la nota de regalo del segundo paquete y el reembolso ya está hecho.",
        "Non colleghiamo mai rimborsi alle valutazioni. Se il montante è arrivato piegato, apra un reso e le "
        "rimborsiamo l'intero importo appena il corriere lo ritira.",
        "「前回のクーポンが見当たらない」とのことですが、こちらは期間限定で設定していたもので、現在は終了しております。",
        "商品ページのレビューでもよくご質問いただくのですが、少なめでしたら2か月くらいでの交換がおすすめです。",
        "投稿済みのレビューに写真を追加したい場合は、「編集」を選択していただくと写真を追加できます。",
        "年末のセールでご注文が一気に増えてしまい、出荷が遅れております。",
        "信州の味噌蔵「丸吉醸造」オンラインショップ担当の吉田でございます。",
        "> Do you have a newsletter or a discount code for my next order?\n\nWe can't send those through Amazon, "
        "sorry.",
        "Avec le Black Friday, notre transporteur a pris trois jours de retard sur toutes les livraisons.",
        "Einen Newsletter haben wir nicht, und über Amazon dürfen wir Ihnen auch keine Werbung schicken.",
        "Le code F01 sur votre chargeur signifie que les pinces sont inversées.",
        "Mi chiedevi anche della newsletter: non ce l'abbiamo, mi dispiace.",
    ],
)
def test_a_display_a_jammed_chuck_a_qr_code_a_gift_note_a_courier_and_an_ended_coupon_are_honest(text):
    assert not _rules_found(text, OPEN), text


@pytest.mark.parametrize(
    ("text", "context", "rule"),
    [
        (
            "We can send a partial refund of $15 for the scratch. Once you've had a chance to update your feedback, "
            "just let me know and I'll process it right away.",
            RESOLVED,
            "feedback-pressure",
        ),
        ("Refund goes through when the neg is gone.", OPEN, "incentive-for-feedback"),
        (
            "Nous vous proposons un geste commercial de 10 €, que nous effectuerons volontiers dès que le commentaire "
            "n'apparaîtra plus sur notre page.",
            OPEN,
            "incentive-for-feedback",
        ),
        (
            "Nous ne pourrons activer la garantie qu'une fois la question de votre avis réglée.",
            RESOLVED,
            "feedback-pressure",
        ),
        (
            "Wir bitten um Verständnis, dass die Anweisung dieses Betrages erst erfolgen kann, nachdem die von Ihnen "
            "abgegebene Verkäuferbewertung entsprechend berichtigt worden ist.",
            RESOLVED,
            "feedback-pressure",
        ),
        (
            "Die 20 € erstatten wir Ihnen gern. Wir gehen dann davon aus, dass sich das Thema mit Ihrem Feedback damit "
            "auch erledigt hat.",
            OPEN,
            "incentive-for-feedback",
        ),
        (
            "Wenn Sie zufrieden sind, haben Sie die Möglichkeit, Ihr Feedback zu ändern oder zu entfernen. Wir wären "
            "Ihnen sehr dankbar, wenn das bis Freitag klappen würde.",
            RESOLVED,
            "feedback-pressure",
        ),
        (
            "Since we've resolved this, you're able to update or remove the feedback; we'd ask that this is done "
            "within 7 days please.",
            RESOLVED,
            "feedback-pressure",
        ),
        (
            "Vous nous feriez un immense plaisir en laissant cinq étoiles sur notre page vendeur.",
            RESOLVED,
            "solicit-positive-feedback",
        ),
        (
            "Si el libro llega bien, una valoración de cinco estrellas nos daría la vida.",
            OPEN,
            "solicit-positive-feedback",
        ),
        (
            "Mo' fatemi 'sta cortesia: levate quel feedback negativo, che proprio non ce lo meritavamo.",
            RESOLVED,
            "feedback-pressure",
        ),
        (
            "先日いただいた評価を今回の対応を踏まえて更新していただけますと、大変助かります。",
            OPEN,
            "removal-notice-before-resolved",
        ),
        (
            "評価を投稿されるのはご自由ですが、そうなりますと今後の保証対応は慎重に判断せざるを得なくなります。",
            OPEN,
            "feedback-pressure",
        ),
        (
            "You may also enjoy the second volume in the series, which is presently reduced in our shop.",
            OPEN,
            "marketing",
        ),
        ("Congratulations on discovering that a size 3 cleat doesn't fit a size 5 foot.", OPEN, "unprofessional-tone"),
        ("Glad it's on now. Amazing what reading the manual does.", OPEN, "unprofessional-tone"),
        ("Vorher mal reinlesen hätte aber auch nicht geschadet.", OPEN, "unprofessional-tone"),
        ("Bravo quand même pour l'étoile unique, c'est très classe, vraiment.", OPEN, "unprofessional-tone"),
    ],
)
def test_asks_held_back_refunds_deadlines_and_scorn_from_the_fresh_rounds_of_the_day_before_block(text, context, rule):
    assert rule in _rules_found(text, context), text


def test_a_change_still_possible_is_no_repeated_ask():
    text = "Vous me demandez si vous pouvez encore changer votre avis maintenant que la clé fonctionne : oui, c'est possible."
    assert "feedback-pressure" not in _rules_found(text, RESOLVED)


@pytest.mark.parametrize(
    ("text", "context"),
    [
        (
            "Vous nous demandez comment corriger votre commentaire. Nous n'avons aucun accès aux commentaires : seuls "
            "vous et Amazon pouvez les modifier.",
            RESOLVED,
        ),
        (
            "Sofern Sie der Auffassung sind, dass Ihr Anliegen gelöst wurde, weisen wir darauf hin, dass es Ihnen "
            "freisteht, das abgegebene Verkäuferfeedback zu aktualisieren oder zu entfernen.",
            RESOLVED,
        ),
        (
            "You also asked whether you should delete the review you posted. Honestly, that's your call. We've "
            "flagged your order so the replacement gets checked twice.",
            OPEN,
        ),
        (
            "Nous ne sommes pas en mesure de vous accorder une remise : les prix et promotions sont fixés directement "
            "sur Amazon.",
            OPEN,
        ),
    ],
)
def test_who_may_edit_a_review_a_notice_in_office_german_and_a_declined_discount_are_honest(text, context):
    assert not _rules_found(text, context), text


@pytest.mark.parametrize(
    "text",
    [
        "If you'd measured the dog, it would have fitted. We're not paying return postage because you couldn't be "
        "bothered.",
        "Peut-être qu'en lisant la description avant de commander, on n'en serait pas là.",
        'La cover si è "rotta da sola", certo, come no.',
        "A lo mejor si leyeras la descripción te darías cuenta de que la funda es para el iPhone 13.",
    ],
)
def test_scorn_for_not_reading_blocks_in_four_languages(text):
    assert "unprofessional-tone" in _rules_found(text, OPEN), text


@pytest.mark.parametrize(
    ("text", "sells"),
    [
        ("Our newsletter comes out every Friday with 20% off codes.", True),
        ("Nuestro boletín trae ofertas cada semana.", True),
        ("Unsere Rabattcodes gibt es jeden Monat in unserem Newsletter.", True),
        ("Profitez des soldes sur toute notre boutique !", True),
        ("ただいまセール開催中です。ぜひご覧ください。", True),
        ("Sie möchten aus unserem Newsletter ausgetragen werden. Wir versenden über Amazon keine Newsletter.", False),
        ("We don't have a newsletter, sorry.", False),
        ("La promozione mostrata sulla scheda era un errore tecnico ed è stata tolta.", False),
    ],
)
def test_a_promotion_named_is_a_cue_that_sells_only_beside_another(text, sells):
    # "newsletter", "promo code", "soldes", "セール": words of a topic, which honest answers use too
    assert ("marketing" in _rules_found(text, OPEN)) is sells, text


def test_a_gift_card_named_paragraphs_away_from_the_notice_is_how_the_buyer_paid_not_a_price():
    # something offered counts against a change said near it (two sentences), or asked for, or bargained over
    text = (
        "Buenas tardes:\n\nHemos recibido la silla que nos devolvió y el reembolso de 149,00 € se emitió ayer. Los "
        "bancos tardan entre 3 y 7 días hábiles en reflejarlo. Si pagó con saldo de cheque regalo de Amazon, el importe "
        "vuelve a su cuenta en pocas horas.\n\nHemos trasladado su comentario sobre el pistón al fabricante, que ha "
        "abierto una revisión del lote. Nos ha resultado muy útil el vídeo que nos envió.\n\nSi está satisfecha con "
        "la forma en que hemos resuelto su caso, tiene la posibilidad de actualizar o eliminar la valoración que "
        "publicó originalmente.\n\nAtentamente,\nErgoSilla"
    )
    assert not _rules_found(text, RESOLVED)
    near = "Le regalamos un cheque regalo de 10 €. Tiene la posibilidad de actualizar o eliminar la valoración."
    assert "incentive-for-feedback" in _rules_found(near, RESOLVED)


# --- 2026-12-03 (third session): blind rounds en-36/37 and *-33/34, used -----------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Vorsorglich weisen wir darauf hin, dass die von Ihnen abgegebene Verkäuferbewertung jederzeit durch Sie selbst "
        "angepasst oder zurückgenommen werden kann.",
        "なお、お客様がお付けになったご評価は、出品者用フィードバックのページからいつでもお客様ご自身で修正・削除いただけます。",
    ],
)
def test_a_notice_in_office_german_or_past_a_page_named_in_japanese_is_read_before_resolution(text):
    # the verb after its passive marker's place at a German clause's end; the feedback noun that is the topic, not
    # the one that names the page on the way
    assert "removal-notice-before-resolved" in _rules_found(text, OPEN), text


@pytest.mark.parametrize(
    ("text", "context"),
    [
        # a VAT id in a German company signature is no phone number
        ("Mit freundlichen Grüßen\nSabine Krämer\nUSt-IdNr.: DE 133 482 190\nHRB 30 117", OPEN),
        # a job title holds the word for "responsibility"
        (
            "ランドセル工房さくら 店舗責任者の中川です。ご質問いただいた評価を削除する方法について、Amazonでの手順をご案内いたします。",
            RESOLVED,
        ),
        # things that happen to people, not the buyer put down
        ("Copper darkens over time. Some people love the antique look it gets.", OPEN),
        # the gift the buyer bought, a replacement that works: nothing offered for the feedback
        ("Muchas gracias por su valoración. Nos alegra que los pendientes llegaran a tiempo para el regalo.", RESPONSE),
        (
            "Now the replacement strip is working, and if you feel the matter's resolved, you can revise or remove "
            "your earlier feedback should you wish.",
            RESOLVED,
        ),
        # "Amazon does let you": a notice, and the "now" is the case's, not a deadline
        (
            "Since everything is sorted now, I'll just mention that if you're happy with how it was resolved, Amazon "
            "does let you update or remove the feedback you left on the order.",
            RESOLVED,
        ),
        # promotions explained, not sold: Amazon's, the one the buyer saw, what the buyer asked
        ("Il codice sconto che non ti funzionava era un coupon di Amazon valido solo fino al 31 agosto.", OPEN),
        ("La réduction que vous voyez est une offre limitée dans le temps, programmée sur Amazon.", OPEN),
        (
            "If you do want a replacement at some point, we also stock the equivalent from a different maker - I'm "
            "only mentioning it because you asked what else would fit.",
            OPEN,
        ),
        ("Don't bother sending them back, keep them for a spare bike or stick them on ebay.", OPEN),
    ],
)
def test_honest_words_read_for_what_they_are(text, context):
    assert not _rules_found(text, context), text


def test_a_seller_who_stocks_another_thing_unasked_still_sells_it():
    assert "marketing" in _rules_found("We also stock the matching bar tape, have a look at our shop!", OPEN)
    assert "contact-details" in _rules_found("Rufen Sie uns an: 0171 2345678", OPEN)


@pytest.mark.parametrize(
    ("text", "rule", "context"),
    [
        # a product review asked for, for free things: "product" says which feedback, it does not stop the search
        (
            "Write an honest product review on the listing and send us a screenshot, and we'll mail you a free set of "
            "spare washers.",
            "incentive-for-feedback",
            RESOLVED,
        ),
        # "we'll sort the review out together": the seller acting with the buyer asks the buyer too
        (
            "Le rimborso volentieri la differenza di prezzo, e poi la recensione la sistemiamo insieme, che ne dice?",
            "incentive-for-feedback",
            OPEN,
        ),
        # a to-do written as a label, in terse Italian with English loanwords
        (
            "Ordine schermo iPhone 12:\n- ricambio spedito oggi\n- tracking visibile nell'ordine\n- feedback da 1 "
            "stella: da togliere appena arriva\nSaluti",
            "removal-notice-before-resolved",
            OPEN,
        ),
        ("- Bewertung: bitte entfernen, sobald der Ersatz da ist", "removal-notice-before-resolved", OPEN),
        # dialect: "Se" for "Sie", "Sternchen" for stars
        (
            "Wenn Se mögen, lassen Se uns doch fünf Sternchen da – für so nen kleenen Familienbetrieb bedeutet das "
            "die Welt.",
            "solicit-positive-feedback",
            RESOLVED,
        ),
        # a phone number spelt out in groups set apart by slashes
        (
            "einfacher: kurz anrufen, null eins sieben sechs / zwei drei vier / fünf fünf null acht",
            "contact-details",
            OPEN,
        ),
    ],
)
def test_asks_and_contacts_in_labels_dialect_and_shared_doing_block(text, rule, context):
    assert rule in _rules_found(text, context), text


@pytest.mark.parametrize(
    ("text", "context"),
    [
        # told they may rate as they see fit: no request, so the remedies listed after it are no price
        (
            "Nuestra política no nos permite ofrecer descuentos ni reembolsos relacionados con las valoraciones. Usted "
            "es completamente libre de valorar su compra como considere oportuno. Le enviamos sin coste un par de "
            "cordones nuevos.",
            OPEN,
        ),
        # a warranty on all our screens sells nothing
        ("Zu Ihrer Frage: Auf alle unsere Ersatzdisplays gewähren wir 12 Monate Garantie.", OPEN),
        # accepting that the buyer's view stands is no condition on it
        (
            "I understand if your view of us hasn't changed, and that's your right. The full refund was processed on "
            "Tuesday.",
            RESOLVED,
        ),
    ],
)
def test_freedom_to_rate_a_warranty_and_acceptance_are_honest(text, context):
    assert not _rules_found(text, context), text


def test_a_sale_on_all_our_things_still_sells():
    assert "marketing" in _rules_found("Diese Woche 20 % auf alle unsere Kaffeemühlen!", OPEN)
    assert "marketing" in _rules_found("Bis Sonntag gibt's bei uns 20 % auf alle Schlafsäcke!", OPEN)


@pytest.mark.parametrize(
    ("text", "context"),
    [
        # a technical rating is no feedback (the learned judge read it as one)
        (
            'Buongiorno,\nil tubo da 1/2" che ha acquistato ha un rating di pressione di esercizio di 12 bar e di '
            "scoppio di 36 bar, quindi va benissimo con la pompa che ci ha indicato. Lo sconsigliamo solo con acqua "
            "oltre i 60°.\nSaluti da OrtoFacile",
            OPEN,
        ),
        # "depending on your bank" is no livelihood hanging on the feedback
        (
            "Dear Ms. Thompson,\n\nThank you for your patience while we processed your return for the garden hose.\n\n"
            "As the leak near the connector was confirmed, we have processed a full refund of 27.99 GBP today. Kindly note "
            "that it may take 3 to 5 working days for the amount to reflect in your account, depending on your bank.\n\n"
            "Please find below the details for your reference:\n\n- Return received: 4th June\n- Refund amount: 27.99 GBP "
            "(item price plus original delivery charge)\n- Return shipping: free of charge via Amazon prepaid label",
            RESOLVED,
        ),
    ],
)
def test_a_pressure_rating_and_a_bank_delay_are_nothing_about_the_feedback(text, context):
    assert not [f.rule for f in lint(text, context) if f.severity == "error"], text


@pytest.mark.parametrize(
    "text",
    [
        "In Ihrer Nachricht fragen Sie, ob die Erstattung von einer Änderung Ihrer Bewertung abhängt. Nein: die "
        "Erstattung über 24,00 € ist bereits veranlasst.",
        "Nos comentaba que otro vendedor le ofreció un cupón por cambiar su nota. Nosotros no hacemos eso; su "
        "reembolso ya está en camino.",
        "Asking you to alter your star score is something we simply don't do; what you posted is your honest "
        "experience and we respect it. We've refunded the order in full.",
    ],
)
def test_the_buyers_own_question_or_proposal_reported_is_no_ask(text):
    # the change is what the buyer asked or offered, reported; the remedy beside it is no price
    assert "incentive-for-feedback" not in _rules_found(text, RESOLVED), text


def test_an_ask_said_after_the_buyers_offer_is_still_an_ask():
    text = "As you offered, please update your review and we'll refund you."
    assert "incentive-for-feedback" in _rules_found(text, RESOLVED)


@pytest.mark.parametrize(
    "text",
    [
        "Well, I'm sorry the ink didn't magically fix a printer from 2009. Maybe read the compatibility list next "
        "time, love.",
        "Igual le ayuda saber que en el título pone «100 % acrílico». Pero entiendo que leer la ficha antes de comprar "
        "es pedir mucho.",
        "La fiche indiquait « occasion, pochette usée ». Visiblement, lire trois lignes avant de commander, c'était "
        "trop demander.",
        "- フレキが逆向きに挿さっている\n- 同梱の手順書に図入りで記載済。普通に読めば分かる内容",
    ],
)
def test_scolding_the_buyer_for_not_reading_blocks_in_any_words(text):
    # a verb of reading, the listing or its papers, a marker of scorn: no stock phrase needed
    found = [f for f in lint(text, OPEN) if f.rule == "unprofessional-tone" and "not reading" in f.message]
    assert found and found[0].severity == "error", text


@pytest.mark.parametrize(
    "text",
    [
        "Next time you order, please read the size chart first: the boots run small.",
        "Obviously nobody reads the manual cover to cover, so here is the short version.",
        "We read the description you sent and we'll check the batch before the next shipment.",
        "> Maybe read your own listing next time!\nYou're right: the listing said 40 cm and it is 38 cm. We've fixed it.",
    ],
)
def test_pointing_to_the_listing_politely_is_no_scolding(text):
    assert not [f for f in lint(text, OPEN) if "not reading" in f.message], text


def test_an_italian_term_is_read_after_an_elided_preposition():
    # the tokeniser keeps "nell'elenco" one token: the term "elenco dei clienti" is read in it too
    text = (
        "Gentile Cliente, La informiamo che, a seguito dei ripetuti resi effettuati, il Suo nominativo è stato "
        "inserito nell'elenco dei clienti ai quali la nostra azienda non effettuerà più spedizioni."
    )
    assert "unprofessional-tone" in _rules_found(text, RESOLVED)


@pytest.mark.parametrize(
    ("text", "rule", "context"),
    [
        (
            "Should you feel I've made things right, you're able to amend or withdraw the feedback you left earlier - "
            "and I've put a small something in the post as a thank you for your kindness in reconsidering.",
            "incentive-for-feedback",
            RESOLVED,
        ),
        (
            "Recuerde que su opinión positiva nos ayuda a seguir mejorando. ¡Dedíquenos 5 estrellas en su valoración!",
            "solicit-positive-feedback",
            OPEN,
        ),
        (
            "Nel frattempo abbiamo ampliato il catalogo: nel nostro negozio trovate ora anche le pettorine "
            "riflettenti invernali!",
            "marketing",
            RESPONSE,
        ),
        (
            "こちらのメッセージだとやりとりに時間かかっちゃうので、もしよければLINEで連絡もらえると早いです〜",
            "contact-details",
            OPEN,
        ),
    ],
)
def test_thanks_for_reconsidering_a_star_request_a_wider_catalogue_and_line_block(text, rule, context):
    assert rule in _rules_found(text, context), text


@pytest.mark.parametrize(
    ("text", "context"),
    [
        # "it" is the battery: the feedback is named only later
        (
            "What lovely news that the replacement clock has arrived safely. The battery is a standard AA. When you "
            "change it, just lift the clock off its hook, swap the battery and "
            "hang it back.\n\nIf you're satisfied that I've put things right, you're welcome to revise or remove the "
            "feedback you left when the first clock arrived broken.",
            RESOLVED,
        ),
        ("Thank you again for being so understanding. Customers like you make the difficult days much easier.", OPEN),
        ("写真見せてもらいましたけど、小さい泡も見えてましたしね。生きてはいてます。", OPEN),
        (
            "ご購入時にタイムセールの割引が適用されておりましたので、返金額は実際にお支払いいただいた3,980円となります。",
            OPEN,
        ),
        (
            "最近、当店の名前をかたって「LINEで連絡してください」といったメッセージを送る詐欺の被害が報告されています。",
            OPEN,
        ),
    ],
)
def test_a_later_feedback_a_compliment_a_particle_an_applied_sale_and_a_quoted_scam_are_honest(text, context):
    assert not _rules_found(text, context), text


@pytest.mark.parametrize(
    ("text", "context"),
    [
        # a signature that is a colleague's name, a dog lying down, a laugh at a photo, a courier's mess
        ("Hi Amir, the holder's arms open from 4.7 to 6.9 inches, so your phone will fit fine. Karen", OPEN),
        ("I have to tell you, Pepper (our border collie) is lying on the exact same mat as I type this.", OPEN),
        ("What a lovely photo of Orla! We all had a good laugh at the sleeves hanging past her fingertips.", OPEN),
        (
            "Ne supprime pas le mail de suivi, c'est là qu'il y a le numéro si le livreur fait encore n'importe quoi.",
            OPEN,
        ),
        # a promotion denied; the owner who signs a public response
        ("Désolé, on ne fait pas de code promo par message. Le prix affiché est celui du jour.", OPEN),
        ("Der Kaufpreis wurde vollständig erstattet. Danke für den Hinweis.\nDirk Hansen, Inhaber", RESPONSE),
        # "Amazon permits": a notice
        (
            "Now that the matter has been concluded, we would simply note that, should you consider your concerns "
            "resolved, Amazon permits previously submitted feedback to be revised or removed. The replacement knife "
            "was delivered on Monday.",
            RESOLVED,
        ),
    ],
)
def test_names_animals_laughs_couriers_denied_promotions_and_signatures_are_honest(text, context):
    assert not _rules_found(text, context), text


@pytest.mark.parametrize(
    ("text", "rule", "context"),
    [
        ("Don't be such a Karen about it.", "unprofessional-tone", OPEN),
        ("This buyer is lying. We have CCTV of the parcel being packed.", "unprofessional-tone", RESPONSE),
        ("Pour ne rien manquer de nos nouveautés de printemps, répondez « OUI » à ce message.", "marketing", OPEN),
        ("Según la paquetería, lo recibió el propio Jorge Ramírez.", "personal-data", RESPONSE),
    ],
)
def test_put_downs_pitches_and_names_aimed_at_someone_still_block(text, rule, context):
    assert rule in _rules_found(text, context), text


def test_the_procedure_sent_at_the_buyers_request_is_no_notice_before_resolution():
    text = (
        "Gentile cliente, come da Sua richiesta, Le indichiamo la procedura per modificare la recensione pubblicata "
        "sul tappetino da yoga: acceda alla sezione Le tue recensioni del Suo profilo Amazon e selezioni Modifica."
    )
    assert "removal-notice-before-resolved" not in _rules_found(text, OPEN)
    asked_by_us = "Le chiediamo di modificare la recensione pubblicata sul tappetino da yoga."
    assert "removal-notice-before-resolved" in _rules_found(asked_by_us, OPEN)


@pytest.mark.parametrize(
    ("text", "rule", "context"),
    [
        (
            "Bonsoir. Remboursement possible, mais d'abord l'évaluation doit disparaître. Merci.",
            "incentive-for-feedback",
            OPEN,
        ),
        (
            "Le mando un altro paio gratis, e lei in cambio mi levi quella stellina che mi ha messo.",
            "incentive-for-feedback",
            OPEN,
        ),
    ],
)
def test_a_feedback_that_must_disappear_and_a_star_taken_off_in_dialect_are_priced(text, rule, context):
    assert rule in _rules_found(text, context), text


@pytest.mark.parametrize(
    "text",
    [
        "Thanks for your message. I'll take your points in order so I don't miss anything.",
        "Siento que el número que aparece en la caja del fabricante le hiciera perder el tiempo.",
        "→ 本製品のコードは、転倒事故を防ぐため、あえて短め(約75cm)に設計されております。",
    ],
)
def test_not_missing_a_point_wasted_time_and_a_power_cord_are_honest(text):
    assert not _rules_found(text, OPEN), text


# --- 2026-12-04: blind pair 59/56, read after its figures ----------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        # a reason given after the ask, with its own negation, takes nothing back
        "Le chiediamo di togliere la valutazione negativa, visto che la pioggia non dipende da noi.",
        "We ask you to remove the negative rating, since the rain does not depend on us.",
        "Wir bitten Sie, die negative Bewertung zu entfernen, da der Regen nicht von uns abhängt.",
        # slang and a touch-up are changes of the feedback
        "Deal : tu vires ton avis 1⭐ et on te rembourse la totale, même pas besoin de renvoyer",
        "Se dovesse decidere di ritoccarlo, il suo commento, le mandiamo una carta regalo da 15 €.",
        # stock put-downs about reading
        "Aber gut, Lesen ist ja auch nicht jedermanns Stärke. Sie können die Socken zurückgeben.",
        "Está en la foto número 3, pero bueno, entendemos que leer no es para todo el mundo.",
        "The size chart is on the listing. It's not exactly rocket science. You can return it via Your Orders.",
    ],
)
def test_asks_with_a_reason_after_them_slang_and_put_downs_about_reading_block(text):
    assert lint(text, OPEN) and any(f.severity == "error" for f in lint(text, OPEN)), text


@pytest.mark.parametrize(
    "text",
    [
        # someone else's joy is no request to the buyer
        "Thanks for the kind words about the packing - I'll tell Siobhán in the dispatch room, she'll be thrilled.",
        # "neither ... nor" denies each verb of its list
        "Noi come venditori non possiamo pubblicare, modificare né cancellare le recensioni dei clienti.",
        "No podemos publicar, modificar ni borrar las valoraciones de los clientes.",
        # a state told as done ("already corrected") asks nothing
        "También leímos la reseña que puso en la ficha del producto. Eso ya está corregido.",
        # a Japanese letter spliced with commas is read sentence by sentence: the seller's own "見直し" of its checks
        # is not a change of the review named three sentences before
        "レビューで教えていただいた件につきまして、お詫び申し上げます、ご返金の場合もご返送は不要です、"
        "お知らせいただいた内容は今後の検品方法の見直しに役立たせていただきます、",
    ],
)
def test_a_third_persons_joy_a_list_denied_with_neither_nor_and_a_fix_told_as_done_are_honest(text):
    assert not _rules_found(text, OPEN), text


# --- 2026-12-04 (ninth session): blind pair 60/57, read after its figures -------------------------------------------
@pytest.mark.parametrize(
    ("text", "rule"),
    [
        # a buyer told they are shut out, mocked for their budget, their strength or their complaint
        (
            "Given your last message we won't be selling to you again - you're on our do-not-serve list.",
            "unprofessional-tone",
        ),
        ("If that's robbery, I'm sure the pound shop will have something more your speed.", "unprofessional-tone"),
        (
            "Congrats on managing to lift it; most people who moan about the weight haven't read the title.",
            "unprofessional-tone",
        ),
        (
            "Les sites de vente en gros seront manifestement plus adaptés à votre budget… et à vos attentes.",
            "unprofessional-tone",
        ),
        ("品質の違いがお分かりにならない方には高く感じられるのかもしれませんね。", "unprofessional-tone"),
        ("正直なところトレーニング自体があまり向いていないのかもしれませんね。", "unprofessional-tone"),
        # a channel to look up, without a handle or a link
        (
            'Megan filmed a beginner video - search "Valley Iron Wales" on YouTube, it\'s the third one down.',
            "marketing",
        ),
        ("Das Video dazu finden Sie auf YouTube, einfach nach „Holzwerk Allgäu“ suchen.", "marketing"),
    ],
)
def test_a_shut_out_buyer_put_downs_about_their_budget_and_a_channel_to_search_for_block(text, rule):
    assert rule in _rules_found(text, OPEN), text


@pytest.mark.parametrize(
    "text",
    [
        # the number has a unit after it: five seconds, no house number "An der Elterneinheit 5"
        "3. An der Elterneinheit 5 Sekunden die Taste „Pair“ drücken, bis die LED blau blinkt.",
        # "la" before a change noun is an article: the review of the procedure, not of the feedback
        "Hemos tomado nota de la valoración que nos dejó, que ha servido de base para la revisión del procedimiento"
        " de control de lotes.",
    ],
)
def test_a_number_with_a_unit_and_an_article_before_a_change_noun_are_honest(text):
    # (after the one removal notice: the review of a procedure is no second one)
    assert not _rules_found(text, LintContext(resolved=True, prior_removal_notices=1)), text


def test_an_address_in_german_still_blocks_and_a_pronoun_after_a_change_noun_still_names_the_feedback():
    assert "contact-details" in _rules_found("Schicken Sie es an: Am Markt 5, 80331 München.", OPEN)
    asks = "Hemos visto su valoración. Le agradeceríamos la eliminación de la misma; a cambio le enviamos un cupón."
    assert "incentive-for-feedback" in _rules_found(asks, OPEN)


def test_a_candle_that_one_barely_smells_is_a_product_review():
    comment = (
        "Bougie « Figue noire » : l'odeur est beaucoup trop légère, on ne sent presque rien à un mètre, et la mèche"
        " se noie dans la cire au bout de deux heures."
    )
    grounds = {f.ground for f in lint(comment, LintContext(kind="feedback")) if f.rule == "amazon-removable"}
    assert grounds == {"product-review"}


# --- 2026-12-04 (ninth session): blind pair 61/58, read after its figures -------------------------------------------
@pytest.mark.parametrize(
    "comment",
    [
        # an FBA delivery complaint with a verdict on the whole, or naming the item only as what Amazon shipped
        "Paket lag 4 Tage im Logistikzentrum und wurde dann bei der Nachbarin abgegeben. Versand durch Amazon, echt"
        " schwach.",
        "El paquete llegó 4 días tarde y el repartidor de Amazon lo dejó en el portal. Era envío gestionado por Amazon,"
        " pero vaya servicio.",
        "Amazonの配送業者が不在票も入れずに持ち帰っていて、届くまで1週間かかった。（Amazon発送の商品です）",  # noqa: RUF001
    ],
)
def test_fba_delivery_complaints_with_a_verdict_or_the_item_named_are_struck_through(comment):
    grounds = {f.ground for f in lint(comment, LintContext(kind="feedback")) if f.rule == "amazon-removable"}
    assert grounds == {"fba-delivery"}, comment


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        # a gift for doing what the notice just said may be done ("if you do", "si lo haces")
        (
            "If you are satisfied that we have resolved your concerns, it is possible to update or remove the feedback"
            " you originally provided here. And if you do, let us know: we'd love to send you another book as a little"
            " thank you.",
            "incentive-for-feedback",
        ),
        (
            "Si estás satisfecha con cómo hemos resuelto el problema, es posible actualizar o eliminar la valoración que"
            " dejaste. Y si lo haces, avísanos: nos gustaría tener un detallito contigo y mandarte otro libro.",
            "incentive-for-feedback",
        ),
        # a promotion of the shop's delivery offer, a page to follow, an ID given after "IDは"
        (
            "Don't forget, we're doing free next-day delivery on all orders over £50 until the end of summer.",
            "marketing",
        ),
        (
            "Give us a follow on Facebook at Breakline Surf Co Newquay, we post the surf report every morning.",
            "marketing",
        ),
        (
            "画像のやり取りが面倒なので、よかったらLINEで直接やり取りしませんか？IDは nami_kyodai です。",  # noqa: RUF001
            "contact-details",
        ),
        # a rhetorical question about reading
        (
            "¿De verdad hace falta que lo pongamos también en letras gigantes para que alguien lo lea?",
            "unprofessional-tone",
        ),
    ],
)
def test_a_gift_for_doing_so_a_delivery_offer_a_page_to_follow_and_a_line_id_block(text, rule):
    assert rule in _rules_found(text, RESOLVED), text


def test_counting_the_stars_of_a_picture_book_and_an_order_id_after_a_line_mention_are_honest():
    book = (
        "Un exemplaire neuf du « Grand Livre des étoiles » part aujourd'hui. Votre fils pourra compter les étoiles"
        " avant samedi ! Inutile de renvoyer le premier."
    )
    assert not _rules_found(book, OPEN)
    assert not _rules_found("LINEの件ですが、注文IDは 250-1234567-1234567 です。", OPEN)


def test_the_approved_notice_in_german_legal_language_is_the_notice():
    notice = (
        "Sofern Sie Ihr Anliegen als zufriedenstellend erledigt ansehen, weisen wir lediglich darauf hin, dass Sie Ihre"
        " seinerzeit abgegebene Bewertung aktualisieren oder entfernen können."
    )
    # once, after the case is resolved: nothing to warn of (before, it read as a request, and the learned judge blocked)
    assert not [f for f in lint(notice, RESOLVED) if f.severity in ("error", "warning")]
    assert "repeat-removal-notice" in _rules_found(notice, LintContext(resolved=True, prior_removal_notices=1))


# --- 2026-12-04 (ninth session): blind pair 62/59, read after its figures -------------------------------------------
@pytest.mark.parametrize(
    ("text", "rule", "context"),
    [
        # two clitics before the verb ("se me la togli"), after an ellipsis that ends one sentence, not three
        (
            "ciaoo scusa x il ritardo dell'amaca ho visto la stellina... se me la togli ti ridò i soldi della"
            " spedizione, promesso!",
            "incentive-for-feedback",
            OPEN,
        ),
        # a buyer asked to write to the seller first, before reviewing
        (
            "Falls irgendwas mit dem Spiegel nicht stimmt, könnten Sie mir dann bitte zuerst hier schreiben, bevor Sie"
            " eine Bewertung abgeben?",
            "solicit-positive-feedback",
            OPEN,
        ),
        (
            "If anything is wrong, could you please write to me here first, before you leave a review?",
            "solicit-positive-feedback",
            OPEN,
        ),
        # put-downs: the sizing chart unread, messages nobody reads
        (
            "Perhaps measuring your head before ordering would have helped? We can accept a return.",
            "unprofessional-tone",
            OPEN,
        ),
        (
            "La tabella delle misure è la prima immagine: forse valeva la pena darci un'occhiata prima di comprare, e"
            " prima di scrivere in giro che mandiamo articoli sbagliati, non crede?",
            "unprofessional-tone",
            OPEN,
        ),
        (
            "Evidentemente i nostri messaggi non li legge nessuno. Gliela riallego, veda di salvarla stavolta.",
            "unprofessional-tone",
            OPEN,
        ),
    ],
)
def test_an_ask_after_two_clitics_writing_first_and_put_downs_about_sizing_and_reading_block(text, rule, context):
    assert rule in _rules_found(text, context), text


def test_a_damage_assessment_and_the_notice_with_an_aside_are_honest():
    damage = (
        "A seguito di attenta valutazione del danno, riteniamo che la lama sia stata compromessa in fase di trasporto."
        " Provvederemo pertanto alla sostituzione integrale dell'articolo, senza alcun onere a Suo carico."
    )
    assert not [f for f in lint(damage, OPEN) if f.severity == "error"]
    notice = (
        "Wenn Sie der Meinung sind, dass wir Ihr Anliegen gelöst haben, ist es übrigens möglich, Ihre ursprüngliche"
        " Bewertung hier zu aktualisieren oder zu entfernen."
    )
    assert not [f for f in lint(notice, RESOLVED) if f.severity in ("error", "warning")]


def test_an_fba_comment_where_the_courier_ignored_an_instruction_is_struck_through():
    comment = "Amazon発送の商品でしたが、配達員が置き配指定を無視して不在票だけ入れていった。再配達も2日後になった。"
    grounds = {f.ground for f in lint(comment, LintContext(kind="feedback")) if f.rule == "amazon-removable"}
    assert grounds == {"fba-delivery"}
    # the seller ignoring the buyer is the seller's service
    assert not lint("出品者にメールしたのに無視されました。最悪です。", LintContext(kind="feedback"))


# --- 2026-12-04 (ninth session): blind pair 63/60, read after its figures -------------------------------------------
@pytest.mark.parametrize(
    ("text", "rule", "kind"),
    [
        # a shop's closing laid at the rating's door, whatever is said after it
        (
            "One bad rating like this can be enough to close a tiny shop like mine. I'm not asking for anything, I just"
            " want you to know there's a real person here.",
            "feedback-pressure",
            "message",
        ),
        # pushing past the notice
        (
            "Si vous estimez que nous avons résolu votre problème, il vous est possible de mettre à jour ou de supprimer"
            " l'évaluation que vous avez laissée. Honnêtement ça changerait tout pour nous : nous comptons vraiment sur"
            " vous !",
            "feedback-pressure",
            "message",
        ),
        (
            "Have you ever wondered whether your body weight might change over a day? It's called eating.",
            "unprofessional-tone",
            "message",
        ),
        # the buyer's full name, written with a space, in public
        ("佐々木 恵美 様、このたびはご迷惑をおかけし、申し訳ございませんでした。", "personal-data", "response"),
    ],
)
def test_harm_whatever_follows_pushing_past_the_notice_mockery_and_a_spaced_name_block(text, rule, kind):
    assert rule in _rules_found(text, LintContext(kind=kind, resolved=True)), text


@pytest.mark.parametrize(
    ("comment", "grounds"),
    [
        # the delivery's days and a crushed box, from Amazon's warehouse: struck through
        (
            "Paket kam erst nach 6 Tagen statt am nächsten Tag, obwohl Versand durch Amazon. Karton war total zerdrückt.",
            {"fba-delivery"},
        ),
        # dirt on a sole is no profanity; the seller's silence keeps the comment
        (
            "Verkäufer hat auf meine zwei Nachrichten nicht geantwortet, die Laufschuhe waren eindeutig schon getragen"
            " (Dreck an der Sohle).",
            set(),
        ),
    ],
)
def test_a_german_fba_delay_and_dirt_on_a_sole_are_triaged_as_they_are(comment, grounds):
    found = {f.ground for f in lint(comment, LintContext(kind="feedback")) if f.rule == "amazon-removable"}
    assert found == grounds, comment


# --- 2026-12-04 (tenth session): blind pair 64/61, read after its figures -------------------------------------------
@pytest.mark.parametrize(
    ("text", "rule"),
    [
        # a put-down of buyers in general, said to this one
        ("Refund sent. Honestly, some people just like to complain about everything.", "unprofessional-tone"),
        # scolded for not reading: "peut-être" is the scorn, not a polite request
        (
            "Les dimensions sont indiquées dans la description. Peut-être aurait-il fallu la lire avant de commander ?",
            "unprofessional-tone",
        ),
        (
            "サイズは商品ページに記載しております。ご購入前に一度でもご確認いただければと存じます。",
            "unprofessional-tone",
        ),
        # steered away from the feedback, to the writer herself
        (
            "Si quelque chose ne va pas, écrivez-moi ici plutôt que de laisser une mauvaise évaluation.",
            "solicit-positive-feedback",
        ),
        ("Se qualcosa non va, mi scriva qui invece di lasciare una recensione negativa.", "solicit-positive-feedback"),
        ("Si algo no va bien, escríbame aquí en lugar de dejar una valoración negativa.", "solicit-positive-feedback"),
    ],
)
def test_put_downs_and_steering_to_the_writer_herself_block(text, rule):
    assert rule in _rules_found(text, LintContext(kind="message")), text


def test_a_japanese_notice_that_names_the_button_is_a_notice():
    # 「出品者を評価」 is the button's label, not the feedback the verbs act on: the notice reads as one
    notice = (
        "ご満足いただけましたら、いただいた評価は、注文履歴の「出品者を評価」から更新または削除することが可能です。"
    )
    assert not lint(notice, LintContext(kind="message", resolved=True))
    assert _rules_found(notice, LintContext(kind="message")) == {"removal-notice-before-resolved"}


@pytest.mark.parametrize(
    "text",
    [
        # "changement d'avis" is a change of mind, not of the feedback
        "Bonjour, le délai de retour pour changement d'avis est de 30 jours, mais la garantie légale couvre ce défaut."
        " Si le défaut est confirmé, nous vous proposerons un remplacement ou un remboursement.",
        # a refund chosen instead of a replacement is no steer away from the feedback
        "hi, it's Josh from the shop, my dad asked me to message you. really sorry the wheel came off!! we've got new"
        " wheels coming in next week and we'll post one to you straight away with the little spacer thing. if you'd"
        " rather just have a refund instead tell us and we'll do that now. thanks for being patient",
    ],
)
def test_a_change_of_mind_and_a_remedy_chosen_instead_are_honest(text):
    assert not [f for f in lint(text, LintContext(kind="message")) if f.severity == "error"], text


# --- 2026-12-04 (tenth session): blind pair 65/62 (its French round not yet written), read after its figures -------
@pytest.mark.parametrize(
    ("text", "rule", "resolved"),
    [
        (
            "It's a fifty-year-old record. Did you really expect it to sound like a download?",
            "unprofessional-tone",
            False,
        ),
        (
            "No refund for a mat used for half a year. Some people want something for nothing.",
            "unprofessional-tone",
            False,
        ),
        # scolded for not reading: "quizá" is the scorn, not a polite request
        (
            "La ficha dice que es para rejillas redondas. Quizá si la hubiera leído antes de comprar se habría ahorrado el disgusto.",
            "unprofessional-tone",
            False,
        ),
        # the buyer told they are blocked
        ("Reembolso hecho. Le he bloqueado para que no vuelva a comprarme.", "unprofessional-tone", True),
        ("Refund done. We have blocked you from our shop.", "unprofessional-tone", True),
        # the notice, then "if it could be today": the deadline refers back to the change
        (
            "Si consideras que hemos resuelto tu problema, puedes actualizar o eliminar la valoración que dejaste."
            " Te lo agradecería mucho, y si pudiera ser hoy mismo, mejor.",
            "feedback-pressure",
            True,
        ),
        (
            "If you feel we've resolved your issue, you can update or remove the feedback you left. If it could be today,"
            " that would be great.",
            "feedback-pressure",
            True,
        ),
    ],
)
def test_mockery_a_buyer_blocked_and_a_deadline_after_the_notice_block(text, rule, resolved):
    assert rule in _rules_found(text, LintContext(kind="message", resolved=resolved)), text


def test_a_record_not_as_it_was_described_is_the_sellers_listing():
    comment = (
        "Disco anunciado como «casi nuevo» y tiene un arañazo que hace saltar la aguja. No es lo que se describía."
    )
    assert not [f for f in lint(comment, LintContext(kind="feedback")) if f.rule == "amazon-removable"]
    # a product that fails its own claim is still a product review
    claim = "La batería no dura lo anunciado, se descarga en dos horas."
    assert [f for f in lint(claim, LintContext(kind="feedback")) if f.rule == "amazon-removable"]


# --- 2026-12-04 (tenth session): fr-round-62, read after its figures -------------------------------------------------
def test_a_refund_in_the_conditional_for_a_rating_seen_again_once_the_parcel_is_in_blocks():
    # "rembourserions" (conditional) is compensation; "la revoir une fois ... reçu": the verb's object is the rating
    text = (
        "Nous avons vu la note d'une étoile laissée sur notre boutique ; si vous acceptiez de la revoir une fois le"
        " nouveau moulin reçu, nous vous rembourserions les frais de port."
    )
    assert "incentive-for-feedback" in _rules_found(text, LintContext(kind="message")), text


def test_where_promotions_appear_is_explained_not_sold():
    declined = (
        "Merci pour votre fidélité. Lorsque des promotions sont en cours, elles apparaissent directement sur la fiche"
        " du produit, parfois sous forme de coupon à cocher."
    )
    assert not [f for f in lint(declined, LintContext(kind="message", resolved=True)) if f.severity == "error"]
    pitched = (
        "Lorsque des promotions sont en cours sur nos moulins, profitez-en : -20% sur tout le site cette semaine !"
    )
    assert "marketing" in _rules_found(pitched, LintContext(kind="message"))


@pytest.mark.parametrize(
    "comment",
    [
        "Expédié par Amazon, livré avec 5 jours de retard et le carton était ouvert.",
        "Fulfilled by Amazon: arrived 4 days late and the box was open.",
        "Versand durch Amazon, kam 4 Tage zu spät und der Karton war offen.",
    ],
)
def test_an_fba_parcel_that_arrived_open_is_about_delivery(comment):
    found = {f.ground for f in lint(comment, LintContext(kind="feedback")) if f.rule == "amazon-removable"}
    assert found == {"fba-delivery"}, comment


# --- 2026-12-04 (tenth session): blind pair 66/63, read after its figures -------------------------------------------
@pytest.mark.parametrize(
    ("text", "rule", "kind"),
    [
        # scolded for not reading, in German: "überlesen", "beim Bestellen"
        (
            "Die Maße stehen fett gedruckt in der Artikelbeschreibung. Hat man die beim Bestellen vielleicht einfach"
            " überlesen?",
            "unprofessional-tone",
            "message",
        ),
        (
            "You chose Raspberry, not Red. The mistake was yours, so the return postage is on you.",
            "unprofessional-tone",
            "message",
        ),
        (
            "Au vu du ton employé, vos prochaines commandes seront systématiquement annulées.",
            "unprofessional-tone",
            "message",
        ),
        # a product launched by the shop, sold at a launch price
        (
            "糸調子は説明書12ページをご覧ください。なお、当店では現在、新型ミシンを発売記念価格でご提供中です。",
            "marketing",
            "response",
        ),
        (
            "Mi hija ha sacado unos cojines térmicos y los tiene en la tienda con un 20 % hasta Reyes.",
            "marketing",
            "message",
        ),
    ],
)
def test_scolding_blame_a_buyer_shut_out_and_a_launch_pitch_block(text, rule, kind):
    assert rule in _rules_found(text, LintContext(kind=kind)), text


@pytest.mark.parametrize(
    "text",
    [
        # the seller's own public response explained: "sellers" post it, no buyer is steered
        "Thanks for asking why we replied to your feedback publicly. Amazon gives sellers the option to post one short"
        " response under a feedback comment, and we use it so other customers can see what we did about it.",
        # the stars of the night sky
        "Sí, valen para esquí nocturno, pero no le prometemos que vea más estrellas que sin ellas.",
        # other customers considering the product: no rethink asked of the buyer
        "ご評価のコメントに当店が公開で返信いたしましたのは、同じ商品をご検討中のほかのお客様に、当店の対応をお伝えするためでした。",
    ],
)
def test_a_public_response_explained_the_night_sky_and_customers_considering_a_product_are_honest(text):
    # what the rules read (a learned judge, reading these sentences alone with no text around them, may still lean)
    assert not _rules_found(text, LintContext(kind="message", resolved=True)), text


# --- 2026-12-04 (tenth session): blind pair 67/64, read after its figures -------------------------------------------
_NOTICE = (
    "If you're satisfied that we've resolved your concerns, it's possible to update or remove the feedback you"
    " originally left."
)


@pytest.mark.parametrize(
    ("text", "rule", "resolved"),
    [
        # a gift told just after the notice, as its thanks
        (
            f"{_NOTICE} As a thank-you we'll pop a free carry strap in the post for you too.",
            "incentive-for-feedback",
            True,
        ),
        # "should you do so": a bargain said outright, whatever the rest of the message tells of a refund done
        (
            "Your refund of £42.00 was processed this morning. "
            f"{_NOTICE} Should you do so, we would be pleased to refund the return postage of £3.85 as well.",
            "incentive-for-feedback",
            True,
        ),
        # a reason given before the ask that denies something else ("the theft does not depend on us") denies no ask
        (
            "Nel frattempo, visto che il furto non dipende da noi, le chiediamo la cortesia di togliere il feedback"
            " negativo.",
            "removal-notice-before-resolved",
            False,
        ),
        ("If you choose to leave parcels unattended, that's on you, not us.", "unprofessional-tone", False),
        ("Funny how the parcel disappeared. We don't believe this story.", "unprofessional-tone", False),
        (
            "Avez-vous seulement pensé à huiler les lames comme indiqué page 4 de la notice ?",
            "unprofessional-tone",
            False,
        ),
        (
            "商品ページに「対応ホース径15mm」と明記しております。お読みいただけなかったようで残念です。",
            "unprofessional-tone",
            False,
        ),
    ],
)
def test_a_gift_after_the_notice_an_ask_after_a_reason_and_blame_block(text, rule, resolved):
    assert rule in _rules_found(text, LintContext(kind="message", resolved=resolved)), text


def test_a_gift_for_the_buyers_patience_after_the_notice_and_the_notice_that_sorted_a_problem_are_honest():
    patience = f"{_NOTICE} As a thank you for your patience, we've added a free carry strap to the parcel."
    assert not _rules_found(patience, LintContext(kind="message", resolved=True))
    sorted_out = (
        "Thanks for letting us know the new reel arrived. If you're satisfied that we've sorted out your problem, it is"
        " possible to update or remove the feedback you originally left here. Andy"
    )
    assert not lint(sorted_out, LintContext(kind="message", resolved=True))


def test_an_fba_parcel_left_at_a_residence_is_about_delivery():
    comment = (
        "Colis arrivé avec 5 jours de retard, le livreur Amazon l'a laissé à l'accueil de la résidence sans prévenir."
        " Expédié par Amazon, donc j'imagine que le vendeur n'y est pour rien mais bon..."
    )
    found = {f.ground for f in lint(comment, LintContext(kind="feedback")) if f.rule == "amazon-removable"}
    assert found == {"fba-delivery"}


# --- 2026-12-04 (tenth session): blind pair 68/65, read after its figures -------------------------------------------
@pytest.mark.parametrize(
    ("text", "rule", "resolved"),
    [
        # an imperative with the feedback written onto it, asked by its form
        ("Tenemos su valoración negativa. Por favor, retírela.", "removal-notice-before-resolved", False),
        # "le comento que": the seller telling, not the buyer's question reported
        (
            "Le comento que solo tramitamos garantías de pedidos sin valoraciones negativas abiertas, así que cuando"
            " pueda retírela y le enviamos la cadena nueva.",
            "removal-notice-before-resolved",
            False,
        ),
        # a Japanese change asked for as a noun, of the feedback named before it
        (
            "配送の件でいただいた評価を拝見しました。不適切な内容ですので、削除をお願いいたします。",
            "removal-notice-before-resolved",
            False,
        ),
        # an account suspended and a family's only wage laid at the rating's door
        (
            "Con le regole di Amazon bastano pochi feedback così e ci sospendono l'account: è l'unico stipendio che"
            " abbiamo. Le chiedo di pensarci e di toglierlo.",
            "feedback-pressure",
            True,
        ),
        (
            "We've sold 4,000 of these and you're the first person who couldn't work out how to pump a tyre.",
            "unprofessional-tone",
            False,
        ),
        ("Another buyer trying it on to get a free pan. Account blocked.", "unprofessional-tone", False),
        ("Aquí no regalamos nada: si quiere su dinero, devuelva el producto.", "unprofessional-tone", False),
        ("Vous voulez garder les écouteurs ET être remboursé ? Et puis quoi encore ?", "unprofessional-tone", False),
        ("Gerade gibt's bei uns 20 % auf alle Pflegeprodukte, reinschauen lohnt sich!", "marketing", False),
    ],
)
def test_an_imperative_ask_a_noun_ask_harm_contempt_and_a_sale_block(text, rule, resolved):
    assert rule in _rules_found(text, LintContext(kind="message", resolved=resolved)), text


def test_a_shipment_deleted_is_not_the_feedback():
    # 発送の削除: the deletion of the shipment, named before it
    text = "評価ありがとうございます。発送の削除をお願いいたします。"
    assert "removal-notice-before-resolved" not in _rules_found(text, LintContext(kind="message"))


@pytest.mark.parametrize(
    "comment",
    [
        "Arrived 4 days late, Amazon's courier said their van broke down. Dispatched by Amazon so nothing the seller"
        " could do.",
        "Paket kam 4 Tage später als angegeben, der Amazon-Fahrer hat es in die Mülltonne gelegt. Versand durch Amazon,"
        " also wohl nicht die Schuld vom Händler.",
        "Amazon配送の商品。Amazonの配達員が予定より3日遅れて持ってきた。",
        "Came a day late but it was fulfilled by Amazon so that's not on the seller. Amazon driver just left it by the"
        " gate.",
        "出荷元Amazonの商品です。お届け予定日から3日遅れて、箱も雨で濡れてました。Amazonの配達員さん、もう少し丁寧にお願いします。",
        "El paquete llegó dos días tarde y el repartidor de Amazon lo dejó en el portal sin llamar. Era enviado por"
        " Amazon, así que el vendedor poco podía hacer.",
    ],
)
def test_fba_delivery_comments_that_clear_the_seller_are_struck_through(comment):
    found = {f.ground for f in lint(comment, LintContext(kind="feedback")) if f.rule == "amazon-removable"}
    assert found == {"fba-delivery"}, comment


# --- 2026-12-04 (tenth session): blind pair 69/66, read after its figures -------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        # one request for feedback, whatever it says: the rules read it exactly, the judges leave it to them
        "Liebe Frau Öztürk,\n\nwir hoffen, die Duftkerzen sind gut bei Ihnen angekommen!\n\nWenn Sie einen Moment Zeit"
        " haben, freuen wir uns über Ihre ehrliche Bewertung – ganz egal, wie sie ausfällt. Ihre Rückmeldung hilft"
        " uns, besser zu werden.\n\nHerzliche Grüße\nJana von Kerzenliebe",
        "Bonjour Nadia,\n\nVotre commande de bougies a été livrée hier, j'espère qu'elles sentent aussi bon chez vous"
        " qu'à l'atelier ! Si vous avez un moment, vous pouvez laisser une évaluation de la commande, qu'elle soit"
        " positive ou non : ça nous aide vraiment à nous améliorer.\n\nBelle soirée,\nJulie",
        "佐野様\n\n先日はアロマキャンドルをお買い上げいただき、ありがとうございました。商品は無事お手元に届きましたでしょうか。\n"
        "もしよろしければ、お時間のあるときに今回のお取引の評価をお寄せください。良かった点もそうでなかった点も、"
        "今後のお店づくりの参考にさせていただきます。",
    ],
)
def test_a_single_request_for_feedback_whatever_it_says_is_honest(text):
    assert not [f for f in lint(text, LintContext(kind="message", resolved=True)) if f.severity == "error"], text


def test_a_gift_for_an_honest_review_still_blocks():
    # "honest" is no sign of a neutral request: a pushy one calls itself that too
    text = (
        "Hi Rosie,\nSo glad the signed copy arrived safely! As a little thank you for an honest review, we'd love to"
        " send you a £5 Amazon gift card - just let us know once it's posted.\nBest, Hugh"
    )
    assert [f for f in lint(text, LintContext(kind="message", resolved=True)) if f.severity == "error"]


@pytest.mark.parametrize(
    ("text", "rule", "resolved"),
    [
        # a faster exchange if the rating is updated first
        (
            "Nous pouvons vous expédier un échange en Chronopost dès aujourd'hui, il nous faudrait simplement que vous"
            " mettiez à jour votre évaluation au préalable.",
            "removal-notice-before-resolved",
            False,
        ),
        # a refund told, then "on espère que vous pourrez revoir votre note en conséquence"
        (
            "Nous avons procédé à un remboursement partiel de 5 €. Maintenant que c'est réglé, on espère que vous"
            " pourrez revoir votre note en conséquence.",
            "incentive-for-feedback",
            True,
        ),
    ],
)
def test_a_faster_exchange_and_a_refund_before_a_hoped_for_change_block(text, rule, resolved):
    assert rule in _rules_found(text, LintContext(kind="message", resolved=resolved)), text


def test_digits_one_by_one_are_a_phone_number_only_with_a_cue_or_a_leading_zero():
    solution = "Die richtigen Lösungen:\nRätsel 47: 3-8-1-6-2-9-4-7-5\nRätsel 112: 7-2-5-4-9-1-3-8-6"
    assert "contact-details" not in _rules_found(solution, LintContext(kind="message"))
    for phone in ("Call me on 0 7 7 0 0 9 0 0 1 2 3 please", "Call me: 7 7 0 0 9 0 0 1 2 3"):
        assert "contact-details" in _rules_found(phone, LintContext(kind="message")), phone
    tracking = "ご注文頂いた商品は本日発送致しました。\nお問合せ番号：3829-4471-0625（日本郵便）"  # noqa: RUF001 (the label as Japanese writes it)
    assert "contact-details" not in _rules_found(tracking, LintContext(kind="message"))


# --- 2026-12-04 (tenth session): blind pair 70/67, read after its figures -------------------------------------------
@pytest.mark.parametrize(
    ("text", "rule", "resolved"),
    [
        # a price set on a change asked two sentences after the feedback was named
        (
            "Hemos visto la valoración que nos dejó el martes. La entendemos perfectamente. Si cuando reciba el juego"
            " nuevo decide cambiarla, le devolveremos además el 20 % del importe del pedido.",
            "incentive-for-feedback",
            False,
        ),
        # "if you feel like leaving us a few positive lines instead of that comment", and a gift in the next parcel
        (
            "Se le va di lasciarci due righe positive al posto di quel commento, nel prossimo pacco le infilo un"
            " libricino da colorare in omaggio.",
            "incentive-for-feedback",
            True,
        ),
        # the notice, then "ideally before the end of the week"
        (
            "Si vous estimez que nous avons résolu votre problème, il est possible de mettre à jour ou de supprimer"
            " l'évaluation que vous aviez laissée. Idéalement avant la fin de la semaine, car notre bilan est calculé"
            " lundi.",
            "feedback-pressure",
            True,
        ),
        (
            "Wer das testet, hat die Beschreibung halt null gelesen. Das ist echt nicht unser Bier.",
            "unprofessional-tone",
            False,
        ),
        (
            "Did you screw the connector all the way on, or did you just give up after ten seconds?",
            "unprofessional-tone",
            False,
        ),
        (
            "Si on commande un clavier sans regarder les photos, faut pas venir pleurer après.",
            "unprofessional-tone",
            False,
        ),
        (
            "Se uno non si legge manco due righe di istruzioni, che cosa dovremmo fare noi?",
            "unprofessional-tone",
            False,
        ),
    ],
)
def test_a_price_two_sentences_on_a_soft_ask_for_positive_lines_a_deadline_and_scorn_block(text, rule, resolved):
    assert rule in _rules_found(text, LintContext(kind="message", resolved=resolved)), text


def test_a_fix_offered_whatever_the_rating_after_a_deal_declined_is_honest():
    text = (
        "Las políticas de Amazon prohíben ofrecer reembolsos relacionados con las valoraciones, y las cumplimos. Lo que"
        " sí haremos, al margen de su valoración, es solucionar el problema: le enviamos uno nuevo sin coste o le"
        " reembolsamos el importe completo."
    )
    assert "incentive-for-feedback" not in _rules_found(text, LintContext(kind="message"))


# --- 2026-12-04 (eleventh session): blind pair 71/68, read after its figures ----------------------------------------
@pytest.mark.parametrize(
    ("text", "rule", "resolved"),
    [
        (
            "Solar lights need sun, that's sort of the whole point. Put them somewhere sensible.",
            "unprofessional-tone",
            False,
        ),
        ("Shocking news: a £12 umbrella isn't hurricane-proof.", "unprofessional-tone", False),
        ("If £30 is too steep for you, the pound shop is always an option.", "unprofessional-tone", False),
        ("The price was on the page. Nobody forced you to buy it.", "unprofessional-tone", False),
        (
            "Der Preis stand groß auf der Seite. Niemand hat Sie gezwungen, die Hülle zu kaufen.",
            "unprofessional-tone",
            False,
        ),
        ("Le prix était affiché. Personne ne vous a obligé à commander.", "unprofessional-tone", False),
        ("El precio estaba bien visible. Nadie le obligó a comprarla.", "unprofessional-tone", False),
        ("Il prezzo era scritto bello grande. Nessuno l'ha obbligata a comprarlo.", "unprofessional-tone", False),
        (
            "Haben Sie das Handy vielleicht vom Balkon geworfen? Anders ist der Riss nicht zu erklären.",
            "unprofessional-tone",
            False,
        ),
        # a negation in an earlier clause does not excuse the scolding ("... non aiuta, ma ... troppo lungo da leggere")
        (
            "Lasciarle chiuse in cantina non aiuta, ma immagino che il foglietto di istruzioni fosse troppo lungo da"
            " leggere.",
            "unprofessional-tone",
            False,
        ),
        (
            "説明書にも「日なたに置く」と大きく書いてあるのですが、お読みいただけましたでしょうか？",  # noqa: RUF001 (as Japanese writes it)
            "unprofessional-tone",
            False,
        ),
        # digits spelt in kana with a small vowel ("にぃ", "ごぉ")
        (
            "お電話でしたら ゼロキュウゼロ の いちにぃさん よん の ごぉろくななはち までどうぞ。",
            "contact-details",
            False,
        ),
        # the dots of a link written as spaces, told by its path
        ("There's a short care video on our site – oakandhide co uk / care – if it helps.", "external-link", False),
        # a chase for the feedback, in chat lines
        (
            "re-bonjour\nje reviens encore vers vous pour l'avis\nvous avez eu le temps de regarder ?",
            "feedback-pressure",
            False,
        ),
    ],
)
def test_sarcasm_a_spaced_link_kana_digits_and_a_french_chase_block(text, rule, resolved):
    assert rule in _rules_found(text, LintContext(kind="message", resolved=resolved)), text


@pytest.mark.parametrize(
    ("text", "resolved"),
    [
        # a joke taken back ("No, nonsense –") and a wrong item left to the buyer ("keep it, give it away, as you like")
        (
            "Die pinke Hülle war natürlich ein Versuch, Ihren Stil aufzufrischen. Nein, Quatsch – da hat jemand im Lager"
            " ins falsche Fach gegriffen.",
            False,
        ),
        ("青いケースは返送不要です。予備にするなりご家族にあげるなり、お好きにどうぞ。", False),
        # Amazon's own pages written with spaces, and a slash in a sentence
        ("You can print the label from amazon co uk / returns. The net / gross weight is on the box.", False),
    ],
)
def test_a_joke_taken_back_a_free_item_and_amazons_pages_are_honest(text, resolved):
    errors = [f for f in lint(text, LintContext(kind="message", resolved=resolved)) if f.severity == "error"]
    assert not errors, [(f.rule, f.match) for f in errors]


@pytest.mark.parametrize(
    ("code", "projected", "rating"),
    [
        ("fr", "La veilleuse projette des petites étoiles au plafond.", "Une note de 5 étoiles nous aiderait."),
        ("en", "The night light throws little stars on the ceiling.", "A 5 star rating would help us."),
        ("de", "Die Lampe wirft kleine Sterne an die Decke.", "Eine Bewertung mit 5 Sternen hilft uns."),
        ("es", "La lámpara proyecta estrellas en el techo.", "Una valoración de 5 estrellas nos ayudaría."),
        ("it", "La lampada proietta stelle sul soffitto.", "Una valutazione a 5 stelle ci aiuterebbe."),
    ],
)
def test_stars_a_lamp_throws_on_the_ceiling_are_no_rating(code, projected, rating):
    rules = languages.rules_for(frozenset({code}))
    for text, named in ((projected, False), (rating, True)):
        tagged = rules.vocabulary.tag(rules.normaliser.fold_text(text))
        assert bool(tagged.occurrences("feedback")) is named, text


# --- 2026-12-04 (eleventh session): blind pair 72/69, read after its figures ----------------------------------------
@pytest.mark.parametrize(
    ("text", "rule", "resolved"),
    [
        # the buyer told they are blocked, in a sentence that does not say "今後の"
        (
            "同じ内容のご連絡が続いております。今後当店からのご購入はご遠慮いただくよう、設定いたしました。",
            "unprofessional-tone",
            True,
        ),
        ("何度も同じご連絡をいただいておりますので、ブロック設定させていただきました。", "unprofessional-tone", True),
        # "even if you tell me that, what am I supposed to do?"
        (
            "半年もフィルターを替えずに「味が変」と言われましても、こちらとしては何をすればよいのか分かりません。",
            "unprofessional-tone",
            False,
        ),
        # a soft ask "at your discretion", with a gift card later in the message
        (
            "フィードバックについてですが、お客様のご判断で見直していただけるようでしたら、ありがたく存じます。"
            "お詫びとしてAmazonギフト券（500円分）をお送りさせていただければと思っております。",  # noqa: RUF001 (as Japanese writes it)
            "incentive-for-feedback",
            True,
        ),
        # English verbs with French endings ("si vous updatez votre feedback")
        (
            "Je peux vous renvoyer le beige en standard, ou, si vous updatez votre feedback, je le mets en express.",
            "removal-notice-before-resolved",
            False,
        ),
        # the notice, then "once the deletion is done, could you tell us? as early as you can would help"
        (
            "問題が解決したとお感じでしたら、フィードバックは更新または削除することが可能です。削除が完了しましたら"
            "ご連絡いただけますか。確認したいので、なるべく早めにお願いできると助かります。",
            "feedback-pressure",
            True,
        ),
    ],
)
def test_shut_outs_pushback_soft_asks_franglais_and_a_chase_for_the_deletion_block(text, rule, resolved):
    found = {f.rule for f in lint(text, LintContext(kind="message", resolved=resolved)) if f.severity == "error"}
    assert rule in found, text


@pytest.mark.parametrize(
    "text",
    [
        # "is a thing the buyer does at their own discretion, and we ask nothing": ものであり gives no reason
        "評価の投稿・変更・削除はすべて購入者様ご自身のご判断で行っていただくものであり、当店から内容についてお願いすること"
        "はございません。靴底の剥がれにつきましては、返品・返金または交換にて対応させていただきます。",
        # "we can neither ask you to change it nor promise anything in return"
        "当店はAmazonの規約に従い、評価の変更や削除をお客様にお願いすること、またそれと引き換えに何らかの対応をお約束する"
        "ことはできないことになっております。返品商品の到着を確認後、全額を返金いたします。",
        # where feedback is shown, said in answer to the buyer's question, promotes nothing
        "Yes, feedback's public on our storefront. Totally your call. Replacement's on its way either way.",
    ],
)
def test_denials_of_any_ask_and_where_feedback_is_shown_are_honest(text):
    errors = [f for f in lint(text, LintContext(kind="message", resolved=False)) if f.severity == "error"]
    assert not errors, [(f.rule, f.match) for f in errors]


def test_a_change_reported_and_thanked_for_in_the_next_sentence_is_no_second_notice():
    context = LintContext(kind="message", resolved=True, prior_removal_notices=1)
    reported = "Hemos visto que ha actualizado su valoración. No hacía falta, pero se lo agradecemos mucho."
    assert "repeat-removal-notice" not in {f.rule for f in lint(reported, context)}
    # a notice thanked for after it is still a notice, and an ask thanked for in advance still asks
    for told in (
        "If you feel we sorted it, feedback can be updated or removed. Thanks for your patience.",
        "Actualice su valoración, por favor. Muchas gracias por su ayuda.",
    ):
        assert "repeat-removal-notice" in {f.rule for f in lint(told, context)}, told


@pytest.mark.parametrize(
    "comment",
    [
        "Arrived three days late and the Amazon driver left it with the concierge. It was fulfilled by Amazon, so I"
        " guess the seller is not to blame.",
        "Llegó con tres días de retraso y el repartidor de Amazon lo dejó en la portería sin avisar. Era envío"
        " gestionado por Amazon, así que supongo que el vendedor no tiene culpa.",
        "Kam drei Tage zu spät, der Amazon-Fahrer hat es einfach beim Nachbarn abgegeben. Versand durch Amazon, der"
        " Verkäufer kann also nichts dafür.",
    ],
)
def test_a_delivery_comment_that_clears_the_seller_is_still_about_amazons_delivery(comment):
    assert _removable_grounds(comment) == ["fba-delivery"], comment


# --- 2026-12-04 (eleventh session): blind pair 73/70, read after its figures ----------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "The size is in the listing. It is entirely your own fault for not checking it before ordering.",
        "The power button is the big round one on top – pretty hard to miss.",
        "We get chancers like you every month after free candles. Nice try.",
        "Ihre Behauptung ist schlicht nicht glaubwürdig. Wir kennen diese Masche: erst paddeln, dann reklamieren.",
    ],
)
def test_blame_and_accusations_of_trying_it_on_block(text):
    assert "unprofessional-tone" in _rules_found(text, LintContext(kind="message")), text


def test_a_comment_that_says_amazon_sent_it_and_clears_the_seller_is_about_amazons_delivery():
    comment = "Came two days late with Amazon Logistics. Sent by Amazon, so not really the seller's fault."
    assert _removable_grounds(comment) == ["fba-delivery"]


@pytest.mark.parametrize(
    "text",
    [
        # the seller's own bill paid into the wrong account, told to put the buyer at ease: nothing offered
        "Not to worry at all – I once paid my gas bill into the electricity account, so I'm in no position to judge!"
        " Amazon doesn't let sellers alter feedback, so it has to be done from your end: go to Your Orders, then Leave"
        " seller feedback, where there's an option to remove it.",
        # Amazon's 60 days told as a fact of the procedure, not a deadline set by the seller
        "出品者への評価は、お客様ご自身で変更・削除していただけます（削除は投稿から60日以内）。手順は以下のとおりです。",  # noqa: RUF001
    ],
)
def test_the_sellers_own_mishap_and_amazons_window_for_removal_press_nothing(text):
    found = _rules_found(text, LintContext(kind="message", resolved=True))
    assert not found & {"incentive-for-feedback", "feedback-pressure"}, found


# --- 2026-12-04 (eleventh session): blind pair 74/71, read after its figures ----------------------------------------
@pytest.mark.parametrize(
    ("text", "rule", "resolved"),
    [
        # a debt claimed the sentence after the feedback is named ("you do your part, we'll do ours")
        (
            "Ya sabe que oficialmente no podemos condicionar un reembolso a las valoraciones. Lo que sí le puedo decir"
            " es que, si usted hace su parte, nosotros haremos la nuestra y le tramitamos el importe.",
            "feedback-pressure",
            False,
        ),
        # the notice, then a free puzzle "in the days after the update, as a little thought from us"
        (
            "Se ritiene che abbiamo risolto il suo problema, è possibile aggiornare o rimuovere il feedback lasciato in"
            " origine. Nei giorni successivi all'aggiornamento, come piccolo pensiero da parte nostra, saremo felici di"
            " spedirle gratuitamente un puzzle da 500 pezzi.",
            "incentive-for-feedback",
            True,
        ),
    ],
)
def test_a_debt_after_the_feedback_and_a_gift_after_the_update_block(text, rule, resolved):
    assert rule in _rules_found(text, LintContext(kind="message", resolved=resolved)), text


def test_what_the_manufacturer_is_asked_to_improve_is_not_the_feedback():
    text = (
        "Hemos visto tu reseña sobre la goma del oído derecho y tienes toda la razón: se lo hemos pasado al fabricante"
        " para que lo mejore. ¡Gracias por avisar!"
    )
    found = {f.rule for f in lint(text, LintContext(kind="message"))}
    assert not found & {"removal-notice-before-resolved", "solicit-positive-feedback", "feedback-pressure"}, found


# --- 2026-12-04 (eleventh session): blind pair 75/72, read after its figures ----------------------------------------
@pytest.mark.parametrize(
    ("text", "rule", "resolved"),
    [
        # the approved notice, then a plea for the change with guilt in the next sentence
        (
            "If you are satisfied that we have resolved your concerns, it is possible to update or remove the feedback"
            " you originally provided here. It would honestly make our week if you did – we're only a team of three!",
            "feedback-pressure",
            True,
        ),
        # a packer's contract said to hang on the rating
        (
            "La chica que preparó su pedido es nueva y está muy preocupada, porque con una valoración así podría perder"
            " el contrato. Si pudiera tenerlo en cuenta, se lo agradecería.",
            "feedback-pressure",
            False,
        ),
        ("¿De verdad era necesario escribirnos tres mensajes en una hora por esto?", "unprofessional-tone", False),
        ("Ha provato ad attaccarlo alla corrente, o anche quello è un difetto nostro?", "unprofessional-tone", False),
    ],
)
def test_a_plea_after_the_notice_a_job_at_stake_and_scorn_block(text, rule, resolved):
    assert rule in _rules_found(text, LintContext(kind="message", resolved=resolved)), text


@pytest.mark.parametrize(
    ("text", "context"),
    [
        # one request for an honest rating whatever it says, the verb before its subject
        (
            "Wenn Sie möchten, freuen wir uns über Ihre ehrliche Bewertung bei Amazon, ganz gleich wie sie ausfällt.",
            LintContext(kind="message", resolved=True),
        ),
        # a change reported and thanked for ("Muchas gracias, no hacía falta")
        (
            "Hola Sr. Vidal, hemos visto que ha actualizado su valoración. Muchas gracias, no hacía falta. Que lo"
            " disfrute.",
            LintContext(kind="message", resolved=True, prior_removal_notices=1),
        ),
    ],
)
def test_a_request_for_any_verdict_and_a_change_thanked_for_are_honest(text, context):
    errors = [f for f in lint(text, context) if f.severity == "error"]
    assert not errors, [(f.rule, f.match) for f in errors]


# --- 2026-12-04 (eleventh session): blind pair 76/73, read after its figures ----------------------------------------
@pytest.mark.parametrize(
    ("text", "rule", "resolved"),
    [
        # a warranty withheld unless the change is seen by Friday ("ご変更が確認できない場合")
        (
            "交換対応はすでに完了しておりますが、いただいている評価が現在も★1のままとなっております。\n今週金曜日までに"
            "ご変更が確認できない場合、今後の保証対応はお受けいたしかねますのでご了承ください。",
            "feedback-pressure",
            True,
        ),
        (
            "How exactly did you expect it to keep working if it has never once been descaled?",
            "unprofessional-tone",
            False,
        ),
        (
            "It just needs the battery charged first, which I appreciate is a revolutionary concept.",
            "unprofessional-tone",
            False,
        ),
        (
            "¿De verdad hacía falta abrir una incidencia antes de enchufarla un par de horas?",
            "unprofessional-tone",
            False,
        ),
        ("Esto lo sabe cualquiera que haya usado un cargador en su vida.", "unprofessional-tone", False),
    ],
)
def test_a_warranty_withheld_until_the_change_is_seen_and_scorn_block(text, rule, resolved):
    assert rule in _rules_found(text, LintContext(kind="message", resolved=resolved)), text


def test_a_drill_that_lacks_power_is_a_product_review():
    comment = (
        "La perceuse manque clairement de puissance et la batterie tient à peine 20 minutes. Bof bof pour le prix."
    )
    assert _removable_grounds(comment) == ["product-review"]


@pytest.mark.parametrize(
    "text",
    [
        # the seller rereading the feedback, and half the price refunded
        "いただいた評価、何度も読み返しました。お届けが遅れ、お怒りはごもっともです。シーツは明日お届けの予定です。",
        "ひびについては、評価の内容にかかわらず一部返金いたします。金額は商品代金の半額、1,490円でいかがでしょうか。",
    ],
)
def test_the_seller_rereading_the_feedback_and_half_the_price_refunded_are_honest(text):
    errors = [f for f in lint(text, LintContext(kind="message")) if f.severity == "error"]
    assert not errors, [(f.rule, f.match) for f in errors]


# --- 2026-12-04 (eleventh session): blind pair 77/74, read after its figures ----------------------------------------
def test_a_change_asked_from_two_stars_to_five_is_read_in_japanese():
    text = "以前ご投稿いただきました星2つのご評価を、ぜひとも星5つへとご変更いただけませんでしょうか。"
    assert "direct-removal-request" in {f.rule for f in lint(text, LintContext(kind="message", resolved=True))}


def test_a_notice_that_names_five_stars_steers_the_rating_outright():
    text = (
        "Le remboursement est parti ce matin. Du coup, comme vous l'aviez dit, vous pouvez passer votre note à 5 étoiles"
        " 😊 Merci d'avance !"
    )
    found = {(f.rule, f.severity) for f in lint(text, LintContext(kind="message", resolved=True))}
    assert ("solicit-positive-feedback", "error") in found


@pytest.mark.parametrize(
    ("text", "rule", "kind"),
    [
        ("The ink works fine, it's your printer settings. It's not rocket science.", "unprofessional-tone", "message"),
        (
            "If you cannot tell leather from PU then I really don't know what to tell you.",
            "unprofessional-tone",
            "message",
        ),
        (
            "Eso lo ve cualquiera que haya escalado dos veces. A mí no me cuente cuentos.",
            "unprofessional-tone",
            "message",
        ),
        (
            "Seit Ihrer Bewertung sind die Verkäufe um die Hälfte eingebrochen. Ich wollte Ihnen nur sagen, was so eine"
            " Bewertung für eine Familie bedeutet.",
            "feedback-pressure",
            "message",
        ),
        (
            "Con esta valoración, mi jefe se está planteando no renovarle el contrato. Si pudiera reconsiderarlo, se lo"
            " agradecería.",
            "feedback-pressure",
            "message",
        ),
        ("Ricordiamo a tutti che fino a fine mese la linea Outdoor è scontata del 30%!", "marketing", "response"),
    ],
)
def test_scorn_a_family_or_a_job_at_stake_and_a_sale_until_month_end_block(text, rule, kind):
    assert rule in _rules_found(text, LintContext(kind=kind)), text


@pytest.mark.parametrize(
    "comment",
    [
        "Parcel came 3 days late, Amazon's courier left it out in the rain. It was fulfilled by Amazon so not much the"
        " seller could do but still annoyed.",
        "Consegna gestita da Amazon: il corriere ha lasciato il pacco davanti al cancello sotto la pioggia senza suonare,"
        " e con due giorni di ritardo.",
    ],
)
def test_more_comments_on_amazons_delivery(comment):
    assert _removable_grounds(comment) == ["fba-delivery"], comment


@pytest.mark.parametrize(
    ("text", "resolved"),
    [
        ("Nous espérons que le tapis de pique-nique de remplacement vous donne entière satisfaction.", True),
        ("Je ne vais pas vous mentir, semaine pourrie ici : panne du camion lundi. C'est de notre faute.", False),
        (
            "Die Erstattung über 34,99 € haben wir heute veranlasst. Ob Sie Ihre Bewertung ändern, entscheiden natürlich"
            " allein Sie.",
            True,
        ),
        ("On a vu passer votre commentaire sur la boutique, merci beaucoup, ça fait plaisir à toute l'équipe !", False),
    ],
)
def test_a_picnic_a_rotten_week_a_decision_left_to_the_buyer_and_a_comment_seen_are_honest(text, resolved):
    found = _rules_found(text, LintContext(kind="message", resolved=resolved))
    assert not found, found


# --- 2026-12-04 (eleventh session): blind pair 78/75, read after its figures ----------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "La ringraziamo per aver modificato la sua recensione da 1 a 5 stelle! Come promesso, le abbiamo inviato un"
        " buono regalo Amazon da 15€.",
        "Thank you for changing your review to 5 stars! As promised, we have sent you a £15 gift card.",
    ],
)
def test_a_gift_sent_as_promised_for_a_change_reported_just_before_blocks(text):
    context = LintContext(kind="message", resolved=True, prior_removal_notices=1)
    assert "incentive-for-feedback" in _rules_found(text, context), text


def test_a_german_lining_that_is_thick_is_no_profanity():
    text = "Die Größe fällt etwas klein aus, weil das Kaschmirfutter recht dick ist. Ich würde Ihnen die L empfehlen."
    assert "unprofessional-tone" not in _rules_found(text, LintContext(kind="message"))


def test_a_vacuum_that_picks_up_dog_hair_is_a_product_review():
    comment = "Picks up dog hair brilliantly but the app keeps losing the map. 3 stars for the vacuum."
    assert _removable_grounds(comment) == ["product-review"]


# --- 2026-12-04 (eleventh session): blind pair 79/76, read after its figures ----------------------------------------
@pytest.mark.parametrize(
    ("text", "rule", "resolved"),
    [
        # a rating called unjustified beside an ask, after the case was resolved
        (
            "On a vu votre 1 étoile. Le griffoir est arrivé, il est conforme. Merci de retirer la note, elle n'a pas"
            " lieu d'être.",
            "feedback-pressure",
            True,
        ),
        # a couple's only income beside the ask
        (
            "Pourriez-vous modifier votre commentaire ? On est juste mon mari et moi, la boutique c'est notre seul"
            " revenu.",
            "feedback-pressure",
            True,
        ),
        ("Mal ehrlich, liest heute eigentlich noch irgendwer die Pflegehinweise?", "unprofessional-tone", False),
        ("¿De verdad se leyó las instrucciones o las tiró con el cartón?", "unprofessional-tone", False),
        ("lol the screw is taped under the base. maybe have a look next time", "unprofessional-tone", False),
        ("No need to make such a fuss over a cake tin.", "unprofessional-tone", False),
    ],
)
def test_an_unjustified_rating_an_only_income_and_more_scorn_block(text, rule, resolved):
    assert rule in _rules_found(text, LintContext(kind="message", resolved=resolved)), text


@pytest.mark.parametrize(
    "comment",
    [
        # "löst sich" folds to "lost sich": no lost parcel
        "Die Backform ist spitze! Nichts klebt an, der Kuchen löst sich super und sie sieht noch aus wie neu.",
        # the cat ignores it, not the seller
        "My cat completely ignores it and the sisal sheds all over the carpet. Too short for a big cat.",
    ],
)
def test_a_cake_that_comes_out_and_a_cat_that_ignores_the_post_are_product_reviews(comment):
    assert _removable_grounds(comment) == ["product-review"], comment


@pytest.mark.parametrize(
    ("text", "context"),
    [
        (
            "ご丁寧なお返事ありがとうございました。評価も更新していただいたようで、お気遣いに感謝いたします。",
            LintContext(kind="message", resolved=True, prior_removal_notices=1),
        ),
        (
            "The discount you saw last week was a limited-time deal and it ended on Sunday, which is why the price has"
            " gone back up.",
            LintContext(kind="message"),
        ),
    ],
)
def test_a_change_that_seems_done_and_a_deal_that_ended_are_honest(text, context):
    assert not _rules_found(text, context)


# --- 2026-12-04 (eleventh session): blind pair 80/77, read after its figures ----------------------------------------
def test_a_free_upgrade_offered_to_raise_three_stars_blocks():
    text = (
        "Hemos visto tus 3 estrellas. Dinos qué podemos hacer para que subas la nota y lo hacemos. Si quieres, tu"
        " próximo pedido te lo mandamos con envío urgente sin coste."
    )
    assert "incentive-for-feedback" in _rules_found(text, LintContext(kind="message", resolved=True))


def test_an_address_given_with_at_in_brackets_and_a_spaced_dot_is_contact_details():
    text = (
        "Schreiben Sie uns doch bitte kurz an buchhaltung (at) klingenwerk-handel . de, dann schicken wir die Rechnung."
    )
    assert "contact-details" in _rules_found(text, LintContext(kind="message"))


@pytest.mark.parametrize(
    "text",
    [
        "Sorry about this – we've been in touch by message to sort it out.",
        "Thank you - glad the replacement charger sorted it out.",
    ],
)
def test_the_seller_sorting_the_problem_out_in_a_response_asks_nothing_of_the_feedback(text):
    assert not _rules_found(text, LintContext(kind="response"))


def test_sort_it_out_said_of_the_feedback_still_asks():
    found = _rules_found("I saw your 1 star. Sort it out please.", LintContext(kind="message"))
    assert "removal-notice-before-resolved" in found


# --- 2026-12-04 (twelfth session): blind pair 81/78, read after its figures -----------------------------------------
@pytest.mark.parametrize(
    "text",
    ["Apologies Emma Clarke, the courier was late with your parcel.", "Thanks again Daniel Parker for the photos."],
)
def test_a_full_name_after_a_capitalised_word_in_a_response_is_personal_data(text):
    assert "personal-data" in _rules_found(text, LintContext(kind="response"))


def test_a_pronoun_for_a_claim_named_after_the_feedback_is_not_the_feedback():
    honest = (
        "I've read your feedback and I'm sorry. A new trimmer went out today. If you've already opened an A-to-z claim,"
        " that's fine, there's no need to withdraw it – Amazon will see the replacement on the order."
    )
    assert not _rules_found(honest, LintContext(kind="message"))
    asked = "I've read your feedback and I'm sorry. Could you withdraw it? We'll refund you once you do."
    assert "incentive-for-feedback" in _rules_found(asked, LintContext(kind="message"))


def test_the_seller_taking_the_goods_back_is_no_change_of_the_feedback():
    text = (
        "Wir haben Ihre Bewertung gelesen und entschuldigen uns. Wir würden Ihnen gern einen neuen Bezug schicken oder,"
        " wenn Ihnen das lieber ist, das Brett komplett zurücknehmen."
    )
    assert not _rules_found(text, LintContext(kind="message"))
    asked = (
        "Wir haben Ihre Bewertung gelesen. Wir bitten Sie, diese zurückzunehmen, dann schicken wir einen neuen Bezug."
    )
    assert _rules_found(asked, LintContext(kind="message"))


@pytest.mark.parametrize(
    "text",
    [
        "No problem – we've changed the delivery address on our side to 14 Elm Close before the parcel left.",
        "Adresse wie gewünscht auf Lindenstr. 12 geändert, Paket war noch nicht raus. Versand morgen früh.",
    ],
)
def test_the_buyers_own_delivery_address_confirmed_in_a_message_is_no_contact_detail(text):
    assert not _rules_found(text, LintContext(kind="message"))


def test_an_address_stays_a_finding_where_it_reaches_the_seller_or_is_public():
    returned = "Please send the kettle back to us at 14 Elm Close, Leeds LS6 2QT."
    assert "contact-details" in _rules_found(returned, LintContext(kind="message"))
    public = "Your parcel was delivered to 14 Elm Close on Monday, as the tracking shows."
    assert "personal-data" in _rules_found(public, LintContext(kind="response"))


@pytest.mark.parametrize(
    "text",
    [
        # "as agreed" points the refund back at the removal just thanked for
        "Nous avons vu que vous aviez supprimé votre commentaire, merci ! Comme convenu, nous vous avons remboursé 5 €.",
        "We saw you took the review down, thank you! As agreed, we've refunded £5 to your card.",
        # a new rating as what sets the refund off
        "Un remboursement partiel de 8 € est prévu. Il sera déclenché dès réception de votre nouvelle note.",
        # "it" for the feedback named the sentence before, "after" following it
        "You mentioned in your feedback how disappointed you were. If you decide to update it after the new one"
        " arrives, let me know – I'd like to send you a gift card to say thank you.",
    ],
)
def test_a_gift_tied_to_the_change_by_agreement_new_rating_or_pronoun_blocks(text):
    assert "incentive-for-feedback" in _rules_found(text, LintContext(kind="message", resolved=True))


def test_feedback_said_to_go_into_a_report_on_the_buyers_account_presses():
    text = (
        "Please be aware that we flag accounts with repeated 'not received' claims to Amazon, and negative feedback"
        " about a delivery our records show as completed will be included in that report."
    )
    assert "feedback-pressure" in _rules_found(text, LintContext(kind="message", resolved=True))


def test_customers_who_also_love_our_other_product_is_promotion():
    text = "By the way, lots of customers who bought this feeder also love our cedar nesting boxes!"
    assert "marketing" in _rules_found(text, LintContext(kind="message"))


def test_a_warranty_equally_valid_is_no_rating_still_unchanged():
    text = (
        "Le hemos hecho un reembolso parcial de 25 € por el arañazo. Si más adelante nota cualquier fallo, la garantía"
        " de dos años sigue igual de vigente."
    )
    assert not _rules_found(text, LintContext(kind="message", resolved=True))


@pytest.mark.parametrize(
    "text",
    [
        "Viene explicado en el manual, con dibujitos y todo. ¿Se ha planteado leerlo antes de escribir una valoración así?",
        "È tutto spiegato nel manuale. Bastava leggerlo prima di scrivere una recensione così.",
    ],
)
def test_asking_whether_the_buyer_thought_of_reading_it_first_scolds(text):
    assert "unprofessional-tone" in _rules_found(text, LintContext(kind="message"))


# --- 2026-12-04 (twelfth session): blind pair 82/79, read after its figures -----------------------------------------
def test_a_hair_dryer_is_a_product_not_hair_left_in_a_used_item():
    assert _removable_grounds("Hair dryer is far too loud and the cable is really short. Would not buy again.") == [
        "product-review"
    ]


def test_a_deadline_after_a_notice_because_the_sellers_account_is_under_review_presses():
    text = (
        "Falls Sie der Ansicht sind, dass wir Ihr Anliegen gelöst haben, können Sie die ursprünglich abgegebene"
        " Bewertung hier aktualisieren oder entfernen. Es wäre sehr hilfreich, wenn Sie das möglichst heute noch"
        " erledigen könnten, da unser Verkäuferkonto aktuell von Amazon überprüft wird."
    )
    assert "feedback-pressure" in _rules_found(text, LintContext(kind="message", resolved=True))


@pytest.mark.parametrize(
    "text",
    [
        "Je vous renvoie le bon modèle demain avec un petit coussin, c'est cadeau. Si vous trouvez que le geste en vaut"
        " la peine, vous savez où nous laisser un petit mot plus positif.",
        "The right size goes out tomorrow with a free cushion. If you think it was worth it, you know where to leave us"
        " a more positive note.",
    ],
)
def test_a_gift_beside_a_hint_at_a_more_positive_note_blocks(text):
    assert "incentive-for-feedback" in _rules_found(text, LintContext(kind="message"))


def test_a_phone_number_spelt_in_words_between_full_stops_is_contact_details():
    text = "Trop long par écrit, appelez-moi demain au zéro six. quarante-deux. dix-huit. trente. cinq."
    assert "contact-details" in _rules_found(text, LintContext(kind="message"))


# --- 2026-12-04 (twelfth session): blind pair 83/80, read after its figures -----------------------------------------
def test_each_sentence_that_refers_back_to_a_notice_carries_its_pressure():
    text = (
        "If you are satisfied that we have resolved your concerns, it is possible to update or remove the feedback you"
        " originally provided. Could you please do that? Please – it would make a big difference to us, and we'd be so"
        " grateful if you could do it soon."
    )
    assert "feedback-pressure" in _rules_found(text, LintContext(kind="message", resolved=True))


@pytest.mark.parametrize(
    ("text", "context"),
    [
        (
            "Vielen Dank, dass Sie Ihre Bewertung geändert haben! Als kleines Dankeschön haben wir Ihnen soeben 5 € auf"
            " Ihre Bestellung zurückerstattet.",
            LintContext(kind="message", resolved=True, prior_removal_notices=1),
        ),
        (
            "Le ricordiamo che è possibile aggiornare il feedback lasciato, se lo ritiene opportuno. E sappia che chi ci"
            " aiuta con la nostra reputazione trova sempre una piccola sorpresa nel pacco successivo.",
            LintContext(kind="message", resolved=True),
        ),
    ],
)
def test_a_thank_you_gift_or_a_surprise_for_the_change_blocks(text, context):
    assert "incentive-for-feedback" in _rules_found(text, context)


@pytest.mark.parametrize(
    "text",
    [
        "The deck was clearly jumped off kerbs, which any parent should know it isn't designed for.",
        "¿Ha probado a leer las instrucciones, que vienen en seis idiomas, incluido el suyo?",
        "取扱説明書の4ページに図解入りで載っております。説明書、最後まで読んでいただけました？",  # noqa: RUF001
        "普通、お子さんに乗せる前にブレーキの調整くらいはされますよね？",  # noqa: RUF001
    ],
)
def test_condescension_to_the_buyer_is_unprofessional(text):
    assert "unprofessional-tone" in _rules_found(text, LintContext(kind="message"))


# --- 2026-12-04 (twelfth session): blind pair 84/81, read after its figures -----------------------------------------
def test_a_pronoun_for_the_feedback_followed_by_the_sellers_promise_is_the_feedback():
    text = (
        "As the feedback was left before the parcel arrived, if you're able to remove it we'll refund the delivery"
        " charge in full."
    )
    assert "incentive-for-feedback" in _rules_found(text, LintContext(kind="message"))


def test_are_you_seriously_saying_is_scorn():
    text = "Tracking shows a photo of the parcel by your door. Are you seriously saying the courier made up the photo?"
    assert "unprofessional-tone" in _rules_found(text, LintContext(kind="message"))


def test_contact_us_before_leaving_feedback_steers_whatever_the_aside_before_it():
    text = (
        "Sollte irgendetwas nicht passen, egal ob Größe, Farbe oder Naht, schreiben Sie uns bitte direkt hier, bevor Sie"
        " eine Bewertung abgeben."
    )
    assert "solicit-positive-feedback" in _rules_found(text, LintContext(kind="message", resolved=True))


def test_a_change_the_buyer_has_done_thanked_for_in_german_is_no_second_notice():
    text = "Wir haben gesehen, dass Sie Ihre Bewertung aktualisiert haben – vielen Dank, das freut uns sehr."
    assert not _rules_found(text, LintContext(kind="message", resolved=True, prior_removal_notices=1))


def test_a_massager_that_leaves_something_to_be_desired_is_a_product_review():
    assert _removable_grounds(
        "パワーが思ったより弱い。一番強いモードでも肩こりには物足りない。音もけっこううるさいです。"
    ) == ["product-review"]


# --- 2026-12-04 (twelfth session): blind pair 85/82, read after its figures -----------------------------------------
def test_a_useless_seller_is_about_the_seller_not_the_product():
    assert _removable_grounds("Useless seller, couldn't care less once they had my money.") == []


def test_a_refund_once_that_is_done_after_a_notice_is_its_price():
    text = (
        "If you are satisfied that we have resolved your concerns, it is possible to update or remove the feedback you"
        " originally provided. Once that's done, we'll refund the £15 you paid for express delivery."
    )
    assert "incentive-for-feedback" in _rules_found(text, LintContext(kind="message", resolved=True))


def test_wed_appreciate_you_amending_your_rating_asks_in_a_response():
    text = "Please get in touch via Amazon messages – once we've fixed this, we'd appreciate you amending your rating."
    assert "removal-request-in-response" in _rules_found(text, LintContext(kind="response"))


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("Ja, da haben wir Mist gebaut: Sie hatten zwei grüne Blöcke bestellt.", LintContext(kind="message")),
        (
            "Il va sans dire que vous n'avez nul besoin de nous retourner l'article endommagé.",
            LintContext(kind="message"),
        ),
        (
            "Tenía usted razón en su reseña. Si quiere cambiarlo por el modelo de 16 A, lo hacemos sin coste.",
            LintContext(kind="message"),
        ),
    ],
)
def test_a_mistake_owned_no_need_to_return_and_a_model_swapped_are_honest(text, context):
    assert not _rules_found(text, context)


def test_a_rating_swapped_for_five_stars_still_blocks():
    text = "Hemos visto su valoración. Si puede cambiarla por una de cinco estrellas, le devolvemos 10 €."
    assert "incentive-for-feedback" in _rules_found(text, LintContext(kind="message", resolved=True))


def test_a_colleagues_job_said_to_hang_on_the_rating_presses_after_a_warehouse_error():
    text = (
        "Mi dispiace molto per il ritardo, dovuto a un errore nostro di magazzino. Devo però dirle che la valutazione"
        " negativa che ha lasciato è stata attribuita al collega che ha gestito il suo ordine, che rischia di non"
        " essere confermato."
    )
    assert "feedback-pressure" in _rules_found(text, LintContext(kind="message", resolved=True))


# --- 2026-12-04 (twelfth session): blind pair 86/83, read after its figures -----------------------------------------
def test_a_phone_number_spelt_digit_by_digit_with_wide_gaps_is_contact_details():
    text = "For urgent matters please call our technician on 0 1 6 3 2   9 6 0   5 5 7, weekdays 9-5."
    assert "contact-details" in _rules_found(text, LintContext(kind="message"))


def test_a_pronoun_changed_to_a_number_of_stars_however_spelt_is_the_feedback():
    text = "Just seen ur feedback. If u could change it to 5 start Ill refund u £10 straight away."
    assert "incentive-for-feedback" in _rules_found(text, LintContext(kind="message"))


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Wer für 29,90 € einen handgeschnitzten Schachsatz erwartet, hat offenbar etwas falsche Vorstellungen."
            " Vorher Preise vergleichen hätte geholfen.",
            "response",
        ),
        ("Wer eine Anleitung nicht liest, sollte sich über das Ergebnis nicht wundern.", "message"),
        (
            "Nella scheda c'è scritto. Ci permetta di chiederle: la descrizione l'ha letta, prima di ordinare?",
            "message",
        ),
    ],
)
def test_scolding_the_buyer_in_german_and_italian_is_unprofessional(text, kind):
    assert "unprofessional-tone" in _rules_found(text, LintContext(kind=kind))


def test_never_again_closing_a_product_review_does_not_make_it_about_the_seller():
    comment = "Bürstenköpfe sind viel zu weich und nach zwei Wochen schon total ausgefranst. Putzen nicht richtig. Nie wieder."
    assert _removable_grounds(comment) == ["product-review"]


# --- 2026-12-04 (twelfth session): blind pairs 87/84 and 88/85, read after their figures ----------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Vielleicht hätte ein kurzer Blick in die Artikelbeschreibung geholfen? Aber gut, lesen ist ja offenbar nicht"
        " jedermanns Sache.",
        "Le pot est vert sauge, comme indiqué dans les photos de l'annonce, que vous n'avez visiblement pas pris le"
        " temps de regarder. Nous ne pouvons pas être tenus responsables de l'inattention de nos clients.",
    ],
)
def test_scolding_in_german_and_french_is_unprofessional(text):
    assert "unprofessional-tone" in _rules_found(text, LintContext(kind="message"))


def test_a_shop_remembered_by_one_feedback_beside_a_refund_presses():
    text = (
        "I've added a small partial refund of £8 to your order. I'd hate for our little shop to be remembered by that"
        " one feedback, so whatever you decide to do about it, I hope the refund helps."
    )
    assert "feedback-pressure" in _rules_found(text, LintContext(kind="message", resolved=True))


def test_a_casual_german_ask_to_raise_the_stars_is_a_change_request():
    text = "Dein neuer Helm ist raus. Wenn er passt wär echt mega wenn du die 2 ⭐ noch auf 5 hochmachst 🙏"
    assert "removal-notice-before-resolved" in _rules_found(text, LintContext(kind="message"))


def test_the_whole_amount_given_back_for_removing_the_rating_named_two_sentences_before_blocks():
    text = (
        "También quería comentarle algo sobre la valoración de una estrella. Entiendo perfectamente por qué la puso."
        " Si decide quitarla, yo personalmente me encargo de que le devolvamos el importe íntegro del primer par."
    )
    assert "incentive-for-feedback" in _rules_found(text, LintContext(kind="message", resolved=True))


def test_a_spanish_delivery_comment_that_says_amazon_handled_the_shipping_is_fba_delivery():
    comment = "Llegó con cuatro días de retraso. El envío lo gestionaba Amazon y su repartidor lo dejó en el portal."
    assert _removable_grounds(comment) == ["fba-delivery"]


# --- 2026-12-04 (twelfth session): blind pair 89/86, read after its figures -----------------------------------------
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            'Interesting that a "faulty" mixer was used every day for three months before it became faulty.',
            "response",
        ),
        (
            "Schön, dass Sie nachts um halb drei noch die Energie für drei Absätze über unsere Spielmatte hatten.",
            "message",
        ),
    ],
)
def test_sarcasm_about_the_buyers_claim_or_hour_is_unprofessional(text, kind):
    assert "unprofessional-tone" in _rules_found(text, LintContext(kind=kind))


def test_its_interesting_that_said_of_a_fact_is_no_sarcasm():
    assert not _rules_found(
        "It's interesting that the colour looks darker on some screens.", LintContext(kind="message")
    )


def test_a_demand_to_correct_the_feedback_not_representative_of_our_products_presses():
    text = (
        "We therefore expect you to correct your feedback, as it is clearly not representative of our products or"
        " service."
    )
    assert "feedback-pressure" in _rules_found(text, LintContext(kind="message"))


def test_pleading_with_the_buyer_to_take_the_feedback_down_presses():
    text = "Please Sir, we are pleading with you to kindly take down the feedback. We have sent the correct charger."
    assert "feedback-pressure" in _rules_found(text, LintContext(kind="message", resolved=True))


# --- 2026-12-04 (twelfth session): blind pair 90/87, read after its figures -----------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "The heater came back with water inside the control head. Clearly instructions aren't for everyone.",
        "We're sorry you're unhappy, but did you actually check the size chart before ordering?",
        "Wozu gibt es eigentlich die rote Anzeige am Griff? Lassen Sie den Topf abkühlen, dann geht er auf. Wundersam,"
        " oder?",
        "Êtes-vous certain que personne chez vous ne l'a ouvert avant vous ? Nous avons beaucoup de mal à croire à cette"
        " version.",
        "Las medidas están en el título, en negrita. Pero bueno, ya vemos que leer antes de comprar no se lleva.",
        "今後はお客様からのご注文は受け付けないよう設定させていただきました。",
    ],
)
def test_scorn_suspicion_and_a_buyer_shut_out_are_unprofessional(text):
    assert "unprofessional-tone" in _rules_found(text, LintContext(kind="message"))


@pytest.mark.parametrize(
    "text",
    [
        "I had a good laugh at your story about the steam setting off the smoke alarm!",
        "Vérifiez bien que le joint est en place avant la première utilisation — c'est bête, mais la moitié des soucis"
        " viennent de là.",
        "Ho letto il feedback che ci ha lasciato e ha ragione su tutta la linea: la pentola doveva partire lunedì.",
    ],
)
def test_a_friendly_laugh_a_silly_detail_and_being_right_all_along_are_honest(text):
    assert not _rules_found(text, LintContext(kind="message", resolved=True))


@pytest.mark.parametrize(
    ("comment", "grounds"),
    [
        # the listing named with its elided article ("l'annonce") is the seller's service
        (
            "Housse reçue avec une tache et l'emballage déchiré, et l'annonce disait 100 % coton alors que l'étiquette"
            " indique 50 % polyester.",
            [],
        ),
        (
            "Consegna in ritardo di 5 giorni, il corriere di Amazon ha lasciato il pacco al vicino senza avvisare. Spedito"
            " da Amazon, pessimo servizio di consegna.",
            ["fba-delivery"],
        ),
    ],
)
def test_elided_listing_words_and_a_delivery_service_are_read_as_their_topics(comment, grounds):
    assert _removable_grounds(comment) == grounds


# --- 2026-12-04 (thirteenth session): blind pairs 91/88 and 92/89, read after their figures -------------------------
@pytest.mark.parametrize(
    "text",
    [
        "We are sorry the gift arrived late; the parcel was held at the depot for three days.",
        "Es tut uns leid, dass das Geschenk zu spät angekommen ist. Wir haben unsere Versandzeiten angepasst.",
        "Nous sommes désolés que le cadeau soit arrivé après l'anniversaire.",
        "Lamentamos que el regalo llegara tarde; hemos revisado nuestros plazos de preparación.",
        "Ci dispiace che il regalo sia arrivato in ritardo.",
        "プレゼントが遅れて届いてしまい、申し訳ございません。",
    ],
)
def test_the_gift_the_buyer_ordered_is_no_bonus_offered_in_a_public_response(text):
    assert not _rules_found(text, RESPONSE)


@pytest.mark.parametrize(
    "text",
    [
        "Wir haben der Käuferin ein kleines Geschenk geschickt.",
        "Nous avons envoyé un petit cadeau à la cliente pour nous excuser.",
        "Le hemos enviado un regalo al cliente como disculpa.",
        "お客様にはクーポンをプレゼントいたしました。",
    ],
)
def test_a_gift_given_the_buyer_is_still_a_bonus_in_a_public_response(text):
    assert "incentive-for-feedback" in _rules_found(text, RESPONSE)


def test_a_gift_that_turned_up_late_and_what_took_the_shine_off_it_are_no_offer_nor_removal():
    text = (
        "I've just read your feedback and I'm so sorry. I know a gift turning up late takes the shine off it. I've "
        "refunded the delivery charge today."
    )
    assert not _rules_found(text, OPEN)
    assert "removal-notice-before-resolved" in _rules_found("I've read your feedback. Could you take it off?", OPEN)


def test_a_code_of_digits_on_a_card_and_a_worn_number_are_neither_promotion_nor_insult():
    spanish = "Con el código de 5 dígitos de la tarjeta que venía con el candado podemos pedir llaves nuevas."
    japanese = "番号が削れて読めない場合も、お気軽にご相談ください。"
    assert not _rules_found(spanish, OPEN) and not _rules_found(japanese, OPEN)


@pytest.mark.parametrize(
    ("comment", "grounds"),
    [
        ("The baking stone cracked the second time I used it. Poor quality, far too thin.", ["product-review"]),
        ("Too soft for my back and it's already lost its shape after a week. Wouldn't recommend.", ["product-review"]),
        (
            "Paket kam drei Tage später als angekündigt, der Amazon-Fahrer hat es in den Regen gestellt. Versand durch"
            " Amazon halt.",
            ["fba-delivery"],
        ),
        (
            "Pedido con envío de Amazon y llegó dos días más tarde de lo prometido. El repartidor de Amazon ni llamó.",
            ["fba-delivery"],
        ),
    ],
)
def test_wear_in_use_is_the_product_and_a_late_fba_parcel_is_delivery(comment, grounds):
    assert _removable_grounds(comment) == grounds


def test_a_warranty_that_requires_the_feedback_withdrawn_among_other_papers_presses():
    text = (
        "To process a warranty claim we require the order number, a photo of the fault, and confirmation that any"
        " negative feedback relating to the order has been withdrawn."
    )
    assert "feedback-pressure" in _rules_found(text, OPEN)
    # a list of papers alone asks nothing of the feedback
    assert not _rules_found("To process a claim we require the order number, a photo, and the receipt.", OPEN)


def test_a_japanese_ask_after_the_options_in_either_case_is_an_ask():
    text = (
        "下記からお選びください。①交換 ②返金。いずれの場合も、お手続きが済みましたら、つけていただいた星の数を"
        "見直していただけますと幸いです。"
    )
    assert "removal-notice-before-resolved" in _rules_found(text, OPEN)


@pytest.mark.parametrize(
    "text",
    [
        "Laut DHL wog das Paket 2,4 kg. Ein leerer Karton wiegt das nicht, aber das wissen Sie sicher selbst am besten,"
        " oder?",
        "Le informamos de que hemos bloqueado su usuario y no volveremos a atender sus mensajes.",
        "Este truco ya nos lo conocemos. No sé si pensaba que no nos íbamos a dar cuenta.",
        "Sinceramente, vuole farci credere che sia uscito così dal nostro magazzino?",
    ],
)
def test_insinuation_and_a_buyer_shut_out_are_unprofessional_in_every_language(text):
    assert "unprofessional-tone" in _rules_found(text, OPEN)


def test_another_product_on_a_lightning_deal_is_promotion_but_the_deal_the_buyer_missed_is_explained():
    pitch = "By the way, if you like it you'll love our matching griddle plate – it's on a Lightning Deal this weekend!"
    assert "marketing" in _rules_found(pitch, RESOLVED)
    explained = "The lower price you saw was a Lightning Deal that ended before you ordered, so it could not apply."
    assert not _rules_found(explained, RESOLVED)


@pytest.mark.parametrize(
    "text",
    [
        "Your hangers were delivered yesterday. If you have a moment, you're welcome to leave feedback about your"
        " experience with us on Amazon – whatever you think, it helps us improve.",
        "Ihre Rolle wurde gestern zugestellt. Wenn Sie einen Moment Zeit haben, freuen wir uns über eine ehrliche"
        " Bewertung Ihrer Erfahrung mit uns – ganz gleich, wie sie ausfällt.",
        "Su pedido se entregó ayer. Si lo desea, puede dejar su opinión sobre la compra, tanto si ha ido bien como si"
        " hay algo que debamos mejorar.",
    ],
)
def test_asking_for_feedback_whatever_it_says_is_honest(text):
    assert not [f for f in lint(text, RESOLVED) if f.severity == "error"]


def test_a_learned_finding_names_what_it_read_even_when_only_letters_weigh():
    cases = Path(__file__).parent / "training" / "en-blind-round-92.jsonl"
    for line in cases.read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        for finding in lint(case["text"], LintContext(kind=case["kind"], **case["context"])):
            assert "weigh most: )" not in finding.message, case["id"]


# --- blind pairs 93/90 and 94/91, read after their figures -----------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "lol ok so the 'broken' glue gun you sent back was just not pushed into the base properly. it works fine.",
        'Der "defekte" Mixer, den Sie zurückgeschickt haben, funktioniert einwandfrei.',
        "Le mixeur « défectueux » que vous nous avez renvoyé fonctionne parfaitement.",
        'Il frullatore "difettoso" che ci ha rimandato funziona benissimo.',
    ],
)
def test_the_buyers_complaint_in_scare_quotes_is_contempt(text):
    assert "unprofessional-tone" in _rules_found(text, OPEN)


@pytest.mark.parametrize(
    "text",
    [
        'You say the skillet is "rusty" after three weeks; here is how to bring it back.',
        "Please choose the reason 'Defective' when you start the return.",
        "Pour le retour, choisissez le motif « défectueux » dans votre compte.",
        "Dice que el molinillo está «roto»: ¿nos manda una foto?",
    ],
)
def test_the_buyers_word_quoted_or_a_return_reason_named_is_no_scorn(text):
    assert "unprofessional-tone" not in _rules_found(text, OPEN)


@pytest.mark.parametrize(
    "text",
    [
        "Did you leave it soaking in the sink overnight by any chance? Because that's exactly what happens when you do.",
        "Hemos leído su mensaje. ¿Se tomó la molestia de leerlo antes de escribirnos? Igual así nos habríamos ahorrado"
        " todos este intercambio.",
    ],
)
def test_scolding_the_buyer_for_what_they_did_is_unprofessional(text):
    assert "unprofessional-tone" in _rules_found(text, OPEN)


def test_a_widows_plea_and_a_shop_pushed_down_the_listings_press_however_much_asking_is_denied():
    text = (
        "This little shop is how I support my two kids since my husband passed, and a single bad rating pushes us right"
        " down the listings. I'm not asking for anything, I just wanted you to know who's on the other end when you"
        " decide whether that feedback stays up."
    )
    assert "feedback-pressure" in _rules_found(text, RESOLVED)


def test_a_reminder_of_the_feedback_after_the_notice_presses():
    text = (
        "If you are satisfied that we have resolved your concerns, it is possible to update or remove the feedback you"
        " originally provided here.\n\nA quick tip: nylon strings take a week to settle.\n\nThanks again, and please"
        " don't forget about that feedback when you get a minute!"
    )
    assert "feedback-pressure" in _rules_found(text, RESOLVED)


@pytest.mark.parametrize(
    "text",
    [
        "Danke für Ihre Nachricht! Übrigens: Unsere Gamaschen gibt es ab sofort auch in Sandbeige – jetzt entdecken!",
        "Kleiner Tipp noch: Nächsten Monat kommt unsere Herbstkollektion raus, da lohnt sich ein Blick in unseren Shop!",
    ],
)
def test_a_new_colour_and_a_coming_collection_are_promotion(text):
    assert "marketing" in _rules_found(text, RESOLVED)


def test_a_favour_asked_of_a_pronoun_for_the_stars_is_an_ask():
    text = "Ha messo una stella perché non le avevamo risposto. Ci farebbe la cortesia di toglierla intanto?"
    assert "removal-notice-before-resolved" in _rules_found(text, OPEN)


def test_the_buyers_corrected_address_and_a_hall_open_to_all_are_what_they_are():
    address = "Abbiamo aggiornato l'etichetta con l'indirizzo giusto (via Rovereto 14 e non via Roma). Parte domani."
    assert "contact-details" not in _rules_found(address, RESOLVED)
    comment = "Colis expédié par Amazon laissé dans le hall ouvert à tous, le livreur Amazon n'a même pas sonné."
    assert _removable_grounds(comment) == ["fba-delivery"]


# --- blind pair 95/92, read after its figures ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("The shop has refunded this order in full and has blocked this buyer from purchasing again.", RESPONSE),
        ("As stated clearly in the listing (which I assume you read?), the wraps are not dishwasher safe.", OPEN),
        ("Thanks so much for the detailed one-word feedback ('rubbish'). Very helpful.", OPEN),
    ],
)
def test_a_buyer_blocked_and_sarcasm_about_their_reading_or_their_words_are_unprofessional(text, context):
    assert "unprofessional-tone" in _rules_found(text, context)


@pytest.mark.parametrize(
    ("comment", "grounds"),
    [
        ("Wraps lost their stickiness after two weeks. Smell nice though.", ["product-review"]),
        (
            "Le tamper est joli mais la base est trop petite pour mon porte-filtre. Et il se raye dès la première"
            " semaine.",
            ["product-review"],
        ),
        (
            "Pacco arrivato dopo 6 giorni invece di 1, il corriere di Amazon non ha nemmeno suonato. Spedizione gestita"
            " da Amazon, lo so che il venditore non c'entra ma la stella la metto lo stesso.",
            ["fba-delivery"],
        ),
    ],
)
def test_a_property_lost_a_portafilter_and_a_seller_said_blameless_are_read_as_their_topics(comment, grounds):
    assert _removable_grounds(comment) == grounds


def test_thanks_for_a_change_already_made_is_no_second_notice():
    text = "Acabo de ver que ha cambiado su valoración. No hacía falta, pero muchísimas gracias, de verdad."
    assert "repeat-removal-notice" not in _rules_found(text, LintContext(resolved=True, prior_removal_notices=1))


@pytest.mark.parametrize(
    "text",
    [
        "Ya tienes el reembolso hecho. El viernes nos revisan las métricas, así que si puedes cambiar la valoración antes"
        " de ese día nos harías un favor enorme. Si no, Amazon nos puede suspender y es nuestro único ingreso.",
        # an error owned in service is no retraction of what follows it
        "Lamentamos el retraso; fue un error nuestro al preparar el pedido. Quería contarle que, a raíz de su"
        " comentario, a la compañera que preparó el paquete le han abierto un expediente y está muy afectada.",
    ],
)
def test_a_deadline_a_suspension_and_a_colleague_disciplined_press_in_spanish(text):
    assert "feedback-pressure" in _rules_found(text, RESOLVED)


@pytest.mark.parametrize(
    "text",
    [
        "Wenn Sie zufrieden sind, dass wir Ihr Anliegen gelöst haben, können Sie Ihre ursprüngliche Bewertung hier"
        " aktualisieren oder entfernen. Geben Sie uns danach einfach kurz Bescheid, wir hätten da noch eine kleine"
        " Überraschung für Ihre nächste Bestellung.",
        "Le recordamos que, si lo considera oportuno, es posible actualizar la valoración que dejó. El cepillo de regalo"
        " se lo enviaremos en cuanto veamos el cambio.",
    ],
)
def test_a_surprise_or_a_gift_sent_once_the_change_is_seen_is_its_price(text):
    assert "incentive-for-feedback" in _rules_found(text, RESOLVED)


def test_a_german_phone_number_spelt_with_elf_and_zwo_is_contact_details():
    text = "Rufen Sie uns gern an: null sieben elf – vier fünf, sechs zwo, acht null (Mo–Fr 9 bis 16 Uhr)."
    assert "contact-details" in _rules_found(text, OPEN)


def test_a_japanese_replacement_that_works_told_before_the_notice_is_the_remedy():
    text = (
        "交換品のリモコンが正常に作動したとのご連絡をいただき、安堵いたしております。今回の対応で問題が解決したとお感じ"
        "いただけましたら、当初ご投稿いただいた評価は、お客様ご自身で更新または削除していただくことが可能でございます。"
    )
    assert "incentive-for-feedback" not in _rules_found(text, RESOLVED)


# --- blind pair 96/93, read after its figures ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "As stated in the title and on the box, this model has a 3kg maximum. We're not sure how much clearer we could"
        " have made it.",
        "Most of our customers manage this without any trouble, but I've attached a photo in case it helps.",
        "Thanks for the lovely one-star review, really made our day. Hope the next seller meets your standards.",
        "La tabla de medidas está en la segunda foto. ¿De verdad nadie en casa pensó en medirle la cabeza al niño?",
    ],
)
def test_doubting_the_buyers_sense_and_wishing_them_another_seller_are_contempt(text):
    assert "unprofessional-tone" in _rules_found(text, RESOLVED)


def test_thanks_to_customers_like_you_is_praise_not_an_insult():
    text = "Aquel lote se nos escapó, y gracias a clientes como usted hemos cambiado de proveedor de baterías."
    assert "unprofessional-tone" not in _rules_found(text, RESOLVED)


@pytest.mark.parametrize(
    ("comment", "grounds"),
    [
        (
            "Balance pas précise, 3 ou 4 grammes d'écart sur le même paquet de farine et l'écran n'est pas rétroéclairé.",
            ["product-review"],
        ),
        (
            "La bilancia non è precisa, con un pacco di zucchero da 1 kg segna 985 g. E il display si spegne dopo 30"
            " secondi.",
            ["product-review"],
        ),
        (
            "Amazon発送の商品だったけど、お届け予定日を3日も過ぎてやっと届いた。Amazonの配達員は置き配指定も無視。",
            ["fba-delivery"],
        ),
    ],
)
def test_a_packet_weighed_is_no_parcel_and_a_courier_ignoring_instructions_is_delivery(comment, grounds):
    assert _removable_grounds(comment) == grounds


# --- blind pair 97/94, read after its figures ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Sie schreiben, der Block sei „viel zu hart“. In der Beschreibung steht „hohe Dichte“. Lesen hätte da geholfen.",
        "¿Ha probado a no colgar ahí seis botes de champú de litro? Quizá así le dure algo más.",
        "サイズは商品ページに明記しております。ご購入前にご確認いただけなかったのでしょうか。",
    ],
)
def test_telling_the_buyer_reading_or_sense_would_have_helped_is_contempt(text):
    assert "unprofessional-tone" in _rules_found(text, OPEN)


def test_noted_in_french_is_no_rating_and_italian_thanks_for_a_change_done_is_no_second_notice():
    noted = (
        "C'est noté ! Votre commande étant encore en préparation, nous avons pu tenir compte de la nouvelle adresse que"
        " vous avez mise à jour dans votre compte Amazon."
    )
    assert not _rules_found(noted, OPEN)
    thanked = "Abbiamo visto che ha aggiornato la sua valutazione: la ringraziamo davvero, non era dovuto."
    assert not _rules_found(thanked, LintContext(resolved=True, prior_removal_notices=1))


def test_a_block_softer_than_expected_that_dents_in_use_is_a_product_review():
    comment = "Yoga block is softer than I expected and dents if you press on it with your knee."
    assert _removable_grounds(comment) == ["product-review"]


# --- blind pair 98/95, read after its figures ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "We have sent you a replacement and a refund. Some customers are never happy and it appears you are one of them.",
        "Wer ein Produkt erst benutzt und sich dann über Gebrauchsspuren beschwert, kann nicht ernsthaft erwarten, dass"
        " wir den vollen Preis erstatten.",
        "Les frais de douane sont indiqués en gras. On se demande bien pourquoi vous ne l'avez pas lue avant de"
        " commander, c'était à vous de vous renseigner.",
    ],
)
def test_calling_the_buyer_a_never_happy_customer_or_a_user_who_should_have_known_is_contempt(text):
    assert "unprofessional-tone" in _rules_found(text, RESOLVED)


def test_asking_to_be_told_once_the_change_is_done_after_the_notice_presses():
    text = (
        "If you are satisfied that we have resolved your concerns, it is possible to update or remove the feedback you"
        " originally provided here. Please let us know once you've done it so we can close your case."
    )
    assert "feedback-pressure" in _rules_found(text, RESOLVED)


# --- blind pair 99/96, read after its figures ------------------------------------------------------------------------
def test_a_monthly_newsletter_with_subscriber_offers_is_promotion():
    text = (
        "We also send out a monthly newsletter with seasonal gardening tips and subscriber-only offers, so if you'd"
        " like to be added just reply YES."
    )
    assert "marketing" in _rules_found(text, OPEN)


@pytest.mark.parametrize(
    "text",
    [
        "Nobody else has ever reported a rash, so it's hard to believe the silk is to blame. Maybe check your washing"
        " powder first?",
        "La longitud aparece en el título y en la ficha. ¿De verdad hace falta ponerla más grande? Esta vez lea la"
        " descripción antes de comprar.",
        "Chi soffre di allergie dovrebbe informarsi prima di acquistare, non dopo. Non possiamo rispondere di una scelta"
        " fatta senza leggere.",
        "前回もお伝えしたはずですが……。正直、同じ間違いを2度されるとは思いませんでした。次はよくご確認ください。",
        "Visto il tono dei suoi messaggi abbiamo segnalato il suo account ad Amazon, e non accetteremo altri suoi ordini.",
    ],
)
def test_disbelief_a_lecture_on_reading_and_a_buyer_reported_and_refused_are_unprofessional(text):
    assert "unprofessional-tone" in _rules_found(text, OPEN)


def test_feedback_said_to_put_other_customers_off_presses():
    text = (
        "We wondered whether you might consider removing the part of your feedback about the rash, as it is putting"
        " other customers off."
    )
    assert "feedback-pressure" in _rules_found(text, RESOLVED)


def test_a_little_something_kept_for_customers_who_change_it_is_its_price():
    text = (
        "Si considera que hemos resuelto su incidencia, puede actualizar o eliminar la valoración que nos dejó. Tenemos"
        " además un pequeño detalle reservado para los clientes que lo hacen; solo tiene que escribirnos."
    )
    assert "incentive-for-feedback" in _rules_found(text, RESOLVED)


def test_a_soaked_box_left_by_amazons_carrier_is_delivery():
    comment = "Amazonから発送の商品でしたが、雨の中、箱がびしょ濡れのまま置き配されていました。配達業者さん、気をつけてほしいです。"
    assert _removable_grounds(comment) == ["fba-delivery"]


# --- blind pair 100/97, read after its figures -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "context"),
    [
        ('Apparently "doesn\'t work" means "I didn\'t charge it". Item tested and working.', RESPONSE),
        (
            "Ya le hemos explicado 3 veces cómo se abre. No tiene más misterio, lo hace un niño de 6 años. Si aun así no"
            " sabe, devuélvalo y listo.",
            OPEN,
        ),
        (
            "Il manuale lo spiega a pagina 3, con un disegno grande così. Ci chiediamo sinceramente: lo ha aperto, il"
            " manuale, prima di scrivere?",
            OPEN,
        ),
    ],
)
def test_sarcasm_about_the_buyers_complaint_and_competence_is_contempt(text, context):
    assert "unprofessional-tone" in _rules_found(text, context)


def test_checking_back_to_see_whether_the_feedback_was_updated_presses():
    text = (
        "If you are satisfied that we have resolved your concerns, it is possible to update or remove the feedback you"
        " originally provided here.\n\nI'll check back in a few days to see whether it's been updated."
    )
    assert "feedback-pressure" in _rules_found(text, RESOLVED)


def test_a_promo_code_for_the_next_order_is_promotion():
    text = "I've made a one-off 10% promo code just for you: LETTER10. Pop it in at checkout on your next order."
    assert "marketing" in _rules_found(text, RESOLVED)


@pytest.mark.parametrize(
    "text",
    [
        # the seller corrects the listing ("on va la corriger"), not the buyer the feedback
        "Nous avons bien pris connaissance de votre commentaire concernant les gants. La fiche aurait dû le préciser"
        " plus clairement, on va la corriger. Nous vous proposons un remboursement intégral.",
        # the buyer's new delivery address, and a postcode on a label
        "C'est bon : votre booster partira bien au 14 rue des Tilleuls et non plus à votre ancienne adresse.",
        "El guante se quedó retenido en la oficina de reparto por un error en el código postal de la etiqueta.",
    ],
)
def test_the_seller_correcting_the_listing_a_new_address_and_a_postcode_are_honest(text):
    assert not _rules_found(text, OPEN)


def test_a_grooming_glove_that_takes_hair_off_is_a_product_review():
    comment = "Glove works brilliantly, our spaniel loves it and tons of hair comes off. 5 stars."
    assert _removable_grounds(comment) == ["product-review"]


# --- blind pair 101/98, read after its figures -----------------------------------------------------------------------
def test_another_product_to_search_for_is_promotion():
    text = (
        "Glad the replacement is working. If you're ever after more storage, we also make a matching walnut spice rack"
        ' - just search "Oak & Iron kitchen" on Amazon.'
    )
    assert "marketing" in _rules_found(text, RESOLVED)


@pytest.mark.parametrize(
    ("text", "context"),
    [
        (
            "Thank you for your feedback. We have reviewed our packaging and now use reinforced corners on all large"
            " parcels.",
            RESPONSE,
        ),
        ("The button with the little star icon cycles the brightness. If you hold the star down it resets.", OPEN),
        (
            "Ta lampe est bien arrivée ? Petit conseil : mets-la à 30-40 cm au-dessus de tes plants au début, et"
            " laisse-la allumée 14 h par jour. Si les feuilles jaunissent, remonte-la un peu, c'est qu'elle chauffe"
            " trop.\nEt si t'as la moindre question, même bête, écris-moi ici, je réponds super vite !",
            RESOLVED,
        ),
    ],
)
def test_packaging_improved_a_star_button_and_a_lamp_put_up_are_honest(text, context):
    assert not _rules_found(text, context)


@pytest.mark.parametrize(
    ("comment", "grounds"),
    [
        (
            "Die Magnetleiste hält meine großen Messer nicht richtig, das Kochmesser rutscht immer langsam nach unten.",
            ["product-review"],
        ),
        (
            "Commande expédiée par Amazon : livrée avec 4 jours de retard, le livreur Amazon n'a même pas sonné. Service"
            " de livraison lamentable.",
            ["fba-delivery"],
        ),
    ],
)
def test_a_knife_sliding_slowly_and_a_delivery_service_are_read_as_their_topics(comment, grounds):
    assert _removable_grounds(comment) == grounds


# --- blind pair 102/99, read after its figures -----------------------------------------------------------------------
def test_a_warranty_refused_should_the_feedback_remain_unchanged_is_blocked():
    text = (
        "Please note that, should the feedback you have left remain unchanged, we will be unable to process any"
        " further warranty claims on this order."
    )
    assert _rules_found(text, OPEN)


@pytest.mark.parametrize(
    "text",
    [
        "It says so in the listing, in bold. Honestly, does nobody read anymore? Take the case off and it fits.",
        "lol mate you plugged it into a 20V charger, no wonder it fried. Send it back, but don't hold your breath.",
        "Vous êtes la quatrième personne ce mois-ci à m'écrire cela. Je vous laisse deviner ce qui s'est passé chez"
        " vous.",
        "¿De verdad hace falta leerse las instrucciones para cerrar una cremallera? Parece que sí.",
    ],
)
def test_more_scorn_about_reading_and_wrecking_the_item_is_unprofessional(text):
    assert "unprofessional-tone" in _rules_found(text, OPEN)


def test_cushions_with_white_stars_name_no_rating():
    text = (
        'Buongiorno Sig.ra Leone,\nci dispiace per l\'errore: al posto dei cuscini fantasia "Cielo stellato" (quelli blu'
        ' con le stelle bianche) le abbiamo spedito la fantasia "Righe marine". Le abbiamo già mandato la coppia giusta,'
        " quella con le stelline, con GLS: dovrebbe arrivare entro mercoledì. I cuscini a righe può tenerli, non serve"
        " restituirli.\nCi scusiamo ancora,\nElena"
    )
    assert not _rules_found(text, OPEN)


def test_paint_chipped_off_after_a_week_is_a_product_review():
    comment = "Bottle keeps water cold all day but the paint chipped off after a week."
    assert _removable_grounds(comment) == ["product-review"]


# --- blind pairs 103/100 ... 113/110, read after their figures: one test per behaviour fixed, the texts from them


def test_no_strings_attached_does_not_free_a_refund_from_a_change_asked_beside_it():
    text = (
        "So sorry the lunch box lid cracked. I've sent a £5 refund to you - no strings attached! Of course, if you felt"
        " like updating your rating, we'd be over the moon."
    )
    assert "incentive-for-feedback" in _rules_found(text, RESOLVED)
    # left to the buyer where it is asked, the change frees it again
    answered = (
        "You asked how to remove the feedback now that the refund has arrived, no strings attached. Please go to Your"
        " Orders and click 'Leave seller feedback'; there you will see the option to remove it. Whether you do is"
        " completely up to you."
    )
    assert "incentive-for-feedback" not in _rules_found(answered, RESOLVED)


@pytest.mark.parametrize(
    "text, found",
    [
        ("Haben Sie sich die Beschreibung vor dem Kauf überhaupt angesehen? Eine Rücksendung ist möglich.", True),
        (
            "Forse, se avesse letto la descrizione, avrebbe visto che gli occhialini sono per bambini dai 3 ai 6 anni.",
            True,
        ),
        # the seller's own looking, in its clause
        (
            "den Rabatt, den Sie meinen, haben wir uns angesehen: Der Coupon auf der Produktseite greift nur, wenn man"
            " vor dem Kauf das Kästchen anklickt.",
            False,
        ),
    ],
)
def test_scolding_for_not_reading_is_read_in_the_clause_of_the_reading(text, found):
    assert ("unprofessional-tone" in _rules_found(text, OPEN)) is found


@pytest.mark.parametrize(
    "text",
    [
        "We're sorry you didn't like the umbrella stand. Not sure what you expected for £12.99 to be honest.",
        "You really should have checked it before ordering, it's not our job to fix your mistakes.",
        "Frankly, calling us 'crooks' over a parcel that was one day late is childish.",
        "The listing clearly shows 3-5 days delivery. Maybe next time order a bit more than two days before the big day?",
        "We're sorry the 'tiny' photo frame was too complicated to turn on. The switch is on the back.",
        "Si el comprador se hubiera molestado en medir su fregadero antes de pedirlo, no estaríamos aquí.",
        "On vous propose quand même un remboursement, on n'est plus à ça près.",
        "Writing everything in capitals won't get you a refund any faster - maybe try being polite next time?",
        "Pas la peine d'écrire tout en majuscules, nous savons lire. Retirez le film et tout fonctionnera.",
        "If you choose not to set up a safe place or ask a neighbour, there isn't much anyone can do. We're a tack"
        " shop, not an insurance company.",
        "If you really think it's counterfeit, report it to Amazon and let them waste their time on it too.",
        "Vous auriez peut-être pu prévoir quelqu'un pour réceptionner, non ?",
        "So either the scale vanished somewhere between your porch and your kitchen, or something else is going on"
        " here. I think we both know which is more likely.",
        "Curieusement, c'est justement la pièce la plus chère qui aurait « disparu »… Vous comprendrez qu'on ait"
        " quelques doutes.",
        "Ora, delle due l'una: o qualcuno a casa sua ha aperto il pacco prima di lei, oppure le calze sono sparite per"
        " magia.",
        "Pour un berger allemand de 38 kg, forcément, ça coince. On se demande un peu comment ça a pu vous échapper,"
        " mais bon.",
        "Dice usted que el casco «no cierra». ¿Ha probado a leer el folleto que viene dentro de la caja, con dibujitos y"
        " todo?",
        "Nach Ihrer dritten Reklamation haben wir entschieden, Sie künftig nicht mehr zu beliefern.",
        "We're not a rental service. You've opened the air fryer, used it for a week and now you want every penny back.",
        "You've clearly been cooking with it for weeks. Did you really think we wouldn't notice?",
        "Funny how the air fryer worked perfectly for 31 days and then stopped the day after the return window closed."
        " What a coincidence.",
        "¿De verdad pretende que le devolvamos el importe íntegro? Nosotros no somos un servicio de alquiler de"
        " mochilas.",
        "Forse prima di bucare il muro poteva leggere le misure, che sono scritte belle chiare nella scheda, no?",
        "Nous ne sommes pas responsables si certains acheteurs ne prennent pas la peine de lire avant de commander.",
        "これ以上のやり取りは無意味と判断しましたので、今後のメッセージには返信いたしません。ブロックさせていただきます。",
        "Mr Blake, filing a chargeback on an item you have already been refunded for is fraud. We've seen your type"
        " before.",
        "Vous pensiez sérieusement qu'on ne remarquerait pas qu'il avait servi pendant des semaines ?",
        "Como ya indicaba la descripción (que se ve que no llegó a leer), el trípode es para móviles. ¿Tampoco vio las"
        " fotos?",
        "This is all in the dispatch email we sent you, which you'd have seen if you'd read it.",
        "Auf der Verpackung steht in großen Buchstaben „NICHT IN DIE SPÜLMASCHINE“. Aber lesen wird ja offenbar"
        " überschätzt.",
        "Sr. Ramírez: le informamos de que no vamos a contestar más. Hemos bloqueado sus mensajes.",
        "Well, we're sorry the boots \"don't fit\", although we do wonder whether anyone actually looked at the size"
        " chart.",
        "Honestly we don't understand what you were hoping to achieve, other than causing trouble for a small business.",
        "You opened an A-to-z claim over a £9.99 blanket without a single message first. Seems a bit excessive, don't"
        " you think?",
        "¿Tan complicado le resulta leer un mensaje y contestar?",
        "今後、同様のお問い合わせには返信いたしかねますし、当店でのご購入もご遠慮いただきますようお願いいたします。",
        "I think it's fairly obvious you're just angling for a free one.",
        "Avez-vous seulement pris la peine de serrer le raccord comme c'est indiqué en première page de la notice ?",
        "Vous comprendrez qu'on ait un peu de mal à vous prendre au sérieux.",
        "C'est la deuxième commande pour laquelle vous nous faites le coup, c'est devenu une habitude ?",
        "Quizás antes de pedir un reembolso parcial debería haber leído las instrucciones de descalcificación, que"
        " vienen en la página 4.",
        "¿De verdad pretende que nos creamos que llegó así de fábrica?",
        "Rubbish customer.",
        "Das USB-C-Kabel liegt übrigens nicht zur Deko im Karton.",
        "Steht auch auf Seite 1 der Anleitung, fett gedruckt, für alle, die sie lesen.",
        "¿Ha probado a mantener pulsado el botón? Porque parece que ya nadie lee las instrucciones antes de quejarse.",
        "El manual indica en la página 4, en negrita, que hay que retirar las piedras. ¿Tuvo tiempo de leerlo o fue"
        " directamente a encenderlo?",
        "Bastava seguire le istruzioni, come fanno tutti gli altri clienti.",
        "One might have checked the dimensions before ordering it for a rather small hallway, but there we are.",
        "Ce n'est pas à nous d'assumer votre négligence.",
        "Si no estaba en casa y no dejó instrucciones, ¿qué esperaba que pasara?",
        "まだ箱も開けていない商品の錆がどうやってお分かりになったのか、ぜひ教えていただきたいものです。",
        "Some customers just like to complain, and honestly your message reads like one of those.",
    ],
)
def test_more_scorn_is_unprofessional(text):
    assert "unprofessional-tone" in _rules_found(text, OPEN)


def test_a_posting_kept_up_threatened_with_refused_orders_is_pressure():
    text = (
        "先日の評価について確認いたしました。内容に事実と異なる点がございますので、このまま掲載が続く場合、今後のご注文や"
        "保証対応をお受けできなくなる可能性がございます。"
    )
    assert any(f.rule == "feedback-pressure" and f.severity == "error" for f in lint(text, OPEN))


def test_a_notice_followed_by_a_watch_kept_for_the_change_is_pressed():
    text = (
        "Hi Raj, glad the new tripod's working! If you're satisfied we've resolved your concerns, it's possible to"
        " update or remove the feedback you left. It honestly only takes 30 seconds and would mean so much to us -"
        " we'll keep an eye out for it!"
    )
    assert "feedback-pressure" in _rules_found(text, RESOLVED)
    italian = (
        "Se Lei è soddisfatto che noi abbiamo risolto le sue preoccupazioni, è possibile aggiornare o rimuovere il"
        " feedback che Lei ha originariamente fornito qui. La preghiamo gentilmente di procedere al più presto"
        " possibile, si tratta di una procedura molto semplice."
    )
    assert "feedback-pressure" in _rules_found(italian, RESOLVED)


def test_the_seller_taking_the_item_back_is_no_feedback_taken_back():
    text = (
        "danke für Ihr ehrliches Feedback zur Kerze! Wenn Sie trotzdem nicht zufrieden sind, nehmen wir sie natürlich"
        " zurück und erstatten Ihnen den vollen Preis."
    )
    assert not _rules_found(text, OPEN)
    # the buyer asked to take it back, in the same words
    asked = "Ihre Bewertung ist unfair. Nehmen Sie sie bitte zurück, dann erstatten wir den Preis."
    assert "incentive-for-feedback" in _rules_found(asked, OPEN)


def test_a_german_domain_spelled_with_punkt_ends_at_its_tld_whatever_follows():
    text = (
        "Hallo Frau Wagner,\n\ndas Ersatzteil für die Klemme haben wir bei Amazon leider gerade nicht gelistet. Sie"
        " bekommen es aber in unserem eigenen Onlineshop: einfach lichtblick-leuchten punkt de eingeben."
    )
    assert "external-link" in _rules_found(text, OPEN)
    # a spelled dot and a word of the language go on as a phrase
    assert not _rules_found("Puede recogerlo en cualquier punto de recogida de la ciudad.", OPEN)


def test_a_line_on_a_kettle_is_no_messenger():
    assert not _rules_found("2. Never fill above the MAX line, as splashing can reach the sensor.", RESOLVED)
    assert "contact-details" in _rules_found("You'll find me on Telegram as ozgearjake if that's easier.", RESOLVED)


def test_if_you_do_want_to_change_it_pays_for_nothing():
    text = (
        "Thank you for letting us know the 1 star was a slip of the finger. There's no need to do anything on our"
        " account; if you do want to change it, you can do that from Your Orders whenever suits you."
    )
    assert not _rules_found(text, RESOLVED)
    # "If you do, ..." after a notice still pays for the change
    paid = "You can update your feedback if you like. If you do, we'll send a £5 voucher."
    assert "incentive-for-feedback" in _rules_found(paid, RESOLVED)


def test_japanese_just_before_an_amazon_address_is_no_part_of_its_host():
    assert not _rules_found("本件はAmazon.co.jpの返品・返金ポリシーに基づき、返品を承っております。", OPEN)
    assert "external-link" in _rules_found("詳しくはevil-shop.comをご覧ください。", OPEN)


def test_a_bonus_given_beside_the_approved_notice_is_its_price():
    text = (
        "Your return has arrived and we have refunded the full £34.99 for the backpack. I've also added an extra £5 as a"
        " small thank-you for being so understanding about the whole thing.\n\nIf you are satisfied that we have"
        " resolved your concerns, it is possible to update or remove the feedback you originally provided here."
    )
    assert "incentive-for-feedback" in _rules_found(text, RESOLVED)
    # the refund alone is the remedy the notice follows
    remedy = text.replace(
        " I've also added an extra £5 as a small thank-you for being so understanding about the whole thing.", ""
    )
    assert not _rules_found(remedy, RESOLVED)


def test_a_phone_number_pointed_at_through_a_search_takes_the_talk_out_of_amazon():
    text = (
        "I'm afraid I can't give the office number out on here as Amazon don't allow it. If you Google 'Clearview"
        " Readers Bristol' though, the number comes straight up and you can give us a ring any weekday."
    )
    assert "contact-details" in _rules_found(text, OPEN)
    # Google's own tools named beside a call are no channel
    assert not _rules_found("If it doesn't pair, give us a ring on Amazon. Google Translate also works.", OPEN)


@pytest.mark.parametrize(
    "text, context",
    [
        pytest.param(
            (
                "Hola Ana, hemos visto que nos ha puesto una estrella y lo entendemos: las sábanas tardaron doce"
                " días en llegar cuando anunciábamos tres. Ya le hemos reembolsado los gastos de envío. Gracias"
                " por decírnoslo."
            ),
            RESOLVED,
            id="a_one_star_the_buyer_has_given_is_told_not_asked",
        ),
        pytest.param(
            "温かいフィードバックをありがとうございました。★5をいただき、スタッフ一同とても嬉しく拝見しました。",
            RESOLVED,
            id="five_stars_read_with_joy_are_thanked_for_not_asked",
        ),
        pytest.param(
            (
                "Suite à votre demande, vous trouverez en pièce jointe la facture, établie au nom de TransLog"
                " Services SAS, 14 rue des Tanneurs, 69007 Lyon, avec votre numéro de TVA intracommunautaire."
            ),
            RESOLVED,
            id="the_address_an_invoice_is_made_out_to_is_the_buyers",
        ),
        pytest.param(
            (
                "Hi there, thanks for asking! The size 9 toddler boots in yellow should be back in stock around"
                " 20 May - our shipment is on the water at the moment."
            ),
            RESOLVED,
            id="when_an_item_should_be_back_in_stock_answers_and_sells_nothing",
        ),
        pytest.param(
            "先日はレビューにご投稿いただき、誠にありがとうございました。星5つのレビューをいただけたことも大きな励みになりました。",
            RESOLVED,
            id="five_stars_that_were_an_encouragement_are_thanked_for",
        ),
        pytest.param(
            (
                "Product reviews are managed by Amazon rather than by us, so we can't change or delete one for"
                " you. You can edit your own review at any time from Your Account > Your reviews."
            ),
            RESOLVED,
            id="the_buyer_told_they_can_edit_their_own_review_is_not_blamed",
        ),
        pytest.param(
            "La housse est en 70 % viscose de bambou et 30 % polyester, sans traitement antiacarien chimique.",
            OPEN,
            id="what_a_cover_is_made_of_sells_nothing",
        ),
        pytest.param(
            (
                'Both orders were placed on 2 June about a minute apart, so I think the "Buy Now" button may have'
                " been pressed twice."
            ),
            OPEN,
            id="the_buy_now_button_pressed_twice_sells_nothing",
        ),
        pytest.param(
            (
                "Pas de panique, voici comment faire. Si une dalle force, ne tapez pas dessus : retirez-la,"
                " tournez-la d'un quart de tour et réessayez."
            ),
            OPEN,
            id="french_comment_is_how_not_a_review",
        ),
        pytest.param(
            "商品ページに表示されている「タイムセール 15%OFF」は、Amazonが期間限定で表示しているもので、ご購入日にはまだ開始前でございました。",
            OPEN,
            id="amazons_own_time_sale_explained_sells_nothing",
        ),
        pytest.param(
            (
                "Hi Gail, the voucher you used (the green 'Save 10% with voucher' on the product page) is an"
                " Amazon voucher, so it was taken off automatically at checkout."
            ),
            RESOLVED,
            id="an_amazon_voucher_explained_sells_nothing",
        ),
        pytest.param(
            "当店では出荷前に全品の通電確認を行っておりますが、今回の件を受けて検品手順を見直しております。",
            RESPONSE,
            id="every_item_checked_before_dispatch_sells_nothing",
        ),
        pytest.param(
            "Nein, Sie müssen keine Bewertung abgeben, damit die Garantie gilt. Die 24 Monate gelten ab Kaufdatum.",
            RESOLVED,
            id="no_review_needed_for_the_warranty_is_told_not_asked",
        ),
        pytest.param(
            "Falls Sie keine Bewertung abgeben möchten, ist das völlig in Ordnung.",
            RESOLVED,
            id="no_review_left_as_a_condition_is_fine_not_asked",
        ),
        pytest.param(
            (
                "Wir haben gerade Ihre Bewertung gesehen – fünf Sterne und so ein lieber Text, da haben wir uns im"
                " ganzen Team riesig gefreut! Danke, dass Sie sich die Zeit genommen haben."
            ),
            RESOLVED,
            id="so_sweet_a_text_thanked_for_is_no_request",
        ),
        pytest.param(
            (
                "Hi Neil, the address has been changed to 7 Carlton Road before dispatch, so the rice cooker will go to"
                " your new place. Thanks for letting us know in time!"
            ),
            RESOLVED,
            id="the_buyers_new_address_confirmed_is_no_contact_detail",
        ),
        pytest.param(
            (
                "Abbiamo letto il Suo feedback e ci dispiace molto che lo zaino sia arrivato con la cerniera bloccata."
                " Intanto Le confermo che possiamo inviarLe uno zaino nuovo oppure rimborsarLa, come preferisce."
            ),
            OPEN,
            id="a_stuck_zip_is_no_threat_to_block",
        ),
        pytest.param(
            (
                "Sí, las mantas se pueden enviar envueltas para regalo. Al hacer el pedido, en la página de pago verá"
                " la casilla «Este pedido contiene un regalo»; ahí puede elegir el envoltorio y escribir una nota."
            ),
            RESOLVED,
            id="a_gift_note_written_is_no_rating",
        ),
        pytest.param(
            (
                "I noticed your review went up on the 3rd, and tracking shows the blanket was delivered on the 5th, so"
                " I think it may have been written before it reached you. Not to worry."
            ),
            OPEN,
            id="a_review_that_went_up_on_a_date_is_no_rating_raised",
        ),
        pytest.param(
            (
                "Nous sommes désolés de cette expérience. Aucun message ne nous était parvenu avant cette évaluation ;"
                " nous restons disponibles via la messagerie Amazon pour trouver une solution."
            ),
            RESPONSE,
            id="no_message_received_before_the_review_is_told_not_steered",
        ),
        pytest.param(
            (
                "Ha ragione, al momento dell'ordine lo sconto del 15% sulla racchetta non le era stato applicato per"
                " un errore nostro nel listino. Le abbiamo appena emesso un rimborso parziale di 18,90 €."
            ),
            RESOLVED,
            id="a_discount_that_had_not_been_applied_explained_sells_nothing",
        ),
    ],
)
def test_honest_texts_of_the_pairs_read_are_not_blocked(text, context):
    assert not _rules_found(text, context)


@pytest.mark.parametrize(
    "text, context, rule",
    [
        pytest.param(
            (
                "No podemos garantizarlo, así que le pedimos por favor que no nos deje una valoración negativa"
                " por esto, ya que no depende de nosotros."
            ),
            OPEN,
            "solicit-positive-feedback",
            id="not_up_to_us_is_no_promise_that_nothing_hangs_on_the_feedback",
        ),
        pytest.param(
            "また、今月よりお揃いのピローケースの販売を開始いたしました。当店の商品一覧からぜひご覧ください。",
            RESOLVED,
            "marketing",
            id="a_new_range_launched_and_pointed_at_in_japanese_is_promotion",
        ),
        pytest.param(
            (
                "Kleiner Tipp noch: nächste Woche kommt unser neues Reisestativ raus, mit 20 % Einführungsrabatt."
                " Lohnt sich!"
            ),
            RESOLVED,
            "marketing",
            id="a_german_launch_with_an_introductory_discount_is_promotion",
        ),
        pytest.param(
            (
                "Just so you're aware, negative feedback is reviewed by our management and the packer responsible"
                " could face disciplinary action. We'd hate for that to happen over an honest mistake."
            ),
            OPEN,
            "feedback-pressure",
            id="a_packer_who_could_face_disciplinary_action_over_the_feedback_is_pressure",
        ),
        pytest.param(
            "よろしければお電話でご案内させてください。ゼロ・キュウ・ゼロ ー ヨン・ニ・イチ・ハチ ー ナナ・ゴ・サン・ロク(担当:青山)",
            OPEN,
            "contact-details",
            id="a_japanese_phone_number_in_katakana_set_apart_by_middle_dots_is_contact_details",
        ),
        pytest.param(
            "大変申し訳ないのですが、調査中の案件のため、発熱の件は評価やレビューには書かず、当店とのやりとりの中だけに留めていただけますと助かります。",
            RESOLVED,
            "solicit-positive-feedback",
            id="asking_that_a_fault_be_kept_out_of_the_feedback_steers_the_buyer",
        ),
        pytest.param(
            "This buyer has a history of claiming items never arrived. Tracking shows delivery with a photo.",
            RESPONSE,
            "unprofessional-tone",
            id="a_buyer_said_to_have_a_history_of_claims_in_public_is_unprofessional",
        ),
        pytest.param(
            (
                "Hemos visto que nos ha puesto dos estrellas por este motivo. Si tuviera a bien reconsiderarlo,"
                " con el nuevo envío le incluiríamos de regalo un estuche de viaje para el adaptador."
            ),
            OPEN,
            "incentive-for-feedback",
            id="a_gift_for_reconsidering_it_with_an_enclitic_is_an_incentive",
        ),
        pytest.param(
            (
                "Wegen Ihrer Bewertung hatte ich heute ein Gespräch mit meinem Chef, und wenn noch so eine kommt,"
                " bin ich meinen Job wahrscheinlich los."
            ),
            OPEN,
            "feedback-pressure",
            id="a_packer_about_to_lose_her_job_over_the_review_is_pressure",
        ),
        pytest.param(
            (
                "P.S. Our new TagMate Slim card trackers (fit right in a wallet!) are now live at a special"
                " launch price."
            ),
            RESOLVED,
            "marketing",
            id="a_launch_price_in_a_ps_is_promotion",
        ),
        pytest.param(
            (
                "Sales have dropped right off and I don't know how much longer I can keep going like this. I'm"
                " not asking for much - just please think about whether that feedback is really fair."
            ),
            OPEN,
            "removal-notice-before-resolved",
            id="not_asking_for_much_is_no_promise_that_nothing_is_asked",
        ),
        pytest.param(
            (
                "Me comenta que con los clientes que nos apoyan con una buena opinión en la tienda suele hacer"
                " una excepción. Usted verá."
            ),
            RESOLVED,
            "feedback-pressure",
            id="a_better_deal_for_customers_who_leave_a_good_opinion_is_pressure",
        ),
        pytest.param(
            "交換品を発送済みです。なお、当店では冬の新色毛糸を多数取り揃えておりますので、ぜひまたご覧ください。",
            RESPONSE,
            "marketing",
            id="new_wool_colours_in_a_japanese_response_are_promotion",
        ),
        pytest.param(
            (
                "We're sending a replacement controller today. We'd rather you didn't leave any feedback until we've"
                " had a chance to fix it."
            ),
            OPEN,
            "solicit-positive-feedback",
            id="rather_you_left_no_feedback_steers_away",
        ),
        pytest.param(
            "Es wäre uns lieber, wenn Sie keine Bewertung abgeben, bis wir das Problem gelöst haben.",
            OPEN,
            "solicit-positive-feedback",
            id="a_german_review_not_to_be_left_ending_its_clause_steers_away",
        ),
        pytest.param(
            "Bitte geben Sie keine Bewertung ab, bis wir das Problem gelöst haben.",
            OPEN,
            "solicit-positive-feedback",
            id="no_review_asked_for_steers_away",
        ),
        pytest.param(
            "Nous préférerions que vous ne laissiez pas d'évaluation avant que le problème soit réglé.",
            OPEN,
            "solicit-positive-feedback",
            id="a_french_subjunctive_no_review_steers_away",
        ),
        pytest.param(
            "Preferiremmo che non lasciasse nessuna valutazione finché non lo risolviamo.",
            OPEN,
            "solicit-positive-feedback",
            id="an_italian_subjunctive_no_review_steers_away",
        ),
        pytest.param(
            "Wir bitten Sie, von einer negativen Bewertung abzusehen.",
            OPEN,
            "removal-notice-before-resolved",
            id="refraining_from_a_german_review_is_asked_of_the_feedback",
        ),
        pytest.param(
            "Please refrain from leaving negative feedback.",
            OPEN,
            "removal-notice-before-resolved",
            id="refraining_from_feedback_is_asked_of_the_feedback",
        ),
        pytest.param(
            (
                "Si elle est ravie, n'hésitez pas à le dire dans une évaluation ! Et si jamais quelque chose cloche,"
                " répondez simplement à ce message et on s'en occupe, pas besoin d'en parler ailleurs."
            ),
            RESOLVED,
            "solicit-positive-feedback",
            id="a_review_asked_if_the_grandchild_is_delighted_and_trouble_kept_off_elsewhere_is_happy_only",
        ),
        pytest.param(
            (
                "Si vous estimez que nous avons résolu votre problème, il vous est possible de mettre à jour ou de"
                " supprimer l'évaluation que vous aviez laissée. Cela ne vous prendra que deux minutes. Merci de"
                " nous prévenir une fois que c'est fait, afin que nous puissions clôturer le dossier."
            ),
            RESOLVED,
            "feedback-pressure",
            id="told_to_report_back_once_the_french_notice_is_acted_on_is_pressure",
        ),
        pytest.param(
            (
                "If you feel we resolved your issue, you can update or remove the feedback you left. Let us know once"
                " it's done."
            ),
            RESOLVED,
            "feedback-pressure",
            id="told_to_report_back_once_the_notice_is_acted_on_is_pressure",
        ),
        pytest.param(
            "Rufen Sie mich doch einfach an: null eins fünf zwei – 38 44 19 07, ich bin Mo–Fr erreichbar.",
            OPEN,
            "contact-details",
            id="a_phone_number_half_in_words_half_in_figures_is_contact_details",
        ),
        pytest.param(
            "今週末まで当店のインク・カートリッジ全品が20%オフになっています。",
            RESOLVED,
            "marketing",
            id="a_japanese_sale_that_becomes_a_percentage_off_is_promotion",
        ),
        pytest.param(
            (
                "I've issued a full refund today. That one-star feedback is the first thing people see on our page"
                " now. It's genuinely hitting our sales."
            ),
            RESOLVED,
            "feedback-pressure",
            id="harm_told_of_the_feedback_in_the_next_sentence_through_it_is_guilt",
        ),
        pytest.param(
            (
                "誤ってお届けした商品は、同封の着払い伝票でご返送ください。実は今回の件で、いただいた低評価がそのまま"
                "残りますと、梱包を担当したスタッフが責任を取って辞めることになってしまいます。"
            ),
            OPEN,
            "feedback-pressure",
            id="a_packer_to_quit_if_the_low_rating_stays_is_guilt_not_taken_back_by_a_wrong_delivery",
        ),
        pytest.param(
            "We're just a husband-and-wife business and honestly your feedback has knocked us for six.",
            OPEN,
            "feedback-pressure",
            id="feedback_that_knocked_the_seller_for_six_is_guilt",
        ),
        pytest.param(
            (
                "Un detalle: a los clientes que nos dejan 5 estrellas les mandamos siempre sus próximos pedidos por"
                " envío prioritario, sin coste adicional."
            ),
            RESOLVED,
            "feedback-pressure",
            id="priority_shipping_for_five_stars_is_favour_whatever_it_costs",
        ),
        pytest.param(
            (
                "If you are satisfied that we have resolved your concerns, it is possible to update or remove the"
                " feedback you originally provided here. It only takes a minute and would really help us out, so"
                " please do!"
            ),
            RESOLVED,
            "feedback-pressure",
            id="so_please_do_after_the_notice_is_pressure",
        ),
        pytest.param(
            (
                "Amazon's system is pretty harsh on small shops like ours, so if you felt you could leave a 4 or 5 it"
                " would really balance things out for us."
            ),
            RESOLVED,
            "solicit-positive-feedback",
            id="a_4_or_5_asked_for_is_a_high_rating_asked_for",
        ),
        pytest.param(
            (
                "Die Kollegin hat die Modellvarianten verwechselt. Seit Ihrer Bewertung ist sie völlig aufgelöst, weil"
                " unsere Chefin jetzt überlegt, sie nach der Probezeit nicht zu übernehmen."
            ),
            OPEN,
            "feedback-pressure",
            id="a_colleague_distraught_since_the_review_and_her_job_at_stake_is_guilt",
        ),
        pytest.param(
            "お手数ですが下記までお電話いただけますでしょうか。\nゼロキューゼロ の 1234 の 5678 担当 井上",
            OPEN,
            "contact-details",
            id="a_japanese_phone_number_half_in_katakana_half_in_figures_is_contact_details",
        ),
        pytest.param(
            "説明書どおりにお使いいただければ問題なく作動します。なお、より大容量の5.5Lモデルも好評発売中です。",
            RESPONSE,
            "marketing",
            id="a_bigger_model_on_sale_in_a_japanese_response_is_promotion",
        ),
    ],
)
def test_violations_of_the_pairs_read_are_found_by_their_rule(text, context, rule):
    assert rule in _rules_found(text, context)


@pytest.mark.parametrize(
    "comment, grounds",
    [
        pytest.param(
            (
                "Llegó con cuatro días de retraso y el repartidor de Amazon lo dejó en la portería sin avisar. El"
                " envío lo hacía Amazon, no el vendedor, pero vaya tela."
            ),
            ["fba-delivery"],
            id="vaya_tela_is_no_fabric",
        ),
        pytest.param(
            "Heater stopped working after 3 weeks, nearly lost all my fish.",
            ["product-review"],
            id="fish_nearly_lost_is_no_lost_parcel",
        ),
        pytest.param(
            (
                "La macchina del pane fa un rumore pazzesco quando impasta e il pane viene sempre crudo in mezzo."
                " Il cestello si è già graffiato dopo 3 usi."
            ),
            ["product-review"],
            id="a_basket_scratched_after_three_uses_is_the_product",
        ),
        pytest.param(
            "Makes chips nice and crispy but the non-stick coating on the basket started peeling after a month.",
            ["product-review"],
            id="chips_an_air_fryer_makes_are_the_product",
        ),
        pytest.param(
            (
                "El paquete llegó tres días tarde y el repartidor de Amazon lo dejó tirado en el portal sin avisar."
                " Era un pedido enviado por Amazon, así que la queja es para ellos."
            ),
            ["fba-delivery"],
            id="the_complaint_said_to_be_amazons_is_no_product",
        ),
        pytest.param(
            "Amazon配送で届いたけど箱がボコボコで、置き配の指定も無視された。フルフィルメント by Amazonの商品だったので"
            "Amazonにも問い合わせ済み。",
            ["fba-delivery"],
            id="an_amazon_item_asked_about_at_amazon_is_neither_product_nor_service",
        ),
        pytest.param(
            (
                "Nähmaschine war angeblich neu, der Karton war aber schon offen und im Greifer hing noch ein Faden. Da"
                " hat wohl jemand vorher schon drauf genäht."
            ),
            [],
            id="a_machine_sold_as_new_but_sewn_on_before_is_the_sellers",
        ),
        pytest.param(
            (
                "Couverture annoncée neuve mais reçue avec une tache et l'étiquette coupée, clairement déjà retournée"
                " par qqn. Pas sérieux."
            ),
            [],
            id="a_blanket_sold_as_new_already_returned_by_someone_is_the_sellers",
        ),
        pytest.param(
            (
                "Slow Cooker wird auf einer Seite viel heißer als auf der anderen, Deckel klappert beim Köcheln. Für"
                " den Preis echt enttäuschend."
            ),
            ["product-review"],
            id="a_slow_cooker_is_no_slow_delivery",
        ),
    ],
)
def test_feedback_comments_of_the_pairs_read_are_triaged_by_their_topic(comment, grounds):
    assert _removable_grounds(comment) == grounds


@pytest.mark.parametrize(
    "text, context",
    [
        pytest.param(
            (
                "Guten Tag Herr Weber,\n\nIhre Gusseisenpfanne ist seit einer Woche bei Ihnen – wir hoffen, das"
                " erste Steak ist gelungen! Noch ein Tipp aus unserer Werkstatt: Nach dem Spülen die Pfanne kurz"
                " auf der Herdplatte trocknen lassen und hauchdünn einölen, dann bildet sich die Patina besonders"
                " schön.\n\nWenn Sie möchten, können Sie Ihre Erfahrung mit unserem Service über Amazon bewerten –"
                " wir lesen jede Rückmeldung, ob lobend oder kritisch. Und falls Sie Fragen zur Pflege haben,"
                " sind wir gern für Sie da.\n\nBeste Grüße\nGusswerk Manufaktur"
            ),
            RESOLVED,
            id="a_german_review_asked_for_whether_praise_or_criticism_is_no_pressure",
        ),
        pytest.param(
            (
                "Hola, Ana:\n\nVemos que el casco infantil se entregó el sábado. Esperamos que a Marcos le quede"
                " bien.\n\nSi quiere, puede contarnos cómo ha ido el pedido dejando una valoración en Amazon, sea"
                " la que sea: las leemos todas y nos sirven para mejorar. Y si tiene cualquier duda con el ajuste"
                " de la rueda trasera, aquí estamos.\n\nSaludos,\nRuedas Seguras"
            ),
            RESOLVED,
            id="a_spanish_review_asked_for_whatever_it_is_is_no_pressure",
        ),
    ],
)
def test_a_review_asked_for_whatever_its_verdict_is_no_pressure(text, context):
    assert all(f.severity != "error" for f in lint(text, context))  # nor does a learned judge block it


@pytest.mark.parametrize(
    "text, context",
    [
        pytest.param(
            (
                "Hi Becky,\n\nI'm so sorry – the picnic blanket with the navy stars pattern sold out before we could"
                " pack your order. I've refunded you in full today. Sorry for the disappointment!\n\nMeadow & Co"
            ),
            RESOLVED,
            id="a_blanket_with_a_stars_pattern",
        ),
        pytest.param(
            (
                "Mi spiace, gli stivaletti rosa con le stelline sono esauriti nella misura 28. Abbiamo quelli con le"
                " stelle blu: se vanno bene te li mando in sostituzione senza costi, altrimenti ti faccio il rimborso"
                " completo."
            ),
            OPEN,
            id="boots_with_little_stars_and_an_otherwise",
        ),
    ],
)
def test_stars_on_a_product_are_no_rating(text, context):
    assert all(f.severity != "error" for f in lint(text, context))  # nor does a learned judge block it
