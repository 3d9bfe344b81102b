"""fbdesk: a keyboard-driven terminal helpdesk for Amazon seller feedback."""

__version__ = "0.1.0"
