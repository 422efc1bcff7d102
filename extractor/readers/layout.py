"""Characters → lines → paragraphs with their runs: the layout any engine's characters go through (the
PDF reader's, OCR's), as small char dicts (``text``, ``x0``, ``x1``, ``top``, ``bottom``, ``size``,
``fontname``, and where known ``render_mode``, ``upright``, ``matrix``).

What the characters do not say outright is recovered from geometry (design notes, "Readers: known traps"):
- bold is a weight in the font name *or* text render mode 2 (fill + stroke), the synthetic bold of
  LibreOffice and Word for Japanese fonts (the PDF reader records the render mode per character);
- underline is a horizontal line or thin filled rectangle just under the baseline, told apart
  from table rules by where the rules of the table lie (:class:`Styler`);
- a space is added only between Latin letters or digits set apart (``L o G o`` stays apart here
  and is joined by normalisation), or in a gap of more than half an em;
- a line ends its paragraph where the next line's first piece would have fitted after it
  (:func:`lines_to_paragraph_groups`).
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from functools import cached_property, lru_cache

from ..fonts import font_family_of
from ..char_classes import ITEM_START
from ..ir import Paragraph, Run


_BOLD_NAME = re.compile(r"bold|heavy|black|semibold|demibold|extrabold|ultrabold|,b$|-b$|[-_ ]?w[6-9]$|[-_]w[6-9][-_]",
                        re.I)
PARAGRAPH_START = ITEM_START  # 1. starts an item, 1.2 does not


def _is_latin(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in ".,:;/%&+-_'\"#@")


def _is_word_char(ch: str) -> bool:
    """Part of a word no renderer breaks: Latin letters and digits, full-width ones too (``ＴＬＳ１．２``)."""
    return _is_latin(ch) or bool(ch) and "\uff01" <= ch[0] <= "\uff5e" and (ch[0].isalnum() or ch[0] in "．，")


@lru_cache(maxsize=1024)
def base_font_name(name: str) -> str:
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


def _is_bold(char: dict) -> bool:
    return char.get("render_mode") == 2 or _bold_name(char.get("fontname", ""))


@lru_cache(maxsize=1024)
def _bold_name(fontname: str) -> bool:
    return bool(_BOLD_NAME.search(base_font_name(fontname)))


@dataclass(frozen=True)
class Segment:
    """A horizontal stroke that may be an underline."""

    x0: float
    x1: float
    y: float


# -- characters → lines → paragraphs -----------------------------------------------------------


@dataclass
class Line:
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


def chars_to_lines(chars: list[dict]) -> list[Line]:
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
    lines = [Line(chars) for chars, _, _ in groups]
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


def _line_texts(line: Line) -> list[tuple[str, dict]]:
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


def _spaced(a: dict, b: dict, line: Line) -> bool:
    """A space stands between characters ``a`` and ``b`` of ``line``: a space glyph or a gap."""
    if b["x0"] - a["x1"] > 0.15 * b["size"]:
        return True
    return any(c["text"].isspace() and a["x1"] - 0.5 <= c["x0"] <= b["x0"] + 0.5 for c in line.chars)


def leading_unit_width(line: Line) -> float:
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


def _weight(line: Line) -> bool | None:
    """True when every character of the line is bold, False when none is, None when mixed."""
    bold = {_is_bold(c) for c in line.chars if not c["text"].isspace()}
    return next(iter(bold)) if len(bold) == 1 else None


def _seam_space(prev: Line, line: Line) -> float:
    """The space a renderer would put between ``prev``'s last character and ``line``'s first had they
    stood on one line: LibreOffice sets a gap between Japanese and Latin text (autospace), as ``prev``
    itself shows where it changes script; Chromium sets none, and its lines show none."""
    a = next((c for c in reversed(prev.chars) if not c["text"].isspace()), None)
    b = next((c for c in line.chars if not c["text"].isspace()), None)
    if a is None or b is None or _is_word_char(a["text"]) == _is_word_char(b["text"]):
        return 0.0
    # either line may show the renderer's gap where the script changes (``LGWANを`` starts the
    # next line with one)
    gaps = [y["x0"] - x["x1"] for chars in (prev.chars, line.chars) for x, y in zip(chars, chars[1:])
            if not x["text"].isspace() and not y["text"].isspace()
            and _is_word_char(x["text"]) != _is_word_char(y["text"])]
    return max([g for g in gaps if 0 < g < 0.35 * prev.size], default=0.0)


# How much room must be left after a line for the next line's first piece to prove a break: none.
# Both producers lay text out to the point (LibreOffice fits a piece with 0.2 pt to spare, Chromium
# wraps one that lacks 0.16 pt, and one that lacks 0.001 pt), so any tolerance reads a wrap as a break.
FIT_SLACK = 0.0


_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _inline_enumeration_goes_on(prev: Line, line: Line) -> bool:
    """``line`` starts with the next circled number of an enumeration that ``prev`` runs inline
    (``※①…もの　②…もの`` then ``③…``): the list wrapped, it was not set one item a line."""
    head = line.text.lstrip()[:1]
    if head not in _CIRCLED:
        return False
    n = _CIRCLED.index(head)
    inline = prev.text.lstrip()[1:]
    return n > 0 and _CIRCLED[n - 1] in inline


def _enumeration_separator(line: Line) -> str:
    """The space set before the circled numbers of ``line``'s inline enumeration ("" when none)."""
    texts = [t for t, _ in _line_texts(line)]
    for a, b in zip(texts, texts[1:]):
        if b[:1] in _CIRCLED and a.isspace():
            return a
    return ""


