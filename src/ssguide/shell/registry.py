"""Where flows live: the bundled ones inside the package, or a file the user names.

Bundled flows ship inside the wheel as ``ssguide/flows/*.yaml``; in a source
checkout they are read from the top-level ``flows/`` folder. Building the CLI
needs only each flow's id, command and title, read with libyaml's fast safe
loader, so ``ssguide --help`` never parses and checks every flow in full.

Those headers are also kept in a small JSON index in the user's cache folder
(``Environment.cache_dir``, passed in as ``cache``),
keyed by each flow file's name, size and modification time: a start-up that
finds the index current needs neither PyYAML nor the flow files' text, which
is a fifth of ``ssguide --help``'s time. Any change to a flow file, or any
trouble reading or writing the cache, simply means reading the headers again.

Each install (a virtual environment, a pipx install, a checkout) keeps its own
index, named after where the package is and its version, so that two installs
do not overwrite each other's. Beside it, each bundled flow, once read and
checked, is kept parsed (a pickle, keyed by the file's size and modification
time, the version and the package's own modules), so a run needs neither
PyYAML nor the checks again: ~14 ms before the first question. A pickle can
run code when loaded, so only a file owned by the user and writable by no one
else is read.
"""

from __future__ import annotations

import os
import stat
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from ..core.safetext import visible
from ..errors import UnknownFlow
from ..lang.i18n import LocalText
from ..record import Record

if TYPE_CHECKING:
    from collections.abc import Collection

    from ..core.model import Flow

_PACKAGE_DIR = Path(__file__).resolve().parent.parent  # ssguide/, not ssguide/shell/


def bundled_dir() -> Path:
    installed = _PACKAGE_DIR / "flows"
    if installed.is_dir():
        return installed
    # A source checkout (editable install or PYTHONPATH=src): src/ssguide → ../../flows
    return _PACKAGE_DIR.parent.parent / "flows"


class FlowInfo(Record):
    id: str
    command: str
    title: LocalText
    description: LocalText
    path: Path


def _text(raw: object) -> LocalText:
    """A title or description for --help and ``list``, shown safely whatever the file or cache holds."""
    if isinstance(raw, dict):
        return LocalText.of({str(k): visible(str(v)) for k, v in raw.items()})
    return LocalText.plain(visible(str(raw or "")))


@lru_cache(maxsize=1)
def bundled_flows(cache: Path | None = None) -> tuple[FlowInfo, ...]:
    """id, command and title of every bundled flow, sorted by command; the header index kept in ``cache`` when given."""
    folder = bundled_dir()
    try:
        paths = sorted(Path(entry.path) for entry in os.scandir(folder) if entry.name.endswith(".yaml"))
        stamp = [[p.name, st.st_size, st.st_mtime_ns] for p in paths for st in (p.stat(),)]
    except OSError:
        return ()
    key = {"format": 1, "version": __version__, "folder": str(folder), "files": stamp}
    cached = None if cache is None else _read_index(cache, key, folder)
    if cached is not None:
        return cached
    infos = tuple(sorted((_read_header(p) for p in paths), key=lambda i: i.command))
    if cache is not None:
        _write_index(cache, key, infos)
    return infos


def _read_header(path: Path) -> FlowInfo:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        # libyaml's *safe* loader, driven directly: fast, and never constructs objects.
        reader = loader(path.read_text(encoding="utf-8"))
        try:
            data = reader.get_single_data()
        finally:
            reader.dispose()
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        data = None
    if not isinstance(data, dict) or not isinstance(data.get("id"), str):
        # Still listed, so that running it reports the real errors.
        return FlowInfo(path.stem, path.stem, LocalText.plain(path.stem), LocalText.plain(""), path)
    return FlowInfo(
        id=data["id"],
        command=str(data.get("command") or data["id"]),
        title=_text(data.get("title")),
        description=_text(data.get("description")),
        path=path,
    )


