"""What a batch tells the person watching it, on stderr.

On a terminal, one bar (tqdm): files done of all, pages done of all, pages a second, failures and the
time left; a failure is one line above it. Elsewhere (a log, a pipe, CI), one plain line per file:
``[3/16] 2024/r6/foo.docx: docx submission, 10 sections, … (0.4 s)``. Either way a closing line:
converted, failed, skipped, pages and seconds. Lines carry a file's name, its kind and counts, never
a document's own words (see :mod:`extractor.summary`).
"""

from __future__ import annotations

import io
import os
import sys
import time
from pathlib import Path


def page_count_of(path: Path) -> int | None:
    """A PDF's pages, read from its page tree without laying anything out (pypdfium2, which
    pdfplumber already brings); ``None`` for other formats and for a PDF that does not open."""
    if path.suffix.lower() != ".pdf":
        return None
    try:
        import pypdfium2

        document = pypdfium2.PdfDocument(str(path))
        try:
            return len(document)
        finally:
            document.close()
    except Exception:  # noqa: BLE001 - encrypted or damaged: the conversion will say what it is
        return None


class Progress:
    def __init__(self, total_files: int, total_pages: int | None, *, done_files: int = 0, quiet: bool = False,
                 stream=None, bar: bool | None = None, weights: dict[str, int] | None = None):
        """``weights``: the work each file to do stands for (its pages, or for a file with no page count
        its size in pages' worth), so the time left follows the pages to go, not the files."""
        self.stream = stream or sys.stderr
        self.total_files, self.total_pages = total_files, total_pages
        self.weights = weights or {}
        self.files, self.pages, self.failed = done_files, 0, 0
        self.quiet = quiet
        self.start = time.perf_counter()
        on_terminal = self.stream.isatty() if bar is None else bar
        self._bar = None
        if on_terminal and not quiet:
            from tqdm import tqdm

            tqdm.monitor_interval = 0  # no monitor thread: worker processes are forked from this one
            try:  # a terminal that does not say its size (a bare pty) gets 100 × 24: tqdm would draw nothing
                size = os.get_terminal_size(self.stream.fileno())
                sized = size.columns > 0 and size.lines > 0
            except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
                sized = False
            work = sum(self.weights.values()) if self.weights else total_files - done_files
            self._bar = tqdm(total=work, initial=0, unit="page", file=self.stream,
                             dynamic_ncols=sized, ncols=None if sized else 100, nrows=None if sized else 24,
                             bar_format="{l_bar}{bar}| {postfix} [{elapsed}<{remaining}]")
            self._bar.set_postfix_str(self._pages_text(), refresh=False)

    def _pages_text(self) -> str:
        seconds = time.perf_counter() - self.start
        of = f"/{self.total_pages}" if self.total_pages else ""
        rate = self.pages / seconds if seconds > 0 else 0.0
        return f"{self.files}/{self.total_files} files, pages {self.pages}{of}, {rate:.1f} pages/s, {self.failed} failed"

    def said(self, line: str) -> None:
        """A line of its own (a skipped count, a note), above the bar where there is one."""
        if self._bar is not None:
            self._bar.write(line, file=self.stream)
        elif not self.quiet:
            print(line, file=self.stream)

    def done(self, outcome) -> None:
        self.files += 1
        self.pages += outcome.pages or 0
        if outcome.status == "failed":
            self.failed += 1
            line = f"council: error: {outcome.message}"  # failures are said even when quiet
            if self._bar is not None:
                self._bar.write(line, file=self.stream)
            else:
                print(line, file=self.stream)
        elif self._bar is None and not self.quiet:
            print(f"[{self.files}/{self.total_files}] {outcome.relative}: {outcome.summary} ({outcome.seconds:.1f} s)",
                  file=self.stream)
        if self._bar is not None:
            self._bar.set_postfix_str(self._pages_text(), refresh=False)
            self._bar.update(self.weights.get(outcome.relative, 1) if self.weights else 1)

    def failed_before(self, relative: str, message: str) -> None:
        """A file that failed last time from the same bytes: its error again, not converted again."""
        self.failed += 1
        line = f"council: error: {message} (failed before from the same bytes; --retry-failed converts it again)"
        if self._bar is not None:
            self._bar.write(line, file=self.stream)
        else:
            print(line, file=self.stream)

    def not_read(self, outcome) -> None:
        """A file that is no document this tool reads: one line, even when quiet (it is not converted)."""
        line = f"council: not read: {outcome.message}"
        if self._bar is not None:
            self._bar.write(line, file=self.stream)
        else:
            print(line, file=self.stream)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def summary(self, converted: int, failed: int, skipped: int, not_read: int = 0) -> str:
        """``52 converted, 0 failed, 0 skipped; 210 pages in 11.6 s (18.1 pages/s)``; with files that are
        no document this tool reads, ``…, 0 skipped, 4 not read (not documents: named above and in the
        manifest); …``."""
        seconds = time.perf_counter() - self.start
        rate = f" ({self.pages / seconds:.1f} pages/s)" if self.pages and seconds > 0 else ""
        unread = f", {not_read} not read (not documents: named above and in the manifest)" if not_read else ""
        return (f"{converted} converted, {failed} failed, {skipped} skipped{unread}; "
                f"{self.pages} pages in {seconds:.1f} s{rate}")
