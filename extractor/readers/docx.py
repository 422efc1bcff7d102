"""Word .docx → IR, with python-docx for the package and lxml where python-docx does not reach.

python-docx gives ``None`` for inherited bold, repeats merged cells at every grid position and
does not see content controls or tracked changes (design notes, "Readers: known traps"), so the
body is walked as XML here, in document order, and run properties are resolved through the
cascade docDefaults → paragraph style → character style → direct formatting.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from lxml import etree

from ..char_classes import EMPTY_BOX, WORD_CHECKED_BOX
from ..errors import CorruptDocument, EmptyDocument
from ..fonts import font_family_of
from ..glyphs import symbol_glyph
from ..ir import Block, Cell, Document, Page, Paragraph, Run, Table, iter_paragraphs

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"


@lru_cache(maxsize=None)
def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def wval(el, attr: str = "val") -> str | None:
    return None if el is None else el.get(w(attr))


# Word's own glyphs for a content-control checkbox when the control names none (☒ / ☐).
CHECKED_GLYPH, UNCHECKED_GLYPH = WORD_CHECKED_BOX, EMPTY_BOX

def _on(el) -> bool | None:
    """A toggle property element (w:b, w:strike …): absent → None, present → its boolean value."""
    if el is None:
        return None
    return wval(el) not in ("0", "false", "off")


def _colour(value: str | None) -> str | None:
    """A w:color / w:fill value as six upper-case hex digits; None for ``auto`` or no colour."""
    if not value or value.lower() == "auto" or len(value) != 6:
        return None
    try:
        int(value, 16)
    except ValueError:
        return None
    return value.upper()


def _shaded(shd) -> bool:
    """A w:shd that paints a background: a fill other than auto or white, or a pattern in a colour."""
    fill = _colour(wval(shd, "fill"))
    if fill and fill != "FFFFFF":
        return True
    pattern = wval(shd, "val")
    return bool(pattern and pattern not in ("clear", "nil") and _colour(wval(shd, "color")) not in (None, "FFFFFF"))


@dataclass
class RunProps:
    bold: bool | None = None
    underline: bool | None = None
    east_asia_font: str | None = None
    ascii_font: str | None = None
    italic: bool | None = None
    color: str | None = None
    shading: bool | None = None  # the run's highlight or shading (w:highlight, w:shd in its w:rPr)
    underline_kind: str | None = None  # w:u's value: single, double, thick, wave …

    def apply(self, rpr, theme: dict[str, str]) -> "RunProps":
        """These properties overlaid with what ``rpr`` (a w:rPr element) sets explicitly."""
        if rpr is None:
            return self
        out = RunProps(self.bold, self.underline, self.east_asia_font, self.ascii_font, self.italic, self.color,
                       self.shading, self.underline_kind)
        b = _on(rpr.find(w("b")))
        if b is not None:
            out.bold = b
        i = _on(rpr.find(w("i")))
        if i is not None:
            out.italic = i
        u = rpr.find(w("u"))
        if u is not None:
            out.underline = wval(u) != "none"
            out.underline_kind = (wval(u) or "single") if out.underline else None
        color = rpr.find(w("color"))
        if color is not None:
            out.color = _colour(wval(color))
        highlight = rpr.find(w("highlight"))
        shd = rpr.find(w("shd"))
        if highlight is not None or shd is not None:
            out.shading = bool((highlight is not None and wval(highlight) not in (None, "none"))
                               or (shd is not None and _shaded(shd)))
        fonts = rpr.find(w("rFonts"))
        if fonts is not None:
            ea = wval(fonts, "eastAsia") or theme.get(wval(fonts, "eastAsiaTheme") or "")
            asc = wval(fonts, "ascii") or theme.get(wval(fonts, "asciiTheme") or "")
            if ea:
                out.east_asia_font = ea
            if asc:
                out.ascii_font = asc
        return out


@dataclass
class Styles:
    """styles.xml and the theme fonts, with the cascade resolved once per style id."""

    by_id: dict[str, etree._Element]
    defaults: RunProps
    default_paragraph: str | None
    theme: dict[str, str]
    _para_cache: dict[str | None, RunProps] = field(default_factory=dict)
    _char_cache: dict[str | None, RunProps] = field(default_factory=dict)
    _chains: dict[str | None, list] = field(default_factory=dict)
    _ppr_cache: dict[tuple, etree._Element | None] = field(default_factory=dict)

    def _chain(self, style_id: str | None) -> list[etree._Element]:
        """The style and its basedOn ancestors, root first (cycles cut); once per style."""
        if style_id not in self._chains:
            self._chains[style_id] = self._walk_chain(style_id)
        return self._chains[style_id]

    def _walk_chain(self, style_id: str | None) -> list[etree._Element]:
        chain, seen = [], set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            el = self.by_id[style_id]
            chain.append(el)
            style_id = wval(el.find(w("basedOn")))
        return chain[::-1]

    def paragraph_props(self, style_id: str | None) -> RunProps:
        style_id = style_id or self.default_paragraph
        if style_id not in self._para_cache:
            props = self.defaults
            for el in self._chain(style_id):
                props = props.apply(el.find(w("rPr")), self.theme)
            self._para_cache[style_id] = props
        return self._para_cache[style_id]

    def character_props(self, base: RunProps, style_id: str | None) -> RunProps:
        for el in self._chain(style_id):
            base = base.apply(el.find(w("rPr")), self.theme)
        return base

    def name(self, style_id: str | None) -> str | None:
        el = self.by_id.get(style_id or self.default_paragraph or "")
        return wval(el.find(w("name"))) if el is not None else None

    def paragraph_ppr_value(self, style_id: str | None, tag: str) -> etree._Element | None:
        """The nearest w:pPr/<tag> along the paragraph style chain; once per style and tag."""
        key = (style_id or self.default_paragraph, tag)
        if key not in self._ppr_cache:
            self._ppr_cache[key] = next((found for el in reversed(self._chain(key[0]))
                                         if (found := el.find(f"{w('pPr')}/{w(tag)}")) is not None), None)
        return self._ppr_cache[key]


# no entity expansion, no DTD, no network: an XML part is data, never instructions (XXE, billion laughs)
_SAFE_XML = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False)


def _theme_fonts(blob: bytes | None) -> dict[str, str]:
    """Theme font slots (``minorEastAsia`` …) → typeface, from the document's theme part."""
    if blob is None:
        return {}
    try:
        root = etree.fromstring(blob, _SAFE_XML)
    except etree.XMLSyntaxError:  # an entity it would not resolve, or plain damage: no theme fonts
        return {}
    fonts: dict[str, str] = {}
    for slot in ("major", "minor"):
        scheme = root.find(f".//{{{A}}}{slot}Font")
        if scheme is None:
            continue
        latin = scheme.find(f"{{{A}}}latin")
        ea = scheme.find(f"{{{A}}}ea")
        jpan = scheme.find(f"{{{A}}}font[@script='Jpan']")
        ea_face = (ea.get("typeface") if ea is not None else "") or (
            jpan.get("typeface") if jpan is not None else "")
        latin_face = latin.get("typeface") if latin is not None else ""
        fonts[f"{slot}EastAsia"] = ea_face
        fonts[f"{slot}Ascii"] = fonts[f"{slot}HAnsi"] = latin_face
    return fonts


