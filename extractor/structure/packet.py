"""Meeting packets: one file holding several submissions (資料44 … 資料52), split where each begins.

A submission begins with its header: the meeting line that carries its 資料 number
(``令和6年度第7回…会議（令和6年12月4日開催）　資料46``, or ``資料46`` alone at the top of a page)
or, where there is none, its ``付議事項`` / ``諮問`` heading. Attachments numbered under it
(``【資料46-1】``) belong to it; a 資料 number cited in a sentence begins nothing.
"""

from __future__ import annotations

import re

from ..ir import Document, Page, Paragraph
from ..normalize import normalize

_DOCUMENT_NUMBER = re.compile(r"資料\s*(?P<n>\d+)(?![-－‐―ー\d])")
_MEETING = re.compile(r"第\s*\d+\s*回|開催")
_HEADING = re.compile(r"付議事項|付議書|諮問書")  # a submission's own heading (諮問事項 heads a minutes list)


def _start_number(text: str) -> str | None:
    """The 資料 number a header line gives its submission, else None."""
    if len(text) > 80 or "。" in text or "「" in text or "のとおり" in text:
        return None
    m = _DOCUMENT_NUMBER.search(text)
    if not m:
        return None
    if len(text) <= 8 or (_MEETING.search(text) and m.end() >= len(text) - 2):
        return m.group("n")
    return None


def submission_starts(blocks: list[tuple[int | None, object]], *, numbered_only: bool = False) -> list[int]:
    """Indices of ``blocks`` (page, block) where a submission begins."""
    starts: list[int] = []
    numbers: list[str | None] = []
    for i, (_, block) in enumerate(blocks):
        if not isinstance(block, Paragraph):
            continue
        text = normalize(block.text) or ""
        number = _start_number(text)
        if number is not None:
            if number not in numbers:
                starts.append(i)
                numbers.append(number)
            continue
        heading = (not numbered_only and len(text) <= 30 and _HEADING.search(text)
                   and not text.endswith(("について", "。")))
        if heading and not (starts and i - starts[-1] <= 3):
            starts.append(i)
            numbers.append(None)
    return starts


def split_packet(doc: Document, *, numbered_only: bool = False) -> list[tuple[Document, int | None, int | None]] | None:
    """The submissions of a packet, each as a document of its own with its first and last page;
    None when the file holds one submission. ``numbered_only``: only 資料-numbered headers count
    (the strong evidence that outweighs a header of minutes)."""
    blocks = [(page.number, block) for page in doc.pages for block in page.blocks]
    starts = submission_starts(blocks, numbered_only=numbered_only)
    if len(starts) < 2:
        return None
    starts[0] = 0  # whatever precedes the first header (a cover page) goes with the first
    parts = []
    for a, b in zip(starts, starts[1:] + [len(blocks)]):
        chunk = blocks[a:b]
        pages: dict[int | None, list] = {}
        for number, block in chunk:
            pages.setdefault(number, []).append(block)
        numbers = [n for n in pages if n is not None]
        part = Document(format=doc.format, pages=tuple(Page(number=n, blocks=tuple(bs)) for n, bs in pages.items()),
                        page_count=doc.page_count,
                        warnings=tuple(w for w in doc.warnings if w.page is None or w.page in pages))
        parts.append((part, min(numbers) if numbers else None, max(numbers) if numbers else None))
    return parts