def _labelled(line: Line) -> bool:
    """The line opens with a ``見出し：`` label of at most 20 characters and goes on after it."""
    for i, c in enumerate(line.chars[:21]):
        if c["text"] in "：:":
            return i > 0 and any(not d["text"].isspace() for d in line.chars[i + 1:])
    return False


def _value_start(line: Line) -> float | None:
    """Where the value of a line set as a label and a value in two columns starts (件　　名 … with no
    rules: a key–value row): past the widest gap, of two ems or more, among its first 21 characters."""
    chars = [c for c in line.chars[:22] if not c["text"].isspace()]
    gaps = [(b["x0"] - a["x1"], b["x0"]) for a, b in zip(chars, chars[1:])]
    gap, x = max(gaps, default=(0.0, None))
    return x if gap >= 2 * line.size else None


def _closes(line: Line) -> bool:
    """The line ends a sentence or a bracketed title (。 」 ）)."""
    return line.text.rstrip()[-1:] in "。．.:：」）)"


def proven_wrap_gaps(lines: list[Line], right_limit: float) -> list[float]:
    """The gaps between wrapped lines. Two full lines of some fifteen characters in a row prove a
    wrap (one full line may be a paragraph that happens to fill the line); once that proves the
    page wraps, a narrower gap after a full line, before a line at its margin, is a wrap too (a
    paragraph gap is never narrower than a wrap's) — the tightest proof, as when the proven pair
    were two full paragraphs after all."""
    left = min((l.x0 for l in lines), default=0.0)

    def full_and_long(line: Line) -> bool:
        return (line.x1 >= right_limit - 1.5 * line.size and line.x0 - left <= 3 * line.size
                and line.x1 - line.x0 >= 15 * line.size)

    pairs = [(a, b) for a, b in zip(lines, lines[1:]) if full_and_long(a) and b.top - a.bottom < 1.5 * a.size]
    proven = [b.top - a.bottom for a, b in pairs if full_and_long(b)]
    if not proven:
        return []
    tighter = [b.top - a.bottom for a, b in pairs if abs(b.x0 - a.x0) < 0.5 * a.size
               and abs(b.size - a.size) < 0.5 and b.top - a.bottom < min(proven)]
    return proven + tighter


