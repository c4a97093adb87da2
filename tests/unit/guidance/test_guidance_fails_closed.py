"""A rule that raises must block the post (fails closed), not let it through unseen."""

from __future__ import annotations

import logging

import pytest

from smalltown_social.core.guidance import analyze, engine
from smalltown_social.core.guidance.engine import GUIDANCE_FAILED

pytestmark = pytest.mark.expected_logs(
    r"engine: guidance (rule \w+ )?failed; the post is blocked until overridden"
)

DNI = "Recoja su carné. Su DNI es 12345678Z."


def _broken(*_args: object) -> list[object]:
    raise RuntimeError("a bug in the rule")


def test_a_dni_is_blocked_normally() -> None:
    assert any(f.severity == "block" for f in analyze(DNI))


def test_a_raising_rule_yields_a_block_finding(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(engine, "check_personal_data", _broken)
    with caplog.at_level(logging.ERROR, logger=engine.__name__):
        findings = analyze(DNI)
    failed = [f for f in findings if f.rule == GUIDANCE_FAILED]
    assert len(failed) == 1
    assert failed[0].severity == "block"
    assert failed[0].message.startswith("La revisión no ha podido comprobar")
    assert "personal_data" in caplog.text
    english = [f for f in analyze(DNI, language="en") if f.rule == GUIDANCE_FAILED]
    assert english[0].message.startswith("The review could not check")


def test_glue_code_failing_also_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "_dedupe", _broken)
    findings = analyze("Hola")
    assert [f.rule for f in findings] == [GUIDANCE_FAILED]
    assert findings[0].severity == "block"


def test_a_raising_rule_blocks_whatever_the_content_type(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "check_emoji", _broken)  # a rule the type may not list
    findings = analyze("Hola", content_type="local_life")
    assert any(f.rule == GUIDANCE_FAILED and f.severity == "block" for f in findings)
