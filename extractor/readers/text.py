"""Text exports (like the seed) → IR.

What such an export holds (design notes, "Readers: known traps"): tab-separated lines for table
rows, HTML fragments inside lines and cells (``<p>``, ``<ul>``/``<li>``, ``<br>``, ``<input>``),
blank lines between blocks, and no styles at all — so every style attribute stays ``None``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

from ..char_classes import CHECKED_BOX, EMPTY_BOX, RADIO
from ..errors import EmptyDocument, TextDecodeError, UnsupportedFormat
from ..ir import Cell, Document, Page, Paragraph, Run, Table, Warning
from ..limits import DEFAULT as DEFAULT_LIMITS, Limits, refusal

# A radio input stands for the ○ a reader saw in the original; a checkbox for ☑ / ☐.
RADIO_GLYPH = RADIO
CHECKED_GLYPH, UNCHECKED_GLYPH = CHECKED_BOX, EMPTY_BOX

# Inside a <ul> without <li>, items start at a circled number or at a "・" bullet after a space.
_ITEM_START = re.compile(r"(?=[①-⑳])|(?<=\s)(?=・)")
_SEPARATOR_CELL = re.compile(r"^\s*[-=ー―]{3,}\s*$")


def decode_text(data: bytes, name: str) -> str:
    """Bytes of a text export → str: UTF-8 (with or without BOM), UTF-16 with BOM, or Shift_JIS."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise TextDecodeError(name, f"UTF-16 text that does not decode ({exc.reason} at byte {exc.start})")
    if b"\x00" in data[:8192]:
        raise UnsupportedFormat(name, "binary file, not a text export, .docx or PDF")
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TextDecodeError(name, "text that is neither UTF-8 nor Shift_JIS")


