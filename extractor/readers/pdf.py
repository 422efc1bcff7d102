"""PDF → IR with pdfplumber, reaching into pdfminer for what pdfplumber does not expose.

What a PDF does not say outright is recovered from geometry (design notes, "Readers: known traps"):
- bold is a weight in the font name *or* text render mode 2 (fill + stroke), the synthetic bold of
  LibreOffice and Word for Japanese fonts; pdfminer tracks the render mode, pdfplumber drops it,
  so a layout device here records it per character;
- underline is a horizontal line or thin filled rectangle just under the baseline, told apart
  from table rules by where the rules of the table lie;
- tables come from ruling lines; merged cells get their spans from the grid the cell edges make;
  a table that goes on at the top of the next page is one table, its repeated header row dropped;
- spaces: producers draw spurious space glyphs over other glyphs (LibreOffice does for underlined
  Gothic text), so a space is kept only where it overlaps nothing, and a space is added only between
  Latin letters or digits set apart (``L o G o`` stays apart here and is joined by normalisation).
"""

from __future__ import annotations

import bisect
import re
import statistics
from collections import Counter
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from pathlib import Path

from ..errors import CorruptDocument, EmptyDocument, Encrypted, TooLarge
from ..limits import DEFAULT as DEFAULT_LIMITS, Limits, refusal
from ..fonts import font_family_of
from ..glyphs import symbol_glyph
from ..ir import Cell, Document, Page, Paragraph, Run, Table, Warning

_BOLD_NAME = re.compile(r"bold|heavy|black|semibold|demibold|extrabold|ultrabold|,b$|-b$|[-_ ]?w[6-9]$|[-_]w[6-9][-_]",
                        re.I)
_PAGE_NUMBER = re.compile(r"^[-－‐ー―–—\s(（]*(?:p\.?\s*)?\d{1,4}(?:\s*[/／]\s*\d{1,4})?[-－‐ー―–—\s)）]*(?:ページ|頁)?$", re.I)
_PARAGRAPH_START = re.compile(r"^[①-⑳※・◇◆■□○●]|^\d{1,2}(?:[\s　)）]|[.．](?!\d))")  # 1. starts an item, 1.2 does not
_CID = re.compile(r"\(cid:\d+\)")


def _is_latin(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in ".,:;/%&+-_'\"#@")


def _is_word_char(ch: str) -> bool:
    """Part of a word no renderer breaks: Latin letters and digits, full-width ones too (``ＴＬＳ１．２``)."""
    return _is_latin(ch) or bool(ch) and "\uff01" <= ch[0] <= "\uff5e" and (ch[0].isalnum() or ch[0] in "．，")


@lru_cache(maxsize=1024)
def _base_font_name(name: str) -> str:
    """``ABCDEF+IPAexMincho`` → ``IPAexMincho``; a name pdfplumber could only give as bytes
    (``b'\\x82l\\x82r\\x96\\xbe\\x92\\xa9'``, Shift_JIS in older Japanese PDFs) → ``ＭＳ明朝``."""
    if name.startswith(("b'", 'b"')):
        import ast

        try:
            raw = ast.literal_eval(name)
            name = raw.decode("cp932") if isinstance(raw, bytes) else name
        except (ValueError, SyntaxError, UnicodeDecodeError):
            pass
    return name.split("+", 1)[1] if "+" in name[:8] else name


_CHAR_KEYS = ("text", "x0", "x1", "top", "bottom", "size", "fontname", "matrix", "render_mode", "upright")


def _is_bold(char: dict) -> bool:
    return char.get("render_mode") == 2 or _bold_name(char.get("fontname", ""))


@lru_cache(maxsize=1024)
def _bold_name(fontname: str) -> bool:
    return bool(_BOLD_NAME.search(_base_font_name(fontname)))


# -- the render-mode hook ----------------------------------------------------------------------


def _render_mode_page_layout(pdf, page) -> list[dict]:
    """Lay ``page`` out with a device that records each character's text render mode, and return its
    characters as small dicts of the keys the reader reads (``_CHAR_KEYS``).

    pdfplumber turns every layout object into a dict of some thirty attributes, resolving colours and
    names on the way; for characters that costs a third of a bare parse, and the reader needs ten keys.
    So characters are taken out of the layout as the device makes them, with pdfplumber's own
    coordinates (top from the page height and the MediaBox, as ``Page.process_object`` does), and
    pdfplumber converts only the rest (lines, rectangles, curves, images), keeping its behaviour there.
    """
    import pdfplumber.page as pp
    from pdfminer.pdfinterp import PDFPageInterpreter

    height = page.height
    mb_x0, mb_top = page.mediabox[:2]
    chars: list[dict] = []

    class RenderModeAggregator(pp.PDFPageAggregatorWithMarkedContent):
        _render_mode = 0

        def render_string(self, textstate, seq, ncs, graphicstate):
            self._render_mode = textstate.render
            super().render_string(textstate, seq, ncs, graphicstate)

        def render_char(self, *args, **kwargs):
            advance = super().render_char(*args, **kwargs)
            obj = self.cur_item._objs.pop()
            fontname = obj.fontname
            if isinstance(fontname, bytes):  # pragma: nocover - as pdfplumber does
                fontname = pp.fix_fontname_bytes(fontname)
            chars.append({"text": obj.get_text(), "x0": obj.x0 + mb_x0, "x1": obj.x1 + mb_x0,
                          "top": (height - obj.y1) + mb_top, "bottom": (height - obj.y0) + mb_top,
                          "size": obj.size, "fontname": fontname, "matrix": obj.matrix,
                          "render_mode": self._render_mode, "upright": obj.upright})
            return advance

    device = RenderModeAggregator(pdf.rsrcmgr, pageno=page.page_number, laparams=pdf.laparams)
    PDFPageInterpreter(pdf.rsrcmgr, device).process_page(page.page_obj)
    page._layout = device.get_result()
    return chars


# -- geometry helpers --------------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    """A horizontal stroke that may be an underline."""

    x0: float
    x1: float
    y: float


def _horizontal_segments(page) -> list[Segment]:
    segs = []
    for line in page.lines:
        if abs(line["top"] - line["bottom"]) < 1.0:
            segs.append(Segment(line["x0"], line["x1"], (line["top"] + line["bottom"]) / 2))
    for rect in page.rects:
        if rect["height"] < 1.5 and rect["width"] > 2 and rect.get("fill", True):
            segs.append(Segment(rect["x0"], rect["x1"], (rect["top"] + rect["bottom"]) / 2))
    return segs


