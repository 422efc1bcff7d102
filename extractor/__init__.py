"""council-extractor: submissions to Japanese municipal personal-information councils → JSON.

The public API is small: :func:`extract` turns one file into a :class:`Submission`;
everything else is reached through the returned objects.
"""

from __future__ import annotations

import hashlib
from importlib import metadata
from pathlib import Path

from . import diff as _diff_package  # loaded first, so the function below keeps the name ``diff``
from .schema import SCHEMA_VERSION, Submission

__all__ = ["extract", "diff", "Submission", "SCHEMA_VERSION", "__version__"]

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


def extract(path: str | Path, *, password: str | None = None, limits=None):
    """Read one document (.docx, PDF or text export) and return what it is, by its content: a
    :class:`Submission`, :class:`~extractor.schema.Minutes` or a :class:`~extractor.schema.Packet`
    of several submissions.

    ``password`` opens an encrypted PDF; ``limits`` (:class:`~extractor.limits.Limits`) bounds what is
    read before any work. Raises a :class:`~extractor.errors.CouncilError` subclass naming the file
    and what to do.
    """
    from . import schema as S
    from .limits import DEFAULT
    from .readers import read_document
    from .structure import build_document

    path = Path(path)
    doc = read_document(path, password=password, limits=limits or DEFAULT)
    source = S.Source(filename=path.name, format=doc.format,
                      sha256=hashlib.sha256(path.read_bytes()).hexdigest(), pages=doc.page_count)
    from .classify.taxonomy import load_taxonomy

    generator = S.Generator(tool="council-extractor", version=__version__,
                            taxonomy_version=load_taxonomy().version, models={})
    return build_document(doc, source, generator)