@dataclass(frozen=True)
class _Package:
    """The parts of a Word package the reader reads: the main document, its styles and theme."""

    document: etree._Element
    styles: bytes | None
    theme: bytes | None


def _open_package(path: Path) -> _Package:
    """The main document part, parsed, and the bytes of its styles and theme parts, found through the
    package's relationships with python-docx's OPC reader. Only these parts are inflated and parsed:
    python-docx's ``Document()`` reads every part (a template's 400 KB stylesWithEffects.xml too),
    which cost more than reading the document itself."""
    from docx.opc.constants import CONTENT_TYPE as CT, RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PACKAGE_URI
    from docx.opc.phys_pkg import PhysPkgReader
    from docx.opc.pkgreader import PackageReader, _ContentTypeMap
    from docx.oxml.parser import parse_xml

    reader = PhysPkgReader(str(path))
    try:
        main = next(r for r in PackageReader._srels_for(reader, PACKAGE_URI)
                    if r.reltype == RT.OFFICE_DOCUMENT and not r.is_external).target_partname
        content_type = _ContentTypeMap.from_xml(reader.content_types_xml)[main]
        if content_type != CT.WML_DOCUMENT_MAIN:  # as python-docx's Document() refuses it
            raise ValueError(f"not a Word file, content type is '{content_type}'")
        targets = {}
        for rel in PackageReader._srels_for(reader, main):
            if not rel.is_external and rel.reltype in (RT.STYLES, RT.THEME):
                targets.setdefault(rel.reltype, rel.target_partname)

        def blob(reltype: str) -> bytes | None:
            return reader.blob_for(targets[reltype]) if reltype in targets else None

        return _Package(parse_xml(reader.blob_for(main)), blob(RT.STYLES), blob(RT.THEME))
    finally:
        reader.close()


