"""council-extractor: submissions to Japanese municipal personal-information councils → JSON.

The public API is small: :func:`extract` turns one file into a :class:`Submission`;
everything else is reached through the returned objects.
"""

from __future__ import annotations

import hashlib
import json
from importlib import metadata
from pathlib import Path

from .schema import SCHEMA_VERSION, Submission

__all__ = ["extract", "diff", "Submission", "SCHEMA_VERSION", "__version__"]

try:
    __version__ = metadata.version("council-extractor")
except metadata.PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+unknown"

MODELS_DIR = Path(__file__).resolve().parent.parent / "models"


def _taxonomy_version() -> str | None:
    manifest = MODELS_DIR / "manifest.json"
    if not manifest.exists():
        return None
    return json.loads(manifest.read_text(encoding="utf-8")).get("taxonomy_version")


def diff(old: Submission, new: Submission):
    """Every difference between two versions of a submission, held against the new one's marking."""
    from .diff import diff as _diff

    return _diff(old, new)


def extract(path: str | Path) -> Submission:
    """Read one submission (.docx, PDF or text export) and return its Submission.

    Raises a :class:`~extractor.errors.CouncilError` subclass naming the file and what to do.
    """
    from . import schema as S
    from .readers import read_document
    from .structure import build_submission

    path = Path(path)
    doc = read_document(path)
    source = S.Source(filename=path.name, format=doc.format,
                      sha256=hashlib.sha256(path.read_bytes()).hexdigest(), pages=doc.page_count)
    generator = S.Generator(tool="council-extractor", version=__version__,
                            taxonomy_version=_taxonomy_version(), models={})
    return build_submission(doc, source, generator)
