"""The pdfium engine: a PDF page's characters and drawings as the pdfplumber engine hands them to
the reader (:mod:`.pdf`), from pdfium (``pypdfium2.raw``) instead of pdfminer's content-stream
interpreter, so the layout, table and marking code downstream is the same code.

What each side gives (issue 23):
- pdfium interprets the content stream (in C++): per character its origin, text matrix (CTM
  included), font size, fill colour and text object (render mode: the synthetic bold of mode 2);
  per path object its segments, matrix, fill and stroke modes, colours and line width.
- pdfminer's own font objects (built from the font dictionaries as pdfminer's interpreter builds
  them) give what pdfium does not: the font's name as pdfplumber reports it (``FontName`` of the
  descriptor: pdfium has none for the Type 3 fonts of Chromium's PDFs, where the bold lives in the
  name), the character's text through the font's own ToUnicode map (pdfium rewrites Kangxi radicals
  to their ideographs, pdfminer does not), its advance and the font's descent. Each pdfium text
  object is matched with the text-showing operator it came from, read from the content stream by
  qpdf (pikepdf's C++ tokenizer), and its characters with the operator's character codes.
- the boxes are pdfminer's: an ``LTChar`` and ``LTLine``/``LTRect``/``LTCurve`` are built from these
  values with pdfminer's classes and turned into dicts by pdfplumber's ``Page.process_object``,
  so classification (a rectangle is four lines closed …) and coordinates are theirs.

A page the engine cannot match operator for operator (a text object pdfium drops or splits, a
horizontal scale or rise, a rotated page or a MediaBox off the origin) is read by pdfminer instead:
``page_objects`` returns ``None`` and the reader falls back, so the two engines never disagree
on such a page.
"""

from __future__ import annotations

import ctypes
import io

from .layout import hex_colour

_SHOW = ("Tj", "TJ", "'", '"')
_OPERATORS = "q Q Tf Tz Ts Tj TJ ' \" Do"


class Unsupported(Exception):
    """The page holds something the engine does not match pdfminer on; pdfminer reads it."""


def _pointer(handle) -> int:
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