def lines_to_paragraph_groups(lines: list[Line], right_limit: float,
                              wrap_gap_hint: float | None = None) -> list[list[Line]]:
    """Lines → paragraphs. A line ends its paragraph when the next line's first unbreakable piece
    would have fitted after it (so the break was not a wrap), when the next line is indented (a
    Japanese paragraph starts one character in), when a wider gap than between wrapped lines
    follows, or when the next line starts a new item (①, ※, ・, a number)."""
    if not lines:
        return []
    left = min(l.x0 for l in lines)

    def set_apart(line: Line) -> bool:  # right-aligned or centred: starts further in than an indent
        return line.x0 - left > 3 * line.size

    # the gap between wrapped lines (proven in this block, else in the other cells of its table);
    # without either, more than half an em of gap is a break
    wrap_gaps = proven_wrap_gaps(lines, right_limit)
    wrap_gap = min(wrap_gaps) if wrap_gaps else None
    tolerance = 0.2  # ems over the least gap after a full line that make a paragraph gap
    if wrap_gap is None and wrap_gap_hint is not None:
        wrap_gap, tolerance = wrap_gap_hint, 0.2  # measured in other cells: Chromium's line gaps vary by 1.5 pt
    groups: list[list[Line]] = []
    prev = None
    for line in lines:
        if prev is None:
            groups.append([line])
        else:
            size = prev.size
            gap = line.top - prev.bottom
            # the next line's first piece would have fitted after this one: a break, not a wrap
            needs = prev.x1 + _seam_space(prev, line) + leading_unit_width(line)
            would_fit = right_limit - needs >= FIT_SLACK
            if would_fit and line.x0 - prev.x0 > 1.5 * size and abs(line.x0 - (_value_start(prev) or -9.0)) <= 1.0:
                # the next line under the value of a label–value line (a table with no rules): the
                # value's cell ends its padding, up to an em, short of the text's right margin
                would_fit = right_limit - size - needs >= FIT_SLACK
            new_item = bool(PARAGRAPH_START.match(line.text.lstrip())) and not (
                not would_fit and _inline_enumeration_goes_on(prev, line))
            # a full ``見出し：値`` line whose value goes on further in than a paragraph's first-line
            # indent of one character: a hanging indent, as Word sets ``見出し：`` lists
            hanging = (not would_fit and not new_item and line.x0 - prev.x0 > 1.5 * size
                       and (_labelled(prev) or abs(line.x0 - (_value_start(prev) or -9.0)) <= 1.0))
            # a right-aligned paragraph wrapped: a full line, then the rest ending at the right margin
            right_wrap = (prev.x1 >= right_limit - 1.5 * size and set_apart(line)
                          and line.x1 >= right_limit - 1.5 * line.size)
            # a centred paragraph wrapped: a full line, then the rest centred under it
            centred_wrap = (not would_fit and abs(line.x0 + line.x1 - prev.x0 - prev.x1) <= size
                            and line.x1 - line.x0 < prev.x1 - prev.x0)
            indented = (line.x0 - left >= 0.8 * size and line.x0 - prev.x0 >= 0.8 * size and not right_wrap
                        and not hanging and not centred_wrap)
            spaced = gap > (wrap_gap + tolerance * size if wrap_gap is not None else 0.6 * size)
            # a line set apart is a paragraph of its own, unless it wrapped: the next line starts
            # where it started (an indented block), or ends at the margin too (right-aligned)
            # — a line centred on the text's width under it (付議事項 under a right-aligned 資料 line
            # that happens to start where it does) is a paragraph of its own
            centred = set_apart(line) and abs(line.x0 + line.x1 - left - right_limit) <= size
            same_block = set_apart(prev) and prev.x1 >= right_limit - 1.5 * size and not would_fit and (
                (abs(line.x0 - prev.x0) < 1.0 and not centred) or right_wrap)
            # a full line that closes (。 ） 」) followed by a line all in another weight (a bold
            # heading after a title that happens to fill the line): a break, not a wrap
            reweighted = not would_fit and _closes(prev) and _weight(prev) != _weight(line) and None not in (
                _weight(prev), _weight(line))
            if would_fit or new_item or indented or spaced or reweighted or (
                    set_apart(prev) and not same_block and not hanging):
                groups.append([line])
            else:
                groups[-1].append(line)
        prev = line
    return groups


# full-width closing punctuation, whose right half a browser may trim at a line's end to fit it
# (CSS text-spacing-trim: Chromium sets a 43rd character ``）`` where only 42.5 fit)
_TRIMMABLE_END = set("、。，．」』）】〕〉》")