def _cluster(values: list[float], tolerance: float = 1.5) -> list[float]:
    """Sorted representatives of values that lie within ``tolerance`` of each other."""
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tolerance:
            continue
        out.append(v)
    return out


def _index(reps: list[float], v: float) -> int:
    return min(range(len(reps)), key=lambda i: abs(reps[i] - v))


def _inside(char: dict, bbox) -> bool:
    x0, top, x1, bottom = bbox
    cx, cy = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
    return x0 <= cx <= x1 and top <= cy <= bottom


def chars_on_page(chars: list[dict], bbox) -> list[dict]:
    """The characters within ``bbox``, those across its edge clipped to it, as pdfplumber's ``crop``
    does (``clip_obj``); the many wholly inside are taken as they are, without a copy."""
    from pdfplumber.utils.geometry import clip_obj

    x0, top, x1, bottom = bbox
    out = []
    for c in chars:
        if (x0 <= c["x0"] and c["x1"] <= x1 and top <= c["top"] and c["bottom"] <= bottom
                and c["x1"] - c["x0"] + c["bottom"] - c["top"] > 0):
            out.append(c)
        else:
            clipped = clip_obj(c, bbox)
            if clipped is not None:  # only the keys the reader looks at (clipping adds width and height)
                out.append({k: clipped[k] for k in _CHAR_KEYS if k in clipped})
    return out


def dedupe_chars(chars: list[dict]) -> list[dict]:
    """One of each glyph drawn twice in the same place (bold by overprinting, shadows), in order.

    pdfplumber's ``dedupe_chars`` does this with pairwise clustering; a rounded-position key is
    enough here and costs one pass.
    """
    seen: set[tuple] = set()
    out = []
    for c in chars:
        key = (c["text"], c.get("fontname"), round(c["x0"]), round(c["top"]))
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def drawn_checkboxes(page, table_cells: list[tuple]) -> list[dict]:
    """Small squares drawn as boxes (not table cells) → a ☑ char when a stroke lies inside, else ☐.

    Forms draw check boxes instead of typing them; a reader sees a box, ticked or not.
    """
    boxes = []
    strokes = list(page.curves) + list(page.lines)
    for r in page.rects:
        w, h = r["width"], r["height"]
        if not (5 <= w <= 16 and abs(w - h) <= 1.5):
            continue
        if any(abs(r["x0"] - c[0]) < 1 and abs(r["top"] - c[1]) < 1 for c in table_cells):
            continue
        inside = [s for s in strokes if s["x0"] >= r["x0"] - 0.5 and s["x1"] <= r["x1"] + 0.5
                  and s["top"] >= r["top"] - 0.5 and s["bottom"] <= r["bottom"] + 0.5]
        boxes.append({"text": "☑" if inside else "☐", "x0": r["x0"], "x1": r["x1"], "top": r["top"],
                      "bottom": r["bottom"], "size": h, "fontname": "", "upright": True})
    return boxes


# -- characters → lines → paragraphs -----------------------------------------------------------


@dataclass
class _Line:
    """A line's characters, left to right; final once :func:`chars_to_lines` returns it, so its
    geometry is computed once."""

    chars: list[dict]

    @cached_property
    def top(self) -> float:
        return min(c["top"] for c in self.chars)

    @cached_property
    def bottom(self) -> float:
        return max(c["bottom"] for c in self.chars)

    @cached_property
    def x0(self) -> float:
        return min(c["x0"] for c in self.chars)

    @cached_property
    def x1(self) -> float:
        return max(c["x1"] for c in self.chars)

    @cached_property
    def size(self) -> float:
        return statistics.median(c["size"] for c in self.chars)

    @cached_property
    def text(self) -> str:
        return "".join(c["text"] for c in self.chars)


def _clean_chars(chars: list[dict]) -> list[dict]:
    """Drop ASCII space glyphs that overlap another glyph (LibreOffice draws them for underline
    continuity; nobody typed them). Wide spaces (U+3000, U+2003) are typed: they stay."""
    solid = [c for c in chars if c["text"] != " "]
    out = list(solid)
    for c in chars:
        if c["text"] == " ":
            overlaps = any(o["x0"] < c["x1"] - 0.3 and c["x0"] + 0.3 < o["x1"]
                           and o["top"] < c["bottom"] and c["top"] < o["bottom"] for o in solid)
            if not overlaps:
                out.append(c)
    return out


def chars_to_lines(chars: list[dict]) -> list[_Line]:
    """Characters grouped into lines by vertical overlap, each line read left to right."""
    groups: list[list] = []  # [chars, top, bottom] while lines grow
    for c in sorted(chars, key=lambda c: (round(c["top"], 1), c["x0"])):
        for group in groups[-3:]:
            _, top, bottom = group
            overlap = min(bottom, c["bottom"]) - max(top, c["top"])
            if overlap > 0.5 * min(c["bottom"] - c["top"], bottom - top):
                group[0].append(c)
                group[1], group[2] = min(top, c["top"]), max(bottom, c["bottom"])
                break
        else:
            groups.append([[c], c["top"], c["bottom"]])
    lines = [_Line(chars) for chars, _, _ in groups]
    for line in lines:
        line.chars.sort(key=lambda c: c["x0"])
        # a space glyph and the gap it fills are one space
        deduped = []
        for c in line.chars:
            if deduped and c["text"] == " " and deduped[-1]["text"] == " ":
                continue
            deduped.append(c)
        line.chars = deduped
    lines.sort(key=lambda l: l.top)
    return lines


def _line_texts(line: _Line) -> list[tuple[str, dict]]:
    """(text, char) per character, with a space where a reader sees one: between Latin letters or
    digits set apart, and in any gap of more than half an em (a browser draws U+3000 as a gap)."""
    out: list[tuple[str, dict]] = []
    prev = None
    for c in line.chars:
        if prev is not None and not c["text"].isspace() and not prev["text"].isspace():
            gap = c["x0"] - prev["x1"]
            latin_pair = _is_latin(prev["text"][-1:]) and _is_latin(c["text"][:1])
            if gap > 0.6 * c["size"] or (gap > 0.15 * c["size"] and latin_pair):
                out.append((" ", prev))
        out.append((c["text"], c))
        prev = c
    return out


