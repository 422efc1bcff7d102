"""PDF → IR with pdfplumber, reaching into pdfminer for what pdfplumber does not expose.

The reader takes each page's characters and strokes, finds its tables (:mod:`.pdf_tables`) and lays
the rest out into lines and paragraphs (:mod:`.layout`, which OCR's characters go through too); then
it drops running headers and footers and joins tables that a page break cut.

What a PDF does not say outright is recovered from geometry (design notes, "Readers: known traps"):
- bold is a weight in the font name *or* text render mode 2 (fill + stroke), the synthetic bold of
  LibreOffice and Word for Japanese fonts; pdfminer tracks the render mode, pdfplumber drops it,
  so a layout device here records it per character;
- underline is a horizontal line or thin filled rectangle just under the baseline, told apart
  from table rules by where the rules of the table lie;
- tables come from ruling lines; merged cells get their spans from the grid the cell edges make;
  a table that goes on at the top of the next page is one table, its repeated header row dropped;
- spaces: producers draw spurious space glyphs over other glyphs (LibreOffice does for underlined
  Gothic text), so a space is kept only where it overlaps nothing, and a space is added only between
  Latin letters or digits set apart (``L o G o`` stays apart here and is joined by normalisation).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

from ..errors import CorruptDocument, EmptyDocument, Encrypted, TooLarge
from ..limits import DEFAULT as DEFAULT_LIMITS, Limits, refusal
from ..glyphs import symbol_glyph
from ..ir import Document, Page, Paragraph, Run, Warning
from .layout import (Line, Segment, Styler, base_font_name, chars_to_lines, hex_colour, upright_x, lines_to_paragraph_groups,
                     paragraph_of_lines, right_margin)
from .pdf_tables import (TABLE_SETTINGS, Carried, TableDraft, continue_table, cut_row_closer, drawn_checkboxes,
                         horizontal_only_verticals, labels_merged_down, last_text_columns, open_grid_closers,
                         ruling_edges, table_draft, text_column_rules)

_PAGE_NUMBER = re.compile(r"^[-－‐ー―–—\s(（]*(?:p\.?\s*)?\d{1,4}(?:\s*[/／]\s*\d{1,4})?[-－‐ー―–—\s)）]*(?:ページ|頁)?$", re.I)
_CID = re.compile(r"\(cid:\d+\)")

_CHAR_KEYS = ("text", "x0", "x1", "top", "bottom", "size", "fontname", "matrix", "render_mode", "upright", "color")


# -- the render-mode hook ----------------------------------------------------------------------


def _render_mode_page_layout(pdf, page) -> list[dict]:
    """Lay ``page`` out with a device that records each character's text render mode, and return its
    characters as small dicts of the keys the reader reads (``_CHAR_KEYS``).

    pdfplumber turns every layout object into a dict of some thirty attributes, resolving colours and
    names on the way; for characters that costs a third of a bare parse, and the reader needs ten keys.
    So characters are taken out of the layout as the device makes them, with pdfplumber's own
    coordinates (top from the page height and the MediaBox, as ``Page.process_object`` does), and
    pdfplumber converts only the rest (lines, rectangles, curves, images), keeping its behaviour there.
    """
    import pdfplumber.page as pp
    from pdfminer.pdfinterp import PDFPageInterpreter

    height = page.height
    mb_x0, mb_top = page.mediabox[:2]
    chars: list[dict] = []

    class RenderModeAggregator(pp.PDFPageAggregatorWithMarkedContent):
        _render_mode = 0

        def render_string(self, textstate, seq, ncs, graphicstate):
            self._render_mode = textstate.render
            super().render_string(textstate, seq, ncs, graphicstate)

        def render_char(self, *args, **kwargs):
            advance = super().render_char(*args, **kwargs)
            obj = self.cur_item._objs.pop()
            fontname = obj.fontname
            if isinstance(fontname, bytes):  # pragma: nocover - as pdfplumber does
                fontname = pp.fix_fontname_bytes(fontname)
            x0, x1 = upright_x(obj)
            chars.append({"text": obj.get_text(), "x0": x0 + mb_x0, "x1": x1 + mb_x0,
                          "top": (height - obj.y1) + mb_top, "bottom": (height - obj.y0) + mb_top,
                          "size": obj.size, "fontname": fontname, "matrix": obj.matrix,
                          "render_mode": self._render_mode, "upright": obj.upright,
                          "color": hex_colour(getattr(obj.graphicstate, "ncolor", None))})
            return advance

    device = RenderModeAggregator(pdf.rsrcmgr, pageno=page.page_number, laparams=pdf.laparams)
    PDFPageInterpreter(pdf.rsrcmgr, device).process_page(page.page_obj)
    page._layout = device.get_result()
    return chars


# -- the page's characters and strokes ---------------------------------------------------------


def _horizontal_segments(page) -> list[Segment]:
    segs = []
    for line in page.lines:
        if abs(line["top"] - line["bottom"]) < 1.0:
            segs.append(Segment(line["x0"], line["x1"], (line["top"] + line["bottom"]) / 2))
    for rect in page.rects:
        if rect["height"] < 1.5 and rect["width"] > 2 and rect.get("fill", True):
            segs.append(Segment(rect["x0"], rect["x1"], (rect["top"] + rect["bottom"]) / 2))
    return segs


def run_shades(page, chars: list[dict], cells: list[tuple]) -> list[tuple[float, float, float, float]]:
    """Filled boxes painted behind a run of text (網掛け, a highlight): a box in a colour other than
    white, about a line high, that hugs the characters it holds at both ends. A cell's or a
    paragraph's shading fills the cell or the text width, past its text's padding, and is no mark;
    nor is a box on a table cell's own bounds."""
    out = []
    for r in page.rects:
        if not r.get("fill") or hex_colour(r.get("non_stroking_color")) in (None, "FFFFFF"):
            continue
        x0, top, x1, bottom = r["x0"], r["top"], r["x1"], r["bottom"]
        if any(abs(x0 - c[0]) < 1.5 and abs(x1 - c[2]) < 1.5 for c in cells if abs(top - c[1]) < 1.5):
            continue
        inside = [c for c in chars if x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom
                  and not c["text"].isspace()]
        if not inside:
            continue
        size = max(c["size"] for c in inside)
        if not (0.6 * size <= bottom - top <= 2.2 * size):
            continue
        if min(c["x0"] for c in inside) - x0 <= 1.5 and x1 - max(c["x1"] for c in inside) <= 1.5:
            out.append((x0, top, x1, bottom))
    return out


