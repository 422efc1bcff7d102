"""The pdfium engine is held to the pdfplumber one: the same JSON from every committed PDF, with
pdfium reading the pages itself (a page handed back to pdfminer would make the comparison empty).

`make test` runs the samples, the corpus subset and a sample of ../shared/corpus-v1 and
../shared/realdocs (every third file, about 60 s on 2 cores); `scripts/engines_agree.py` runs them all.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest

from extractor import extract
from extractor.readers.pdf import PdfReader
from extractor.schema import to_json
from tests.conftest import REALDOCS, ROOT, SAMPLES, SHARED

CORPUS_V1 = SHARED / "corpus-v1"


def _committed() -> list[Path]:
    return sorted(SAMPLES.glob("*.pdf")) + sorted((ROOT / "tests" / "corpus").glob("*.pdf"))


def _shared_sample() -> list[Path]:
    found = sorted(CORPUS_V1.glob("*.pdf")) + sorted(REALDOCS.rglob("*.pdf"))
    return found[::3]


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT.parent if SHARED in path.parents else ROOT))


def _same_json(path: Path) -> None:
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    plumber = json.loads(to_json(extract(path, pdf_engine="pdfplumber")))
    pdfium = json.loads(to_json(extract(path, pdf_engine="pdfium")))
    assert pdfium == plumber


def _pdfium_read_every_page(path: Path) -> None:
    reader = PdfReader(path, engine="pdfium")
    document = reader.read()
    assert document.page_count > 0
    assert reader.fallbacks == []


@pytest.mark.parametrize("path", _committed(), ids=_name)
def test_both_engines_give_the_same_json_on_committed_pdfs(path):
    _same_json(path)
    _pdfium_read_every_page(path)


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared (corpus v1, real documents) is not here")
@pytest.mark.parametrize("path", _shared_sample() if SHARED.is_dir() else [], ids=_name)
def test_both_engines_give_the_same_json_on_shared_pdfs(path):
    _same_json(path)
    _pdfium_read_every_page(path)


def test_a_page_pdfium_is_not_matched_on_goes_to_pdfminer(tmp_path):
    """A horizontal text scale (Tz) is one thing the engine does not step as pdfminer does: the page
    is read by pdfminer, and the JSON is still the reference's."""
    import pikepdf

    source = SAMPLES / "shinjuku_logo_r6.lo.pdf"
    scaled = tmp_path / "scaled.pdf"
    with pikepdf.open(source) as pdf:
        page = pdf.pages[1]
        page.contents_add(pdf.make_stream(b"BT 90 Tz ET"), prepend=True)
        pdf.save(scaled)
    reader = PdfReader(scaled, engine="pdfium")
    reader.read()
    assert reader.fallbacks == [(2, "horizontal scaling")]
    _same_json(scaled)


def test_an_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="unknown PDF engine 'mupdf'"):
        PdfReader(SAMPLES / "shinjuku_logo_r6.lo.pdf", engine="mupdf")
    run = subprocess.run([sys.executable, "-m", "extractor.cli", "extract", "--pdf-engine", "mupdf",
                          str(SAMPLES / "shinjuku_logo_r6.lo.pdf")], capture_output=True, text=True)
    assert run.returncode == 2 and "invalid choice: 'mupdf'" in run.stderr


def test_the_cli_reads_with_pdfium(tmp_path):
    pdf = SAMPLES / "checklist_aoba_r6.lo.pdf"
    outs = []
    for engine in ("pdfplumber", "pdfium"):
        out = tmp_path / f"{engine}.json"
        run = subprocess.run([sys.executable, "-m", "extractor.cli", "extract", "--pdf-engine", engine, str(pdf),
                              "-o", str(out), "-q"], capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
