"""Output models: the JSON contract of ``../shared/docs/output-contract.md`` as frozen pydantic models.

Every model rejects unknown keys. Keys the contract names are always present; ``None`` says the
document (or the reader) does not say, never "false". Parts that later stages fill (procedures,
checklist, personal data) are defined here already so the schema is whole from the start.
"""

from __future__ import annotations

import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field as PydField, model_validator

SCHEMA_VERSION = "1.5.0"  # 1.2: source.format may be xlsx or image; 1.3: marking styles double_underline, italic, color, shading; 1.4: sections' raw_heading and raw; 1.5: the printed heading is raw's first line, raw_heading withdrawn

Format = Literal["pdf", "docx", "xlsx", "image", "text"]
Style = Literal["bold", "underline", "double_underline", "italic", "color", "shading", "gothic", "inserted"]


class Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class Generator(Model):
    tool: str = PydField(description="the tool's name, council-extractor")
    version: str = PydField(description="the tool's version")
    taxonomy_version: str | None = PydField(
        description="the version of the personal-data taxonomy items were classified by, or null")
    models: dict[str, str] = PydField(
        description="the language models used, name to version (e.g. {\"ja_ginza\": \"5.3.0\"})")


class Source(Model):
    filename: str = PydField(description="base name only, never a path")
    format: Format = PydField(description="the input's format: pdf, docx, xlsx, image or text")
    sha256: str = PydField(description="SHA-256 of the input's bytes, hex")
    pages: int | None = PydField(description="page count for paged formats, null for .docx and text")


class Meeting(Model):
    body: str | None = PydField(None, description="the council as the document names it, e.g. 個人情報保護管理運営会議")
    fiscal_year: int | None = PydField(None, description="the fiscal year (年度), Western, e.g. 2024 for 令和6年度")
    session: int | None = PydField(None, description="the session number (回次)")
    date: str | None = PydField(None, description="the meeting's date, ISO YYYY-MM-DD")
    document_number: str | None = PydField(None, description="the document's number at the meeting, e.g. 資料46")


AgendaType = Literal["external_connection", "external_provision", "purpose_outside_use", "outsourcing",
                     "indirect_collection", "sensitive_collection", "registration", "other"]


class Agenda(Model):
    type: AgendaType | None = PydField(None, description="null until the agenda has been recognised")
    basis: str | None = PydField(None, description="the legal basis cited, e.g. 第3条第1項第3号（外部結合）")
    departments: list[str] = PydField(
        [], description="the departments named (担当部課, 担当課/保有課), as written, in order of first appearance, without duplicates")
    parent_title: str | None = PydField(None, description="the 件名 of the approved item this one amends, or null")


class ChangeMarking(Model):
    statement: str = PydField(description="the ※ sentence declaring how changes are marked")
    reference: str | None = PydField(
        description="what the changes are relative to, e.g. 令和6年度第7回…会議承認済; null when not said")
    styles: list[Style] = PydField(
        description="the styles the statement declares marks changes: bold, underline, gothic, …")


class Section(Model):
    # A minor version adds keys and never requires them: JSON written before the key existed must
    # still load (council diff OLD.json, --archive over an older batch), so an added key has a default.
    heading: str | None = PydField(description="null for text before the first heading")
    level: int = PydField(description="heading depth, 1 for the top level")
    text: str = PydField(description="the section's text, normalised")
    raw: str = PydField("", description="the section as printed, one paragraph a line: its heading first when it has one, then its text (added in 1.4.0; the heading joined it in 1.5.0)")
    page: int | None = PydField(description="1-based page of the heading, null for .docx and text")

    @model_validator(mode="before")
    @classmethod
    def _printed_heading_of_1_4(cls, data):
        """A 1.4.0 JSON kept the printed heading beside ``raw`` as ``raw_heading``; since 1.5.0 it is
        ``raw``'s first line. Its outputs still load (an archive, ``council diff OLD.json``)."""
        if isinstance(data, dict) and "raw_heading" in data:
            data = dict(data)
            printed = data.pop("raw_heading")
            data["raw"] = "\n".join(part for part in (printed, data.get("raw", "")) if part)
        return data


