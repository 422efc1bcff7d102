"""Limits checked before work: what the tool refuses to read rather than run out of memory on.

Files come from archives, mail and shared drives; some are broken and some are hostile. Each limit
is checked as early as the file lets it be — a zip package's sizes from its central directory, before
anything is inflated; a PDF's page count before any page is laid out — and a refusal names the
limit and the option that raises it (``council extract --max-unzipped-mb 2000 …``).
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

from .errors import TooLarge


@dataclass(frozen=True)
class Limits:
    unzipped_mb: int = 512  # a .docx package's parts inflated, all together
    part_mb: int = 256  # one part of it
    ratio: int = 200  # how much a part may inflate (parts of more than a megabyte)
    pages: int = 5000  # pages of one PDF
    chars_per_page: int = 200_000  # characters on one PDF page
    table_rows: int = 50_000  # rows of one table
    line_kb: int = 1024  # one line of a text export
    pixels: int = 100_000_000  # one page image: a scan, or a PDF page rendered for OCR at 300 dpi
    sheet_cells: int = 1_000_000  # the used range of one .xlsx sheet (rows × columns, merges included)
    cell_chars: int = 32_767  # characters in one .xlsx cell (Excel's own maximum)

    def updated(self, **changes) -> "Limits":
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    @staticmethod
    def option(name: str) -> str:
        """The command-line option that sets a limit: ``chars_per_page`` → ``--max-chars-per-page``."""
        return "--max-" + name.replace("_", "-")


DEFAULT = Limits()
UNITS = {"unzipped_mb": " MB", "part_mb": " MB", "ratio": " times", "line_kb": " KB", "pixels": " pixels",
         "sheet_cells": " cells", "cell_chars": " characters"}


def refusal(file: str, what: str, name: str, limits: Limits) -> TooLarge:
    """The one-line refusal of a file over limit ``name``: what it holds, the limit, the option."""
    return TooLarge(file, f"{what}, over the limit of {getattr(limits, name):,}{UNITS.get(name, '')}",
                    hint=f"if the file is trusted, raise the limit ({Limits.option(name)}) or split the file")


def check_zip(path: Path, limits: Limits = DEFAULT) -> None:
    """Refuse a zip package whose parts would inflate past the limits, from its central directory
    alone (nothing is decompressed; a zip bomb is refused in milliseconds)."""
    mb = 1024 * 1024
    with zipfile.ZipFile(path) as zf:
        infos = zf.infolist()
    total = sum(i.file_size for i in infos)
    if total > limits.unzipped_mb * mb:
        raise refusal(path.name, f"its parts would inflate to {total // mb} MB", "unzipped_mb", limits)
    for info in infos:
        if info.file_size > limits.part_mb * mb:
            raise refusal(path.name, f"its part {info.filename} would inflate to {info.file_size // mb} MB",
                          "part_mb", limits)
        if info.file_size > mb and info.compress_size and info.file_size / info.compress_size > limits.ratio:
            raise refusal(path.name, f"its part {info.filename} would inflate "
                          f"{info.file_size // info.compress_size} times (a zip bomb?)", "ratio", limits)
