"""Saved progress: answers kept on Ctrl-C so the next run can resume.

One JSON file per flow under the user data folder (``platformdirs``;
``SSGUIDE_DATA_DIR`` overrides it, for tests and portable setups). A file
that cannot be read is treated as no saved progress — resuming is a
convenience and must never stop anyone from starting again.

An interrupted run always leaves a file, even before the first answer: it
records the flow, the time, the question the user was at, the answers given
(command-line ones included, so a plain re-run has them all) and the answers
taken back with Back (offered again as defaults). A finished run removes it.
Saved answers are checked against the flow as it is now (``fit``): the ones
that no longer fit are dropped, never trusted.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.model import Flow, Question
from ..record import Factory, Record

if TYPE_CHECKING:
    from ..core.context import Context

MAX_SESSION_BYTES = 1024 * 1024  # far beyond any real session; a bigger file is not read
REVIEW = None
"""``at`` of a session interrupted at the review screen (every question answered)."""


class Sessions:
    """Saved progress, one file per flow, in ``folder`` (``Environment.data_dir() / "sessions"``), stamped by ``clock``."""

    def __init__(self, folder: Path, clock: Callable[[], datetime]) -> None:
        self.folder = folder
        self.clock = clock

    def path(self, flow: Flow) -> Path:
        """``<id>.json`` for a bundled flow; a flow file of the user's own adds a digest of its real path.

        Keyed by file, so a user's flow that reuses a bundled id neither resumes
        nor deletes ("Start over") the bundled flow's session.
        """
        folder = self.folder
        from .registry import bundled_dir

        if not flow.file or os.path.dirname(flow.file) == os.path.realpath(bundled_dir()):
            return folder / f"{flow.id}.json"
        import hashlib  # here: it loads OpenSSL (~4 ms), which a bundled flow's run never needs

        digest = hashlib.sha256(flow.file.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        return folder / f"{flow.id}-{digest}.json"

    def load(self, flow: Flow) -> Saved | None:
        """The saved session of this flow, or None if there is none or it is unreadable."""
        from .registry import read_small_file

        if _linked(self.folder):
            return None
        raw = read_small_file(self.path(flow), MAX_SESSION_BYTES)
        if raw is None:
            return None
        try:
            data = json.loads(raw.decode("utf-8"))
        except (ValueError, RecursionError):  # not JSON, or nested deep enough to exhaust the stack
            return None
        if not isinstance(data, dict) or data.get("flow") != flow.id:
            return None
        answers = data.get("answers")
        remembered = data.get("remembered")
        at = data.get("at")
        saved = data.get("saved")
        return Saved(
            answers=dict(answers) if isinstance(answers, dict) else {},
            at=at if isinstance(at, str) else REVIEW,
            remembered=dict(remembered) if isinstance(remembered, dict) else {},
            saved=saved if isinstance(saved, str) else "",
        )

    def save(
        self,
        flow: Flow,
        answers: Mapping[str, Any],
        at: str | None,
        remembered: Mapping[str, Any] | None = None,
    ) -> Path | None:
        """Save progress, even with no answers yet; returns where, or None if it cannot be written.

        ``at`` is the id of the question on screen (``REVIEW`` for the review).
        """
        import tempfile  # only when saving: a run without the wizard never needs it

        path = self.path(flow)
        payload = {
            "flow": flow.id,
            "saved": self.clock().isoformat(timespec="seconds"),
            "at": at,
            "answers": _plain(flow, answers),
            "remembered": _plain(flow, remembered or {}),
        }
        try:
            text = json.dumps(payload, ensure_ascii=False, indent=2, default=_iso)
            # Personal answers: a private folder, a private file.
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            if _linked(path.parent):
                return None
            _make_private(path.parent)
            # A fresh temporary file of its own (0600, never through a planted
            # link), then an atomic rename: concurrent saves cannot mix.
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    fh.write(text)
                os.replace(tmp, path)
            except BaseException:
                os.unlink(tmp)
                raise
        except (OSError, TypeError, ValueError):
            return None
        return path

    def clear(self, flow: Flow) -> None:
        if _linked(self.folder):
            return
        try:
            self.path(flow).unlink()
        except OSError:
            pass


def _linked(folder: Path) -> bool:
    """Whether the sessions folder is a symbolic link: never followed (a chmod through it made
    another folder private, and progress was written there), so nothing is saved, read or removed."""
    return os.path.islink(folder)


def _make_private(folder: Path) -> None:
    """chmod 0700 through a descriptor opened without following a link (one put there after the check fails)."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)
    if not hasattr(os, "fchmod"):  # pragma: no cover - Windows: no modes to set
        return
    fd = os.open(folder, flags)
    try:
        os.fchmod(fd, 0o700)
    finally:
        os.close(fd)