def _inside(char: dict, bbox) -> bool:
    x0, top, x1, bottom = bbox
    cx, cy = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
    return x0 <= cx <= x1 and top <= cy <= bottom


def chars_on_page(chars: list[dict], bbox) -> list[dict]:
    """The characters within ``bbox``, those across its edge clipped to it, as pdfplumber's ``crop``
    does (``clip_obj``); the many wholly inside are taken as they are, without a copy."""
    from pdfplumber.utils.geometry import clip_obj

    x0, top, x1, bottom = bbox
    out = []
    for c in chars:
        if (x0 <= c["x0"] and c["x1"] <= x1 and top <= c["top"] and c["bottom"] <= bottom
                and c["x1"] - c["x0"] + c["bottom"] - c["top"] > 0):
            out.append(c)
        else:
            clipped = clip_obj(c, bbox)
            if clipped is not None:  # only the keys the reader looks at (clipping adds width and height)
                out.append({k: clipped[k] for k in _CHAR_KEYS if k in clipped})
    return out


def dedupe_chars(chars: list[dict]) -> list[dict]:
    """One of each glyph drawn twice in the same place (bold by overprinting, shadows), in order.

    pdfplumber's ``dedupe_chars`` does this with pairwise clustering; a rounded-position key is
    enough here and costs one pass.
    """
    seen: set[tuple] = set()
    out = []
    for c in chars:
        key = (c["text"], c.get("fontname"), round(c["x0"]), round(c["top"]))
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def _clean_chars(chars: list[dict]) -> list[dict]:
    """Drop ASCII space glyphs that overlap another glyph (LibreOffice draws them for underline
    continuity; nobody typed them). Wide spaces (U+3000, U+2003) are typed: they stay."""
    solid = [c for c in chars if c["text"] != " "]
    out = list(solid)
    for c in chars:
        if c["text"] == " ":
            overlaps = any(o["x0"] < c["x1"] - 0.3 and c["x0"] + 0.3 < o["x1"]
                           and o["top"] < c["bottom"] and c["top"] < o["bottom"] for o in solid)
            if not overlaps:
                out.append(c)
    return out


