"""The archive folder that ``council batch`` writes: which files are documents, where each one's output
goes (``OUT/<relative path>.json``, a diff beside it as ``.diff.json``), the manifest
(``batch-manifest.json``) and the links ``council link`` writes (``links.json``).

Three loaders read an archive, each with its own policy for a file it cannot read; one loader with
one policy would change outputs or exit codes, so they stay where they are (issue 22):

- :func:`extractor.cli.load_submission` (``council diff OLD NEW``): one file (``FILE#N`` a packet's
  N-th submission, see :func:`split_part`), strict — a JSON that does not decode, is not a
  council-submission, -minutes or -packet or does not validate, and a document that does not read as
  one submission or minutes, are each a :class:`~extractor.errors.CorruptDocument` (exit 2);
- :func:`extractor.diff.archive.candidates_in` (``council diff NEW --archive``, ``batch
  --diff-against-archive``): documents and JSON, packets opened; a JSON that does not decode, a
  document that raises a :class:`~extractor.errors.CouncilError`, minutes and other kinds are no
  candidates, and the rest are still read;
- :func:`extractor.link.load_archive` (``council link``): the JSON alone, as raw dicts, minutes and
  submissions, packets opened; a JSON that does not decode is a CorruptDocument (exit 2).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

MANIFEST = "batch-manifest.json"
NOT_READ = "not_read"  # a manifest entry's status for a file that is not a document council reads
LINKS = "links.json"

# Which files are documents, by suffix: every one of these is converted by council batch. .docm/.dotx/
# .dotm are Word packages too, .xlsm an Excel one; .doc goes through LibreOffice and images through OCR
# where those are installed (else each is one failure line saying what to install).
DOCUMENT_SUFFIXES = (".pdf", ".docx", ".docm", ".dotx", ".dotm", ".txt", ".tsv", ".doc", ".xlsx", ".xlsm",
                     ".png", ".jpg", ".jpeg", ".tif", ".tiff")
# Two callers take fewer of them, as they did before this list was one (three lists disagreed); each
# keeps its behaviour here, since widening either changes outputs (a behaviour change, for its own commit):
# - council diff --archive takes only these documents (no .doc, .xlsx, .tsv, Word templates or images),
#   and the JSON a batch wrote;
ARCHIVE_SUFFIXES = tuple(s for s in DOCUMENT_SUFFIXES if s in (".docx", ".pdf", ".txt")) + (".json",)
# - the readers hold a file named with one of these to its name: bytes of another format make it a
#   damaged file, never text (not .docm/.dotx/.dotm, whose other bytes are read as text).
NAMED_FORMAT_SUFFIXES = tuple(s for s in DOCUMENT_SUFFIXES if s in (".docx", ".pdf", ".xlsx", ".xlsm"))


_PART = re.compile(r"^(?P<file>.+)#(?P<n>\d+)$")


def part_name(file: str, part: int | None) -> str:
    """How a packet's N-th submission (from 0) is named, in ``council link``'s links, ``diff --archive``'s
    choice and as an argument of ``council diff``: ``FILE#N``; a lone submission is its file."""
    return file if part is None else f"{file}#{part}"


def split_part(name: str) -> tuple[str, int | None]:
    """``packet.json#1`` → (``packet.json``, 1); a name without ``#N`` → (name, None)."""
    m = _PART.match(name)
    return (m.group("file"), int(m.group("n"))) if m else (name, None)


def visible_files(root: Path) -> list[tuple[str, Path]]:
    """Every file under ``root`` that is not hidden (no part of its path starts with a dot), as
    (path relative to root with / between parts, path), in the order of the relative paths. One
    walk of the folder with os.scandir underneath: a folder of 10,000 outputs in a few hundredths of a
    second, where a pathlib glob with a test of each path took half a second."""
    found = []
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = [d for d in subfolders if not d.startswith(".")]
        rel = os.path.relpath(folder, root)
        prefix = "" if rel == "." else rel.replace(os.sep, "/") + "/"
        found += [(prefix + f, Path(folder, f)) for f in files if not f.startswith(".")]
    return sorted(found)


def documents_to_extract(archive: Path) -> int:
    """How many documents (not JSON) ``council diff --archive`` would extract under ``archive``: each one
    is read in full on every lookup, where a batch's JSON is only loaded."""
    return sum(1 for rel, _ in visible_files(archive)
               if (suffix := os.path.splitext(rel)[1].lower()) in ARCHIVE_SUFFIXES and suffix != ".json")


def find_documents(root: Path) -> list[Path]:
    """Documents under ``root`` in a stable order, hidden files and our own outputs left out."""
    return find_inputs(root)[0]


def find_inputs(root: Path, out_dir: Path | None = None) -> tuple[list[Path], list[Path]]:
    """Every file under ``root`` in a stable order, as (documents by their suffix, the others): hidden
    files and, when ``out_dir`` lies inside ``root``, what a batch writes there are left out. The
    others (.pptx, .xls, no suffix, anything else) are not dropped: the batch says what each one is
    (``council batch`` names every file it does not convert, with the reason)."""
    documents, others = [], []
    inside = None
    if out_dir is not None:
        try:
            inside = out_dir.resolve().relative_to(root.resolve())
        except ValueError:
            inside = None
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if any(part.startswith(".") for part in rel.parts) or not path.is_file():
            continue
        if inside is not None and inside.parts and rel.parts[:len(inside.parts)] == inside.parts:
            continue
        (documents if path.suffix.lower() in DOCUMENT_SUFFIXES else others).append(path)
    return documents, others


def output_path(out_dir: Path, relative: Path) -> Path:
    return out_dir / relative.parent / f"{relative.name}.json"


def diff_path(out_dir: Path, relative_json: str) -> Path:
    """Where the diff of the submission ``relative_json`` (an output's path under ``out_dir``) goes."""
    return out_dir / relative_json.replace(".json", ".diff.json")


def manifest_path(out_dir: Path) -> Path:
    return out_dir / MANIFEST


def links_path(root: Path) -> Path:
    return root / LINKS


def write_manifest(root: Path, out_dir: Path, done: dict, skipped: int, version: str,
                   not_done: list[str] | None = None):
    """The manifest of what is done, written atomically; returns (files, converted, failed). A batch
    interrupted gives ``not_done``, the inputs it did not reach: the manifest says it was interrupted."""
    from .output import write_atomic

    files = {rel: done[rel] for rel in sorted(done)}
    statuses = [e["status"] for e in files.values()]
    converted, failed = statuses.count("converted") - skipped, statuses.count("failed")
    # "skipped": converted before from the same bytes (--resume); "not_read": files that are not a
    # format council reads (.pptx, .xls, no suffix, binary), each entry with the reason
    manifest = {"tool": "council-extractor", "tool_version": version, "input": root.name,
                "converted": converted, "failed": failed, "skipped": skipped,
                "not_read": statuses.count(NOT_READ), "interrupted": not_done is not None,
                "not_done": sorted(not_done or []), "files": files}
    write_atomic(out_dir / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
    return files, converted, failed


def load_manifest(out_dir: Path) -> dict:
    path = out_dir / MANIFEST
    if not path.exists():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return {}
