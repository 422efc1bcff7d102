"""A cell's lines as one text. Where a narrow cell's lines end is the layout's: a PDF wraps where a
.docx writer may have typed a break, and no PDF says which, so a break is kept only after a
sentence or a numbered heading and before a line that starts an item (``char_classes.ITEM_START``,
where the PDF layout starts a paragraph). The printed lines stay in a cell's ``raw``."""

from __future__ import annotations

from ..char_classes import ITEM_START
from ..normalize import normalize


def joined_lines(text: str) -> str:
    """Normalised lines joined as one text, normalised again at the seams (``TLS1．`` wrapped before
    ``2以上`` is ``TLS1.2以上``)."""
    lines = [normalize(line) or "" for line in text.split("\n")]
    return normalize(_joined(lines)) or ""


def _joined(lines: list[str]) -> str:
    out, last = "", ""
    for line in lines:
        if not line:
            continue
        if not out:
            out = last = line
            continue
        if ITEM_START.match(line) or _ends_a_line(last):
            out += "\n" + line
        else:
            latin = last[-1:].isascii() and last[-1:].isalnum() and line[:1].isascii() and line[:1].isalnum()
            out += (" " if latin else "") + line
        last = line
    return out


def _ends_a_line(line: str) -> bool:
    """A line after which a break is the text's own: a sentence's end, or a numbered heading
    (``1 概要``: an item start, short, no sentence)."""
    return line.endswith("。") or (bool(ITEM_START.match(line)) and len(line) <= 20 and "、" not in line)
