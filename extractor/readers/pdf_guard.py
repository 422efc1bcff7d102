"""Checks of a PDF's objects before pdfplumber lays out a page: what would make pdfminer loop, run
out of memory or fail on a page, found cheaply from qpdf's view of the file (pikepdf) and its bytes.

- a chain of indirect references that comes back to itself (``6 0 obj 7 0 R endobj`` and
  ``7 0 obj 6 0 R endobj``): pdfminer follows such a chain for ever;
- a page box of zero area: nothing on the page can be placed, and pdfplumber refuses it;
- a page that would be rendered for OCR (images, no text) at more pixels than ``--max-pixels``;
- a ToUnicode (or embedded encoding) CMap whose ranges declare more codes than any font has:
  pdfminer expands every code of a range into a dictionary entry.

Each is refused with one line naming the page or object; a PDF qpdf cannot open at all is left to
the reader, which says why.
"""

from __future__ import annotations

import math
import re
import zlib
from pathlib import Path

from ..errors import CorruptDocument, CouncilError
from ..limits import Limits, refusal

OCR_DPI = 300  # as extractor.readers.ocr renders a page
CMAP_CODES = 1 << 20  # codes one CMap may declare: a two-byte font has at most 65,536
CMAP_BYTES = 16 * 1024 * 1024  # a CMap stream inflated past this is not a CMap
_MAX_FORM_DEPTH = 12

# ``N G obj <ref> endobj``: an object that is nothing but a reference to another
_REF_ONLY = re.compile(rb"(?<![0-9])(\d{1,10})\s+(\d{1,5})\s+obj\s*(\d{1,10})\s+(\d{1,5})\s+R\s*endobj")
_RANGE_BLOCK = re.compile(rb"begin(bf|cid)range(.*?)end\1range", re.S)
_TOKEN = re.compile(rb"<[0-9A-Fa-f\s]*>|\[[^\]]*\]|-?\d+")
_TEXT_OPERATORS = "Tj TJ ' \""


def check_pdf(path: Path, *, password: str | None, limits: Limits) -> None:
    """Raise a :class:`~extractor.errors.CouncilError` for what pdfplumber must not be given."""
    import pikepdf

    from .ocr import READING

    name = path.name
    READING.set((name, limits))  # the bound of a page rendered for OCR, whatever is foreseen here
    try:
        pdf = pikepdf.open(path, password=password or "")
    except Exception:  # noqa: BLE001 - encrypted or damaged: the reader says which, as before
        return
    with pdf:
        try:
            # as the reader decides: a file qpdf finds damaged (or encrypted) is read from qpdf's
            # rebuilt copy, which holds no chain of bare references; any other is given to pdfminer
            if not (pdf.is_encrypted or pdf.get_warnings()):
                _check_reference_chains(name, path.read_bytes())
            for number, page in enumerate(pdf.pages, start=1):
                _check_page(name, number, page, limits)
            _check_cmaps(name, pdf)
        except CouncilError:
            raise
        except Exception:  # noqa: BLE001 - what the checks cannot make out is left to the reader, as before
            return


def _name(value) -> str:
    """A PDF name as text: a font's own name may be Shift_JIS bytes, which ``str()`` refuses."""
    try:
        return str(value).lstrip("/")
    except UnicodeDecodeError:
        return value.unparse().decode("latin-1").lstrip("/")


def _check_reference_chains(name: str, data: bytes) -> None:
    follows: dict[int, int] = {}
    for m in _REF_ONLY.finditer(data):
        follows[int(m.group(1))] = int(m.group(3))
    for start in follows:
        seen, at = [start], follows[start]
        while at in follows and at not in seen:
            seen.append(at)
            at = follows[at]
        if at in seen:
            loop = seen[seen.index(at):] + [at]
            what = ("refers to itself" if len(loop) == 2 else
                    "is a chain of references that comes back to itself (" + " → ".join(map(str, loop)) + ")")
            raise CorruptDocument(name, f"PDF object {start} {what}: a damaged or hostile file")


def _box(page) -> tuple[float, float] | None:
    try:
        x0, y0, x1, y1 = (float(v) for v in page.mediabox)
    except Exception:  # noqa: BLE001 - a box that is not four numbers: pdfminer's default applies
        return None
    return abs(x1 - x0), abs(y1 - y0)