_STYLES_CACHE: dict[str, Styles] = {}  # a template's styles, parsed once per process (by their bytes)


def _load_styles(package: _Package) -> Styles:
    """The cascade of the package's styles; a package without a styles part gets python-docx's default
    ones, as ``Document().styles`` gives them. Documents made from one template share its styles byte
    for byte: those are parsed once."""
    import hashlib

    from docx.oxml.parser import parse_xml
    from docx.parts.styles import StylesPart

    styles_xml = package.styles if package.styles is not None else StylesPart._default_styles_xml()
    key = hashlib.sha1(styles_xml + b"\0" + (package.theme or b"")).hexdigest()
    if key not in _STYLES_CACHE:
        if len(_STYLES_CACHE) >= 32:
            _STYLES_CACHE.pop(next(iter(_STYLES_CACHE)))
        theme = _theme_fonts(package.theme)
        root = parse_xml(styles_xml)
        by_id = {el.get(w("styleId")): el for el in root.iter(w("style"))}
        defaults = RunProps().apply(root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}"), theme)
        default_paragraph = None
        for sid, el in by_id.items():
            if el.get(w("type")) == "paragraph" and el.get(w("default")) in ("1", "true"):
                default_paragraph = sid
        _STYLES_CACHE[key] = Styles(by_id, defaults, default_paragraph, theme)
    return _STYLES_CACHE[key]


def _is_east_asian(text: str) -> bool:
    return any(ord(ch) >= 0x2000 for ch in text)


@dataclass
class _Ctx:
    styles: Styles
    deferred: list[Block] = field(default_factory=list)  # text-box content, emitted after its paragraph


