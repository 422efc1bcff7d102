"""IR → Submission: sections, tables with captions, key–value fields, title, change marking, and the
call into classification for its lists of personal-data items.

Format-blind: the same decisions are taken on every reader's output, from the text (normalised)
and from what the reader knows of styles. Parts are recognised by meaning (labels, brackets,
numbering), never by page or row number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .. import schema as S
from ..char_classes import ITEM_START
from ..ir import Cell, Document, Paragraph, Run, Table, iter_paragraphs
from ..normalize import find_dates, normalize
from ..vocabulary import is_department_key, is_item_list_key, vocabulary, without_gloss
from .agenda import agenda_of, meeting_of
from .checklist import checklist_of
from .continuation import join_document_continuations
from .marking import Marking, detect_marking, is_glyph_only, marked_spans
from .item_tables import item_lists_of
from .procedures import column_roles, procedures_of
from .wraps import joined_lines

# -- headings ------------------------------------------------------------------------------------

_BRACKET_LABEL = re.compile(r"^【[^】]+】$")
_NUMBERED = re.compile(r"^(?:\d{1,2}[ .．)）]|[（(]\d{1,2}[)）]|第\d{1,2}[章節条])\s*\S")
_LABELLED_LINE = re.compile(r"^(?P<key>件[^\S\n]{0,4}名|別紙\d*)(?:[\s\u3000：:]+(?P<value>.+))?$", re.S)
# a short label spread with U+3000 or spaces between its characters (担　当　課, 件　　名; Chromium's
# text layer may give an em space, U+2003)
_LABEL_CHAR = r"[^：:。、\s()（）]"
_SPREAD_LABEL = rf"{_LABEL_CHAR}{{1,2}}(?:[^\S\n]{{1,4}}{_LABEL_CHAR}{{1,2}}){{1,5}}"
_NOT_HEADING_START = tuple("※◇◆・(（「『*＊-－①②③④⑤⑥⑦⑧⑨⑩")
_NOT_HEADING_END = ("とおり", "こと", "する", "します", "ます", "ある", "いる", "した", "。")


def heading_level(p: Paragraph, text: str) -> int | None:
    """The heading level of a top-level paragraph (1 major, 2 minor), or None for body text.

    The source's own outline level wins; otherwise headings are known by their shape: 【…】
    labels, numbered titles (``4 外部結合にかかる…``), ``件名 …`` / ``別紙`` lines, and short lines that
    are not sentences (``事業の概要``, ``要綱の根拠``).
    """
    if p.heading_level is not None:
        return min(p.heading_level, 3)
    if not text or "\n" in text or p.list_item:
        return None
    if _BRACKET_LABEL.match(text):
        return 2
    if _LABELLED_LINE.match(text):
        return 1
    if len(text) > 40 or "。" in text or text.startswith(_NOT_HEADING_START) or text.endswith(_NOT_HEADING_END):
        return None
    if _NUMBERED.match(text):
        return 2
    if "：" in text or ":" in text or "、" in text:
        return None
    return 1


# a page number written as page furniture: ``- 3 -``, ``2 / 5``, ``p. 3``, ``3ページ`` (a bare digit is not)
_PAGE_FURNITURE = re.compile(r"^(?:[-－‐―–—]\s*\d{1,4}\s*[-－‐―–—]|\d{1,4}\s*[/／]\s*\d{1,4}|[pP]\.?\s*\d{1,4}|\d{1,4}\s*(?:ページ|頁))$")
# a document's label as its page header prints it: 資料36, 資料4-2, 個人情報保護運営審議会資料
# (a meeting line, 令和7年度第2回…審議会資料3, is the document's own text: its numbers say so)
_DOCUMENT_LABEL = re.compile(r"^(?:資料\s*\d+(?:\s*[-－]\s*\d+)?|[^\d\s]{2,30}資料)$")
_TRAILING_NOTE = re.compile(r"[（(][^（）()]{1,20}[）)]$")


def is_cover_title(text: str, raw: str) -> bool:
    """A paragraph that names the agenda item as its title (``…に係る業務委託について（手続の追加）``):
    it ends in one of the vocabulary's title endings, a bracketed note after it allowed, and is one
    line, no sentence."""
    from .. import vocabulary as V

    if len(text) < 10 or "\n" in text or "。" in text or text.startswith(_NOT_HEADING_START) or labelled_line(raw):
        return False
    core = _TRAILING_NOTE.sub("", text)
    return core.endswith(tuple(V.vocabulary()["agenda_types"]["title_endings"]))


def labelled_line(raw: str) -> tuple[str, str] | None:
    """``件名 新たな…`` / ``（担当部課：…）`` / ``見出し：値`` → (key, raw value); else None."""
    raw = raw.strip()
    m = _LABELLED_LINE.match(raw)
    if m and m.group("value"):
        return _join_lines(m.group("key")), m.group("value").strip()
    inner = raw
    if len(raw) > 2 and raw[0] in "(（" and raw[-1] in ")）":
        inner = raw[1:-1]
    m = re.match(rf"^(?P<key>[^：:。、\s()（）]{{1,20}}|{_SPREAD_LABEL})[^\S\n]*[：:](?P<value>.+)$", inner, re.S)
    if m and not is_glyph_only(m.group("key")):  # ``◯：実施する対策`` is a legend, not a field
        key = m.group("key")
        return (_join_lines(key) if re.search(r"[^\S\n]", key) else key), m.group("value").strip()
    return None


# -- references and text helpers --------------------------------------------------------------

_REFERS = re.compile(r"(?:^|[、，,はも\s])(?P<target>[^、。，,\s]+?)(?:の|に記載の)?とおり。?$")


def refers_to(value: str) -> str | None:
    """``資料46-1のとおり`` → ``資料46-1``; ``別紙チェックリストのとおり`` → ``別紙チェックリスト``."""
    m = _REFERS.search(value.strip())
    if not m or "\n" in value.strip():
        return None
    target = m.group("target")
    return target or None


def _join_lines(text: str) -> str:
    """A label wrapped over lines is one label: lines joined (normalised again at the seam)."""
    return normalize("".join(text.split("\n"))) or ""


def _cell_raw(cell: Cell) -> str:
    return "\n".join(p.text for p in cell.paragraphs).strip()


def _cell_text(cell: Cell) -> str:
    """A cell's normalised text, its lines joined as :func:`.wraps.joined_lines` joins them."""
    return joined_lines("\n".join(p.text for p in cell.paragraphs))


