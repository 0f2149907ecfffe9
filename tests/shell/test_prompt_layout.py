"""What the prompts change in prompt_toolkit's own layout, checked on the layout itself.

``prompts._errors_under_the_input`` finds the input and the error windows of
a text prompt by what they are (the default buffer, the window shown while a
validation error is): if a prompt_toolkit release lays them out otherwise,
the error would be drawn twenty lines under the input again, unnoticed. It
raises instead, and these tests see both sides.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture
def app_session() -> Iterator[None]:
    """Prompts built without a terminal: no output, a pipe for input."""
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    with create_pipe_input() as keys, create_app_session(input=keys, output=DummyOutput()):
        yield


def test_a_text_prompts_error_is_kept_under_its_input(app_session: None) -> None:
    import questionary
    from prompt_toolkit.filters import has_validation_error
    from prompt_toolkit.layout import ConditionalContainer

    from ssguide.shell.prompts import _errors_under_the_input

    prompt = questionary.text("Name?", validate=lambda text: bool(text) or "say it")
    _errors_under_the_input(prompt)
    errors = [c.content for c in prompt.application.layout.walk() if isinstance(c, ConditionalContainer) and c.filter is has_validation_error]
    assert errors and all(error.wrap_lines() and error.height is None for error in errors)


def test_a_prompt_laid_out_otherwise_is_a_bug_that_shows(app_session: None) -> None:
    from prompt_toolkit.layout import Layout, Window

    from ssguide.shell.prompts import _errors_under_the_input

    class Prompt:
        application: Any = type("App", (), {"layout": Layout(Window())})()

    with pytest.raises(RuntimeError, match="0 input and 0 error windows"):
        _errors_under_the_input(Prompt())