def _install_tag() -> str:
    """A short name for this install: where the package is, and its version."""
    import zlib

    return f"{zlib.crc32(f'{_PACKAGE_DIR}|{__version__}'.encode()):08x}"


def index_path(cache: Path) -> Path:
    """This install's flow-header index in the cache folder ``cache`` (``Environment.cache_dir``)."""
    return cache / f"flow-index-{_install_tag()}.json"


def flow_cache_path(cache: Path, flow_file: Path) -> Path:
    """Where this install keeps the parsed form of one bundled flow file."""
    return cache / f"flow-{_install_tag()}-{flow_file.stem}.pickle"


_MAX_INDEX_BYTES = 1024 * 1024


def read_small_file(path: Path | str, limit: int, dir_fd: int | None = None) -> bytes | None:
    """A regular file's bytes, or None when it is missing, not a regular file, a symlink or over ``limit``.

    For files ssguide wrote itself but anyone could have replaced (the cache
    index, saved sessions): a FIFO must not block, a sparse 1 GB file must not
    be read whole. ``dir_fd``: ``path`` is a name in that open folder.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0), dir_fd=dir_fd)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(limit + 1)
        return data if len(data) <= limit else None
    except OSError:
        return None
    finally:
        os.close(fd)


def _read_index(cache: Path, key: dict, folder: Path) -> tuple[FlowInfo, ...] | None:
    import json

    data = read_small_file(index_path(cache), _MAX_INDEX_BYTES)
    if data is None:
        return None
    names = {name for name, *_ in key["files"]}
    try:
        index = json.loads(data.decode("utf-8"))
        if index.get("key") != key:
            return None
        infos = tuple(
            FlowInfo(f["id"], f["command"], _text(dict(f["title"])), _text(dict(f["description"])), folder / f["file"])
            for f in index["flows"]
        )
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None  # unreadable, too deep or from another version: read the flows instead
    # Whoever can write the cache must not point a bundled command at another file.
    if any(info.path.name not in names or info.path.parent != folder for info in infos):
        return None
    return infos


def _write_index(cache: Path, key: dict, infos: tuple[FlowInfo, ...]) -> None:
    import json

    flows = [
        {"id": i.id, "command": i.command, "title": list(i.title.values), "description": list(i.description.values), "file": i.path.name}
        for i in infos
    ]
    _write_cache_file(index_path(cache), json.dumps({"key": key, "flows": flows}, ensure_ascii=False).encode("utf-8"))


def _write_cache_file(path: Path, data: bytes) -> None:
    """Replace ``path`` at once (readers see the old file or the new, never half), readable by the user only."""
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".ssguide-", suffix=".tmp")  # mode 0600
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass  # no cache this time (read-only home, full disk): only start-up is slower


def load_flow(path: str | Path, *, display_name: str | None = None, flows: Collection[str] | None = None) -> Flow:
    """Read, parse and check a flow file (``display_name`` names it in problems). Raises FlowError listing every error.

    ``flows``: the commands its texts may point at (``{flow:ID}``): the bundled flows'
    (``bundled_commands``); None accepts any well-formed one.
    """
    from ..core.loader import parse_flow  # not needed to build --help, nor when the cache serves
    from ..core.model import FlowError, Problem
    from ..errors import YamlInputError
    from ..position import Pos
    from ..record import replace
    from .files import read_limited

    name = display_name or str(path)
    try:
        text = read_limited(Path(path))
    except YamlInputError as exc:
        raise FlowError([Problem(Pos(name, exc.pos.line, exc.pos.col), exc.message)]) from None
    return replace(parse_flow(text, name, flows), file=os.path.realpath(path))


def bundled_commands(cache: Path | None = None) -> frozenset[str]:
    """The commands of the bundled flows: what a flow text's ``{flow:ID}`` may name."""
    return frozenset(info.command for info in bundled_flows(cache))