# -- the walk ------------------------------------------------------------------------------------


@dataclass
class _Walk:
    marking: Marking
    sections: list[S.Section] = field(default_factory=list)
    fields: list[S.Field] = field(default_factory=list)
    tables: list[S.Table] = field(default_factory=list)
    spans: list[S.MarkedSpan] = field(default_factory=list)
    title: tuple[str, str] | None = None
    heading: str | None = None
    heading_page: int | None = None
    level: int = 0
    body: list[str] = field(default_factory=list)
    raw_body: list[str] = field(default_factory=list)  # the heading and the body's paragraphs as printed
    labels: list[str] = field(default_factory=list)  # 【…】 lines stacked right above a table
    recent_headings: list[str] = field(default_factory=list)  # the last few headings, nearest last
    above: dict[str, list[str]] = field(default_factory=dict)  # table id → headings above it, nearest last
    key_value: set[str] = field(default_factory=set)  # ids of the tables read as fields

    def close_section(self):
        text = "\n".join(self.body)
        if self.heading is not None or text:
            self.sections.append(S.Section(heading=self.heading, level=self.level,
                                           text=text, raw="\n".join(self.raw_body), page=self.heading_page))
        self.body = []
        self.raw_body = []

    def add_field(self, key: str, raw_value: str, section: str | None, runs: tuple[Run, ...], page):
        value = normalize(raw_value) or ""
        spans = marked_spans(runs, self.marking)
        self.fields.append(S.Field(
            key=key, value=value, raw_value=raw_value, section=section,
            marked=(bool(spans) if self.marking.known else None),
            marked_text=[joined_lines(t) for t, _ in spans], dates=find_dates(value), refers_to=refers_to(value)))
        for text, styles in spans:
            self.spans.append(S.MarkedSpan(text=joined_lines(text), styles=list(styles),
                                           location={"page": page, "section": section, "field": key}))
        if key == "件名" and self.title is None:
            self.title = (value, raw_value)

    def paragraph(self, p: Paragraph, page: int | None):
        parts = split_trailing_department(p)
        if len(parts) > 1:
            for part in parts:
                self.paragraph(part, page)
            return
        raw = p.text
        text = normalize(raw) or ""
        if not text:
            return
        if _PAGE_FURNITURE.match(text):
            return  # a page number the rendering kept in the flow (an HTML print, a text export): no text
        if (_DOCUMENT_LABEL.match(text) and self.heading is None and not self.body and not self.sections
                and not self.tables and self.title is None):
            return  # the page header an HTML print keeps once, at the top of the flow (資料36): furniture
        if self.title is None and not self.tables and is_cover_title(text, raw):
            self.title = (text, raw)  # the cover's heading is the title where no 件名 precedes it
        level = heading_level(p, text)
        labelled = labelled_line(raw)
        if level is not None:
            self.close_section()
            if labelled:  # ``件名 新たな…``: a field of the part it opens, and that part's heading
                key, value = labelled
                self.add_field(key, value, self.heading, _runs_after_label(p.runs, raw.find(value)), page)
                text = f"{key} {normalize(value)}"
            self.heading, self.level, self.heading_page = text, level, page
            self.raw_body = [raw.strip()]
            self.recent_headings = (self.recent_headings + [text])[-3:]
            self.labels = self.labels + [text] if _BRACKET_LABEL.match(text) else []
            return
        self.labels = []
        self.body.append(text)
        self.raw_body.append(raw.strip())
        if labelled:
            key, value = labelled
            self.add_field(_join_lines(key), value, self.heading, _runs_after_label(p.runs, raw.find(value)), page)
            return
        for span_text, styles in marked_spans(p.runs, self.marking):
            self.spans.append(S.MarkedSpan(text=normalize(span_text), styles=list(styles),
                                           location={"page": page, "section": self.heading, "field": None}))

    def table(self, t: Table, page: int | None, caption: str | None = None):
        caption = caption or (" ".join(self.labels) if self.labels else self.heading)
        self.labels = []
        table_id = f"t{len(self.tables) + 1}"
        self.above[table_id] = self.recent_headings + ([caption] if caption and caption not in self.recent_headings else [])
        index = len(self.tables)
        self.tables.append(None)  # reserve the id's place: nested tables come after their parent
        kv = is_key_value(t)
        header_rows = t.header_rows or (1 if not kv and _looks_like_header(t) else 0)
        header = header_texts(t) if header_rows else None
        rows = []
        for r, row in enumerate(t.rows[header_rows:]):
            out_row = []
            for cell in row:
                spans = [] if (kv and cell.col == 0) else marked_spans(_cell_runs(cell), self.marking)
                cell_marked = bool(spans) or (not (kv and cell.col == 0) and _glyph_emphasised(cell, self.marking))
                out_row.append(S.Cell(text=_cell_text(cell), raw=_cell_raw(cell),
                                      marked=(cell_marked if self.marking.known else None),
                                      row_span=cell.row_span, col_span=cell.col_span, col=cell.col))
                if not kv:
                    for text, styles in spans:  # a passage's lines joined as its cell's are
                        self.spans.append(S.MarkedSpan(text=joined_lines(text), styles=list(styles), location={
                            "page": page, "table": table_id, "row": r, "col": cell.col}))
                for block in cell.blocks:
                    if isinstance(block, Table):
                        self.table(block, page, caption)
            rows.append(out_row)
        self.tables[index] = S.Table(id=table_id, caption=caption, page=page, header=header, rows=rows)
        if kv:
            self.key_value.add(table_id)
            for row in t.rows:
                key_cell, value_cell = row[0], row[1]
                key = _join_lines(_cell_text(key_cell))
                runs = _cell_runs(value_cell)
                self.add_field(key, _cell_raw(value_cell), caption, runs, page)


