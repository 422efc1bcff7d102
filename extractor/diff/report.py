"""SubmissionDiff → what a secretariat reads before the meeting: an HTML report, or a terminal summary.

The findings come first: changes the new version does not mark, then marked passages where nothing
changed; then every change, by part of the document. Each change shows old beside new with the
deletions and insertions highlighted, whether it is marked, and the page of the new version it is
on (PDF inputs). The HTML is one self-contained file — no scripts, no external assets, fonts the
machine has — with a print stylesheet for A4, each part on a page of its own.
"""

from __future__ import annotations

import re
from html import escape

from .. import schema as S
from ..vocabulary import vocabulary

STYLE = """
:root { color-scheme: light; }
body { font-family: "IPAexGothic", "Noto Sans CJK JP", "Noto Sans JP", sans-serif; margin: 2em; color: #222;
       line-height: 1.5; }
h1 { font-size: 1.35em; margin-bottom: .2em; } h2 { font-size: 1.12em; margin-top: 1.8em; border-bottom: 2px solid #444; }
.files { color: #555; margin-top: 0; }
dl.basis { display: grid; grid-template-columns: max-content 1fr; gap: .15em 1em; font-size: .9em; margin: .6em 0; }
dl.basis dt { color: #555; } dl.basis dd { margin: 0; overflow-wrap: anywhere; }
.summary { display: flex; flex-wrap: wrap; gap: .6em; padding: 0; list-style: none; }
.summary li a, .summary li span { display: inline-block; padding: .25em .7em; border-radius: 4px; background: #eee;
                                  color: #222; text-decoration: none; }
.summary li.alert a { background: #fde2e1; color: #a40000; font-weight: bold; }
ol.findings { padding-left: 1.4em; } ol.findings li { margin: .15em 0; }
table { border-collapse: collapse; width: 100%; font-size: .92em; table-layout: fixed; }
th, td { border: 1px solid #bbb; padding: .35em .5em; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
th { background: #f1f1f1; }
col.where { width: 23%; } col.kind { width: 6%; } col.text { width: 28%; } col.flag { width: 10.5%; } col.page { width: 4.5%; }
tr.unmarked td { background: #fff3f2; }
.badge { padding: .05em .45em; border-radius: 3px; font-size: .85em; white-space: nowrap; }
.marked { background: #e3f4e1; color: #1d6b12; } .unmarked-b { background: #a40000; color: #fff; }
.unknown { background: #eee; color: #555; }
ins { background: #c9f0c2; text-decoration: none; } del { background: #f6c7c3; }
.path { font-size: .8em; color: #666; display: block; }
.none { color: #666; }
footer { margin-top: 2em; font-size: .8em; color: #777; }
@page { size: A4; margin: 15mm 12mm; }
@media print {
  body { margin: 0; font-size: 10pt; }
  section.part { break-before: page; }
  tr { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  .summary li a, .summary li span { border: 1px solid #999; }
}
"""

KIND = {"added": "追加", "removed": "削除", "modified": "変更"}
PARTS = [("fields", "見出しと値（付議内容・別紙）"), ("procedures", "手続と個人情報項目"),
         ("checklist", "個人情報保護対策チェックリスト"), ("tables", "その他の表"), ("sections", "本文")]


def _badge(marked: bool | None) -> str:
    if marked is None:
        return '<span class="badge unknown">マーク不明</span>'
    return '<span class="badge marked">マークあり</span>' if marked else '<span class="badge unmarked-b">マークなし</span>'


def old_and_new(change: S.Change) -> tuple[str, str]:
    """The old text with its deletions and the new text with its insertions highlighted (HTML)."""
    if change.segments:
        old = "".join(f"<del>{escape(s.text)}</del>" if s.op == "delete" else escape(s.text)
                      for s in change.segments if s.op != "insert")
        new = "".join(f"<ins>{escape(s.text)}</ins>" if s.op == "insert" else escape(s.text)
                      for s in change.segments if s.op != "delete")
        return old, new
    old = f"<del>{escape(change.old)}</del>" if change.old else ""
    new = f"<ins>{escape(change.new)}</ins>" if change.new else ""
    return old, new