_OPENING = set("「『（([【〔〈《“‘")
_NO_LINE_START = set("、。，．,.・：；:;」』）)]】〕〉》”’ーゝゞぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ！？!?%％")


def _spaced(a: dict, b: dict, line: _Line) -> bool:
    """A space stands between characters ``a`` and ``b`` of ``line``: a space glyph or a gap."""
    if b["x0"] - a["x1"] > 0.15 * b["size"]:
        return True
    return any(c["text"].isspace() and a["x1"] - 0.5 <= c["x0"] <= b["x0"] + 0.5 for c in line.chars)


def leading_unit_width(line: _Line) -> float:
    """Width of what cannot be split off the start of ``line``: opening brackets, then one character
    or one Latin word, then any characters that may not start a line (、。」ー っ …), as Japanese
    line breaking (kinsoku) keeps them together."""
    chars = [c for c in line.chars if not c["text"].isspace()]
    if not chars:
        return 0.0
    i, n = 0, len(chars)
    while i < n and chars[i]["text"] in _OPENING:
        i += 1
    if i < n:
        if _is_word_char(chars[i]["text"]):
            i += 1
            # a word ends at a space (the PDF's own, or a gap where a space glyph is left out)
            while i < n and _is_word_char(chars[i]["text"]) and not _spaced(chars[i - 1], chars[i], line):
                i += 1
        else:
            i += 1
    while i < n and chars[i]["text"] in _NO_LINE_START:
        i += 1
    return chars[i - 1]["x1"] - chars[0]["x0"]


def _weight(line: _Line) -> bool | None:
    """True when every character of the line is bold, False when none is, None when mixed."""
    bold = {_is_bold(c) for c in line.chars if not c["text"].isspace()}
    return next(iter(bold)) if len(bold) == 1 else None


def _seam_space(prev: _Line, line: _Line) -> float:
    """The space a renderer would put between ``prev``'s last character and ``line``'s first had they
    stood on one line: LibreOffice sets a gap between Japanese and Latin text (autospace), as ``prev``
    itself shows where it changes script; Chromium sets none, and its lines show none."""
    a = next((c for c in reversed(prev.chars) if not c["text"].isspace()), None)
    b = next((c for c in line.chars if not c["text"].isspace()), None)
    if a is None or b is None or _is_word_char(a["text"]) == _is_word_char(b["text"]):
        return 0.0
    gaps = [y["x0"] - x["x1"] for x, y in zip(prev.chars, prev.chars[1:])
            if not x["text"].isspace() and not y["text"].isspace()
            and _is_word_char(x["text"]) != _is_word_char(y["text"])]
    return max([g for g in gaps if 0 < g < 0.35 * prev.size], default=0.0)


# How much room must be left after a line for the next line's first piece to prove a break: none.
# Both producers lay text out to the point (LibreOffice fits a piece with 0.2 pt to spare, Chromium
# wraps one that lacks 0.16 pt, and one that lacks 0.001 pt), so any tolerance reads a wrap as a break.
FIT_SLACK = 0.0


def _closes(line: _Line) -> bool:
    """The line ends a sentence or a bracketed title (。 」 ）)."""
    return line.text.rstrip()[-1:] in "。．.:：」）)"


def proven_wrap_gaps(lines: list[_Line], right_limit: float) -> list[float]:
    """The gaps between wrapped lines. Two full lines of some fifteen characters in a row prove a
    wrap (one full line may be a paragraph that happens to fill the line); once that proves the
    page wraps, a narrower gap after a full line, before a line at its margin, is a wrap too (a
    paragraph gap is never narrower than a wrap's) — the tightest proof, as when the proven pair
    were two full paragraphs after all."""
    left = min((l.x0 for l in lines), default=0.0)

    def full_and_long(line: _Line) -> bool:
        return (line.x1 >= right_limit - 1.5 * line.size and line.x0 - left <= 3 * line.size
                and line.x1 - line.x0 >= 15 * line.size)

    pairs = [(a, b) for a, b in zip(lines, lines[1:]) if full_and_long(a) and b.top - a.bottom < 1.5 * a.size]
    proven = [b.top - a.bottom for a, b in pairs if full_and_long(b)]
    if not proven:
        return []
    tighter = [b.top - a.bottom for a, b in pairs if abs(b.x0 - a.x0) < 0.5 * a.size
               and abs(b.size - a.size) < 0.5 and b.top - a.bottom < min(proven)]
    return proven + tighter


def lines_to_paragraph_groups(lines: list[_Line], right_limit: float,
                              wrap_gap_hint: float | None = None) -> list[list[_Line]]:
    """Lines → paragraphs. A line ends its paragraph when the next line's first unbreakable piece
    would have fitted after it (so the break was not a wrap), when the next line is indented (a
    Japanese paragraph starts one character in), when a wider gap than between wrapped lines
    follows, or when the next line starts a new item (①, ※, ・, a number)."""
    if not lines:
        return []
    left = min(l.x0 for l in lines)

    def set_apart(line: _Line) -> bool:  # right-aligned or centred: starts further in than an indent
        return line.x0 - left > 3 * line.size

    # the gap between wrapped lines (proven in this block, else in the other cells of its table);
    # without either, more than half an em of gap is a break
    wrap_gaps = proven_wrap_gaps(lines, right_limit)
    wrap_gap = min(wrap_gaps) if wrap_gaps else None
    tolerance = 0.2  # ems over the least gap after a full line that make a paragraph gap
    if wrap_gap is None and wrap_gap_hint is not None:
        wrap_gap, tolerance = wrap_gap_hint, 0.2  # measured in other cells: Chromium's line gaps vary by 1.5 pt
    groups: list[list[_Line]] = []
    prev = None
    for line in lines:
        if prev is None:
            groups.append([line])
        else:
            size = prev.size
            gap = line.top - prev.bottom
            # the next line's first piece would have fitted after this one: a break, not a wrap
            would_fit = right_limit - (prev.x1 + _seam_space(prev, line) + leading_unit_width(line)) >= FIT_SLACK
            new_item = bool(_PARAGRAPH_START.match(line.text.lstrip()))
            # a right-aligned paragraph wrapped: a full line, then the rest ending at the right margin
            right_wrap = (prev.x1 >= right_limit - 1.5 * size and set_apart(line)
                          and line.x1 >= right_limit - 1.5 * line.size)
            indented = line.x0 - left >= 0.8 * size and line.x0 - prev.x0 >= 0.8 * size and not right_wrap
            spaced = gap > (wrap_gap + tolerance * size if wrap_gap is not None else 0.6 * size)
            # a line set apart is a paragraph of its own, unless it wrapped: the next line starts
            # where it started (an indented block), or ends at the margin too (right-aligned)
            same_block = set_apart(prev) and prev.x1 >= right_limit - 1.5 * size and not would_fit and (
                abs(line.x0 - prev.x0) < 1.0 or right_wrap)
            # a full line that closes (。 ） 」) followed by a line all in another weight (a bold
            # heading after a title that happens to fill the line): a break, not a wrap
            reweighted = not would_fit and _closes(prev) and _weight(prev) != _weight(line) and None not in (
                _weight(prev), _weight(line))
            if would_fit or new_item or indented or spaced or reweighted or (set_apart(prev) and not same_block):
                groups.append([line])
            else:
                groups[-1].append(line)
        prev = line
    return groups


