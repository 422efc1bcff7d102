"""Paragraphs a layout broke inside one bracketed statement, put back together.

A writer who ends a line by hand inside brackets — ``（担当部課：市民生活部国民健康保険課、`` then
``福祉部障害福祉課）`` — writes one statement on two lines: Word keeps it one paragraph with a line
break in it, a PDF shows two lines the second of which is short, and a text export may give two
blocks. An opening bracket that the paragraph leaves open and the next paragraph closes says the
two are one; they are joined with the line break a .docx gives, so every format reads one line.
"""

from __future__ import annotations

from dataclasses import replace

from ..ir import Block, Document, Page, Paragraph, Run

_PAIRS = {"（": "）", "(": ")", "「": "」", "『": "』"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}
_MAX_JOINED = 300  # characters: a bracket left open longer than this is a typo, not a statement


def open_brackets(text: str) -> list[str]:
    """The brackets ``text`` opens and does not close, innermost last (closers without an opener
    are ignored: they close something before the text)."""
    stack: list[str] = []
    for ch in text:
        if ch in _PAIRS:
            stack.append(ch)
        elif ch in _CLOSERS and stack and stack[-1] == _CLOSERS[ch]:
            stack.pop()
    return stack


def _closes_all(stack: list[str], text: str) -> bool:
    """``text`` closes every bracket of ``stack`` (and opens none it leaves open)."""
    stack = list(stack)
    for ch in text:
        if ch in _PAIRS:
            stack.append(ch)
        elif ch in _CLOSERS and stack and stack[-1] == _CLOSERS[ch]:
            stack.pop()
    return not stack


def join_bracket_continuations(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """Consecutive paragraphs joined where the first leaves a bracket open and the next closes it."""
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (isinstance(block, Paragraph) and isinstance(prev, Paragraph) and prev.heading_level is None
                and not prev.list_item and not block.list_item
                and len(prev.text) + len(block.text) <= _MAX_JOINED):
            stack = open_brackets(prev.text)
            if stack and block.text.strip() and _closes_all(stack, block.text):
                out[-1] = _joined(prev, block)
                continue
        out.append(block)
    return tuple(out)


def _joined(a: Paragraph, b: Paragraph) -> Paragraph:
    seam = a.runs[-1] if a.runs else Run("")
    runs = a.runs + (replace(seam, text="\n", bbox=None, deleted=None),) + b.runs
    start = len(a.text) + 1
    bbox = a.bbox
    if a.bbox and b.bbox and a.page == b.page:
        bbox = (min(a.bbox[0], b.bbox[0]), a.bbox[1], max(a.bbox[2], b.bbox[2]), b.bbox[3])
    return replace(a, runs=runs, bbox=bbox,
                   line_starts=a.line_starts + (start,) + tuple(start + s for s in b.line_starts))


def join_document_continuations(doc: Document) -> Document:
    """The document with bracketed statements joined on every page (body text only: a cell's lines
    are its own)."""
    pages = tuple(Page(number=p.number, blocks=join_bracket_continuations(p.blocks)) for p in doc.pages)
    return replace(doc, pages=pages)
