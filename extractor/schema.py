"""Output models: the JSON contract of ``../shared/docs/output-contract.md`` as frozen pydantic models.

Every model rejects unknown keys. Keys the contract names are always present; ``None`` says the
document (or the reader) does not say, never "false". Parts that later stages fill (procedures,
checklist, personal data) are defined here already so the schema is whole from the start.
"""

from __future__ import annotations

import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field as PydField

SCHEMA_VERSION = "1.3.0"  # 1.2: source.format may be xlsx or image; 1.3: marking styles double_underline, italic, color, shading

Format = Literal["pdf", "docx", "xlsx", "image", "text"]
Style = Literal["bold", "underline", "double_underline", "italic", "color", "shading", "gothic", "inserted"]


class Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class Generator(Model):
    tool: str
    version: str
    taxonomy_version: str | None
    models: dict[str, str]


class Source(Model):
    filename: str = PydField(description="base name only, never a path")
    format: Format
    sha256: str
    pages: int | None = PydField(description="page count for paged formats, null for .docx and text")


class Meeting(Model):
    body: str | None = None
    fiscal_year: int | None = None
    session: int | None = None
    date: str | None = None
    document_number: str | None = None


AgendaType = Literal["external_connection", "external_provision", "purpose_outside_use", "outsourcing",
                     "indirect_collection", "sensitive_collection", "registration", "other"]


class Agenda(Model):
    type: AgendaType | None = PydField(None, description="null until the agenda has been recognised")
    basis: str | None = None
    departments: list[str] = []
    parent_title: str | None = None


class ChangeMarking(Model):
    statement: str
    reference: str | None
    styles: list[Style]


class Section(Model):
    heading: str | None = PydField(description="null for text before the first heading")
    level: int
    text: str
    page: int | None


class Field(Model):
    key: str
    value: str
    raw_value: str
    section: str | None
    marked: bool | None = PydField(description="null when the input carries no style information")
    marked_text: list[str]
    dates: list[str]
    refers_to: str | None


class Cell(Model):
    text: str
    raw: str
    marked: bool | None
    row_span: int
    col_span: int
    col: int = PydField(description="0-based grid column of the cell's top-left corner")


class Table(Model):
    id: str
    caption: str | None
    page: int | None
    header: list[str] | None = PydField(description=(
        "header text per grid column (\"\" where a span covers); the header row is not repeated in rows"))
    rows: list[list[Cell]]


class PersonalDataItem(Model):
    text: str
    raw: str
    item: str
    subject: str | None
    qualifiers: list[str]
    category: str | None
    category_label: str | None
    sensitivity: Literal["mynumber", "special_care", "identifier", "standard"] | None
    confidence: float | None
    method: Literal["lexicon", "similarity", "rule", "unknown"]


class Procedure(Model):
    no: int | None
    department: str | None
    name: str
    items: list[PersonalDataItem]
    grounds: list[int]
    grounds_text: dict[str, str]
    estimated_count: int | None
    uses_mynumber_card: bool
    online_payment: bool


class ChecklistEntry(Model):
    party: Literal["self", "counterparty", "other"]
    kind: Literal["operational", "technical", "other"]
    group: str
    measure: str
    raw_measure: str
    mark: str
    status: Literal["applies", "not_needed", "not_applied", "unmarked", "unknown"]
    page: int | None
    location: dict[str, str | int | None] = PydField(description=(
        "the table and row the entry stands in: {\"table\": id, \"row\": i} (added in 1.1.0)"))


class ItemList(Model):
    location: dict[str, str | int | None]
    procedure: str | None
    items: list[PersonalDataItem]


class PersonalDataSummary(Model):
    handles_mynumber: bool | None = PydField(None, description="null until items are classified")
    handles_special_care: bool | None = None
    handles_identifiers: bool | None = None
    counts: dict[str, int] = {}


class MarkedSpan(Model):
    text: str
    styles: list[Style]
    location: dict[str, str | int | None]


class Warning(Model):
    code: str
    message: str
    page: int | None


class Submission(Model):
    schema_name: Literal["council-submission"] = PydField("council-submission", alias="schema")
    schema_version: str = SCHEMA_VERSION
    generator: Generator
    source: Source
    title: str | None
    raw_title: str | None
    meeting: Meeting
    agenda: Agenda
    change_marking: ChangeMarking | None
    sections: list[Section]
    fields: list[Field]
    tables: list[Table]
    procedures: list[Procedure]
    checklist: list[ChecklistEntry]
    personal_data: list[ItemList]
    personal_data_summary: PersonalDataSummary
    marked_changes: list[MarkedSpan]
    warnings: list[Warning]


class Segment(Model):
    op: Literal["equal", "insert", "delete"]
    text: str


class Change(Model):
    path: str
    kind: Literal["added", "removed", "modified"]
    old: str | None
    new: str | None
    segments: list[Segment] = PydField(description="morpheme-level edit of a modified text; [] otherwise")
    marked: bool | None = PydField(description=(
        "true when all new text the change brings lies in passages the new version marks; false otherwise "
        "(always for a removal); null when the new version carries no style information"))


