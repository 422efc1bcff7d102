"""Procedures tables (【資料NN-1】): one Procedure per row, columns recognised by what their header means.

A table is a procedures table when one header means 手続名/登録業務名 and another 取扱う個人情報項目/
情報項目, in any order, with or without No/担当課/付議内容. A merged 担当課 cell applies to every row
it spans. Grounds (①③) are explained by the document's own legend (``※①…、③…`` or a ①②③ list).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import schema as S
from ..normalize import circled_number_to_int, parse_count
from ..vocabulary import procedure_column_role

_CIRCLED = re.compile(r"[①-⑳]")
_DEFINITION = re.compile(r"(?:^|(?<=[、，\s※]))([①-⑳])\s*([^①-⑳]+)")
_NOT_A_DEFINITION_START = tuple("のをにがはでとも")
_LEGEND_LABEL = re.compile(r"^[^①-⑳、。\s]{1,10}[\s　：:]+(?=[①-⑳])")


def column_roles(header: list[str]) -> dict[str, int] | None:
    """Header texts → {role: column index} by what each header means (``extractor/vocabulary.py``),
    or None when the header is not a procedures header (it needs a name and an items column)."""
    roles: dict[str, int] = {}
    for index, text in enumerate(header):
        role = procedure_column_role(text) if text else None
        if role and role not in roles:
            roles[role] = index
    return roles if {"items", "name"} <= roles.keys() else None


def ground_definitions(lines: list[str]) -> dict[int, str]:
    """``※①単年度…場合、③マイナンバーカード…場合`` and ``①…`` list items → {1: …, 3: …}.

    A circled number counts as a definition only at the start of a line or after 、/※, and its
    text must not start with a particle (``①の段階で行う`` refers to a step, it defines nothing).
    Legend lines (``※①…``) win over list items elsewhere.
    """
    found: dict[int, str] = {}
    ordered = sorted(lines, key=lambda line: not line.startswith("※"))
    for line in ordered:
        body = line.lstrip("※ ")
        if line.startswith("※"):  # a legend may name what it explains first: ``※付議内容 ①…``
            body = _LEGEND_LABEL.sub("", body, count=1)
        if not _CIRCLED.match(body):
            continue
        for m in _DEFINITION.finditer(body):
            number, text = circled_number_to_int(m.group(1)), m.group(2).strip(" 、，。")
            if number is None or len(text) < 4 or text.startswith(_NOT_A_DEFINITION_START):
                continue
            found.setdefault(number, text)
    return found


def grid_of(table: S.Table) -> list[dict[int, S.Cell]]:
    """Per data row, grid column → the cell covering it (a merged cell repeats in the rows it spans)."""
    grid: list[dict[int, S.Cell]] = [dict() for _ in table.rows]
    for r, row in enumerate(table.rows):
        for cell in row:
            for rr in range(r, min(len(table.rows), r + cell.row_span)):
                for cc in range(cell.col, cell.col + cell.col_span):
                    grid[rr][cc] = cell
    return grid


@dataclass(frozen=True)
class FoundProcedure:
    procedure: S.Procedure
    row: int  # index in the table's rows
    items_column: str  # the header of the column that lists the items
    items_raw: str  # that cell as printed, for classification


def procedures_of(table: S.Table, lines: list[str]) -> list[FoundProcedure]:
    """Every row of a procedures table, with where its item list stands. ``items`` hold the raw
    listed text unclassified; the classification stage fills them."""
    if not table.header:
        return []
    roles = column_roles(table.header)
    if roles is None:
        return []
    definitions = ground_definitions(lines)
    out = []
    department = None  # a department written once for the rows it groups (a merge a text export lost)
    for index, row in enumerate(grid_of(table)):
        def text(role: str) -> str:
            cell = row.get(roles[role]) if role in roles else None
            return cell.text if cell else ""

        def raw(role: str) -> str:
            cell = row.get(roles[role]) if role in roles else None
            return cell.raw if cell else ""

        name = text("name").replace("\n", "")
        if not name:
            continue
        grounds_cell = text("grounds")
        grounds = [n for n in (circled_number_to_int(c) for c in _CIRCLED.findall(grounds_cell)) if n]
        grounds_text = {str(n): definitions[n] for n in grounds if n in definitions}
        meaning = " ".join([grounds_cell] + list(grounds_text.values()))
        no = text("no").strip()
        department = text("department").replace("\n", "") or department
        procedure = S.Procedure(
            no=int(no) if no.isdigit() else None, department=department,
            name=name, items=[], grounds=grounds, grounds_text=grounds_text,
            estimated_count=parse_count(grounds_cell),
            uses_mynumber_card=bool(re.search(r"マイナンバーカード|個人番号カード", meaning)),
            online_payment="決済" in meaning)
        out.append(FoundProcedure(procedure, index, table.header[roles["items"]], raw("items")))
    return out
