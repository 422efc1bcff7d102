"""Excel workbooks (.xlsx, .xlsm) → IR, with openpyxl: checklists and item lists kept in Excel.

Each visible sheet's used range becomes, in order, the lines above its grid (a title, a legend: rows
with one filled cell), the grid as a table (merged ranges as spans; bold, underline and font name
from each cell's style, so a marked cell counts as in Word), and the lines under it. Formulas are not
evaluated (the value Excel last saved is read), external links are not followed, and hidden sheets,
rows and columns are skipped — each said in ``warnings``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..errors import CorruptDocument, CouncilError
from ..fonts import font_family_of
from ..ir import Cell, Document, Page, Paragraph, Run, Table, Warning
from ..limits import DEFAULT as DEFAULT_LIMITS, Limits, refusal


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _rgb(color) -> str | None:
    """An openpyxl colour as six hex digits; None for a theme, indexed or automatic colour (the
    default black of a workbook is a theme colour) and for black."""
    rgb = getattr(color, "rgb", None) if color is not None and getattr(color, "type", None) == "rgb" else None
    if not isinstance(rgb, str) or len(rgb) not in (6, 8):
        return None
    rgb = rgb[-6:].upper()
    return None if rgb == "000000" else rgb


def fill_of(cell) -> str | None:
    """A cell's solid fill as six hex digits (網掛け in a workbook is the cell's fill); None for none or white."""
    fill = cell.fill
    if fill is None or fill.fill_type != "solid":
        return None
    rgb = _rgb(fill.fgColor)
    return None if rgb in (None, "FFFFFF") else rgb


def _paragraphs(cell, shaded: bool = False) -> tuple[Paragraph, ...]:
    """A cell's text, one paragraph per line (Alt+Enter), each one run in the cell's font: weight,
    underline and its kind, italics, colour, and ``shaded`` when the cell's own fill sets it apart."""
    text = _text(cell.value)
    font = cell.font
    name = font.name if font is not None else None
    underline = bool(font is not None and font.u and font.u != "none")
    kind = ("double" if font.u.startswith("double") else "single") if underline else None
    out = []
    for line in text.split("\n"):
        if line.strip():
            out.append(Paragraph(runs=(Run(text=line, bold=bool(font is not None and font.b), underline=underline,
                                           font_family=font_family_of(name), font_name=name,
                                           italic=bool(font is not None and font.i),
                                           color=_rgb(font.color) if font is not None else None,
                                           shading=shaded, underline_kind=kind),)))
    return tuple(out)


def _set_apart(fills: dict[int, str | None], c: int) -> bool:
    """A cell's fill marks it when another cell with text in its row is not filled so: a header row,
    a banded row or a group row filled all along marks nothing."""
    own = fills.get(c)
    return own is not None and any(f != own for col, f in fills.items() if col != c)


def _column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n


def _column_letters(n: int) -> str:
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def _split_ref(ref: str) -> tuple[int, int] | None:
    """``XFD1048576`` → (1048576, 16384)."""
    letters = ref.rstrip("0123456789").lstrip("$").upper()
    digits = ref[len(ref.rstrip("0123456789")):]
    if not letters.isalpha() or not letters.isascii() or not digits:
        return None
    return int(digits), _column_number(letters)


def _sheet_names(zf) -> dict[str, str]:
    """Part name of each worksheet → its sheet name, from the workbook and its relationships."""
    import re

    try:
        workbook = zf.read("xl/workbook.xml").decode("utf-8", "replace")
        rels = zf.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    except KeyError:
        return {}
    targets = {}
    for rel in re.finditer(r"<Relationship\b[^>]*>", rels):
        tag = rel.group(0)
        rid, target = re.search(r'Id="([^"]*)"', tag), re.search(r'Target="([^"]*)"', tag)
        if rid and target:
            t = target.group(1)
            targets[rid.group(1)] = t.lstrip("/") if t.startswith("/") else "xl/" + t
    names = {}
    for sheet in re.finditer(r"<(?:\w+:)?sheet\b[^>]*>", workbook):
        tag = sheet.group(0)
        name, rid = re.search(r'name="([^"]*)"', tag), re.search(r'(?:\w+:)?id="([^"]*)"', tag)
        if name and rid and rid.group(1) in targets:
            names[targets[rid.group(1)]] = name.group(1)
    return names


