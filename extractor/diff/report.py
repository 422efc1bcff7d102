"""SubmissionDiff → one self-contained HTML page a secretariat can read: unmarked changes first."""

from __future__ import annotations

from html import escape

from .. import schema as S

STYLE = """
body { font-family: "Noto Sans CJK JP", "IPAexGothic", sans-serif; margin: 2em; color: #222; }
h1 { font-size: 1.3em; } h2 { font-size: 1.1em; margin-top: 1.6em; }
.summary span { display: inline-block; margin-right: 1.2em; padding: .2em .6em; border-radius: 4px; background: #eee; }
.summary .alert { background: #fde2e1; color: #a40000; font-weight: bold; }
table { border-collapse: collapse; width: 100%; font-size: .92em; }
th, td { border: 1px solid #ccc; padding: .35em .5em; vertical-align: top; text-align: left; }
th { background: #f4f4f4; }
tr.unmarked td { background: #fff3f2; }
.badge { padding: .05em .45em; border-radius: 3px; font-size: .85em; white-space: nowrap; }
.marked { background: #e3f4e1; color: #1d6b12; } .unmarked-b { background: #a40000; color: #fff; }
.unknown { background: #eee; color: #555; }
ins { background: #c9f0c2; text-decoration: none; } del { background: #f6c7c3; }
code { font-size: .88em; color: #444; word-break: break-all; }
td:nth-child(-n+2), th:nth-child(-n+2) { white-space: nowrap; }
"""


def _badge(marked: bool | None) -> str:
    if marked is None:
        return '<span class="badge unknown">マーク不明</span>'
    return '<span class="badge marked">マークあり</span>' if marked else '<span class="badge unmarked-b">マークなし</span>'


def _text(change: S.Change) -> str:
    if change.segments:
        parts = []
        for seg in change.segments:
            t = escape(seg.text)
            parts.append(f"<ins>{t}</ins>" if seg.op == "insert" else f"<del>{t}</del>" if seg.op == "delete" else t)
        return "".join(parts)
    if change.kind == "added":
        return f"<ins>{escape(change.new or '')}</ins>"
    if change.kind == "removed":
        return f"<del>{escape(change.old or '')}</del>"
    return f"<del>{escape(change.old or '')}</del> → <ins>{escape(change.new or '')}</ins>"


KIND = {"added": "追加", "removed": "削除", "modified": "変更"}


def diff_to_html(d: S.SubmissionDiff) -> str:
    s = d.summary
    rows = []
    ordered = sorted(d.changes, key=lambda c: (c.marked is not False,))  # unmarked changes first
    for c in ordered:
        css = ' class="unmarked"' if c.marked is False else ""
        rows.append(f"<tr{css}><td>{_badge(c.marked)}</td><td>{KIND[c.kind]}</td>"
                    f"<td><code>{escape(c.path)}</code></td><td>{_text(c)}</td></tr>")
    unchanged = "".join(f"<li>{escape(m.text)} <code>{escape(str(m.location))}</code></li>" for m in d.marked_unchanged)
    alert = ' class="alert"' if s.unmarked else ""
    return f"""<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>変更点の照合 {escape(d.new.filename)}</title>
<style>{STYLE}</style></head><body>
<h1>変更点の照合：{escape(d.old.filename)} → {escape(d.new.filename)}</h1>
<p class="summary"><span>追加 {s.added}</span><span>削除 {s.removed}</span><span>変更 {s.modified}</span>
<span{alert}>マークのない変更 {s.unmarked}</span><span>変更のないマーク {s.marked_unchanged}</span></p>
<h2>変更点（マークのないものを先に）</h2>
<table><thead><tr><th>マーク</th><th>種別</th><th>場所</th><th>内容</th></tr></thead>
<tbody>{''.join(rows) or '<tr><td colspan="4">変更はありません</td></tr>'}</tbody></table>
<h2>変更箇所としてマークされているが、内容が変わっていない箇所</h2>
<ul>{unchanged or '<li>ありません</li>'}</ul>
<p><small>{escape(d.generator.tool)} {escape(d.generator.version)} · {escape(d.schema_name)} {escape(d.schema_version)}</small></p>
</body></html>
"""