def _check_page(name: str, number: int, page, limits: Limits) -> None:
    size = _box(page)
    if size is None:
        return
    width, height = size
    if width * height == 0:
        raise CorruptDocument(name, f"page {number}'s page box (MediaBox) has zero area "
                              f"({width:g} × {height:g} points): nothing on it can be placed")
    wide, high = math.ceil(width * OCR_DPI / 72), math.ceil(height * OCR_DPI / 72)
    if wide * high > limits.pixels and _images_without_text(page.obj):
        raise refusal(name, f"page {number} holds only images and would be rendered for OCR at {wide:,} × "
                      f"{high:,} = {wide * high:,} pixels", "pixels", limits)


def _images_without_text(page) -> bool:
    """Whether pdfplumber would find images on the page and no characters (so render it for OCR):
    image XObjects or inline images in its content or its forms, and no text-showing operator."""
    import pikepdf

    images, text, seen = False, False, set()

    def walk(holder, depth: int):
        nonlocal images, text
        key = holder.objgen if holder.is_indirect else None
        if key is not None:
            if key in seen or depth > _MAX_FORM_DEPTH:
                return
            seen.add(key)
        try:
            ops = pikepdf.parse_content_stream(holder, _TEXT_OPERATORS + " BI Do")
        except Exception:  # noqa: BLE001 - an unparseable stream is the reader's to report
            return
        xobjects = holder.get("/Resources", {}).get("/XObject", {}) if hasattr(holder, "get") else {}
        for operands, operator in ((op.operands, str(op.operator)) for op in ops):
            if operator == "BI" or operator == "INLINE IMAGE":
                images = True
            elif operator == "Do" and operands:
                xobject = xobjects.get(operands[0]) if xobjects else None
                if xobject is None:
                    continue
                subtype = xobject.get("/Subtype")
                if subtype == "/Image":
                    images = True
                elif subtype == "/Form":
                    walk(xobject, depth + 1)
            else:
                text = True
            if text:
                return

    walk(page, 0)
    return images and not text


def _hex(token: bytes) -> bytes:
    digits = re.sub(rb"\s", b"", token[1:-1])
    return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode())


def _stream_bytes(stream) -> bytes | None:
    """A stream's data, inflated no further than CMAP_BYTES (None when more)."""
    import pikepdf

    filters = stream.get("/Filter")
    filters = [] if filters is None else [str(f) for f in filters] if isinstance(filters, pikepdf.Array) \
        else [str(filters)]
    try:
        if filters in ([], ["/FlateDecode"]) and stream.get("/DecodeParms") is None:
            raw = stream.read_raw_bytes()
            if not filters:
                return raw if len(raw) <= CMAP_BYTES else None
            data = zlib.decompressobj().decompress(raw, CMAP_BYTES + 1)
        else:
            data = stream.read_bytes()
    except Exception:  # noqa: BLE001 - a stream that does not decode is the reader's to report
        return b""
    return None if len(data) > CMAP_BYTES else data


def _declared_codes(cmap: bytes) -> int:
    """How many codes the ``bfrange``/``cidrange`` blocks of a CMap declare, as pdfminer counts them."""
    total = 0
    for block in _RANGE_BLOCK.finditer(cmap):
        kind = block.group(1)
        tokens = _TOKEN.findall(block.group(2))
        for start, end, dest in zip(tokens[0::3], tokens[1::3], tokens[2::3]):
            if not (start.startswith(b"<") and end.startswith(b"<")):
                continue
            a, b = _hex(start), _hex(end)
            if len(a) != len(b):
                continue
            if kind == b"cid" or not dest.startswith(b"["):
                if kind == b"cid":
                    if a[:-4] != b[:-4]:
                        continue
                    a, b = a[-4:], b[-4:]
                total += max(0, int.from_bytes(b, "big") - int.from_bytes(a, "big") + 1)
            if total > CMAP_CODES:
                return total
    return total


def _check_cmaps(name: str, pdf) -> None:
    import pikepdf

    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Dictionary) or obj.get("/Type") != "/Font":
            continue
        for key in ("/ToUnicode", "/Encoding"):
            cmap = obj.get(key)
            if not isinstance(cmap, pikepdf.Stream):
                continue
            font = _name(obj.get("/BaseFont", pikepdf.Name("/?")))
            data = _stream_bytes(cmap)
            if data is None:
                raise CorruptDocument(name, f"font {font}: its {key[1:]} map inflates past "
                                      f"{CMAP_BYTES // (1024 * 1024)} MB (a damaged or hostile font)")
            codes = _declared_codes(data)
            if codes > CMAP_CODES:
                raise CorruptDocument(name, f"font {font}: its {key[1:]} map declares ranges of {codes:,} codes, "
                                      f"more than any font has (a damaged or hostile font)")