class DocxReader:
    """Reads one .docx; ``read()`` returns the IR :class:`Document`."""

    def __init__(self, path: Path):
        self.path = path

    def read(self) -> Document:
        try:
            package = _open_package(self.path)
        except Exception as exc:  # python-docx raises its own PackageNotFoundError, KeyError, lxml's errors …
            raise CorruptDocument(self.path.name, f"not a readable Word document ({type(exc).__name__}: "
                                  f"{str(exc)[:120]})")
        try:
            return self._read(package)
        except Exception as exc:
            # a damaged package python-docx opened but cannot walk (a part of the wrong content type, a
            # mangled relationship) fails inside python-docx or lxml: that is the file's fault; anything
            # failing in this module's own code is a bug and goes on as one
            if _raised_in_library(exc):
                raise CorruptDocument(self.path.name, f"a damaged Word package ({type(exc).__name__}: "
                                      f"{str(exc)[:120]})") from exc
            raise

    def _read(self, package: _Package) -> Document:
        ctx = _Ctx(_load_styles(package))
        blocks = tuple(self._blocks(package.document.find(w("body")), ctx))
        if not any(p.text.strip() for p in iter_paragraphs(blocks)):
            raise EmptyDocument(self.path.name, "the Word document holds no text")
        return Document(format="docx", pages=(Page(number=None, blocks=blocks),), page_count=None)

    # -- block level -------------------------------------------------------------------------

    def _blocks(self, parent, ctx: _Ctx):
        for child in parent:
            tag = child.tag
            if tag == w("p"):
                yield self._paragraph(child, ctx)
                if ctx.deferred:
                    deferred, ctx.deferred = ctx.deferred, []
                    yield from deferred
            elif tag == w("tbl"):
                yield self._table(child, ctx)
            elif (content := _wrapper_content(child)) is not None:
                yield from self._blocks(content, ctx)

    def _paragraph(self, p, ctx: _Ctx) -> Paragraph:
        ppr = p.find(w("pPr"))
        style_id = wval(ppr.find(w("pStyle"))) if ppr is not None else None
        styles = ctx.styles
        base = styles.paragraph_props(style_id)
        runs: list[Run] = []
        self._inline(p, ctx, base, runs, inserted=None, deleted=None, field_state=[])
        name = styles.name(style_id)
        outline = ppr.find(w("outlineLvl")) if ppr is not None else None
        if outline is None:
            outline = styles.paragraph_ppr_value(style_id, "outlineLvl")
        level = None
        if outline is not None and (wval(outline) or "").isdigit() and int(wval(outline)) < 9:
            level = int(wval(outline)) + 1
        elif name and name.lower() == "title":
            level = 1
        numpr = ppr.find(w("numPr")) if ppr is not None else None
        if numpr is None:
            numpr = styles.paragraph_ppr_value(style_id, "numPr")
        return Paragraph(runs=tuple(_merge_runs(runs)), style=name, heading_level=level,
                         list_item=numpr is not None)

    # -- inline level --------------------------------------------------------------------------

    def _inline(self, parent, ctx, base, runs, *, inserted, deleted, field_state):
        for child in parent:
            tag = child.tag
            if tag == w("r"):
                self._run(child, ctx, base, runs, inserted, deleted, field_state)
            elif tag in (w("ins"), w("moveTo")):
                self._inline(child, ctx, base, runs, inserted=True, deleted=deleted, field_state=field_state)
            elif tag in (w("del"), w("moveFrom")):
                self._inline(child, ctx, base, runs, inserted=inserted, deleted=True, field_state=field_state)
            elif tag == w("sdt"):
                glyph = _checkbox_glyph(child)
                content = child.find(w("sdtContent"))
                if glyph is not None:
                    first = content.find(f".//{w('r')}") if content is not None else None
                    props = self._props(first, ctx, base) if first is not None else base
                    runs.append(self._make_run(glyph, props, inserted, deleted))
                elif content is not None:
                    self._inline(content, ctx, base, runs, inserted=inserted, deleted=deleted,
                                 field_state=field_state)
            elif tag in (w("hyperlink"), w("smartTag"), w("customXml"), w("fldSimple"), w("dir"), w("bdo")):
                self._inline(child, ctx, base, runs, inserted=inserted, deleted=deleted, field_state=field_state)

    def _props(self, r, ctx: _Ctx, base: RunProps) -> RunProps:
        rpr = r.find(w("rPr"))
        if rpr is None:
            return base
        char_style = wval(rpr.find(w("rStyle")))
        props = ctx.styles.character_props(base, char_style) if char_style else base
        return props.apply(rpr, ctx.styles.theme)

    def _make_run(self, text: str, props: RunProps, inserted, deleted) -> Run:
        font = props.east_asia_font if _is_east_asian(text) else (props.ascii_font or props.east_asia_font)
        return Run(text=text, bold=bool(props.bold), underline=bool(props.underline),
                   font_family=font_family_of(font),
                   font_name=font, inserted=inserted or None, deleted=deleted or None,
                   italic=bool(props.italic), color=props.color, shading=bool(props.shading),
                   underline_kind=(props.underline_kind or "single") if props.underline else None)

    def _run(self, r, ctx, base, runs, inserted, deleted, field_state):
        props = self._props(r, ctx, base)
        parts: list[str] = []

        def flush():
            if parts:
                runs.append(self._make_run("".join(parts), props, inserted, deleted))
                parts.clear()

        for child in r:
            tag = child.tag
            in_instruction = bool(field_state) and field_state[-1] == "instr"
            if tag == w("fldChar"):
                kind = wval(child, "fldCharType")
                if kind == "begin":
                    field_state.append("instr")
                    glyph = _form_checkbox_glyph(child)
                    if glyph is not None:
                        parts.append(glyph)
                elif kind == "separate" and field_state:
                    field_state[-1] = "result"
                elif kind == "end" and field_state:
                    field_state.pop()
            elif in_instruction:
                continue  # field codes (w:instrText) are not what a reader sees
            elif tag in (w("t"), w("delText")):
                parts.append(child.text or "")
            elif tag == w("tab") or tag == w("ptab"):
                parts.append("\t")
            elif tag in (w("br"), w("cr")):
                if wval(child, "type") != "page":
                    parts.append("\n")
            elif tag == w("noBreakHyphen"):
                parts.append("-")
            elif tag == w("sym"):
                parts.append(_symbol_glyph(wval(child, "font"), wval(child, "char")))
            elif tag in (w("drawing"), w("pict"), f"{{{MC}}}AlternateContent", w("object")):
                flush()
                for box in _text_boxes(child):
                    # the box's own paragraphs flush their deferred content themselves
                    outer, ctx.deferred = ctx.deferred, []
                    inner = list(self._blocks(box, ctx))
                    ctx.deferred = outer + inner
        flush()


    # -- tables --------------------------------------------------------------------------------

    def _table(self, tbl, ctx: _Ctx) -> Table:
        grid_cols = len(tbl.findall(f"{w('tblGrid')}/{w('gridCol')}"))
        drafts: list[list[_CellDraft]] = []
        open_vertical: dict[int, _CellDraft] = {}
        header_rows, in_header = 0, True
        for r, tr in enumerate(_children(tbl, w("tr"))):
            trpr = tr.find(w("trPr"))
            col = _int_val(trpr.find(w("gridBefore")) if trpr is not None else None, 0)
            is_header = trpr is not None and _on(trpr.find(w("tblHeader"))) is True
            if in_header and is_header:
                header_rows += 1
            else:
                in_header = False
            row: list[_CellDraft] = []
            continued: dict[int, _CellDraft] = {}
            for tc in _children(tr, w("tc")):
                tcpr = tc.find(w("tcPr"))
                span = max(1, _int_val(tcpr.find(w("gridSpan")) if tcpr is not None else None, 1))
                vmerge = tcpr.find(w("vMerge")) if tcpr is not None else None
                hmerge = tcpr.find(w("hMerge")) if tcpr is not None else None
                vstate = None if vmerge is None else (wval(vmerge) or "continue")
                if vstate == "continue" and col in open_vertical:
                    cell = open_vertical[col]
                    cell.row_span += 1
                    continued[col] = cell
                elif hmerge is not None and (wval(hmerge) or "continue") == "continue" and row:
                    row[-1].col_span += span
                else:
                    cell = _CellDraft(r, col, span, tuple(self._blocks(tc, ctx)))
                    row.append(cell)
                    if vstate is not None:  # restart, or a continue with nothing above: starts a merge
                        continued[col] = cell
                col += span
            open_vertical = continued
            drafts.append(row)
        n_cols = max([grid_cols] + [c.col + c.col_span for row in drafts for c in row])
        rows = tuple(tuple(Cell(row=c.row, col=c.col, blocks=c.blocks, row_span=c.row_span,
                                col_span=c.col_span) for c in row) for row in drafts)
        return Table(rows=rows, n_cols=n_cols, header_rows=header_rows)