# -- the reader --------------------------------------------------------------------------------


ENGINES = ("pdfplumber", "pdfium")  # who interprets the content streams; the first is the default


class PdfReader:
    def __init__(self, path: Path, *, password: str | None = None, limits: Limits = DEFAULT_LIMITS,
                 engine: str = ENGINES[0]):
        if engine not in ENGINES:
            raise ValueError(f"unknown PDF engine {engine!r}: one of {', '.join(ENGINES)}")
        self.path = path
        self.password = password
        self.limits = limits
        self.engine = engine
        self._pdfium = None  # .pdfium_engine.PdfiumDocument while a file is read with pdfium
        # with pdfium: the pages pdfminer read instead, and why (see .pdfium_engine), once read
        self.fallbacks: list[tuple[int, str]] = []
        self._stylers: dict[int, Styler] = {}  # per page: margin lines are styled after the pass
        self._repaired: Warning | None = None

    def _open_with_qpdf(self):
        """The file as pdfplumber should read it: itself, or — when it is encrypted or its structure
        is damaged (a broken xref, a truncated tail) — the copy qpdf rebuilds and decrypts."""
        import io
        import warnings

        import pikepdf

        try:
            # pikepdf says what it meets as Python warnings (a PageCopyWarning for form widgets no
            # /AcroForm reaches, when a damaged file is saved): none is for the person at the terminal,
            # and what matters is the `repaired` warning in the JSON below
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                with pikepdf.open(self.path, password=self.password or "") as pdf:
                    problems = pdf.get_warnings()
                    if not (pdf.is_encrypted or problems):
                        return str(self.path)
                    copy = io.BytesIO()
                    pdf.save(copy)  # saved without its encryption
        except pikepdf.PasswordError:
            raise Encrypted(self.path.name, "the PDF is encrypted with a password" + (
                " that the one given does not open" if self.password else " and none was given"))
        except pikepdf.PdfError as exc:
            raise CorruptDocument(self.path.name, f"a damaged PDF that qpdf cannot rebuild ({_first_line(exc)})")
        if problems:
            said = [_first_line(p).split(": ", 1)[-1] for p in problems]
            said = list(dict.fromkeys(p for p in said if p != "file is damaged")) or said
            self._repaired = Warning("repaired", f"the PDF's structure was damaged ({'; '.join(said[:2])}); qpdf "
                                     "rebuilt it before it was read", None)
        copy.seek(0)
        return copy

    def read(self) -> Document:
        import logging

        import pdfplumber

        # pdfminer logs every oddity of a font it copes with ("Could not get FontBBox …") on stderr;
        # what matters reaches the user as a warning in the JSON instead.
        logging.getLogger("pdfminer").setLevel(logging.ERROR)
        source = self._open_with_qpdf()
        try:
            pdf = pdfplumber.open(source)
        except Exception as exc:  # pdfminer raises many kinds for a damaged file
            raise CorruptDocument(self.path.name, f"not a readable PDF ({type(exc).__name__}: {_first_line(exc)})")
        with pdf:
            if len(pdf.pages) > self.limits.pages:
                raise refusal(self.path.name, f"{len(pdf.pages)} pages", "pages", self.limits)
            try:
                if self.engine == "pdfium":
                    from .pdfium_engine import PdfiumDocument

                    self._pdfium = PdfiumDocument(source, pdf)
                document = self._read(pdf)
                if self._repaired is not None:
                    lost = [w.page for w in document.warnings if w.code == "unmapped_glyphs" and w.page]
                    said = (self._repaired,)
                    if lost:  # a file cut short keeps its pages but loses the fonts' character maps
                        said += (Warning("text_lost", f"the damaged PDF lost characters' Unicode maps on "
                                         f"{len(lost)} of {len(pdf.pages)} pages ({_page_ranges(lost)}): the "
                                         "text read there, and what is built from it, is unreliable; get a "
                                         "whole copy of the file", None),)
                    document = replace(document, warnings=said + document.warnings)
                return document
            except (CorruptDocument, EmptyDocument, TooLarge):
                raise
            except Exception as exc:
                if type(exc).__module__.startswith(("pdfminer", "pdfplumber", "pypdfium2", "pikepdf")):
                    raise CorruptDocument(self.path.name, f"a damaged PDF ({type(exc).__name__}: {exc})")
                raise
            finally:
                if self._pdfium is not None:
                    self.fallbacks = list(self._pdfium.fallbacks)
                    self._pdfium.close()
                    self._pdfium = None

    def _read(self, pdf) -> Document:
        if not pdf.pages:
            raise EmptyDocument(self.path.name, "the PDF has no pages")
        warnings: list[Warning] = []
        page_items: list[list[tuple[float, object]]] = []
        margin_texts: Counter = Counter()
        margins: list[list[tuple[str, Line]]] = []
        self._body_lines: dict[int, list[Line]] = {}
        self._carried: Carried | None = None  # the text table the page before ended with
        for page in pdf.pages:
            items, margin, page_warnings = self._page(pdf, page)
            page.close()  # pdfplumber's layout of the page is not needed again: memory stays flat with pages
            page_items.append(items)
            margins.append(margin)
            for text, _ in margin:
                margin_texts[text] += 1
            warnings.extend(page_warnings)
        # running headers and footers: margin lines repeated on several pages, and page numbers; any
        # other line in a margin band is body text that reaches into it (a note carried over to the
        # top of the next page), grouped into paragraphs with the page's other lines
        for number, margin in enumerate(margins, start=1):
            kept = [line for text, line in margin
                    if not (_PAGE_NUMBER.match(text) or (margin_texts[text] > 1 and len(pdf.pages) > 1))]
            if kept:
                self._body_lines[number] = sorted(self._body_lines[number] + kept, key=lambda line: line.top)
        # Paragraphs, against the right margin of every page of the same width: a page whose lines
        # are all short (a cover page) would otherwise take its longest line for a full one, and join
        # ◇第3条…, （担当部課：…） and 事業の概要 into one paragraph.
        widths = {n: round(float(p.width)) for n, p in enumerate(pdf.pages, start=1)}
        rights: dict[int, float] = {}
        for n, lines in self._body_lines.items():
            if lines:
                rights[widths[n]] = max(rights.get(widths[n], 0.0), right_margin(lines))
        for n, lines in self._body_lines.items():
            if lines:
                for group in lines_to_paragraph_groups(lines, rights[widths[n]]):
                    page_items[n - 1].append((group[0].top, paragraph_of_lines(group, self._stylers[n], n)))
        blocks_by_page = [sorted(items, key=lambda t: t[0]) for items in page_items]
        # tables that go on over a page break become one
        flat: list[tuple[int, object]] = []
        for number, items in enumerate(blocks_by_page, start=1):
            for i, (_, block) in enumerate(items):
                if isinstance(block, TableDraft):
                    if i == 0 and flat and isinstance(flat[-1][1], TableDraft):
                        merged = continue_table(flat[-1][1], block)
                        if merged is not None:
                            flat[-1] = (flat[-1][0], merged)
                            continue
                flat.append((number, block))
        by_page: dict[int, list] = {n: [] for n in range(1, len(pdf.pages) + 1)}
        for number, block in flat:
            if isinstance(block, TableDraft):
                warnings.extend(block.warnings)
                block = labels_merged_down(block).to_table()
            by_page[number].append(block)
        pages = [Page(number=n, blocks=tuple(blocks)) for n, blocks in by_page.items()]
        return Document(format="pdf", pages=tuple(pages), page_count=len(pdf.pages), warnings=tuple(warnings))

    def _page(self, pdf, page):
        number = page.page_number
        warnings: list[Warning] = []
        read = self._pdfium.page_objects(page) if self._pdfium is not None else None
        if read is None:  # pdfminer interprets the page (the default, or a page pdfium cannot match)
            page_chars = _render_mode_page_layout(pdf, page)
        else:  # pdfium did: the same dicts, the page's drawings handed to pdfplumber as its objects
            page_chars, page._objects = read
        # drawings past the page edge (a browser's clipped table borders) are not on the page
        page = page.crop(page.bbox)
        page_chars = chars_on_page(page_chars, page.bbox)
        if len(page_chars) > self.limits.chars_per_page:
            raise refusal(self.path.name, f"page {number} holds {len(page_chars)} characters", "chars_per_page",
                          self.limits)
        raw_chars = dedupe_chars(page_chars)
        scanned = not raw_chars and bool(page.images)
        if scanned:
            from . import ocr

            if not ocr.available():
                warnings.append(Warning("no_text_layer", "the page has images but no text layer (a scan?): its "
                                        "text is not read; install Tesseract to read it by OCR (Debian: apt-get "
                                        "install tesseract-ocr tesseract-ocr-jpn)", number))
                return [], [], warnings
            raw_chars, confidence = ocr.page_chars(page)
            warnings.append(Warning("ocr", f"a scan, read by OCR (Tesseract, {ocr.LANG}, {ocr.DPI} dpi): mean word "
                                    f"confidence {confidence or 0:.0f}%; styles and table rules are not read", number))
        if not raw_chars:
            return [], [], warnings
        cids = sum(1 for c in raw_chars if _CID.search(c["text"]))
        if cids:
            warnings.append(Warning("unmapped_glyphs", f"{cids} of {len(raw_chars)} characters have no Unicode "
                                    "mapping and read as (cid:NNN)", number))
        chars = []
        vertical = []
        for c in raw_chars:
            cp = ord(c["text"][0]) if len(c["text"]) == 1 else 0
            if 0xF000 <= cp <= 0xF0FF:  # a symbol font's private-use code point
                glyph = symbol_glyph(cp, base_font_name(c.get("fontname", "")))
                if glyph:
                    c = dict(c, text=glyph)
            (chars if c.get("upright", True) else vertical).append(c)
        chars = _clean_chars(chars)
        v_edges, h_edges = ruling_edges(page, chars)
        h_edges = h_edges + open_grid_closers(page)
        h_edges = h_edges + cut_row_closer(h_edges, v_edges, chars)
        inferred = horizontal_only_verticals(h_edges, v_edges, chars)
        inferred_xs = {v["x0"] for v in inferred}
        v_edges = v_edges + inferred
        tables = []
        if len(v_edges) >= 2 and len(h_edges) >= 2:  # pdfplumber's explicit strategy needs two each
            settings = dict(TABLE_SETTINGS, explicit_vertical_lines=v_edges, explicit_horizontal_lines=h_edges)
            tables = page.find_tables(settings)
        # tables with no rules at all, among the text no ruled table holds (their rows in the body,
        # between the running header and footer bands): their rules inferred from the text's
        # columns — not on a scan, whose OCR words stand apart by gaps of the recognition's making
        height = float(page.height)
        # the header and footer stand a set distance from the edge, not a share of the page: the band
        # is the portrait page's on a landscape page too (its 7 % of a short side missed them)
        band = 0.07 * max(height, float(page.width))
        boxes = [t.bbox for t in tables]  # a property pdfplumber computes anew on each call
        free = [c for c in chars if not any(_inside(c, box) for box in boxes)]
        text_h, text_v = ([], []) if scanned else text_column_rules(free, (band, height - band), self._carried)
        self._carried = last_text_columns(free, text_h, text_v, (band, height - band))
        inferred_ys = frozenset(h["top"] for h in text_h)
        if text_h:
            inferred_xs |= {v["x0"] for v in text_v}
            v_edges, h_edges = v_edges + text_v, h_edges + text_h
            settings = dict(TABLE_SETTINGS, explicit_vertical_lines=v_edges, explicit_horizontal_lines=h_edges)
            tables = page.find_tables(settings)
        for t in tables:
            if len(t.rows) > self.limits.table_rows:
                raise refusal(self.path.name, f"a table on page {number} has {len(t.rows)} rows", "table_rows",
                              self.limits)
        # a box with a character painted on it is a background (a run's 網掛け), not a check box
        chars.extend(b for b in drawn_checkboxes(page, [cell for t in tables for cell in t.cells])
                     if not any(_inside(c, (b["x0"], b["top"], b["x1"], b["bottom"])) for c in chars))
        rule_ys = []
        for t in tables:
            for x0, top, x1, bottom in t.cells:
                rule_ys.extend([(top, x0, x1), (bottom, x0, x1)])
        styler = Styler(_horizontal_segments(page), rule_ys,
                        run_shades(page, chars, [cell for t in tables for cell in t.cells]))
        self._stylers[number] = styler
        items: list[tuple[float, object]] = []
        in_table = [False] * len(chars)
        left_over: list[dict] = []
        for t in tables:
            bbox = t.bbox  # a property pdfplumber computes anew on each call
            inside = [i for i, c in enumerate(chars) if not in_table[i] and _inside(c, bbox)]
            for i in inside:
                in_table[i] = True
            draft, outside = table_draft(t, [chars[i] for i in inside], styler, number, frozenset(inferred_xs),
                                         inferred_ys)
            items.append((bbox[1], draft))
            left_over.extend(outside)
        body = [c for c, flag in zip(chars, in_table) if not flag] + left_over
        lines = chars_to_lines(body)
        margin = [(re.sub(r"\s+", "", l.text), l) for l in lines
                  if (l.bottom < band or l.top > height - band)]
        margin_ids = {id(l) for _, l in margin}
        body_lines = [l for l in lines if id(l) not in margin_ids]
        self._body_lines[number] = body_lines  # grouped into paragraphs once every page is read
        if vertical:
            warnings.append(Warning("vertical_text", f"{len(vertical)} characters are set vertically (縦書き); "
                                    "they are read column by column, right to left, after the page's other text",
                                    number))
            for order, paragraph in enumerate(vertical_paragraphs(vertical, number)):
                items.append((height + order, paragraph))
        return items, margin, warnings


