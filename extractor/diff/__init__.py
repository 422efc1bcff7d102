"""Submission × Submission → SubmissionDiff: what changed, and what changed without being marked.

Aligned by meaning, not position (design notes, "Diff"): fields by key, procedures by name (then
their attributes, then their items by subject and item), checklist entries by party, kind and
measure (fuzzy when reworded), other tables by caption and header, then rows. Text edits are
morpheme segments (SudachiPy), never whole sentences for a one-word edit. Each change is then
held against the new version's own marking (``marked``); unmarked changes are the finding a
secretariat most needs, and marked passages where nothing changed are the second.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict

from .. import schema as S
from ..vocabulary import vocabulary
from .segments import text_segments

FUZZY_MATCH = 0.6  # a reworded measure or a renamed procedure still pairs above this similarity


def escape(key: str) -> str:
    """A key as a path segment, as in JSON Pointer: ``~`` → ``~0``, ``/`` → ``~1``."""
    return key.replace("~", "~0").replace("/", "~1")


def _compact(text: str) -> str:
    return re.sub(r"[\s、。，・：；（）「」【】()]", "", text or "")


class _Marks:
    """The new version's marking, looked up by field and by table row."""

    def __init__(self, new: S.Submission):
        # styles are known where any field or cell could say, or where a styled document declares its marking
        self.known = any(f.marked is not None for f in new.fields) or any(
            c.marked is not None for t in new.tables for row in t.rows for c in row) or (
            new.change_marking is not None and new.source.format != "text")
        self.by_field: dict[str, list[str]] = defaultdict(list)
        self.by_row: dict[tuple[str, int], list[str]] = defaultdict(list)
        self.by_section: dict[str | None, list[str]] = defaultdict(list)
        measures = {(e.location.get("table"), e.location.get("row")): e for e in new.checklist}
        self.marked_mark_cells: dict[tuple, bool] = {}
        for t in new.tables:
            for r, row in enumerate(t.rows):
                entry = measures.get((t.id, r))
                if entry is not None:
                    self.marked_mark_cells[(t.id, r)] = any(
                        c.marked and c.raw.strip() == entry.mark.strip() for c in row)
        for span in new.marked_changes:
            loc = span.location
            if loc.get("field"):
                self.by_field[loc["field"]].append(span.text)
            if loc.get("table"):
                self.by_row[(loc["table"], loc["row"])].append(span.text)
            if not loc.get("field") and not loc.get("table"):
                self.by_section[loc.get("section")].append(span.text)

    def mark_cell(self, entry: S.ChecklistEntry) -> bool | None:
        """The new mark's own cell carries the declared emphasis (a glyph is no passage, so its cell says)."""
        if not self.known:
            return None
        return bool(entry.mark.strip()) and self.marked_mark_cells.get(
            (entry.location.get("table"), entry.location.get("row")), False)

    def covers(self, text: str, spans: list[str]) -> bool | None:
        """All of ``text`` lies in marked passages (punctuation, spaces and joining words aside)."""
        if not self.known:
            return None
        return bool(_compact(text)) and _marked_whole(text, spans)

    def covers_each(self, pieces: list[str], spans: list[str]) -> bool | None:
        """Each piece lies in a marked passage: a procedure's name and each of its items, as read — an
        item's text is not always the printed words in order (登録者の被保険者番号 listed under its
        subject reads 被保険者番号), so the pieces joined need not be a passage."""
        if not self.known:
            return None
        compact_spans = [_compact(s) for s in spans]
        return any(_compact(p) for p in pieces) and all(
            not _compact(p) or any(_compact(p) in span for span in compact_spans) or _marked_whole(p, spans)
            for p in pieces)

    def inserts_marked(self, segments: list[S.Segment], spans: list[str], new_text: str = "") -> bool | None:
        """Every inserted segment lies in a marked passage (a joining word such as 及び beside a marked
        addition aside). A change that only deletes is marked when the text it leaves is marked whole
        (the author marked the shortened passage); otherwise it is not."""
        if not self.known:
            return None
        inserted = [s.text for s in segments if s.op == "insert" and _compact(s.text)]
        if not inserted:
            return bool(new_text) and self.covers(new_text, spans)
        compact_spans = [_compact(s) for s in spans]
        return all(any(_compact(t) in span for span in compact_spans) or _marked_whole(t, spans)
                   for t in inserted)


