"""The answers of one run, layer by layer, like copier's ``AnswersMap``.

Highest first: ``--set``, the ``--answers`` file, the defaults ``--defaults``
took, then this run's own (resumed from a saved session or asked). The
first three come from the command line: they are fixed, never asked and
never offered for change. Reading sees the highest layer that answers a
question; the wizard writes and forgets only in the run's own layer.
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Iterator, Mapping, MutableMapping
from typing import Any, Optional


class AnswerLayers(MutableMapping[str, Any]):
    def __init__(
        self,
        set_values: Mapping[str, Any] = {},
        answers_file: Mapping[str, Any] = {},
    ) -> None:
        self.set_values = dict(set_values)
        self.answers_file = dict(answers_file)
        self.defaults: dict[str, Any] = {}
        self.run: dict[str, Any] = {}  # resumed or asked in this run
        # Earlier answers to offer as the prompt's default: one taken back, one being changed, a resumed session's.
        self.remembered: dict[str, Any] = {}
        # The question on screen (``sessions.REVIEW`` at the review): where a saved session picks up.
        self.position: Optional[str] = None
        self._chain: ChainMap[str, Any] = ChainMap(self.set_values, self.answers_file, self.defaults, self.run)

    @property
    def fixed(self) -> frozenset[str]:
        """The questions answered on the command line."""
        return frozenset(self.set_values) | frozenset(self.answers_file) | frozenset(self.defaults)

    def take_default(self, question_id: str, value: Any) -> None:
        """--defaults answered this question with its default: fixed like the command line's answers."""
        self.defaults[question_id] = value

    def resume(self, answers: Mapping[str, Any], remembered: Mapping[str, Any]) -> None:
        """Take back a saved session's answers (none of them fixed ones: ``sessions.fit`` leaves those out)."""
        self.run.update(answers)
        self.remembered.update(remembered)

    def forget(self, question_id: str) -> None:
        """Ask this question again, offering the old answer as its default (a change at the review)."""
        self.remembered[question_id] = self.run.pop(question_id)

    def __getitem__(self, question_id: str) -> Any:
        return self._chain[question_id]

    def __setitem__(self, question_id: str, value: Any) -> None:
        if question_id in self.fixed:
            raise KeyError(f"{question_id} was answered on the command line")
        self.run[question_id] = value

    def __delitem__(self, question_id: str) -> None:
        del self.run[question_id]  # a fixed answer cannot be forgotten: KeyError

    def __iter__(self) -> Iterator[str]:
        return iter(self._chain)

    def __len__(self) -> int:
        return len(self._chain)

    def __contains__(self, question_id: object) -> bool:
        return question_id in self._chain

    def __repr__(self) -> str:
        return f"AnswerLayers({dict(self._chain)!r})"