def right_margin(lines: list[Line]) -> float:
    """Where body lines may end: the rightmost line end (wrapped and right-aligned lines reach it),
    a line that ends in closing punctuation counted to the middle of that glyph, where its ink ends."""
    def end(line: Line) -> float:
        last = next((c for c in reversed(line.chars) if not c["text"].isspace()), None)
        if last is not None and last["text"] in _TRIMMABLE_END:
            return line.x1 - 0.5 * (last["x1"] - last["x0"])
        return line.x1
    return max(end(l) for l in lines)


def under_baseline(c: dict, y: float) -> bool:
    """A stroke at ``y`` lies where an underline of character ``c`` is drawn: just under its baseline."""
    return c["bottom"] - 0.25 * c["size"] <= y <= c["bottom"] + 0.4 * c["size"]


_ITALIC_NAME = re.compile(r"italic|oblique|kursiv", re.I)


def is_italic(c: dict) -> bool:
    """Italic by the font's name, or slanted by the text matrix (the synthetic italic LibreOffice and
    Chromium give a Japanese face that has none: the matrix shears x by y, ``c / d`` about 0.2-0.3)."""
    if _ITALIC_NAME.search(base_font_name(c.get("fontname", ""))):
        return True
    m = c.get("matrix")
    if not m or len(m) < 4 or not m[3]:
        return False
    return abs(m[1]) < 1e-3 and 0.1 <= abs(m[2] / m[3]) <= 0.6


def upright_x(char) -> tuple[float, float]:
    """The (x0, x1) of a pdfminer ``LTChar`` as set, without the slant of a synthetic italic: its
    box is the sheared glyph's (x moves by ``c / d`` of the height above the baseline), up to a
    quarter of an em wider than the advance, and a slanted character seemed to run into the next
    cell's text (Chromium sets a cell's text up to its edge)."""
    a, b, c, d, _, f = char.matrix
    if not d or abs(b) >= 1e-3 or not c:
        return char.x0, char.x1
    k = c / d
    lo, hi = sorted((char.x0 - k * (char.y0 - f), char.x1 - k * (char.y1 - f)))
    return lo, hi


def hex_colour(colour) -> str | None:
    """A PDF fill colour (pdfminer's gray / RGB / CMYK components, 0-1) → six hex digits; None for a
    pattern or anything else that is no plain colour."""
    if isinstance(colour, (int, float)):
        colour = (colour,)
    if not isinstance(colour, (tuple, list)) or not all(isinstance(v, (int, float)) for v in colour):
        return None
    if len(colour) == 1:
        rgb = (colour[0],) * 3
    elif len(colour) == 3:
        rgb = tuple(colour)
    elif len(colour) == 4:
        c, m, y, k = colour
        rgb = ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    else:
        return None
    return "".join(f"{max(0, min(255, round(v * 255))):02X}" for v in rgb)


def _rule_piece(segment: Segment, segments: list[Segment], rule_ys: list[tuple[float, float, float]]) -> bool:
    """Whether ``segment`` is one of the pieces, meeting end to end, of a stroke that spans a table's
    rule from side to side at its height."""
    sides = [(x0, x1) for y, x0, x1 in rule_ys if abs(segment.y - y) < 0.8]
    if not sides:
        return False
    left, right = min(a for a, _ in sides), max(b for _, b in sides)
    chains: list[list[float]] = []  # the pieces at its height joined where they meet end to end
    for s in sorted((s for s in segments if abs(s.y - segment.y) < 0.3), key=lambda s: s.x0):
        if chains and s.x0 <= chains[-1][1] + 0.5:
            chains[-1][1] = max(chains[-1][1], s.x1)
        else:
            chains.append([s.x0, s.x1])
    x0, x1 = next((a, b) for a, b in chains if a <= segment.x0 and segment.x1 <= b)
    return segment.x1 - segment.x0 < x1 - x0 and x0 <= left + 2.0 and x1 >= right - 2.0