# full-width closing punctuation, whose right half a browser may trim at a line's end to fit it
# (CSS text-spacing-trim: Chromium sets a 43rd character ``）`` where only 42.5 fit)
_TRIMMABLE_END = set("、。，．」』）】〕〉》")


def right_margin(lines: list[_Line]) -> float:
    """Where body lines may end: the rightmost line end (wrapped and right-aligned lines reach it),
    a line that ends in closing punctuation counted to the middle of that glyph, where its ink ends."""
    def end(line: _Line) -> float:
        last = next((c for c in reversed(line.chars) if not c["text"].isspace()), None)
        if last is not None and last["text"] in _TRIMMABLE_END:
            return line.x1 - 0.5 * (last["x1"] - last["x0"])
        return line.x1
    return max(end(l) for l in lines)


class _Styler:
    """Per-character styles of one page: bold, underline, font family."""

    def __init__(self, segments: list[Segment], rule_ys: list[tuple[float, float, float]]):
        # a stroke along a table rule that covers a cell's whole edge is the rule, not an underline;
        # an underline stops at the cell's padding, a point or more short of its edges, even where
        # its text fills the cell on the last line above the rule
        self.segments = [s for s in segments if not any(
            abs(s.y - y) < 0.8 and min(s.x1, x1) - max(s.x0, x0) >= (x1 - x0) - 2.0 for y, x0, x1 in rule_ys)]

    def underlined(self, c: dict) -> bool:
        cx = (c["x0"] + c["x1"]) / 2
        size = c["size"]
        for s in self.segments:
            if s.x0 - 1 <= cx <= s.x1 + 1 and c["bottom"] - 0.25 * size <= s.y <= c["bottom"] + 0.4 * size:
                return True
        return False

    def run_key(self, c: dict) -> tuple:
        name = _base_font_name(c.get("fontname", ""))
        return (_is_bold(c), self.underlined(c) if not c["text"].isspace() else None, font_family_of(name), name)


def _runs(texts: list[tuple[str, dict]], styler: _Styler, page_number: int) -> list[Run]:
    keys = []
    for text, c in texts:
        keys.append(styler.run_key(c))
    # a space takes the style of its neighbours, so it never splits a run
    for i, (text, c) in enumerate(texts):
        if keys[i][1] is None:
            neighbour = keys[i - 1] if i else (keys[i + 1] if i + 1 < len(keys) else (False, False, None, ""))
            keys[i] = (keys[i][0], neighbour[1] if neighbour[1] is not None else False, keys[i][2], keys[i][3])
    spans: list[list] = []  # [key, texts, x0, top, x1, bottom], the first char's box rounded as before
    for (text, c), key in zip(texts, keys):
        if spans and spans[-1][0] == key:
            span = spans[-1]
            span[1].append(text)
            span[3], span[4], span[5] = min(span[3], c["top"]), max(span[4], c["x1"]), max(span[5], c["bottom"])
        else:
            spans.append([key, [text], round(c["x0"], 2), round(c["top"], 2), round(c["x1"], 2),
                          round(c["bottom"], 2)])
    return [Run("".join(parts), *key, page=page_number, bbox=(x0, round(top, 2), round(x1, 2), round(bottom, 2)))
            for key, parts, x0, top, x1, bottom in spans]


def _paragraph(group: list[_Line], styler: _Styler, page_number: int) -> Paragraph:
    texts: list[tuple[str, dict]] = []
    for i, line in enumerate(group):
        line_texts = _line_texts(line)
        if i and texts and line_texts:
            # wrapped lines: Japanese joins with nothing, Latin words with a space
            if _is_latin(texts[-1][0][-1:]) and _is_latin(line_texts[0][0][:1]):
                texts.append((" ", line_texts[0][1]))
        texts.extend(line_texts)
    runs = _runs(texts, styler, page_number)
    bbox = (round(min(l.x0 for l in group), 2), round(group[0].top, 2),
            round(max(l.x1 for l in group), 2), round(group[-1].bottom, 2))
    return Paragraph(runs=tuple(runs), page=page_number, bbox=bbox)


# -- tables ------------------------------------------------------------------------------------


@dataclass
class _CellDraft:
    row: int
    col: int
    row_span: int
    col_span: int
    paras: list  # paragraph drafts: each a list of (lines, styler, page) parts, one per page it spans
    tail_room: float  # space left after the last line: a paragraph cut by a page break ran to the edge
    head_unit: float  # width of the first line's unbreakable start (see leading_unit_width)

    @property
    def blocks(self) -> tuple[Paragraph, ...]:
        return tuple(_paragraph_of(draft) for draft in self.paras)

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.blocks)


@dataclass
class _TableDraft:
    cells: list[_CellDraft]
    xs: list[float]
    n_rows: int
    bbox: tuple
    page: int
    warnings: list[Warning]

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1

    def covering(self, row: int, col: int) -> _CellDraft | None:
        for cell in self.cells:
            if cell.row <= row < cell.row + cell.row_span and cell.col <= col < cell.col + cell.col_span:
                return cell
        return None

    def row_texts(self, row: int) -> list[str]:
        return [c.text for c in sorted(self.cells, key=lambda c: c.col) if c.row == row]

    def to_table(self) -> Table:
        # what each column holds as whole paragraphs, over every page the table runs on
        whole: dict[tuple[int, int], set[str]] = {}
        for c in self.cells:
            whole.setdefault((c.col, c.col_span), set()).update(_draft_text(d) for d in c.paras)
        for c in self.cells:
            c.paras = [part for d in c.paras for part in split_at_known_paragraphs(d, whole[(c.col, c.col_span)])]
        rows: dict[int, list[Cell]] = {}
        for c in sorted(self.cells, key=lambda c: (c.row, c.col)):
            rows.setdefault(c.row, []).append(Cell(row=c.row, col=c.col, blocks=c.blocks, row_span=c.row_span,
                                                   col_span=c.col_span))
        grid = tuple(tuple(rows.get(r, [])) for r in range(self.n_rows))
        return Table(rows=grid, n_cols=self.n_cols, page=self.page, bbox=tuple(round(v, 2) for v in self.bbox))


