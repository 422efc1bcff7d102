"""Scanned pages → characters with boxes, by Tesseract OCR (Debian ``tesseract-ocr tesseract-ocr-jpn``,
through pytesseract), so a scan goes through the same reader as a PDF with a text layer.

Each word Tesseract finds becomes characters spread evenly over the word's box, in PDF points, with the
line's height as their size; the page's mean word confidence goes into an ``ocr`` warning. Nothing
is read from a scan without Tesseract: the ``no_text_layer`` warning then says how to install it.
"""

from __future__ import annotations

import math
import shutil
import struct
from contextvars import ContextVar
from functools import lru_cache

from ..errors import CouncilError

DPI = 300
LANG = "jpn"


@lru_cache(maxsize=1)
def available() -> bool:
    """Tesseract with its Japanese data, and the Python binding, are installed."""
    if shutil.which("tesseract") is None:
        return False
    try:
        import pytesseract

        return LANG in pytesseract.get_languages(config="")
    except Exception:  # noqa: BLE001 - a broken install is the same as none
        return False


def image_chars(image, points_per_pixel: float) -> tuple[list[dict], float | None]:
    """(characters as the PDF reader's char dicts, mean confidence 0–100) of one page image."""
    import pytesseract

    # --psm 6: one uniform block of text, which reads a form page (boxes, short lines) best here
    data = pytesseract.image_to_data(image, lang=LANG, config="--psm 6", output_type=pytesseract.Output.DICT)
    chars, confidences = [], []
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        confidence = float(data["conf"][i])
        if not text or confidence < 0:
            continue
        confidences.append(confidence)
        left, top = data["left"][i] * points_per_pixel, data["top"][i] * points_per_pixel
        width, height = data["width"][i] * points_per_pixel, data["height"][i] * points_per_pixel
        step = width / len(text)
        for k, ch in enumerate(text):
            chars.append({"text": ch, "x0": left + k * step, "x1": left + (k + 1) * step, "top": top,
                          "bottom": top + height, "size": max(height, 1.0), "fontname": "OCR", "upright": True})
    return chars, (sum(confidences) / len(confidences) if confidences else None)


# The file being read and its limits, set by the PDF guard before any page is laid out: a page is
# never rendered past ``--max-pixels``, whatever the guard foresaw of it.
READING: ContextVar[tuple[str, object] | None] = ContextVar("council_ocr_reading", default=None)


def render_size(width_pt: float, height_pt: float, dpi: float = DPI) -> tuple[int, int]:
    return math.ceil(float(width_pt) * dpi / 72), math.ceil(float(height_pt) * dpi / 72)


def page_chars(page) -> tuple[list[dict], float | None]:
    """A pdfplumber page rendered at 300 dpi and read by Tesseract, within ``--max-pixels``."""
    from ..limits import DEFAULT, refusal

    name, limits = READING.get() or ("the PDF", DEFAULT)
    wide, high = render_size(page.width, page.height)
    if wide * high > limits.pixels:
        raise refusal(name, f"page {page.page_number} holds only images and would be rendered for OCR at "
                      f"{wide:,} × {high:,} = {wide * high:,} pixels", "pixels", limits)
    image = page.to_image(resolution=DPI).original
    return image_chars(image, 72 / DPI)


def tiff_page_count(data: bytes, most: int) -> tuple[int, int | None]:
    """(pages, the page whose next-page link points back along the chain, or None) of a TIFF, walking its
    chain of image directories with a visited set, no further than ``most + 1`` pages."""
    if data[:2] not in (b"II", b"MM") or len(data) < 8:
        return 0, None
    order = "<" if data[:2] == b"II" else ">"
    big = struct.unpack_from(order + "H", data, 2)[0] == 43  # BigTIFF
    try:
        at = struct.unpack_from(order + ("Q" if big else "I"), data, 8 if big else 4)[0]
        seen, pages = set(), 0
        while at and pages <= most:
            if at in seen:
                return pages, pages
            if at + (8 if big else 2) > len(data):
                break  # a link past the end: the pages before it are read
            seen.add(at)
            pages += 1
            count = struct.unpack_from(order + ("Q" if big else "H"), data, at)[0]
            link = at + (8 + 20 * count if big else 2 + 12 * count)
            if link + (8 if big else 4) > len(data):
                break
            at = struct.unpack_from(order + ("Q" if big else "I"), data, link)[0]
        return pages, None
    except struct.error:
        return 0, None


