"""Protection checklists: every measure with its party, kind, group, mark and what the mark means.

A table is a checklist when it has a column of marks and its legend (``対策が可能であれば「○」…``),
its group labels or the caption above it say what the measures are. Columns are found by what
they hold, not by position: the marks (short glyphs), the measures (the long texts), a No column
(numbers) and a group column (labels, often merged down). Who takes the measures and of what kind
comes from the labels by meaning (``extractor/vocabulary.py``): a label in a merged column or on
the right, a row of its own across the table (``【運用上の対策】``), or the caption or heading above
(``市が行う情報保護対策``). An empty group cell (a text export's trace of a merge) continues the
group above. Marks are read through the legend when there is one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import schema as S
from .. import vocabulary as V
from ..char_classes import CHECKS, CIRCLES, CROSSES, DASHES, EMPTY_BOXES, LATIN_CROSSES, TRIANGLES, is_mark_text

_LEGEND = re.compile(r"「(.{1,2})」")

# Marks of the same meaning, so a legend's 「-」 reads a cell's ｢－｣ and 「○」 a ◯ or 〇 (and an x a ×).
_CIRCLES, _DASHES, _CROSSES = CIRCLES, DASHES, CROSSES + LATIN_CROSSES
_CHECKS, _EMPTY_BOXES = CHECKS, EMPTY_BOXES


def mark_class(mark: str) -> str | None:
    mark = mark.strip()
    if not mark:
        return ""
    for name, chars in (("circle", _CIRCLES), ("dash", _DASHES), ("cross", _CROSSES), ("check", _CHECKS),
                        ("box", _EMPTY_BOXES), ("triangle", TRIANGLES)):
        if all(ch in chars for ch in mark):
            return name
    return None


_DEFAULT_STATUS = {"circle": "applies", "check": "applies", "dash": "not_needed", "cross": "not_applied",
                   "box": "unmarked", "": "unmarked", "triangle": "unknown"}  # △ means what its legend says


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
            status = status_named(clause)
            if status:
                legend[cls] = status
    return legend


def status_named(clause: str) -> str | None:
    """What a legend's clause or an answer column's header says: ``対策の必要がない`` → not_needed,
    ``実施しない`` / ``いいえ`` → not_applied, ``該当`` / ``はい`` / ``実施する`` → applies (tested in that
    order, so 非該当 is no 該当)."""
    words = V.vocabulary()["legend"]
    for status in ("not_needed", "not_applied", "applies"):
        if any(w in clause for w in words[status]):
            return status
    return None


def answer_columns(table: S.Table) -> dict[int, str]:
    """Columns that each stand for one answer (該当 | 非該当, はい | いいえ, 実施する | 実施しない), the mark
    set in the answer's column: {grid column: status}, when at least two columns so headed, with
    different answers, hold marks or nothing."""
    header = table.header or []
    found: dict[int, str] = {}
    for col, text in enumerate(header):
        text = (text or "").replace("\n", "").strip()
        if not text or len(text) > 8 or "対策" in text:
            continue
        cells = [c for row in table.rows for c in row if c.col == col]
        if not cells or not all(is_mark_text(c.text) for c in cells) or not any(mark_class(c.text) for c in cells):
            continue
        status = status_named(text)
        if status:
            found[col] = status
    return found if len(found) >= 2 and len(set(found.values())) >= 2 else {}


def party_of(group: str) -> str:
    return V.party_of(group) or "other"


def kind_of(group: str) -> str:
    return V.kind_of(group) or "other"


@dataclass
class ChecklistResult:
    entries: list[S.ChecklistEntry]
    warnings: list[S.Warning]


@dataclass
class _Columns:
    mark: int | None
    measure: int
    group: int | None


def _columns(table: S.Table, answers: dict[int, str]) -> _Columns | None:
    """Which grid column holds the marks, the measures and the group labels, by what they hold.
    With ``answers`` (a column per answer), the marks are theirs and ``mark`` is the first of them."""
    by_col: dict[int, list[S.Cell]] = {}
    for row in table.rows:
        filled = [c for c in row if c.text.strip()]
        if len(filled) < 2 and not any(is_mark_text(c.text) and c.text.strip() for c in filled):
            continue  # a label or legend row across the table says nothing of the columns
        for c in row:
            if c.col not in answers:
                by_col.setdefault(c.col, []).append(c)
    if not by_col:
        return None
    marks, numbers, lengths = {}, set(), {}
    for col, cells in by_col.items():
        texts = [c.text.strip() for c in cells]
        filled = [t for t in texts if t]
        if filled and all(t.isdigit() for t in filled):
            numbers.add(col)
            continue
        if texts and sum(1 for t in texts if is_mark_text(t)) >= 0.8 * len(texts) and any(filled):
            marks[col] = sum(1 for t in filled if mark_class(t))
        lengths[col] = sum(len(t) for t in texts) / max(1, len(texts))
    mark = max(marks, key=lambda c: (marks[c], -c)) if marks else None
    if answers:
        mark = min(answers)
    elif mark is None:
        empty = [col for col, cells in by_col.items() if col not in numbers and not any(c.text.strip() for c in cells)]
        mark = empty[0] if empty else None  # a column of marks nobody filled in
    candidates = [c for c in lengths if c != mark]
    if not candidates:
        return None
    labels = {c for c in candidates if all(V.is_group_label(x.text) for x in by_col[c] if x.text.strip())}
    candidates = [c for c in candidates if c not in labels] or candidates
    # the measures: the column with the most filled cells (a merged group column has fewer), then the longest
    measure = max(candidates, key=lambda c: (sum(1 for x in by_col[c] if x.text.strip()), lengths[c]))
    rest = [c for c in by_col if c not in (mark, measure) and c not in numbers]
    group = next((c for c in rest if any(V.is_group_label(x.text) for x in by_col[c])), None)
    if group is None:
        group = next((c for c in rest if any(x.row_span > 1 for x in by_col[c])), None)
    return _Columns(mark, measure, group)


class _Group:
    """The current party, kind and label, updated by each label met."""

    def __init__(self, labels_above: list[str]):
        self.party = self.kind = None
        self.label = ""
        for text in labels_above:  # nearest last
            self.update(text, from_above=True)

    def update(self, label: str, from_above: bool = False):
        label = label.replace("\n", "")
        party, kind = V.party_of(label), V.kind_of(label)
        if party is None and kind is None and from_above:
            return
        if party is not None:
            self.party, self.kind = party, kind
        elif kind is not None:
            self.kind = kind
        if not from_above or party is not None or kind is not None:
            self.label = label


def checklist_of(table: S.Table, context: list[str], labels_above: list[str] | None = None) -> ChecklistResult | None:
    """Entries of a checklist table, or None when the table is not a checklist.

    ``context`` holds nearby text (the caption's section) where a legend may stand outside the table;
    ``labels_above`` the caption and headings above it, nearest last, where a party or kind may be named.
    """
    header = table.header or []
    answers = answer_columns(table)
    legend = legend_of(header + context)
    above = [t for t in (labels_above or []) if t]
    columns = _columns(table, answers)
    if columns is None or columns.mark is None:
        return None
    # a table per kind names it as its measures' header (運用上の対策 | チェック, システム面 | 確認)
    head = (header[columns.measure] if columns.measure < len(header) else "") or ""
    head = head.replace("\n", "").strip()
    header_labels = [head] if head and (V.is_group_label(head) or (len(head) <= 12 and V.kind_of(head))) else []
    lone = [filled[0].text for row in table.rows if len(filled := [c for c in row if c.text.strip()]) == 1]
    labelled = any(V.is_group_label(t) for t in lone) or any(
        V.is_group_label(c.text) for row in table.rows for c in row if c.col != columns.measure)
    named_above = any(V.party_of(t) or V.kind_of(t) for t in above)
    if not (legend or legend_of(lone) or labelled or answers or header_labels
            or (named_above and any(mark_class(c.text) for r in table.rows for c in r))):
        return None
    group = _Group(above)
    for label in header_labels:
        group.update(label)
    entries: list[S.ChecklistEntry] = []
    warnings: list[S.Warning] = []
    for r, row in enumerate(table.rows):
        filled = [c for c in row if c.text.strip()]
        if not filled:
            continue
        if len(filled) == 1:
            lone = filled[0]
            if legend_of([lone.text]) and not V.is_group_label(lone.text):
                legend.update(legend_of([lone.text]))  # a legend row inside the table
                continue
            if not is_mark_text(lone.text) and (lone.col_span > 1 or V.is_group_label(lone.text)
                                                 or lone.col not in (columns.measure, columns.mark)):
                group.update(lone.text)  # a label row: 【運用上の対策】, 委託先に行わせる情報保護対策 …
                continue
        if legend_of([c.text for c in row]) and not any(V.is_group_label(c.text) for c in row):
            legend.update(legend_of([c.text for c in row]))
            continue
        cell_at = {c.col: c for c in row}
        if columns.group is not None and cell_at.get(columns.group) and cell_at[columns.group].text.strip():
            group.update(cell_at[columns.group].text)
        measure_cell = cell_at.get(columns.measure)
        if measure_cell is None or not measure_cell.text.strip():
            continue
        if answers:
            mark, status = _answered(cell_at, answers)
            entries.append(S.ChecklistEntry(
                party=group.party or "other", kind=group.kind or "other", group=group.label,
                measure=measure_cell.text, raw_measure=measure_cell.raw, mark=mark, status=status, page=table.page,
                location={"table": table.id, "row": r}))
            continue
        mark_cell = cell_at.get(columns.mark)
        mark = mark_cell.raw.strip() if mark_cell else ""
        cls = mark_class(mark)
        if cls is None:
            status = "unknown"
            warnings.append(S.Warning(code="unknown_mark", page=table.page,
                                      message=f"checklist mark {mark!r} is not one the legend or the tool knows"))
        else:
            status = legend.get(cls) or _DEFAULT_STATUS[cls]
            if status == "unknown":  # △ with no legend to say what a partial answer counts as
                warnings.append(S.Warning(code="unknown_mark", page=table.page,
                                          message=f"checklist mark {mark!r} is a partial answer no legend explains"))
        entries.append(S.ChecklistEntry(
            party=group.party or "other", kind=group.kind or "other", group=group.label,
            measure=measure_cell.text, raw_measure=measure_cell.raw, mark=mark, status=status, page=table.page,
            location={"table": table.id, "row": r}))
    return ChecklistResult(entries, warnings) if entries else None


def _answered(cell_at: dict[int, S.Cell], answers: dict[int, str]) -> tuple[str, str]:
    """(the mark as printed, its status) of a row whose answer is the column its mark stands in:
    none marked → unmarked, more than one → unknown."""
    marked = [(col, cell_at[col].raw.strip()) for col in sorted(answers)
              if col in cell_at and mark_class(cell_at[col].text) not in ("", None, "box")]
    if len(marked) == 1:
        return marked[0][1], answers[marked[0][0]]
    if not marked:
        return "", "unmarked"
    return "".join(mark for _, mark in marked), "unknown"
