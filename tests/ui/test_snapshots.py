"""Screenshots of every screen and its key states, on seeded demo data, a fixed clock, the dark theme (one light),
a 120x36 terminal and no cursor blink; and the inbox, a case, the composer and the dashboard at the smallest usable
terminal (80x24), the smallest complete one (100x30) and a large one (160x45). Update with
`pytest tests/ui --snapshot-update` after checking the diff."""

from __future__ import annotations

import pytest

from fbdesk.desk import FeedbackQuery

from ui_support import SIZE, converse, find_case, make_app

WARNING_TEXT = "Hello, we are SO SORRY about this!!! Reply here and we will sort it out <b>today</b>."
ERROR_TEXT = "We will send you a $20 gift card if you remove the feedback."
# "If you remove your review, we will refund you 20 euros": an incentive, in German, to a buyer on amazon.de
GERMAN_ERROR_TEXT = "Hallo, es tut uns leid. Wenn Sie Ihre Bewertung entfernen, erstatten wir Ihnen 20 Euro."
CLEAN_RESPONSE = "We are sorry about this order. We contacted the buyer and sent a replacement."

SIZES = pytest.mark.parametrize("size", [(80, 24), (100, 30), (160, 45)], ids=lambda size: "{}x{}".format(*size))


def push(screen_factory):
    async def run_before(pilot) -> None:
        await pilot.app.push_screen(screen_factory())
        await pilot.pause()

    return run_before


def open_editor(screen_factory, text: str, *keys: str):
    async def run_before(pilot) -> None:
        await pilot.app.push_screen(screen_factory())
        await pilot.pause()
        pilot.app.screen.editor.insert(text)
        await pilot.pause(0.2)
        for key in keys:
            await pilot.press(key)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.2)

    return run_before


def test_inbox(snap_compare, demo_desk):
    assert snap_compare(make_app(demo_desk), terminal_size=SIZE)


def test_inbox_light_theme(snap_compare, demo_desk):
    assert snap_compare(make_app(demo_desk, theme="textual-light"), terminal_size=SIZE)


def test_inbox_with_filters_search_and_marks(snap_compare, demo_desk):
    async def run_before(pilot) -> None:
        await pilot.pause()
        screen = pilot.app.screen
        screen.query_one("#search").value = "seller"
        screen.query_one("#search").remove_class("hidden")
        screen.apply_query(
            FeedbackQuery(ratings=(1, 2), channels=("fba",), text="seller", sort="due", descending=False)
        )
        await pilot.pause()
        await pilot.press("space", "space")

    assert snap_compare(make_app(demo_desk), terminal_size=SIZE, run_before=run_before)


def test_filter_dialog(snap_compare, demo_desk):
    assert snap_compare(make_app(demo_desk), terminal_size=SIZE, press=["f"])


def test_case_view(snap_compare, demo_desk):
    fid = find_case(demo_desk, busiest=True)

    from fbdesk.ui.screens.case import CaseScreen

    assert snap_compare(make_app(demo_desk), terminal_size=SIZE, run_before=push(lambda: CaseScreen(fid)))


def test_conversation_thread(snap_compare, mail_desk, smtp_server):
    """Sent, the buyer's reply with an attachment, failed (550), delivery unknown."""
    fid = find_case(mail_desk, status="new")
    converse(mail_desk, smtp_server, fid)

    from fbdesk.ui.screens.case import CaseScreen

    async def run_before(pilot) -> None:
        await pilot.app.push_screen(CaseScreen(fid))
        await pilot.pause()
        screen = pilot.app.screen
        screen.query_one("#case-body").scroll_to_widget(screen.query_one("#section-messages"), animate=False, top=True)
        await pilot.pause()

    assert snap_compare(make_app(mail_desk), terminal_size=SIZE, run_before=run_before)


def test_unmatched_mail(snap_compare, demo_desk):
    assert snap_compare(make_app(demo_desk), terminal_size=SIZE, press=["u"])


def test_unmatched_mail_opened(snap_compare, demo_desk):
    assert snap_compare(make_app(demo_desk), terminal_size=SIZE, press=["u", "enter"])


def test_composer_with_an_error(snap_compare, demo_desk):
    fid = find_case(demo_desk, status="new")

    from fbdesk.ui.screens.composer import ComposerScreen

    assert snap_compare(
        make_app(demo_desk), terminal_size=SIZE, run_before=open_editor(lambda: ComposerScreen(fid), ERROR_TEXT)
    )


