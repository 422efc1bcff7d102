"""Find the approved version of a new submission in an archive: ``council diff NEW --archive DIR``.

A revised submission says what it revises: its change-marking reference names the meeting that
approved the old version (``令和6年度第7回新宿区個人情報保護管理運営会議承認済``), its 別紙 carries
the approved item's 件名 (``agenda.parent_title``), and it keeps its title, 資料 number and
departments. Every submission in DIR (documents, converted JSON, packets opened) is scored on that
evidence; the one that can be the approved version, or whose evidence stands out from every other
that can, is chosen, and none when two fit equally well or none shares the title at the same council.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from .. import schema as S
from ..archive import ARCHIVE_SUFFIXES, LINKS, MANIFEST
from ..char_classes import era_year
from ..errors import CouncilError, NoApprovedVersion
from ..link import title_similarity

CLOSE = 0.1  # a runner-up within this of the best is as good: no choice is made between them
SHARED_TITLE = 0.6  # the title (or the parent title) similarity that says two submissions are about one thing
_REFERENCE = re.compile(r"(?P<era>令和|平成)(?P<y>\d+|元)年度\s*第(?P<n>\d+)回")
# the municipality a council belongs to, as its name or a reference writes it (川崎市, 杉並区, 柏市)
_MUNICIPALITY = re.compile(r"(?:^|回|\s)(?P<m>[^\s回第年度]{1,6}?(?:都|道|府|県|市|区|町|村|広域連合))(?=[^\s]*(?:会議|審議会|審査会|委員会))")


@dataclass
class Candidate:
    path: str  # relative to the archive, with #N for the N-th submission of a packet
    submission: S.Submission
    score: float = 0.0  # how well it fits, 0 to 1, as reported
    weight: float = 0.0  # the evidence's sum before the score is capped at 1: what candidates are ranked by
    evidence: list[str] = field(default_factory=list)
    stored: tuple[Path, int | None] | None = None  # (output, packet part) when only the catalogue's columns are held


def _meeting_of_reference(reference: str | None) -> tuple[int, int] | None:
    m = _REFERENCE.search(reference or "")
    if not m:
        return None
    year = 1 if m.group("y") == "元" else int(m.group("y"))
    return era_year(m.group("era"), year), int(m.group("n"))


def municipalities(text: str | None) -> set[str]:
    """The municipalities a council name or a reference names (``令和6年度第4回川崎市個人情報保護審議会承認済``
    → {川崎市}); empty when it names none (``個人情報保護管理運営会議``)."""
    return {m.group("m") for m in _MUNICIPALITY.finditer(text or "")}


def _approving_council(new: S.Submission) -> set[str]:
    """The municipality of the council that approved what ``new`` revises: the one its reference
    names, else its own council's."""
    reference = new.change_marking.reference if new.change_marking else None
    return municipalities(reference) or municipalities(new.meeting.body)


def _council_of(sub: S.Submission) -> set[str]:
    """Where a submission was laid: its meeting's council and the council its own reference names."""
    reference = sub.change_marking.reference if sub.change_marking else None
    return municipalities(sub.meeting.body) | municipalities(reference)


def _subject_similarity(new: S.Submission, title: str | None, parent_title: str | None) -> float:
    """How close a submission's subject is to ``new``'s: the closest of its title to NEW's title or
    parent 件名, and of its parent 件名 to NEW's parent 件名."""
    return max(title_similarity(new.title, title), title_similarity(new.agenda.parent_title, title),
               title_similarity(new.agenda.parent_title, parent_title))


def ineligible(new: S.Submission, old: S.Submission) -> str | None:
    """Why ``old`` cannot be the version ``new`` revises, or None: another council approved it, it
    is about something else, or it was itself approved at or after the meeting ``new`` names."""
    reference = new.change_marking.reference if new.change_marking else None
    approving = _approving_council(new)
    theirs = _council_of(old)
    if approving and theirs and not approving & theirs:
        return f"another council ({'、'.join(sorted(theirs))})"
    if _subject_similarity(new, old.title, old.agenda.parent_title) < SHARED_TITLE:
        return "another subject"
    approved_at = _meeting_of_reference(reference)
    own = _meeting_of_reference(old.change_marking.reference if old.change_marking else None)
    if approved_at and own and own >= approved_at:
        return "its own approval is not earlier"
    return None