class _Differ:
    def __init__(self, old: S.Submission, new: S.Submission):
        self.old, self.new = old, new
        self.marks = _Marks(new)
        self.changes: list[S.Change] = []
        # where in the new version the change being made stands: ("field", key) or ("row", table, row)
        self.place: tuple | None = None
        self.touched: set[tuple] = set()

    def add(self, path, kind, old, new, *, segments=(), marked=None):
        if kind != "removed" and self.place is not None:
            self.touched.add(self.place)
        if kind == "removed" and self.marks.known:
            marked = False  # a removal is never marked: the new version has nothing to mark
        self.changes.append(S.Change(path=path, kind=kind, old=old, new=new, segments=list(segments),
                                     marked=marked))

    def modified_text(self, path: str, old: str, new: str, spans: list[str]):
        segments = text_segments(old, new)
        self.add(path, "modified", old, new, segments=segments, marked=self.marks.inserts_marked(segments, spans, new))

    # -- fields ------------------------------------------------------------------------------

    def fields(self):
        def keyed(fields):
            seen: Counter = Counter()
            out = {}
            for f in fields:
                seen[f.key] += 1
                out[f.key if seen[f.key] == 1 else f"{f.key}#{seen[f.key]}"] = f
            return out

        old, new = keyed(self.old.fields), keyed(self.new.fields)
        for key, f in new.items():
            path = f"fields/{escape(key)}"
            self.place = ("field", f.key)
            if key not in old:
                self.add(path, "added", None, f.value, marked=self.marks.covers(f.value, self.marks.by_field[f.key]))
            elif old[key].value != f.value:
                self.modified_text(path, old[key].value, f.value, self.marks.by_field[f.key])
        for key, f in old.items():
            if key not in new:
                self.add(f"fields/{escape(key)}", "removed", f.value, None)

    # -- procedures --------------------------------------------------------------------------

    def _rows(self, sub: S.Submission) -> dict[str, tuple[str, int]]:
        return {lst.procedure: (lst.location["table"], lst.location["row"])
                for lst in sub.personal_data if lst.procedure and "table" in lst.location}

    def procedures(self):
        old = {p.name: p for p in self.old.procedures}
        new = {p.name: p for p in self.new.procedures}
        pairs = _pair_fuzzy([n for n in old if n not in new], [n for n in new if n not in old])
        rows = self._rows(self.new)
        renamed_to = {b: a for a, b in pairs}
        for name, p in new.items():
            spans = self.marks.by_row.get(rows.get(name, ("", -1)), [])
            self.place = ("row",) + rows[name] if name in rows else None
            base = f"procedures/{escape(name)}"
            if name not in old and name not in renamed_to:
                self.add(base, "added", None, name, marked=self.marks.covers_each([name] + [i.text for i in p.items], spans))
                continue
            before = old.get(name) or old[renamed_to[name]]
            if before.name != name:
                self.modified_text(f"{base}/name", before.name, name, spans)
            for attribute in ("no", "department", "grounds", "estimated_count", "uses_mynumber_card", "online_payment"):
                a, b = _attr(before, attribute), _attr(p, attribute)
                if a != b:
                    marked = self.marks.covers(b, spans) if b else False
                    if attribute == "estimated_count" and p.estimated_count is not None and self.marks.known:
                        marked = any(f"{p.estimated_count:,}" in s or str(p.estimated_count) in s for s in spans)
                    # the edit as segments too (``1,3`` → ``1,2,3``): a modified value never has none
                    self.add(f"{base}/{attribute}", "modified", a, b, segments=text_segments(a or "", b or ""),
                             marked=marked)
            self.items(base, before.items, p.items, spans)
        for name, p in old.items():
            if name not in new and name not in dict(pairs):
                self.add(f"procedures/{escape(name)}", "removed", name, None)

    def items(self, base: str, old_items, new_items, spans):
        def keyed(items):
            seen: Counter = Counter()
            out = {}
            for i in items:
                k = (i.subject or "_", i.item)
                seen[k] += 1
                out[k if seen[k] == 1 else (k[0], f"{k[1]}#{seen[k]}")] = i
            return out

        def etc(items) -> bool:
            return bool(items) and list(items[-1].qualifiers)[-1:] == ["等"] and items[-1].text.endswith("等")

        # a trailing 等 qualifies the list, not its last item: an item added after it carries it on
        # (続柄等 → 続柄、障害の有無等) and the item it left is not modified; the list gaining or losing it is
        old_etc, new_etc = etc(old_items), etc(new_items)
        carrier = {id(old_items[-1]) if old_etc else None, id(new_items[-1]) if new_etc else None}

        def as_listed(i) -> str:
            return i.text[:-1] if id(i) in carrier and old_etc == new_etc else i.text

        old, new = keyed(old_items), keyed(new_items)
        for (subject, item), i in new.items():
            path = f"{base}/items/{escape(subject)}/{escape(item)}"
            if (subject, item) not in old:
                self.add(path, "added", None, i.text, marked=self.marks.covers(i.text, spans))
            elif as_listed(old[(subject, item)]) != as_listed(i):
                self.modified_text(path, old[(subject, item)].text, i.text, spans)
        for (subject, item), i in old.items():
            if (subject, item) not in new:
                self.add(f"{base}/items/{escape(subject)}/{escape(item)}", "removed", i.text, None)

    # -- checklist ---------------------------------------------------------------------------

    def checklist(self):
        groups_old, groups_new = defaultdict(list), defaultdict(list)
        for e in self.old.checklist:
            groups_old[(e.party, e.kind)].append(e)
        for e in self.new.checklist:
            groups_new[(e.party, e.kind)].append(e)
        for group in list(dict.fromkeys(list(groups_new) + list(groups_old))):
            old = {e.measure: e for e in groups_old.get(group, [])}
            new = {e.measure: e for e in groups_new.get(group, [])}
            base = f"checklist/{group[0]}/{group[1]}"
            pairs = dict(_pair_entries(list(old), list(new)))
            reworded = {b: a for a, b in pairs.items()}
            for measure, e in new.items():
                path = f"{base}/{escape(measure)}"
                # an entry knows its row: a change to it is marked when that row's changed cells are
                spans = self.marks.by_row.get((e.location.get("table"), e.location.get("row")), [])
                self.place = ("row", e.location.get("table"), e.location.get("row"))
                before = old.get(measure) or old.get(reworded.get(measure, ""))
                if before is None:
                    self.add(path, "added", None, measure, marked=self.marks.covers(measure, spans))
                elif before.measure != measure or before.mark != e.mark or before.status != e.status:
                    self.entry_modified(path, before, e, spans)
            for measure in old:
                if measure not in new and measure not in pairs:
                    self.add(f"{base}/{escape(measure)}", "removed", measure, None)

    def entry_modified(self, path: str, before: S.ChecklistEntry, e: S.ChecklistEntry, spans: list[str]):
        """One change per entry, at the measure's path (as the contract names it), its old and new text
        the entry as printed, mark then measure: a changed mark and a reworded measure are one change,
        marked when each part that changed is."""
        # the same glyph in another answer's column (該当 | 非該当): the answer changed, so it is printed
        answered = before.mark == e.mark and before.status != e.status
        old_text, new_text = _entry_text(before, answered), _entry_text(e, answered)
        marked = None
        if self.marks.known:
            marked = True
            if before.measure != e.measure:
                segments = text_segments(before.measure, e.measure)
                marked = bool(self.marks.inserts_marked(segments, spans, e.measure))
            if before.mark != e.mark or answered:
                # marked by emphasis on the new glyph, or by the whole measure marked (the row flagged)
                marked = marked and bool(self.marks.mark_cell(e) or self.marks.covers(e.measure, spans))
        self.add(path, "modified", old_text, new_text, segments=text_segments(old_text, new_text), marked=marked)

    # -- other tables ------------------------------------------------------------------------

    def _other_tables(self, sub: S.Submission) -> list[S.Table]:
        procedure_tables = {lst.location["table"] for lst in sub.personal_data if "table" in lst.location}
        checklists = {e.location.get("table") for e in sub.checklist}
        out = []
        for t in sub.tables:
            key_value = t.header is None and all(len(r) == 2 and r[0].col == 0 for r in t.rows)
            checklist = t.id in checklists
            if not (key_value or checklist or t.id in procedure_tables):
                out.append(t)
        return out

    def tables(self):
        def key(t):
            return (t.caption, tuple(t.header or ()))

        old = {key(t): t for t in self._other_tables(self.old)}
        for t in self._other_tables(self.new):
            before = old.pop(key(t), None)
            rows_new = ["\t".join(c.text for c in r) for r in t.rows]
            rows_old = ["\t".join(c.text for c in r) for r in before.rows] if before else []
            matcher = difflib.SequenceMatcher(a=rows_old, b=rows_new, autojunk=False)
            for op, i1, i2, j1, j2 in matcher.get_opcodes():
                if op == "equal":
                    continue
                for k in range(max(i2 - i1, j2 - j1)):
                    i, j = i1 + k, j1 + k
                    self.place = ("row", t.id, j) if j < j2 else None
                    if i < i2 and j < j2:
                        self.modified_text(f"tables/{t.id}/rows/{j}", rows_old[i], rows_new[j],
                                           self.marks.by_row.get((t.id, j), []))
                    elif j < j2:
                        self.add(f"tables/{t.id}/rows/{j}", "added", None, rows_new[j],
                                 marked=self.marks.covers(rows_new[j], self.marks.by_row.get((t.id, j), [])))
                    else:
                        self.add(f"tables/{before.id}/rows/{i}", "removed", rows_old[i], None)
        for t in old.values():
            for i, r in enumerate(t.rows):
                self.add(f"tables/{t.id}/rows/{i}", "removed", "\t".join(c.text for c in r), None)

    # -- free text of sections ---------------------------------------------------------------

    def sections(self):
        """Each section's running text — its lines that are no field, no marking statement and no
        meeting header — aligned by heading, then sentence by sentence (a reworded sentence pairs
        by similarity and carries its morpheme edit)."""
        old, new = _free_text(self.old), _free_text(self.new)
        self.place = None
        # a renamed heading (【登録手続…】 → 【追加手続…】) is the same section: paired by similarity
        names = {h[0] or "": h for h in old if h not in new}
        for a, b in _pair_fuzzy(list(names), [h[0] or "" for h in new if h not in old]):
            renamed = next(h for h in new if (h[0] or "") == b and h not in old)
            old[renamed] = old.pop(names[a])
        for heading, new_sentences in new.items():
            base = f"sections/{escape(heading[0] or '')}" + (f"#{heading[1]}" if heading[1] > 1 else "")
            spans = self.marks.by_section[heading[0]]
            old_sentences = old.get(heading, [])
            matcher = difflib.SequenceMatcher(a=old_sentences, b=new_sentences, autojunk=False)
            for op, a0, a1, b0, b1 in matcher.get_opcodes():
                if op == "equal":
                    continue
                removed, added = old_sentences[a0:a1], new_sentences[b0:b1]
                pairs = _pair_fuzzy(removed, added)
                paired_old, paired_new = {a for a, _ in pairs}, {b for _, b in pairs}
                for a, b in pairs:
                    self.modified_text(f"{base}/{b0 + added.index(b)}", a, b, spans)
                for i, b in enumerate(added):
                    if b not in paired_new:
                        self.add(f"{base}/{b0 + i}", "added", None, b, marked=self.marks.covers(b, spans))
                for i, a in enumerate(removed):
                    if a not in paired_old:
                        self.add(f"{base}/{a0 + i}", "removed", a, None)
        for heading, old_sentences in old.items():
            if heading not in new:
                base = f"sections/{escape(heading[0] or '')}" + (f"#{heading[1]}" if heading[1] > 1 else "")
                for i, a in enumerate(old_sentences):
                    self.add(f"{base}/{i}", "removed", a, None)

    # -- marked passages where nothing changed -----------------------------------------------

    def marked_unchanged(self) -> list[S.MarkedSpan]:
        """Marked passages of the new version in no place a change touched: a field or a table row
        that changed; a passage in running text, where no inserted text lies in it."""
        self.place = None
        changed_text = [_compact(s.text) for c in self.changes for s in c.segments if s.op == "insert"]
        changed_text += [_compact(c.new) for c in self.changes if c.kind == "added" and c.new]
        out = []
        for span in self.new.marked_changes:
            loc = span.location
            if loc.get("field") is not None:
                touched = ("field", loc["field"]) in self.touched
            elif loc.get("table") is not None:
                touched = ("row", loc["table"], loc.get("row")) in self.touched
            else:
                text = _compact(span.text)
                touched = any(text in t or (t and t in text) for t in changed_text if t)
            if not touched:
                out.append(span)
        return out


