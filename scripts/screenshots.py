"""Render the README screenshots of the main screens from seeded demo data into screenshots/*.svg (the case view
shows a conversation: the agent's message and the buyer's reply). Two other agents work at helpdesks of their own on
the same desk meanwhile: the inbox shows their changes and where they are, and the review step what changed while
the agent wrote.

    python scripts/screenshots.py [OUTPUT_FOLDER]

The demo data, the clock and the terminal size are fixed, so the same code draws the same pictures.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fbdesk.demo import load_demo  # noqa: E402
from fbdesk.desk import FeedbackQuery, MailSettings, open_desk  # noqa: E402
from fbdesk.ui.app import build_app  # noqa: E402

KEYMAP_FILE = Path("~/.config/fbdesk/keymap.toml")  # the help screen names it; not this machine's path
NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)
SIZE = (120, 36)
MESSAGE = (
    "Hello,\n\nWe are SO sorry that the kettle leaked!!! We will refund you in full if you remove "
    "your feedback.\n\nKind regards"
)
CALM_MESSAGE = (
    "Hello,\n\nWe are sorry that the kettle arrived damaged. A replacement left our warehouse today; "
    "you will have it within three days.\n\nKind regards"
)
RESPONSE = "We are sorry about this order. We contacted the buyer and sent a replacement."


def replied_case(desk) -> int:
    """The case the buyer answered with the longest conversation (the German reply with quoted history)."""
    cases = desk.list_feedback(FeedbackQuery(statuses=("buyer_replied",), sort="date"), limit=100)
    return max(cases, key=lambda fb: (len(desk.get_case(fb.id).conversation), fb.marketplace == "DE", fb.id)).id


async def shoot(desk, out: Path) -> list[Path]:
    from fbdesk.ui.screens.case import CaseScreen
    from fbdesk.ui.screens.composer import ComposerScreen
    from fbdesk.ui.screens.response import ResponseScreen

    app = build_app(desk, cursor_blink=False, keymap_file=KEYMAP_FILE)
    saved = []

    async def save(name: str) -> None:
        await app.workers.wait_for_complete()
        await pilot.pause(0.2)
        saved.append(Path(app.save_screenshot(f"{name}.svg", str(out))))

    new_cases = [fb.id for fb in desk.list_feedback(FeedbackQuery(statuses=("new",)), limit=3)]
    new_case = new_cases[0]
    shown_case = replied_case(desk)
    # Two other agents at their own helpdesks on the same desk: the screenshots show them live.
    priya = open_desk(str(desk.engine.url), agent="priya", clock=lambda: NOW)
    sam = open_desk(str(desk.engine.url), agent="sam", clock=lambda: NOW)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        priya.assign(new_cases[1], "priya")  # a change at another desk: the inbox follows it
        priya.be_present(new_cases[1], "viewing")
        sam.be_present(new_cases[2], "writing")
        sam.be_present(shown_case, "viewing")
        await pilot.pause(1.5)  # the live desk hears them within a second
        await save("inbox")
        await app.push_screen(CaseScreen(shown_case))
        await pilot.pause()
        app.screen.query_one("#case-body").scroll_to_widget(
            app.screen.query_one("#section-messages"), animate=False, top=True
        )
        await save("case")
        await pilot.press("escape")
        await app.push_screen(ComposerScreen(new_case))
        await pilot.pause()
        app.screen.editor.insert(MESSAGE)
        await save("composer")
        await pilot.press("ctrl+s")
        await save("review")
        await pilot.press("escape")
        await pilot.pause()
        sam.add_note(new_case, "Called the buyer: a replacement is on its way.")
        sam.set_status(new_case, "in_progress")
        await pilot.pause(1.5)
        app.screen.editor.clear()
        app.screen.editor.insert(CALM_MESSAGE)
        await pilot.press("ctrl+s")
        await save("review-changed")
        await pilot.press("escape")
        await pilot.press("escape")
        await pilot.pause()
        await app.push_screen(ResponseScreen(new_case))
        await pilot.pause()
        app.screen.editor.insert(RESPONSE)
        await pilot.press("ctrl+s")
        await save("response-confirmation")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("d")
        await save("dashboard")
        await pilot.press("escape")
        await pilot.press("question_mark")
        await save("help")
    priya.close()
    sam.close()
    return saved


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        # The seller's address is set (the review step names it); no mail server: nothing is delivered.
        desk = open_desk(
            f"sqlite:///{tmp}/demo.db",
            agent="alex",
            clock=lambda: NOW,
            mail=MailSettings(sender="support@seller.example"),
        )
        load_demo(desk)
        for path in asyncio.run(shoot(desk, out)):
            print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
        desk.close()


if __name__ == "__main__":
    main()