class _FragmentParser(HTMLParser):
    """One line or cell of HTML fragments → paragraphs (list items flagged)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[tuple[str, bool]] = []
        self._buf: list[str] = []
        self._list_depth = 0
        self._in_li = False
        self._list_has_li: list[bool] = []

    def _flush(self, list_item: bool = False):
        text = "".join(self._buf)
        self._buf = []
        if text.strip():
            self.paragraphs.append((text.strip(), list_item))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("p", "div"):
            if self._list_has_li and not self._list_has_li[-1]:
                # <ul>①…②…<p>: an export that dropped </ul>; the paragraph ends the list.
                self._flush_loose_list_text()
                self._list_has_li.pop()
                self._list_depth = max(0, self._list_depth - 1)
            self._flush(self._in_li)
        elif tag == "br":
            self._flush(self._in_li)
        elif tag in ("ul", "ol"):
            self._flush()
            self._list_depth += 1
            self._list_has_li.append(False)
        elif tag == "li":
            self._flush_loose_list_text()
            self._flush(self._in_li)
            if self._list_has_li:
                self._list_has_li[-1] = True
            self._in_li = True
        elif tag == "input":
            kind = (attrs.get("type") or "").lower()
            if kind == "radio":
                self._buf.append(RADIO_GLYPH)
            elif kind == "checkbox":
                self._buf.append(CHECKED_GLYPH if "checked" in attrs else UNCHECKED_GLYPH)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in ("p", "div"):
            self._flush(self._in_li or (self._list_depth > 0))
        elif tag == "li":
            self._flush(True)
            self._in_li = False
        elif tag in ("ul", "ol"):
            if self._list_has_li and not self._list_has_li[-1]:
                self._flush_loose_list_text()
            else:
                self._flush(True)
            self._list_depth = max(0, self._list_depth - 1)
            if self._list_has_li:
                self._list_has_li.pop()

    def _flush_loose_list_text(self):
        """A list written without <li>: split its text at circled numbers and bullets."""
        text = "".join(self._buf)
        self._buf = []
        for item in _ITEM_START.split(text):
            if item.strip():
                self.paragraphs.append((item.strip(), True))

    def handle_data(self, data):
        self._buf.append(data)

    def close(self):
        super().close()
        # Exports often cut the closing </ul>: an open list still ends here.
        if self._list_has_li and not self._list_has_li[-1]:
            self._flush_loose_list_text()
        else:
            self._flush(self._in_li or self._list_depth > 0)


def fragment_to_paragraphs(fragment: str) -> tuple[Paragraph, ...]:
    """A line or cell that may hold HTML → paragraphs of unstyled runs."""
    if "<" not in fragment and "&" not in fragment:
        text = fragment.strip()
        return (Paragraph(runs=(Run(text=text),)),) if text else ()
    parser = _FragmentParser()
    parser.feed(fragment)
    parser.close()
    return tuple(Paragraph(runs=(Run(text=t),), list_item=li) for t, li in parser.paragraphs)


def _is_separator_row(cells: list[str]) -> bool:
    """``----<TAB>------``: a Markdown-style rule under a header, not content."""
    filled = [c for c in cells if c.strip()]
    return bool(filled) and all(_SEPARATOR_CELL.match(c) for c in filled)


def lines_to_table(lines: list[str]) -> Table:
    rows = []
    for line in lines:
        cells = line.split("\t")
        if _is_separator_row(cells):
            continue
        rows.append(cells)
    n_cols = max(len(r) for r in rows) if rows else 0
    grid = tuple(
        tuple(Cell(row=r, col=c, blocks=fragment_to_paragraphs(text)) for c, text in enumerate(cells))
        for r, cells in enumerate(rows))
    return Table(rows=grid, n_cols=n_cols)


def join_wrapped_lines(lines: list[str]) -> str:
    """Lines of one paragraph were wrapped by the export: Japanese joins with nothing, Latin with a space."""
    out = lines[0]
    for line in lines[1:]:
        latin_seam = out[-1:].isascii() and out[-1:].isalnum() and line[:1].isascii() and line[:1].isalnum()
        out += (" " if latin_seam else "") + line
    return out


def text_to_blocks(text: str):
    """Blocks in order: consecutive tab lines form one table; other lines up to a blank line one paragraph."""
    blocks = []
    table_lines: list[str] = []
    para_lines: list[str] = []

    def flush_table():
        if table_lines:
            table = lines_to_table(table_lines)
            if table.rows:
                blocks.append(table)
            table_lines.clear()

    def flush_paragraph():
        if para_lines:
            joined = join_wrapped_lines(para_lines)
            paragraphs = fragment_to_paragraphs(joined)
            if len(para_lines) > 1 and len(paragraphs) == 1 and paragraphs[0].text == joined:
                starts, pos = [], 0
                for line in para_lines[:-1]:
                    pos = joined.index(line, pos) + len(line)
                    starts.append(pos + (1 if joined[pos:pos + 1] == " " else 0))
                paragraphs = (replace(paragraphs[0], line_starts=tuple(starts)),)
            blocks.extend(paragraphs)
            para_lines.clear()

    for line in text.splitlines():
        if "\t" in line and line.replace("\t", "").strip():
            flush_paragraph()
            table_lines.append(line)
        elif not line.strip():
            flush_table()
            flush_paragraph()
        else:
            flush_table()
            para_lines.append(line.strip())
    flush_table()
    flush_paragraph()
    return tuple(blocks)


# HTML whose structure a text export does not carry over: their text is kept, their shape is not.
_STRUCTURE_TAGS = re.compile(r"<\s*(table|tr|td|th|img|h[1-6])\b", re.I)


def read_text(path: Path, data: bytes | None = None, *, limits: Limits = DEFAULT_LIMITS) -> Document:
    data = path.read_bytes() if data is None else data
    longest = max((len(line) for line in data.splitlines()), default=0)
    if longest > limits.line_kb * 1024:
        raise refusal(path.name, f"a line of {longest // 1024} KB (not a text export?)", "line_kb", limits)
    text = decode_text(data, path.name)
    blocks = text_to_blocks(text)
    if not blocks:
        raise EmptyDocument(path.name, "the text export holds no text")
    warnings = ()
    ignored = sorted({m.group(1).lower() for m in _STRUCTURE_TAGS.finditer(text)})
    if ignored:
        warnings = (Warning("html_structure_ignored", "HTML elements " + ", ".join(f"<{t}>" for t in ignored)
                            + " are read as plain paragraphs: their text is kept, their table or heading "
                            "structure is not", None),)
    return Document(format="text", pages=(Page(number=None, blocks=blocks),), page_count=None, warnings=warnings)
