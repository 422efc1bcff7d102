"""Minutes items ↔ the submissions they decided: ``council link DIR`` over a converted archive.

Renderings of one document (a .docx and the PDFs exported from it, a text export) say the same by the
contract's keys, so they count once: minutes by their title, meeting and items (number and title), a
submission by its title, meeting, agenda and change-marking reference. Each group is named by its most
faithful rendering (.docx, then PDF, then text) and lists the others as ``renderings``.

Each item of each minutes document is held against every submission (alone or inside a packet) by what
both say: the meeting (fiscal year and session, or the date), the 諮問 number, the 資料 number the
minutes' materials list gives the item, and the title. The best candidate above the threshold is
the link; the evidence and a score say how sure it is. Items and submissions left over are listed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from .archive import MANIFEST, find_documents, part_name
from .errors import CorruptDocument, NotABatchOutput

from .schema import LINKS_SCHEMA_VERSION
THRESHOLD = 0.5
WEIGHTS = {"title": 0.5, "number": 0.35, "document_number": 0.3, "meeting": 0.2}


@dataclass(frozen=True)
class Candidate:
    file: str
    part: int | None  # index in a packet's submissions, None for a lone submission
    submission: dict  # the submission, or what the catalogue holds of it (see load_catalogue)
    stored_text: str | None = None  # the text an item's number is looked for in, when the catalogue gave it

    @property
    def key(self) -> str:
        return part_name(self.file, self.part)

    @cached_property
    def text(self) -> str:
        """The text an item's number is looked for in: joined once, not for every item it is held against."""
        return self.stored_text if self.stored_text is not None else _submission_text(self.submission)


_FORMAT_ORDER = {"docx": 0, "pdf": 1, "xlsx": 2, "text": 3, "image": 4}


def _faithful(name: str, data: dict) -> tuple:
    """The order a group's renderings are named in: .docx first, then PDF, then text, then by name."""
    return _FORMAT_ORDER.get((data.get("source") or {}).get("format"), 9), name


def submission_identity(sub: dict) -> str:
    """What renderings of one submission share by the contract's keys (not source, pages, bbox, warnings)."""
    marking = sub.get("change_marking") or {}
    return json.dumps([sub.get("title"), sub.get("meeting"), sub.get("agenda"), marking.get("reference")],
                      ensure_ascii=False, sort_keys=True)


def minutes_identity(minutes: dict) -> str:
    """What renderings of one minutes document share: the title, the meeting and the items it lists."""
    items = [(i.get("number"), i.get("title")) for i in minutes.get("items", [])]
    return json.dumps([minutes.get("title"), minutes.get("meeting"), items], ensure_ascii=False, sort_keys=True)


def group_renderings(entries: list, identity, name, data) -> list[tuple[object, list[str]]]:
    """Entries of one identity grouped: (the most faithful one, the names of the other renderings), in
    the order the groups' first members come."""
    groups: dict[str, list] = {}
    for e in entries:
        groups.setdefault(identity(data(e)), []).append(e)
    out = []
    for members in groups.values():
        members.sort(key=lambda e: _faithful(name(e), data(e)))
        out.append((members[0], [name(m) for m in members[1:]]))
    return sorted(out, key=lambda g: name(g[0]))


_NOT_COMPARED = re.compile(r"[\s　（）()【】「」、。・]")
_SPACE = re.compile(r"\s")


@lru_cache(maxsize=65536)  # a lookup in a big archive compares one title with thousands: each is split once
def _bigrams(text: str) -> frozenset[str]:
    t = _NOT_COMPARED.sub("", text)
    return frozenset(t[i:i + 2] for i in range(len(t) - 1))


@lru_cache(maxsize=65536)
def _unspaced(text: str) -> str:
    return _SPACE.sub("", text)


def title_similarity(a: str | None, b: str | None) -> float:
    """1.0 for the same title; otherwise the overlap of their character pairs (Dice)."""
    if not a or not b:
        return 0.0
    if _unspaced(a) == _unspaced(b):
        return 1.0
    x, y = _bigrams(a), _bigrams(b)
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


def _submission_text(sub: dict) -> str:
    parts = [sub.get("title") or "", sub.get("raw_title") or ""]
    parts += [f.get("value") or "" for f in sub.get("fields", [])]
    parts += [s.get("text") or "" for s in sub.get("sections", [])]
    return "\n".join(parts)