def _checkbox_glyph(sdt) -> str | None:
    """The glyph a reader sees for a w14:checkbox content control, or None if it is not one."""
    box = sdt.find(f"{w('sdtPr')}/{{{W14}}}checkbox")
    if box is None:
        return None
    checked_el = box.find(f"{{{W14}}}checked")
    checked = checked_el is not None and checked_el.get(f"{{{W14}}}val") in ("1", "true")
    state = box.find(f"{{{W14}}}{'checkedState' if checked else 'uncheckedState'}")
    code = state.get(f"{{{W14}}}val") if state is not None else None
    font = state.get(f"{{{W14}}}font") if state is not None else None
    if code:
        return _symbol_glyph(font, code)
    return CHECKED_GLYPH if checked else UNCHECKED_GLYPH


def _form_checkbox_glyph(fld_char) -> str | None:
    """Legacy FORMCHECKBOX field: w:ffData/w:checkBox with w:checked, else w:default."""
    box = fld_char.find(f"{w('ffData')}/{w('checkBox')}")
    if box is None:
        return None
    checked = _on(box.find(w("checked")))
    if checked is None:
        checked = bool(_on(box.find(w("default"))))
    return CHECKED_GLYPH if checked else UNCHECKED_GLYPH


def _symbol_glyph(font: str | None, code: str | None) -> str:
    try:
        cp = int(code or "", 16)
    except ValueError:
        return ""
    return symbol_glyph(cp, font) or chr(cp)


