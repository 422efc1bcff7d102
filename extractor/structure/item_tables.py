"""Item lists a table holds outside a procedures table: a column or a row whose header means "the
personal information handled" (取り扱う個人情報, 記録項目, 提供する項目, 収集する個人情報 …, by
``models/vocabulary.json``'s item-list heads, as for a field's key).

- a **column**: a header row names it (``対象者 | 取り扱う個人情報 | 収集方法``); every cell under it
  that lists something is an item list at ``{"table", "row", "column": header}``;
- a **row**: its first cell names it (``取り扱う個人情報 | 申請者：氏名、住所 | 代理人：氏名``) in a
  table that is no key–value table (those are fields already); every other cell of the row is an
  item list at ``{"table", "row", "column": the column's header or null}``.

A procedures table's item column is read with its procedures (:mod:`.procedures`); a cell that only
refers elsewhere (別紙のとおり) or holds only marks is no list.
"""

from __future__ import annotations

from .. import schema as S
from ..vocabulary import is_item_list_key
from .marking import is_glyph_only
from .procedures import grid_of


def _item_list_header(text: str) -> bool:
    """A header that names item lists (not a bare 項目 or 情報: a label column)."""
    return is_item_list_key(text.replace("\n", ""))


def _lists(cell: S.Cell | None) -> bool:
    from .submission import refers_to

    return bool(cell and cell.raw.strip() and not is_glyph_only(cell.text) and refers_to(cell.text) is None)


def item_lists_of(table: S.Table) -> list[tuple[dict, str]]:
    """(location, the cell as printed) for every item list ``table`` holds in a column or a row
    headed by an item-list head, in reading order."""
    grid = grid_of(table)
    found: dict[tuple[int, int], tuple[dict, str]] = {}
    header = table.header or []
    for col, head in enumerate(header):
        if not head or not _item_list_header(head):
            continue
        for r, row in enumerate(grid):
            cell = row.get(col)
            if _lists(cell) and cell.col == col and (r == 0 or grid[r - 1].get(col) is not cell):
                found[(r, col)] = ({"table": table.id, "row": r, "column": head}, cell.raw)
    for r, row in enumerate(table.rows):
        if len(row) < 2 or row[0].col != 0 or not _item_list_header(row[0].text):
            continue
        for cell in row[1:]:
            if _lists(cell) and (r, cell.col) not in found:
                column = header[cell.col] if cell.col < len(header) and header[cell.col] else None
                found[(r, cell.col)] = ({"table": table.id, "row": r, "column": column}, cell.raw)
    return [found[k] for k in sorted(found)]
