"""Reading the user's files: whole, but bounded, and only regular files."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..core.yamlsafe import MAX_FILE_BYTES
from ..errors import YamlInputError
from ..lang.messages import Message
from ..position import Pos


def read_limited(path: Path, limit: int = MAX_FILE_BYTES) -> str:
    """Read a UTF-8 file, refusing files over ``limit`` bytes before reading them whole."""
    name = str(path)
    try:
        # Only regular files: a FIFO would block until someone writes to it, a
        # device like /dev/zero never ends.
        if os.path.exists(path) and not stat.S_ISREG(os.stat(path).st_mode) and not os.path.isdir(path):
            raise YamlInputError(Pos(name, 1, 1), Message("not_regular_file"))
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except FileNotFoundError:
        raise YamlInputError(Pos(name, 1, 1), Message("file_not_found")) from None
    except IsADirectoryError:
        raise YamlInputError(Pos(name, 1, 1), Message("is_directory")) from None
    except PermissionError:
        raise YamlInputError(Pos(name, 1, 1), Message("permission_denied")) from None
    except OSError as exc:
        raise YamlInputError(Pos(name, 1, 1), Message("cannot_read", reason=str(exc.strerror or exc))) from None
    if len(data) > limit:
        raise YamlInputError(Pos(name, 1, 1), Message("file_too_large", size=limit // (1024 * 1024)))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise YamlInputError(Pos(name, 1, 1), Message("not_utf8", byte=exc.start)) from None
