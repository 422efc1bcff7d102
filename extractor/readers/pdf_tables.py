"""PDF tables: ruling lines → pdfplumber's table finder → table drafts with their cells' paragraphs →
IR tables, one table over a page break.

- tables come from ruling lines; merged cells get their spans from the grid the cell edges make;
  a row a page break cuts open gets a closing rule (:func:`open_grid_closers`); where only
  horizontal rules are drawn the verticals are inferred from the text's gutters
  (:func:`horizontal_only_verticals`), and where none are, every rule from the text's columns
  (:func:`text_column_rules`);
- a table that goes on at the top of the next page is one table, its repeated header row dropped
  (:func:`continue_table`);
- check boxes drawn as small squares, not typed, become ☑ / ☐ characters (:func:`drawn_checkboxes`).
"""

from __future__ import annotations

import bisect
import re
import statistics
from dataclasses import dataclass, replace
from typing import NamedTuple

from ..char_classes import CHECKED_BOX, EMPTY_BOX, LEFT_INKED, MARK_GLYPHS, is_mark
from ..ir import Cell, Paragraph, Table, Warning
from ..vocabulary import is_group_label, procedure_column_role
from .layout import (FIT_SLACK, PARAGRAPH_START, Styler, chars_to_lines, leading_unit_width,
                     lines_to_paragraph_groups, paragraph_of_lines, under_baseline)

TABLE_SETTINGS = {"vertical_strategy": "explicit", "horizontal_strategy": "explicit", "snap_tolerance": 2,
                  "join_tolerance": 2, "intersection_tolerance": 2}


# -- ruling lines and drawn boxes --------------------------------------------------------------


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


def ruling_edges(page, chars: list[dict]) -> tuple[list[dict], list[dict]]:
    """(vertical, horizontal) edges that can rule a table: lines, stroked rectangles and filled
    rectangles thin enough to be a line. A filled box is a background (a shaded header, a white
    panel behind text), not a border: taken as edges, it boxes whole paragraphs into a "table".
    The short ends of a thin rectangle are no rule either (pdfplumber drops them from page.edges
    before it merges; explicit edges get no such prefilter). An underline of ``chars`` is no rule."""
    from pdfplumber.utils import obj_to_edges

    objects = list(page.lines) + [r for r in page.rects if r.get("stroke") or min(r["width"], r["height"]) < 2]
    edges = [e for obj in objects for e in obj_to_edges(obj)]
    vertical = [e for e in edges if e["orientation"] == "v" and e["bottom"] - e["top"] >= 1]
    horizontal = [e for e in edges if e["orientation"] == "h" and e["x1"] - e["x0"] >= 1]
    if horizontal and chars:
        by_bottom = sorted(chars, key=lambda c: c["bottom"])
        bottoms = [c["bottom"] for c in by_bottom]
        most = max(c["size"] for c in chars)
        horizontal = [e for e in horizontal
                      if not (_underlines_text(e, vertical, by_bottom, bottoms, most)
                              and _underlines_text(_run_of(e, horizontal), vertical, by_bottom, bottoms, most))]
    return vertical, horizontal


def _run_of(edge: dict, horizontal: list[dict]) -> dict:
    """The stroke an edge is a piece of: the collinear pieces end to end with it (a rule drawn cell
    by cell, whose one piece may start and end with the characters above it by chance)."""
    y = edge["top"]
    line = sorted((e for e in horizontal if abs(e["top"] - y) <= 0.3), key=lambda e: e["x0"])
    x0, x1 = edge["x0"], edge["x1"]
    grown = True
    while grown:
        grown = False
        for e in line:
            if e["x0"] < x0 <= e["x1"] + 0.5 or e["x0"] - 0.5 <= x1 < e["x1"]:
                x0, x1, grown = min(x0, e["x0"]), max(x1, e["x1"]), True
    return edge if (x0, x1) == (edge["x0"], edge["x1"]) else dict(edge, x0=x0, x1=x1)


def _underlines_text(edge: dict, vertical: list[dict], by_bottom: list[dict], bottoms: list[float],
                     most: float) -> bool:
    """A horizontal stroke that starts and ends with the characters just above it and meets no
    vertical rule is an underline, not a rule: taken as an edge, the table finder snaps the row's
    rule to it, and the row's rule then underlines the whole cell. ``by_bottom``: the page's
    characters by their bottom (``bottoms``), ``most`` their largest size."""
    y, x0, x1 = edge["top"], edge["x0"], edge["x1"]
    if any(v["x0"] - 1 <= end <= v["x0"] + 1 and v["top"] - 1 <= y <= v["bottom"] + 1
           for v in vertical for end in (x0, x1)):
        return False
    near = by_bottom[bisect.bisect_left(bottoms, y - 0.4 * most):bisect.bisect_right(bottoms, y + 0.25 * most)]
    above = [c for c in near if under_baseline(c, y)
             and x0 - 1 <= (c["x0"] + c["x1"]) / 2 <= x1 + 1 and not c["text"].isspace()]
    if not above:
        return False
    return abs(min(c["x0"] for c in above) - x0) <= 1.5 and abs(max(c["x1"] for c in above) - x1) <= 1.5


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
            across = [(max(h["x0"], x0), min(h["x1"], x1)) for h in horizontals
                      if abs(h["top"] - y) <= 2 and h["x0"] < x1 and h["x1"] > x0]
            if _covered(across, x0) < 0.5 * (x1 - x0):
                closers.append(y)
    return closers


def _covered(pieces: list[tuple[float, float]], x0: float) -> float:
    """How much of the line from ``x0`` the (x0, x1) ``pieces`` cover, overlaps counted once."""
    covered, reach = 0.0, x0
    for a, b in sorted(pieces):
        covered += max(0.0, b - max(a, reach))
        reach = max(reach, b)
    return covered


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
        boxes.append({"text": CHECKED_BOX if inside else EMPTY_BOX, "x0": r["x0"], "x1": r["x1"], "top": r["top"],
                      "bottom": r["bottom"], "size": h, "fontname": "", "upright": True})
    return boxes


# -- table drafts ------------------------------------------------------------------------------


@dataclass
class _CellDraft:
    row: int
    col: int
    row_span: int
    col_span: int
    paras: list  # paragraph drafts: each a list of (lines, styler, page) parts, one per page it spans
    tail_room: float  # space left after the last line: a paragraph cut by a page break ran to the edge
    head_unit: float  # width of the first line's unbreakable start (see leading_unit_width)
    # nothing is drawn above the cell: its top was inferred from the text (a table with no rules)
    open_above: bool = False

    @property
    def blocks(self) -> tuple[Paragraph, ...]:
        return tuple(_paragraph_of(draft) for draft in self.paras)

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.blocks)

    def paragraph_lines(self) -> list[list]:
        """Each paragraph's lines, over every page it spans."""
        return [[line for group, _, _ in draft for line in group] for draft in self.paras]

    def reach(self) -> tuple[float, float] | None:
        """From where to where the cell's text runs on the page (None when it is empty)."""
        lines = [line for para in self.paragraph_lines() for line in para]
        return (min(l.x0 for l in lines), max(l.x1 for l in lines)) if lines else None


@dataclass
class TableDraft:
    cells: list[_CellDraft]
    xs: list[float]
    n_rows: int
    bbox: tuple
    page: int
    warnings: list[Warning]
    # the column boundaries (indexes of xs) inferred from the text's gutters, not drawn: somewhere in
    # the gutter, so the same table's boundary on the next page may stand elsewhere in it
    inferred: frozenset[int] = frozenset()

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