class Field(Model):
    key: str = PydField(description="the normalised label, e.g. 結合の開始時期と期間")
    value: str = PydField(description="the value, normalised")
    raw_value: str = PydField(description="the value as printed")
    section: str | None = PydField(description="the heading or table caption the field belongs to, or null")
    marked: bool | None = PydField(description="null when the input carries no style information")
    marked_text: list[str] = PydField(description="the substrings of the value marked as changed")
    dates: list[str] = PydField(description="ISO dates found in the value, in order")
    refers_to: str | None = PydField(
        description="when the value only points elsewhere (資料46-1のとおり), the thing it names; else null")


class Cell(Model):
    text: str = PydField(description="the cell's text, normalised")
    raw: str = PydField(description="the cell's text as printed")
    marked: bool | None = PydField(
        description="any part marked as changed; null when the input carries no style information")
    row_span: int = PydField(description="rows the cell spans (1 when not merged)")
    col_span: int = PydField(description="columns the cell spans (1 when not merged)")
    col: int = PydField(description="0-based grid column of the cell's top-left corner")


class Table(Model):
    id: str = PydField(description="stable within the document, e.g. t3")
    caption: str | None = PydField(
        description="the nearest preceding heading or 【…】 line, normalised, stacked labels joined with a space; or null")
    page: int | None = PydField(description="1-based page the table starts on, null for .docx and text")
    header: list[str] | None = PydField(description=(
        "header text per grid column (\"\" where a span covers); the header row is not repeated in rows"))
    rows: list[list[Cell]] = PydField(
        description="the body rows, each a list of cells; a cell covered by a merge appears once, at its top-left position")


class PersonalDataItem(Model):
    text: str = PydField(description="the item as listed, normalised, e.g. 資格喪失者の氏名")
    raw: str = PydField(description="the item as printed")
    item: str = PydField(description="the data item itself, e.g. 氏名")
    subject: str | None = PydField(description="whose data, e.g. 資格喪失者, or null")
    qualifiers: list[str] = PydField(description="qualifiers of the item, e.g. [\"任意\"], [\"選択式\"]")
    category: str | None = PydField(description="taxonomy id, e.g. identity.name; null only before classification")
    category_label: str | None = PydField(description="the category's Japanese label")
    sensitivity: Literal["mynumber", "special_care", "identifier", "standard"] | None = PydField(
        description="legal sensitivity: mynumber, special_care, identifier or standard")
    confidence: float | None = PydField(description="how sure the classification is, 0–1")
    method: Literal["lexicon", "similarity", "rule", "unknown"] = PydField(
        description="how it was classified: lexicon, similarity, rule or unknown")


class Procedure(Model):
    no: int | None = PydField(description="the row's number, or null")
    department: str | None = PydField(description="the department in charge, or null")
    name: str = PydField(description="the procedure's name (手続名)")
    items: list[PersonalDataItem] = PydField(description="its personal-data items, in document order")
    grounds: list[int] = PydField(description="the grounds it meets, as ints from ①②③ …")
    grounds_text: dict[str, str] = PydField(
        description="the legend's meaning of each ground when the document gives one, by ground number")
    estimated_count: int | None = PydField(description="the estimated yearly count, e.g. 1400 from 約1,400件, or null")
    uses_mynumber_card: bool = PydField(description="whether the procedure uses the My Number card")
    online_payment: bool = PydField(description="whether it takes payment online")


class ChecklistEntry(Model):
    party: Literal["self", "counterparty", "other"] = PydField(
        description="who takes the measure: self (区/市が行う), counterparty (結合先/委託先/提供先に行わせる) or other")
    kind: Literal["operational", "technical", "other"] = PydField(
        description="operational (運用上), technical (システム上) or other")
    group: str = PydField(description="the group heading, normalised")
    measure: str = PydField(description="the measure, normalised")
    raw_measure: str = PydField(description="the measure as printed")
    mark: str = PydField(description="the glyph as printed (○, ◯, －, ☑, \"\" …)")
    status: Literal["applies", "not_needed", "not_applied", "unmarked", "unknown"] = PydField(
        description="what the mark says: applies, not_needed, not_applied, unmarked or unknown")
    page: int | None = PydField(description="1-based page, null for .docx and text")
    location: dict[str, str | int | None] = PydField({}, description=(
        "the table and row the entry stands in: {\"table\": id, \"row\": i} (added in 1.1.0)"))


