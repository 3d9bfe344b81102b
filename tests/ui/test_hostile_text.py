"""Buyer and report text is shown as text, never interpreted: markup, escape sequences, bidi overrides,
zero-width and combining characters, emoji and 10,000-character comments, in comments and in order ids, rater
emails, marketplaces and agent names, show inertly on every screen and crash nothing."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from fbdesk.ui.safe_text import BIDI_CONTROLS, inert, one_line

from ui_support import HOSTILE_AGENT, HOSTILE_COMMENTS, HOSTILE_FIELDS, SIZE, buyer_mail, make_app, run

DANGEROUS = {"\x1b", "\x07", "\x9b", "\x9d", "\x00", "\r", *BIDI_CONTROLS}


def assert_inert(text: str) -> None:
    assert not DANGEROUS & set(text)
    assert not any(unicodedata.category(c) == "Cc" and c != "\n" for c in text)


@given(st.text())
@settings(max_examples=300, deadline=None)
def test_any_text_becomes_inert(value):
    assert_inert(inert(value).plain)
    flat = one_line(value).plain
    assert_inert(flat)
    assert "\n" not in flat


def test_markup_is_kept_as_text():
    assert inert("bad [/i] tag [bold]x[/bold]").plain == "bad [/i] tag [bold]x[/bold]"
    assert inert("[link=https://evil.example]click[/link]").spans == []


def test_escape_sequences_and_bidi_controls_are_shown():
    assert inert("\x1b[31mred").plain == "␛[31mred"
    assert inert("a\u202eb").plain == "a<RLO>b"
    assert inert("zero\u200bwidth").plain == "zerowidth"
    assert inert("Z" + "\u0301" * 30).plain == "Z\u0301\u0301"


def test_long_text_is_cut():
    assert len(one_line("x" * 10_000).plain) <= 201
    assert inert("y" * 50_000).plain.startswith("y" * 20_000)


def test_every_screen_shows_hostile_report_text_inertly(hostile_desk):
    """Hostile comments, order ids, rater emails, marketplaces and agent names (see `make_fields_hostile`) on
    the inbox, every case view, composer and response screen, the dashboard and the dialogs listing agents."""
    from fbdesk.ui.screens.case import CaseScreen
    from fbdesk.ui.screens.composer import ComposerScreen
    from fbdesk.ui.screens.dashboard import DashboardScreen
    from fbdesk.ui.screens.response import ResponseScreen

    ids = [fb.id for fb in hostile_desk.list_feedback(limit=100)]
    assert len(ids) == len(HOSTILE_COMMENTS)

    async def flow():
        app = make_app(hostile_desk)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("8")
            await pilot.pause()
            assert_inert_screen(app)
            # the filter dialog and "assign to…" list agent names; "someone else…" asks for one
            dialogs = (
                (["f"], "FilterScreen"),
                (["A"], "ChoiceScreen"),
                (["A", "end", "up", "enter"], "TextPromptScreen"),
            )
            for keys, dialog in dialogs:
                await pilot.press(*keys)
                await pilot.pause()
                assert type(app.screen).__name__ == dialog
                assert_inert_screen(app)
                await pilot.press("escape")
                await pilot.pause()
            for fid in ids:
                for screen in (CaseScreen(fid), ComposerScreen(fid), ResponseScreen(fid)):
                    await app.push_screen(screen)
                    await pilot.pause()
                    await app.workers.wait_for_complete()
                    assert_inert_screen(app)
                    await pilot.press("escape")
                    await pilot.pause()
            await app.push_screen(DashboardScreen())
            await pilot.pause()
            assert_inert_screen(app)
            await pilot.press("slash", *"[/i]", "enter")  # a search typed with markup is plain text too
            await pilot.pause(0.3)

    run(flow)


def test_hostile_mail_shows_inertly_in_the_thread_and_the_unmatched_mail(hostile_desk):
    """What came by mail or from a mail server (the buyer's subject, text, address and attachment names, the
    server's error, the address a message went to) on the case view, the unmatched mail list and one mail, and
    the dialogs that name them."""
    import json

    from sqlalchemy import update

    from fbdesk.db.models import BuyerMessage, BuyerReply
    from fbdesk.ui.screens.case import CaseScreen

    fid = hostile_desk.list_feedback(limit=100)[-1].id  # one with a message (see `make_fields_hostile`)
    hostile_desk.receive_mail(buyer_mail("someone@example.net", "Hello", "Hi", message_id="<r1@example.net>"))
    hostile_desk.receive_mail(buyer_mail("other@example.net", "Hello", "Hi", message_id="<r2@example.net>"))
    hostile_desk.send_message(fid, "A second message, refused like the first.")
    (first, second) = [r.id for r in hostile_desk.unmatched_mail()]
    with hostile_desk.engine.begin() as conn:
        conn.execute(
            update(BuyerReply).values(
                subject=HOSTILE_FIELDS[0] + HOSTILE_COMMENTS[0],
                body="\n".join(HOSTILE_COMMENTS),
                from_address=HOSTILE_FIELDS[1],
                order_id=HOSTILE_FIELDS[2],
                notes=HOSTILE_AGENT,
                attachments_json=json.dumps([{"name": f, "size": 1234} for f in HOSTILE_FIELDS]),
            )
        )
        conn.execute(update(BuyerReply).where(BuyerReply.id == second).values(feedback_id=fid))  # as attached
        conn.execute(
            update(BuyerMessage)
            .where(BuyerMessage.feedback_id == fid)
            .values(
                delivery_state="failed",
                delivery_error=HOSTILE_COMMENTS[1] + HOSTILE_COMMENTS[2],
                to_address=HOSTILE_FIELDS[4],
            )
        )
    assert [r.id for r in hostile_desk.unmatched_mail()] == [first]

    async def flow():
        app = make_app(hostile_desk)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            for keys, screen in ((["u"], "UnmatchedScreen"), (["enter"], "MailScreen"), (["a"], "TextPromptScreen")):
                await pilot.press(*keys)
                await pilot.pause()
                assert type(app.screen).__name__ == screen
                assert_inert_screen(app)
            await pilot.press("escape", "escape", "escape")
            await pilot.pause()
            await app.push_screen(CaseScreen(fid))
            await pilot.pause()
            assert_inert_screen(app)
            app.screen.query_one("#case-body").scroll_to_widget(
                app.screen.query_one("#section-messages"), animate=False, top=True
            )
            await pilot.pause()
            assert_inert_screen(app)
            await pilot.press("x")  # two failed messages: a list to pick from, naming them
            await pilot.pause()
            assert type(app.screen).__name__ == "ChoiceScreen"
            assert_inert_screen(app)

    run(flow)


def test_hostile_text_typed_or_pasted_into_the_editor_shows_inertly(demo_desk):
    from fbdesk.ui.screens.composer import ComposerScreen

    fid = demo_desk.list_feedback(limit=1)[0].id

    async def flow():
        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            await app.push_screen(ComposerScreen(fid))
            await pilot.pause()
            for comment in HOSTILE_COMMENTS:
                app.screen.editor.insert(comment)
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert_inert_screen(app)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert_inert_screen(app)

    run(flow)


def rendered_segments(app):
    """Every segment of the screen as the driver would write it to the terminal, with the screens under a
    dialog. The driver writes a segment's text verbatim and turns its style into SGR codes, plus an OSC 8
    hyperlink if the style has a link: so a screen whose segment texts hold no control character and whose
    styles hold no link cannot send any escape sequence of the data's making. (The SVG of export_screenshot is
    weaker: it drops links and escapes the text for XML.)"""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    for line in update.strips:
        for strip in line:
            yield from strip


def assert_inert_screen(app) -> None:
    """No ESC, C0 or C1 control character, bidi control or hyperlink in anything drawn on the screen."""
    for segment in rendered_segments(app):
        assert not segment.control, segment
        bad = {c for c in segment.text if unicodedata.category(c) == "Cc" or c in BIDI_CONTROLS}
        assert not bad, (type(app.screen).__name__, segment.text, sorted(bad))
        assert segment.style is None or not segment.style.link, (type(app.screen).__name__, segment)