def table_draft(table, chars: list[dict], styler: Styler, page_number: int,
                inferred_xs: frozenset[float] = frozenset(),
                inferred_ys: frozenset[float] = frozenset()) -> tuple[TableDraft, list[dict]]:
    """The table's cells with their text, and the characters inside its box that no cell holds
    (text in a gap of an irregular grid: it stays body text, never lost). ``inferred_xs``: the x of
    the vertical rules inferred from the text (:func:`horizontal_only_verticals`); ``inferred_ys``:
    the y of the horizontal ones (:func:`text_column_rules`), where nothing is drawn."""
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
    # A column whose boundary is inferred from the text has no cell edge: its text wraps where its
    # long lines end, two lines or more ending there with the cell going on below them
    full: dict[tuple[int, int], int] = {}
    for (lines, _), (_, _, c0, c1) in zip(cell_lines, spans):
        for l in lines[:-1]:
            if l.x1 >= reach[(c0, c1)] - 0.5 * l.size and l.x1 - lines[0].x0 >= 6 * l.size:
                full[(c0, c1)] = full.get((c0, c1), 0) + 1
    unruled = {(c0, c1) for (_, _, x1, _), (_, _, c0, c1) in zip(table.cells, spans)
               if any(abs(x1 - v) <= 0.5 for v in inferred_xs) and full.get((c0, c1), 0) >= 2}
    cell_lines = [(lines, min(right, reach[(c0, c1)])
                   if lines and (right - reach[(c0, c1)] < 1.25 * lines[0].size or (c0, c1) in unruled)
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
        out.append(_CellDraft(r0, c0, max(1, r1 - r0), max(1, c1 - c0), paras, tail_room, head_unit,
                              open_above=any(abs(bbox[1] - y) <= 1.0 for y in inferred_ys)))
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
    # a side inferred too (a table with no rules at all: half a gutter beyond its text) may stand
    # anywhere beyond the text, and the same table on the next page has its sides where its text
    # there reaches
    inferred = frozenset(i for i, x in enumerate(xs) if any(abs(x - v) <= 0.5 for v in inferred_xs))
    # a legend alone in its row (the marks it explains quoted: 「○」) or a group's label (若葉町が
    # 実施する情報保護対策（運用面）), where no rule parts the row's cells, is one cell across the
    # table: an empty cell beside it and the end of a merged one look alike there
    for row in range(len(ys) - 1):
        in_row = sorted((c for c in out if c.row == row), key=lambda c: c.col)
        filled = [c for c in in_row if c.paras]
        if (len(in_row) >= 2 and len(filled) == 1 and all(c.row_span == 1 for c in in_row)
                and sum(c.col_span for c in in_row) == n_cols
                and (_quotes_a_mark(filled[0].text) or is_group_label(filled[0].text))
                and all(c.col in inferred for c in in_row[1:])):
            legend = filled[0]
            legend.col, legend.col_span = 0, n_cols
            out = [c for c in out if c.row != row or c is legend]
    starts = sorted({c.row for c in out})
    renumber = {row: i for i, row in enumerate(starts)}
    for c in out:
        end = c.row + c.row_span
        c.row_span = max(1, sum(1 for r in starts if c.row <= r < end))
        c.row = renumber[c.row]
    return TableDraft(out, xs, len(starts), table.bbox, page_number, [], inferred), outside


_QUOTED = re.compile(r"[「｢]([^」｣]{1,2})[」｣]")


def _quotes_a_mark(text: str) -> bool:
    """Whether the text quotes a mark (実施するものに「○」): a checklist's legend."""
    return any(is_mark(m.group(1)) for m in _QUOTED.finditer(text))


def _paragraph_of(draft: list) -> Paragraph:
    """A paragraph draft → the IR paragraph: its parts' runs in order, placed where it starts."""
    parts = [paragraph_of_lines(lines, styler, page) for lines, styler, page in draft]
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
    if wrapped and first and second and not PARAGRAPH_START.match(_paragraph_of(second[0]).text):
        return first[:-1] + [first[-1] + second[0]] + second[1:]
    return first + second


def _goes_on(above: _CellDraft, below: _CellDraft) -> bool:
    """``below`` carries on the paragraph that ``above`` left at the page break (it was wrapped there):
    its first piece would not have fitted, and it does not start an item (①, ※, ・, a number)."""
    return above.tail_room - below.head_unit < FIT_SLACK and not PARAGRAPH_START.match(below.text)


_CIRCLED = re.compile(r"[①-⑳]")


def _numbering_restarts(above: _CellDraft | None, below: _CellDraft) -> bool:
    """``below`` opens with a circled number the cell above already reached (①… under ①…②…): a
    list that starts again is a new cell's, never the rest of the one above."""
    first = _CIRCLED.match(below.text.lstrip())
    reached = [ord(m) for m in _CIRCLED.findall(above.text)] if above is not None else []
    return bool(first and reached and ord(first.group()) <= max(reached))


def _same_boundary(first: TableDraft, second: TableDraft, i: int) -> bool:
    """Whether the i-th column boundaries of two tables are one: drawn, at the same x; inferred from
    the text on either page, somewhere in the gutter the text leaves (which differs from page to
    page: a header label set at its cell's left starts further left than the values under it), where
    the two gutters meet: some x that no text of either table's columns beside it runs across."""
    if abs(first.xs[i] - second.xs[i]) <= 2.0:
        return True
    if i not in first.inferred and i not in second.inferred:
        return False
    spans = [_gutter(table, i) for table in (first, second)]
    return max(lo for lo, _ in spans) < min(hi for _, hi in spans) + 2.0


def _gutter(table: TableDraft, i: int) -> tuple[float, float]:
    """The span a table's i-th column boundary may lie in: a drawn one where it is drawn; an
    inferred one between the text of the cells that end at it and of those that begin at it."""
    x = table.xs[i]
    if i not in table.inferred:
        return x - 2.0, x + 2.0
    lo, hi = float("-inf"), float("inf")
    for cell in table.cells:
        reach = cell.reach()
        if reach is None:
            continue
        if cell.col + cell.col_span == i:
            lo = max(lo, reach[1])
        if cell.col == i:
            hi = min(hi, reach[0])
    return lo, hi


def continue_table(first: TableDraft, second: TableDraft) -> TableDraft | None:
    """``second`` glued under ``first`` when it carries on the same columns.

    A repeated header row is dropped. Where the first row of ``second`` has empty cells, the page
    break cut through the table: an empty cell under a vertically merged cell continues that merge,
    and a row whose key cells are empty is the rest of the last row, cut in two.
    """
    if first.n_cols != second.n_cols or not all(_same_boundary(first, second, i) for i in range(len(first.xs))):
        return None
    head, top = (first.row_texts(0) if first.n_rows else []), second.row_texts(0)
    if len(head) == len(top) and head != top and all(top) and any(a and a == b for a, b in zip(head, top)):
        return None  # a table of its own: a header sharing labels with the one above (No | 技術的対策 | 実施)
    skip = 1 if head and top and top == head else 0
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
    # where a column's text wraps, its wrapped lines on either page tell (a cut row on a page that
    # proves no wrap of its own: its cell's edge is far right of where the text wraps)
    widest: dict[int, float] = {}
    for c in first.cells + second.cells:
        if c.col_span == 1:
            for line in (line for para in c.paragraph_lines() for line in para[:-1]):
                widest[c.col] = max(widest.get(c.col, 0.0), line.x1)

    def filled_up(a: _CellDraft, c: _CellDraft) -> bool:
        lines = [line for para in a.paragraph_lines() for line in para]
        last = lines[-1] if lines else None
        return (_goes_on(a, c) or (last is not None and a.col_span == 1 and not PARAGRAPH_START.match(c.text)
                                   and last.x1 >= widest.get(a.col, float("inf")) - 0.5 * last.size))

    wrapped_on = sum(1 for c in filled if (a := over[id(c)]) is not None and a.text and filled_up(a, c)
                     and a.text.rstrip()[-1:] not in "。．.")  # a sentence that ends at the edge proves nothing
    # a new No, a new ○, or a list that starts again (①… under a cell that already has its ①, ②)
    fresh = any(c.text.strip().isdigit() or is_mark(c.text) or _numbering_restarts(over[id(c)], c) for c in filled)
    # Empty cells under text say "cut" unless more of the row's cells start text of their own than
    # come back empty: then it is a new row, beside a merged cell (a department) that goes on down
    starting = len(filled) - wrapped_on
    split_row = not fresh and ((bool(under_text) and len(under_text) >= starting) or 2 * wrapped_on > len(filled))
    for c in start:
        above = over[id(c)]
        if above is None:
            continue
        # the rest of the cut row; or, in a new row, an empty cell under a merged cell or under a
        # label (not a mark or a number): a merged cell cut by the break
        # the rest of a merged label the break cut, beside the page's first row, is the label's too
        if split_row or (not c.text and (above.row_span > 1 or len(above.text.strip()) > 2)) or _completes_label(above, c):
            merged_into[id(c)] = above
    if merged_into:
        warnings.append(Warning("cell_across_pages", f"a table row or merged cell is cut by the page break after "
                                f"page {second.page - 1}; its parts were joined", second.page))
    offset = first.n_rows - skip - (1 if split_row else 0)
    out = [replace(c, paras=list(c.paras)) for c in first.cells]
    by_id = {id(orig): new for orig, new in zip(first.cells, out)}
    for c in cells:
        target = merged_into.get(id(c))
        if target is not None:
            dest = by_id[id(target)]
            dest.paras = _join_paras(dest.paras, c.paras, wrapped=filled_up(dest, c))
            if c.paras:
                dest.tail_room = c.tail_room
            extra = c.row_span - (1 if split_row else 0)
            dest.row_span += extra
            continue
        out.append(replace(c, row=c.row + offset))
    n_rows = first.n_rows + second.n_rows - skip - (1 if split_row else 0)
    return TableDraft(out, first.xs, n_rows, first.bbox, first.page, warnings, first.inferred)


def labels_merged_down(table: TableDraft) -> TableDraft:
    """A label merged down the rows it heads, where nothing is drawn between rows: in the PDF of a
    table with no rules, a cell merged down (a department over its procedures, a group of measures
    over its measures) is its text over empty cells, and an empty cell under such a label, in a row
    with text of its own, is the label's. Only in a column of such labels — its header names
    departments (担当課), or every label in it names a group of measures — so that an empty value
    (a key–value table's, a 備考's) or an unticked answer column stays empty."""
    if not any(c.open_above for c in table.cells):
        return table  # rules drawn between the rows: a merged cell is one already
    cells = sorted(table.cells, key=lambda c: (c.row, c.col))
    # the pitch of a wrap inside a cell: a merged label longer than its first row wraps beside the
    # next row, where the PDF starts a cell of that row
    pitch = [b.top - a.bottom for c in cells for para in c.paragraph_lines() for a, b in zip(para, para[1:])]
    wrap = statistics.median(pitch) if pitch else None
    for col in sorted({c.col for c in cells if c.col_span == 1}):
        column = [c for c in cells if c.col == col and c.col_span == 1]
        if wrap is not None:
            reach = max((line.x1 for c in column for para in c.paragraph_lines() for line in para), default=0.0)
            kept = column[:1]
            for c in column[1:]:
                above = kept[-1]
                if c.open_above and above.row + above.row_span == c.row and _wraps_into(above, c, reach, wrap):
                    above.paras = _join_paras(above.paras, c.paras, wrapped=True)
                    above.row_span += c.row_span
                    table.cells.remove(c)
                else:
                    kept.append(c)
            column = kept
        head = next((c for c in column if c.row == 0), None)
        labels = [c for c in column if c.paras and c is not head]
        departments = head is not None and procedure_column_role(head.text) == "department"
        if not labels or not (departments or all(is_group_label(c.text) for c in labels)):
            continue
        above = None
        for c in column:
            if c.paras:
                above = None if c is head and not is_group_label(c.text) else c
                continue
            others = [o for o in cells if o.row == c.row and o is not c]
            if (above is not None and c.open_above and above.row + above.row_span == c.row
                    and any(o.paras for o in others)):
                above.row_span += c.row_span
                table.cells.remove(c)
            else:
                above = None
    return table


def _wraps_into(above: _CellDraft, below: _CellDraft, reach: float, wrap: float) -> bool:
    """Whether the one line of ``below`` is the rest of the label ``above``, wrapped: the label's last
    line fills its column, the line stands at a wrap's pitch under it, and the two read as one label
    (a group of measures) where neither part does."""
    lines, rest = [l for p in above.paragraph_lines() for l in p], [l for p in below.paragraph_lines() for l in p]
    if len(rest) != 1 or not lines or above.paras[-1][-1][2] != below.paras[0][0][2]:
        return False
    last = lines[-1]
    return (last.x1 >= reach - last.size and rest[0].top - last.bottom <= wrap + 0.3 * last.size
            and _completes_label(above, below))


def _completes_label(above: _CellDraft, below: _CellDraft) -> bool:
    """Whether ``below`` is the rest of the label ``above``: together they name a group of measures
    (…情報保護対策【人的・物理的安全 and 管理措置】), neither does alone."""
    return (bool(above.text) and is_group_label(above.text + below.text)
            and not is_group_label(above.text) and not is_group_label(below.text))


# -- tables ruled by horizontal lines only -------------------------------------------------------

MIN_GUTTER = 7.0  # points: two cells' paddings (LibreOffice and Word put ~5.4 pt on each side)


def _band_gutters(band_chars: list[dict], x0: float, x1: float) -> list[tuple[float, float]]:
    """The x ranges inside (x0, x1) that no character of the band covers, at least MIN_GUTTER wide,
    between the band's first and last character. The gaps of a label spread over its cell (件　　名,
    when the text layer has no U+3000: whole ems after a run of one or two characters) are none."""
    chars = sorted(band_chars, key=lambda c: c["x0"])
    gaps, reach, run = [], None, 0
    for c in chars:
        a, b = c["x0"], c["x1"]
        if reach is not None and a - reach >= MIN_GUTTER:
            size = c["size"] or 1
            ems = (a - reach) / size
            spread = run <= 2 and abs(ems - round(ems)) * size <= 0.8 and round(ems) in (1, 2, 3)
            if not spread:
                gaps.append((reach, a))
            run = 0
        run += 1
        reach = b if reach is None else max(reach, b)
    return [(a, b) for a, b in gaps if a > x0 and b < x1]


def _rules_across(h_edges: list[dict]) -> list[dict]:
    """Horizontal rules at one height joined into one (a rule drawn cell by cell, or broken where a
    merged cell spans it), when its pieces cover at least half their extent; sorted by height."""
    out = []
    for y in _cluster([e["top"] for e in h_edges], 1.0):
        pieces = sorted((e["x0"], e["x1"]) for e in h_edges if abs(e["top"] - y) <= 1.0)
        x0, x1 = pieces[0][0], max(b for _, b in pieces)
        if x1 - x0 > 100 and _covered(pieces, x0) >= 0.5 * (x1 - x0):
            out.append({"x0": x0, "x1": x1, "top": y})
    return out


def _merged_cells_bottoms_dropped(rules: list[dict], chars: list[dict]) -> list[dict]:
    """The rules without a merged cell's bottom drawn a little above its row's (Chromium ends a cell
    merged down rows where its own height does, 8 pt above the rule under the rows beside it): a
    rule over part of the next rule's extent, under a line's height above it, with no text
    between, is no row boundary (taken as one, the rows beside the merged cell were left open
    and lost). Nor is one further above, between two rules of the same extent, where the merged
    cell holds no text on the page (the rest of a cell a page break cut, its text on the page
    before)."""
    size = max((c["size"] for c in chars), default=10.0)

    def same_extent(a: dict | None, b: dict) -> bool:
        return a is not None and abs(a["x0"] - b["x0"]) <= 2.5 and abs(a["x1"] - b["x1"]) <= 2.5

    out = []
    for above, rule, below in zip([None] + rules, rules, rules[1:] + [None]):
        # (Chromium sets a cell's text at its very edge: a character starting at the rule's end is
        # the next cell's)
        if (below is not None and (below["top"] - rule["top"] < size or same_extent(above, below))
                and below["x0"] - 2.5 <= rule["x0"]
                and rule["x1"] <= below["x1"] + 2.5 and below["x1"] - below["x0"] > rule["x1"] - rule["x0"] + 5
                and not any(rule["top"] < (c["top"] + c["bottom"]) / 2 < below["top"]
                            and rule["x0"] - 1 <= c["x0"] < rule["x1"] - 1 for c in chars)):
            continue
        out.append(rule)
    return out


def cut_row_closer(h_edges: list[dict], v_edges: list[dict], chars: list[dict]) -> list[dict]:
    """A rule closing the last row of a table ruled by horizontal lines only where a page break cuts
    it: Chromium draws that row's bottom border on the next page, so the row's text, right under
    the table's last rule, has none under it. The row is the last text on the page (a page number
    may follow), within the rules' extent, in cells (its text leaves a gutter); body text after a
    table stands a blank line off, or as one piece. A grid or frame, its verticals going on under
    the last rule, is closed by :func:`open_grid_closers`. A last rule over part of the table (a
    merged cell the break cuts, open at the page's end) is drawn across it."""
    rules = _rules_across([e for e in h_edges if isinstance(e, dict)])
    if len(rules) < 2:
        return []
    last = rules[-1]
    if any(last["x0"] - 2 <= v["x0"] <= last["x1"] + 2 and v["bottom"] > last["top"] + 2 for v in v_edges):
        return []
    lines = chars_to_lines([c for c in chars if c["top"] > last["top"] and (not c["text"].isspace() or c["text"] == "\u3000")])
    same_extent = any(abs(r["x0"] - last["x0"]) <= 2.5 and abs(r["x1"] - last["x1"]) <= 2.5 for r in rules[:-1])
    # a cell merged down rows the break cuts (a department over procedures going on on the next
    # page) has no bottom on this page, the cells beside it do: the table's last rule, over part of
    # the rules' extent above and keeping one of its ends — or, the cell inside the table, its
    # pieces leaving a gap under the cell — closes it too when nothing but a page number follows
    wider = [r for r in rules[:-1] if r["x0"] < last["x0"] - 5 or r["x1"] > last["x1"] + 5]
    pieces = [(e["x0"], e["x1"]) for e in h_edges if isinstance(e, dict) and abs(e["top"] - last["top"]) <= 1.0]
    broken = _covered(pieces, last["x0"]) < last["x1"] - last["x0"] - 5
    if len(lines) <= 1 and all(len(line.text.strip()) <= 10 for line in lines):
        if wider and (abs(wider[-1]["x0"] - last["x0"]) <= 2.5 or abs(wider[-1]["x1"] - last["x1"]) <= 2.5):
            return [_h_rule(wider[-1]["x0"], wider[-1]["x1"], last["top"])]
        if broken and same_extent:
            return [_h_rule(last["x0"], last["x1"], last["top"])]
    if not same_extent:
        return []
    if not lines or lines[0].top - last["top"] > 1.15 * lines[0].size + 1:
        return []
    block = lines[:1]
    for line in lines[1:]:
        if line.top - block[-1].bottom > line.size:
            break
        block.append(line)
    rest = lines[len(block):]
    if (len(rest) > 1 or any(len(line.text.strip()) > 10 for line in rest)
            or any(line.x0 < last["x0"] - 2 or line.x1 > last["x1"] + 2 for line in block)
            or not _band_gutters([c for line in block for c in line.chars], last["x0"], last["x1"])):
        return []
    return [_h_rule(last["x0"], last["x1"], max(line.bottom for line in block) + 1)]


def _h_rule(x0: float, x1: float, y: float) -> dict:
    """A horizontal edge from x0 to x1 at y, as pdfplumber's explicit table finder takes it."""
    return {"x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "height": 0,
            "orientation": "h", "object_type": "line"}


def _row_rules(rules: list[dict]) -> list[tuple[dict, dict, tuple[float, float]]]:
    """Consecutive rules of one table, with the table's extent: rules of the same extent, and between
    them a rule broken under a merged cell (a department over two procedures, a group over its
    measures), which lies within the extent and keeps one of its ends: the row boundary of the
    columns it crosses. A rule of another extent that keeps neither end starts another table."""
    out, extent = [], None

    def inside(r: dict) -> bool:
        return (extent is not None and extent[0] - 2.5 <= r["x0"] and r["x1"] <= extent[1] + 2.5
                and (abs(r["x0"] - extent[0]) <= 2.5 or abs(r["x1"] - extent[1]) <= 2.5))

    for upper, lower in zip(rules, rules[1:]):
        if inside(upper) and inside(lower):
            pass  # full or broken under a merged cell: rules of the table
        elif abs(upper["x0"] - lower["x0"]) <= 2.5 and abs(upper["x1"] - lower["x1"]) <= 2.5:
            extent = (min(upper["x0"], lower["x0"]), max(upper["x1"], lower["x1"]))
        else:
            extent = (upper["x0"], upper["x1"])  # a table's first rule, the next one broken
            if not inside(lower):
                extent = None
                continue
        out.append((upper, lower, extent))
    return out


def _split_at_captions(ladder: list[tuple]) -> list[list[tuple]]:
    """Two tables whose rules meet, a caption between them (【資料34-1】 between a key–value table and
    a procedures table, no blank line to part them): a band with no gutter, its text starting where
    the table's does, between rows that all leave fewer gutters than every row on its other side
    (two rows each side at least; below, the rows up to the next band of more than one line with no
    gutter), is body text, and the ladder two tables. A legend or group merged across one table has
    that table's columns on both sides (a header row may leave more gutters than rows whose text
    fills a cell up to the next: one row is no evidence)."""
    parts: list[list[tuple]] = [[]]
    left = min(c["x0"] for *_, chars in ladder for c in chars)
    for i, band in enumerate(ladder):
        # a caption starts where the table's text starts (a row whose other cells are empty does not)
        if not band[4] and parts[-1] and min(c["x0"] for c in band[5]) <= left + 2.0:
            above = [b for b in parts[-1] if b[4]]
            below = []
            for b in ladder[i + 1:]:
                if b[4]:
                    below.append(b)
                elif len(chars_to_lines(b[5])) > 1:
                    break  # another passage between tables; a legend or group row of one line goes on
            # or the next table begins with the first one's header again (one table per party, each
            # under its caption and its own copy of the header)
            repeats = (i + 1 < len(ladder) and len(parts[-1]) >= 2 and ladder[i + 1][4] and parts[-1][0][4]
                       and _band_text(ladder[i + 1]) == _band_text(parts[-1][0]))
            if repeats or (len(above) >= 2 and len(below) >= 2 and (
                    min(len(b[4]) for b in above) > max(len(b[4]) for b in below)
                    or min(len(b[4]) for b in below) > max(len(b[4]) for b in above))):
                parts.append([])
                continue
        parts[-1].append(band)
    return [part for part in parts if part]


def _band_text(band: tuple) -> str:
    """A row band's text, column by column (the same header twice reads the same)."""
    return "".join(c["text"] for c in sorted(band[5], key=lambda c: (c["x0"], c["top"])) if not c["text"].isspace())


def _column_boundaries(ladder: list[tuple]) -> list[tuple[float, float]]:
    """The column boundaries of one table ruled by horizontal lines only, from the gutters its rows
    leave: gutters of several rows that overlap are one boundary, their common part (between the
    furthest reach of the text on its left and the nearest start on its right), and it
    is a boundary when no row's text crosses it, or only one row in four (a caption or note merged
    across the columns) — so a column empty in most rows (a group's name only in its first row, a mark
    only where one is given, a header set to one side) still is one."""
    common: list[list[float]] = []
    for a, b in sorted(g for *_, gutters, _ in ladder for g in gutters):
        for c in common:
            if a < c[1] and b > c[0]:
                c[0], c[1] = max(c[0], a), min(c[1], b)
                break
        else:
            common.append([a, b])
    # a band with no gutter at all is one cell across the table (a caption, a legend): it says
    # nothing of where the columns are
    rows = [band for *_, gutters, band in ladder if gutters]
    out = []
    for a, b in common:
        x = (a + b) / 2
        crossing = sum(1 for band in rows if any(c["x0"] < x < c["x1"] for c in band))
        if crossing == 0 or (len(rows) >= 4 and crossing * 4 <= len(rows)):
            out.append((a, b))
    return out


def _filled_up_to(band: list[dict], start: float) -> bool:
    """Whether a band's text fills a cell up to the next column's ``start``: a character begins at
    the start just clear of the one before it in its line, and none lies over the point between."""
    return not _text_crosses(band, start - 0.6, meeting=False) and any(
        abs(c["x0"] - start) <= 0.6 and any(abs(d["top"] - c["top"]) <= 1 and 0.5 <= c["x0"] - d["x1"] < 2.0 for d in band)
        for c in band)


def _piece_ends(pieces: list[dict], left: float, right: float) -> list[tuple[float, float, bool]]:
    """Each end of a rule's piece inside the table's sides: (x, the rule's height, whether another
    piece of the same rule goes on from it — a joint — or not — a break)."""
    out = []
    for r in pieces:
        for x, other in ((r["x0"], "x1"), (r["x1"], "x0")):
            if left + 2.5 < x < right - 2.5:
                joint = any(q is not r and abs(q["top"] - r["top"]) <= 1 and abs(q[other] - x) <= 1 for q in pieces)
                out.append((x, r["top"], joint))
    return out


def _rule_joints(ends: list[tuple[float, float, bool]], n_rules: int) -> list[float]:
    """The x where pieces of a rule meet in at least half of a table's ``n_rules`` rules: where a
    producer that draws each cell's border put a cell's edge."""
    joints = [(x, y) for x, y, joint in ends if joint]
    return [x for x in _cluster([x for x, _ in joints], 1.0)
            if 2 * len(_cluster([y for j, y in joints if abs(j - x) <= 1.0], 1.0)) >= n_rules]


def _overrun(c: dict, x: float, band: list[dict]) -> bool:
    """Whether ``c``, over x, is a cell's last character reaching into the next cell: a closing
    bracket or comma inked in its box's left half, left of x, where the next cell's text on its line
    begins inside the box (Chromium sets it at the cell's very edge). In running text the next
    character begins where the box ends."""
    return (c["text"] in LEFT_INKED and x >= (c["x0"] + c["x1"]) / 2 - 1
            and any(d is not c and abs(d["top"] - c["top"]) <= 1 and c["x0"] < d["x0"] < c["x1"] - 1 for d in band))


def _text_crosses(band: list[dict], x: float, meeting: bool = True) -> bool:
    """Whether the band's text runs across x: a character over it, or (``meeting``) two characters
    of one line that meet at it (Chromium sets a cell's text at its very edge, so a character that
    merely starts at x is no crossing; one that ends there and the next that starts there is)."""
    if any(c["x0"] + 1 < x < c["x1"] - 1 and not _overrun(c, x, band) for c in band):
        return True
    if not meeting:
        return False
    ending = [c for c in band if abs(c["x1"] - x) <= 1]
    return any(abs(d["x0"] - x) <= 1 and abs(d["top"] - c["top"]) <= 1
               for c in ending for d in band if d is not c)


def _without_body_bands(bands: list[tuple]) -> list[tuple]:
    """The bands that are rows. A cell's text starts at the cell's padding under its upper rule, and
    a row's tallest cell ends at the padding over its lower one (a cell keeps no spacing after its
    last paragraph), alike in every row of the page's tables (one producer, one table style). The
    text between two tables (a heading and paragraphs after one table's bottom rule and before the
    next one's top) starts after a paragraph's spacing before, or ends before its spacing after.
    What rows keep is read off the bands laid out in columns (a gutter: rows, but for the odd body
    line with a word set to the right, hence the median): above the text, that of them all; below
    it, that of the rows of one line (a row of a set height keeps more below a short text than a
    row its text fills). A band with no gutter whose text keeps more than half a line more from
    either rule, or that holds paragraphs apart (lines with a paragraph's spacing between them,
    where a row across the table — a caption, a legend, a group — is one paragraph), is body text,
    not a row merged across the columns."""
    def room(band: tuple) -> tuple[float, float]:
        y0, y1, *_, chars = band
        return min(c["top"] for c in chars) - y0, y1 - max(c["bottom"] for c in chars)

    def line_gaps(band: tuple) -> list[float]:
        lines = chars_to_lines(band[5])
        return [b.top - a.bottom for a, b in zip(lines, lines[1:])]

    def paragraphs_apart(band: tuple) -> bool:
        size = max(c["size"] for c in band[5])
        bound = 0.25 * size if wrap is None else min(0.25 * size, wrap + 0.1 * size)
        return any(g > bound for g in line_gaps(band))

    def one_line(band: tuple) -> bool:
        return len(chars_to_lines(band[5])) == 1

    rows = [b for b in bands if b[4]]
    if not rows:
        return bands
    # the widest gap between a cell's wrapped lines, where the rows show it: body text may keep
    # more (LibreOffice: cells at the font's height, paragraphs 1.6 pt further apart)
    wraps = [g for b in rows for g in line_gaps(b) if g < 0.5 * max(c["size"] for c in b[5])]
    wrap = max(wraps) if wraps else None
    above = statistics.median(room(b)[0] for b in rows)
    below = statistics.median(room(b)[1] for b in ([b for b in rows if one_line(b)] or rows))
    # the rest of a row a page break cut, at the page's top (under the header the page repeats): its
    # text within one later column of the rows below, where text between tables begins at the left
    columns = [(g[i][1], g[i + 1][0]) for g in (r[4] for r in rows[:3]) for i in range(len(g) - 1)]

    def cut_rest(k: int, band: tuple) -> bool:
        x0, x1 = min(c["x0"] for c in band[5]), max(c["x1"] for c in band[5])
        return k <= 1 and any(a - 2.0 <= x0 and x1 <= b + 2.0 for a, b in columns)

    out = []
    for k, b in enumerate(bands):
        top, bottom = room(b)
        half = 0.5 * max(c["size"] for c in b[5])
        if b[4] or (top - above <= half and bottom - below <= half and not paragraphs_apart(b)) or cut_rest(k, b):
            out.append(b)
    return out


def _first_cell(band: list[dict], boundary: float) -> tuple[str, bool]:
    """The band's text left of the first column boundary, and whether any text stands right of it."""
    return ("".join(c["text"] for c in sorted(band, key=lambda c: (round(c["top"]), c["x0"])) if c["x1"] <= boundary + 1),
            any(c["x1"] > boundary + 1 for c in band))


def _numbered_rows(ladder: list[tuple], boundary: float) -> bool:
    """Whether the ladder's first column numbers its rows: two rows or more begin with a number
    there and go on in the next columns (a checklist's No column)."""
    return sum(1 for *_, band in ladder if (cell := _first_cell(band, boundary))[1]
               and cell[0].strip().isdigit()) >= 2


def horizontal_only_verticals(h_edges: list[dict], v_edges: list[dict], chars: list[dict]) -> list[dict]:
    """Vertical rules a table ruled by horizontal lines only (or an outer frame and horizontal lines)
    leaves out, inferred from its text: between each two consecutive full rules of the same extent
    (a row band), a column boundary at each gutter the band's text leaves, and the table's sides.
    A band whose text does not start right under its upper rule (a paragraph between two tables)
    is no row. A boundary missing in one band is a merged cell there, as the table finder reads it."""
    pieces = [e for e in h_edges if isinstance(e, dict)]
    # open_grid_closers' bare y (a frame a page break cuts open): a rule across the frame's sides
    for y in (e for e in h_edges if not isinstance(e, dict)):
        ends = [v["x0"] for v in v_edges if min(abs(v["bottom"] - y), abs(v["top"] - y)) <= 1.0]
        if ends and max(ends) - min(ends) > 100:
            pieces.append({"x0": min(ends), "x1": max(ends), "top": y})
    rules = _merged_cells_bottoms_dropped(_rules_across(pieces), chars)
    out: list[dict] = []
    if len(rules) < 2 or not chars:
        return out
    bands: list[tuple] = []
    empty: list[tuple[float, float, float]] = []  # (top, bottom, left) of bands with no text
    by_mid = sorted(chars, key=lambda c: (c["top"] + c["bottom"]) / 2)
    mids = [(c["top"] + c["bottom"]) / 2 for c in by_mid]
    for upper, lower, (x0, x1) in _row_rules(rules):
        y0, y1 = upper["top"], lower["top"]
        if y1 - y0 < 4:
            continue
        inside = [c for c in by_mid[bisect.bisect_left(mids, y0):bisect.bisect_left(mids, y1)]
                  if not c["text"].isspace() or c["text"] == "\u3000"]
        band = [c for c in inside if x0 - 1 <= c["x0"] and c["x1"] <= x1 + 1]
        if not band:
            if not inside and sum(1 for v in v_edges if v["top"] <= y0 + 2 and v["bottom"] >= y1 - 2
                                  and min(abs(v["x0"] - x0), abs(v["x0"] - x1)) <= 2) >= 2:
                empty.append((y0, y1, x0))  # within a frame's sides: a row of the table
            continue
        # text between the rules that runs out beyond their ends (別紙 set at the right margin
        # between two tables) is body text: no row of a table, whose rules span its cells
        if any(c["x1"] > x1 + 2 or c["x0"] < x0 - 2 for c in inside
               if any(c["x0"] < b["x1"] + 1 and b["x0"] < c["x1"] + 1 and abs(c["top"] - b["top"]) < 1 for b in band)):
            continue
        size = max(c["size"] for c in band)
        # a blank line first (the empty paragraph Word keeps between two tables): body text, no row;
        # a cell's own padding is less (LibreOffice ~0, Chromium ~1 em)
        if min(c["top"] for c in band) - y0 > 1.15 * size + 1:
            continue
        # the band's sides are ruled already when a frame or grid draws them
        sides = [v for v in v_edges if v["top"] <= y0 + 2 and v["bottom"] >= y1 - 2 and x0 - 2 <= v["x0"] <= x1 + 2]
        if any(x0 + 3 < v["x0"] < x1 - 3 for v in sides):
            continue  # a grid: its own verticals rule it
        # a rule that closes a grid (its inner verticals end at it) bounds no band of this kind:
        # between a grid's bottom and the next table's top is body text
        if any(x0 + 3 < v["x0"] < x1 - 3 and (abs(v["bottom"] - y0) <= 2 or abs(v["top"] - y1) <= 2)
               for v in v_edges):
            continue
        # nor does the gap between two framed tables: one frame's sides end at the band's top,
        # the next one's begin at its bottom, and no side runs through the band
        at_sides = [v for v in v_edges if min(abs(v["x0"] - x0), abs(v["x0"] - x1)) <= 2]
        if (not sides and any(abs(v["bottom"] - y0) <= 2 for v in at_sides)
                and any(abs(v["top"] - y1) <= 2 for v in at_sides)):
            continue
        bands.append((y0, y1, x0, x1, _band_gutters(band, x0, x1), band))
    bands = _without_body_bands(bands)
    # an empty row between two rows, within the frame's sides, goes on with the table (LibreOffice
    # repeats a header over a page break with the row under it left empty): the rows above and
    # below it share their columns. Where no side is drawn an empty band may as well be the empty
    # paragraph between two tables
    def meets(above: tuple, b: tuple) -> bool:
        if abs(above[2] - b[2]) > 2.5:
            return False
        return abs(above[1] - b[0]) <= 2.5 or any(
            abs(above[1] - e0) <= 2.5 and abs(e1 - b[0]) <= 2.5 and abs(ex - b[2]) <= 2.5 for e0, e1, ex in empty)

    # a gutter is a column boundary where the bands of the same table (rows meeting at a rule)
    # mostly share it: the gaps of one label spread over its cell (件　　名 with no U+3000 in the
    # text layer) are in one row only
    ladders: list[list[tuple]] = []
    for b in bands:
        if ladders and meets(ladders[-1][-1], b):
            ladders[-1].append(b)
        else:
            ladders.append([b])
    ladders = [part for ladder in ladders for part in _split_at_captions(ladder)]
    for ladder in ladders:
        # a rule broken under a merged cell ends at the column boundary itself: where a break of it
        # lies in the gutter, the boundary is there (a cell's rule that stops short of the vertical
        # closes no cell); its pieces, not the rule they are joined into, say where it breaks. A
        # joint, where one piece ends and the next begins (Chromium draws rules cell by cell, the
        # joint where the text starts), is no break: there the gutter's middle stays
        top, bottom, left, right = ladder[0][0], ladder[-1][1], ladder[0][2], ladder[0][3]
        ends = _piece_ends([r for r in pieces if top - 1 <= r["top"] <= bottom + 1], left, right)
        breaks = [x for x, _, joint in ends if not joint]
        gutters = _column_boundaries(ladder)
        boundaries = []
        for a, b in gutters:
            middle = (a + b) / 2
            near = [e for e in breaks if a - 1 <= e <= b + 1]
            boundaries.append(min(near, key=lambda e: abs(e - middle)) if near else middle)
        # a header label set at its cell's left over marks centred in it lies in the gutter before
        # them, clear of the column before's text, and may stand left of the gutter's middle: it
        # heads the marks, and the boundary comes before it
        body = [c for *_, kept, band in ladder[1:] if kept for c in band if not c["text"].isspace()]
        for n, (a, b) in enumerate(gutters):
            reach = max((c["x1"] for c in body if c["x1"] <= b + 1), default=left)
            label = [c for c in ladder[0][5] if reach + MIN_GUTTER <= c["x0"] and c["x1"] <= boundaries[n]
                     and not c["text"].isspace()]
            end = gutters[n + 1][0] if n + 1 < len(gutters) else right
            under = [c for c in body if b - 1 <= c["x0"] < end]
            # (a label of its own: no text of the band runs on to it from the column before)
            alone = label and not any(reach < c["x1"] and c["x0"] < min(d["x0"] for d in label) - 1
                                      for c in ladder[0][5] if not c["text"].isspace())
            if alone and under and all(is_mark(c["text"]) for c in under):
                boundaries[n] = min(c["x0"] for c in label) - MIN_GUTTER / 2
        # a rule drawn cell by cell says where the cells are even where the text leaves no gutter (a
        # measure that fills its cell up to the mark beside it): a joint of most of the table's rules,
        # outside every gutter, is a boundary too
        joints = _rule_joints(ends, len(ladder) + 1)
        drawn = [x for x in joints if not any(a - 1 <= x <= b + 1 for a, b in gutters)]
        # a joint in a gutter is the boundary where rows' text runs over the gutter's middle and not
        # over it (a measure filling its cell up to a mark set at the cell's edge, 6 pt clear of it:
        # the gutter is the header's alone); rows merged across run over both
        for n, (a, b) in enumerate(gutters):
            over_middle = {i for i, (*_, band) in enumerate(ladder) if _text_crosses(band, boundaries[n])}
            # two joints or more in one gutter, no text over them: a cell between each two (an answer
            # column ticked in few rows, its marks at the cell's edge, or one empty in every row)
            clear = [j for j in joints if a - 1 <= j <= b + 1
                     and not any(_text_crosses(band, j, meeting=False) for *_, band in ladder)]
            if not over_middle and len(clear) >= 2:
                boundaries[n] = clear[0]
                drawn += clear[1:]
                continue
            for x in (j for j in joints if a - 1 <= j <= b + 1):
                over_joint = {i for i, (*_, band) in enumerate(ladder) if _text_crosses(band, x, meeting=False)}
                if over_joint < over_middle:
                    boundaries[n] = x
                    break
        # a row whose text fills its cell up to the next column's start (Chromium: 手続名 run on to
        # the items 1.3 pt before them), a character beginning there clear of the one before, puts
        # the boundary just before that start in every row (the gutter the other rows leave holds it)
        filled = set()
        for n, (x, (_, b)) in enumerate(zip(boundaries, gutters)):
            if any(_text_crosses(band, x) and _filled_up_to(band, b) for *_, band in ladder):
                boundaries[n] = b - 0.6
                filled.add(n)
        numbered = _numbered_rows(ladder, min(boundaries + drawn, default=right))
        for y0, y1, x0, x1, _, band in ladder:
            # a boundary the band's text crosses is a cell merged across it in this row; at a joint
            # only a character over it crosses (the text on both sides may meet there)
            inner = ([x for n, x in enumerate(boundaries) if not _text_crosses(band, x, meeting=n not in filled)]
                     + [x for x in drawn if not _text_crosses(band, x, meeting=False)])
            # a row merged across some columns that leaves the rest empty (a legend or a group row
            # set across a checklist, its text short of the mark column) is merged across them all:
            # an empty cell and the end of a merged one look alike where no vertical rule is drawn
            # and so is a row whose only text stands in a numbering column and is no number (a
            # group heading, （運用面）, in a checklist's No column)
            if len(inner) < len(boundaries) + len(drawn):
                inner = [x for x in inner if x < max(c["x1"] for c in band) - 1]
            elif numbered and inner and not (cell := _first_cell(band, min(inner)))[1] and not cell[0].strip().isdigit():
                inner = []
            xs = [x0, x1] + inner
            for x in xs:
                out.append({"x0": x, "x1": x, "top": y0, "bottom": y1, "width": 0, "height": y1 - y0,
                            "orientation": "v", "object_type": "line"})
    return out


# -- tables with no rules at all: text in columns ------------------------------------------------


def _text_lines(chars: list[dict]) -> list[tuple]:
    """The characters' lines, top to bottom: (top, bottom, size, segments, boxes), a segment the
    (x0, x1) of a run of text between gutters (:func:`_band_gutters`: a label spread over its cell
    is one), boxes the (x0, x1, text) of its characters from left to right."""
    out = []
    for line in chars_to_lines(chars):
        cuts = _band_gutters(line.chars, line.x0 - 1, line.x1 + 1)
        edges = [line.x0] + [v for gap in cuts for v in gap] + [line.x1]
        out.append((line.top, line.bottom, max(c["size"] for c in line.chars),
                    [(edges[i], edges[i + 1]) for i in range(0, len(edges), 2)],
                    sorted((c["x0"], c["x1"], c["text"]) for c in line.chars)))
    return out


def _runs_over(line: tuple, x: float) -> bool:
    """Whether a piece of the line's text runs over ``x`` (a column start or boundary)."""
    return any(a + 2.0 < x < b - 2.0 for a, b in line[3])


def _gaps(lines: list[tuple]) -> list[float]:
    """The gaps between consecutive lines. Lines of two columns at baselines a little apart make one
    line taller than the pitch, and the next one seems to overlap it: that is a wrap's gap, not less."""
    return [max(0.0, below[0] - above[1]) for above, below in zip(lines, lines[1:])]


def _split_at_starts(line: tuple, starts: list[float]) -> tuple:
    """A line whose text runs on into a column with no gutter (Chromium fills a cell up to the next
    cell's text) cut where a character starts at a column's start, just clear of the one before or
    over it (a closing bracket's box, half of it blank, under the next cell's first character: a new
    text position, not the run going on); two full-width characters touch within a run of text (the
    space LibreOffice sets between Japanese and a Latin letter or digit is no such clearance)."""
    cuts = _cuts_at(line, starts)
    if not cuts:
        return line
    segs = []
    for a, b in line[3]:
        inner = [x for x in cuts if a + 0.6 < x < b]
        bounds = [a] + inner + [b]
        for n in range(len(bounds) - 1):
            segs.append((bounds[n], max(x1 for x0, x1, _ in line[4] if bounds[n] - 0.6 <= x0 < bounds[n + 1] - 0.6)))
    return line[:3] + (segs, line[4])


def _cuts_at(line: tuple, starts: list[float]) -> list[float]:
    """The column starts where :func:`_split_at_starts` cuts the line: where a character starts
    clear of the one before, or a mark starts touching text with no text going on after it
    (Chromium sets a mark at its cell's edge, right where a measure that fills its cell ends;
    a ・ between items goes on)."""
    boxes = line[4]

    def mark_alone(n: int) -> bool:  # a mark the text touches, none after it but clear of it
        return (boxes[n][2] in MARK_GLYPHS and boxes[n - 1][2] not in MARK_GLYPHS
                and (n + 1 == len(boxes) or boxes[n + 1][0] - boxes[n][1] >= 0.5))

    return [x for x in starts for n, ((_, b, t0), (a, _, t1)) in enumerate(zip(boxes, boxes[1:]), start=1)
            if abs(a - x) <= 0.6 and (abs(a - b) >= 0.5 or mark_alone(n)) and not (t0.isascii() or t1.isascii())]


def text_column_rules(chars: list[dict], body: tuple[float, float] = (0.0, float("inf")),
                      carried: Carried | None = None) -> tuple[list[dict], list[dict]]:
    """Rules for a table with no rules at all, inferred from its text: (horizontal, vertical) edges
    for pdfplumber's explicit table finder. A table is a run of lines whose every piece of text
    starts at one of the run's column starts — x where several lines of two or more pieces start
    one (a label and its value, a number and a name) — with at least two such lines and no wider
    gap between lines than two lines' height, cut where tables and body text meet
    (:func:`_table_pieces`). A row starts at each line with text in the row's anchor column: the
    short column (a label, a number or a mark, never a wrapped value) beginning the most cells;
    the lines below it, until the next, are the row's. Column boundaries stand in the gutter
    before each column start; the table's sides half a gutter beyond its text. ``body`` is the
    page's span between its header and footer bands: a table's text may reach into a band (a last
    row's wrapped line), but two of its rows stand in the body (a running header or footer is no
    table). ``carried``: the column starts of a table the page before ended with
    (:func:`last_text_columns`); a line of cells at those starts beginning the page's text goes on
    with that table, be it one row and in the top band."""
    lines = _text_lines([c for c in chars if not c["text"].isspace() or c["text"] == "\u3000"])
    horizontal: list[dict] = []
    vertical: list[dict] = []
    # the page's first line of cells, when only a running header stands above it, repeating the
    # header of the table the page before ended with: the header of that table going on, which a
    # browser sets further above the rows than rows stand apart (a repeated <thead>)
    first = next((i for i, line in enumerate(lines) if len(line[3]) >= 2), None)
    repeated = (carried.head if first is not None and carried is not None and _line_text(lines[first]) == carried.head
                and not any(line[1] > body[0] for line in lines[:first]) else None)
    runs = []
    i = 0
    while i < len(lines):
        j = i
        while j + 1 < len(lines) and (lines[j + 1][0] - lines[j][1] < 2 * lines[j][2]
                                      or (repeated and j == first and lines[j + 1][0] - lines[j][1] < 3 * lines[j][2])):
            j += 1
        runs.append(lines[i:j + 1])
        i = j + 1
    for run in runs:
        _text_tables(run, body, horizontal, vertical, head=repeated)
    # a page holding only that header and the rest of the row the break cut
    if repeated:
        _repeated_header_and_rest(lines[first:], carried, horizontal, vertical)
        return horizontal, vertical
    # the page's first line of cells, when only a running header stands above it and no table
    # holds it, at the starts of the columns the page before ended with: that table goes on, its
    # run read again with those columns
    if (first is None or carried is None
            or not all(line[1] <= body[0] or _in_a_later_column(line, carried) for line in lines[:first])
            or not all(any(abs(a - x) <= 2.0 for x in carried.starts) for a, _ in lines[first][3])
            or any(v["top"] <= lines[first][0] + 1 and v["bottom"] >= lines[first][1] - 1 for v in vertical)):
        return horizontal, vertical
    run = next(run for run in runs if any(line is lines[first] for line in run))
    top, bottom = run[0][0] - 2, run[-1][1] + 2
    horizontal = [h for h in horizontal if not top <= h["top"] <= bottom]
    vertical = [v for v in vertical if not (top <= v["top"] and v["bottom"] <= bottom)]
    _text_tables(run, body, horizontal, vertical, carried.starts)
    return horizontal, vertical


class Carried(NamedTuple):
    """The text table a page's body ends with, for the next page: its column starts, its first
    line's text (a header the next page repeats) and its column boundaries."""
    starts: tuple[float, ...]
    head: str
    xs: tuple[float, ...] = ()


def _in_a_later_column(line: tuple, carried: Carried) -> bool:
    """A line of one piece within one column of the carried table right of its first: the rest of
    a row the page break cut."""
    xs = carried.xs
    return len(line[3]) == 1 and any(x0 <= line[3][0][0] and line[3][0][1] <= x1 for x0, x1 in zip(xs[1:], xs[2:]))


def _repeated_header_and_rest(lines: list[tuple], carried: Carried, horizontal: list[dict],
                              vertical: list[dict]) -> None:
    """A page beginning with the header of the table the page before ended with, repeated, and
    under it only the rest of the row the break cut — lines at the wrap's pitch whose every piece
    lies in one of that table's columns, the first of them set at a column's start (a cell's text,
    where the header's labels are centred) — then nothing more of the table (a note across the
    columns, a gap, the page's end): a table of the header and that rest, on the page before's
    columns (``carried.xs``), to go on with it, in place of whatever the page's own columns made of
    them (the header's centred labels are no column starts)."""
    head = lines[0]
    if len(carried.xs) < 3:
        return
    xs = carried.xs
    holding = [v["x0"] for v in vertical if v["top"] <= head[0] + 1 and v["bottom"] >= head[1] - 1]
    if holding and (not any(len(line[3]) >= 2 for line in lines[1:3])
                    or all(any(abs(x - h) <= 2.5 for h in holding) for x in xs)):
        return  # a table holds the header already, on the carried columns, or with no rest of several cells

    def in_columns(line: tuple) -> bool:
        return all(any(x0 <= a and b <= x1 for x0, x1 in zip(xs, xs[1:])) for a, b in line[3])

    def at_a_start(line: tuple) -> bool:
        return all(any(0 <= a - x <= 4.0 for x in xs[:-1]) for a, _ in line[3])

    rest, after, k = [], None, len(lines)
    for k, (above, line) in enumerate(zip(lines, lines[1:]), start=1):
        # the rest at a wrap's pitch, its first line under the header as a row stands under it
        pitch = 2.0 if above is head else 0.5
        if line[0] - above[1] > pitch * line[2] or not in_columns(line):
            after = line  # a line across the columns (a note under the table) or apart ends it
            break
        rest.append(line)
    if not rest and not at_a_start(head):
        # the header alone, nothing of the table under it (the break fell after the table's last
        # row, and LibreOffice repeats the header still), its labels centred as a header's are (a
        # row's text begins at its cells' starts): a row of that table, which continue_table drops
        # as the header repeated
        _add_grid(carried.xs, [head[0] - 1, head[1] + 1], horizontal, vertical)
        return
    at = next((i for i, line in enumerate(rest)
               if any(abs(line[3][0][0] - x) <= 2.0 for x in carried.starts if x > xs[1])
               or (len(line[3]) >= 2 and at_a_start(line))), None)
    if at is None or any(len(line[3]) >= max(3, len(xs) - 2) for line in rest):
        return  # (a line filling most columns begins a row of its own)
    # rows going on under the rest, in the carried columns, a row's gap apart at most: each begins
    # where a line starts in the first column or fills two cells or more
    starts = []
    if after is not None and in_columns(after) and after[0] - rest[-1][1] <= 2 * after[2]:
        if any(v["top"] <= after[0] + 1 and v["bottom"] >= after[1] - 1 for v in vertical):
            return  # a table of the page's own holds them
        while k < len(lines) and in_columns(lines[k]) and lines[k][0] - lines[k - 1][1] <= 2 * lines[k][2]:
            line = lines[k]
            if len(line[3]) >= 2 or line[3][0][0] < xs[1]:
                starts.append(line)
            rest.append(line)
            k += 1
    top, bottom = head[0] - 2, rest[-1][1] + 2
    horizontal[:] = [h for h in horizontal if not top <= h["top"] <= bottom]
    vertical[:] = [v for v in vertical if not (top <= v["top"] and v["bottom"] <= bottom)]
    ys = [head[0] - 1, rest[at][0] - 1] + [line[0] - 1 for line in starts] + [rest[-1][1] + 1]
    _add_grid(carried.xs, ys, horizontal, vertical)


def _add_grid(xs: tuple[float, ...], ys: list[float], horizontal: list[dict], vertical: list[dict]) -> None:
    """The edges of a full grid: a rule across at each of ``ys``, a boundary at each of ``xs`` between."""
    horizontal.extend(_h_rule(xs[0], xs[-1], y) for y in ys)
    for x in xs:
        for y0, y1 in zip(ys, ys[1:]):
            vertical.append({"x0": x, "x1": x, "top": y0, "bottom": y1, "width": 0, "height": y1 - y0,
                             "orientation": "v", "object_type": "line"})


def last_text_columns(chars: list[dict], horizontal: list[dict], vertical: list[dict],
                      body: tuple[float, float]) -> Carried | None:
    """The text table (edges of :func:`text_column_rules`) a page's body ends with, for the next
    page (``carried``); None when text follows it in the body."""
    if not horizontal:
        return None
    bottom = max(h["top"] for h in horizontal)
    if any(c["top"] > bottom and c["bottom"] <= body[1] and not c["text"].isspace() for c in chars):
        return None
    sides = [v for v in vertical if abs(v["bottom"] - bottom) <= 1.0]
    if len(sides) < 2:
        return None
    left, right = min(v["x0"] for v in sides), max(v["x0"] for v in sides)
    # the table's rows: up from its bottom while its left side goes on
    top = bottom
    for v in sorted((v for v in vertical if abs(v["x0"] - left) <= 0.5), key=lambda v: -v["bottom"]):
        if abs(v["bottom"] - top) <= 1.0:
            top = v["top"]
    # its column boundaries, over all its rows (a last row merged across, a group's label, has none
    # inside)
    xs: list[float] = []
    for v in sorted((v for v in vertical if left - 0.5 <= v["x0"] <= right + 0.5
                     and v["top"] >= top - 1.0 and v["bottom"] <= bottom + 1.0), key=lambda v: v["x0"]):
        if not xs or v["x0"] - xs[-1] > 0.5:
            xs.append(v["x0"])
    if len(xs) < 3:
        return None
    inside = [c for c in chars if left <= c["x0"] and c["x1"] <= right and top <= c["top"] and c["bottom"] <= bottom
              and (not c["text"].isspace() or c["text"] == "\u3000")]
    lines = _text_lines(inside)
    starts = tuple(_cluster([a for line in lines if len(line[3]) >= 2 for a, _ in line[3]], 2.0))
    return Carried(starts, _line_text(lines[0]), tuple(xs)) if starts else None


def _text_tables(run: list[tuple], body: tuple[float, float], horizontal: list[dict], vertical: list[dict],
                 carried: tuple[float, ...] = (), head: str | None = None) -> None:
    """The tables in one run of close lines (see :func:`text_column_rules`), their edges appended;
    ``carried``: the columns of the page before's last table, which the run's first line of cells
    goes on with; ``head``: that table's header, which the page repeats."""
    def column_starts(run: list[tuple]) -> list[float]:
        starts = _cluster([s[0] for line in run if len(line[3]) >= 2 for s in line[3]], 2.0)
        support = {x: sum(1 for line in run if len(line[3]) >= 2 and any(abs(s[0] - x) <= 2.0 for s in line[3]))
                   for x in starts}
        multi = [line for line in run if len(line[3]) >= 2]

        def run_over(x: float, lines: list[tuple]) -> int:
            return sum(1 for line in lines if len(line[3]) >= 2 and _runs_over(line, x))

        # a start that more rows' text runs over, between the lines beginning at it, than begin at
        # it is a header label's, centred over its column (a header repeated over two tables of a
        # page), no column's start
        begun = {x: [i for i, line in enumerate(run) if len(line[3]) >= 2
                     and any(abs(s[0] - x) <= 2.0 for s in line[3])] for x in starts}
        kept = [x for x in starts
                if support[x] >= 2 and run_over(x, run[begun[x][0]:begun[x][-1] + 1]) <= support[x]]
        # a start only one line has, right of the first column, where every other piece of that
        # line starts a column: a cell merged down a column (a department over its procedures),
        # crossing no column the lines around it use (the run may hold another table's columns)
        found = []
        for i, line in enumerate(run):
            at = [any(abs(a - x) <= 2.0 for x in kept) for a, _ in line[3]]
            if len(line[3]) >= 3 and at.count(False) == 1:
                a, b = line[3][at.index(False)]
                near = {x for other in run[max(0, i - 3):i + 4] if len(other[3]) >= 2
                        for x in kept if any(abs(s[0] - x) <= 2.0 for s in other[3])}
                if (kept and min(kept) < a and not any(a + 2.0 < x < b - 2.0 for x in near)
                        and not run_over(a, run[max(0, i - 3):i + 4])):
                    found.append(a)
        # a header of three or more labels over a row whose every cell begins under one of them (a
        # page holding one row of a table the page before began): each label begins a column
        for head, row in zip(multi, multi[1:]):
            if _heads(head, row):  # the labels' starts where they begin the cells; the cells' where centred
                found += [x for x, _ in head[3]] if _labels_begin_cells(head, row) else [a for a, _ in row[3]]
        kept += [a for a in _cluster(found, 2.0) if all(abs(a - x) > 2.0 for x in kept)]
        return sorted(kept)

    def with_carried(starts: list[float]) -> list[float]:
        return sorted(starts + [x for x in carried if all(abs(x - y) > 2.0 for y in starts)])

    starts = with_carried(column_starts(run))
    if len(starts) < 2:
        return
    # a start only a header of three labels or more gives (該当 over ✓ set at the cell's left, which
    # Chromium runs on from the text before it) is a start where a line's characters begin at it too
    once = [x for x in _cluster([s[0] for line in run if len(line[3]) >= 3 for s in line[3]], 2.0)
            if all(abs(x - y) > 2.0 for y in starts)]
    cut = starts + [x for x in once if any(_cuts_at(line, [x]) for line in run)]
    run = [_split_at_starts(line, cut) for line in run]
    starts = with_carried(column_starts(run))
    run, starts = _centred_starts_joined(run, starts)

    def fits(line) -> bool:
        if _left_of_columns(line, starts[0]) and any(_runs_over(line, x) for x in starts):
            return True  # a group or legend merged across from the table's left (the numbers centred)
        return all(any(abs(s[0] - x) <= 2.0 for x in starts) for s in line[3])

    def crosses(line, table) -> bool:
        """A piece of text running over a start of the table's columns: body text, or a row merged across."""
        cols = {x for x in starts for other in table if len(other[3]) >= 2
                for a, _ in other[3] if abs(a - x) <= 2.0}
        return any(_runs_over(line, x) for x in cols)

    def heads_next_page(table) -> bool:
        # no room under it for the table's tallest cell (its lines at the wrap's pitch) and a gap:
        # the row after it went to the next page whole
        last, gaps = table[-1], _gaps(table)
        wrap = min(gaps) + 1.0
        tallest, top = last[2], table[0][0]
        for line, gap in zip(table[1:], gaps):
            top = line[0] if gap > wrap else top
            tallest = max(tallest, line[1] - top)
        return (len(table) >= 3 and last is run[-1] and is_group_label(_line_text(last))
                and body[1] - last[1] < max(gaps) + tallest)

    # a header the page repeats further above the rows than rows stand apart (joined to them by
    # :func:`text_column_rules`) is no row among them: it joins the table as its header
    # (:func:`_text_table_edges`)
    k = 1 if (head is not None and len(run) > 1 and _line_text(run[0]) == head
              and run[1][0] - run[0][1] >= 2 * run[0][2]) else 0
    while k < len(run):
        if not fits(run[k]) or len(run[k][3]) < 2:
            k += 1
            continue
        m = k
        while m + 1 < len(run) and fits(run[m + 1]):
            m += 1
        for a, b in _table_pieces(run, k, m, starts):
            while a < b and len(run[a][3]) < 2:
                a += 1  # a table starts with a row of two or more cells (a header just above joins later)
            lead = a
            if k == 0 or all(len(line[3]) < 2 or not fits(line) for line in run[:k]):
                # the columns of this table's rows: the run may hold another table's too
                own = [x for x in starts if any(abs(p[0] - x) <= 2.0 for line in run[a:b + 1] for p in line[3])]
                lead = _cut_row_rest(run, a, own, body)
            table = run[lead:b + 1]
            # a note under the table is no row (a row merged across lies between rows), nor is a
            # heading after it; but a group's label ending the page, no room left under it for a
            # row, heads measures the next page goes on with
            while table and crosses(table[-1], table) and not heads_next_page(table):
                table = table[:-1]
            # a note whose wrapped rest, its last line, runs over no column: from its first line
            note = next((i for i in range(len(table) - 1, 0, -1) if crosses(table[i], table)), None)
            if note is not None and note < len(table) - 1 and all(len(line[3]) == 1 and abs(line[3][0][0] - table[note][3][0][0]) <= 2.0
                                        and line[0] - above[1] <= 0.5 * line[2]
                                        for above, line in zip(table[note:], table[note + 1:])):
                table = table[:note]
            while len(table) > 2 and _heading_after(table) and not heads_next_page(table):
                table = table[:-1]
            # two rows of cells, or one under a header of three labels or more that its columns
            # do not fit (labels centred over them: the one row a page holds under a repeated header)
            rows = sum(1 for line in table if len(line[3]) >= 2)
            carries_on = bool(carried) and all(len(line[3]) < 2 for line in run[:lead])
            if rows >= 2 or (rows == 1 and lead > 0 and len(run[lead - 1][3]) >= 3) or (rows and carries_on):
                _text_table_edges(table, run[:lead], starts, body, horizontal, vertical, carries_on, head)
        k = m + 1


def _line_text(line: tuple) -> str:
    return "".join(t for _, _, t in line[4])


def _says_what_it_is(line: tuple) -> bool:
    """A line that is a row merged across by what it says: a legend quoting a mark, a group's label."""
    text = _line_text(line)
    return _quotes_a_mark(text) or is_group_label(text)


def _legends_under_header(above: list[tuple], first_row: tuple, first: float, apart: float) -> list[tuple]:
    """The lines just above a table's first row that are rows of it merged across, under its
    header: one piece each at the first column's start ``first`` or left of it, no further apart
    than ``apart``, under a header of three labels or more — or of two, each such line saying what
    it is (a legend quoting a mark, a group's label): a line of two pieces is as likely the last
    row of a key–value table before it. None without such a header."""
    legends: list[tuple] = []
    below = first_row
    for line in above[::-1][:3]:
        if len(line[3]) != 1 or line[3][0][0] > first + 2.0 or below[0] - line[1] > apart:
            break
        legends.insert(0, line)
        below = line
    if not legends or len(above) == len(legends):
        return []
    head = above[-1 - len(legends)]
    told = all(_says_what_it_is(line) for line in legends)
    return legends if len(head[3]) >= 3 or (len(head[3]) == 2 and told) else []


def _wraps_a_label(upper: tuple, line: tuple) -> bool:
    """``line`` is the rest of one label of the header line ``upper``, wrapped: one piece right
    under it, within one of its labels."""
    return (len(line[3]) == 1 and len(upper[3]) >= 2 and line[0] - upper[1] <= 1.0
            and any(a - 1 <= line[3][0][0] and line[3][0][1] <= b + 1 for a, b in upper[3]))


def _left_of_columns(line: tuple, first: float) -> bool:
    """A line of one piece starting left of the table's first column (a group LibreOffice sets at
    the table's left, left of the numbers centred in their column)."""
    return len(line[3]) == 1 and line[3][0][0] < first - 2.0


def _heads(head: tuple, row: tuple) -> bool:
    """Whether line ``head`` is a header of three labels or more over ``row``: every cell of the row
    begins where a label begins, or the labels are centred over the row's cells, one label's middle
    over each cell's column (from its start to the next cell's)."""
    if len(head[3]) < 3:
        return False
    if _labels_begin_cells(head, row):
        return True
    starts = [a for a, _ in row[3]]
    middles = [(a + b) / 2 for a, b in head[3]]
    return len(starts) == len(middles) and all(x <= m < end for m, x, end in zip(middles, starts, starts[1:] + [float("inf")]))


def _labels_begin_cells(head: tuple, row: tuple) -> bool:
    return all(any(abs(a - x) <= 2.0 for x, _ in head[3]) for a, _ in row[3])


def _centred_starts_joined(run: list[tuple], starts: list[float]) -> tuple[list[tuple], list[float]]:
    """Starts less than half a character and a bit apart (centring a number of two digits moves its
    start half a digit, a full-width one's half a character) that no line has both of are one
    column's, its text centred (1 and 10 under No): the pieces at the later one begin at the
    earlier one."""
    size = min(line[2] for line in run)
    alias: dict[float, float] = {}
    for x, y in zip(starts, starts[1:]):
        if y - x < 0.6 * size and not any(any(abs(a - x) <= 2.0 for a, _ in line[3]) and any(abs(a - y) <= 2.0 for a, _ in line[3])
                                    for line in run):
            alias[y] = alias.get(x, x)
    if not alias:
        return run, starts

    def snapped(a: float) -> float:
        return next((x for y, x in alias.items() if abs(a - y) <= 2.0), a)

    run = [line[:3] + ([(snapped(a), b) for a, b in line[3]],) + line[4:] for line in run]
    return run, [x for x in starts if x not in alias]


def _labels_over(head: tuple | None, cols: list[float]) -> bool:
    """Whether line ``head`` has a label over each of the columns starting at ``cols``: a label's
    middle between the column's start and the next one's (labels centred over columns wider than
    them begin anywhere; a label over a column no row here fills is no matter)."""
    if head is None:
        return False
    middles = [(a + b) / 2 for a, b in head[3]]
    return all(any(x <= m < end for m in middles) for x, end in zip(cols, cols[1:] + [float("inf")]))


def _cut_row_rest(run: list[tuple], first: int, starts: list[float], body: tuple[float, float]) -> int:
    """Where the table beginning at ``run[first]`` really begins: one-piece lines just above it, in
    one column right of the first, at the top of the page's body (under at most a repeated header of
    two lines) are the rest of a row a page break cut, part of the table. A heading or note at the
    margin, or text running over a column's start, is none."""
    lead = first
    while lead > 0 and len(run[lead - 1][3]) == 1:
        (a, b), = run[lead - 1][3]
        if not (starts[0] + 2.0 < a and any(abs(a - x) <= 2.0 for x in starts)
                and not any(a + 2.0 < x < b - 2.0 for x in starts)):
            break
        lead -= 1
    if lead == first or lead > 2 or run[0][0] > body[0] + 4 * run[0][2]:
        return first
    return lead


def _boundaries_before_labels(labels: list[tuple[float, float]], xs: list[float], reach: list[float],
                              gutter: float) -> list[float]:
    """A column's boundary where its header label begins: a label set at the cell's left over values
    centred in it (チェック over ○), or centred over them and wider (実施 over ✓), starts in the gutter
    before the values, where the boundary, put next to the values, leaves it over the column
    before; the last column's label may reach beyond the table's side, which then widens to it.
    Moved left to the label, never over the text of the column before, which keeps a label of its
    own."""
    xs = list(xs)
    for j in range(1, len(xs) - 1):
        for k, (a, b) in enumerate(labels):
            if (reach[j - 1] + gutter <= a < xs[j] - 1 and (b <= xs[j + 1] + 1 or j + 1 == len(xs) - 1)
                    and any(xs[j - 1] - 1 <= a0 for a0, _ in labels[:k])):
                xs[j] = a - gutter
    return xs


def _columns_under(labels: list[tuple[float, float]], xs: list[float]) -> list[int]:
    """The column (between boundaries ``xs``) each header label stands over; the outer columns
    reach on beyond the table's sides. A label over no one column gives none."""
    last = len(xs) - 2
    return [n for a, b in labels for n in range(len(xs) - 1)
            if (n == 0 or xs[n] - 1 <= a) and (n == last or b <= xs[n + 1] + 1)]


def _heading_after(table: list[tuple]) -> bool:
    """The table's last line is one piece at the margin, where every row begun at the margin has
    more cells: a heading or caption after the table (【資料7-1】, 別紙), not a row with no value —
    unless it is a wrapped label's rest: at the wrap's pitch under a label that filled its column."""
    last, above = table[-1], table[-2]
    first = min(s[0] for line in table for s in line[3])
    if len(last[3]) != 1 or abs(last[3][0][0] - first) > 2.0:
        return False
    gaps = _gaps(table)
    # (the rows above the trailing lines like it that stand apart by more than a wrap: two
    # headings, 【資料28-1】 and its caption; a first column's wrapped lines are the row's)
    tail = len(table) - 1
    while (tail > 1 and len(table[tail - 1][3]) == 1 and abs(table[tail - 1][3][0][0] - first) <= 2.0
           and min(gaps[tail - 2], gaps[tail - 1]) > min(gaps) + 1.0):
        tail -= 1
    begun = [line for line in table[:tail] if abs(line[3][0][0] - first) <= 2.0]
    if not begun:
        return True  # left of every row, beginning no cell of the table (別表 under a cut row's end)
    if any(len(line[3]) < 2 for line in begun):
        return False
    later = [s[0] for line in table for s in line[3] if s[0] > first + 2.0]
    filled = (abs(above[3][0][0] - first) <= 2.0 and bool(later)
              and above[3][0][1] >= min(later) - MIN_GUTTER - 1.5 * above[2])
    return not (filled and gaps[-1] <= min(gaps) + 1.0)


def _table_pieces(run: list[tuple], k: int, m: int, starts: list[float]) -> list[tuple[int, int]]:
    """Lines k..m of a run (every piece of text at a column start) cut where two tables, or a table
    and body text, meet; (first, last) indexes of each piece. Cut

    - at a line starting in the first column after a gap unlike the rows' (the cells' padding keeps
      the gap between rows alike; a paragraph's spacing differs) and unlike a wrap's; a paragraph
      inside a cell goes on in a later column and is never cut;
    - at a line that runs over a column start and on beyond every row's text (a body paragraph is
      as wide as the page; a row merged across, a group or a legend, stays within the table);
    - at a row of two or more cells whose columns and the columns of the rows above each have one
      the other lacks (another table follows), with the one-cell lines at the margin just above it.
    """
    between = _gaps(run)

    def gap(i: int) -> float:
        return between[i - 1]

    first = min(starts)
    multi = [i for i in range(k, m + 1) if len(run[i][3]) >= 2]
    if len(multi) < 2:
        return [(k, m)]
    reach = max(run[i][3][-1][1] for i in multi)
    # the starts the rows here begin cells at (the run may hold another table's columns)
    own = [x for x in starts if any(abs(a - x) <= 2.0 for i in multi for a, _ in run[i][3])]
    row_gaps = sorted(gap(i) for i in multi if i > k) or [0.0]
    wrap = min(gap(i) for i in range(k + 1, m + 1)) + 1.0
    # a wrapped cell's lines are no row, unless most rows begun in the first column stand at the
    # wrap's pitch themselves (LibreOffice sets cells with no padding: rows and wraps alike 0 pt
    # apart, a paragraph's spacing the odd one out)
    at_first = [gap(i) for i in multi if i > k and abs(run[i][3][0][0] - first) <= 2.0]
    # (rows told by lines that fill every column, where two do: the wrapped lines of two long
    # columns side by side hold two pieces too, at the wrap's pitch, and are no rows)
    widest = max(len(run[i][3]) for i in multi)
    full = [i for i in multi if abs(run[i][3][0][0] - first) <= 2.0 and len(run[i][3]) == widest]
    if widest >= 3 and len(full) >= 2 and full[-1] > k:
        at_first = [gap(i) for i in full if i > k]
    if at_first and 2 * sum(1 for g in at_first if g > wrap) < len(at_first):
        row_gaps = sorted(at_first)
    else:
        row_gaps = [g for g in row_gaps if g > wrap] or row_gaps
    row_gap = row_gaps[len(row_gaps) // 2]
    # a header of three labels or more just above a piece's first row (over the rest of a row a page
    # break cut): rows under it leave different columns empty (a mark in one answer column or the
    # other) and are one table while its labels head their columns
    def header_at(i: int) -> tuple | None:
        while i >= 0 and len(run[i][3]) == 1 and run[i][3][0][0] > first + 2.0:
            i -= 1  # the rest of a cut row, in a column right of the first (a caption stops it)
        return run[i] if i >= 0 and len(run[i][3]) >= 3 else None

    head = None
    pieces, a, used = [], k, set()
    for i in range(k, m + 1):
        line = run[i]
        at_margin = abs(line[3][0][0] - first) <= 2.0
        g = gap(i) if i > k else 0.0
        cut = i > a and at_margin and abs(g - row_gap) > max(1.0, 0.15 * row_gap) and g >= row_gap / 2
        if not cut and line[3][-1][1] > reach + 2.0 and any(
                line[3][0][0] + 2.0 < x < line[3][-1][1] - 2.0 for x in own):
            cut = i > a  # body text: it ends the piece above and begins none (one-cell lines lead no table)
        cols = {_index(starts, x) for x, _ in line[3]} if len(line[3]) >= 2 else set()
        if cols and not used:
            head = header_at(i - 1)
        start = i
        if not cut and cols and used and not cols <= used and not used <= cols and not _labels_over(
                head, [starts[n] for n in sorted(cols | used)]):
            cut = True
            while start - 1 > a and len(run[start - 1][3]) == 1 and abs(run[start - 1][3][0][0] - first) <= 2.0:
                start -= 1  # a caption at the margin over the next table is no row of this one
        if cut:
            pieces.append((a, start - 1))
            a, used = start, set()
        used |= cols
    return pieces + [(a, m)]


def _text_table_edges(table: list[tuple], above: list[tuple], starts: list[float], body: tuple[float, float],
                      horizontal: list[dict], vertical: list[dict], carries_on: bool = False,
                      head: str | None = None) -> None:
    """The edges of one table of text in columns; a header line just above it (its labels set
    anywhere over the columns, centred as headers are) is its first row. ``carries_on``: the table
    carries on the page before's, so one row of it, in the top band too, is a table; ``head``: the
    header of the page before's last table, repeated here, is a header however far above the rows."""
    cols = [x for x in starts if any(abs(s[0] - x) <= 2.0 for line in table for s in line[3])]
    # a first column no row of cells begins but the first (a header label set at the table's left)
    # holds lines of one piece merged across the table (a legend, a group): no column of the
    # table, whose first column is the next (marks centred under 実施)
    at_first = [line for line in table[1:] if abs(line[3][0][0] - cols[0]) <= 2.0]
    if len(cols) >= 3 and at_first and all(len(line[3]) == 1 and _runs_over(line, cols[1]) for line in at_first):
        cols = cols[1:]
    if len(cols) < 2:
        return

    counts = [0] * len(cols)  # the cells each column begins: lines of its text not going on from a wrap
    long = [False] * len(cols)
    reach = list(cols)
    gaps = _gaps(table)
    # a wrap keeps the lines' pitch, rows stand apart by the cells' padding: told apart only when
    # the gaps differ (a table of one-line rows has no wrap)
    wrap = min(gaps) + 1.0 if gaps and max(gaps) > min(gaps) + 2.0 else None
    for i, (_, _, size, segs, _) in enumerate(table):
        goes_on = bool(i) and wrap is not None and gaps[i - 1] <= wrap
        for a, b in segs:
            n = _index(cols, a)
            counts[n] += not goes_on
            if n + 1 < len(cols) and b > cols[n + 1] + 2.0:
                continue  # a row merged across (a legend, a group): it says nothing of its column's width
            if len(segs) == 1 and _says_what_it_is(table[i]):
                continue  # nor does one short of the next column (a group's label over short measures)
            reach[n] = max(reach[n], b)
            # a line of one piece in the first column is a group or legend merged across (【技術的安全
            # 管理措置】 over a number column), no cell of it
            long[n] = long[n] or ((b - a) > 8 * size and not (len(segs) == 1 and n == 0 and len(cols) >= 3))
    # a column whose text wraps: a line that fills it, the next line going on in it at the pitch (a
    # narrow column of values wraps in short lines, and every line of it would seem to begin a cell
    # where rows stand at the wrap's pitch, no gap between them)
    wraps = [False] * len(cols)
    for i, (above_line, below_line) in enumerate(zip(table, table[1:])):
        if gaps[i] > 0.5 * above_line[2]:
            continue  # (no finer bound: where lines overlap, the least gap is no wrap's)
        if _left_of_columns(above_line, cols[0]) or _left_of_columns(below_line, cols[0]):
            continue  # a group merged across from the table's left, no line of a cell
        below_cols = {_index(cols, a) for a, _ in below_line[3]}
        for a, b in above_line[3]:
            n = _index(cols, a)
            if "".join(t for x0, _, t in above_line[4] if a - 0.6 <= x0 < b).strip().isdigit():
                continue  # a number never wraps: the next one below is the next row's
            wraps[n] = wraps[n] or (n in below_cols and b >= reach[n] - 1.5 * above_line[2])
    # the anchor: the short column (a label, a number or a mark, never a wrapped value) that begins
    # the most cells, the leftmost of equals, one whose text never wraps before one that does; a
    # merged cell's column begins fewer. With no short column, one of long labels that never wrap
    # (委託する個人情報の項目) is a label column still
    short = ([n for n in range(len(cols)) if not long[n]]
             or [n for n in range(len(cols)) if not wraps[n]])
    # rows set at the lines' own pitch (no padding between them) tell no wrap from a row: a long
    # label that reaches its column's end seems to wrap; the first column's lines begin the rows
    if not short and wrap is None:
        short = [0]
    if not short:
        return
    anchor = max(short, key=lambda n: (not wraps[n], counts[n], -n))
    # a row also begins where cells begin in two columns or more after a gap wider than a wrap:
    # rows standing apart by their padding, the anchor's cell merged down them (a department printed
    # once over its procedures); a value's own paragraphs begin in its column alone
    rows = [line for i, line in enumerate(table)
            if any(_index(cols, a) == anchor for a, _ in line[3])
            or (i and wrap is not None and gaps[i - 1] > wrap + 0.3 * line[2]
                and (len({_index(cols, a) for a, _ in line[3]}) >= 2
                     # a group's label or a legend merged across, apart from the row above as rows are
                     or (len(line[3]) == 1 and _says_what_it_is(line))))]
    cut_rest = bool(rows) and table[0] is not rows[0]
    if cut_rest:
        rows = [table[0]] + rows  # lines before the first row: the rest of a row a page break cut
    elif rows and wrap is not None and table[0][0] < body[0] + 4 * table[0][2]:
        # a header repeated at the page's top, labels in the anchor column too: it ends at the first
        # gap wider than a wrap, and the lines after it are the rest of a row the break cut
        end = table.index(rows[1]) if len(rows) > 1 else len(table)
        rest = next((i for i in range(1, end) if gaps[i - 1] > wrap + 0.3 * table[i][2]), None)
        if rest is not None:
            rows = [rows[0], table[rest]] + rows[1:]
    gutter = MIN_GUTTER / 2
    left = min(s[0] for line in table for s in line[3]) - gutter
    right = max(reach) + gutter
    xs = [left] + [cols[n] - min(gutter, (cols[n] - reach[n - 1]) / 2) for n in range(1, len(cols))] + [right]
    # under the header the page repeats, lines of one piece each that say nothing of what they are
    # (no legend, no group): the rest of the row the page break cut, one row of the table
    repeats = next((k for k in range(len(above) - 1, -1, -1) if _line_text(above[k]) == head), None)
    rest = above[repeats + 1:] if repeats is not None else []
    while rest and _wraps_a_label(above[repeats], rest[0]):
        rest, repeats = rest[1:], repeats + 1  # (the rest of a header label: 取扱う個人情報項 / 目)
    # then a group's label or a legend saying what it is: a row of its own, merged across
    told = next((k for k, line in enumerate(rest) if _says_what_it_is(line)), len(rest))
    if told and all(len(line[3]) == 1 and (k < told or _says_what_it_is(line)) for k, line in enumerate(rest)):
        table, rows, above = rest + table, [rest[0], *rest[told:]] + rows[cut_rest:], above[:repeats + 1]
    # a legend or a group merged across the table right under its header (講じる対策は「〇」…,
    # 【管理的対策】): one piece at the first column's start or left of it (at the table's left, the
    # numbers centred in their column), no further above the first row than rows stand apart; a row
    # of the table, one cell across it, when a header of three labels or more stands above it (a
    # line over two pieces is as likely the last row of a key–value table before it)
    # of three labels or more, or of two where each such line says what it is: a legend quoting a
    # mark, a group's label (実施 | 対策内容 over 実施するものに「◯」… and 西原村が実施する…【運用上の対策】)
    legends = _legends_under_header(above, table[0], cols[0], max(gaps, default=0.0) + 1.0)
    above = above[:len(above) - len(legends)]
    headed = False
    for k, line in enumerate(above[::-1][:2]):
        upper = above[-2 - k] if k + 1 < len(above) else None
        # the rest of one header label wrapped (取扱い個人情 / 報の項目), right under the label line
        label_rest = not headed and upper is not None and _wraps_a_label(upper, line)
        # a label over its column; the outer ones may stand out beyond the table's sides (centred
        # over a column wider than its values); labels wholly right of the table head columns no
        # row fills (an answer column ticked in no row)
        beyond = [seg for seg in line[3] if seg[0] > xs[-1] + 1]
        labels = line[3][:len(line[3]) - len(beyond)]
        if not headed:
            xs = _boundaries_before_labels(labels, xs, reach, gutter)
        over = _columns_under(labels, xs)
        # two labels over one column: the one over no row's text heads a column empty on this page
        # (a department merged down the rows of an earlier page), parted in the gutter between them
        split = []
        if len(over) == len(labels):
            for ((_, b0), n0), ((a1, _), n1) in zip(zip(labels, over), zip(labels[1:], over[1:])):
                x = (b0 + a1) / 2
                if n0 == n1 and a1 - b0 >= MIN_GUTTER and not any(
                        _runs_over(t, x) or any(b0 < a < a1 or b0 < b < a1 for a, b in t[3]) for t in table):
                    split.append(x)
        if split:
            xs = sorted(xs + split)
            over = _columns_under(labels, xs)
        if ((len(line[3]) < 2 and not label_rest) or not labels or len(over) != len(labels) or len(set(over)) != len(over)
                or ((legends[0] if legends and not headed else table[0])[0] - line[1] >= 2 * line[2]
                    and _line_text(line) != head)):
            break
        if headed and table[0][0] - line[1] <= 1.0 and len(line[3]) > len(table[0][3]):
            table, rows = [line] + table, [line] + rows[1:]  # a header wrapped over two lines is one row
        else:
            table, rows = [line] + table, [line] + rows
        headed = True
        if beyond:
            ends = [labels[-1][1]] + [b for _, b in beyond[:-1]]
            xs = xs[:-1] + [max(xs[-1], (end + a) / 2) for end, (a, _) in zip(ends, beyond)] + [xs[-1]]
        xs[0], xs[-1] = min(xs[0], line[3][0][0] - gutter), max(xs[-1], line[3][-1][1] + gutter)
        if beyond:
            break  # the columns changed: a line above is matched to them no more
    if legends and headed:
        at = next(i for i, line in enumerate(table) if line[0] > legends[0][0])
        table = table[:at] + legends + table[at:]
        at = next(i for i, line in enumerate(rows) if line[0] > legends[0][0])
        # a legend wrapped over two lines is one row: a line goes on from one that fills the table
        begun = [line for k, line in enumerate(legends)
                 if not k or legends[k - 1][3][0][1] < xs[-1] - gutter - 1.5 * legends[k - 1][2]]
        rows = rows[:at] + begun + rows[at:]
        xs[0] = min(xs[0], *(line[3][0][0] - gutter for line in legends))
    else:
        legends = []  # no header over them: paragraphs before the table, no rows
    # two rows, a header counting (a page's first rows under a repeated header, or its last ones);
    # a header of three labels or more over a row may stand in the page's top band (the one row a
    # page holds of a table begun the page before): a running header is no such header
    inside = [row for row in rows if body[0] <= row[0] and row[1] <= body[1]]
    if not (carries_on and rows) and (len(rows) < 2 or len(inside) < 2
                                   and not (inside == rows[1:2] and _heads(rows[0], rows[1]))):
        return
    left, right = xs[0], xs[-1]
    top, bottom = table[0][0] - 1, table[-1][1] + 1
    ys = [row[0] - 1 for row in rows] + [bottom]
    horizontal.extend(_h_rule(left, right, y) for y in ys)

    def across(y0: float, y1: float) -> bool:
        """A row of one piece of text from the first column over an inner boundary: a legend or a
        group merged across the table, one cell."""
        inside = [line for line in table if y0 <= line[0] < y1]
        return bool(inside) and all(len(line[3]) == 1 and line[3][0][0] <= cols[0] + 2.0 for line in inside) \
            and any(_runs_over(line, x) for line in inside for x in xs[1:-1])

    merged = {y0 for row, y0, y1 in zip(rows, ys, ys[1:]) if any(row is line for line in legends) or across(y0, y1)}
    for x in xs:
        for y0, y1 in zip(ys, ys[1:]):
            # a row whose text runs over an inner boundary is one cell there (a legend, a group)
            if x not in (xs[0], xs[-1]) and (y0 in merged or any(_runs_over(line, x) for line in table
                                                                 if y0 <= line[0] < y1)):
                continue
            vertical.append({"x0": x, "x1": x, "top": y0, "bottom": y1, "width": 0, "height": y1 - y0,
                             "orientation": "v", "object_type": "line"})