class ItemList(Model):
    location: dict[str, str | int | None] = PydField(
        description="where the list stands: {\"table\": id, \"row\": i, \"column\": header} or {\"field\": key}")
    procedure: str | None = PydField(description="the procedure the list belongs to, or null")
    items: list[PersonalDataItem] = PydField(description="the items, classified")


class PersonalDataSummary(Model):
    handles_mynumber: bool | None = PydField(None, description="null until items are classified")
    handles_special_care: bool | None = PydField(
        None, description="any item is special-care (要配慮) data; null until classified")
    handles_identifiers: bool | None = PydField(None, description="any item is an identifier; null until classified")
    counts: dict[str, int] = PydField({}, description="items per sensitivity")


class MarkedSpan(Model):
    text: str = PydField(description="the passage marked as changed")
    styles: list[Style] = PydField(description="the styles that mark it")
    location: dict[str, str | int | None] = PydField(
        description="where it stands: {\"page\", \"section\", \"field\"} or {\"page\", \"table\", \"row\", \"col\"}")


class Warning(Model):
    code: str = PydField(description="stable machine-readable code")
    message: str = PydField(description="what was degraded, in words")
    page: int | None = PydField(description="1-based page it concerns, or null")


class Submission(Model):
    schema_name: Literal["council-submission"] = PydField("council-submission", alias="schema",
                                                    description="fixed name: council-submission")
    schema_version: str = PydField(
        SCHEMA_VERSION, description="the output's schema version (semver; minor bump = additive change)")
    generator: Generator = PydField(description="what wrote this output")
    source: Source = PydField(description="the input file")
    title: str | None = PydField(description="the first 件名, normalised, or null")
    raw_title: str | None = PydField(description="the first 件名 as printed, or null")
    meeting: Meeting = PydField(description="what the document says of its meeting, each null when absent")
    agenda: Agenda = PydField(description="what the item is: type, basis, departments, parent title")
    change_marking: ChangeMarking | None = PydField(
        description="the marking statement, or null when the document declares none")
    sections: list[Section] = PydField(description="every heading-delimited part in reading order")
    fields: list[Field] = PydField(description="every key–value pair, from two-column tables or 見出し：値 lines")
    tables: list[Table] = PydField(description="every table, merged cells resolved")
    procedures: list[Procedure] = PydField(description="rows of a procedures table")
    checklist: list[ChecklistEntry] = PydField(description="every measure of a protection checklist, with its mark")
    personal_data: list[ItemList] = PydField(description="every place that lists personal-data items, classified")
    personal_data_summary: PersonalDataSummary = PydField(description="what the items add up to")
    marked_changes: list[MarkedSpan] = PydField(description="every passage the document marks as changed")
    warnings: list[Warning] = PydField(
        description="anything degraded (no text layer, cell merged across pages, unknown mark …)")


class Segment(Model):
    op: Literal["equal", "insert", "delete"] = PydField(description="equal, insert or delete")
    text: str = PydField(description="the run's text")


class Change(Model):
    path: str = PydField(
        description="where, built from keys (fields/<key>, procedures/<name>/…), segments escaped as in JSON Pointer")
    kind: Literal["added", "removed", "modified"] = PydField(description="added, removed or modified")
    old: str | None = PydField(description="the old text, or null")
    new: str | None = PydField(description="the new text, or null")
    segments: list[Segment] = PydField(description="morpheme-level edit of a modified text; [] otherwise")
    marked: bool | None = PydField(description=(
        "true when all new text the change brings lies in passages the new version marks; false otherwise "
        "(always for a removal); null when the new version carries no style information"))


class DiffSummary(Model):
    added: int = PydField(description="changes that add")
    removed: int = PydField(description="changes that remove")
    modified: int = PydField(description="changes that modify")
    unmarked: int = PydField(description="changes the new version does not mark")
    marked_unchanged: int = PydField(description="marked passages where nothing changed")


