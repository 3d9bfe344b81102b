"""Every setting of fbdesk, resolved once at start and passed down.

Each setting is read from, in order: the command line, the environment, the config file (`config.toml` in the user
config folder, or the file named by `--config` / `$FBDESK_CONFIG`), then its default. Nothing below the CLI reads the
environment. `SETTINGS` is the one table of them; the README's table is checked against it.
"""

from __future__ import annotations

import getpass
import logging
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from datetime import timedelta
from pathlib import Path
from typing import Any

from fbdesk.errors import SettingsError

APP_NAME = "fbdesk"
ENV_CONFIG = "FBDESK_CONFIG"
MAX_CONFIG_BYTES = 1 << 20  # a config or keymap file is a few lines; refuse to read anything huge
LOG_LEVELS = ("debug", "info", "warning", "error")


def user_config_folder() -> Path:
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def user_data_folder() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def user_log_folder() -> Path:
    from platformdirs import user_log_path

    return user_log_path(APP_NAME, appauthor=False)


def default_database_path() -> Path:
    return user_data_folder() / "fbdesk.db"


def _hours(text: str) -> timedelta:
    try:
        hours = float(text)
    except ValueError:
        hours = -1
    if not 0 < hours <= 24 * 90:
        raise ValueError(f"{text!r} is not a number of hours between 0 and 2160")
    return timedelta(hours=hours)


def _database(text: str) -> str:
    url = _text(text)
    scheme = url.split("://", 1)[0].split("+", 1)[0].lower() if "://" in url else "sqlite"
    if scheme not in ("sqlite", "postgresql"):
        raise ValueError(
            f"{hide_password(url)!r}: fbdesk keeps its desk in SQLite (a file path or sqlite:///path) "
            "or PostgreSQL (postgresql+psycopg://user@host/name)"
        )
    if url in (":memory:", "sqlite://", "sqlite:///", "sqlite:///:memory:"):
        raise ValueError(f"{url!r} is a database in memory: everything would vanish when fbdesk exits; name a file")
    return url


def _seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        seconds = -1
    if not 5 <= seconds <= 24 * 3600:
        raise ValueError(f"{text!r} is not a number of seconds between 5 and 86400")
    return seconds


def _optional_text(text: str) -> str | None:
    return text.strip() or None


def _log_level(text: str) -> str:
    level = text.strip().lower()
    if level not in LOG_LEVELS:
        raise ValueError(f"{text!r} is not a log level; use one of {', '.join(LOG_LEVELS)}")
    return level


def _path(text: str) -> Path:
    return Path(text).expanduser()


def _text(text: str) -> str:
    if not text.strip():
        raise ValueError("it is blank")
    return text.strip()


@dataclass(frozen=True)
class Setting:
    name: str  # the attribute of Settings and the key in the config file
    option: str
    env: str
    parse: Callable[[str], Any]
    default: Callable[[], Any]
    default_text: str
    help: str
    secret: bool = False  # a URL that may carry a password: shown with the password hidden


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "database_url",
        "--db",
        "FBDESK_DATABASE_URL",
        _database,
        lambda: str(default_database_path()),
        "fbdesk.db in the user data folder",
        "the desk: a SQLite file, or a database URL (postgresql+psycopg://user@host/fbdesk)",
        secret=True,
    ),
    Setting(
        "agent",
        "--agent",
        "FBDESK_AGENT",
        _text,
        getpass.getuser,
        "your login name",
        "your agent name, recorded with everything you do",
    ),
    Setting(
        "response_target",
        "--response-target",
        "FBDESK_RESPONSE_TARGET_HOURS",
        _hours,
        lambda: timedelta(hours=24),
        "24",
        "hours to the first-response deadline of newly imported feedback",
    ),
    Setting(
        "keymap",
        "--keymap",
        "FBDESK_KEYMAP",
        _path,
        lambda: user_config_folder() / "keymap.toml",
        "keymap.toml in the user config folder",
        "a file remapping keys by binding id",
    ),
    Setting(
        "log_level",
        "--log-level",
        "FBDESK_LOG_LEVEL",
        _log_level,
        lambda: "warning",
        "warning",
        "what goes to the log file: debug, info, warning or error",
    ),
    Setting(
        "log_file",
        "--log-file",
        "FBDESK_LOG_FILE",
        _path,
        lambda: user_log_folder() / "fbdesk.log",
        "fbdesk.log in the user log folder",
        "where fbdesk logs (errors with their traceback)",
    ),
    Setting(
        "smtp_url",
        "--smtp-url",
        "FBDESK_SMTP_URL",
        _optional_text,
        lambda: None,
        "none (messages wait)",
        "the mail server that delivers messages to buyers: smtp://user:password@host:587 (STARTTLS when "
        "offered) or smtps://",
        secret=True,
    ),
    Setting(
        "imap_url",
        "--imap-url",
        "FBDESK_IMAP_URL",
        _optional_text,
        lambda: None,
        "none (no replies)",
        "the mailbox buyers' replies arrive in: imap://user:password@host:143/INBOX or imaps://",
        secret=True,
    ),
    Setting(
        "mail_from",
        "--mail-from",
        "FBDESK_MAIL_FROM",
        _optional_text,
        lambda: None,
        "none",
        "the seller's address registered with Amazon (or authorised in Messaging Permissions)",
    ),
    Setting(
        "sync_interval",
        "--sync-interval",
        "FBDESK_SYNC_INTERVAL",
        _seconds,
        lambda: 30.0,
        "30",
        "seconds between the helpdesk's deliveries and mailbox checks",
    ),
)
BY_NAME = {s.name: s for s in SETTINGS}