def test_german_composer_with_a_german_finding(snap_compare, demo_desk):
    """A German agent writing to a buyer on amazon.de: the incentive is found in German and blocks the send."""
    fid = find_case(demo_desk, status="new", marketplace="DE")

    from fbdesk.ui.screens.composer import ComposerScreen

    assert snap_compare(
        make_app(demo_desk), terminal_size=SIZE, run_before=open_editor(lambda: ComposerScreen(fid), GERMAN_ERROR_TEXT)
    )


def test_composer_with_a_warning(snap_compare, demo_desk):
    fid = find_case(demo_desk, status="new")

    from fbdesk.ui.screens.composer import ComposerScreen

    assert snap_compare(
        make_app(demo_desk), terminal_size=SIZE, run_before=open_editor(lambda: ComposerScreen(fid), WARNING_TEXT)
    )


def test_review_step_asks_for_a_reason(snap_compare, demo_desk):
    fid = find_case(demo_desk, status="new")

    from fbdesk.ui.screens.composer import ComposerScreen

    assert snap_compare(
        make_app(demo_desk),
        terminal_size=SIZE,
        run_before=open_editor(lambda: ComposerScreen(fid), WARNING_TEXT, "ctrl+s"),
    )


def test_review_step_refuses_errors(snap_compare, demo_desk):
    fid = find_case(demo_desk, status="new")

    from fbdesk.ui.screens.composer import ComposerScreen

    assert snap_compare(
        make_app(demo_desk),
        terminal_size=SIZE,
        run_before=open_editor(lambda: ComposerScreen(fid), ERROR_TEXT, "ctrl+s"),
    )


def test_response_confirmation(snap_compare, demo_desk):
    fid = find_case(demo_desk, status="new", response="none")

    from fbdesk.ui.screens.response import ResponseScreen

    assert snap_compare(
        make_app(demo_desk),
        terminal_size=SIZE,
        run_before=open_editor(lambda: ResponseScreen(fid), CLEAN_RESPONSE, "ctrl+s"),
    )


def test_locked_response(snap_compare, demo_desk):
    fid = find_case(demo_desk, response="deleted")

    from fbdesk.ui.screens.response import ResponseScreen

    assert snap_compare(make_app(demo_desk), terminal_size=SIZE, run_before=push(lambda: ResponseScreen(fid)))


def test_dashboard(snap_compare, demo_desk):
    assert snap_compare(make_app(demo_desk), terminal_size=SIZE, press=["d"])


def test_help(snap_compare, demo_desk):
    assert snap_compare(make_app(demo_desk), terminal_size=SIZE, press=["question_mark"])


def test_empty_database(snap_compare, empty_desk):
    assert snap_compare(make_app(empty_desk), terminal_size=SIZE)


def test_hostile_comments_in_the_inbox(snap_compare, hostile_desk):
    assert snap_compare(make_app(hostile_desk), terminal_size=SIZE)


def test_hostile_comment_in_the_case_view(snap_compare, hostile_desk):
    from fbdesk.ui.screens.case import CaseScreen

    assert snap_compare(make_app(hostile_desk), terminal_size=SIZE, run_before=push(lambda: CaseScreen(2)))


# --- the same screens at other terminal sizes ------------------------------------------------------------------------


@SIZES
def test_inbox_at(snap_compare, demo_desk, size):
    """Columns narrowed or dropped by priority, the Due column always there, every label whole."""
    assert snap_compare(make_app(demo_desk), terminal_size=size)


@SIZES
def test_case_view_at(snap_compare, demo_desk, size):
    fid = find_case(demo_desk, busiest=True)

    from fbdesk.ui.screens.case import CaseScreen

    assert snap_compare(make_app(demo_desk), terminal_size=size, run_before=push(lambda: CaseScreen(fid)))


@SIZES
def test_composer_with_an_error_at(snap_compare, demo_desk, size):
    fid = find_case(demo_desk, status="new")

    from fbdesk.ui.screens.composer import ComposerScreen

    assert snap_compare(
        make_app(demo_desk), terminal_size=size, run_before=open_editor(lambda: ComposerScreen(fid), ERROR_TEXT)
    )


@SIZES
def test_dashboard_at(snap_compare, demo_desk, size):
    """Panels one above the other below 100 columns; the weekly chart as wide as its box."""
    assert snap_compare(make_app(demo_desk), terminal_size=size, press=["d"])