def _cell_runs(cell: Cell) -> tuple[Run, ...]:
    """The runs of a cell's paragraphs with a line break between them that takes no style of its
    own: a passage marked across the break is one passage, whether the source broke the line
    inside a paragraph (a .docx line break) or between two (every line a PDF does not wrap)."""
    runs: list[Run] = []
    for p in cell.paragraphs:
        if runs and p.runs:
            runs.append(Run("\n"))
        runs.extend(p.runs)
    return tuple(runs)


def _glyph_emphasised(cell: Cell, marking: Marking) -> bool:
    """A cell holding only a mark glyph carries a declared style other than the typeface (bold, an
    underline, a colour, shading …): a changed mark."""
    text = _cell_text(cell)
    if not text or not is_glyph_only(text):
        return False
    runs = tuple(r for p in cell.paragraphs for r in p.runs)
    return any(set(marking.run_styles(r)) - {"gothic"} for r in runs if r.text.strip())


def split_trailing_department(p: Paragraph) -> tuple[Paragraph, ...]:
    """``根拠：…（目的外利用）（担当部課：…）`` → the basis line and the ``（担当部課：…）`` line.

    A bracketed department field is a line of its own wherever it stands: a PDF whose previous line
    left no room for its first characters cannot say whether it wrapped there, but no basis, title or
    sentence holds the departments that carry it out."""
    raw = p.text
    if not raw.rstrip().endswith(("）", ")")):
        return (p,)
    for m in _BRACKETED_FIELD.finditer(raw):
        if m.start() == 0 or not raw[:m.start()].strip() or raw[m.end():].strip():
            continue
        if not is_department_key(m.group("key")):
            continue
        before, after = _runs_between(p.runs, 0, m.start()), _runs_between(p.runs, m.start())
        return replace(p, runs=before), replace(p, runs=after, heading_level=None)
    return (p,)


