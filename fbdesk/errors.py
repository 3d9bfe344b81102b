"""The errors fbdesk raises for things a user can cause. Each says what is wrong and what to do; the CLI prints it
as one line and exits with its `exit_code`, the helpdesk shows it in a message. Anything else is a bug."""

from __future__ import annotations


class FbdeskError(Exception):
    """Something the user can fix."""

    exit_code = 2


class RuleRefusal(FbdeskError):
    """An action Amazon's rules or the case lifecycle do not allow; the message says why and what to do instead."""


class BadInput(FbdeskError):
    """Input that cannot be used as given: a report file, an argument, a name."""


class NotFound(BadInput):
    """No feedback, order or removal request with the id or order id given."""


class DeskUnavailable(FbdeskError):
    """The desk (its database) cannot be opened or used: a bad URL, an unreachable server, a newer schema."""


class SettingsError(FbdeskError):
    """A setting (command line, environment, config file or keymap) that cannot be used."""
