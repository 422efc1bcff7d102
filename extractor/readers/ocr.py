"""Scanned pages → characters with boxes, by Tesseract OCR (Debian ``tesseract-ocr tesseract-ocr-jpn``,
through pytesseract), so a scan goes through the same reader as a PDF with a text layer.

Each word Tesseract finds becomes characters spread evenly over the word's box, in PDF points, with the
line's height as their size; the page's mean word confidence goes into an ``ocr`` warning. Nothing
is read from a scan without Tesseract: the ``no_text_layer`` warning then says how to install it.
"""

from __future__ import annotations

import math
import shutil
from contextvars import ContextVar
from functools import lru_cache

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


def read_image(path):
    """An image of a page or pages (a multi-page TIFF) → IR, by OCR, through the PDF reader's layout."""
    from PIL import Image, ImageSequence

    from ..errors import CorruptDocument, UnsupportedFormat
    from ..ir import Document, Page, Warning
    from .pdf import _paragraph, _Styler, chars_to_lines, lines_to_paragraph_groups, right_margin

    if not available():
        raise UnsupportedFormat(path.name, "an image (a scan?), and Tesseract is not installed to read it",
                                hint="install it (Debian: apt-get install tesseract-ocr tesseract-ocr-jpn)")
    try:
        frames = [f.convert("L") for f in ImageSequence.Iterator(Image.open(path))]
    except Exception as exc:  # noqa: BLE001 - Pillow raises many kinds for a damaged image
        raise CorruptDocument(path.name, f"not a readable image ({type(exc).__name__})")
    pages, warnings = [], []
    for number, frame in enumerate(frames, start=1):
        dpi = frame.info.get("dpi", (DPI, DPI))[0] or DPI
        chars, confidence = image_chars(frame, 72 / float(dpi))
        warnings.append(Warning("ocr", f"an image, read by OCR (Tesseract, {LANG}): mean word confidence "
                                f"{confidence or 0:.0f}%; styles and table rules are not read", number))
        lines = chars_to_lines(chars)
        styler = _Styler([], [])
        blocks = tuple(_paragraph(g, styler, number) for g in lines_to_paragraph_groups(lines, right_margin(lines)))
        pages.append(Page(number=number, blocks=blocks))
    return Document(format="image", pages=tuple(pages), page_count=len(frames), warnings=tuple(warnings))