def weigh_candidate(new: S.Submission, old: S.Submission) -> tuple[float, list[str]]:
    """The weight of the evidence that ``old`` is the version ``new`` revises, and what it is (0 when
    it cannot be that version at all). Up to 1.3: two candidates that both exceed 1 (approved at the
    meeting the reference names, same council and departments) are still told apart by how close their
    titles are."""
    why_not = ineligible(new, old)
    if why_not:
        return 0.0, [why_not]
    total, why = 0.0, []
    reference = new.change_marking.reference if new.change_marking else None
    meeting = _meeting_of_reference(reference)
    if meeting and (old.meeting.fiscal_year, old.meeting.session) == meeting:
        total += 0.4
        why.append(f"approved at FY{meeting[0]} #{meeting[1]} (the reference)")
    own = _meeting_of_reference(old.change_marking.reference if old.change_marking else None)
    if meeting and own and own < meeting:
        total += 0.1
        why.append(f"its own approval FY{own[0]} #{own[1]} is earlier")
    if _council_of(old) & _approving_council(new):
        total += 0.05
        why.append("same council")
    parent = new.agenda.parent_title
    if parent:
        sim = max(title_similarity(parent, old.agenda.parent_title), title_similarity(parent, old.title))
        if sim >= SHARED_TITLE:
            total += 0.3 * sim
            why.append(f"parent title {sim:.2f}")
    sim = title_similarity(new.title, old.title)
    if sim >= SHARED_TITLE:
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
    return round(total, 3), why


def _load(path: Path) -> list[S.Submission]:
    from .. import extract

    if path.suffix.lower() == ".json":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            return []
        if not isinstance(data, dict):
            return []
        try:
            if data.get("schema") == "council-submission":
                return [S.Submission.model_validate(data)]
            if data.get("schema") == "council-packet":
                return [p.submission for p in S.Packet.model_validate(data).submissions]
        except ValidationError:
            return []  # a JSON that does not validate (another tool's, a damaged one) is no candidate
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


NEAREST = 3  # submissions named as the nearest when none can be the approved version


def candidates_from_catalogue(archive: Path, new: S.Submission) -> list[Candidate] | None:
    """The candidates :func:`candidates_in` would give for a folder of council JSON, read from its
    catalogue (``catalogue.sqlite``, brought up to date first, so only outputs whose bytes changed are
    read). Only the submissions that share ``new``'s subject (the rest weigh 0 and could never be
    chosen), and the nearest few besides, are candidates, each holding what the lookup weighs (title,
    meeting, agenda, reference, source) until :func:`find_approved` loads the one it needs in full.
    None when the folder holds documents to extract or its catalogue cannot be written, so the caller
    reads the folder as before."""
    import sqlite3

    from ..archive import documents_to_extract
    from ..catalogue import CATALOGUE, index_archive

    if documents_to_extract(archive):
        return None
    try:
        index_archive(archive)
        con = sqlite3.connect((archive / CATALOGUE).resolve().as_uri() + "?mode=ro", uri=True)
    except (sqlite3.Error, OSError):
        return None
    try:
        rows = con.execute(
            "SELECT d.path, d.part, d.title, d.parent_title, d.body, d.fiscal_year, d.session, d.date, d.document_number,"
            " d.agenda_type, d.departments, d.reference, d.format, d.source_sha256, d.source_filename,"
            " (SELECT count(*) FROM documents e WHERE e.path = d.path) FROM documents d WHERE d.kind = 'submission'"
        ).fetchall()
    finally:
        con.close()
    ranked = sorted(((_subject_similarity(new, r[2], r[3]), r) for r in rows),
                    key=lambda x: (-x[0], x[1][0], x[1][1] if x[1][1] is not None else -1))
    chosen = [r for sim, r in ranked if sim >= SHARED_TITLE] or [r for _, r in ranked[:NEAREST]]
    out = []
    for (path, part, title, parent, body, fy, session, date, number, agenda_type, departments, reference, fmt,
         sha256, filename, parts) in chosen:
        if sha256 == new.source.sha256 and filename == new.source.filename:
            continue  # the new version itself (its JSON)
        sub = S.Submission.model_construct(
            source=S.Source.model_construct(filename=filename, format=fmt, sha256=sha256, pages=None), title=title,
            meeting=S.Meeting.model_construct(body=body, fiscal_year=fy, session=session, date=date,
                                              document_number=number),
            agenda=S.Agenda.model_construct(type=agenda_type, basis=None, departments=json.loads(departments or "[]"),
                                            parent_title=parent),
            change_marking=S.ChangeMarking.model_construct(statement="", reference=reference, styles=[])
            if reference else None)
        out.append(Candidate(path if parts <= 1 else f"{path}#{part}", sub, stored=(archive / path, part)))
    return out