_BRACKETED_FIELD = re.compile(r"[（(](?P<key>[^：:。、\s()（）]{1,20})[：:][^（()）]+[）)]")


def _runs_between(runs: tuple[Run, ...], start: int, end: int | None = None) -> tuple[Run, ...]:
    """The runs of a paragraph's visible characters from ``start`` up to ``end`` (the end when None);
    a tracked deletion goes with the characters after it."""
    out, pos = [], 0
    total = sum(len(r.text) for r in runs if not r.deleted)
    end = total if end is None else end
    for run in runs:
        if run.deleted:
            if start <= pos and (pos < end or end == total):
                out.append(run)
            continue
        stop = pos + len(run.text)
        lo, hi = max(start, pos), min(end, stop)
        if lo < hi:
            out.append(replace(run, text=run.text[lo - pos:hi - pos]))
        pos = stop
    return tuple(out)


def _runs_after_label(runs: tuple[Run, ...], start: int) -> tuple[Run, ...]:
    """The runs of a ``見出し：値`` line from character ``start`` on (the value's runs)."""
    return _runs_between(runs, start)


def header_texts(t: Table) -> list[str]:
    """One string per grid column: a header cell's text at its first column, "" where a span covers."""
    texts = [""] * t.n_cols
    for cell in t.rows[0]:
        texts[cell.col] = _header_text(_cell_text(cell))
    return texts


