"""Findings as text (one line each, like a compiler) and as JSON."""

from __future__ import annotations

import json
from collections.abc import Iterable

from .model import Finding

JSON_KEYS = (
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
)


def findings_as_text(findings: Iterable[Finding]) -> str:
    """Lines `LINE:COL severity rule-id message`."""
    return "\n".join(f"{f.line}:{f.column} {f.severity} {f.rule} {f.message}" for f in findings)


def findings_as_json(findings: Iterable[Finding]) -> str:
    return json.dumps([{key: getattr(f, key) for key in JSON_KEYS} for f in findings], ensure_ascii=False)