def load_bundled(info: FlowInfo, cache: Path | None = None) -> Flow:
    """A bundled flow: from this install's cache in ``cache`` while its file is unchanged, else read, checked and cached."""
    try:
        stat = info.path.stat()
        key = (__version__, _code_stamp(), str(info.path), stat.st_size, stat.st_mtime_ns, sorted(bundled_commands(cache)))
    except OSError:
        key = None  # the loader reports it
    cached_at = None if cache is None or key is None else flow_cache_path(cache, info.path)
    if cached_at is not None and key is not None:
        cached = _read_flow_cache(cached_at, key)
        if cached is not None:
            return cached
    flow = load_flow(info.path, display_name=display_path(info.path), flows=bundled_commands(cache))
    if cached_at is not None:
        import pickle

        _write_cache_file(cached_at, pickle.dumps((key, flow), protocol=pickle.HIGHEST_PROTOCOL))
    return flow


def _code_stamp() -> tuple:
    """Size and modification time of the package's modules, in every sub-package.

    A parsed flow is made of their classes and checked by their rules: in a
    checkout they change without a new version number, and so must the cache.
    """
    stamp = []
    pending = [""]  # folders still to look in, relative to the package, each ending in a separator
    while pending:
        folder = pending.pop()
        with os.scandir(os.path.join(_PACKAGE_DIR, folder)) as entries:
            for entry in entries:
                if entry.name.endswith(".py"):
                    info = entry.stat()
                    stamp.append((folder + entry.name, info.st_size, info.st_mtime_ns))
                elif entry.name != "__pycache__" and entry.is_dir(follow_symlinks=False):  # sub-packages, not bytecode
                    pending.append(folder + entry.name + os.sep)
    return tuple(sorted(stamp))


def _read_flow_cache(path: Path, key: tuple) -> Flow | None:
    try:
        from _pickle import loads  # the C unpickler alone: the `pickle` module costs ~1.5 ms more to import
    except ImportError:  # pragma: no cover - Python implementations without it
        from pickle import loads

    try:
        # Not through a link, and without waiting on a FIFO planted in its place.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as fh:
            info = os.fstat(fh.fileno())
            if not stat.S_ISREG(info.st_mode):
                return None
            if getattr(os, "getuid", None) and (info.st_uid != os.getuid() or info.st_mode & 0o022):
                return None  # someone else's file, or one others may change: never unpickled
            data = fh.read()
        cached_key, flow = loads(data)
    except Exception:  # missing, truncated or from an older ssguide: read the flow file instead
        return None
    from ..core.model import Flow

    return flow if cached_key == key and isinstance(flow, Flow) else None


def looks_like_path(ref: str) -> bool:
    """Whether ``run REF`` reads REF as a file: a folder separator or a .yaml/.yml suffix.

    Never "a file of that name exists": a file named ``card`` in the current
    folder must not take the place of the bundled flow.
    """
    return ref.endswith((".yaml", ".yml")) or "/" in ref or "\\" in ref


def resolve(ref: str, cache: Path | None = None) -> Flow:
    """A flow file when ``ref`` looks like a path, else a bundled flow by id or command (cached in ``cache``)."""
    if looks_like_path(ref):
        if not os.path.lexists(ref):  # a mistyped path is bad input (exit 2), not an invalid flow (exit 1)
            raise UnknownFlow("err_flow_file_missing", path=ref)
        return load_flow(Path(ref), flows=bundled_commands(cache))
    return resolve_bundled(ref, cache)


def resolve_bundled(ref: str, cache: Path | None = None) -> Flow:
    """The bundled flow with this id or command, whatever files the current folder holds."""
    for info in bundled_flows(cache):
        if ref in (info.id, info.command):
            return load_bundled(info, cache)
    known = ", ".join(i.command for i in bundled_flows(cache))
    if os.path.lexists(ref):  # a file of that name: say how to run it instead
        raise UnknownFlow("err_unknown_flow_file", ref=ref, known=known, path=f"./{ref}")
    raise UnknownFlow("err_unknown_flow", ref=ref, known=known)


def display_path(path: Path) -> str:
    """Bundled flows are shown as flows/NAME.yaml, wherever they are installed."""
    return f"flows/{path.name}"
