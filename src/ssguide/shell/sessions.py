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

The sessions folder is opened without following a link (O_DIRECTORY |
O_NOFOLLOW, relative to the data folder, which may itself be a link the person
made), and session files are created, read, replaced and removed by name
relative to the open folder: a link put there is refused, and one swapped in
while a file is written is not followed.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
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
        with _open_folder(self.folder) as folder:
            raw = folder.read(self.path(flow).name) if folder is not None else None
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
        except (TypeError, ValueError):
            return None
        with _open_folder(self.folder, create=True) as folder:
            if folder is None:
                return None
            try:
                folder.write(path.name, text)
            except (OSError, ValueError):  # ValueError: a lone surrogate (undecodable keystrokes) can't be written as UTF-8
                return None
        return path

    def clear(self, flow: Flow) -> None:
        with _open_folder(self.folder) as folder:
            if folder is not None:
                folder.remove(self.path(flow).name)


def _link_in_the_way(sessions: Path) -> Path | None:
    """The ``sessions`` folder if it is a symbolic link, else None: for the message.

    That link is never followed (a chmod through one made another folder private, and progress was
    written there): nothing is saved, read or removed (``_open_folder``). The data folder itself may be
    a link: it is the person's own setting (``SSGUIDE_DATA_DIR``, or a data folder moved to another disk)."""
    return sessions if os.path.islink(sessions) else None


# The data folder, as the person set it (a link to it is followed); the sessions folder in it opened
# without following a link in its last component.
_DATA_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
_FOLDER_FLAGS = _DATA_FLAGS | getattr(os, "O_NOFOLLOW", 0)
# Folders opened and files named relative to them; not on Windows, which has no modes to protect either.
_BY_DESCRIPTOR = os.open in os.supports_dir_fd and hasattr(os, "O_DIRECTORY") and hasattr(os, "O_NOFOLLOW")


class _Folder:
    """The sessions folder, opened once: its files are created, read, replaced and removed by name
    relative to the open folder (``dir_fd``), so no path is looked up again. A folder swapped for a
    link after it was opened is not followed; the files stay in the folder that was opened."""

    def __init__(self, fd: int | None, path: Path) -> None:
        self.fd = fd  # None without descriptors (Windows): names are joined to the path
        self.path = path

    def name(self, name: str) -> str:
        return name if self.fd is not None else str(self.path / name)

    def read(self, name: str) -> bytes | None:
        from .registry import read_small_file

        return read_small_file(self.name(name), MAX_SESSION_BYTES, dir_fd=self.fd)

    def write(self, name: str, text: str) -> None:
        """A fresh temporary file of its own (0600, never through a planted link), then an atomic
        rename: concurrent saves cannot mix."""
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        stem = name.rsplit(".", 1)[0]
        for _ in range(100):
            tmp = self.name(f".{stem}-{os.urandom(6).hex()}.tmp")
            try:
                fd = os.open(tmp, flags, 0o600, dir_fd=self.fd)
                break
            except FileExistsError:
                continue
        else:  # pragma: no cover - 100 random names taken
            raise FileExistsError(name)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.replace(tmp, self.name(name), src_dir_fd=self.fd, dst_dir_fd=self.fd)
        except BaseException:
            with suppress(OSError):
                os.unlink(tmp, dir_fd=self.fd)
            raise

    def remove(self, name: str) -> None:
        with suppress(OSError):
            os.unlink(self.name(name), dir_fd=self.fd)


@contextmanager
def _open_folder(sessions: Path, create: bool = False) -> Iterator[_Folder | None]:
    """The ``sessions`` folder, opened relative to the data folder that holds it with O_DIRECTORY | O_NOFOLLOW,
    or None: missing (unless ``create``: then made, and private, 0700), a link, or not a folder."""
    folder = _opened(sessions, create)
    try:
        yield folder
    finally:
        if folder is not None and folder.fd is not None:
            os.close(folder.fd)


def _opened(path: Path, create: bool) -> _Folder | None:
    data = path.parent
    try:
        if create:
            data.mkdir(parents=True, exist_ok=True)
        if not _BY_DESCRIPTOR:  # pragma: no cover - Windows
            if _link_in_the_way(path) is not None:
                return None
            if create:
                path.mkdir(mode=0o700, exist_ok=True)
            return _Folder(None, path) if path.is_dir() else None
        parent = os.open(data, _DATA_FLAGS)
    except OSError:
        return None
    try:
        if create:
            with suppress(FileExistsError):
                os.mkdir(path.name, 0o700, dir_fd=parent)
        fd = os.open(path.name, _FOLDER_FLAGS, dir_fd=parent)
    except OSError:
        return None
    finally:
        os.close(parent)
    if create:
        try:
            os.fchmod(fd, 0o700)  # personal answers: a private folder, private files
        except OSError:
            os.close(fd)
            return None
    return _Folder(fd, path)


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

        link = _link_in_the_way(folder)
        if link is not None:
            return ctx.t("interrupted_not_saved_link", folder=inline(str(link)))
        return ctx.t("interrupted_not_saved", folder=inline(str(folder)))
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