def _where(path: str, *subs: S.Submission | None) -> str:
    """Where a change is, in the document's words: ``fields/結合の形態`` → ``結合の形態``; a checklist
    entry under its group as printed (``区が行う情報保護対策【運用上の対策】 › …``, else the party and
    kind named in Japanese), a procedure's attribute by its Japanese name (``見込件数``)."""
    labels = vocabulary()["report"]
    parts = [p.replace("~1", "/").replace("~0", "~") for p in path.split("/")]
    if parts[0] == "checklist" and len(parts) >= 4:
        measure = "/".join(parts[3:])
        group = next((e.group for sub in subs if sub for e in sub.checklist
                      if e.measure == measure and (e.party, e.kind) == (parts[1], parts[2]) and e.group), None)
        head = group or f"{labels['parties'].get(parts[1], parts[1])}【{labels['kinds'].get(parts[2], parts[2])}】"
        return f"{head} › {measure}"
    if parts[0] == "procedures" and len(parts) >= 3:
        parts = parts[:2] + [labels["attributes"].get(parts[2], parts[2])] + parts[3:]
    return " › ".join(parts[1:]) or path


def evidence_in_words(evidence: list[str]) -> str:
    """The archive lookup's evidence (``title 1.00``, ``departments 1.00`` …) as the report prints it."""
    out = []
    for item in evidence:
        for pattern, words in vocabulary()["report"]["evidence"]:
            m = re.match(pattern, item)
            if m:
                out.append(words.format(*m.groups()))
                break
        else:
            out.append(item)
    return "、".join(out)


def pages_of(d: S.SubmissionDiff, new: S.Submission | None) -> dict[str, int]:
    """The page of the new version each change stands on, where its format has pages."""
    if new is None or new.source.pages is None:
        return {}
    section_page = {s.heading: s.page for s in new.sections if s.page}
    field_page = {f.key: section_page.get(f.section) for f in new.fields}
    table_page = {t.id: t.page for t in new.tables}
    procedure_page = {pd.procedure: table_page.get(pd.location.get("table")) for pd in new.personal_data if pd.procedure}
    measure_page = {e.measure: e.page for e in new.checklist}
    out = {}
    for c in d.changes:
        parts = [p.replace("~1", "/").replace("~0", "~") for p in c.path.split("/")]
        area, key = parts[0], parts[1] if len(parts) > 1 else ""
        page = {"fields": lambda: field_page.get(key.split("#")[0]),
                "procedures": lambda: procedure_page.get(key),
                "checklist": lambda: measure_page.get(parts[-1]),
                "tables": lambda: table_page.get(key),
                "sections": lambda: section_page.get(key.split("#")[0] or None)}.get(area, lambda: None)()
        if page:
            out[c.path] = page
    return out


def details(c: S.Change, old: S.Submission | None, new: S.Submission | None) -> tuple[str, str]:
    """What a bare change leaves out: the items of an added or removed procedure, and a changed
    field's dates as ISO dates (HTML, for the old and the new column)."""
    parts = [p.replace("~1", "/").replace("~0", "~") for p in c.path.split("/")]
    extra_old = extra_new = ""
    if parts[0] == "procedures" and len(parts) == 2 and c.kind in ("added", "removed"):
        sub = new if c.kind == "added" else old
        proc = next((p for p in (sub.procedures if sub else []) if p.name == parts[1]), None)
        if proc is not None and proc.items:
            listed = "、".join(i.text for i in proc.items)
            html = f'<span class="path">項目：{escape(listed)}</span>'
            extra_new, extra_old = (html, "") if c.kind == "added" else ("", html)
    if parts[0] == "fields" and len(parts) == 2 and c.kind == "modified" and old and new:
        key = parts[1].split("#")[0]
        a = next((f.dates for f in old.fields if f.key == key), [])
        b = next((f.dates for f in new.fields if f.key == key), [])
        if a != b:
            extra_old = f'<span class="path">日付：{escape("、".join(a) or "なし")}</span>'
            extra_new = f'<span class="path">日付：{escape("、".join(b) or "なし")}</span>'
    return extra_old, extra_new


