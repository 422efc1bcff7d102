"""What one output holds, in a line a person can scan and a record another tool can load.

Every kind of output (Submission, Minutes, Packet, OtherDocument) answers the same three questions: which kind it
is, what it is about (a title or the meeting), and how much it holds. Progress lines and logs say
only the kind and the counts; what it is about goes to outputs (``--jsonl``), never to stderr.
"""

from __future__ import annotations

from . import schema as S

KIND_NAMES = {S.Submission: "submission", S.Minutes: "minutes", S.Packet: "packet", S.OtherDocument: "other"}


def kind_of(result) -> str:
    return KIND_NAMES[type(result)]


def counts_of(result) -> dict[str, int]:
    """How many of each part the output holds."""
    if isinstance(result, S.Minutes):
        return {"attendees": len(result.attendees), "absentees": len(result.absentees),
                "materials": len(result.materials), "items": len(result.items),
                "outcomes": sum(1 for i in result.items if i.outcome), "turns": sum(len(i.turns) for i in result.items),
                "warnings": len(result.warnings)}
    if isinstance(result, S.Packet):
        return {"submissions": len(result.submissions), "warnings": len(result.warnings)}
    if isinstance(result, S.OtherDocument):
        return {"paragraphs": len(result.paragraphs), "tables": len(result.tables), "warnings": len(result.warnings)}
    return {"sections": len(result.sections), "fields": len(result.fields), "tables": len(result.tables),
            "procedures": len(result.procedures), "checklist": len(result.checklist),
            "marked": len(result.marked_changes), "warnings": len(result.warnings)}


def meeting_words(meeting) -> str | None:
    """``令和3年度第2回 狛江市個人情報保護審議会 2021-08-02``, from what the meeting object knows."""
    parts = []
    if meeting.fiscal_year is not None and meeting.session is not None:
        parts.append(f"FY{meeting.fiscal_year} #{meeting.session}")
    elif meeting.session is not None:
        parts.append(f"#{meeting.session}")
    parts += [p for p in (meeting.body, meeting.date) if p]
    return " ".join(parts) or None


def about(result) -> dict:
    """What a document is about, each part on its own (a submission's 件名, the minutes' title; the
    meeting's body, year, session and date), never joined into one string a tool has to take apart."""
    title, raw_title = ((result.title, result.raw_title) if isinstance(result, (S.Submission, S.Minutes, S.OtherDocument))
                        else (None, None))
    m = getattr(result, "meeting", None) or S.Meeting()  # a document of another kind names no meeting
    return {"title": title, "raw_title": raw_title, "body": m.body, "fiscal_year": m.fiscal_year,
            "session": m.session, "date": m.date}


def summary_line(result) -> str:
    """``docx submission, 10 sections, 16 fields, …``: the kind and its counts — for stderr, so none
    of the document's own words (its title, a meeting, a name): those go to outputs only."""
    counts = ", ".join(f"{n} {k}" for k, n in counts_of(result).items())
    return f"{result.source.format} {kind_of(result)}, {counts}"


def record(relative: str, result=None, *, status: str, code: str | None = None) -> dict:
    """A file's record in the batch manifest (and the head of its ``--jsonl`` line): file, kind,
    status, pages, what it is about, counts."""
    if result is None:
        return {"file": relative, "kind": None, "status": status, "code": code, "pages": None, "about": None,
                "counts": {}}
    return {"file": relative, "kind": kind_of(result), "status": status, "code": code,
            "pages": result.source.pages, "about": about(result), "counts": counts_of(result)}