def vertical_paragraphs(chars: list[dict], page_number: int) -> list[Paragraph]:
    """Turned characters → one paragraph per column, columns right to left; a quarter turn left
    reads bottom to top, a quarter turn right top to bottom."""
    columns: dict[int, list[dict]] = {}
    for c in chars:
        columns.setdefault(round(c["x0"] / 4), []).append(c)
    out = []
    for key in sorted(columns, reverse=True):
        upward = sum(1 for c in columns[key] if (c.get("matrix") or (0, 0))[1] > 0) > len(columns[key]) / 2
        column = sorted(columns[key], key=lambda c: -c["bottom"] if upward else c["top"])
        text = "".join(c["text"] for c in column)
        out.append(Paragraph(runs=(Run(text, page=page_number),), page=page_number))
    return out


def _first_line(exc) -> str:
    return (str(exc).strip().splitlines() or [""])[0][:200]


def read_pdf(path: Path, *, password: str | None = None, limits: Limits = DEFAULT_LIMITS,
             engine: str = ENGINES[0]) -> Document:
    """A PDF → IR; ``engine`` interprets its pages' content: ``pdfplumber`` (pdfminer, the reference)
    or ``pdfium`` (:mod:`.pdfium_engine`, the same characters and drawings, faster)."""
    from .pdf_guard import check_pdf  # what would make pdfminer loop or run out of memory, found first

    check_pdf(path, password=password, limits=limits)
    return PdfReader(path, password=password, limits=limits, engine=engine).read()


def _page_ranges(pages: list[int]) -> str:
    """[1, 2, 3, 5, 7, 8] → ``pages 1–3, 5, 7–8``."""
    runs: list[list[int]] = []
    for n in sorted(set(pages)):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return "pages " + ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)
