"""Text the language detector finds odd still lints: the checker never fails on what an agent can type."""

from __future__ import annotations

from fbdesk.domain.policy import LintContext, lint


def test_chinese_characters_without_kana_lint_without_error():
    # Found by hypothesis: lingua read this clause as Japanese, which fbdesk tells only by its kana.
    text = "AAAAAA\U00010000" + "0\U00030000"
    findings = lint(text, LintContext(kind="message"))
    assert all(0 <= finding.start <= finding.end <= len(text) for finding in findings)