class SubmissionDiff(Model):
    schema_name: Literal["council-submission-diff"] = PydField("council-submission-diff", alias="schema",
                                                    description="fixed name: council-submission-diff")
    schema_version: str = PydField(SCHEMA_VERSION, description="the output's schema version (semver)")
    generator: Generator = PydField(description="what wrote this output")
    old: Source = PydField(description="the old version's source")
    new: Source = PydField(description="the new version's source")
    changes: list[Change] = PydField(description="every difference, structural first, then text")
    unmarked_changes: list[str] | None = PydField(
        description="paths of the changes the new version does not mark; null when it carries no style information")
    marked_unchanged: list[MarkedSpan] = PydField(description="passages marked as changed where nothing changed")
    summary: DiffSummary = PydField(description="counts")


# -- minutes and packets ---------------------------------------------------------------------------

MINUTES_SCHEMA_VERSION = "1.1.0"  # 1.1: raw siblings (raw_title, attendees' raw_name and raw_title, items' raw_title, turns' raw_speaker and raw)
PACKET_SCHEMA_VERSION = "1.0.0"


class MinutesMeeting(Model):
    body: str | None = PydField(None, description="the council as the minutes name it")
    fiscal_year: int | None = PydField(None, description="the 年度 the minutes state, else the one their date falls in")
    session: int | None = PydField(None, description="the session number (回次)")
    date: str | None = PydField(None, description="the meeting's date, ISO YYYY-MM-DD")
    start_time: str | None = PydField(None, description="HH:MM, 24-hour")
    end_time: str | None = PydField(None, description="HH:MM, 24-hour")
    place: str | None = PydField(None, description="where the meeting was held")


class Attendee(Model):
    role: str | None = PydField(description="会長, 副会長, 委員, 事務局, 説明者 … as the minutes give it; null when they say none")
    title: str | None = PydField(description="post or office, e.g. 情報政策課長")
    raw_title: str | None = PydField(None, description="the post as printed, null with title (added in 1.1.0)")
    name: str | None = PydField(description="the person's name, normalised for matching (old forms such as 髙 kept, spaces dropped); null for a group (事務局ほか7名)")
    raw_name: str | None = PydField(None, description="the name as printed, the space between family and given name kept; null with name (added in 1.1.0)")


ItemKind = Literal["deliberation", "report", "other"]
OutcomeStatus = Literal["approved", "approved_with_conditions", "continued", "acknowledged", "rejected", "other"]


class Outcome(Model):
    status: OutcomeStatus = PydField(
        description="the result: approved, approved_with_conditions, continued, acknowledged, rejected or other")
    text: str = PydField(description="the sentence that states the result")
    conditions: str | None = PydField(description="the condition or 附帯意見 an approval carries")


class Turn(Model):
    speaker: str = PydField(description="the speaker as the minutes write them, normalised")
    raw_speaker: str = PydField("", description="the speaker as printed (added in 1.1.0)")
    role: str | None = PydField(description="the speaker's role (会長, 委員 …), or null")
    text: str = PydField(description="what was said, normalised")
    raw: str = PydField("", description="what was said as printed, its lines joined (added in 1.1.0)")


class MinutesItem(Model):
    kind: ItemKind = PydField(description="deliberation (審議/諮問), report (報告) or other")
    number: str | None = PydField(description="e.g. 諮問第692号")
    label: str | None = PydField(description="the item's own mark in its list: ア, ①, 1, (1)")
    title: str = PydField(description="the item's title, normalised")
    raw_title: str = PydField("", description="the item's title as printed, its lines joined (added in 1.1.0)")
    departments: list[str] = PydField(description="the departments that present it")
    outcome: Outcome | None = PydField(description="what was decided, or null when the minutes say nothing")
    turns: list[Turn] = PydField(description="the speakers' turns on the item, in order")