class Saved(Record):
    """A session file as written: plain values, not yet checked against the flow."""

    answers: dict[str, Any]
    at: str | None = REVIEW
    remembered: dict[str, Any] = Factory(dict)
    saved: str = ""  # local time, ISO 8601 to the second

    @property
    def when(self) -> str:
        """The save time for people: "2026-11-23 14:05" (empty if unknown)."""
        try:
            return datetime.fromisoformat(self.saved).strftime("%Y-%m-%d %H:%M")
        except (TypeError, ValueError):
            return ""


class Fitted(Record):
    """A saved session checked against the flow as it is now."""

    answers: dict[str, Any]  # typed answers that still fit
    remembered: dict[str, Any]  # typed earlier answers to offer as defaults
    dropped: tuple[str, ...]  # ids whose saved answers no longer fit
    next: Question | None  # where resuming picks up; None: the review
    position: int  # that question's number on the route
    count: int  # answers restored (some may be off the route until an answer before them changes back)
    usable: bool  # False: nothing of the session fits the flow any more


def fit(flow: Flow, saved: Saved, ctx: Context, given: Mapping[str, Any]) -> Fitted:
    """Keep the saved answers that are still valid for ``flow``; ``given`` (the command line) wins.

    A session with no answers is only usable while the question it stopped
    at still exists: otherwise the flow has changed under it.
    """
    from ..core.engine import walk

    answers = _typed(flow, saved.answers, ctx, given)
    dropped = tuple(k for k in saved.answers if k not in given and k not in answers and saved.answers[k] is not None)
    remembered = _typed(flow, saved.remembered, ctx, given)
    route = walk(flow, {**given, **answers}, ctx)
    usable = bool(answers) or (not dropped and saved.at in flow.questions)
    return Fitted(answers, remembered, dropped, route.next, len(route.answered) + 1, len(answers), usable)


def offer_text(flow: Flow, saved: Saved, fitted: Fitted, ctx: Context) -> str:
    """What the resume offer says: when, where the user stopped, and how many answers are kept."""
    last = ctx.t("last_time_on", when=saved.when) if saved.when else ctx.t("last_time")
    count = ctx.plural("answer_count", fitted.count)
    if fitted.next is None:
        return ctx.t("resume_at_review", last=last, count=count)
    question = ctx.text(fitted.next.short or fitted.next.text)
    return ctx.t("resume_at", last=last, position=fitted.position, question=question, count=count)


def interrupted_text(command: str, answered: int, position: int, saved: bool, ctx: Context, folder: Path) -> str:
    """The one line printed on Ctrl-C/Ctrl-D: how to pick up again (or why one cannot)."""
    if not saved:
        from ..core.safetext import inline

        shown = inline(str(folder))
        if _linked(folder):
            return ctx.t("interrupted_not_saved_link", folder=shown)
        return ctx.t("interrupted_not_saved", folder=shown)
    if answered:
        return ctx.t("interrupted_saved", command=command)
    return ctx.t("interrupted_at_start", command=command, position=position)


def _typed(flow: Flow, raw: Mapping[str, Any], ctx: Context, given: Mapping[str, Any]) -> dict[str, Any]:
    from .answers import InputProblem, coerce_answers

    typed: dict[str, Any] = {}
    for qid, value in raw.items():
        if qid in given:
            continue
        try:
            typed.update(coerce_answers(flow, {qid: value}, ctx, "saved answers"))
        except InputProblem:
            continue
        except Exception:  # a hand-edited file must not stop anyone from starting: drop the value
            continue
    return typed


def _plain(flow: Flow, answers: Mapping[str, Any]) -> dict[str, Any]:
    return {qid: flow.questions[qid].qtype.to_plain(v) for qid, v in answers.items() if qid in flow.questions and v is not None}


def _iso(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(type(value).__name__)