def _document_numbers(materials: list[str], item: dict) -> set[str]:
    """The 資料 numbers the minutes' materials list gives this item (by its number or its title)."""
    found = set()
    for line in materials:
        m = re.match(r"^[（(]?(資料\s*\d+)", line)
        if not m:
            continue
        if (item.get("number") and item["number"] in line) or title_similarity(item.get("title"), line) >= 0.6:
            found.add(re.sub(r"\s", "", m.group(1)))
    return found


def _same_meeting(minutes: dict, sub: dict) -> bool:
    a, b = minutes["meeting"], sub.get("meeting") or {}
    if a.get("fiscal_year") and a.get("session") and (a["fiscal_year"], a["session"]) == (
            b.get("fiscal_year"), b.get("session")):
        return True
    return bool(a.get("date")) and a.get("date") == b.get("date")


def score(minutes: dict, item: dict, candidate: Candidate) -> tuple[float, list[str]]:
    sub = candidate.submission
    how, total = [], 0.0
    sim = title_similarity(item.get("title"), sub.get("title"))
    if sim >= 0.6:
        total += WEIGHTS["title"] * sim
        how.append("title" if sim == 1.0 else f"title~{sim:.2f}")
    if item.get("number") and item["number"] in candidate.text:
        total += WEIGHTS["number"]
        how.append("number")
    number = (sub.get("meeting") or {}).get("document_number")
    if number and number in _document_numbers(minutes.get("materials", []), item):
        total += WEIGHTS["document_number"]
        how.append("document_number")
    if how and _same_meeting(minutes, sub):  # the meeting only strengthens other evidence
        total += WEIGHTS["meeting"]
        how.append("meeting")
    return round(min(total, 1.0), 3), how


def load_archive(root: Path) -> tuple[list[tuple[str, dict]], list[Candidate]]:
    """Every minutes file and every submission (packets opened) under ``root``."""
    minutes, candidates = [], []
    for path in sorted(root.rglob("*.json")):
        if path.name == MANIFEST or path.name.startswith("."):
            continue
        rel = path.relative_to(root).as_posix()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise CorruptDocument(rel, f"not a JSON file ({exc.__class__.__name__})",
                                  hint="link reads the JSON council extract or batch wrote; convert the archive first")
        kind = data.get("schema") if isinstance(data, dict) else None
        if kind == "council-minutes":
            minutes.append((rel, data))
        elif kind == "council-submission":
            candidates.append(Candidate(rel, None, data))
        elif kind == "council-packet":
            candidates += [Candidate(rel, i, p["submission"]) for i, p in enumerate(data.get("submissions", []))]
    return minutes, candidates