class Minutes(Model):
    schema_name: Literal["council-minutes"] = PydField("council-minutes", alias="schema",
                                                    description="fixed name: council-minutes")
    schema_version: str = PydField(MINUTES_SCHEMA_VERSION, description="the output's schema version (semver)")
    generator: Generator = PydField(description="what wrote this output")
    source: Source = PydField(description="the input file")
    title: str | None = PydField(description="the minutes' title, normalised, or null")
    raw_title: str | None = PydField(None, description="the minutes' title as printed, or null (added in 1.1.0)")
    meeting: MinutesMeeting = PydField(description="the meeting the minutes record")
    attendees: list[Attendee] = PydField(description="who attended, in order")
    absentees: list[Attendee] = PydField(description="who was absent, in order")
    materials: list[str] = PydField(description="the materials listed (資料), one a line")
    items: list[MinutesItem] = PydField(description="the items taken up, in order")
    warnings: list[Warning] = PydField(description="anything degraded")


MINUTES_DIFF_SCHEMA_VERSION = "1.0.0"


class MinutesDiffSummary(Model):
    added: int = PydField(description="changes that add")
    removed: int = PydField(description="changes that remove")
    modified: int = PydField(description="changes that modify")


class MinutesDiff(Model):
    """``council diff OLD NEW`` of two minutes: what changed between two versions of the minutes of a
    meeting — the meeting, attendees and absentees, materials, items and their outcomes and turns."""

    schema_name: Literal["council-minutes-diff"] = PydField("council-minutes-diff", alias="schema",
                                                    description="fixed name: council-minutes-diff")
    schema_version: str = PydField(MINUTES_DIFF_SCHEMA_VERSION, description="the output's schema version (semver)")
    generator: Generator = PydField(description="what wrote this output")
    old: Source = PydField(description="the old version's source")
    new: Source = PydField(description="the new version's source")
    changes: list[Change] = PydField(
        description="every difference (title, meeting/…, attendees/…, absentees/…, materials/…, items/…), structural first, then text; marked is always null")
    summary: MinutesDiffSummary = PydField(description="counts")


class PacketPart(Model):
    first_page: int | None = PydField(description="1-based first page of the part, null for .docx and text")
    last_page: int | None = PydField(description="1-based last page of the part, null for .docx and text")
    submission: Submission = PydField(description="the part read as one submission")


class Packet(Model):
    schema_name: Literal["council-packet"] = PydField("council-packet", alias="schema",
                                                    description="fixed name: council-packet")
    schema_version: str = PydField(PACKET_SCHEMA_VERSION, description="the output's schema version (semver)")
    generator: Generator = PydField(description="what wrote this output")
    source: Source = PydField(description="the input file")
    meeting: Meeting = PydField(description="the meeting the packet is for")
    submissions: list[PacketPart] = PydField(description="one part per 資料-numbered header, in order")
    warnings: list[Warning] = PydField(description="anything degraded")


DOCUMENT_SCHEMA_VERSION = "1.0.0"


class TextBlock(Model):
    text: str = PydField(description="the paragraph's text, normalised")
    raw: str = PydField(description="the paragraph as printed")
    page: int | None = PydField(description="1-based page it stands on, null for .docx and text")


class OtherDocument(Model):
    """A document that is neither a council submission nor minutes (a 官報 page, a notice, a report, a
    blank form): only what it says, read as it stands — its text and tables — and nothing a
    submission's reading would have guessed (no meeting, agenda, fields, checklist or marking)."""

    schema_name: Literal["council-document"] = PydField("council-document", alias="schema",
                                                      description="fixed name: council-document")
    schema_version: str = PydField(DOCUMENT_SCHEMA_VERSION, description="the output's schema version (semver)")
    generator: Generator = PydField(description="what wrote this output")
    source: Source = PydField(description="the input file")
    title: str | None = PydField(description=(
        "the title the document states (a 件名 line, or a one-line heading naming its subject …について), "
        "normalised; null when it states none — never guessed from its first line"))
    raw_title: str | None = PydField(description="the same title as printed, or null")
    paragraphs: list[TextBlock] = PydField(description=(
        "every paragraph outside the tables, in reading order, none left out and none taken as a heading"))
    tables: list[Table] = PydField(description="every table as read, merged cells resolved (captions null: nothing is guessed)")
    warnings: list[Warning] = PydField(description=(
        "not_council_document first (why the document was not read as a submission or minutes), then "
        "anything degraded (vertical text, no text layer …)"))