_HEADER_LINE = re.compile(r"第\s*\d+\s*回.*(資料\s*\d+|開催|承認済)|^資料\s*\d+$")


def _free_text(sub: S.Submission) -> dict[tuple[str | None, int], list[str]]:
    """(heading, occurrence) → the sentences of the section's running text."""
    from ..structure import labelled_line

    statement = sub.change_marking.statement if sub.change_marking else None
    fields = {(f.section, f.key) for f in sub.fields}
    out: dict[tuple[str | None, int], list[str]] = {}
    seen: Counter = Counter()
    for section in sub.sections:
        seen[section.heading] += 1
        sentences = []
        for line in _statements(section.text):
            labelled = labelled_line(line)
            if (not line or line == statement or _HEADER_LINE.search(line)
                    or (labelled and (section.heading, labelled[0]) in fields)):
                continue
            sentences += [s for s in re.split(r"(?<=。)", line) if s.strip()]
        if sentences:
            out[(section.heading, seen[section.heading])] = sentences
    return out


def _statements(text: str) -> list[str]:
    """A section's lines, a bracketed statement broken over lines (``（担当部課：…、`` / ``…課）``) one line
    again, with its break, as the field it is."""
    from ..structure.continuation import open_brackets

    out: list[str] = []
    for line in text.split("\n"):
        line = line.strip()
        if out and open_brackets(out[-1]) and line:
            out[-1] = out[-1] + "\n" + line
        else:
            out.append(line)
    return out


