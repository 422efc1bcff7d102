"""Protection checklists: every measure with its party, kind, group, mark and what the mark means.

A table is a checklist when its legend (``対策が可能であれば「○」…``) or its group labels
(``区が行う情報保護対策【運用上の対策】``, ``委託先に行わせる…【システム上の対策】``) say so. The group
label may sit in a merged first column or in a row of its own; an empty first cell (a text export's
trace of a merge) continues the group above. Marks are read through the legend when there is one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import schema as S

_SELF = re.compile(r"(区|市|町|村|都|道|府|県|本区|本市|当区|当市|実施機関)が(行う|講じる|実施する)")
_COUNTERPARTY = re.compile(r"(結合先|委託先|提供先|受託者|受託事業者|相手方|事業者|指定管理者|受領者)(に|が)(行わせる|講じさせる|行う|講じる)")
_OPERATIONAL = re.compile(r"運用|管理的|人的|物理的|組織的")
_TECHNICAL = re.compile(r"システム|技術的|技術")
_LEGEND = re.compile(r"「(.{1,2})」")

# Marks of the same meaning, so a legend's 「-」 reads a cell's ｢－｣ and 「○」 a ◯ or 〇.
_CIRCLES, _DASHES, _CROSSES = "○◯〇●", "－-ー―‐−‑–—", "×✗✕╳xX"
_CHECKS, _EMPTY_BOXES = "✓✔☑☒■", "☐□"


def mark_class(mark: str) -> str | None:
    mark = mark.strip()
    if not mark:
        return ""
    for name, chars in (("circle", _CIRCLES), ("dash", _DASHES), ("cross", _CROSSES), ("check", _CHECKS),
                        ("box", _EMPTY_BOXES)):
        if all(ch in chars for ch in mark):
            return name
    return None


_DEFAULT_STATUS = {"circle": "applies", "check": "applies", "dash": "not_needed", "cross": "not_applied",
                   "box": "unmarked", "": "unmarked"}


def legend_of(texts: list[str]) -> dict[str, str]:
    """``対策が可能であれば「○」、対策の必要がない場合は「-」`` → {"circle": applies, "dash": not_needed}.

    Each mark is read with the clause just before it (back to the previous mark or bullet), so
    ``実施するものに「◯」、実施しないものに「×」`` gives ◯ → applies and × → not_applied.
    """
    legend: dict[str, str] = {}
    for text in texts:
        start = 0
        for m in _LEGEND.finditer(text):
            clause = re.split(r"[\n・]", text[start:m.start()])[-1]
            start = m.end()
            cls = mark_class(m.group(1))
            if not cls:
                continue
            if re.search(r"必要がない|必要のない|不要|該当しない|対象外", clause):
                legend[cls] = "not_needed"
            elif re.search(r"できない|しない|行わない|未実施|講じない|ない", clause):
                legend[cls] = "not_applied"
            elif re.search(r"可能|実施|講じ|該当|行う|対応|する", clause):
                legend[cls] = "applies"
    return legend


def party_of(group: str) -> str:
    if _COUNTERPARTY.search(group):
        return "counterparty"
    if _SELF.search(group):
        return "self"
    return "other"


def kind_of(group: str) -> str:
    if _TECHNICAL.search(group):
        return "technical"
    if _OPERATIONAL.search(group):
        return "operational"
    return "other"


def is_group_label(text: str) -> bool:
    return bool(_SELF.search(text) or _COUNTERPARTY.search(text)) or bool(
        re.search(r"【[^】]*(対策|措置)】", text))


@dataclass
class ChecklistResult:
    entries: list[S.ChecklistEntry]
    warnings: list[S.Warning]


def checklist_of(table: S.Table, context: list[str]) -> ChecklistResult | None:
    """Entries of a checklist table, or None when the table is not a checklist.

    ``context`` holds nearby text (the caption's section) where a legend may stand outside the table.
    """
    header = table.header or []
    legend = legend_of(header + context)
    first_cells = [row[0].text for row in table.rows if row and row[0].col == 0]
    if not legend and not any(is_group_label(t) for t in first_cells):
        return None
    n_cols = max([cell.col + cell.col_span for row in table.rows for cell in row] + [len(header)])
    entries: list[S.ChecklistEntry] = []
    warnings: list[S.Warning] = []
    group = ""
    for row in table.rows:
        cells = [c for c in row if c.text or c.raw]
        # a group row: one label across the table, or a lone label cell
        if len(row) == 1 and (row[0].col_span == n_cols or is_group_label(row[0].text)):
            group = row[0].text.replace("\n", "")
            continue
        if legend_of([c.text for c in row]) and not any(is_group_label(c.text) for c in row):
            legend.update(legend_of([c.text for c in row]))  # a legend row inside the table
            continue
        rest = list(row)
        if row and row[0].col == 0 and n_cols >= 3:
            label = row[0].text.replace("\n", "")
            if label:
                group = label
            rest = row[1:]
        if not cells or not rest:
            continue
        # the measure is the longest text; the mark is a short cell beside it
        measure_cell = max(rest, key=lambda c: len(c.text))
        mark_cells = [c for c in rest if c is not measure_cell and len(c.text) <= 3]
        mark = mark_cells[0].raw.strip() if mark_cells else ""
        if not measure_cell.text:
            continue
        cls = mark_class(mark)
        if cls is None:
            status = "unknown"
            warnings.append(S.Warning(code="unknown_mark", page=table.page,
                                      message=f"checklist mark {mark!r} is not one the legend or the tool knows"))
        else:
            status = legend.get(cls) or _DEFAULT_STATUS[cls]
        entries.append(S.ChecklistEntry(
            party=party_of(group), kind=kind_of(group), group=group, measure=measure_cell.text,
            raw_measure=measure_cell.raw, mark=mark, status=status, page=table.page))
    return ChecklistResult(entries, warnings) if entries else None