def to_json(model: BaseModel) -> str:
    """The contract's serialisation: UTF-8 text, characters as they are (not ``\\u`` escapes), the models'
    key order, two-space indent, newline at end. pydantic's own serialiser writes the same text as
    ``json.dumps(model_dump(mode="json"), ensure_ascii=False, indent=2)`` five times faster (the
    standard library falls back to pure Python when asked to indent)."""
    return model.model_dump_json(by_alias=True, indent=2) + "\n"


# -- what council batch and council link write beside the outputs ---------------------------------

LINKS_SCHEMA_VERSION = "1.1.0"  # 1.1: renderings of one document count once (renderings, submission_renderings)
MANIFEST_SCHEMA_VERSION = "2.1.0"  # 2.0: a record's about is an object; 2.1: a record's kind may be other
RECORD_SCHEMA_VERSION = "2.1.0"  # 2.0: about an object; a line per document, its renderings grouped, the whole output; 2.1: kind other, document a council-document
BatchStatus = Literal["converted", "failed", "not_read"]


class About(Model):
    """What a document is about, each part in its own key."""

    title: str | None = PydField(description="a submission's first 件名, the minutes' title or the title another document states, normalised; null for a packet")
    raw_title: str | None = PydField(description="the same title as printed, or null")
    body: str | None = PydField(description="the council the document names, or null")
    fiscal_year: int | None = PydField(description="the fiscal year (年度), Western, or null")
    session: int | None = PydField(description="the session number (回次), or null")
    date: str | None = PydField(description="the meeting's date, ISO YYYY-MM-DD, or null")


class Record(Model):
    """A manifest entry's ``record`` (and the head of each ``--jsonl`` line)."""

    file: str = PydField(description="the input's path relative to the batch's input folder")
    kind: Literal["submission", "minutes", "packet", "other"] | None = PydField(
        description="what the input reads as (other: a document that is not a council submission or minutes, "
                    "added in 2.1.0); null when it was not converted")
    status: BatchStatus = PydField(description="converted, failed, or not_read (not a document this tool reads)")
    code: str | None = PydField(description="the error's stable code when not converted, else null")
    pages: int | None = PydField(description="page count for paged formats, else null")
    about: About | None = PydField(description="what the document is about (title, meeting), each part in its own key; null when not converted")
    counts: dict[str, int] = PydField(description="how many of each part the output holds (sections, fields, …)")


class JsonlRecord(Record):
    """One line of ``council batch --jsonl``: one document, its renderings (a .docx and the PDFs made
    from it) on one line, with the whole output of its most faithful rendering."""

    renderings: list[str] = PydField(description=(
        "the other renderings of the same document (its PDFs beside a .docx), by relative path; "
        "file is the most faithful one (.docx, then PDF, then text)"))
    document: dict | None = PydField(description=(
        "the whole output of file (a council-submission, council-minutes, council-packet or council-document, "
        "as OUT holds it); "
        "null when not converted"))


class ManifestEntry(Model):
    status: BatchStatus = PydField(description="converted (or skipped by --resume: still converted), failed or not_read")
    sha256: str | None = PydField(description="SHA-256 of the input's bytes, hex")
    tool_version: str = PydField(description="the version of council that handled the input")
    seconds: float = PydField(description="how long the input took, rounded to 3 decimals")
    code: str | None = PydField(description="the error's stable code when not converted, else null")
    message: str | None = PydField(description="the one-line error when not converted, else null")
    record: Record | None = PydField(description="the input's --jsonl record")


class Manifest(Model):
    """``OUT/batch-manifest.json``: every input of a batch with its outcome."""

    tool: str = PydField(description="the tool's name, council-extractor")
    tool_version: str = PydField(description="the version that wrote the manifest")
    input: str = PydField(description="the name of the input folder (not its path)")
    converted: int = PydField(description="inputs converted in this run (not counting skipped ones)")
    failed: int = PydField(description="inputs that failed")
    skipped: int = PydField(description="inputs converted before from the same bytes (--resume)")
    not_read: int = PydField(description="files that are not documents this tool reads")
    interrupted: bool = PydField(description="the batch was interrupted (Ctrl-C, SIGTERM) before every input was reached")
    not_done: list[str] = PydField(description="the inputs an interrupted batch did not reach, by relative path "
                                               "(empty when it finished); --resume does them")
    files: dict[str, ManifestEntry] = PydField(description="every input by its relative path, in order")