def load_catalogue(root: Path) -> tuple[list[tuple[str, dict]], list[Candidate]] | None:
    """What :func:`load_archive` gives, read from the catalogue (``root/catalogue.sqlite``, brought up
    to date first, so only outputs whose bytes changed are read): each minutes document's title,
    meeting, materials and items, each submission's title, meeting, agenda, reference and format, and
    the text its items' numbers are looked for in (title, raw title, field values, sections), only
    when some item has a number. None when the catalogue cannot be written or an output cannot be
    indexed, so the caller reads every JSON as before. A catalogue it made in a folder that holds no
    minutes or submissions is removed again: a folder of documents is left as it was."""
    import sqlite3

    from .catalogue import CATALOGUE, index_archive

    created = not (root / CATALOGUE).exists()
    try:
        index_archive(root)
        con = sqlite3.connect((root / CATALOGUE).resolve().as_uri() + "?mode=ro", uri=True)
    except (sqlite3.Error, OSError, AttributeError, TypeError, ValueError, KeyError):
        return None  # a read-only folder, or an output the catalogue cannot index: read the JSON
    try:
        corrupt = con.execute("SELECT path, error FROM outputs WHERE error IS NOT NULL ORDER BY path").fetchone()
        if corrupt:
            con.close()
            if created:
                _remove_catalogue(root)
            raise CorruptDocument(corrupt[0], f"not a JSON file ({corrupt[1]})",
                                  hint="link reads the JSON council extract or batch wrote; convert the archive first")
        items: dict[str, list[dict]] = {}
        for path, number, title, outcome in con.execute(
                "SELECT path, number, title, outcome FROM minutes_items ORDER BY path, item"):
            items.setdefault(path, []).append({"number": number, "title": title,
                                               "outcome": None if outcome is None else {"status": outcome}})
        minutes, candidates, rows = [], [], []
        for path, part, kind, fmt, title, raw_title, meeting, agenda, reference, materials, sections in con.execute(
                "SELECT path, part, kind, format, title, raw_title, meeting, agenda, reference, materials, sections"
                " FROM documents WHERE kind IN ('minutes', 'submission') ORDER BY path, part"):
            if kind == "minutes":
                minutes.append((path, {"title": title, "meeting": json.loads(meeting),
                                       "materials": json.loads(materials), "items": items.get(path, []),
                                       "source": {"format": fmt}}))
            else:
                rows.append((path, part, {"title": title, "raw_title": raw_title, "meeting": json.loads(meeting),
                                          "agenda": json.loads(agenda), "change_marking": {"reference": reference},
                                          "source": {"format": fmt}}, sections))
        texts: dict[tuple, str] = {}
        if any(i.get("number") for _, m in minutes for i in m["items"]):
            values: dict[tuple, list[str]] = {}
            for path, part, value in con.execute("SELECT path, part, value FROM fields ORDER BY rowid"):
                values.setdefault((path, part), []).append(value or "")
            bodies = {(path, part): body for path, part, body in con.execute("SELECT path, part, body FROM text")}
            for path, part, sub, sections in rows:
                # as _submission_text joins them: the sections' text is the catalogue's body, joined the same way
                parts = [sub["title"] or "", sub["raw_title"] or ""] + values.get((path, part), [])
                texts[path, part] = "\n".join(parts + ([bodies.get((path, part)) or ""] if sections else []))
        candidates = [Candidate(path, part, sub, texts.get((path, part))) for path, part, sub, _ in rows]
    finally:
        con.close()
    if created and not minutes and not candidates:  # no batch's folder: leave it as it was
        _remove_catalogue(root)
    return minutes, candidates


def _remove_catalogue(root: Path) -> None:
    from .catalogue import CATALOGUE

    for suffix in ("", "-wal", "-shm"):
        (root / (CATALOGUE + suffix)).unlink(missing_ok=True)


def link_archive(root: Path) -> dict:
    """The links of ``root``'s minutes items to its submissions, from the catalogue when it can be
    brought up to date (:func:`load_catalogue`), else from every JSON (:func:`load_archive`)."""
    loaded = load_catalogue(root)
    minutes, candidates = loaded if loaded is not None else load_archive(root)
    if not minutes and not candidates:
        documents = find_documents(root)
        what = f"{len(documents)} documents and no council JSON" if documents else "no council JSON"
        raise NotABatchOutput(str(root), f"{what} (minutes or submissions) here; link reads what a batch wrote",
                              hint=f"run council batch {root} --out-dir OUT, then council link OUT")
    minutes_groups = group_renderings(minutes, minutes_identity, lambda m: m[0], lambda m: m[1])
    groups = group_renderings(candidates, submission_identity, lambda c: c.key, lambda c: c.submission)
    renderings = {c.key: others for c, others in groups}
    links, unmatched_items, used = [], [], set()
    for (rel, m), minutes_others in minutes_groups:
        for index, item in enumerate(m.get("items", [])):
            scored = sorted(((score(m, item, c), c) for c, _ in groups), key=lambda t: -t[0][0])
            best = scored[0] if scored else None
            entry = {"minutes": rel, "renderings": minutes_others, "item": index, "number": item.get("number"),
                     "title": item.get("title"), "outcome": (item.get("outcome") or {}).get("status")}
            if best is None or best[0][0] < THRESHOLD:
                unmatched_items.append(entry)
                continue
            (value, how), c = best
            runner_up = scored[1][0][0] if len(scored) > 1 else 0.0
            links.append(dict(entry, submission=c.file, part=c.part, submission_renderings=renderings[c.key],
                              how=how, score=value, ambiguous=runner_up >= THRESHOLD and value - runner_up < 0.1))
            used.add(c.key)
    unmatched_submissions = [{"submission": c.file, "part": c.part, "renderings": others,
                              "title": c.submission.get("title")} for c, others in groups if c.key not in used]
    return {"schema": "council-links", "schema_version": LINKS_SCHEMA_VERSION, "links": links,
            "unmatched_items": unmatched_items, "unmatched_submissions": unmatched_submissions}
