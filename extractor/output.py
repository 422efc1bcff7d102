"""Writing outputs: atomically (a temporary file in the same folder, then a rename), so a failure or
a kill never leaves half a file or clobbers an earlier good one; named after the whole input name.
Used by the command line and by batch workers alike."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import OutputError


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file in the same folder and a rename."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            os.chmod(tmp, 0o666 & ~_umask())  # as an ordinary file would be, not mkstemp's owner-only 0600
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise OutputError(str(path), f"cannot write output ({exc.strerror or exc})") from exc


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def output_name(input_path: Path) -> str:
    """``foo.docx`` → ``foo.docx.json``: the whole input name, so a .docx and its PDF never collide."""
    return f"{input_path.name}.json"