def _header_text(text: str) -> str:
    """A header label wrapped over lines is one label; a header holding a list (a legend of marks,
    ``・対策が可能であれば「○」`` / ``・対策の必要がない場合は「－」``) keeps a line per item."""
    out: list[str] = []
    for line in text.split("\n"):
        if out and not ITEM_START.match(line):
            out[-1] += line
        else:
            out.append(line)
    return "\n".join(_join_lines(line) for line in out)


def is_key_value(t: Table) -> bool:
    """Two columns, every row a short label beside a value: a key–value table. Not when the source
    marks a header row, nor when the first row names the columns of a procedures table
    (``取扱い個人情報の項目 | 手続名``): a two-column list of procedures is no list of fields; nor
    when it names two columns (``用語 | 説明``, ``models/vocabulary.json`` ``column_heads``)."""
    if t.n_cols != 2 or not t.rows or t.header_rows:
        return False
    first = [_join_lines(_cell_text(c)) for c in t.rows[0]]
    if column_roles(first) is not None:
        return False
    heads = vocabulary()["column_heads"]["words"]
    if len(t.rows) > 1 and all(text in heads for text in first):
        return False  # 用語 | 説明: a glossary's header, where a PDF keeps no header-row flag
    for row in t.rows:
        if len(row) != 2 or row[0].col != 0 or row[1].col != 1:
            return False
        key = _join_lines(_cell_text(row[0]))
        if not key or len(key) > 60 or "。" in key or is_glyph_only(key) or "、" in without_gloss(key):
            return False  # a column of check marks or of listed items is no column of labels
    return True


def _looks_like_header(t: Table) -> bool:
    """A first row of short labels above at least one more row (``No``, ``担当課``, ``手続名`` …)."""
    if t.n_rows < 2 or t.n_cols < 2:  # two-column key–value tables are ruled out before this
        return False
    texts = [_join_lines(_cell_text(c)) for c in t.rows[0]]
    return sum(1 for x in texts if x) >= 2 and all(len(x) <= 40 and "。" not in x for x in texts)


def classify_item_lists(found_procedures, fields: list[S.Field], table_lists: list[tuple[dict, str]] = ()):
    """Procedures with classified items, the ItemLists, the summary and the unclassified items:
    from the procedures tables' item columns, the item-list fields and ``table_lists`` (the other
    tables' columns and rows headed as item lists, :mod:`.item_tables`), in that order.

    GiNZA is loaded only here, and only when the document has an item list.
    """
    lists: list[tuple[dict, str | None, str]] = []
    for table, found in found_procedures:
        if found.items_raw.strip():
            lists.append(({"table": table.id, "row": found.row, "column": found.items_column},
                          found.procedure.name, found.items_raw))
    for f in fields:
        if is_item_list_key(f.key) and f.refers_to is None and f.raw_value.strip():
            lists.append(({"field": f.key}, None, f.raw_value))
    lists.extend((location, None, raw) for location, raw in table_lists)
    if not lists:
        return [found.procedure for _, found in found_procedures], [], S.PersonalDataSummary(), []
    from ..classify import classify_lists

    classified = classify_lists(raw for _, _, raw in lists)
    procedures = [found.procedure.model_copy(update={"items": classified.get(found.items_raw, [])})
                  for _, found in found_procedures]
    personal_data = [S.ItemList(location=location, procedure=procedure, items=classified[raw])
                     for location, procedure, raw in lists]
    items = [i for lst in personal_data for i in lst.items]
    counts = {level: sum(1 for i in items if i.sensitivity == level)
              for level in ("mynumber", "special_care", "identifier", "standard")}
    summary = S.PersonalDataSummary(handles_mynumber=counts["mynumber"] > 0,
                                    handles_special_care=counts["special_care"] > 0,
                                    handles_identifiers=counts["identifier"] > 0, counts=counts)
    unknown = list(dict.fromkeys(i.item for i in items if i.method == "unknown"))
    return procedures, personal_data, summary, unknown