@dataclass(frozen=True)
class Settings:
    database_url: str
    agent: str
    response_target: timedelta
    keymap: Path
    log_level: str
    log_file: Path
    smtp_url: str | None
    imap_url: str | None
    mail_from: str | None
    sync_interval: float

    def __repr__(self) -> str:
        shown = ", ".join(f"{f.name}={shown_value(BY_NAME[f.name], getattr(self, f.name))!r}" for f in fields(self))
        return f"Settings({shown})"


def shown_value(setting: Setting, value: Any) -> Any:
    """The value as it may be shown in a log, an error or the UI: passwords in URLs hidden."""
    if setting.secret and isinstance(value, str):
        return hide_password(value)
    return value


def hide_password(url: str) -> str:
    if "://" not in url or "@" not in url:
        return url
    scheme, rest = url.split("://", 1)
    credentials, at, host = rest.rpartition("@")
    if ":" not in credentials:
        return url
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}:***{at}{host}"


def config_path(given: str | None, env: Mapping[str, str]) -> Path:
    return _path(given or env.get(ENV_CONFIG) or str(user_config_folder() / "config.toml"))


def read_config(path: Path, *, required: bool) -> dict[str, str]:
    """The settings in a config file, as text. A missing file is no settings unless it was named explicitly."""
    try:
        with path.open("rb") as f:
            raw = f.read(MAX_CONFIG_BYTES + 1)
    except FileNotFoundError:
        if required:
            raise SettingsError(f"config file {path} does not exist") from None
        return {}
    except OSError as exc:
        raise SettingsError(f"config file {path}: {exc.strerror}") from None
    if len(raw) > MAX_CONFIG_BYTES:
        raise SettingsError(f"config file {path} is over {MAX_CONFIG_BYTES // 1024} KiB; it should hold a few lines")
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SettingsError(f"config file {path}: {exc}") from None
    unknown = sorted(set(data) - set(BY_NAME))
    if unknown:
        raise SettingsError(f"config file {path}: unknown setting {', '.join(unknown)}; known: {', '.join(BY_NAME)}")
    values = {}
    for key, value in data.items():
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise SettingsError(f"config file {path}: {key} should be a string or a number")
        values[key] = str(value)
    return values


def resolve(given: Mapping[str, str | None], env: Mapping[str, str], *, config: str | None = None) -> Settings:
    """The settings from the command line (`given`, by setting name; None = not given), the environment, the config
    file and the defaults, in that order."""
    path = config_path(config, env)
    from_file = read_config(path, required=bool(config or env.get(ENV_CONFIG)))
    values = {}
    for setting in SETTINGS:
        for source, text in (
            (setting.option, given.get(setting.name)),
            (f"${setting.env}", env.get(setting.env)),
            (f"{path}: {setting.name}", from_file.get(setting.name)),
        ):
            if text is not None:
                try:
                    values[setting.name] = setting.parse(text)
                except ValueError as exc:
                    raise SettingsError(f"{source}: {exc}") from None
                break
        else:
            values[setting.name] = setting.default()
    return Settings(**values)


def configure_logging(settings: Settings) -> None:
    """Log to the log file, created readable by the user only (messages may name buyers' orders)."""
    path = settings.log_file
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        path.touch(mode=0o600, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(path, encoding="utf-8")
    except OSError as exc:
        raise SettingsError(f"cannot write the log file {path}: {exc.strerror}") from None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger(APP_NAME)
    root.handlers[:] = [handler]
    root.setLevel(settings.log_level.upper())
    root.propagate = False
