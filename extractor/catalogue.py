"""The archive's catalogue: one SQLite file beside a batch's outputs (``OUT/catalogue.sqlite``) that
holds what people ask of an archive, so a question is one query, not code over thousands of JSON files.

Tables (one row per thing; ``path`` is the output's path relative to OUT, ``part`` a packet's
submission index, ``NULL`` for a lone document):

- ``documents``: path, part, kind (submission, minutes, other: a document that is neither), format, title, document_number, body,
  fiscal_year, session, date, agenda_type, departments (a JSON list), source_sha256, and what the
  approved-version lookup matches on: parent_title (the 別紙's 件名), reference (the change-marking
  reference, naming the meeting that approved the version it revises) and source_filename; and what
  ``council link`` groups renderings and scores on: raw_title, meeting and agenda (the output's own
  objects as JSON), materials (the minutes' list, as JSON) and sections (how many a submission has;
  their text is ``text.body``);
- ``outputs``: path, sha256, size, mtime_ns, schema (the output's ``schema``) and error (why a file is
  no JSON, e.g. ``JSONDecodeError``);
- ``fields``: key, value; ``checklist``: party, kind, grp, measure, mark, status;
- ``items``: the personal-data items, where listed (procedure or field), text, item, subject,
  category, sensitivity;
- ``minutes_items``: number, title, kind, outcome;
- ``text``: an FTS5 table (trigram tokenizer, so Japanese needs no word breaks) over each document's
  title and text, for ``text MATCH '外部結合'``.

Incremental by the output's sha256 (a file whose bytes did not change is not read again; one whose
size and modification time did not change is not even hashed, so a warm update of 10,000 outputs is
a walk of the folder), one
transaction per file (a crash mid-write leaves the catalogue as it was before that file), files gone
from OUT dropped; it is rebuilt from the JSON at any time by deleting it, and rebuilt by itself when it was written by
another catalogue version. Opened in WAL mode, so a
reader (``council query``, sqlite3, DuckDB, Datasette) may read while a batch writes.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from .archive import LINKS, MANIFEST, visible_files

CATALOGUE = "catalogue.sqlite"
VERSION = 3  # 2: documents.parent_title, reference and source_filename, outputs.size and mtime_ns;
# 3: what council link scores and groups on (documents.raw_title, meeting, agenda, materials, sections;
# the minutes' title; outputs.schema and error)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS outputs (path TEXT PRIMARY KEY, sha256 TEXT NOT NULL, size INTEGER, mtime_ns INTEGER,
  schema TEXT, error TEXT);
CREATE TABLE IF NOT EXISTS documents (path TEXT NOT NULL, part INTEGER, kind TEXT NOT NULL, format TEXT,
  title TEXT, document_number TEXT, body TEXT, fiscal_year INTEGER, session INTEGER, date TEXT,
  agenda_type TEXT, departments TEXT, source_sha256 TEXT, parent_title TEXT, reference TEXT,
  source_filename TEXT, raw_title TEXT, meeting TEXT, agenda TEXT, materials TEXT, sections INTEGER);
CREATE TABLE IF NOT EXISTS fields (path TEXT NOT NULL, part INTEGER, key TEXT, value TEXT);
CREATE TABLE IF NOT EXISTS checklist (path TEXT NOT NULL, part INTEGER, party TEXT, kind TEXT, grp TEXT,
  measure TEXT, mark TEXT, status TEXT);
CREATE TABLE IF NOT EXISTS items (path TEXT NOT NULL, part INTEGER, procedure TEXT, field TEXT, text TEXT,
  item TEXT, subject TEXT, category TEXT, sensitivity TEXT);
CREATE TABLE IF NOT EXISTS minutes_items (path TEXT NOT NULL, item INTEGER, number TEXT, title TEXT, kind TEXT,
  outcome TEXT);
CREATE VIRTUAL TABLE IF NOT EXISTS text USING fts5(path UNINDEXED, part UNINDEXED, title, body,
  tokenize='trigram');
CREATE INDEX IF NOT EXISTS documents_path ON documents(path);
CREATE INDEX IF NOT EXISTS fields_path ON fields(path);
CREATE INDEX IF NOT EXISTS checklist_path ON checklist(path);
CREATE INDEX IF NOT EXISTS items_path ON items(path);
CREATE INDEX IF NOT EXISTS minutes_items_path ON minutes_items(path);
"""
_TABLES = ("documents", "fields", "checklist", "items", "minutes_items", "text")