class PdfiumDocument:
    """One PDF open in pdfium and in qpdf beside the pdfplumber document the reader holds."""

    def __init__(self, source, plumber_pdf):
        import pikepdf
        import pypdfium2

        data = source.getvalue() if isinstance(source, io.BytesIO) else source
        self._pdfium = pypdfium2.PdfDocument(data)
        self._qpdf = pikepdf.open(io.BytesIO(data) if isinstance(data, bytes) else data)
        self._plumber = plumber_pdf
        self._fonts: dict[int, object] = {}
        self.fallbacks: list[tuple[int, str]] = []  # pages read by pdfminer instead, and why

    def close(self) -> None:
        self._pdfium.close()
        self._qpdf.close()

    # -- fonts, as pdfminer's interpreter makes them --------------------------------------------

    def _font(self, font_obj):
        from pdfminer.pdftypes import dict_value

        num = font_obj.objgen[0]
        if not num:  # a direct font dictionary: pdfminer keys it by no object number we can name
            raise Unsupported("direct font")
        if num not in self._fonts:
            spec = dict_value(self._plumber.doc.getobj(num))
            self._fonts[num] = self._plumber.rsrcmgr.get_font(num, spec)
        return self._fonts[num]

    # -- the content stream's text-showing operators ------------------------------------------

    def _shows(self, stream_owner, resources, depth=0) -> list[tuple]:
        """(font, size, character spacing, word spacing, sequence of strings and kerning numbers) of
        each text-showing operator that shows a character, in content order, form XObjects entered
        where they are drawn (pdfminer's ``do_TJ`` and its text state)."""
        import pikepdf

        if depth > 12:
            raise Unsupported("nested forms")
        fonts = resources.get("/Font", {}) if resources is not None else {}
        xobjects = resources.get("/XObject", {}) if resources is not None else {}
        out = []
        state = [None, 0.0, 0.0, 0.0]  # font, size, Tc, Tw: part of the graphics state (q/Q)
        stack = []
        for operands, op in pikepdf.parse_content_stream(stream_owner, _OPERATORS):
            op = str(op)
            if op == "q":
                stack.append(list(state))
            elif op == "Q":
                if stack:
                    state = stack.pop()
            elif op == "Tf":
                if len(operands) != 2:
                    raise Unsupported("Tf operands")
                ref = fonts.get(str(operands[0]))
                state[0], state[1] = (self._font(ref) if ref is not None else None), float(operands[1])
            elif op in ("Tc", "Tw"):
                if len(operands) != 1:
                    raise Unsupported(f"{op} operands")
                state[2 if op == "Tc" else 3] = float(operands[0])
            elif op == "Tz":
                if operands and float(operands[0]) != 100:
                    raise Unsupported("horizontal scaling")
            elif op == "Ts":
                if operands and float(operands[0]) != 0:
                    raise Unsupported("text rise")
            elif op in _SHOW:
                if op == '"':
                    if len(operands) != 3:
                        raise Unsupported('" operands')
                    state[3], state[2] = float(operands[0]), float(operands[1])
                if not operands:
                    continue
                font = state[0]
                items = list(operands[-1]) if op == "TJ" else operands[-1:]
                seq = []
                shows = False
                for item in items:
                    if isinstance(item, pikepdf.String):
                        data = bytes(item)
                        seq.append(data)
                        shows = shows or bool(data)
                    elif isinstance(item, (int, float)) or type(item).__name__ == "Decimal":
                        seq.append(float(item))
                    else:
                        raise Unsupported("TJ operand")
                if not shows:
                    continue
                if font is None:
                    raise Unsupported("text without a font")
                if font.is_vertical():
                    raise Unsupported("vertical font")
                out.append((font, state[1], state[2], state[3], seq))
            elif op == "Do" and operands:
                xobj = xobjects.get(str(operands[0]))
                if xobj is not None and xobj.get("/Subtype") == "/Form":
                    out.extend(self._shows(xobj, xobj.get("/Resources", resources), depth + 1))
        return out

    # -- a page ------------------------------------------------------------------------------

    def page_objects(self, page) -> tuple[list[dict], dict[str, list[dict]]] | None:
        """(characters as the reader's dicts, pdfplumber's objects without chars) of pdfplumber's
        ``page``, or None where pdfminer must read it."""
        import pypdfium2.raw as raw

        index = page.page_number - 1
        try:
            if page.rotation or any(page.mediabox[:2]) or int(getattr(page.page_obj, "attrs", {}).get("UserUnit", 1) or 1) != 1:
                raise Unsupported("rotated or offset page")
            qpage = self._qpdf.pages[index]
            shows = self._shows(qpage, qpage.obj.get("/Resources"))
            pdfium_page = self._pdfium[index]
            try:
                return self._read_page(page, pdfium_page, shows, raw)
            finally:
                pdfium_page.close()
        except Unsupported as why:
            self.fallbacks.append((page.page_number, str(why)))
            return None

    def _read_page(self, page, pdfium_page, shows, raw):
        from pdfminer.converter import PDFLayoutAnalyzer
        from pdfminer.layout import LTChar, LTPage
        from pdfminer.pdffont import PDFUnicodeNotDefined
        from pdfminer.pdfinterp import PDFGraphicState

        height = float(page.height)
        text_objects: list = []
        paths: list = []
        images: list = []
        _walk(raw, pdfium_page.raw, (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), text_objects, paths, images, 0)
        if len(text_objects) != len(shows):
            raise Unsupported(f"{len(text_objects)} text objects, {len(shows)} text operators")
        chars = []
        r, g, b, a = (ctypes.c_uint() for _ in range(4))
        gstate = PDFGraphicState()
        for (obj, (ta, tb, tc, td, te, tf)), (font, size, charspace, wordspace, seq) in zip(text_objects, shows):
            # the characters' places as pdfminer's render_string_horizontal steps them from the
            # text object's start (horizontal scale 100, no rise: see _shows)
            render_mode = raw.FPDFTextObj_GetTextRenderMode(obj)
            colour = None
            if raw.FPDFPageObj_GetFillColor(obj, r, g, b, a):
                colour = hex_colour((r.value / 255, g.value / 255, b.value / 255))
            fontname = font.fontname
            if isinstance(fontname, bytes):  # pragma: nocover - as pdfplumber does
                from pdfplumber.page import fix_fontname_bytes

                fontname = fix_fontname_bytes(fontname)
            if font.is_multibyte():
                wordspace = 0
            dxscale = 0.001 * size
            x = 0.0
            needcharspace = False
            for item in seq:
                if isinstance(item, float):
                    x -= item * dxscale
                    needcharspace = True
                    continue
                for cid in font.decode(item):
                    if needcharspace:
                        x += charspace
                    try:
                        text = font.to_unichr(cid)
                    except PDFUnicodeNotDefined:
                        text = f"(cid:{cid})"
                    char = LTChar((ta, tb, tc, td, x * ta + te, x * tb + tf), font, size, 1.0, 0.0, text,
                                  font.char_width(cid), font.char_disp(cid), None, gstate)
                    x += char.adv
                    if cid == 32 and wordspace:
                        x += wordspace
                    needcharspace = True
                    chars.append({"text": text, "x0": char.x0, "x1": char.x1, "top": height - char.y1,
                                  "bottom": height - char.y0, "size": char.size, "fontname": fontname,
                                  "matrix": char.matrix, "render_mode": render_mode, "upright": char.upright,
                                  "color": colour})
        # drawings: pdfminer's own path classification and pdfplumber's own dicts
        analyzer = PDFLayoutAnalyzer(self._plumber.rsrcmgr, pageno=page.page_number)
        analyzer.cur_item = LTPage(page.page_number, (0, 0, float(page.width), height))
        for obj, matrix in paths:
            path = _path_segments(raw, obj)
            if not path:
                continue
            fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
            raw.FPDFPath_GetDrawMode(obj, fill_mode, stroke)
            state = PDFGraphicState()
            width = ctypes.c_float()
            if raw.FPDFPageObj_GetStrokeWidth(obj, width):
                state.linewidth = width.value
            if raw.FPDFPageObj_GetStrokeColor(obj, r, g, b, a):
                state.scolor = (r.value / 255, g.value / 255, b.value / 255)
            if raw.FPDFPageObj_GetFillColor(obj, r, g, b, a):
                state.ncolor = (r.value / 255, g.value / 255, b.value / 255)
            analyzer.ctm = matrix
            analyzer.paint_path(state, bool(stroke.value), fill_mode.value != 0, fill_mode.value == 1, path)
        objects: dict[str, list[dict]] = {}
        for item in analyzer.cur_item:
            d = page.process_object(item)
            objects.setdefault(d["object_type"], []).append(d)
        for x0, y0, x1, y1 in images:
            objects.setdefault("image", []).append({
                "object_type": "image", "page_number": page.page_number, "x0": x0, "x1": x1, "y0": y0, "y1": y1,
                "top": height - y1, "bottom": height - y0, "doctop": page.initial_doctop + height - y1,
                "width": x1 - x0, "height": y1 - y0})
        return chars, objects