def _text_boxes(el):
    """Top-most w:txbxContent under ``el``, skipping mc:Fallback copies of a mc:Choice."""
    out = []
    for box in el.iter(w("txbxContent")):
        anc = box.getparent()
        skip = False
        while anc is not None and anc is not el:
            if anc.tag in (f"{{{MC}}}Fallback", w("txbxContent")):
                skip = True
                break
            anc = anc.getparent()
        if not skip:
            out.append(box)
    return out


def _merge_runs(runs: list[Run]) -> list[Run]:
    """Adjacent runs with identical styles become one (Word splits runs for spell-check state)."""
    out: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        if out and _same_style(out[-1], run):
            prev = out[-1]
            out[-1] = replace(prev, text=prev.text + run.text)
        else:
            out.append(run)
    return out


def _same_style(a: Run, b: Run) -> bool:
    return (a.bold, a.underline, a.font_family, a.font_name, a.inserted, a.deleted, a.italic, a.color, a.shading,
            a.underline_kind) == (b.bold, b.underline, b.font_family, b.font_name, b.inserted, b.deleted, b.italic,
                                  b.color, b.shading, b.underline_kind)


# -- tables ------------------------------------------------------------------------------------


@dataclass
class _CellDraft:
    row: int
    col: int
    col_span: int
    blocks: tuple
    row_span: int = 1


def _wrapper_content(el):
    """What a content control (w:sdt → w:sdtContent) or a custom-XML element wraps, else None."""
    if el.tag == w("sdt"):
        return el.find(w("sdtContent"))
    if el.tag == w("customXml"):
        return el
    return None


def _children(parent, tag: str):
    """The ``tag`` children of ``parent``, looking through w:sdt and w:customXml wrappers."""
    for child in parent:
        if child.tag == tag:
            yield child
        else:
            content = _wrapper_content(child)
            if content is not None:
                yield from _children(content, tag)


def _int_val(el, default: int) -> int:
    try:
        return int(wval(el)) if el is not None else default
    except (TypeError, ValueError):
        return default




def _raised_in_library(exc: BaseException) -> bool:
    """The innermost frame of ``exc`` is in python-docx or lxml, not in this project."""
    tb = exc.__traceback__
    last = None
    while tb is not None:
        last, tb = tb, tb.tb_next
    where = last.tb_frame.f_code.co_filename if last is not None else ""
    return any(part in where for part in ("/docx/", "/lxml/", "src/lxml", "zipfile"))


def read_docx(path: Path) -> Document:
    return DocxReader(path).read()
