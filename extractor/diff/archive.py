"""Find the approved version of a new submission in an archive: ``council diff NEW --archive DIR``.

A revised submission says what it revises: its change-marking reference names the meeting that
approved the old version (``令和6年度第7回新宿区個人情報保護管理運営会議承認済``), its 別紙 carries
the approved item's 件名 (``agenda.parent_title``), and it keeps its title, 資料 number and
departments. Every submission in DIR (documents, converted JSON, packets opened) is scored on that
evidence; the best is chosen when it is convincing, and the close runners-up are named.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import schema as S
from ..archive import ARCHIVE_SUFFIXES, LINKS, MANIFEST
from ..char_classes import era_year
from ..errors import CouncilError, NoApprovedVersion
from ..link import title_similarity

CONVINCING = 0.5  # the score a candidate needs to be taken
CLOSE = 0.1  # a runner-up within this of the best is named beside it
_REFERENCE = re.compile(r"(?P<era>令和|平成)(?P<y>\d+|元)年度\s*第(?P<n>\d+)回")


@dataclass
class Candidate:
    path: str  # relative to the archive, with #N for the N-th submission of a packet
    submission: S.Submission
    score: float = 0.0
    evidence: list[str] = field(default_factory=list)


def _meeting_of_reference(reference: str | None) -> tuple[int, int] | None:
    m = _REFERENCE.search(reference or "")
    if not m:
        return None
    year = 1 if m.group("y") == "元" else int(m.group("y"))
    return era_year(m.group("era"), year), int(m.group("n"))


def score_candidate(new: S.Submission, old: S.Submission) -> tuple[float, list[str]]:
    """How well ``old`` fits what ``new`` says of its approved version, and why."""
    total, why = 0.0, []
    reference = new.change_marking.reference if new.change_marking else None
    meeting = _meeting_of_reference(reference)
    if meeting and (old.meeting.fiscal_year, old.meeting.session) == meeting:
        total += 0.4
        why.append(f"approved at FY{meeting[0]} #{meeting[1]} (the reference)")
    parent = new.agenda.parent_title
    if parent:
        sim = max(title_similarity(parent, old.agenda.parent_title), title_similarity(parent, old.title))
        if sim >= 0.6:
            total += 0.3 * sim
            why.append(f"parent title {sim:.2f}")
    sim = title_similarity(new.title, old.title)
    if sim >= 0.6:
        total += 0.25 * sim
        why.append(f"title {sim:.2f}")
    new_depts, old_depts = set(new.agenda.departments), set(old.agenda.departments)
    if new_depts and old_depts:
        overlap = len(new_depts & old_depts) / len(new_depts | old_depts)
        if overlap:
            total += 0.15 * overlap
            why.append(f"departments {overlap:.2f}")
    if new.agenda.type and new.agenda.type == old.agenda.type and why:
        total += 0.05
        why.append(f"type {new.agenda.type}")
    later = (old.meeting.fiscal_year, old.meeting.session) > (new.meeting.fiscal_year, new.meeting.session) if (
        None not in (old.meeting.fiscal_year, old.meeting.session, new.meeting.fiscal_year, new.meeting.session)) else False
    if later:  # a version from a later meeting cannot be the one this revises
        total, why = 0.0, why + ["later meeting"]
    return round(min(total, 1.0), 3), why


def _load(path: Path) -> list[S.Submission]:
    from .. import extract

    if path.suffix.lower() == ".json":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            return []
        if data.get("schema") == "council-submission":
            return [S.Submission.model_validate(data)]
        if data.get("schema") == "council-packet":
            return [S.Packet.model_validate(data).submissions[i].submission for i in range(len(data["submissions"]))]
        return []
    try:
        result = extract(path)
    except CouncilError:
        return []  # an unreadable file in the archive is no candidate; the rest still are
    if isinstance(result, S.Submission):
        return [result]
    if isinstance(result, S.Packet):
        return [p.submission for p in result.submissions]
    return []


def candidates_in(archive: Path, new: S.Submission | None = None) -> list[Candidate]:
    out = []
    for path in sorted(archive.rglob("*")):
        rel = path.relative_to(archive)
        if not path.is_file() or path.suffix.lower() not in ARCHIVE_SUFFIXES or any(p.startswith(".") for p in rel.parts):
            continue
        if path.name in (MANIFEST, LINKS):
            continue
        subs = _load(path)
        for i, sub in enumerate(subs):
            if new is not None and sub.source.sha256 == new.source.sha256 and sub.source.filename == new.source.filename:
                continue  # the new version itself (its document or its JSON)
            out.append(Candidate(rel.as_posix() + (f"#{i}" if len(subs) > 1 else ""), sub))
    return out


def identity(sub: S.Submission) -> tuple:
    """What makes two files the same submission: its title at its meeting under its 資料 number."""
    m = sub.meeting
    return sub.title, m.document_number, m.fiscal_year, m.session, m.date


def _is_new_itself(new: S.Submission, old: S.Submission) -> bool:
    """Another rendering of NEW (its PDF beside its .docx): the same 資料 number at the same meeting,
    or, where the document has no number, nothing to tell them apart."""
    if identity(old) != identity(new):
        return False
    if new.meeting.document_number:
        return True
    from . import diff

    return not diff(old, new).changes


_FORMAT_ORDER = {"docx": 0, "pdf": 1, "text": 2}


def find_approved(new: S.Submission, archive: Path, pool: list[Candidate] | None = None
                  ) -> tuple[Candidate, list[Candidate]]:
    """The approved version and the runners-up close to it (other submissions, not other renderings
    of the same one); raises NoApprovedVersion naming the best candidates when none is convincing.
    ``pool``: the archive's submissions, read once for many lookups (see :func:`candidates_in`)."""
    if pool is None:
        candidates = candidates_in(archive, new)
    else:
        candidates = [Candidate(c.path, c.submission) for c in pool if not (
            c.submission.source.sha256 == new.source.sha256 and c.submission.source.filename == new.source.filename)]
    for c in candidates:
        c.score, c.evidence = score_candidate(new, c.submission)
    candidates = [c for c in candidates if not _is_new_itself(new, c.submission)]
    # one entry per submission, named by its most faithful rendering: .docx, then PDF, then text
    groups: dict[tuple, list[Candidate]] = {}
    for c in candidates:
        groups.setdefault(identity(c.submission), []).append(c)
    ranked = []
    for members in groups.values():
        members.sort(key=lambda c: (-c.score, _FORMAT_ORDER.get(c.submission.source.format, 3), c.path))
        best = members[0]
        others = [m.path for m in members[1:]]
        if others:
            best.evidence = best.evidence + [f"also as {', '.join(others)}"]
        ranked.append(best)
    ranked.sort(key=lambda c: (-c.score, c.path))
    if not ranked or ranked[0].score < CONVINCING:
        named = "; ".join(f"{c.path} ({c.score:.2f})" for c in ranked[:3]) or "no submissions there"
        raise NoApprovedVersion(str(archive), f"no convincing approved version (best: {named})")
    best = ranked[0]
    close = [c for c in ranked[1:] if best.score - c.score < CLOSE]
    return best, close