class Styler:
    """Per-character styles of one page: bold, italic, underline (and its kind), font family, colour,
    and shading (a filled box painted behind the text of a run, not a cell's or a paragraph's)."""

    def __init__(self, segments: list[Segment], rule_ys: list[tuple[float, float, float]],
                 shades: list[tuple[float, float, float, float]] = ()):
        # a stroke along a table rule that covers a cell's whole edge is the rule, not an underline;
        # an underline stops at the cell's padding, a point or more short of its edges, even where
        # its text fills the cell on the last line above the rule
        kept = [s for s in segments if not any(
            abs(s.y - y) < 0.8 and min(s.x1, x1) - max(s.x0, x0) >= (x1 - x0) - 2.0 for y, x0, x1 in rule_ys)]
        # nor is a stroke of a rule drawn cell by cell across the whole table where the cells read
        # from the text part it elsewhere (a header's top, its pieces meeting end to end)
        self.segments = [s for s in kept if not _rule_piece(s, segments, rule_ys)]
        self.shades = list(shades)

    def underline_strokes(self, c: dict) -> int:
        """How many strokes (apart by more than a hair) underline ``c``: 2 for a double underline."""
        cx = (c["x0"] + c["x1"]) / 2
        ys = sorted(s.y for s in self.segments if s.x0 - 1 <= cx <= s.x1 + 1 and under_baseline(c, s.y))
        if not ys:
            return 0
        return 1 + sum(1 for a, b in zip(ys, ys[1:]) if 0.4 <= b - a <= 0.35 * c["size"])

    def underlined(self, c: dict) -> bool:
        return self.underline_strokes(c) > 0

    def shaded(self, c: dict) -> bool:
        cx, cy = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
        return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in self.shades)

    def run_key(self, c: dict) -> tuple:
        name = base_font_name(c.get("fontname", ""))
        strokes = self.underline_strokes(c) if not c["text"].isspace() else None
        return (_is_bold(c), None if strokes is None else strokes > 0, font_family_of(name), name, is_italic(c),
                c.get("color"), self.shaded(c), None if not strokes else ("double" if strokes > 1 else "single"))


_RUN_KEY = ("bold", "underline", "font_family", "font_name", "italic", "color", "shading", "underline_kind")


def _runs(texts: list[tuple[str, dict]], styler: Styler, page_number: int) -> list[Run]:
    keys = []
    for text, c in texts:
        keys.append(styler.run_key(c))
    # a space takes the style of its neighbours, so it never splits a run
    for i, (text, c) in enumerate(texts):
        if keys[i][1] is None:
            neighbour = keys[i - 1] if i else (keys[i + 1] if i + 1 < len(keys) else None)
            if neighbour is None or neighbour[1] is None:
                keys[i] = keys[i][:1] + (False,) + keys[i][2:7] + (None,)
            else:
                keys[i] = keys[i][:1] + (neighbour[1],) + keys[i][2:4] + neighbour[4:]
    spans: list[list] = []  # [key, texts, x0, top, x1, bottom], the first char's box rounded as before
    for (text, c), key in zip(texts, keys):
        if spans and spans[-1][0] == key:
            span = spans[-1]
            span[1].append(text)
            span[3], span[4], span[5] = min(span[3], c["top"]), max(span[4], c["x1"]), max(span[5], c["bottom"])
        else:
            spans.append([key, [text], round(c["x0"], 2), round(c["top"], 2), round(c["x1"], 2),
                          round(c["bottom"], 2)])
    return [Run("".join(parts), **dict(zip(_RUN_KEY, key)), page=page_number,
                bbox=(x0, round(top, 2), round(x1, 2), round(bottom, 2)))
            for key, parts, x0, top, x1, bottom in spans]


def paragraph_of_lines(group: list[Line], styler: Styler, page_number: int) -> Paragraph:
    texts: list[tuple[str, dict]] = []
    for i, line in enumerate(group):
        line_texts = _line_texts(line)
        if i and texts and line_texts:
            # wrapped lines: Japanese joins with nothing, Latin words with a space
            if _is_latin(texts[-1][0][-1:]) and _is_latin(line_texts[0][0][:1]):
                texts.append((" ", line_texts[0][1]))
            elif _inline_enumeration_goes_on(group[i - 1], line):
                sep = _enumeration_separator(group[i - 1])
                if sep:
                    texts.append((sep, line_texts[0][1]))
        texts.extend(line_texts)
    runs = _runs(texts, styler, page_number)
    bbox = (round(min(l.x0 for l in group), 2), round(group[0].top, 2),
            round(max(l.x1 for l in group), 2), round(group[-1].bottom, 2))
    return Paragraph(runs=tuple(runs), page=page_number, bbox=bbox)