def _table_draft(table, chars: list[dict], styler: _Styler, page_number: int) -> tuple[_TableDraft, list[dict]]:
    """The table's cells with their text, and the characters inside its box that no cell holds
    (text in a gap of an irregular grid: it stays body text, never lost)."""
    xs = _cluster([v for x0, _, x1, _ in table.cells for v in (x0, x1)])
    ys = _cluster([v for _, top, _, bottom in table.cells for v in (top, bottom)])
    # each character goes to the cell covering the grid position of its centre: one lookup, not a
    # scan of every cell
    spans = [(_index(ys, top), _index(ys, bottom), _index(xs, x0), _index(xs, x1)) for x0, top, x1, bottom in table.cells]
    owner: dict[tuple[int, int], int] = {}
    for i, (r0, r1, c0, c1) in enumerate(spans):
        for r in range(r0, max(r0 + 1, r1)):
            for c in range(c0, max(c0 + 1, c1)):
                owner[(r, c)] = i
    per_cell: list[list[dict]] = [[] for _ in table.cells]
    outside: list[dict] = []
    for ch in chars:
        r = bisect.bisect_right(ys, (ch["top"] + ch["bottom"]) / 2) - 1
        c = bisect.bisect_right(xs, (ch["x0"] + ch["x1"]) / 2) - 1
        if (r, c) in owner:
            per_cell[owner[(r, c)]].append(ch)
        else:
            outside.append(ch)
    out = []
    cell_lines = []
    for (x0, _, x1, _), cell_chars in zip(table.cells, per_cell):
        lines = chars_to_lines(cell_chars)
        padding = max(0.0, min(l.x0 for l in lines) - x0) if lines else 0.0
        cell_lines.append((lines, x1 - padding))  # cells are padded alike on both sides
    # Where the cells of a column let text run to: the padding tells within a tenth of a point or
    # so, too loose for a renderer that wraps what overshoots by 0.01 pt; the longest line of the
    # column, when it comes within a character of that, tells to the point.
    reach: dict[tuple[int, int], float] = {}
    for (lines, _), (_, _, c0, c1) in zip(cell_lines, spans):
        for l in lines:
            reach[(c0, c1)] = max(reach.get((c0, c1), 0.0), l.x1)
    cell_lines = [(lines, min(right, reach[(c0, c1)]) if lines and right - reach[(c0, c1)] < 1.25 * lines[0].size
                   else right)
                  for (lines, right), (_, _, c0, c1) in zip(cell_lines, spans)]
    # the gap between wrapped lines serves every cell of the table: the middle gap after a full line
    # anywhere in it (most full lines in a table wrap; the least would be a glyph's odd bounding box)
    gaps = sorted(b.top - a.bottom for lines, right in cell_lines for a, b in zip(lines, lines[1:])
                  if a.x1 >= right - 1.5 * a.size and b.top - a.bottom < 1.5 * a.size)
    hint = gaps[len(gaps) // 2] if gaps else None
    for bbox, (r0, r1, c0, c1), (lines, right) in zip(table.cells, spans, cell_lines):
        paras, tail_room, head_unit = [], float("inf"), 0.0
        if lines:
            paras = [[(g, styler, page_number)] for g in lines_to_paragraph_groups(lines, right, hint)]
            tail_room = right - lines[-1].x1
            head_unit = leading_unit_width(lines[0])
        out.append(_CellDraft(r0, c0, max(1, r1 - r0), max(1, c1 - c0), paras, tail_room, head_unit))
    # a row that is empty and does not even span the table is a stray of drawing past a page cut
    # (a browser's clipped borders); a grid row in which no cell starts is a strip under cells that
    # stop short of the cut
    n_cols = len(xs) - 1
    for row in range(len(ys) - 1):
        in_row = [c for c in out if c.row == row]
        covered = sum(c.col_span for c in out if c.row <= row < c.row + c.row_span)
        if in_row and covered < n_cols and not any(c.paras for c in in_row):
            out = [c for c in out if c.row != row]
    # a grid row where only empty cells start, beside cells going on from above, is a stray rule
    # in one column (a browser draws a cut merged cell's border a little off the row's): the empty
    # cell belongs to the one above it
    for row in range(1, len(ys) - 1):
        in_row = [c for c in out if c.row == row]
        from_above = [c for c in out if c.row < row < c.row + c.row_span]
        if in_row and from_above and not any(c.paras for c in in_row):
            for c in in_row:
                up = next((u for u in out if u.col == c.col and u.col_span == c.col_span
                           and u.row + u.row_span == row), None)
                if up is not None:
                    up.row_span += c.row_span
                    out.remove(c)
    starts = sorted({c.row for c in out})
    renumber = {row: i for i, row in enumerate(starts)}
    for c in out:
        end = c.row + c.row_span
        c.row_span = max(1, sum(1 for r in starts if c.row <= r < end))
        c.row = renumber[c.row]
    return _TableDraft(out, xs, len(starts), table.bbox, page_number, []), outside


def _paragraph_of(draft: list) -> Paragraph:
    """A paragraph draft → the IR paragraph: its parts' runs in order, placed where it starts."""
    parts = [_paragraph(lines, styler, page) for lines, styler, page in draft]
    return Paragraph(runs=tuple(r for p in parts for r in p.runs), page=parts[0].page, bbox=parts[0].bbox)


def _draft_text(draft: list) -> str:
    return "".join(re.sub(r"\s+", "", l.text) for lines, _, _ in draft for l in lines)


def split_at_known_paragraphs(draft: list, whole: set[str]) -> list[list]:
    """A paragraph whose first lines spell out a whole paragraph of another cell of its column ends
    there. Where a line fills the cell, the PDF cannot tell a wrap from a paragraph's end
    (``②オンライン決済`` / ``約3,500件``); the column's other cells can, as a reader sees the entries
    a column repeats."""
    lines = [(line, styler, page) for group, styler, page in draft for line in group]
    out, current, text = [], [], ""
    for i, (line, styler, page) in enumerate(lines):
        if current and current[-1][1] is styler:
            current[-1][0].append(line)
        else:
            current.append(([line], styler, page))
        text += re.sub(r"\s+", "", line.text)
        if i < len(lines) - 1 and text in whole:
            out.append(current)
            current, text = [], ""
    out.append(current)
    return out


def _join_paras(first: list, second: list, wrapped: bool) -> list:
    """A cell's paragraphs continued on the next page: a paragraph the page break wrapped is one."""
    if wrapped and first and second and not _PARAGRAPH_START.match(_paragraph_of(second[0]).text):
        return first[:-1] + [first[-1] + second[0]] + second[1:]
    return first + second


def _is_mark(text: str) -> bool:
    """A check mark or box alone (○, －, ✓, ☑ …): short, and no letter, kana or ideograph in it."""
    text = text.strip()
    return 0 < len(text) <= 2 and not re.search(r"[0-9A-Za-zぁ-んァ-ヶ一-龥]", text)


def _goes_on(above: _CellDraft, below: _CellDraft) -> bool:
    """``below`` carries on the paragraph that ``above`` left at the page break (it was wrapped there):
    its first piece would not have fitted, and it does not start an item (①, ※, ・, a number)."""
    return above.tail_room - below.head_unit < FIT_SLACK and not _PARAGRAPH_START.match(below.text)


def continue_table(first: _TableDraft, second: _TableDraft) -> _TableDraft | None:
    """``second`` glued under ``first`` when it carries on the same columns.

    A repeated header row is dropped. Where the first row of ``second`` has empty cells, the page
    break cut through the table: an empty cell under a vertically merged cell continues that merge,
    and a row whose key cells are empty is the rest of the last row, cut in two.
    """
    if first.n_cols != second.n_cols or any(abs(a - b) > 2.0 for a, b in zip(first.xs, second.xs)):
        return None
    skip = 1 if first.n_rows and second.row_texts(0) and second.row_texts(0) == first.row_texts(0) else 0
    last = first.n_rows - 1
    cells = [c for c in second.cells if c.row >= skip]
    start = [c for c in cells if c.row == skip]
    empty = [c for c in start if not c.text]
    warnings = list(first.warnings)
    merged_into: dict[int, _CellDraft] = {}
    # Either the last row was cut in two (its key cells come back empty, one row high, and its long
    # cells go on), or a merged cell goes on down the next page beside rows of its own (empty, and
    # more than one row high there). Cut: an empty one-row cell under a cell with text, or most filled
    # cells carrying on a paragraph the break wrapped.
    # A cut cell keeps its columns: under a cell of other columns (a group row spanning the table
    # above a measure and its empty mark) the page starts a row of its own.
    over = {id(c): a for c in start
            if (a := first.covering(last, c.col)) is not None and (a.col, a.col_span) == (c.col, c.col_span)}
    over.update({id(c): None for c in start if id(c) not in over})
    # A number or a mark (No, ○) is never cut: an empty cell under one says nothing, and a new one
    # below starts a row of its own.
    under_text = [c for c in empty if (a := over[id(c)]) is not None and a.row_span == 1 and len(a.text.strip()) > 2
                  and c.row_span == 1]
    filled = [c for c in start if c.text]
    wrapped_on = sum(1 for c in filled if (a := over[id(c)]) is not None and a.text and _goes_on(a, c)
                     and a.text.rstrip()[-1:] not in "。．.")  # a sentence that ends at the edge proves nothing
    fresh = any(c.text.strip().isdigit() or _is_mark(c.text) for c in filled)  # a new No or a new ○
    split_row = not fresh and (bool(under_text) or 2 * wrapped_on > len(filled))
    for c in start:
        above = over[id(c)]
        if above is None:
            continue
        # the rest of the cut row; or, in a new row, an empty cell under a merged cell or under a
        # label (not a mark or a number): a merged cell cut by the break
        if split_row or (not c.text and (above.row_span > 1 or len(above.text.strip()) > 2)):
            merged_into[id(c)] = above
    if merged_into:
        warnings.append(Warning("cell_across_pages", f"a table row or merged cell is cut by the page break after "
                                f"page {first.page + 0}; its parts were joined", second.page))
    offset = first.n_rows - skip - (1 if split_row else 0)
    out = [_CellDraft(c.row, c.col, c.row_span, c.col_span, list(c.paras), c.tail_room, c.head_unit)
           for c in first.cells]
    by_id = {id(orig): new for orig, new in zip(first.cells, out)}
    for c in cells:
        target = merged_into.get(id(c))
        if target is not None:
            dest = by_id[id(target)]
            dest.paras = _join_paras(dest.paras, c.paras, wrapped=_goes_on(dest, c))
            if c.paras:
                dest.tail_room = c.tail_room
            extra = c.row_span - (1 if split_row else 0)
            dest.row_span += extra
            continue
        out.append(_CellDraft(c.row + offset, c.col, c.row_span, c.col_span, c.paras, c.tail_room, c.head_unit))
    n_rows = first.n_rows + second.n_rows - skip - (1 if split_row else 0)
    return _TableDraft(out, first.xs, n_rows, first.bbox, first.page, warnings)


# -- the reader --------------------------------------------------------------------------------


TABLE_SETTINGS = {"vertical_strategy": "explicit", "horizontal_strategy": "explicit", "snap_tolerance": 2,
                  "join_tolerance": 2, "intersection_tolerance": 2}


def ruling_edges(page) -> tuple[list[dict], list[dict]]:
    """(vertical, horizontal) edges that can rule a table: lines, stroked rectangles and filled
    rectangles thin enough to be a line. A filled box is a background (a shaded header, a white
    panel behind text), not a border: taken as edges, it boxes whole paragraphs into a "table".
    The short ends of a thin rectangle are no rule either (pdfplumber drops them from page.edges
    before it merges; explicit edges get no such prefilter)."""
    from pdfplumber.utils import obj_to_edges

    objects = list(page.lines) + [r for r in page.rects if r.get("stroke") or min(r["width"], r["height"]) < 2]
    edges = [e for obj in objects for e in obj_to_edges(obj)]
    vertical = [e for e in edges if e["orientation"] == "v" and e["bottom"] - e["top"] >= 1]
    horizontal = [e for e in edges if e["orientation"] == "h" and e["x1"] - e["x0"] >= 1]
    return vertical, horizontal


def open_grid_closers(page) -> list[float]:
    """y positions where several ruling verticals stop with no horizontal rule to close them.

    A browser leaves a table row that a page break cuts open at the cut (no bottom border on this
    page, no top border on the next); a closing rule there lets the table finder see the cells.
    """
    verticals = [e for e in page.edges if e["orientation"] == "v" and e["bottom"] - e["top"] > 5]
    horizontals = [e for e in page.edges if e["orientation"] == "h" and e["x1"] - e["x0"] > 5]
    closers = []
    for end in ("top", "bottom"):
        for y in _cluster([e[end] for e in verticals], 1.0):
            ending = [e for e in verticals if abs(e[end] - y) <= 1.0]
            x0, x1 = min(e["x0"] for e in ending), max(e["x0"] for e in ending)
            if x1 - x0 < 5:  # one rule, or a double rule: no cell between them
                continue
            # closed by rules across them, drawn whole or cell by cell (an underline near the cut is
            # no rule: it spans one word)
            across = sorted((max(h["x0"], x0), min(h["x1"], x1)) for h in horizontals
                            if abs(h["top"] - y) <= 2 and h["x0"] < x1 and h["x1"] > x0)
            covered, reach = 0.0, x0
            for a, b in across:
                covered += max(0.0, b - max(a, reach))
                reach = max(reach, b)
            closed = covered >= 0.5 * (x1 - x0)
            if not closed:
                closers.append(y)
    return closers


class PdfReader:
    def __init__(self, path: Path, *, password: str | None = None, limits: Limits = DEFAULT_LIMITS):
        self.path = path
        self.password = password
        self.limits = limits
        self._stylers: dict[int, _Styler] = {}  # per page: margin lines are styled after the pass
        self._repaired: Warning | None = None

    def _open_with_qpdf(self):
        """The file as pdfplumber should read it: itself, or — when it is encrypted or its structure
        is damaged (a broken xref, a truncated tail) — the copy qpdf rebuilds and decrypts."""
        import io

        import pikepdf

        try:
            with pikepdf.open(self.path, password=self.password or "") as pdf:
                problems = pdf.get_warnings()
                if not (pdf.is_encrypted or problems):
                    return str(self.path)
                copy = io.BytesIO()
                pdf.save(copy)  # saved without its encryption
        except pikepdf.PasswordError:
            raise Encrypted(self.path.name, "the PDF is encrypted with a password" + (
                " that the one given does not open" if self.password else " and none was given"))
        except pikepdf.PdfError as exc:
            raise CorruptDocument(self.path.name, f"a damaged PDF that qpdf cannot rebuild ({_first_line(exc)})")
        if problems:
            said = [_first_line(p).split(": ", 1)[-1] for p in problems]
            said = list(dict.fromkeys(p for p in said if p != "file is damaged")) or said
            self._repaired = Warning("repaired", f"the PDF's structure was damaged ({'; '.join(said[:2])}); qpdf "
                                     "rebuilt it before it was read", None)
        copy.seek(0)
        return copy

    def read(self) -> Document:
        import logging

        import pdfplumber

        # pdfminer logs every oddity of a font it copes with ("Could not get FontBBox …") on stderr;
        # what matters reaches the user as a warning in the JSON instead.
        logging.getLogger("pdfminer").setLevel(logging.ERROR)
        source = self._open_with_qpdf()
        try:
            pdf = pdfplumber.open(source)
        except Exception as exc:  # pdfminer raises many kinds for a damaged file
            raise CorruptDocument(self.path.name, f"not a readable PDF ({type(exc).__name__}: {_first_line(exc)})")
        with pdf:
            if len(pdf.pages) > self.limits.pages:
                raise refusal(self.path.name, f"{len(pdf.pages)} pages", "pages", self.limits)
            try:
                document = self._read(pdf)
                if self._repaired is not None:
                    document = replace(document, warnings=(self._repaired,) + document.warnings)
                return document
            except (CorruptDocument, EmptyDocument, TooLarge):
                raise
            except Exception as exc:
                if type(exc).__module__.startswith(("pdfminer", "pdfplumber")):
                    raise CorruptDocument(self.path.name, f"a damaged PDF ({type(exc).__name__}: {exc})")
                raise

    def _read(self, pdf) -> Document:
        if not pdf.pages:
            raise EmptyDocument(self.path.name, "the PDF has no pages")
        warnings: list[Warning] = []
        page_items: list[list[tuple[float, object]]] = []
        margin_texts: Counter = Counter()
        margins: list[list[tuple[str, _Line]]] = []
        self._body_lines: dict[int, list[_Line]] = {}
        for page in pdf.pages:
            items, margin, page_warnings = self._page(pdf, page)
            page.close()  # pdfplumber's layout of the page is not needed again: memory stays flat with pages
            page_items.append(items)
            margins.append(margin)
            for text, _ in margin:
                margin_texts[text] += 1
            warnings.extend(page_warnings)
        # Paragraphs, against the right margin of every page of the same width: a page whose lines
        # are all short (a cover page) would otherwise take its longest line for a full one, and join
        # ◇第3条…, （担当部課：…） and 事業の概要 into one paragraph.
        widths = {n: round(float(p.width)) for n, p in enumerate(pdf.pages, start=1)}
        rights: dict[int, float] = {}
        for n, lines in self._body_lines.items():
            if lines:
                rights[widths[n]] = max(rights.get(widths[n], 0.0), right_margin(lines))
        for n, lines in self._body_lines.items():
            if lines:
                for group in lines_to_paragraph_groups(lines, rights[widths[n]]):
                    page_items[n - 1].append((group[0].top, _paragraph(group, self._stylers[n], n)))
        # running headers and footers: margin lines repeated on several pages, and page numbers
        blocks_by_page: list[list] = []
        for number, (items, margin) in enumerate(zip(page_items, margins), start=1):
            kept = [(line.top, _paragraph([line], self._stylers[number], number)) for text, line in margin
                    if not (_PAGE_NUMBER.match(text) or (margin_texts[text] > 1 and len(pdf.pages) > 1))]
            blocks_by_page.append(sorted(items + kept, key=lambda t: t[0]))
        # tables that go on over a page break become one
        flat: list[tuple[int, object]] = []
        for number, items in enumerate(blocks_by_page, start=1):
            for i, (_, block) in enumerate(items):
                if isinstance(block, _TableDraft):
                    if i == 0 and flat and isinstance(flat[-1][1], _TableDraft):
                        merged = continue_table(flat[-1][1], block)
                        if merged is not None:
                            flat[-1] = (flat[-1][0], merged)
                            continue
                flat.append((number, block))
        by_page: dict[int, list] = {n: [] for n in range(1, len(pdf.pages) + 1)}
        for number, block in flat:
            if isinstance(block, _TableDraft):
                warnings.extend(block.warnings)
                block = block.to_table()
            by_page[number].append(block)
        pages = [Page(number=n, blocks=tuple(blocks)) for n, blocks in by_page.items()]
        return Document(format="pdf", pages=tuple(pages), page_count=len(pdf.pages), warnings=tuple(warnings))

    def _page(self, pdf, page):
        number = page.page_number
        warnings: list[Warning] = []
        page_chars = _render_mode_page_layout(pdf, page)
        # drawings past the page edge (a browser's clipped table borders) are not on the page
        page = page.crop(page.bbox)
        page_chars = chars_on_page(page_chars, page.bbox)
        if len(page_chars) > self.limits.chars_per_page:
            raise refusal(self.path.name, f"page {number} holds {len(page_chars)} characters", "chars_per_page",
                          self.limits)
        raw_chars = dedupe_chars(page_chars)
        if not raw_chars and page.images:
            from . import ocr

            if not ocr.available():
                warnings.append(Warning("no_text_layer", "the page has images but no text layer (a scan?): its "
                                        "text is not read; install Tesseract to read it by OCR (Debian: apt-get "
                                        "install tesseract-ocr tesseract-ocr-jpn)", number))
                return [], [], warnings
            raw_chars, confidence = ocr.page_chars(page)
            warnings.append(Warning("ocr", f"a scan, read by OCR (Tesseract, {ocr.LANG}, {ocr.DPI} dpi): mean word "
                                    f"confidence {confidence or 0:.0f}%; styles and table rules are not read", number))
        if not raw_chars:
            return [], [], warnings
        cids = sum(1 for c in raw_chars if _CID.search(c["text"]))
        if cids:
            warnings.append(Warning("unmapped_glyphs", f"{cids} characters have no Unicode mapping "
                                    "and read as (cid:NNN)", number))
        chars = []
        vertical = []
        for c in raw_chars:
            cp = ord(c["text"][0]) if len(c["text"]) == 1 else 0
            if 0xF000 <= cp <= 0xF0FF:  # a symbol font's private-use code point
                glyph = symbol_glyph(cp, _base_font_name(c.get("fontname", "")))
                if glyph:
                    c = dict(c, text=glyph)
            (chars if c.get("upright", True) else vertical).append(c)
        chars = _clean_chars(chars)
        v_edges, h_edges = ruling_edges(page)
        h_edges = h_edges + open_grid_closers(page)
        tables = []
        if len(v_edges) >= 2 and len(h_edges) >= 2:  # pdfplumber's explicit strategy needs two each
            settings = dict(TABLE_SETTINGS, explicit_vertical_lines=v_edges, explicit_horizontal_lines=h_edges)
            tables = page.find_tables(settings)
            for t in tables:
                if len(t.rows) > self.limits.table_rows:
                    raise refusal(self.path.name, f"a table on page {number} has {len(t.rows)} rows", "table_rows",
                                  self.limits)
        chars.extend(drawn_checkboxes(page, [cell for t in tables for cell in t.cells]))
        rule_ys = []
        for t in tables:
            for x0, top, x1, bottom in t.cells:
                rule_ys.extend([(top, x0, x1), (bottom, x0, x1)])
        styler = _Styler(_horizontal_segments(page), rule_ys)
        self._stylers[number] = styler
        items: list[tuple[float, object]] = []
        in_table = [False] * len(chars)
        left_over: list[dict] = []
        for t in tables:
            bbox = t.bbox  # a property pdfplumber computes anew on each call
            inside = [i for i, c in enumerate(chars) if not in_table[i] and _inside(c, bbox)]
            for i in inside:
                in_table[i] = True
            draft, outside = _table_draft(t, [chars[i] for i in inside], styler, number)
            items.append((bbox[1], draft))
            left_over.extend(outside)
        body = [c for c, flag in zip(chars, in_table) if not flag] + left_over
        lines = chars_to_lines(body)
        height = float(page.height)
        margin = [(re.sub(r"\s+", "", l.text), l) for l in lines
                  if (l.bottom < 0.07 * height or l.top > 0.93 * height)]
        margin_ids = {id(l) for _, l in margin}
        body_lines = [l for l in lines if id(l) not in margin_ids]
        self._body_lines[number] = body_lines  # grouped into paragraphs once every page is read
        if vertical:
            warnings.append(Warning("vertical_text", f"{len(vertical)} characters are set vertically (縦書き); "
                                    "they are read column by column, right to left, after the page's other text",
                                    number))
            for order, paragraph in enumerate(vertical_paragraphs(vertical, number)):
                items.append((height + order, paragraph))
        return items, margin, warnings


def vertical_paragraphs(chars: list[dict], page_number: int) -> list[Paragraph]:
    """Turned characters → one paragraph per column, columns right to left; a quarter turn left
    reads bottom to top, a quarter turn right top to bottom."""
    columns: dict[int, list[dict]] = {}
    for c in chars:
        columns.setdefault(round(c["x0"] / 4), []).append(c)
    out = []
    for key in sorted(columns, reverse=True):
        upward = sum(1 for c in columns[key] if (c.get("matrix") or (0, 0))[1] > 0) > len(columns[key]) / 2
        column = sorted(columns[key], key=lambda c: -c["bottom"] if upward else c["top"])
        text = "".join(c["text"] for c in column)
        out.append(Paragraph(runs=(Run(text, page=page_number),), page=page_number))
    return out


def _first_line(exc) -> str:
    return (str(exc).strip().splitlines() or [""])[0][:200]


def read_pdf(path: Path, *, password: str | None = None, limits: Limits = DEFAULT_LIMITS) -> Document:
    from .pdf_guard import check_pdf  # what would make pdfminer loop or run out of memory, found first

    check_pdf(path, password=password, limits=limits)
    return PdfReader(path, password=password, limits=limits).read()