def _attr(p: S.Procedure, attribute: str) -> str | None:
    value = getattr(p, attribute)
    if value is None:
        return None
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _pair_fuzzy(old: list[str], new: list[str]) -> list[tuple[str, str]]:
    """Old and new texts that are the same thing reworded: best pairs above FUZZY_MATCH, greedily."""
    scored = sorted(((difflib.SequenceMatcher(a=a, b=b, autojunk=False).ratio(), a, b) for a in old for b in new),
                    reverse=True)
    used_a, used_b, pairs = set(), set(), []
    for score, a, b in scored:
        if score >= FUZZY_MATCH and a not in used_a and b not in used_b:
            pairs.append((a, b))
            used_a.add(a)
            used_b.add(b)
    return pairs


REWRITE_IN_PLACE = 0.35  # an entry rewritten where it stood (a clause dropped or recast) pairs above this


def _pair_entries(old: list[str], new: list[str]) -> list[tuple[str, str]]:
    """Old and new measures that are one entry reworded: anywhere above FUZZY_MATCH, or rewritten in
    place — in the same position between unchanged neighbours, one for one, sharing enough wording
    (above REWRITE_IN_PLACE). A measure dropped and another added elsewhere stay apart."""
    gone = [a for a in old if a not in new]
    came = [b for b in new if b not in old]
    pairs = _pair_fuzzy(gone, came)
    free_a, free_b = set(gone) - {a for a, _ in pairs}, set(came) - {b for _, b in pairs}
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op != "replace" or i2 - i1 != j2 - j1:
            continue
        for a, b in zip(old[i1:i2], new[j1:j2]):
            if a in free_a and b in free_b and \
                    difflib.SequenceMatcher(a=a, b=b, autojunk=False).ratio() >= REWRITE_IN_PLACE:
                pairs.append((a, b))
                free_a.discard(a)
                free_b.discard(b)
    return pairs


