"""A long checklist on a terminal goes through a pager, as git's output does."""

from collections.abc import Mapping

from ..core.safetext import cleaned, encoded


def page(text: str, environ: Mapping[str, str], encoding: str = "utf-8") -> bool:
    """Show ``text`` in $PAGER, else ``less -R``; False when there is no pager to run.

    $PAGER is split like a shell would (``less -FR``), not run by a shell; an
    empty $PAGER or ``cat`` means no pager, and the caller prints the text itself.
    The text goes through the sanitiser standard output has, and in the
    terminal's ``encoding`` (what it lacks as on standard output).
    """
    import os
    import shlex
    import shutil
    import subprocess

    try:
        argv = shlex.split(environ.get("PAGER", "less -R"))
    except ValueError:
        return False
    if not argv or argv[0] == "cat" or shutil.which(argv[0], path=environ.get("PATH", os.defpath)) is None:
        return False
    # As git does: less keeps colours (R), leaves the checklist on screen when it quits (X), and
    # quits at once if it all fits (F), unless the user set LESS themselves.
    environment = {**environ, "LESS": environ.get("LESS", "FRX")}
    if encoding.lower().replace("-", "").replace("_", "") == "utf8" and not ({"LESSCHARSET", "LESSCHARDEF"} & set(environ)):
        # less reads its character set from the locale; one not installed (LANG=zh_CN.UTF-8 on a
        # bare system) is ASCII to it, and every Chinese character showed as <E5><BC><82>. The
        # text is UTF-8: say so, unless the user told less otherwise.
        environment["LESSCHARSET"] = "utf-8"
    try:
        pager = subprocess.Popen(argv, stdin=subprocess.PIPE, env=environment)
    except OSError:
        return False
    try:
        assert pager.stdin is not None
        pager.stdin.write(encoded(cleaned(text, keep_sgr=True), encoding))
        pager.stdin.close()
    except BrokenPipeError:  # quit before reading it all
        pass
    while True:
        try:
            pager.wait()
            return True
        except KeyboardInterrupt:  # Ctrl-C belongs to the pager (less ignores it); wait until it quits
            continue
