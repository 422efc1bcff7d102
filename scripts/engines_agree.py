"""Both PDF engines on every PDF given (files or folders, searched for *.pdf): the same JSON (parsed)
from ``--pdf-engine pdfplumber`` and ``--pdf-engine pdfium``, or where they differ.

    python scripts/engines_agree.py samples tests/corpus ../shared/corpus-v1 ../shared/realdocs

Prints one line per file that differs (the first differing JSON path), pages pdfium handed back to
pdfminer, and the count of equal files and pages. Exit 1 when any file differs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def pdfs(paths: list[str]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        out.extend(sorted(p.rglob("*.pdf")) if p.is_dir() else [p])
    return out


def first_difference(a, b, where: str = "") -> str | None:
    """The JSON path of the first place ``a`` and ``b`` differ, with both values; None when equal."""
    if type(a) is not type(b):
        return f"{where or '/'}: {a!r:.80} ≠ {b!r:.80}"
    if isinstance(a, dict):
        for k in list(a) + [k for k in b if k not in a]:
            if k not in a or k not in b:
                return f"{where}/{k}: only in {'pdfplumber' if k in a else 'pdfium'}"
            d = first_difference(a[k], b[k], f"{where}/{k}")
            if d:
                return d
        return None
    if isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, f"{where}/{i}")
            if d:
                return d
        return None if len(a) == len(b) else f"{where}: {len(a)} ≠ {len(b)} items"
    return None if a == b else f"{where or '/'}: {a!r:.80} ≠ {b!r:.80}"


def outputs(path: Path) -> tuple[object, object]:
    """(pdfplumber's JSON, pdfium's JSON) of ``path``, parsed; an error is its code and message."""
    from extractor import extract
    from extractor.errors import CouncilError
    from extractor.schema import to_json

    got = []
    for engine in ("pdfplumber", "pdfium"):
        try:
            got.append(json.loads(to_json(extract(path, pdf_engine=engine))))
        except CouncilError as exc:
            got.append({"error": type(exc).__name__, "message": str(exc)})
    return got[0], got[1]


def main(argv=None) -> int:
    import logging

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="+", help="PDF files or folders of them")
    args = ap.parse_args(argv)
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    files = pdfs(args.paths)
    equal_files = equal_pages = pages = 0
    for path in files:
        a, b = outputs(path)
        n = (a.get("source") or {}).get("pages") or 0 if isinstance(a, dict) else 0
        pages += n
        d = first_difference(a, b)
        if d is None:
            equal_files += 1
            equal_pages += n
        else:
            print(f"differs: {path}: {d}")
    print(f"{equal_files} of {len(files)} PDFs ({equal_pages} of {pages} pages) give the same JSON from both engines")
    return 0 if equal_files == len(files) else 1


if __name__ == "__main__":
    sys.exit(main())