def is_blank(frame) -> bool:
    """A page with no ink at all: no pixel darker than light grey (an empty scan, a blank separator)."""
    return not any(frame.histogram()[:192])


def read_image(path, limits=None):
    """An image of a page or pages (a multi-page TIFF) → IR, by OCR, through the layout the PDF reader uses.

    Each page's size is checked against ``--max-pixels`` (and the page count against ``--max-pages``)
    before it is decoded, pages are decoded one at a time, a TIFF's chain of pages is walked with a
    visited set, and a blank page is said in an ``ocr`` warning without being read."""
    import warnings as py_warnings

    from PIL import Image

    from ..errors import CorruptDocument, UnsupportedFormat
    from ..ir import Document, Page, Warning
    from ..limits import DEFAULT, refusal
    from .layout import Styler, chars_to_lines, lines_to_paragraph_groups, paragraph_of_lines, right_margin

    limits = limits or DEFAULT
    if not available():
        raise UnsupportedFormat(path.name, "an image (a scan?), and Tesseract is not installed to read it",
                                hint="install it (Debian: apt-get install tesseract-ocr tesseract-ocr-jpn)")
    with open(path, "rb") as fh:
        head = fh.read()
    tiff_pages, loop_at = tiff_page_count(head, limits.pages)
    if tiff_pages > limits.pages:
        raise refusal(path.name, f"a TIFF of more than {limits.pages:,} pages", "pages", limits)
    Image.MAX_IMAGE_PIXELS = None  # the size of every page is checked here, against --max-pixels
    pages, warnings = [], []
    if loop_at is not None:
        warnings.append(Warning("repaired", f"the TIFF's chain of pages loops back after page {loop_at}; the "
                                f"{loop_at} pages before the loop were read", None))
    try:
        with py_warnings.catch_warnings():
            py_warnings.simplefilter("ignore")
            image = Image.open(path)
            count = tiff_pages or getattr(image, "n_frames", 1)
            if count > limits.pages:
                raise refusal(path.name, f"{count:,} pages", "pages", limits)
            for number in range(1, count + 1):
                try:
                    image.seek(number - 1)
                except EOFError:
                    break
                wide, high = image.size
                if wide * high > limits.pixels:
                    raise refusal(path.name, f"page {number} is {wide:,} × {high:,} = {wide * high:,} pixels",
                                  "pixels", limits)
                frame = image.convert("L")
                dpi = (image.info.get("dpi") or (DPI, DPI))[0] or DPI
                if is_blank(frame):
                    warnings.append(Warning("ocr", "a blank page (an image with no ink): nothing to read", number))
                    pages.append(Page(number=number, blocks=()))
                    continue
                chars, confidence = image_chars(frame, 72 / float(dpi))
                del frame
                if not chars:
                    warnings.append(Warning("ocr", f"an image, read by OCR (Tesseract, {LANG}): no text was found "
                                            "on the page", number))
                    pages.append(Page(number=number, blocks=()))
                    continue
                warnings.append(Warning("ocr", f"an image, read by OCR (Tesseract, {LANG}): mean word confidence "
                                        f"{confidence or 0:.0f}%; styles and table rules are not read", number))
                lines = chars_to_lines(chars)
                styler = Styler([], [])
                blocks = tuple(paragraph_of_lines(g, styler, number)
                               for g in lines_to_paragraph_groups(lines, right_margin(lines)))
                pages.append(Page(number=number, blocks=blocks))
    except CouncilError:
        raise
    except Exception as exc:  # noqa: BLE001 - Pillow raises many kinds for a damaged image
        raise CorruptDocument(path.name, f"not a readable image ({type(exc).__name__}: {str(exc)[:120]})")
    return Document(format="image", pages=tuple(pages), page_count=len(pages), warnings=tuple(warnings))
