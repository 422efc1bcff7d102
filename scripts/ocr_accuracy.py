#!/usr/bin/env python3
"""Character accuracy of OCR on the scanned sample, against the text of the .docx it was made from.

    .venv/bin/python scripts/ocr_accuracy.py [SCAN [DOCX]]

Both are read into the intermediate form; their text (every paragraph and cell, normalised, spaces
dropped) is aligned with difflib, and the share of the .docx's characters found in order in the
scan's is printed. A figure, never asserted above what it reaches (tests/test_formats.py).
"""

from __future__ import annotations

import difflib
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def document_text(path: Path) -> str:
    from extractor.ir import iter_paragraphs
    from extractor.normalize import normalize
    from extractor.readers import read_document

    doc = read_document(path)
    return re.sub(r"\s", "", "".join(normalize(p.text) or "" for p in iter_paragraphs(doc.blocks)))


def character_accuracy(scan: Path, source: Path) -> tuple[float, int]:
    truth, read = document_text(source), document_text(scan)
    matcher = difflib.SequenceMatcher(a=truth, b=read, autojunk=False)
    return sum(b.size for b in matcher.get_matching_blocks()) / max(1, len(truth)), len(truth)


def main() -> int:
    scan = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "samples" / "variant_gothic_marking.scan.pdf"
    source = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "samples" / "variant_gothic_marking.docx"
    accuracy, n = character_accuracy(scan, source)
    print(f"{scan.name}: {accuracy:.3f} of {n} characters of {source.name} read in order by OCR")
    return 0


if __name__ == "__main__":
    sys.exit(main())