def survey(path: Path, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse a workbook openpyxl must not load, from its XML streamed once (nothing kept but counts):
    a sheet whose used range (its cells and merges, as openpyxl will lay them out) spans more than
    ``--max-sheet-cells`` cells or more than ``--max-table-rows`` rows, or a cell or shared string of
    more than ``--max-cell-chars`` characters. Stops at the first excess, so a million rows are
    refused in the time of fifty thousand."""
    import zipfile
    from xml.parsers import expat

    name = path.name
    with zipfile.ZipFile(path) as zf:
        sheet_names = _sheet_names(zf)
        parts = [n for n in zf.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
        if "xl/sharedStrings.xml" in zf.namelist():
            parts.append("xl/sharedStrings.xml")
        for part in parts:
            label = (f"sheet {sheet_names[part]!r}" if part in sheet_names else
                     "its shared strings" if part.endswith("sharedStrings.xml") else f"part {part}")
            state = {"row": 0, "col": 0, "min_r": None, "max_r": 0, "min_c": None, "max_c": 0,
                     "text": 0, "in_text": False, "cell": None}

            def extend(r: int, c: int, r2: int | None = None, c2: int | None = None):
                r2, c2 = r2 or r, c2 or c
                state["min_r"] = r if state["min_r"] is None else min(state["min_r"], r)
                state["min_c"] = c if state["min_c"] is None else min(state["min_c"], c)
                state["max_r"], state["max_c"] = max(state["max_r"], r2), max(state["max_c"], c2)
                rows = state["max_r"] - state["min_r"] + 1
                cols = state["max_c"] - state["min_c"] + 1
                used = (f"{_column_letters(state['min_c'])}{state['min_r']}:"
                        f"{_column_letters(state['max_c'])}{state['max_r']}")
                if rows * cols > limits.sheet_cells:
                    raise refusal(name, f"{label}: its used range reaches {used} ({rows * cols:,} cells)", "sheet_cells",
                                  limits)
                if rows > limits.table_rows:
                    raise refusal(name, f"{label}: its used range reaches {used} ({rows:,} rows)", "table_rows",
                                  limits)

            def start(tag, attrs):
                tag = tag.rsplit(":", 1)[-1]
                if tag == "row":
                    r = attrs.get("r")
                    state["row"] = int(r) if r and r.isdigit() else state["row"] + 1
                    state["col"] = 0
                elif tag == "c":
                    where = _split_ref(attrs.get("r", "")) if attrs.get("r") else None
                    r, c = where if where else (state["row"] or 1, state["col"] + 1)
                    state["row"], state["col"] = r, c
                    state["cell"] = f"{_column_letters(c)}{r}"
                    extend(r, c)
                elif tag == "mergeCell":
                    corners = [_split_ref(x) for x in attrs.get("ref", "").split(":")]
                    if len(corners) == 2 and None not in corners:
                        (r1, c1), (r2, c2) = corners
                        extend(min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2))
                elif tag in ("v", "t"):
                    state["in_text"] = True
                elif tag == "si":
                    state["text"] = 0
                    state["cell"] = None

            def end(tag):
                tag = tag.rsplit(":", 1)[-1]
                if tag in ("v", "t"):
                    state["in_text"] = False
                elif tag in ("c", "si"):
                    if state["text"] > limits.cell_chars:  # counted to the cell's end, nothing of it kept
                        what = f"cell {state['cell']}" if state["cell"] else "a shared string"
                        raise refusal(name, f"{label}: {what} holds {state['text']:,} characters", "cell_chars",
                                      limits)
                    state["text"] = 0

            def data(text):
                if state["in_text"]:
                    state["text"] += len(text)

            parser = expat.ParserCreate()
            parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, data
            parser.buffer_text = True
            try:
                with zf.open(part) as fh:
                    while chunk := fh.read(1 << 20):
                        parser.Parse(chunk, False)
                    parser.Parse(b"", True)
            except CouncilError:
                raise
            except (expat.ExpatError, ValueError, OverflowError, zipfile.BadZipFile, EOFError) as exc:
                raise CorruptDocument(name, f"not a readable Excel workbook ({label}: {str(exc)[:120]})")


def read_xlsx(path: Path, limits: Limits = DEFAULT_LIMITS) -> Document:
    import openpyxl

    survey(path, limits)
    try:
        workbook = openpyxl.load_workbook(path, data_only=True, keep_links=False, keep_vba=False)
    except Exception as exc:  # openpyxl raises KeyError, InvalidFileException, zip and XML errors
        raise CorruptDocument(path.name, f"not a readable Excel workbook ({type(exc).__name__}: {str(exc)[:120]})")
    blocks: list = []
    warnings: list[Warning] = []
    for sheet in workbook.worksheets:
        if sheet.sheet_state != "visible":
            warnings.append(Warning("hidden_sheet", f"sheet {sheet.title!r} is hidden and was not read", None))
            continue
        blocks.extend(_sheet_blocks(sheet, warnings))
    return Document(format="xlsx", pages=(Page(number=None, blocks=tuple(blocks)),), page_count=None,
                    warnings=tuple(warnings))


def _sheet_blocks(sheet, warnings: list[Warning]) -> list:
    hidden_rows = {r for r, d in sheet.row_dimensions.items() if d.hidden}
    hidden_cols = set()
    for key, d in sheet.column_dimensions.items():
        if d.hidden:
            from openpyxl.utils import column_index_from_string

            first = d.min or column_index_from_string(key)
            hidden_cols.update(range(first, (d.max or first) + 1))
    if hidden_rows or hidden_cols:
        warnings.append(Warning("hidden_cells", f"sheet {sheet.title!r}: {len(hidden_rows)} hidden rows and "
                                f"{len(hidden_cols)} hidden columns were not read", None))
    rows = [r for r in range(sheet.min_row, sheet.max_row + 1) if r not in hidden_rows]
    cols = [c for c in range(sheet.min_column, sheet.max_column + 1) if c not in hidden_cols]
    merged = {}
    covered = set()
    for rng in sheet.merged_cells.ranges:
        merged[(rng.min_row, rng.min_col)] = (rng.max_row, rng.max_col)
        covered.update((r, c) for r in range(rng.min_row, rng.max_row + 1) for c in range(rng.min_col, rng.max_col + 1)
                       if (r, c) != (rng.min_row, rng.min_col))

    def filled(r: int) -> list[int]:
        return [c for c in cols if (r, c) not in covered and _text(sheet.cell(r, c).value).strip()]

    # lines above and under the grid: rows with one filled cell and no merge reaching across
    def is_line(r: int) -> bool:
        f = filled(r)
        return len(f) <= 1 and not any((r, c) in merged and merged[(r, c)][0] > r for c in f)

    start, end = 0, len(rows)
    while start < end and is_line(rows[start]):
        start += 1
    while end > start and is_line(rows[end - 1]):
        end -= 1
    out: list = [Paragraph(runs=(Run(text=sheet.title, bold=True),), heading_level=1)]

    def lines(rs):
        for r in rs:
            for c in filled(r):
                out.extend(_paragraphs(sheet.cell(r, c)))  # a banner's fill outside the grid marks nothing

    lines(rows[:start])
    grid_rows = rows[start:end]
    if grid_rows:
        row_index = {r: i for i, r in enumerate(grid_rows)}
        col_index = {c: i for i, c in enumerate(cols)}
        table_rows = []
        # a fill every cell of a column shares (a column of labels set grey) marks nothing either
        column_fills: dict[int, set] = {}
        for r in grid_rows:
            for c in filled(r):
                column_fills.setdefault(col_index[c], set()).add(fill_of(sheet.cell(r, c)))
        label_fill = {c: next(iter(f)) for c, f in column_fills.items() if len(f) == 1}
        for r in grid_rows:
            cells = []
            row_fills = {col_index[c]: fill_of(sheet.cell(r, c)) for c in filled(r)}
            for c in cols:
                if (r, c) in covered:
                    continue
                last_r, last_c = merged.get((r, c), (r, c))
                span_r = sum(1 for rr in grid_rows if r <= rr <= last_r)
                span_c = sum(1 for cc in cols if c <= cc <= last_c)
                shaded = _set_apart(row_fills, col_index[c]) and label_fill.get(col_index[c]) != row_fills[col_index[c]]
                cells.append(Cell(row=row_index[r], col=col_index[c], blocks=_paragraphs(sheet.cell(r, c), shaded),
                                  row_span=max(1, span_r), col_span=max(1, span_c)))
            table_rows.append(tuple(cells))
        out.append(Table(rows=tuple(table_rows), n_cols=len(cols)))
    lines(rows[end:])
    return out