class DiffSummary(Model):
    added: int
    removed: int
    modified: int
    unmarked: int
    marked_unchanged: int


class SubmissionDiff(Model):
    schema_name: Literal["council-submission-diff"] = PydField("council-submission-diff", alias="schema")
    schema_version: str = SCHEMA_VERSION
    generator: Generator
    old: Source
    new: Source
    changes: list[Change]
    unmarked_changes: list[str] | None
    marked_unchanged: list[MarkedSpan]
    summary: DiffSummary


# -- minutes and packets ---------------------------------------------------------------------------

MINUTES_SCHEMA_VERSION = "1.0.0"
PACKET_SCHEMA_VERSION = "1.0.0"


class MinutesMeeting(Model):
    body: str | None = None
    fiscal_year: int | None = PydField(None, description="the 年度 the minutes state, else the one their date falls in")
    session: int | None = None
    date: str | None = None
    start_time: str | None = PydField(None, description="HH:MM, 24-hour")
    end_time: str | None = None
    place: str | None = None


class Attendee(Model):
    role: str | None = PydField(description="会長, 副会長, 委員, 事務局, 説明者 … as the minutes give it; null when they say none")
    title: str | None = PydField(description="post or office, e.g. 情報政策課長")
    name: str | None = PydField(description="the person's name; null for a group (事務局ほか7名)")


ItemKind = Literal["deliberation", "report", "other"]
OutcomeStatus = Literal["approved", "approved_with_conditions", "continued", "acknowledged", "rejected", "other"]


class Outcome(Model):
    status: OutcomeStatus
    text: str = PydField(description="the sentence that states the result")
    conditions: str | None = PydField(description="the condition or 附帯意見 an approval carries")


class Turn(Model):
    speaker: str
    role: str | None
    text: str


class MinutesItem(Model):
    kind: ItemKind
    number: str | None = PydField(description="e.g. 諮問第692号")
    label: str | None = PydField(description="the item's own mark in its list: ア, ①, 1, (1)")
    title: str
    departments: list[str]
    outcome: Outcome | None
    turns: list[Turn]


class Minutes(Model):
    schema_name: Literal["council-minutes"] = PydField("council-minutes", alias="schema")
    schema_version: str = MINUTES_SCHEMA_VERSION
    generator: Generator
    source: Source
    title: str | None
    meeting: MinutesMeeting
    attendees: list[Attendee]
    absentees: list[Attendee]
    materials: list[str]
    items: list[MinutesItem]
    warnings: list[Warning]


MINUTES_DIFF_SCHEMA_VERSION = "1.0.0"


class MinutesDiffSummary(Model):
    added: int
    removed: int
    modified: int


class MinutesDiff(Model):
    """``council diff OLD NEW`` of two minutes: what changed between two versions of the minutes of a
    meeting — the meeting, attendees and absentees, materials, items and their outcomes and turns."""

    schema_name: Literal["council-minutes-diff"] = PydField("council-minutes-diff", alias="schema")
    schema_version: str = MINUTES_DIFF_SCHEMA_VERSION
    generator: Generator
    old: Source
    new: Source
    changes: list[Change]
    summary: MinutesDiffSummary


class PacketPart(Model):
    first_page: int | None
    last_page: int | None
    submission: Submission


class Packet(Model):
    schema_name: Literal["council-packet"] = PydField("council-packet", alias="schema")
    schema_version: str = PACKET_SCHEMA_VERSION
    generator: Generator
    source: Source
    meeting: Meeting
    submissions: list[PacketPart]
    warnings: list[Warning]


def to_json(model: BaseModel) -> str:
    """The contract's serialisation: UTF-8 text, characters as they are (not ``\\u`` escapes), the models'
    key order, two-space indent, newline at end. pydantic's own serialiser writes the same text as
    ``json.dumps(model_dump(mode="json"), ensure_ascii=False, indent=2)`` five times faster (the
    standard library falls back to pure Python when asked to indent)."""
    return model.model_dump_json(by_alias=True, indent=2) + "\n"


def submission_json_schema() -> dict:
    schema = Submission.model_json_schema(by_alias=True, mode="serialization")
    schema["$id"] = f"council-submission/{SCHEMA_VERSION}"
    return schema


KINDS = {"submission": (Submission, SCHEMA_VERSION), "submission-diff": (SubmissionDiff, SCHEMA_VERSION),
         "minutes": (Minutes, MINUTES_SCHEMA_VERSION), "packet": (Packet, PACKET_SCHEMA_VERSION)}


def json_schema_text(diff: bool = False, kind: str | None = None) -> str:
    """The JSON Schema of one output kind (``submission``, ``submission-diff``, ``minutes``, ``packet``)."""
    kind = kind or ("submission-diff" if diff else "submission")
    model, version = KINDS[kind]
    schema = model.model_json_schema(by_alias=True, mode="serialization")
    schema["$id"] = f"council-{kind}/{version}"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
