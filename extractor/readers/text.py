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


_BOMS = (  # longest first: a UTF-32 LE BOM begins with the UTF-16 LE one
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32 LE (with BOM)"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32 BE (with BOM)"),
    (b"\xef\xbb\xbf", "utf-8", "UTF-8 (with BOM)"),
    (b"\xff\xfe", "utf-16-le", "UTF-16 LE (with BOM)"),
    (b"\xfe\xff", "utf-16-be", "UTF-16 BE (with BOM)"),
)
_ISO_2022_JP_ESCAPES = (b"\x1b$B", b"\x1b$@", b"\x1b(J", b"\x1b(I", b"\x1b$(D", b"\x1b$(Q", b"\x1b$(O")
UTF8 = "UTF-8"


def _plausible(text: str) -> float:
    """The share of a decoded text that Japanese prose is made of (kana, kanji, ASCII, CJK punctuation);
    EUC-JP misread as CP932 turns into half-width katakana and rare symbols, which score nothing."""
    good = 0
    for ch in text:
        cp = ord(ch)
        if (0x20 <= cp < 0x7F or ch in "\t\r\n" or 0x3000 <= cp <= 0x30FF or 0x4E00 <= cp <= 0x9FFF
                or 0xFF01 <= cp <= 0xFF5E or 0x2460 <= cp <= 0x24FF or 0x25A0 <= cp <= 0x26FF):
            good += 1
    return good / max(1, len(text))


def detect_encoding(data: bytes, name: str) -> tuple[str, str]:
    """Bytes of a text export → (str, the encoding's name), decided from the bytes in a strict order:
    a BOM (UTF-8, UTF-16, UTF-32), ISO-2022-JP by its escape sequences (7-bit bytes only), strict
    UTF-8, then CP932 (Shift_JIS) and EUC-JP, the one whose text is the more plausible Japanese if
    both decode."""
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec), label
            except UnicodeDecodeError as exc:
                raise TextDecodeError(name, f"{label} text that does not decode ({exc.reason} at byte "
                                      f"{exc.start + len(bom)})")
    if b"\x00" in data[:8192]:
        raise UnsupportedFormat(name, "binary file, not a text export, .docx or PDF")
    if b"\x1b" in data and max(data) < 0x80 and any(e in data for e in _ISO_2022_JP_ESCAPES):
        for codec in ("iso2022_jp", "iso2022_jp_ext", "iso2022_jp_2004", "iso2022_jp_2"):
            try:
                return data.decode(codec), "ISO-2022-JP"
            except UnicodeDecodeError:
                continue
        raise TextDecodeError(name, "ISO-2022-JP text (by its escape sequences) that does not decode")
    try:
        return data.decode("utf-8"), UTF8
    except UnicodeDecodeError:
        pass
    candidates = []
    for codec, label in (("cp932", "Shift_JIS (CP932)"), ("euc_jp", "EUC-JP"), ("euc_jis_2004", "EUC-JIS-2004")):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if label.startswith("EUC") and any(c[1].startswith("EUC") for c in candidates):
            continue
        candidates.append((_plausible(text), label, text))
    if not candidates:
        raise TextDecodeError(name, "text in none of UTF-8, UTF-16/32 (with BOM), Shift_JIS (CP932), EUC-JP "
                              "or ISO-2022-JP")
    score, label, text = max(candidates, key=lambda c: c[0])  # a tie keeps the first: CP932
    return text, label


def decode_text(data: bytes, name: str) -> str:
    """Bytes of a text export → str (see :func:`detect_encoding`)."""
    return detect_encoding(data, name)[0]


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
            if para_lines and _LABEL_START.match(line.strip()):
                flush_paragraph()  # ``目的：…`` under ``事業名：…``: a 見出し：値 line of its own, no wrap
            para_lines.append(line.strip())
    flush_table()
    flush_paragraph()
    return tuple(blocks)


# a line that opens with a short ``見出し：`` label (a wrapped line starts mid-sentence)
_LABEL_START = re.compile(r"^[^：:。、，\s()（）「」]{1,12}[：:]\S")


# HTML whose structure a text export does not carry over: their text is kept, their shape is not.
_STRUCTURE_TAGS = re.compile(r"<\s*(table|tr|td|th|img|h[1-6])\b", re.I)


def read_text(path: Path, data: bytes | None = None, *, limits: Limits = DEFAULT_LIMITS) -> Document:
    data = path.read_bytes() if data is None else data
    longest = max((len(line) for line in data.splitlines()), default=0)
    if longest > limits.line_kb * 1024:
        raise refusal(path.name, f"a line of {longest // 1024} KB (not a text export?)", "line_kb", limits)
    text, encoding = detect_encoding(data, path.name)
    blocks = text_to_blocks(text)
    if not blocks:
        raise EmptyDocument(path.name, "the text export holds no text")
    warnings = ()
    if encoding != UTF8:  # plain UTF-8 is what an export is expected to be, and goes unsaid
        warnings += (Warning("encoding", f"a text export in {encoding}, detected from its bytes and read as such",
                             None),)
    ignored = sorted({m.group(1).lower() for m in _STRUCTURE_TAGS.finditer(text)})
    if ignored:
        warnings += (Warning("html_structure_ignored", "HTML elements " + ", ".join(f"<{t}>" for t in ignored)
                            + " are read as plain paragraphs: their text is kept, their table or heading "
                            "structure is not", None),)
    return Document(format="text", pages=(Page(number=None, blocks=blocks),), page_count=None, warnings=warnings)
