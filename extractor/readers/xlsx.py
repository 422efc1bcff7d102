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

from ..errors import CorruptDocument
from ..fonts import font_family_of
from ..ir import Cell, Document, Page, Paragraph, Run, Table, Warning


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


def _paragraphs(cell) -> tuple[Paragraph, ...]:
    """A cell's text, one paragraph per line (Alt+Enter), each one run in the cell's font."""
    text = _text(cell.value)
    font = cell.font
    name = font.name if font is not None else None
    underline = bool(font is not None and font.u and font.u != "none")
    out = []
    for line in text.split("\n"):
        if line.strip():
            out.append(Paragraph(runs=(Run(text=line, bold=bool(font is not None and font.b), underline=underline,
                                           font_family=font_family_of(name), font_name=name),)))
    return tuple(out)


def read_xlsx(path: Path) -> Document:
    import openpyxl

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
                out.extend(_paragraphs(sheet.cell(r, c)))

    lines(rows[:start])
    grid_rows = rows[start:end]
    if grid_rows:
        row_index = {r: i for i, r in enumerate(grid_rows)}
        col_index = {c: i for i, c in enumerate(cols)}
        table_rows = []
        for r in grid_rows:
            cells = []
            for c in cols:
                if (r, c) in covered:
                    continue
                last_r, last_c = merged.get((r, c), (r, c))
                span_r = sum(1 for rr in grid_rows if r <= rr <= last_r)
                span_c = sum(1 for cc in cols if c <= cc <= last_c)
                cells.append(Cell(row=row_index[r], col=col_index[c], blocks=_paragraphs(sheet.cell(r, c)),
                                  row_span=max(1, span_r), col_span=max(1, span_c)))
            table_rows.append(tuple(cells))
        out.append(Table(rows=tuple(table_rows), n_cols=len(cols)))
    lines(rows[end:])
    return out
