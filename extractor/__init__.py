"""council-extractor: submissions to Japanese municipal personal-information councils → JSON.

The public API is small: :func:`extract` turns one document (a path, its bytes or a file object)
into a :class:`Submission`, :class:`Minutes`, :class:`Packet` or — for a document that is none of them
(a 官報 page, a notice, a report) — an :class:`OtherDocument`, and :func:`diff` compares two
submissions into a :class:`SubmissionDiff`; everything else is reached through the returned objects.
"""

from __future__ import annotations

import hashlib
from importlib import metadata
from pathlib import Path

from . import diff as _diff_package  # loaded first, so the function below keeps the name ``diff``
from typing import BinaryIO

from .errors import CouncilError
from .schema import SCHEMA_VERSION, Minutes, OtherDocument, Packet, Submission, SubmissionDiff

__all__ = ["extract", "diff", "Submission", "Minutes", "Packet", "OtherDocument", "SubmissionDiff", "SCHEMA_VERSION",
           "__version__"]

try:
    __version__ = metadata.version("council-extractor")
except metadata.PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+unknown"


def diff(old: Submission, new: Submission):
    """Every difference between two versions of a submission, held against the new one's marking.

    The subpackage ``extractor.diff`` is imported above, before this function is defined: importing
    it later would rebind the package attribute ``diff`` to the module, and a second call of
    ``extractor.diff(old, new)`` would fail with "'module' object is not callable".
    """
    return _diff_package.diff(old, new)


def extract(source: str | Path | bytes | bytearray | memoryview | BinaryIO, *, name: str | None = None,
            password: str | None = None, limits=None, pdf_engine: str = "pdfplumber"):
    """Read one document (.docx, PDF, .xlsx, .doc, a page image or a text export) and return what it is,
    by its content: a :class:`Submission`, :class:`Minutes`, a :class:`Packet` of several submissions, or
    an :class:`OtherDocument` (its text and tables, with a ``not_council_document`` warning) when nothing
    in it says it is a council submission or minutes.

    ``source`` is a path, the document's bytes, or a binary file object (``open(p, "rb")``,
    ``io.BytesIO``, ``sys.stdin.buffer``), read to its end. ``name`` is the file name the output's
    ``source.filename`` gives and the errors name (default: the path's name, a file object's own
    ``name``, else ``document``); the format is told by the bytes, as for a path (a name's suffix
    counts only as it does for a file: ``.pdf`` bytes that are no PDF are refused).

    ``password`` opens an encrypted PDF; ``pdf_engine`` says who interprets a PDF's pages (``pdfplumber``,
    the reference, or ``pdfium``: the same JSON, faster); ``limits`` (:class:`~extractor.limits.Limits`) bounds what is
    read before any work. Raises a :class:`~extractor.errors.CouncilError` subclass naming the file
    and what to do.
    """
    if isinstance(source, (str, Path)):
        return _extract_path(Path(source), name=name, password=password, limits=limits, pdf_engine=pdf_engine)
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
    elif hasattr(source, "read"):
        data = source.read()
        if isinstance(data, str):
            raise TypeError("extract() reads bytes: open the file in binary mode ('rb'), or pass its bytes")
        if name is None and isinstance(getattr(source, "name", None), str) and not source.name.startswith("<"):
            name = Path(source.name).name
    else:
        raise TypeError(f"extract() takes a path, bytes or a binary file object, not {type(source).__name__}")
    import tempfile

    # the readers work on files (zip members, pdfplumber, LibreOffice): the bytes go into a private
    # folder under the name given, so every reader and every error message sees exactly that name
    base = Path(name or "document").name or "document"
    with tempfile.TemporaryDirectory(prefix="council-") as folder:
        path = Path(folder) / base
        path.write_bytes(data)
        try:
            return _extract_path(path, name=base, password=password, limits=limits, pdf_engine=pdf_engine)
        except CouncilError as exc:  # a library's words may hold the private folder: the name alone
            exc.message = exc.message.replace(str(path), base).replace(folder, "")
            raise


def _extract_path(path: Path, *, name: str | None, password: str | None, limits, pdf_engine: str = "pdfplumber"):
    from . import schema as S
    from .limits import DEFAULT
    from .readers import read_document
    from .structure import build_document

    doc = read_document(path, password=password, limits=limits or DEFAULT, pdf_engine=pdf_engine)
    source = S.Source(filename=name or path.name, format=doc.format,
                      sha256=hashlib.sha256(path.read_bytes()).hexdigest(), pages=doc.page_count)
    from .classify.taxonomy import load_taxonomy

    generator = S.Generator(tool="council-extractor", version=__version__,
                            taxonomy_version=load_taxonomy().version, models={})
    return build_document(doc, source, generator)