# What an answer means, for an entry whose glyph stayed while its column changed.
_ANSWERS = {"applies": "該当", "not_applied": "非該当", "not_needed": "不要", "unmarked": "無記入", "unknown": "不明"}


def _entry_text(e: S.ChecklistEntry, answered: bool = False) -> str:
    mark = f"{e.mark}（{_ANSWERS[e.status]}）" if answered else e.mark
    return f"{mark} {e.measure}".strip() if mark and mark.strip() else e.measure


def _marked_whole(text: str, spans: list[str]) -> bool:
    """``text`` lies in the marked ``spans``: what is left outside them is only punctuation, spaces and
    joining words (及び, 又は …; ``models/vocabulary.json`` diff.connectives), and some of it is marked
    (a joining word added alone is an unmarked change)."""
    whole = _compact(text)
    rest = whole
    for span in sorted((_compact(s) for s in spans), key=len, reverse=True):
        if span:
            rest = rest.replace(span, "")
    if rest == whole:
        return not whole
    for word in sorted(vocabulary()["diff"]["connectives"], key=len, reverse=True):
        rest = rest.replace(word, "")
    return not rest


def diff(old: S.Submission, new: S.Submission) -> S.SubmissionDiff:
    """Every difference between two versions of a submission, held against the new one's marking."""
    d = _Differ(old, new)
    d.fields()
    d.procedures()
    d.checklist()
    d.tables()
    d.sections()
    changes = [c for c in d.changes if c.kind != "modified"] + [c for c in d.changes if c.kind == "modified"]
    unmarked = [c.path for c in changes if c.marked is False] if d.marks.known else None
    marked_unchanged = d.marked_unchanged()
    counts = Counter(c.kind for c in changes)
    summary = S.DiffSummary(added=counts["added"], removed=counts["removed"], modified=counts["modified"],
                            unmarked=len(unmarked or []), marked_unchanged=len(marked_unchanged))
    return S.SubmissionDiff(generator=new.generator, old=old.source, new=new.source, changes=changes,
                            unmarked_changes=unmarked, marked_unchanged=marked_unchanged, summary=summary)
