"""One error boundary: ``main`` turns an ``SsguideError`` raised anywhere into its report and exit status, anything else into 70."""

from __future__ import annotations

import pytest

from support.cli import run_main

from ssguide.core import checklist
from ssguide.errors import ExitStatus, InputProblem, InvalidFlow

CARD = ["card", "--set", "reason=new", "--set", "urgent=no", "--no-input", "--today", "2026-11-23"]


def raising(error: BaseException):
    def build(*args: object, **kwargs: object) -> None:
        raise error

    return build


@pytest.mark.parametrize(
    ("error", "status", "line"),
    [
        (InputProblem("err_write_twice", path="a.md"), ExitStatus.BAD_INPUT, "ssguide: error: a.md is given more than once (--export, --save-answers); give each output its own file\n"),
        (InvalidFlow("err_too_many_routes", flow="card", routes="12"), ExitStatus.INVALID_FLOW, None),
    ],
    ids=["bad-input", "invalid-flow"],
)
def test_an_error_raised_deep_in_a_run_is_one_line_and_its_exit_status(monkeypatch: pytest.MonkeyPatch, error, status, line) -> None:
    monkeypatch.setattr(checklist, "build", raising(error))
    result = run_main(CARD, env={"LANG": "C.UTF-8", "LC_ALL": None, "LC_MESSAGES": None})
    assert result.exit_code == status
    assert result.stdout == ""
    assert result.stderr == (line or f"ssguide: error: {error}\n")


def test_the_error_is_worded_in_the_language_of_the_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checklist, "build", raising(InputProblem("err_write_twice", path="a.md")))
    english = run_main(CARD, env={"LANG": "C.UTF-8", "LC_ALL": None, "LC_MESSAGES": None})
    chinese = run_main([*CARD, "--lang", "zh"], env={"LANG": "C.UTF-8", "LC_ALL": None, "LC_MESSAGES": None})
    assert chinese.exit_code == english.exit_code == ExitStatus.BAD_INPUT
    assert chinese.stderr.count("\n") == 1 and chinese.stderr != english.stderr
    assert chinese.stderr == InputProblem("err_write_twice", path="a.md").report("zh")


def test_anything_else_is_a_bug_reported_in_one_line_with_70(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checklist, "build", raising(RuntimeError("boom")))
    result = run_main(CARD, env={"LANG": "C.UTF-8", "LC_ALL": None, "LC_MESSAGES": None, "SSGUIDE_DEBUG": None})
    assert result.exit_code == ExitStatus.INTERNAL_ERROR
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("ssguide: internal error: RuntimeError: boom")
    assert "Traceback" not in result.output