@dataclass(frozen=True)
class IndexCounts:
    indexed: int  # outputs read into the catalogue this time
    unchanged: int  # outputs whose bytes were indexed before
    dropped: int  # outputs gone from the folder
    not_council: int  # JSON files that are no council output (skipped)


def open_catalogue(root: Path) -> sqlite3.Connection:
    """The catalogue, created when missing and rebuilt (emptied, so every output is read again) when
    another catalogue version wrote it."""
    con = sqlite3.connect(root / CATALOGUE)
    con.execute("PRAGMA journal_mode=WAL")
    try:
        written = con.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
    except sqlite3.OperationalError:  # a new file: no meta table yet
        written = None
    if written and written[0] != str(VERSION):
        with con:
            for table in _TABLES + ("outputs",):
                con.execute(f"DROP TABLE IF EXISTS {table}")
    con.executescript(_SCHEMA)
    con.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (str(VERSION),))
    con.commit()
    return con


def _outputs(root: Path) -> list[tuple[str, Path]]:
    """The JSON under ``root`` that may be council outputs, as (relative path, path): not the manifest,
    links or diffs a batch writes beside them."""
    return [(rel, p) for rel, p in visible_files(root) if rel.endswith(".json") and p.name not in (MANIFEST, LINKS)
            and not rel.endswith(".diff.json")]


_COLUMNS = ",".join("?" * 21)