def _rows(changes: list[tuple[int, S.Change]], pages: dict[str, int], prefix: str = "c",
          old_sub: S.Submission | None = None, new_sub: S.Submission | None = None) -> str:
    rows = []
    for n, c in changes:
        old, new = old_and_new(c)
        more_old, more_new = details(c, old_sub, new_sub)
        css = ' class="unmarked"' if c.marked is False else ""
        rows.append(f'<tr id="{prefix}{n}"{css}><td>{escape(_where(c.path, new_sub, old_sub))}<span class="path">{escape(c.path)}</span></td>'
                    f"<td>{KIND[c.kind]}</td><td>{old}{more_old}</td><td>{new}{more_new}</td><td>{_badge(c.marked)}</td>"
                    f"<td>{pages.get(c.path, '')}</td></tr>")
    return ('<table><colgroup><col class="where"><col class="kind"><col class="text"><col class="text">'
            '<col class="flag"><col class="page"></colgroup><thead><tr><th>場所</th><th>種別</th><th>承認済（旧）</th>'
            '<th>今回（新）</th><th>マーク</th><th>頁</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>")


def diff_to_html(d: S.SubmissionDiff, new: S.Submission | None = None, old: S.Submission | None = None,
                 chosen: tuple[float, list[str]] | None = None) -> str:
    """The report; with the two submissions it also gives pages, dates, an added procedure's items and
    the new version's ※ statement and reference; with ``chosen`` (the archive lookup's score and
    evidence) why this approved version was taken."""
    s = d.summary
    pages = pages_of(d, new)
    numbered = list(enumerate(d.changes, start=1))
    unmarked = [(n, c) for n, c in numbered if c.marked is False]
    findings = "".join(f'<li><a href="#c{n}">{escape(_where(c.path, new, old))}</a>（{KIND[c.kind]}）</li>'
                       for n, c in unmarked)
    basis = []
    marking = new.change_marking if new is not None else None
    if marking is not None:
        basis.append(f"<dt>変更箇所の表示</dt><dd>{escape(marking.statement)}</dd>")
        basis.append(f"<dt>照合の基準</dt><dd>{escape(marking.reference or '（記載なし）')}</dd>")
    elif new is not None:
        basis.append("<dt>変更箇所の表示</dt><dd>今回の文書に変更箇所の表示（※の記載）はありません。</dd>")
    if chosen is not None:
        basis.append(f"<dt>承認済の選定</dt><dd>{escape(d.old.filename)}：{escape(evidence_in_words(chosen[1]))}"
                     f"（得点 {chosen[0]:.2f}）</dd>")
    basis_part = f'<dl class="basis">{"".join(basis)}</dl>' if basis else ""
    unmarked_part = (f'<ol class="findings">{findings}</ol>' + _rows(unmarked, pages, "c", old, new)) if unmarked else (
        '<p class="none">ありません。' + ("（スタイル情報のない入力のため判定できません）" if d.unmarked_changes is None else "")
        + "</p>")
    unchanged = "".join(
        f"<tr><td>{escape(m.text)}</td><td>{escape(m.location.get('field') or m.location.get('section') or m.location.get('table') or '')}</td>"
        f"<td>{m.location.get('page') or ''}</td></tr>" for m in d.marked_unchanged)
    unchanged_part = ('<table><thead><tr><th>マークされた箇所</th><th>場所</th><th>頁</th></tr></thead><tbody>'
                      + unchanged + "</tbody></table>") if unchanged else '<p class="none">ありません。</p>'
    by_part = []
    for area, title in PARTS:
        in_part = [(n, c) for n, c in numbered if c.path.split("/")[0] == area]
        if in_part:
            by_part.append(f'<section class="part" id="{area}"><h2>{title}（{len(in_part)}件）</h2>'
                           + _rows(in_part, pages, f"{area}-", old, new) + "</section>")
    alert = ' class="alert"' if s.unmarked else ""
    title = escape(new.title) if new is not None and new.title else escape(d.new.filename)
    return f"""<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>変更点の照合 {escape(d.new.filename)}</title>
<style>{STYLE}</style></head><body>
<h1>変更点の照合：{title}</h1>
<p class="files">承認済 {escape(d.old.filename)} → 今回 {escape(d.new.filename)}</p>
{basis_part}
<ul class="summary">
<li{alert}><a href="#unmarked">マークのない変更 {s.unmarked if d.unmarked_changes is not None else '不明'}</a></li>
<li><a href="#marked-unchanged">変更のないマーク {s.marked_unchanged}</a></li>
<li><span>追加 {s.added}</span></li><li><span>削除 {s.removed}</span></li><li><span>変更 {s.modified}</span></li>
</ul>
<section id="unmarked"><h2>マークのない変更（{len(unmarked)}件）</h2>{unmarked_part}</section>
<section id="marked-unchanged"><h2>マークされているが内容が変わっていない箇所（{len(d.marked_unchanged)}件）</h2>{unchanged_part}</section>
{''.join(by_part) or '<section class="part"><h2>変更点</h2><p class="none">変更はありません。</p></section>'}
<footer>{escape(d.generator.tool)} {escape(d.generator.version)} · {escape(d.schema_name)} {escape(d.schema_version)}</footer>
</body></html>
"""


NONE_TEXT = "（なし）"  # a value one version does not have, in the text summary


def _visible(text: str) -> str:
    """A segment's text on one line: a line break as ↵, a segment of spaces alone as ␣ (never empty)."""
    shown = text.replace("\r\n", "\n").replace("\n", "↵")
    return shown if shown.strip() else "␣" * max(1, len(shown))


def edit_text(c: S.Change) -> str:
    """One change on one line: a modified text as its edit in place (``資料[-30-]{+46+}-1``) where the
    versions share some of it, else the old value beside the new (``1200 → 1400``, ``（なし） → 1400``);
    an addition ``{+…+}``, a removal ``[-…-]``. No segment is ever printed empty."""
    if c.kind == "added":
        return f"{{+{_visible(c.new or '')}+}}" if c.new else NONE_TEXT
    if c.kind == "removed":
        return f"[-{_visible(c.old or '')}-]" if c.old else NONE_TEXT
    segments = [x for x in c.segments if x.text]
    if any(x.op == "equal" and x.text.strip() for x in segments):
        return "".join(f"[-{_visible(x.text)}-]" if x.op == "delete" else f"{{+{_visible(x.text)}+}}"
                       if x.op == "insert" else x.text.replace("\n", "↵") for x in segments)
    was = _visible(c.old) if c.old else NONE_TEXT
    now = _visible(c.new) if c.new else NONE_TEXT
    return f"{was} → {now}"


def diff_to_text(d: S.SubmissionDiff, *, colour: bool = False, new: S.Submission | None = None,
                 old: S.Submission | None = None) -> str:
    """A summary for the terminal: the findings first, each change on a line with its edit."""
    red, green, dim, bold, reset = ("\x1b[31m", "\x1b[32m", "\x1b[2m", "\x1b[1m", "\x1b[0m") if colour else ("",) * 5
    s = d.summary

    def edit(c: S.Change) -> str:
        was, now = (re.sub(r"<[^>]+>", "", x) for x in details(c, old, new))
        extra = f"{was} → {now.split('：', 1)[-1]}" if was and now else was or now
        return _edit(c) + (f"  ({extra})" if extra else "")

    def _edit(c: S.Change) -> str:
        return edit_text(c)

    unmarked = "unknown" if d.unmarked_changes is None else str(s.unmarked)
    lines = [f"{bold}{d.old.filename} → {d.new.filename}{reset}: {s.added} added, {s.removed} removed, "
             f"{s.modified} modified; {red if s.unmarked else ''}{unmarked} unmarked{reset}, "
             f"{s.marked_unchanged} marked but unchanged"]
    groups = [("Unmarked changes", [c for c in d.changes if c.marked is False], red),
              ("Marked changes", [c for c in d.changes if c.marked], green),
              ("Changes whose marking is unknown", [c for c in d.changes if c.marked is None], dim)]
    for title, changes, tint in groups:
        if changes:
            lines.append(f"\n{bold}{title} ({len(changes)}){reset}")
            lines += [f"  {tint}{c.kind:<8}{reset} {_where(c.path, new, old)}\n           {edit(c)}" for c in changes]
    if d.marked_unchanged:
        lines.append(f"\n{bold}Marked passages where nothing changed ({len(d.marked_unchanged)}){reset}")
        lines += [f"  {m.text}" for m in d.marked_unchanged]
    return "\n".join(lines) + "\n"



MINUTES_PARTS = [("title", "表題"), ("meeting", "会議"), ("attendees", "出席者"), ("absentees", "欠席者"),
                 ("materials", "資料"), ("items", "議題と結果")]


def minutes_diff_to_text(d: S.MinutesDiff, *, colour: bool = False) -> str:
    """Two versions of minutes on the terminal: the counts, then each change on a line with its edit,
    by part (minutes mark no changes: there is nothing marked or unmarked to report)."""
    dim, bold, reset = ("\x1b[2m", "\x1b[1m", "\x1b[0m") if colour else ("",) * 3
    s = d.summary
    lines = [f"{bold}{d.old.filename} → {d.new.filename}{reset} (minutes): {s.added} added, {s.removed} removed, "
             f"{s.modified} modified"]
    for area, title in MINUTES_PARTS:
        changes = [c for c in d.changes if c.path.split("/")[0] == area]
        if changes:
            lines.append(f"\n{bold}{title} ({len(changes)}){reset}")
            lines += [f"  {dim}{c.kind:<8}{reset} {_where(c.path) if '/' in c.path else c.path}\n           "
                      f"{edit_text(c)}" for c in changes]
    return "\n".join(lines) + "\n"


def minutes_diff_to_html(d: S.MinutesDiff, new: S.Minutes | None = None) -> str:
    """The report of two versions of minutes: every change by part, old beside new."""
    s = d.summary
    numbered = list(enumerate(d.changes, start=1))
    by_part = []
    for area, title in MINUTES_PARTS:
        in_part = [(n, c) for n, c in numbered if c.path.split("/")[0] == area]
        if in_part:
            rows = "".join(
                f'<tr id="c{n}"><td>{escape(_where(c.path) if "/" in c.path else c.path)}<span class="path">'
                f'{escape(c.path)}</span></td><td>{KIND[c.kind]}</td><td>{old_and_new(c)[0]}</td>'
                f'<td>{old_and_new(c)[1]}</td></tr>' for n, c in in_part)
            by_part.append(f'<section class="part" id="{area}"><h2>{title}（{len(in_part)}件）</h2><table><thead><tr>'
                           f'<th>場所</th><th>種別</th><th>旧</th><th>新</th></tr></thead><tbody>{rows}</tbody></table>'
                           '</section>')
    title = escape(new.title) if new is not None and new.title else escape(d.new.filename)
    return f"""<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>会議録の変更点 {escape(d.new.filename)}</title>
<style>{STYLE}</style></head><body>
<h1>会議録の変更点：{title}</h1>
<p class="files">旧 {escape(d.old.filename)} → 新 {escape(d.new.filename)}</p>
<ul class="summary"><li><span>追加 {s.added}</span></li><li><span>削除 {s.removed}</span></li>
<li><span>変更 {s.modified}</span></li></ul>
{''.join(by_part) or '<section class="part"><h2>変更点</h2><p class="none">変更はありません。</p></section>'}
<footer>{escape(d.generator.tool)} {escape(d.generator.version)} · {escape(d.schema_name)} {escape(d.schema_version)}</footer>
</body></html>
"""
