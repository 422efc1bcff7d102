"""The intermediate representation every reader produces and the structure layer consumes.

Pages hold blocks; a block is a :class:`Paragraph` (a tuple of :class:`Run`) or a :class:`Table`
(a grid of :class:`Cell`, each cell holding blocks of its own, so nested tables are kept).
Readers know nothing of councils; the structure layer knows nothing of file formats.

Every style attribute is ``None`` where the source does not say (a text export carries no
styles), so later layers can answer "unknown" instead of "false" (design notes, Data flow).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal, Union

FontFamily = Literal["mincho", "gothic", "other"]
BBox = tuple[float, float, float, float]


@dataclass(frozen=True)
class Run:
    """A stretch of text with one set of styles, as the source gives it (not normalised)."""

    text: str
    bold: bool | None = None
    underline: bool | None = None
    font_family: FontFamily | None = None
    font_name: str | None = None
    inserted: bool | None = None  # tracked change: w:ins
    deleted: bool | None = None  # tracked change: w:del; kept out of Paragraph.text
    page: int | None = None
    bbox: BBox | None = None
    italic: bool | None = None
    # the text's colour as six hex digits (``FF0000``); None where the source gives none (a .docx
    # run in the automatic colour, a text export)
    color: str | None = None
    shading: bool | None = None  # the run's own background (highlight, run shading), not its cell's
    underline_kind: str | None = None  # "single", "double", … where underlined and the source says


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]
    style: str | None = None  # the source's style name ("Heading 1", "見出し 2") where it has one
    heading_level: int | None = None  # from the style or outline level, when the source says
    list_item: bool = False
    page: int | None = None
    bbox: BBox | None = None
    # where the source began a new line inside the paragraph (offsets into ``text``): a text export
    # joins the lines of a block, which may be wraps or a list one entry a line; empty where the
    # reader knows its lines were wraps
    line_starts: tuple[int, ...] = ()

    @property
    def lines(self) -> list[str]:
        """The paragraph's text cut where the source began new lines."""
        text, cuts = self.text, (0, *self.line_starts, len(self.text))
        return [text[a:b] for a, b in zip(cuts, cuts[1:]) if text[a:b].strip()]

    @cached_property  # an IR is never changed once built (frozen): its texts are computed once
    def text(self) -> str:
        """What a reader sees: every run except tracked deletions."""
        return "".join(r.text for r in self.runs if not r.deleted)


@dataclass(frozen=True)
class Cell:
    """A table cell at its top-left grid position; a merged cell appears once, with its spans."""

    row: int
    col: int
    blocks: tuple["Block", ...]
    row_span: int = 1
    col_span: int = 1

    @cached_property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        """Paragraphs of the cell in order, those of nested tables flattened in."""
        return tuple(iter_paragraphs(self.blocks))

    @cached_property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


@dataclass(frozen=True)
class Table:
    """``rows[i]`` lists the cells whose top-left corner lies in grid row ``i``."""

    rows: tuple[tuple[Cell, ...], ...]
    n_cols: int
    header_rows: int = 0  # rows the source marks as repeated header rows (w:tblHeader)
    page: int | None = None
    bbox: BBox | None = None

    @property
    def n_rows(self) -> int:
        return len(self.rows)


Block = Union[Paragraph, Table]


@dataclass(frozen=True)
class Warning:
    code: str
    message: str
    page: int | None = None


@dataclass(frozen=True)
class Page:
    number: int | None  # 1-based for paged formats, None for .docx and text exports
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Document:
    """One input file as read. ``pages`` is None when the format has no pages."""

    format: Literal["pdf", "docx", "xlsx", "image", "text"]  # a converted .doc is read as the docx it became
    pages: tuple[Page, ...]
    page_count: int | None = None
    warnings: tuple[Warning, ...] = field(default_factory=tuple)

    @property
    def blocks(self) -> tuple[Block, ...]:
        return tuple(b for p in self.pages for b in p.blocks)


def iter_paragraphs(blocks: tuple[Block, ...]):
    """Paragraphs of ``blocks`` in reading order, descending into table cells."""
    for block in blocks:
        if isinstance(block, Paragraph):
            yield block
        else:
            for row in block.rows:
                for cell in row:
                    yield from iter_paragraphs(cell.blocks)
