"""What council batch tells the person watching: a bar on a terminal, plain lines elsewhere (issue 12)."""

from __future__ import annotations

import io
import os
import pty
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pdfplumber

from extractor.batch import Outcome
from extractor.progress import Progress, page_count_of

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def outcome(rel: str, status: str = "converted", pages: int | None = 3) -> Outcome:
    if status == "failed":
        return Outcome(rel, "", "failed", 0.1, "corrupt_document", f"{rel}: a damaged zip package [corrupt_document]")
    return Outcome(rel, "0" * 64, "converted", 0.4, summary="pdf submission, 3 sections", pages=pages)


def test_on_a_terminal_one_bar_says_files_pages_rate_failures_and_time_left():
    stream = io.StringIO()
    progress = Progress(3, 9, stream=stream, bar=True)
    progress.done(outcome("a.pdf", pages=3))
    progress.done(outcome("b.docx", status="failed"))
    progress.close()
    text = stream.getvalue()
    assert "council: error: b.docx: a damaged zip package [corrupt_document]" in text
    last = text.replace("\r", "\n").strip().splitlines()[-1]
    assert "2/3 files" in last and "pages 3/9" in last and "pages/s" in last and "1 failed" in last
    assert re.search(r"<\d\d:\d\d", last)  # the time left
    assert "[1/3]" not in text  # no plain lines under a bar


def test_the_time_left_follows_the_pages_to_go_not_the_files():
    # a 40-page PDF and two one-page files: after the long one, almost nothing is left
    stream = io.StringIO()
    progress = Progress(3, 42, stream=stream, bar=True, weights={"long.pdf": 40, "a.txt": 1, "b.txt": 1})
    progress.done(outcome("long.pdf", pages=40))
    bar = progress._bar
    assert (bar.n, bar.total) == (40, 42)
    progress.close()
    last = stream.getvalue().replace("\r", "\n").strip().splitlines()[-1]
    assert "1/3 files" in last and "pages 40/42" in last and "95%" in last


def test_elsewhere_a_plain_line_per_file_and_a_closing_summary():
    stream = io.StringIO()
    progress = Progress(3, 9, done_files=1, stream=stream, bar=False)
    progress.done(outcome("2024/a.pdf"))
    progress.done(outcome("b.docx", status="failed"))
    lines = stream.getvalue().splitlines()
    assert lines[0] == "[2/3] 2024/a.pdf: pdf submission, 3 sections (0.4 s)"
    assert lines[1].startswith("council: error: b.docx:")
    assert re.fullmatch(r"1 converted, 1 failed, 1 skipped; 3 pages in \d+\.\d s \(\d+\.\d pages/s\)",
                        progress.summary(1, 1, 1))


def test_quiet_says_only_failures():
    stream = io.StringIO()
    progress = Progress(2, None, stream=stream, quiet=True)
    progress.done(outcome("a.pdf"))
    progress.done(outcome("b.docx", status="failed"))
    assert stream.getvalue().splitlines() == ["council: error: b.docx: a damaged zip package [corrupt_document]"]


def test_page_counts_come_from_the_page_tree_and_only_for_pdfs(tmp_path):
    for pdf in sorted(SAMPLES.glob("*.pdf")):
        with pdfplumber.open(pdf) as doc:
            assert page_count_of(pdf) == len(doc.pages), pdf.name
    assert page_count_of(SAMPLES / "shinjuku_logo_r6.docx") is None
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 nothing else")
    assert page_count_of(tmp_path / "broken.pdf") is None


def test_council_batch_on_a_terminal_draws_the_bar(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    shutil.copy(SAMPLES / "variant_gothic_marking.lo.pdf", root)
    shutil.copy(SAMPLES / "kekka_aoba_r6_3.txt", root)
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "extractor.cli", "batch", str(root), "--out-dir", str(tmp_path / "out"),
                             "-j", "1"], stderr=follower, stdout=subprocess.DEVNULL)
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        seen += chunk
    assert proc.wait(timeout=120) == 0
    text = seen.decode("utf-8", "replace")
    assert "2/2 files" in text and "pages 1/1" in text and "0 failed" in text
    assert "[1/2]" not in text
    assert "council batch: 2 converted, 0 failed, 0 skipped; 1 pages in" in text
