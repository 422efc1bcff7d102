"""Issue 11, item 7: the committed PDFs are valid files, not damaged ones the readers silently repair.

Every in-use entry of a PDF's cross-reference table must point at the object it names, and
``startxref`` at the table (or at the cross-reference stream): what ``qpdf --check`` holds first.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLES

PDFS = sorted(SAMPLES.glob("*.pdf")) + sorted((ROOT / "tests" / "corpus").glob("*.pdf"))


def xref_problems(data: bytes) -> list[str]:
    m = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", data[-2048:])
    if not m:
        return ["no startxref at the end"]
    at = int(m.group(1))
    if data[at:at + 4] == b"xref":
        problems = []
        body = data[at + 4:]
        for section in re.finditer(rb"\s*(\d+) (\d+)\s*\n((?:\d{10} \d{5} [nf]\s*\r?\n?)+)", body[:body.find(b"trailer")]):
            first = int(section.group(1))
            for i, entry in enumerate(re.findall(rb"(\d{10}) (\d{5}) ([nf])", section.group(3))):
                offset, kind = int(entry[0]), entry[2]
                if kind == b"n" and not re.match(rb"\s*%d\s+\d+\s+obj" % (first + i), data[offset:offset + 32]):
                    problems.append(f"object {first + i} is not at {offset}")
        return problems
    if re.match(rb"\d+\s+\d+\s+obj", data[at:at + 32]):
        return []  # a cross-reference stream where startxref says
    return [f"startxref {at} points at neither a table nor a stream"]


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.name)
def test_every_committed_pdf_has_a_true_cross_reference_table(pdf: Path):
    assert xref_problems(pdf.read_bytes()) == []


def test_the_check_finds_a_table_that_moved():
    data = (SAMPLES / "shinjuku_logo_r6.lo.pdf").read_bytes()
    moved = data.replace(b"/Producer", b"/Producer  ", 1)
    assert xref_problems(moved)