class Link(Model):
    minutes: str = PydField(description="the minutes' JSON, relative to the batch output (its most faithful rendering)")
    renderings: list[str] = PydField(description="the other renderings of the same minutes (added in 1.1.0)")
    item: int = PydField(description="the item's index in the minutes' items, from 0")
    number: str | None = PydField(description="the item's 諮問 number, e.g. 諮問第692号, or null")
    title: str | None = PydField(description="the item's title")
    outcome: OutcomeStatus | None = PydField(description="the item's outcome status, or null")
    submission: str = PydField(description="the submission's JSON (a packet's, with part), its most faithful rendering")
    part: int | None = PydField(description="the index in a packet's submissions, null for a lone submission")
    submission_renderings: list[str] = PydField(
        description="the other renderings of the same submission, as FILE or FILE#N (added in 1.1.0)")
    how: list[str] = PydField(description="the evidence: title (or title~similarity), number, document_number, meeting")
    score: float = PydField(description="how sure the link is, 0–1")
    ambiguous: bool = PydField(description="another submission scored within 0.1 of this one")


class UnmatchedItem(Model):
    minutes: str = PydField(description="the minutes' JSON, relative to the batch output")
    renderings: list[str] = PydField(description="the other renderings of the same minutes (added in 1.1.0)")
    item: int = PydField(description="the item's index in the minutes' items, from 0")
    number: str | None = PydField(description="the item's 諮問 number, or null")
    title: str | None = PydField(description="the item's title")
    outcome: OutcomeStatus | None = PydField(description="the item's outcome status, or null")


class UnmatchedSubmission(Model):
    submission: str = PydField(description="the submission's JSON, relative to the batch output")
    part: int | None = PydField(description="the index in a packet's submissions, null for a lone submission")
    renderings: list[str] = PydField(description="the other renderings of the same submission (added in 1.1.0)")
    title: str | None = PydField(description="the submission's title")


class Links(Model):
    """``links.json`` that ``council link`` writes: minutes items matched to the submissions they decided."""

    schema_name: Literal["council-links"] = PydField("council-links", alias="schema",
                                                     description="fixed name: council-links")
    schema_version: str = PydField(LINKS_SCHEMA_VERSION, description="the output's schema version (semver)")
    links: list[Link] = PydField(description="each minutes item matched to its submission")
    unmatched_items: list[UnmatchedItem] = PydField(description="items no submission matched above the threshold")
    unmatched_submissions: list[UnmatchedSubmission] = PydField(description="submissions no item matched")


SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_BASE = "https://council-extractor.invalid/schema"  # $id: SCHEMA_BASE/council-<kind>/<version>.json

KINDS = {"submission": (Submission, SCHEMA_VERSION), "submission-diff": (SubmissionDiff, SCHEMA_VERSION),
         "minutes": (Minutes, MINUTES_SCHEMA_VERSION), "minutes-diff": (MinutesDiff, MINUTES_DIFF_SCHEMA_VERSION),
         "packet": (Packet, PACKET_SCHEMA_VERSION), "links": (Links, LINKS_SCHEMA_VERSION),
         "batch-manifest": (Manifest, MANIFEST_SCHEMA_VERSION), "batch-record": (JsonlRecord, RECORD_SCHEMA_VERSION),
         "document": (OtherDocument, DOCUMENT_SCHEMA_VERSION)}


def schema_id(kind: str) -> str:
    """The URI that names one kind's schema at its version."""
    return f"{SCHEMA_BASE}/council-{kind}/{KINDS[kind][1]}.json"


def json_schema(kind: str = "submission") -> dict:
    model, _ = KINDS[kind]
    schema = model.model_json_schema(by_alias=True, mode="serialization")
    return {"$schema": SCHEMA_DIALECT, "$id": schema_id(kind), **schema}


def submission_json_schema() -> dict:
    return json_schema("submission")


def json_schema_text(diff: bool = False, kind: str | None = None) -> str:
    """The JSON Schema (draft 2020-12) of one output kind (see KINDS)."""
    kind = kind or ("submission-diff" if diff else "submission")
    return json.dumps(json_schema(kind), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
