"""IR → the contract's output: which kind of document it is (:func:`build_document`), and the builders
of each kind — a Submission (:mod:`.submission`), Minutes (:mod:`.minutes`), a Packet of several
submissions (:mod:`.packet`), a document of another kind (:mod:`.other`) — with the parts they share: agenda and meeting (:mod:`.agenda`),
checklists (:mod:`.checklist`), change marking (:mod:`.marking`), procedures (:mod:`.procedures`).

Format-blind: the same decisions are taken on every reader's output.
"""

from __future__ import annotations

from .. import schema as S
from ..ir import Document
from .submission import build_submission, heading_level, is_key_value, labelled_line, refers_to

__all__ = ["build_document", "build_submission", "heading_level", "is_key_value", "labelled_line", "refers_to"]


def build_document(doc: Document, source: S.Source, generator: S.Generator):
    """The contract's output for one read document, of the kind its content says: a Packet when it
    holds several submissions, Minutes when it reports a meeting, a Submission when something in it
    says it is one (:func:`.other.submission_evidence`), else an OtherDocument (a 官報 page, a notice,
    a report: its text and tables only). Minutes name their agenda's 諮問事項; only 資料-numbered
    headers make minutes-like pages a packet."""
    from .minutes import build_minutes, document_lines, is_minutes
    from .packet import split_packet

    minutes = is_minutes([line.raw for line in document_lines(doc)])
    parts = split_packet(doc, numbered_only=minutes)
    if parts is not None:
        submissions = [S.PacketPart(first_page=first, last_page=last,
                                    submission=build_submission(part, source, generator))
                       for part, first, last in parts]
        meeting = next((p.submission.meeting for p in submissions if p.submission.meeting.body), submissions[0].submission.meeting)
        meeting = meeting.model_copy(update={"document_number": None})
        generator = max((p.submission.generator for p in submissions), key=lambda g: len(g.models))
        return S.Packet(generator=generator, source=source, meeting=meeting, submissions=submissions,
                        warnings=[S.Warning(code=w.code, message=w.message, page=w.page) for w in doc.warnings])
    if minutes:
        return build_minutes(doc, source, generator)
    from .other import build_other, submission_evidence

    submission = build_submission(doc, source, generator)
    if submission_evidence(submission):
        return submission
    return build_other(doc, source, generator, submission)