def build_submission(doc: Document, source: S.Source, generator: S.Generator) -> S.Submission:
    """The contract's Submission for one read document."""
    doc = join_document_continuations(doc)
    paragraphs = list(iter_paragraphs(doc.blocks))
    body_runs = [r for p in paragraphs for r in p.runs]
    marking = detect_marking([p.text for p in paragraphs], body_runs)
    walk = _Walk(marking)
    for page in doc.pages:
        for block in page.blocks:
            if isinstance(block, Paragraph):
                walk.paragraph(block, page.number)
            else:
                walk.table(block, page.number)
    walk.close_section()
    warnings = [S.Warning(code=w.code, message=w.message, page=w.page) for w in doc.warnings]
    lines = [t for p in paragraphs for part in split_trailing_department(p) if (t := normalize(part.text))]
    section_text = {}
    for section in walk.sections:
        section_text.setdefault(section.heading, []).append(section.text)
    found_procedures, checklist, table_lists = [], [], []
    for table in walk.tables:
        found = procedures_of(table, lines)
        if found:
            found_procedures.extend((table, f) for f in found)
            continue
        above = walk.above.get(table.id, [])
        # a legend may stand under any of the headings above the table (the checklist's own title
        # above a party's caption), so the text of each of their sections is the table's context
        context = [text for heading in dict.fromkeys(above + [table.caption]) if heading
                   for text in section_text.get(heading, [])]
        result = checklist_of(table, context, above)
        if result:
            checklist.extend(result.entries)
            warnings.extend(result.warnings)
        elif table.id not in walk.key_value:  # its measures are no items, nor are a field table's values
            table_lists.extend(item_lists_of(table))
    if not checklist:
        heads = vocabulary()["checklist_heads"]["words"]
        named = next((s for s in walk.sections if s.heading and any(w in s.heading for w in heads)), None)
        if named is not None:
            warnings.append(S.Warning(code="checklist_not_read", page=named.page, message=(
                f"the heading '{named.heading}' names a checklist, but no table under it reads as one: its table may "
                "have been lost (a converted .doc, a text export that ran its cells together) or be laid out in a "
                "way this tool does not read; check the document")))
    if marking.known and marking.inferred and walk.spans:
        warnings.append(S.Warning(code="marking_inferred", page=None, message=(
            "no ※ statement says how changes are marked; bold underlined text was taken as marked")))
    change_marking = None
    if marking.statement:
        change_marking = S.ChangeMarking(statement=marking.statement, reference=marking.reference,
                                         styles=list(marking.styles))
    procedures, personal_data, summary, unknown = classify_item_lists(found_procedures, walk.fields, table_lists)
    if unknown:
        warnings.append(S.Warning(code="unclassified_items", page=None, message=(
            "personal-data items matched no category and were left as 'other': " + "、".join(unknown))))
    if personal_data:
        from ..classify.classifier import ginza_version
        from ..classify.taxonomy import load_taxonomy

        generator = generator.model_copy(update={
            "taxonomy_version": load_taxonomy().version,
            "models": {"ja_ginza": ginza_version() or "unknown"}})
    title = walk.title
    headings = [s.heading for s in walk.sections if s.heading]
    meeting = meeting_of(headings, [t.caption for t in walk.tables if t.caption], lines, marking.reference)
    return S.Submission(
        generator=generator, source=source,
        title=title[0] if title else None, raw_title=title[1] if title else None,
        meeting=meeting, agenda=agenda_of(lines, walk.fields, title[0] if title else None),
        change_marking=change_marking, sections=walk.sections, fields=walk.fields, tables=walk.tables,
        procedures=procedures, checklist=checklist, personal_data=personal_data,
        personal_data_summary=summary,
        marked_changes=walk.spans, warnings=warnings)
