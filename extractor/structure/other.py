"""Is a read document a council submission at all? And if not, what it honestly says.

A document that is neither minutes nor a packet was read as a Submission; here that reading is
held against the evidence a submission carries (``models/vocabulary.json`` ``submission``): a term
that lays it before a council (付議, 諮問) in its title, a heading or its first lines, a label that
gives its subject (件名), a marking statement, a procedures table, a checklist or a heading naming
one, listed personal-data items, an agenda type. A document with none of it — a 官報 page, a notice,
a statistics release, a blank form — is an :class:`~extractor.schema.OtherDocument`: its paragraphs
as read, its tables as read, its title only where it states one, and a ``not_council_document``
warning; nothing a submission's reading guesses (headings by shape, fields, checklist measures,
marked passages, a meeting) is kept.
"""

from __future__ import annotations

from .. import schema as S
from ..ir import Document, Paragraph, Table
from ..normalize import normalize
from ..vocabulary import vocabulary


def submission_evidence(sub: S.Submission) -> list[str]:
    """What in a document read as a Submission says it is one, each piece named (empty: nothing).

    A document of which nothing was read (a scan with no text layer and no OCR) cannot say what it
    is: it is not judged (``["nothing read to judge by"]``) and stays the Submission it was read as,
    its reader's warning (``no_text_layer`` …) saying why it is empty."""
    if not sub.sections and not sub.tables:
        return ["nothing read to judge by"]
    v = vocabulary()["submission"]
    found = []
    texts = [sub.title or ""] + [s.heading for s in sub.sections if s.heading]
    texts += [line for s in sub.sections for line in s.text.split("\n") if line][:v["first_lines"]]
    terms = [t for t in v["terms"] if any(t in text for text in texts)]
    if terms:
        found.append("a term laying it before a council (" + "、".join(terms) + ")")
    labels = [f.key for f in sub.fields if f.key in v["labels"]]
    if labels:
        found.append("a subject label (" + "、".join(dict.fromkeys(labels)) + ")")
    if sub.change_marking is not None:
        found.append("a marking statement")
    if sub.procedures:
        found.append("a procedures table")
    if sub.checklist or any(w.code == "checklist_not_read" for w in sub.warnings):
        found.append("a checklist")
    if sub.personal_data:
        found.append("listed personal-data items")
    if sub.agenda.type not in (None, "other"):
        found.append(f"an agenda type ({sub.agenda.type})")
    return found


NOT_COUNCIL_MESSAGE = (
    "nothing in it says it is a council submission or minutes (no 付議 or 諮問 in its title, headings or first "
    "lines, no 件名, no marking statement, procedures, checklist, listed personal-data items or agenda type): "
    "read as another kind of document — its text and tables as they stand, nothing more")


def build_other(doc: Document, source: S.Source, generator: S.Generator, sub: S.Submission) -> S.OtherDocument:
    """The honest part of a document that is no council submission: every paragraph outside the tables
    in reading order, every table as read, the title it states (``sub``'s, which comes only from a 件名
    line or a cover heading naming a subject), the reader's warnings after ``not_council_document``."""
    from .continuation import join_document_continuations
    from .marking import Marking
    from .submission import _Walk

    doc = join_document_continuations(doc)
    # no marking: which passages are "changed" is a submission's question, not this document's
    walk = _Walk(Marking(known=False, styles=(), inferred=False, body_family=None))
    paragraphs: list[S.TextBlock] = []
    for page in doc.pages:
        for block in page.blocks:
            if isinstance(block, Paragraph):
                raw = block.text
                text = normalize(raw) or ""
                if text or raw.strip():
                    paragraphs.append(S.TextBlock(text=text, raw=raw.strip(), page=page.number))
            elif isinstance(block, Table):
                walk.table(block, page.number, None)
    tables = [t.model_copy(update={"caption": None}) for t in walk.tables]
    warnings = [S.Warning(code="not_council_document", message=NOT_COUNCIL_MESSAGE, page=None)]
    warnings += [S.Warning(code=w.code, message=w.message, page=w.page) for w in doc.warnings]
    generator = generator.model_copy(update={"models": {}})
    return S.OtherDocument(generator=generator, source=source, title=sub.title, raw_title=sub.raw_title,
                           paragraphs=paragraphs, tables=tables, warnings=warnings)