def _as_written(value) -> str:
    """A part of an output (its meeting, agenda, materials) as JSON, so a reader gets back what the
    output holds, keys it does not know included."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _submission_rows(con, path: str, part: int | None, sub: dict) -> None:
    meeting, agenda = sub.get("meeting") or {}, sub.get("agenda") or {}
    con.execute(f"INSERT INTO documents VALUES ({_COLUMNS})", (
        path, part, "submission", (sub.get("source") or {}).get("format"), sub.get("title"),
        meeting.get("document_number"), meeting.get("body"), meeting.get("fiscal_year"), meeting.get("session"),
        meeting.get("date"), agenda.get("type"), json.dumps(agenda.get("departments") or [], ensure_ascii=False),
        (sub.get("source") or {}).get("sha256"), agenda.get("parent_title"),
        (sub.get("change_marking") or {}).get("reference"), (sub.get("source") or {}).get("filename"),
        sub.get("raw_title"), _as_written(sub.get("meeting")), _as_written(sub.get("agenda")), None,
        len(sub.get("sections", []))))
    con.executemany("INSERT INTO fields VALUES (?,?,?,?)",
                    [(path, part, f.get("key"), f.get("value")) for f in sub.get("fields", [])])
    con.executemany("INSERT INTO checklist VALUES (?,?,?,?,?,?,?,?)",
                    [(path, part, e.get("party"), e.get("kind"), e.get("group"), e.get("measure"), e.get("mark"),
                      e.get("status")) for e in sub.get("checklist", [])])
    con.executemany("INSERT INTO items VALUES (?,?,?,?,?,?,?,?,?)", [
        (path, part, lst.get("procedure"), (lst.get("location") or {}).get("field"), i.get("text"), i.get("item"),
         i.get("subject"), i.get("category"), i.get("sensitivity"))
        for lst in sub.get("personal_data", []) for i in lst.get("items", [])])
    body = "\n".join(s.get("text") or "" for s in sub.get("sections", []))
    con.execute("INSERT INTO text VALUES (?,?,?,?)", (path, part, sub.get("title") or "", body))


def _minutes_rows(con, path: str, m: dict) -> None:
    meeting = m.get("meeting") or {}
    con.execute(f"INSERT INTO documents VALUES ({_COLUMNS})", (
        path, None, "minutes", (m.get("source") or {}).get("format"), m.get("title"), None, meeting.get("body"),
        meeting.get("fiscal_year"), meeting.get("session"), meeting.get("date"), None, "[]",
        (m.get("source") or {}).get("sha256"), None, None, (m.get("source") or {}).get("filename"),
        m.get("raw_title"), _as_written(m.get("meeting")), None, _as_written(m.get("materials", [])), None))
    con.executemany("INSERT INTO minutes_items VALUES (?,?,?,?,?,?)", [
        (path, n, i.get("number"), i.get("title"), i.get("kind"), (i.get("outcome") or {}).get("status"))
        for n, i in enumerate(m.get("items", []))])
    body = "\n".join(i.get("title") or "" for i in m.get("items", []))
    con.execute("INSERT INTO text VALUES (?,?,?,?)", (path, None, meeting.get("body") or "", body))


def _other_rows(con, path: str, d: dict) -> None:
    """A document that is no council submission or minutes: its title (where it states one), its
    source and its text, searchable beside the rest; nothing about a meeting or an agenda."""
    source = d.get("source") or {}
    con.execute(f"INSERT INTO documents VALUES ({_COLUMNS})", (
        path, None, "other", source.get("format"), d.get("title"), None, None, None, None, None, None, "[]",
        source.get("sha256"), None, None, source.get("filename"), None, None, None, None, None))
    body = "\n".join(p.get("text") or "" for p in d.get("paragraphs", []))
    con.execute("INSERT INTO text VALUES (?,?,?,?)", (path, None, d.get("title") or "", body))


def index_archive(root: Path) -> IndexCounts:
    """Bring ``root/catalogue.sqlite`` up to date with the council JSON under ``root``."""
    con = open_catalogue(root)
    try:
        known = {path: (sha, size, mtime) for path, sha, size, mtime in
                 con.execute("SELECT path, sha256, size, mtime_ns FROM outputs")}
        seen, indexed, unchanged, not_council = set(), 0, 0, 0
        for rel, file in _outputs(root):
            seen.add(rel)
            stat = file.stat()
            before = known.get(rel)
            if before and before[1:] == (stat.st_size, stat.st_mtime_ns):
                unchanged += 1  # the same size and time as when it was read: not read again
                continue
            data = file.read_bytes()
            digest = hashlib.sha256(data).hexdigest()
            if before and before[0] == digest:
                unchanged += 1
                with con:
                    con.execute("UPDATE outputs SET size = ?, mtime_ns = ? WHERE path = ?",
                                (stat.st_size, stat.st_mtime_ns, rel))
                continue
            error = None
            try:
                doc = json.loads(data.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                doc, error = None, exc.__class__.__name__
            kind = doc.get("schema") if isinstance(doc, dict) else None
            with con:  # one transaction a file: a crash leaves the catalogue as it was before it
                for table in _TABLES:
                    con.execute(f"DELETE FROM {table} WHERE path = ?", (rel,))
                if kind == "council-submission":
                    _submission_rows(con, rel, None, doc)
                elif kind == "council-packet":
                    for n, part in enumerate(doc.get("submissions", [])):
                        _submission_rows(con, rel, n, part.get("submission") or {})
                elif kind == "council-minutes":
                    _minutes_rows(con, rel, doc)
                elif kind == "council-document":
                    _other_rows(con, rel, doc)
                else:
                    not_council += 1
                con.execute("INSERT OR REPLACE INTO outputs VALUES (?, ?, ?, ?, ?, ?)",
                            (rel, digest, stat.st_size, stat.st_mtime_ns, kind if isinstance(kind, str) else None,
                             error))
            indexed += kind in ("council-submission", "council-packet", "council-minutes", "council-document")
        gone = [p for p in known if p not in seen]
        with con:
            for rel in gone:
                for table in _TABLES + ("outputs",):
                    con.execute(f"DELETE FROM {table} WHERE path = ?", (rel,))
        return IndexCounts(indexed, unchanged, len(gone), not_council)
    finally:
        con.close()


def query(root: Path, sql: str) -> tuple[list[str], list[tuple]]:
    """Run one read-only query on the catalogue: its column names and rows."""
    uri = (root / CATALOGUE).resolve().as_uri() + "?mode=ro"
    con = sqlite3.connect(uri, uri=True)
    try:
        cursor = con.execute(sql)
        columns = [d[0] for d in cursor.description or []]
        return columns, cursor.fetchall()
    finally:
        con.close()