def _in_full(c: Candidate) -> S.Submission:
    """A candidate's whole submission: read from its output when the catalogue gave only what is weighed."""
    if c.stored is None:
        return c.submission
    path, part = c.stored
    subs = _load(path)
    index = part or 0
    if index >= len(subs):
        raise NoApprovedVersion(str(path.parent), f"{c.path} changed while it was looked up or no longer validates; "
                                                  "run the lookup again, or extract its document again")
    c.submission, c.stored = subs[index], None
    return c.submission


def identity(sub: S.Submission) -> tuple:
    """What makes two files the same submission: its title at its meeting under its 資料 number,
    revising what its reference names (a revision and the version it revises may share the rest
    when neither prints its meeting)."""
    m = sub.meeting
    reference = sub.change_marking.reference if sub.change_marking else None
    return sub.title, m.document_number, m.fiscal_year, m.session, m.date, reference


def _is_new_itself(new: S.Submission, candidate: Candidate) -> bool:
    """Another rendering of NEW (its PDF beside its .docx): the same 資料 number at the same meeting,
    the same title, meeting and reference where neither names a previous approval, or, where the
    document has neither, nothing to tell them apart."""
    if identity(candidate.submission) != identity(new):
        return False
    if new.meeting.document_number or not (new.change_marking and new.change_marking.reference):
        return True  # nothing (資料 number aside) tells a revision from a rendering: the same submission
    from . import diff

    return not diff(_in_full(candidate), new).changes


_FORMAT_ORDER = {"docx": 0, "pdf": 1, "text": 2}


def find_approved(new: S.Submission, archive: Path, pool: list[Candidate] | None = None) -> Candidate:
    """The approved version; raises NoApprovedVersion naming the candidates when none can be it or
    two or more fit equally well (other submissions, not other renderings of the same one).
    ``pool``: the archive's submissions, read once for many lookups (see :func:`candidates_in`)."""
    if pool is None:
        candidates = candidates_from_catalogue(archive, new)
        if candidates is None:
            candidates = candidates_in(archive, new)
    else:
        candidates = [Candidate(c.path, c.submission) for c in pool if not (
            c.submission.source.sha256 == new.source.sha256 and c.submission.source.filename == new.source.filename)]
    for c in candidates:
        c.weight, c.evidence = weigh_candidate(new, c.submission)
        c.score = min(c.weight, 1.0)
    candidates = [c for c in candidates if not _is_new_itself(new, c)]
    # one entry per submission, named by its most faithful rendering: .docx, then PDF, then text
    groups: dict[tuple, list[Candidate]] = {}
    for c in candidates:
        groups.setdefault(identity(c.submission), []).append(c)
    ranked = []
    for members in groups.values():
        members.sort(key=lambda c: (-c.weight, _FORMAT_ORDER.get(c.submission.source.format, 3), c.path))
        best = members[0]
        others = [m.path for m in members[1:]]
        if others:
            best.evidence = best.evidence + [f"also as {', '.join(others)}"]
        ranked.append(best)
    ranked.sort(key=lambda c: (-c.weight, c.path))
    # the choice is relative to the archive: the one submission that can be the approved version,
    # or the one whose evidence stands out from every other that can
    eligible = [c for c in ranked if c.score > 0]
    if not eligible:
        named = "; ".join(f"{c.path} ({c.evidence[0] if c.evidence else 'no evidence'})" for c in ranked[:3])
        raise NoApprovedVersion(str(archive), "no submission there shares the title's meaning at the same "
                                f"council (nearest: {named or 'no submissions there'})")
    best = eligible[0]
    close = [c for c in eligible[1:] if best.weight - c.weight < CLOSE]
    if close:
        named = "; ".join(f"{c.path} ({c.weight:.2f})" for c in [best] + close[:2])
        raise NoApprovedVersion(str(archive), f"two or more submissions fit equally well ({named})")
    _in_full(best)
    return best
