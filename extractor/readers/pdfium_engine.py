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
import re

from .layout import hex_colour, upright_x

_OPERATORS = "q Q cm BT Td TD Tm TL T* Tf Tc Tw Tz Ts Tj TJ ' \" Do"


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
        """pdfminer's font object for a font dictionary, built by pdfminer's resource manager as its
        interpreter builds it (``init_resources``: cached by object number, a direct dictionary not),
        from the dictionary as qpdf parsed it: pdfminer's own parser would take longer over the
        fonts than pdfium over the page (Chromium writes a Type 3 font for every 256 glyphs)."""
        num = font_obj.objgen[0]
        if num and num in self._fonts:
            return self._fonts[num]
        if font_obj.get("/Subtype") == "/Type3" and "/Encoding" in font_obj and "/ToUnicode" in font_obj:
            font = _Type3Font(self, font_obj)
        else:
            font = self._pdfminer_font(font_obj, frozenset())
        if num:
            self._fonts[num] = font
        return font

    def _pdfminer_font(self, font_obj, skip: frozenset):
        spec = _pdfminer_value(font_obj, 0, skip=_UNUSED_FONT_KEYS | skip)
        if not isinstance(spec, dict):
            raise Unsupported("a font that is no dictionary")
        return self._plumber.rsrcmgr.get_font(None, spec)

    # -- the content stream's text-showing operators ------------------------------------------

    def _shows(self, stream_owner, resources, ctm=(1.0, 0.0, 0.0, 1.0, 0.0, 0.0), depth=0) -> list[tuple]:
        """(font, size, [(character code, its matrix)]) of each text-showing operator that shows a
        character, in content order, form XObjects entered where they are drawn.

        The text state is pdfminer's, step for step (``PDFPageInterpreter``'s ``do_Td`` …, ``q``/``Q``
        saving it whole, ``PDFTextDevice.render_string_horizontal`` placing the characters, with its
        own arithmetic from ``pdfminer.utils``), so every character's matrix is the one pdfminer
        gives to the bit: pdfium keeps positions in single precision, and places a show that goes on
        from the one before by the PDF reference (character spacing after every glyph, a font
        program's widths where the PDF has none), where pdfminer does not."""
        import pikepdf
        from pdfminer.utils import mult_matrix, translate_matrix

        if depth > 12:
            raise Unsupported("nested forms")
        fonts = resources.get("/Font", {}) if resources is not None else {}
        xobjects = resources.get("/XObject", {}) if resources is not None else {}
        out = []
        # font, size, Tc, Tw, leading (pdfminer's sign), Tm, the line position: pdfminer saves all of it on q
        state = [None, 0.0, 0.0, 0.0, 0.0, (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), (0.0, 0.0)]
        stack = []
        for operands, op in pikepdf.parse_content_stream(stream_owner, _OPERATORS):
            op = str(op)
            if op == "q":
                stack.append((list(state), ctm))
            elif op == "Q":
                if stack:
                    state, ctm = stack.pop()
            elif op == "cm":
                ctm = mult_matrix(_numbers(operands, 6), ctm)
            elif op == "BT":
                state[5], state[6] = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), (0.0, 0.0)
            elif op in ("Td", "TD"):
                tx, ty = _numbers(operands, 2)
                a, b, c, d, e, f = state[5]
                state[5], state[6] = (a, b, c, d, tx * a + ty * c + e, tx * b + ty * d + f), (0.0, 0.0)
                if op == "TD":
                    state[4] = ty
            elif op == "Tm":
                state[5], state[6] = _numbers(operands, 6), (0.0, 0.0)
            elif op == "TL":
                state[4] = -_numbers(operands, 1)[0]
            elif op == "Tf":
                if len(operands) != 2:
                    raise Unsupported("Tf operands")
                ref = fonts.get(str(operands[0]))
                state[0], state[1] = (self._font(ref) if ref is not None else None), float(operands[1])
            elif op in ("Tc", "Tw"):
                state[2 if op == "Tc" else 3] = _numbers(operands, 1)[0]
            elif op == "Tz":
                if _numbers(operands, 1)[0] != 100:
                    raise Unsupported("horizontal scaling")
            elif op == "Ts":
                if _numbers(operands, 1)[0] != 0:
                    raise Unsupported("text rise")
            elif op in ("T*", "'", '"'):
                if op == '"':
                    if len(operands) != 3:
                        raise Unsupported('" operands')
                    state[3], state[2] = float(operands[0]), float(operands[1])
                a, b, c, d, e, f = state[5]
                state[5], state[6] = (a, b, c, d, state[4] * c + e, state[4] * d + f), (0.0, 0.0)
            elif op == "Do" and operands:
                xobj = xobjects.get(str(operands[0]))
                if xobj is not None and xobj.get("/Subtype") == "/Form":
                    if "/BBox" not in xobj:
                        raise Unsupported("a form without a BBox")
                    matrix = _numbers(list(xobj.get("/Matrix", [1, 0, 0, 1, 0, 0])), 6)
                    out.extend(self._shows(xobj, xobj.get("/Resources", resources), mult_matrix(matrix, ctm),
                                           depth + 1))
            if op not in ("Tj", "TJ", "'", '"') or not operands:
                continue
            font, size, charspace, wordspace = state[0], state[1], state[2], state[3]
            items = list(operands[-1]) if op == "TJ" else operands[-1:]
            if font is None:
                if any(isinstance(i, pikepdf.String) and bytes(i) for i in items):
                    raise Unsupported("text without a font")
                continue
            if font.is_vertical():
                raise Unsupported("vertical font")
            if font.is_multibyte():
                wordspace = 0
            matrix = mult_matrix(state[5], ctm)
            dxscale = 0.001 * size
            (x, y) = state[6]
            needcharspace = False
            placed = []
            for item in items:
                if isinstance(item, pikepdf.String):
                    for cid in font.decode(bytes(item)):
                        if needcharspace:
                            x += charspace
                        placed.append((cid, translate_matrix(matrix, (x, y))))
                        x += font.char_width(cid) * size * 1.0  # LTChar.adv
                        if cid == 32 and wordspace:
                            x += wordspace
                        needcharspace = True
                else:
                    x -= _number(item) * dxscale
                    needcharspace = True
            state[6] = (x, y)
            if placed:
                out.append((font, size, placed))
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
        for obj, (font, size, placed) in zip(text_objects, shows):
            render_mode = raw.FPDFTextObj_GetTextRenderMode(obj)
            colour = None
            if raw.FPDFPageObj_GetFillColor(obj, r, g, b, a):
                colour = hex_colour((r.value / 255, g.value / 255, b.value / 255))
            fontname = font.fontname
            if isinstance(fontname, bytes):  # pragma: nocover - as pdfplumber does
                from pdfplumber.page import fix_fontname_bytes

                fontname = fix_fontname_bytes(fontname)
            for cid, matrix in placed:
                try:
                    text = font.to_unichr(cid)
                except PDFUnicodeNotDefined:
                    text = f"(cid:{cid})"
                char = LTChar(matrix, font, size, 1.0, 0.0, text, font.char_width(cid), font.char_disp(cid), None,
                              gstate)
                x0, x1 = upright_x(char)
                chars.append({"text": text, "x0": x0, "x1": x1, "top": height - char.y1,
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


# what pdfminer's fonts never read: the glyph procedures of a Type 3 font and their resources
_UNUSED_FONT_KEYS = frozenset({"CharProcs", "Resources"})


def _pdfminer_name(name) -> object:
    """A pikepdf Name → pdfminer's PSLiteral: ``#xx`` escapes undone, the name a str where it is
    UTF-8 and bytes where not, as pdfminer's ``_parse_literal`` keeps it."""
    from pdfminer.psparser import LIT

    raw = bytes(name.unparse())[1:]
    if b"#" in raw:
        raw = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes((int(m.group(1), 16),)), raw)
    try:
        return LIT(str(raw, "utf-8"))
    except UnicodeDecodeError:
        return LIT(raw)


from decimal import Decimal as _Decimal  # noqa: E402 - pikepdf's real numbers


def _pdfminer_value(obj, depth: int, skip=frozenset()):
    """A PDF object as qpdf parsed it → the Python values pdfminer's parser makes of it: dicts keyed
    by str, lists, int and float, bytes for strings, PSLiteral names and PDFStream with their data
    decoded (no filter left to apply)."""
    import pikepdf
    from pdfminer.pdftypes import PDFStream

    if depth > 24:
        raise Unsupported("font objects nested too deep")
    if isinstance(obj, (bool, int, float)) or obj is None:
        return obj
    if type(obj) is _Decimal:
        return float(obj)
    if isinstance(obj, pikepdf.Name):
        return _pdfminer_name(obj)
    if isinstance(obj, pikepdf.String):
        return bytes(obj)
    if isinstance(obj, pikepdf.Array):
        out = []
        for v in obj:
            kind = type(v)
            if kind is int or kind is float:  # most of a font's arrays (Widths): as they are
                out.append(v)
            elif kind is _Decimal:
                out.append(float(v))
            else:
                out.append(_pdfminer_value(v, depth + 1))
        return out
    if isinstance(obj, pikepdf.Stream):
        attrs = {str(k)[1:]: _pdfminer_value(v, depth + 1) for k, v in obj.items()
                 if k not in ("/Filter", "/DecodeParms", "/Length")}
        try:
            data = obj.read_bytes()
        except pikepdf.PdfError as exc:
            raise Unsupported(f"a font stream qpdf cannot decode ({exc})")
        return PDFStream(attrs, data)
    if isinstance(obj, pikepdf.Dictionary):
        return {str(k)[1:]: _pdfminer_value(v, depth + 1) for k, v in obj.items() if str(k)[1:] not in skip}
    raise Unsupported(f"a {type(obj).__name__} in a font")


# A ToUnicode CMap as the PDF writers of the corpus write it (Skia's for Chromium, LibreOffice's):
# between begincmap and endcmap only `/Name value def`, codespace ranges, bfchar and bfrange blocks of
# hex strings; no comment, no usecmap, no cidchar/cidrange/notdefrange, nothing before begincmap
# that pdfminer would act on. Anything else goes to pdfminer's CMap parser.
_HEX = rb"<(?:[0-9A-Fa-f]{2})+>"
_CMAP_DEF = (rb"/[A-Za-z]+(?:\s*/[A-Za-z0-9_.+-]+|\s+\d+|\s*<<(?:\s*/[A-Za-z]+(?:\s*\([A-Za-z0-9 _.+-]*\)|\s+\d+))*"
             rb"\s*>>)\s+def")
_CMAP_BLOCK = (rb"(?:\d+\s+)?(?:begincodespacerange(?:\s*" + _HEX + rb"\s*" + _HEX + rb")*\s*endcodespacerange"
               rb"|(?P<char>beginbfchar(?:\s*" + _HEX + rb"\s*" + _HEX + rb")*\s*endbfchar)"
               rb"|(?P<range>beginbfrange(?:\s*" + _HEX + rb"\s*" + _HEX + rb"\s*(?:" + _HEX + rb"|\[(?:\s*" + _HEX
               + rb")*\s*\]))*\s*endbfrange))")
# every item ends with a keyword, so whitespace must follow it (pdfminer reads ``endbfchar12`` as one keyword)
_CMAP_BODY = re.compile(rb"(?:\s+(?:" + _CMAP_DEF + rb"|" + _CMAP_BLOCK + rb"))*\s+")
_CMAP_ITEM = re.compile(rb"\s*(?:" + _CMAP_DEF + rb"|" + _CMAP_BLOCK + rb")")
_CMAP_HEAD = re.compile(rb"[%]|begin(?:codespace|bf|cid|notdef)|usecmap|endcmap|\bdef\b")
_HEX_OR_LIST = re.compile(rb"<([0-9A-Fa-f]+)>|(\[)|(\])")


def _plain_to_unicode(stream):
    """pdfminer's ``FileUnicodeMap`` of a ToUnicode stream written plainly (above), filled by the
    same ``add_cid2unichr`` calls in the same order as pdfminer's ``CMapParser`` makes them; None
    for any other stream (pdfminer reads it). pdfminer's PostScript parser takes longer over a
    Chromium page's few dozen fonts than pdfium over the page."""
    import struct

    import pikepdf
    from pdfminer.cmapdb import FileUnicodeMap

    if not isinstance(stream, pikepdf.Stream):
        return None
    try:
        data = stream.read_bytes()
    except pikepdf.PdfError:
        return None
    start = data.find(b"begincmap")
    end = data.find(b"endcmap", start + 1)
    if start < 0 or end < 0 or _CMAP_HEAD.search(data, 0, start) or (start and not data[start - 1:start].isspace()):
        return None
    body = data[start + len(b"begincmap"):end]
    if b"%" in body or not _CMAP_BODY.fullmatch(body):
        return None
    cmap = FileUnicodeMap()
    add = cmap.add_cid2unichr
    for item in _CMAP_ITEM.finditer(body):
        if item.group("char"):
            tokens = [bytes.fromhex(h.decode()) for h, _, _ in _HEX_OR_LIST.findall(item.group("char"))]
            for i in range(0, len(tokens) - 1, 2):
                add(int.from_bytes(tokens[i], "big"), tokens[i + 1])
        elif item.group("range"):
            # start, end, then a hex string or a list of them: as pdfminer's do_keyword(endbfrange)
            objs: list = []
            current = None
            for h, opening, closing in _HEX_OR_LIST.findall(item.group("range")):
                if opening:
                    current = []
                elif closing:
                    objs.append(current)
                    current = None
                elif current is not None:
                    current.append(bytes.fromhex(h.decode()))
                else:
                    objs.append(bytes.fromhex(h.decode()))
            for i in range(0, len(objs) - 2, 3):
                first, last, code = objs[i], objs[i + 1], objs[i + 2]
                if not isinstance(first, bytes) or not isinstance(last, bytes) or len(first) != len(last):
                    return None  # pdfminer warns and skips: let it
                lo, hi = int.from_bytes(first, "big"), int.from_bytes(last, "big")
                if isinstance(code, list):
                    if len(code) != hi - lo + 1:
                        return None
                    for cid, value in zip(range(lo, hi + 1), code):
                        add(cid, value)
                else:
                    var, prefix = code[-4:], code[:-4]
                    base, vlen = int.from_bytes(var, "big"), len(var)
                    if base + hi - lo > 0xFFFFFFFF:
                        return None  # pdfminer's struct.pack fails: let it
                    for i2 in range(hi - lo + 1):
                        add(lo + i2, prefix + struct.pack(">L", base + i2)[-vlen:])
            if len(objs) % 3:
                return None
        # a def sets an attribute of the map, which a simple font's ToUnicode map never reads
    return cmap


class _Type3Font:
    """pdfminer's Type 3 font, its /Encoding read only when a code is asked for that the font's
    ToUnicode map and widths do not answer (pdfminer asks them first): Chromium's Type 3 fonts
    name all 256 glyphs in their /Differences, and reading those names costs more than pdfium's
    whole page. The encoding changes nothing else of a Type 3 font (``PDFSimpleFont``)."""

    def __init__(self, document: PdfiumDocument, font_obj):
        self._document, self._obj = document, font_obj
        unicode_map = _plain_to_unicode(font_obj.get("/ToUnicode"))
        if unicode_map is None:  # pdfminer's CMap parser reads it
            self._bare = document._pdfminer_font(font_obj, frozenset({"Encoding"}))
        else:  # the same map, read without pdfminer's PostScript parser (see _plain_to_unicode)
            self._bare = document._pdfminer_font(font_obj, frozenset({"Encoding", "ToUnicode"}))
            self._bare.unicode_map = unicode_map
        self._whole = None
        self.fontname = self._bare.fontname

    def _full(self):
        if self._whole is None:
            self._whole = self._document._pdfminer_font(self._obj, frozenset())
        return self._whole

    def is_vertical(self) -> bool:
        return False

    def is_multibyte(self) -> bool:
        return False

    def decode(self, data: bytes):
        return bytearray(data)

    def get_descent(self) -> float:
        return self._bare.get_descent()

    def char_disp(self, cid: int):
        return 0

    def to_unichr(self, cid: int) -> str:
        unicode_map = self._bare.unicode_map
        if unicode_map:
            try:
                return unicode_map.get_unichr(cid)
            except KeyError:
                pass
        return self._full().to_unichr(cid)

    def char_width(self, cid: int) -> float:
        from pdfminer.casting import safe_float

        width = safe_float(self._bare.widths.get(cid))
        if width is not None:
            return width * self._bare.hscale
        return self._full().char_width(cid)


def _number(value) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) and type(value).__name__ != "Decimal":
        raise Unsupported(f"a number expected, {type(value).__name__} found")
    return float(value)


def _numbers(operands, n: int) -> tuple[float, ...]:
    if len(operands) != n:
        raise Unsupported(f"{n} operands expected, {len(operands)} found")
    return tuple(_number(v) for v in operands)


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
            texts.append(obj)
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
