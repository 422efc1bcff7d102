"""Pick a reader by what the file holds, not by its extension, and return the IR."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Literal

from ..archive import NAMED_FORMAT_SUFFIXES
from ..errors import CorruptDocument, EmptyDocument, Encrypted, InputNotFound, UnsupportedFormat
from ..ir import Document
from ..limits import DEFAULT as DEFAULT_LIMITS, Limits, check_zip

Format = Literal["pdf", "docx", "doc", "xlsx", "image", "text"]

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_PNG, _JPEG, _TIFF = (b"\x89PNG\r\n\x1a\n",), (b"\xff\xd8\xff",), (b"II*\x00", b"MM\x00*")
# what a file named so must begin with: (what it is, its signatures)
_SIGNATURES = {
    ".pdf": ("a PDF", (b"%PDF-",)),
    **{s: ("a zip package", (b"PK\x03\x04",)) for s in (".docx", ".docm", ".dotx", ".xlsx", ".xlsm", ".pptx")},
    **{s: ("a legacy Office file", (_OLE_MAGIC,)) for s in (".doc", ".xls", ".ppt")},
    ".png": ("a PNG image", _PNG),
    ".jpg": ("a JPEG image", _JPEG), ".jpeg": ("a JPEG image", _JPEG),
    ".tif": ("a TIFF image", _TIFF), ".tiff": ("a TIFF image", _TIFF),
}
# other formats recognised by their bytes, whatever their name, and refused
_OTHER = (
    (b"PK\x05\x06", "an empty zip archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"GIF87a", "a GIF image"), (b"GIF89a", "a GIF image"),
    (b"{\\rtf", "an RTF document"),
)


def _what_bytes_are(data: bytes) -> str:
    """A few words on what bytes of no known format look like, for a refusal."""
    if len(data) <= 8:
        return f"{len(data)} byte{'s' if len(data) > 1 else ''} ({data.hex(' ')})"
    printable = sum(1 for b in data[:4096] if b >= 0x20 or b in b"\t\r\n")
    return "they look like text" if printable > 0.95 * min(len(data), 4096) else "binary data of no known format"


def detect_format(path: Path, data: bytes) -> Format:
    """``docx`` for a zip holding word/document.xml, ``xlsx`` for one holding xl/workbook.xml, ``pdf``
    for ``%PDF-``, else ``text``.

    Raises :class:`UnsupportedFormat` for other zips (.pptx), legacy OLE files (.doc, .xls)
    and a .docx/.pdf whose bytes are not what its name says.
    """
    name = path.name
    if not data:
        raise EmptyDocument(name, "the file is empty (0 bytes)")
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(_PNG + _JPEG + _TIFF):
        return "image"  # a scanned page: PNG, JPEG, TIFF
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
        except zipfile.BadZipFile as exc:
            raise CorruptDocument(name, f"a damaged zip package ({exc})")
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        kind = "a PowerPoint file" if "ppt/presentation.xml" in names else "a zip archive"
        raise UnsupportedFormat(name, f"{kind}, not a Word document or an Excel workbook")
    if data.startswith(_OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data:  # an encrypted OOXML package inside a CFB container
            raise Encrypted(name, "a password-protected Office document (its package is encrypted)",
                            hint="open it in Word, remove the password (File › Info › Protect Document) and save "
                                 "a copy; this tool does not decrypt Office files")
        if "WordDocument".encode("utf-16-le") in data[:65536] or b"W\0o\0r\0d\0D\0o\0c" in data:
            return "doc"
        raise UnsupportedFormat(name, "a legacy Office file (.xls/.ppt)",
                                hint="save it from its application as .xlsx or .docx, then extract that")
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        raise UnsupportedFormat(name, "a WebP image", hint="save the scan as PNG or TIFF and extract that")
    for signature, what in _OTHER:
        if data.startswith(signature):
            raise UnsupportedFormat(name, what + ", not a document this tool reads")
    suffix = path.suffix.lower()
    if suffix in _SIGNATURES:
        what, signatures = _SIGNATURES[suffix]
        if any(len(data) < len(sig) and sig.startswith(data) for sig in signatures):
            said = "its only byte is" if len(data) == 1 else f"its {len(data)} bytes are only"
            raise CorruptDocument(name, f"a truncated file: {said} the start of {what}")
        if suffix in (".docx", ".pdf", ".xlsx", ".xlsm"):
            raise CorruptDocument(name, f"named {path.suffix} but its bytes are not a {path.suffix[1:].upper()} file "
                                  f"({_what_bytes_are(data)})")
        raise UnsupportedFormat(name, f"named {path.suffix} but its bytes are not {what}, nor a PDF, Word or Excel "
                                f"file ({_what_bytes_are(data)})",
                                hint="check the file; a text export named so can be renamed .txt")
    return "text"


def read_document(path: str | Path, *, password: str | None = None, limits: Limits = DEFAULT_LIMITS,
                  pdf_engine: str = "pdfplumber") -> Document:
    """Any supported file → IR :class:`Document`, within ``limits`` (a PDF opened with ``password``, its
    pages interpreted by ``pdf_engine``: ``pdfplumber`` or ``pdfium``)."""
    path = Path(path)
    if not path.exists():
        raise InputNotFound(str(path), "no such file")
    if path.is_dir():
        raise InputNotFound(str(path), "is a folder", hint="convert a whole folder with: council batch FOLDER --out-dir OUT")
    data = path.read_bytes()
    fmt = detect_format(path, data)
    if fmt == "docx":
        from .docx import read_docx

        check_zip(path, limits)
        return read_docx(path)
    if fmt == "image":
        from .ocr import read_image

        return read_image(path, limits)
    if fmt == "doc":
        from .legacy import read_doc

        return read_doc(path, limits)
    if fmt == "xlsx":
        from .xlsx import read_xlsx

        check_zip(path, limits)
        return read_xlsx(path, limits)
    if fmt == "pdf":
        from .pdf import read_pdf

        return read_pdf(path, password=password, limits=limits, engine=pdf_engine)
    from .text import read_text

    return read_text(path, data, limits=limits)