def _mult(m1, m0):
    """m1 · m0, pdfminer's ``mult_matrix`` order."""
    a1, b1, c1, d1, e1, f1 = m1
    a0, b0, c0, d0, e0, f0 = m0
    return (a0 * a1 + c0 * b1, b0 * a1 + d0 * b1, a0 * c1 + c0 * d1, b0 * c1 + d0 * d1,
            a0 * e1 + c0 * f1 + e0, b0 * e1 + d0 * f1 + f0)


def _walk(raw, page_handle, outer, texts, paths, images, depth, form=None):
    """The page's objects in content order, form objects entered: text objects, (path, matrix to
    the page) and image boxes."""
    count = raw.FPDFFormObj_CountObjects(form) if form is not None else raw.FPDFPage_CountObjects(page_handle)
    m = raw.FS_MATRIX()
    for i in range(count):
        obj = raw.FPDFFormObj_GetObject(form, i) if form is not None else raw.FPDFPage_GetObject(page_handle, i)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_TEXT:
            raw.FPDFPageObj_GetMatrix(obj, m)  # the text matrix and the object's start, CTM included
            texts.append((obj, _mult((m.a, m.b, m.c, m.d, m.e, m.f), outer)))
        elif kind == raw.FPDF_PAGEOBJ_PATH:
            raw.FPDFPageObj_GetMatrix(obj, m)
            paths.append((obj, _mult((m.a, m.b, m.c, m.d, m.e, m.f), outer)))
        elif kind == raw.FPDF_PAGEOBJ_IMAGE:
            left, bottom, right, top = (ctypes.c_float() for _ in range(4))
            if raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
                images.append((left.value, bottom.value, right.value, top.value))
        elif kind == raw.FPDF_PAGEOBJ_FORM:
            if depth > 12:
                raise Unsupported("nested forms")
            raw.FPDFPageObj_GetMatrix(obj, m)
            _walk(raw, page_handle, _mult((m.a, m.b, m.c, m.d, m.e, m.f), outer), texts, paths, images, depth + 1,
                  form=obj)


def _path_segments(raw, obj) -> list[tuple]:
    """A path object's segments as pdfminer's path operators (``m``, ``l``, ``c``, ``h``), in the
    object's own coordinates."""
    out: list[tuple] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    pending: list[float] = []
    for i in range(raw.FPDFPath_CountSegments(obj)):
        seg = raw.FPDFPath_GetPathSegment(obj, i)
        raw.FPDFPathSegment_GetPoint(seg, x, y)
        kind = raw.FPDFPathSegment_GetType(seg)
        if kind == raw.FPDF_SEGMENT_MOVETO:
            out.append(("m", x.value, y.value))
        elif kind == raw.FPDF_SEGMENT_LINETO:
            out.append(("l", x.value, y.value))
        elif kind == raw.FPDF_SEGMENT_BEZIERTO:
            pending += [x.value, y.value]
            if len(pending) == 6:
                out.append(("c", *pending))
                pending = []
        else:
            raise Unsupported("unknown path segment")
        if raw.FPDFPathSegment_GetClose(seg) and not pending:
            out.append(("h",))
    return out
