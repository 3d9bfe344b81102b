"""The `fbdesk` command. Heavy modules (the database layer, Textual) are imported inside the commands
that need them, so `fbdesk --help` and `fbdesk lint` start fast."""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, cast

from fbdesk import __version__
from fbdesk.errors import BadInput, FbdeskError, SettingsError
from fbdesk.settings import ENV_CONFIG, SETTINGS, Settings, configure_logging, resolve

if TYPE_CHECKING:
    from fbdesk.desk import Desk, MailSettings


def _parser() -> argparse.ArgumentParser:
    # The settings work before or after the command (`fbdesk --db x` and `fbdesk import f --db x`); SUPPRESS keeps
    # a subcommand from overwriting what was given before it. They are parsed by `fbdesk.settings.resolve`.
    common = argparse.ArgumentParser(add_help=False)
    for setting in SETTINGS:
        common.add_argument(
            setting.option,
            dest=setting.name,
            metavar=setting.name.split("_")[-1].upper(),
            default=argparse.SUPPRESS,
            help=f"{setting.help} (default: ${setting.env}, else {setting.default_text})",
        )
    common.add_argument(
        "--config",
        metavar="FILE",
        default=argparse.SUPPRESS,
        help=f"the config file (default: ${ENV_CONFIG}, else config.toml in the user config folder)",
    )
    parser = argparse.ArgumentParser(
        prog="fbdesk", parents=[common], description="A keyboard-driven helpdesk for Amazon seller feedback."
    )
    parser.add_argument("--version", action="version", version=f"fbdesk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    app = sub.add_parser("app", parents=[common], help="open the helpdesk (the default)")
    demo = sub.add_parser(
        "demo",
        parents=[common],
        help="open the helpdesk on demo data, in a temporary database deleted on exit (--db FILE keeps it)",
    )
    for opens_the_helpdesk in (parser, app, demo):
        # bench/tui_bench.py times a cold start to the painted inbox with it.
        opens_the_helpdesk.add_argument(
            "--exit-after-paint", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS
        )
    demo.add_argument("--seed", type=int, default=7, help="demo data seed (default 7)")

    from fbdesk.domain.reports import MARKETPLACES

    imp = sub.add_parser("import", parents=[common], help="import Amazon feedback report files")
    imp.add_argument("files", nargs="+", metavar="FILE")
    imp.add_argument(
        "--marketplace",
        default="US",
        type=str.upper,
        choices=MARKETPLACES,
        help="the report's marketplace; sets the date format (default US)",
    )
    imp.add_argument(
        "--complete",
        action="store_true",
        help="the file covers its whole date span: known feedback missing from it was removed",
    )
    imp.add_argument(
        "--channel",
        default="unknown",
        type=_channel,
        metavar="{fba,mfn,unknown}",
        help="fulfilment channel of these orders: FBA (by Amazon), MFN (by the merchant) or unknown (the default)",
    )

    sync = sub.add_parser(
        "sync",
        parents=[common],
        help="deliver queued messages to buyers and fetch their replies (once, or every SECONDS)",
    )
    sync.add_argument("--watch", type=float, metavar="SECONDS", help="repeat every SECONDS until interrupted")
    sync.add_argument(
        "--retry-failed", action="store_true", help="also send again the messages the mail server refused"
    )

    stats = sub.add_parser("stats", parents=[common], help="feedback rating and case counts")
    stats.add_argument("--json", action="store_true", help="print JSON")

    export = sub.add_parser(
        "export", parents=[common], help="export all feedback (csv), or back up the whole desk (json)"
    )
    export.add_argument(
        "--format",
        choices=("csv", "json"),
        default="csv",
        help="csv: a row per feedback, for a spreadsheet (the default); json: a backup of every case with its "
        "history, for fbdesk import-backup",
    )
    export.add_argument(
        "--output", "-o", metavar="FILE", help="write to FILE (readable by you only) instead of standard output"
    )
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")

    restore = sub.add_parser(
        "import-backup",
        parents=[common],
        help="restore a backup (fbdesk export --format json) into a new, empty desk",
    )
    restore.add_argument("file", metavar="FILE", help="the backup file")

    lint = sub.add_parser("lint", help="check a buyer message, public response or feedback against Amazon's rules")
    lint.add_argument("file", nargs="?", default="-", metavar="FILE", help="text file, or - for standard input")
    lint.add_argument("--kind", choices=("message", "response", "feedback"), required=True)
    lint.add_argument("--resolved", action="store_true", help="the buyer's concerns are resolved")
    lint.add_argument(
        "--prior-removal-notices", type=int, default=0, metavar="N", help="removal notices already sent for this order"
    )
    fulfilment = lint.add_mutually_exclusive_group()
    fulfilment.add_argument("--fba", action="store_true", help="the order was fulfilled by Amazon")
    fulfilment.add_argument(
        "--mfn", action="store_true", help="the seller fulfilled the order (else a comment's own words may say FBA)"
    )
    lint.add_argument(
        "--marketplace", metavar="XX", help="the order's marketplace (DE, FR, JP, UK, ...): the buyer's language"
    )
    lint.add_argument("--format", choices=("text", "json"), default="text")
    return parser


def _channel(name: str) -> str:
    """The stored channel for --channel: fba, mfn or unknown (and seller, the name it took before, for mfn)."""
    from fbdesk.domain.reports import channel_named

    try:
        return channel_named(name)
    except BadInput as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    command = COMMANDS[args.command or "app"]
    try:
        return command(args) or 0
    except FbdeskError as exc:
        print(f"fbdesk: {inert(str(exc))}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (`fbdesk export | head`): stop quietly, like other tools
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    finally:
        # the desks the command opened are closed as it ends, not when the collector gets to them: SQLite folds its
        # write-ahead log into the database file when the last connection closes
        while _OPENED:
            _OPENED.pop().close()


def _settings(args: argparse.Namespace) -> Settings:
    """The settings, resolved once: the command line, then the environment, then the config file."""
    given = {setting.name: getattr(args, setting.name, None) for setting in SETTINGS}
    settings = resolve(given, os.environ, config=getattr(args, "config", None))
    configure_logging(settings)
    return settings


_OPENED: list[Desk] = []  # the desks the running command opened: main() closes them


def _open(settings: Settings) -> Desk:
    from fbdesk.desk import open_desk
    from fbdesk.settings import user_data_folder

    desk = open_desk(
        settings.database_url,
        agent=settings.agent,
        first_response_target=settings.response_target,
        mail=_mail(settings),
        draft_spool=user_data_folder() / "drafts",
    )
    _OPENED.append(desk)
    return desk


def _mail(settings: Settings) -> MailSettings:
    from fbdesk.desk import MailSettings
    from fbdesk.mail import parse_imap_url, parse_smtp_url

    try:
        smtp = parse_smtp_url(settings.smtp_url) if settings.smtp_url else None
        imap = parse_imap_url(settings.imap_url) if settings.imap_url else None
    except FbdeskError as exc:
        raise SettingsError(f"mail server: {exc}") from None
    return MailSettings(sender=settings.mail_from, smtp=smtp, imap=imap)


def _run_ui(desk: Desk, settings: Settings, args: argparse.Namespace, notice: str | None = None) -> None:
    from fbdesk.ui.app import run

    run(
        desk,
        keymap_file=settings.keymap,
        exit_after_paint=getattr(args, "exit_after_paint", False),
        sync_interval=settings.sync_interval,
        notice=notice,
    )


def run_app(args: argparse.Namespace) -> int:
    settings = _settings(args)
    _run_ui(_open(settings), settings, args)
    return 0


def run_demo(args: argparse.Namespace) -> int:
    import dataclasses
    import tempfile

    from fbdesk.demo import load_demo

    settings = _settings(args)
    if getattr(args, "database_url", None):  # a database named on the command line keeps the demo
        desk = _open(settings)
        if desk.count_feedback() == 0:
            load_demo(desk, seed=args.seed)
        _run_ui(desk, settings, args)
        return 0
    with tempfile.TemporaryDirectory(prefix="fbdesk-demo-") as folder:
        database = Path(folder) / "demo.db"
        settings = dataclasses.replace(settings, database_url=str(database))
        desk = _open(settings)
        load_demo(desk, seed=args.seed)
        _run_ui(desk, settings, args, notice=DEMO_NOTICE)
        desk.close()
    print(
        f"The demo's temporary database ({database}) was deleted: nothing done in the demo is kept. "
        "`fbdesk demo --db FILE` keeps a demo desk in FILE."
    )
    return 0


DEMO_NOTICE = "This is demo data, in a temporary database that is deleted when you quit: try anything, nothing is kept."


def run_import(args: argparse.Namespace) -> int:
    from fbdesk.desk import ReportError

    desk = _open(_settings(args))
    progress = _progress_bar() if sys.stderr.isatty() else None
    try:
        summary = desk.import_reports(
            args.files, marketplace=args.marketplace, complete=args.complete, channel=args.channel, progress=progress
        )
    except ReportError as exc:
        if progress:
            print(file=sys.stderr)
        raise BadInput(f"{exc}\nNothing was imported; the database is unchanged.") from None
    if progress:
        print(file=sys.stderr)
    print(
        f"Imported {len(summary.files)} file(s): {summary.added} added, {summary.modified} modified, "
        f"{summary.unchanged} unchanged, {summary.removed} removed"
        + (f", {summary.responses} responses recorded" if summary.responses else "")
        + "."
    )
    if summary.older:
        print(
            f"{summary.older} row(s) differ from what the desk knows but come from a report older for them: left "
            "as they are (a newer report was imported before)."
        )
    return 0


def _progress_bar():
    width = 40

    def show(done: int, total: int, stage: str) -> None:
        filled = width * done // max(total, 1)
        bar = f"[{'#' * filled}{'.' * (width - filled)}] {100 * done // max(total, 1):3d}%"
        label = {"reading": "reading ", "saving": "saving  ", "done": "imported"}[stage]
        print(f"\r{label} {bar}", end="", file=sys.stderr, flush=True)

    return show


def run_sync(args: argparse.Namespace) -> int:
    """Exit 0 when everything due was delivered and the mailbox was read; 1 when something was not."""
    import time

    if args.watch is not None and args.watch < 1:
        raise BadInput("--watch takes a number of seconds, at least 1")
    desk = _open(_settings(args))
    while True:
        # By hand, every message that failed for now is tried again at once; watching follows the backoff.
        report = desk.sync(retry_failed=args.retry_failed, retry_now=args.watch is None)
        for line in report.lines():
            print(inert(line), flush=True)
        if args.watch is None:
            return 0 if report.ok else 1
        args.retry_failed = False
        time.sleep(args.watch)


def run_stats(args: argparse.Namespace) -> int:
    import json

    stats = _open(_settings(args)).stats()
    if args.json:
        print(
            json.dumps(
                {
                    "rating": {
                        f.label.lower().replace(" ", "_"): {
                            "percent_positive": f.percent_positive,
                            "positive": f.positive,
                            "neutral": f.neutral,
                            "negative": f.negative,
                            "total": f.total,
                        }
                        for f in stats.figures
                    },
                    "by_rating": {str(k): v for k, v in stats.by_rating.items()},
                    "by_status": stats.by_status,
                    "overdue": stats.overdue,
                    "removal_outcomes": stats.removal_outcomes,
                },
                indent=2,
            )
        )
        return 0
    print("Feedback rating (positive / all)")
    for f in stats.figures:
        percent = "   -  " if f.percent_positive is None else f"{f.percent_positive:5.1f}%"
        print(f"  {f.label:<10} {percent}  ({f.positive} positive, {f.neutral} neutral, {f.negative} negative)")
    print("By rating:  " + "  ".join(f"{r}★ {n}" for r, n in stats.by_rating.items()))
    print("By status:  " + "  ".join(f"{s.replace('_', ' ')} {n}" for s, n in stats.by_status.items()))
    print(f"Overdue:    {stats.overdue}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    settings = _settings(args)
    desk = _open(settings)
    if not args.output:
        desk.export(_terminal_safe(sys.stdout), args.format)
        return 0
    target = Path(args.output)
    database = _sqlite_file(settings.database_url)
    if database and target.exists() and database.exists() and target.samefile(database):
        raise BadInput(f"{inert(args.output)} is the database itself: choose another output file")
    if target.exists() and not args.force:
        raise BadInput(f"{inert(args.output)} already exists: choose another file, or pass --force to replace it")
    try:
        if target.exists() and not target.is_file():  # a device or a pipe: write to it as it is
            with target.open("w", encoding="utf-8", newline="") as out:
                desk.export(out, args.format)
        else:
            _write_privately(target, lambda out: desk.export(out, args.format))
    except OSError as exc:
        raise BadInput(f"cannot write {inert(args.output)}: {exc.strerror}; nothing was written") from None
    return 0


def _sqlite_file(url: str) -> Path | None:
    if "://" not in url:
        return Path(url).expanduser()
    return Path(url.split(":///", 1)[1]).expanduser() if url.startswith("sqlite:///") else None


def _write_privately(target: Path, write: Callable[[TextIO], object]) -> None:
    """Write a file readable by the user only (an export holds buyer emails) through a temporary file in the same
    folder, renamed over the target once complete: a failure leaves no half-written file."""
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            write(out)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def inert(text: str) -> str:
    """Text safe to print on a terminal: control characters (escape sequences, bidi overrides) shown as escapes
    instead of acting on the terminal. Line breaks and tabs stay."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class _InertWriter:
    """Standard output that shows buyer text inertly on a terminal (an OSC 52 sequence in a comment would otherwise
    set the clipboard). Piped or redirected output is written exactly."""

    def __init__(self, out: TextIO):
        self._out = out

    def write(self, text: str) -> int:
        return self._out.write(inert(text))

    def __getattr__(self, name: str) -> object:
        return getattr(self._out, name)


def _terminal_safe(out: TextIO) -> TextIO:
    return cast(TextIO, _InertWriter(out)) if out.isatty() else out


MAX_LINT_BYTES = 1 << 20  # `fbdesk lint` reads at most this much, so an endless input cannot exhaust memory


def run_import_backup(args: argparse.Namespace) -> int:
    summary = _open(_settings(args)).import_backup(args.file)
    print(summary.line())
    return 0


def run_lint(args: argparse.Namespace) -> int:
    from fbdesk.domain.policy import LintContext, findings_as_json, findings_as_text, lint

    if args.prior_removal_notices < 0:
        raise BadInput("--prior-removal-notices cannot be negative")
    try:
        if args.file == "-":
            raw = sys.stdin.buffer.read(MAX_LINT_BYTES + 1)
        else:
            with open(args.file, "rb") as f:
                raw = f.read(MAX_LINT_BYTES + 1)
        if len(raw) > MAX_LINT_BYTES:
            raise BadInput(
                f"{inert(args.file)} is over {MAX_LINT_BYTES // 1024} KiB; a message to a buyer is at "
                "most 2,000 characters"
            )
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(f"cannot read {inert(args.file)}: {exc}") from None
    context = LintContext(
        kind=args.kind,
        resolved=args.resolved,
        prior_removal_notices=args.prior_removal_notices,
        fba=True if args.fba else False if args.mfn else None,
        marketplace=args.marketplace.upper() if args.marketplace else None,
    )
    findings = lint(text, context)
    output = findings_as_json(findings) if args.format == "json" else findings_as_text(findings)
    if output:
        _terminal_safe(sys.stdout).write(output + "\n")
    return 1 if any(f.severity == "error" for f in findings) else 0


COMMANDS = {
    "app": run_app,
    "demo": run_demo,
    "import": run_import,
    "sync": run_sync,
    "stats": run_stats,
    "export": run_export,
    "import-backup": run_import_backup,
    "lint": run_lint,
}
