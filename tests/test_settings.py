"""Settings: the command line, then the environment, then the config file, then the defaults; one table of them,
the README's table matching it; passwords never shown; the log file."""

from __future__ import annotations

import logging
import re
import stat
from datetime import timedelta
from pathlib import Path

import pytest

from fbdesk.cli import main
from fbdesk.errors import SettingsError
from fbdesk.settings import MAX_CONFIG_BYTES, SETTINGS, configure_logging, hide_password, resolve

README = Path(__file__).resolve().parents[1] / "README.md"


def write_config(tmp_path: Path, text: str) -> str:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_the_command_line_wins_over_the_environment_which_wins_over_the_config_file(tmp_path):
    config = write_config(tmp_path, 'agent = "from-file"\nresponse_target = 8\nlog_level = "info"\n')
    env = {"FBDESK_AGENT": "from-env", "FBDESK_RESPONSE_TARGET_HOURS": "12"}
    settings = resolve({"agent": "from-cli"}, env, config=config)
    assert settings.agent == "from-cli"
    assert settings.response_target == timedelta(hours=12)
    assert settings.log_level == "info"


def test_defaults_come_from_the_user_folders(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    settings = resolve({}, {})
    assert settings.database_url == str(tmp_path / "data" / "fbdesk" / "fbdesk.db")
    assert settings.keymap == tmp_path / "config" / "fbdesk" / "keymap.toml"
    assert settings.response_target == timedelta(hours=24)


def test_the_config_file_in_the_user_config_folder_is_read(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    (tmp_path / "fbdesk").mkdir()
    (tmp_path / "fbdesk" / "config.toml").write_text('database_url = "team.db"\n', encoding="utf-8")
    assert resolve({}, {}).database_url == "team.db"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('agnet = "sam"\n', "unknown setting agnet"),
        ("response_target = 0\n", "response_target: '0' is not a number of hours"),
        ('log_level = "loud"\n', "'loud' is not a log level"),
        ("agent = [1]\n", "agent should be a string or a number"),
        ("agent = \n", "config.toml"),
    ],
)
def test_a_bad_config_file_names_the_file_and_the_setting(tmp_path, text, message):
    with pytest.raises(SettingsError, match=re.escape(message)):
        resolve({}, {}, config=write_config(tmp_path, text))


def test_a_config_file_named_explicitly_must_exist_and_a_huge_one_is_refused(tmp_path):
    with pytest.raises(SettingsError, match="does not exist"):
        resolve({}, {"FBDESK_CONFIG": str(tmp_path / "absent.toml")})
    huge = tmp_path / "huge.toml"
    huge.write_bytes(b"#" * (MAX_CONFIG_BYTES + 1))
    with pytest.raises(SettingsError, match="is over"):
        resolve({}, {}, config=str(huge))


def test_a_bad_environment_value_names_the_variable():
    with pytest.raises(SettingsError, match=r"\$FBDESK_LOG_LEVEL"):
        resolve({}, {"FBDESK_LOG_LEVEL": "chatty"})


def test_passwords_in_urls_are_never_shown():
    settings = resolve({"database_url": "postgresql+psycopg://sam:s3cret@db.example/fbdesk"}, {})
    assert "s3cret" not in repr(settings)
    assert (
        hide_password("postgresql+psycopg://sam:s3cret@db.example/fbdesk")
        == "postgresql+psycopg://sam:***@db.example/fbdesk"
    )
    assert hide_password("sqlite:////tmp/x.db") == "sqlite:////tmp/x.db"


def test_the_cli_hides_the_password_when_the_database_cannot_be_opened(capsys):
    code = main(["stats", "--db", "postgresql+psycopg://sam:s3cret@127.0.0.1:1/fbdesk"])
    err = capsys.readouterr().err
    assert code == 2 and "cannot open the database" in err and "s3cret" not in err


def test_the_readme_lists_every_setting():
    table = README.read_text(encoding="utf-8").split("## Settings", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    assert [re.findall(r"`([^`]+)`", row)[:3] for row in rows] == [[s.name, s.option, s.env] for s in SETTINGS]


def test_the_log_file_is_private_and_keeps_tracebacks(tmp_path):
    log = tmp_path / "logs" / "fbdesk.log"
    configure_logging(resolve({"log_file": str(log), "log_level": "info"}, {}))
    try:
        raise RuntimeError("a bug")
    except RuntimeError:
        logging.getLogger("fbdesk.ui").exception("lint failed")
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    text = log.read_text(encoding="utf-8")
    assert "lint failed" in text and "Traceback" in text and "RuntimeError: a bug" in text


def test_fbdesk_logs_where_the_setting_says(capsys, tmp_path):
    log = tmp_path / "fbdesk.log"
    assert main(["stats", "--db", str(tmp_path / "x.db"), "--log-file", str(log), "--log-level", "debug"]) == 0
    assert log.exists()
    code = main(["stats", "--db", str(tmp_path / "x.db"), "--log-level", "loud"])
    assert code == 2 and "--log-level: 'loud' is not a log level" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("mysql://sam:pw@host/fb", "SQLite (a file path or sqlite:///path) or PostgreSQL"),
        ("sqlite://", "in memory"),
        (":memory:", "in memory"),
        ("sqlite:///:memory:", "in memory"),
        ("  ", "blank"),
    ],
)
def test_database_urls_that_cannot_keep_a_desk_are_refused(capsys, url, problem):
    assert main(["stats", "--db", url]) == 2
    err = capsys.readouterr().err
    assert problem in err and "pw" not in err


def test_a_huge_keymap_file_is_refused_before_it_is_read_whole(tmp_path, capsys):
    from fbdesk.ui.keymap import KeymapError, load_keymap

    keymap = tmp_path / "keymap.toml"
    keymap.write_bytes(b"#" * (MAX_CONFIG_BYTES + 1))
    with pytest.raises(KeymapError, match="is over 1024 KiB"):
        load_keymap(keymap)
    assert main(["app", "--db", str(tmp_path / "x.db"), "--keymap", str(keymap)]) == 2
    assert "is over 1024 KiB" in capsys.readouterr().err
