"""Build the second round of hostile inputs (issue 25) into a folder: ``python scripts/make_hostile.py DIR``.

Every builder writes one small file (at most a few MB; the bombs are in what the bytes declare, not
in their size), so nothing large is ever committed; ``tests/test_hostile_2.py`` builds the same
files under ``tmp_path``. ``python scripts/make_hostile.py DIR --run`` also runs ``council extract``
on each in a child process and prints its exit code, seconds, peak memory and the one line it said.
"""

from __future__ import annotations

import io
import random
import struct
import sys
import zipfile
import zlib
from pathlib import Path

SAMPLE_TEXT = "件名\t個人情報の取扱いについて\n\n区民課が住民の氏名及び住所を扱う。\n"


# -- PDF ---------------------------------------------------------------------------------------------


def raw_pdf(objects: dict[int, bytes], root: int = 1) -> bytes:
    """A PDF of the given numbered objects (bodies as written), with a correct xref."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    size = max(objects) + 1
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += (b"%010d 00000 n \n" % offsets[number]) if number in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, root, xref)
    return bytes(out)


def stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def one_page_pdf(content: bytes, *, media_box: bytes = b"[0 0 595 842]", resources: bytes | None = None,
                 contents: bytes = b"4 0 R", extra_objects: dict[int, bytes] | None = None) -> bytes:
    """Catalog 1, Pages 2, Page 3, contents 4 (the page's /Contents ``contents``), Helvetica 5;
    ``extra_objects`` from 6 on, or in place of one of these."""
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox " + media_box + b" /Resources "
           + (resources or b"<< /Font << /F1 5 0 R >> >>") + b" /Contents " + contents + b" >>",
        4: stream(content),
        5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    }
    objects.update(extra_objects or {})
    return raw_pdf(objects)


HELLO = b"BT /F1 12 Tf 72 720 Td (Kenmei: kojin joho) Tj ET\n"


def pdf_zero_box() -> bytes:
    """A page whose MediaBox has no area (pdfplumber: 'bounding box of zero area')."""
    return one_page_pdf(HELLO, media_box=b"[0 0 0 0]")


def pdf_zero_width_box() -> bytes:
    return one_page_pdf(HELLO, media_box=b"[100 100 100 842]")


def pdf_huge_image_page() -> bytes:
    """An image-only page of 14,400 × 14,400 points (200 inches, the largest PDF page) with UserUnit
    10: rendered at 300 dpi for OCR it would be 600,000 pixels a side (360 billion pixels)."""
    image = stream(b"\x00", b"/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray "
                             b"/BitsPerComponent 8 ")
    return one_page_pdf(b"q 14400 0 0 14400 0 0 cm /Im1 Do Q\n", media_box=b"[0 0 14400 14400] /UserUnit 10",
                        resources=b"<< /XObject << /Im1 6 0 R >> >>", extra_objects={6: image})


def pdf_big_image_page() -> bytes:
    """An image-only page of 14,400 points square: 60,000 pixels a side at 300 dpi (3.6 Gpx)."""
    image = stream(b"\x00", b"/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray "
                             b"/BitsPerComponent 8 ")
    return one_page_pdf(b"q 14400 0 0 14400 0 0 cm /Im1 Do Q\n", media_box=b"[0 0 14400 14400]",
                        resources=b"<< /XObject << /Im1 6 0 R >> >>", extra_objects={6: image})


def pdf_cmap_range(span: str = "<00000000> <FFFFFFFF>") -> bytes:
    """A Type0 font whose ToUnicode CMap maps one range of 2^32 codes (pdfminer expands every one)."""
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Hostile def "
            b"1 begincodespacerange <00000000> <FFFFFFFF> endcodespacerange "
            b"1 beginbfrange " + span.encode() + b" <0041> endbfrange endcmap "
            b"CMapName currentdict /CMap defineresource pop end end")
    font = (b"<< /Type /Font /Subtype /Type0 /BaseFont /Hostile /Encoding /Identity-H /ToUnicode 7 0 R "
            b"/DescendantFonts [8 0 R] >>")
    descendant = (b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Hostile /CIDSystemInfo << /Registry (Adobe) "
                  b"/Ordering (Identity) /Supplement 0 >> /DW 1000 /FontDescriptor 9 0 R >>")
    descriptor = (b"<< /Type /FontDescriptor /FontName /Hostile /Flags 4 /FontBBox [0 -200 1000 800] /ItalicAngle 0 "
                  b"/Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>")
    return one_page_pdf(b"BT /F1 12 Tf 72 720 Td (Kenmei) Tj /F2 12 Tf 72 700 Td <00410042> Tj ET\n",
                        resources=b"<< /Font << /F1 5 0 R /F2 6 0 R >> >>",
                        extra_objects={6: font, 7: stream(cmap), 8: descendant, 9: descriptor})


def pdf_self_reference() -> bytes:
    """Object 6 is a reference to itself, and the page's resources are object 6."""
    pdf = one_page_pdf(HELLO, resources=b"6 0 R", extra_objects={6: b"6 0 R"})
    return pdf


def pdf_reference_loop() -> bytes:
    """Objects 6 → 7 → 6: the page's Contents is a chain of references that never ends."""
    return one_page_pdf(HELLO, contents=b"6 0 R", extra_objects={6: b"7 0 R", 7: b"6 0 R"})


def pdf_self_length() -> bytes:
    """A content stream whose /Length is a reference to itself."""
    return one_page_pdf(HELLO, extra_objects={4: b"<< /Length 6 0 R >>\nstream\n" + HELLO + b"\nendstream", 6: b"6 0 R"})


def pdf_self_drawing_form() -> bytes:
    """A form XObject that draws itself (Do inside its own content)."""
    form = stream(b"/Fm1 Do\n" + HELLO, b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] "
                                        b"/Resources << /XObject << /Fm1 6 0 R >> /Font << /F1 5 0 R >> >> ")
    return one_page_pdf(b"/Fm1 Do\n", resources=b"<< /XObject << /Fm1 6 0 R >> /Font << /F1 5 0 R >> >>",
                        extra_objects={6: form})


# -- images --------------------------------------------------------------------------------------------


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_blank(width: int, height: int) -> bytes:
    """A white greyscale PNG, written row by row (never held whole): 150 Mpx compress to about 150 KB."""
    z = zlib.compressobj(9)
    row = b"\x00" + b"\xff" * width
    idat = bytearray()
    for _ in range(height):
        idat += z.compress(row)
    idat += z.flush()
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr) + _png_chunk(b"IDAT", bytes(idat)) + _png_chunk(b"IEND", b"")


def png_between_pillow_sizes() -> bytes:
    """≈150 Mpx: over Pillow's warning size (89 Mpx), under its refusal size (179 Mpx)."""
    return png_blank(12_500, 12_000)


def tiff_blank_pages(pages: int = 300) -> bytes:
    """``pages`` blank A4 pages at 300 dpi, bilevel, Group 4: a few KB."""
    from PIL import Image

    page = Image.new("1", (2480, 3508), 1)
    out = io.BytesIO()
    page.save(out, format="TIFF", save_all=True, append_images=[page] * (pages - 1), compression="group4",
              dpi=(300, 300))
    return out.getvalue()


def _tiff_ifd_offsets(data: bytes) -> list[tuple[int, int]]:
    """(offset of the IFD, offset of its next-IFD field) along a little-endian TIFF's chain."""
    out, at = [], struct.unpack_from("<I", data, 4)[0]
    while at:
        count = struct.unpack_from("<H", data, at)[0]
        field = at + 2 + 12 * count
        out.append((at, field))
        at = struct.unpack_from("<I", data, field)[0]
    return out


def tiff_page_loop() -> bytes:
    """Three pages whose chain loops: page 3's next IFD is page 1."""
    from PIL import Image, ImageDraw

    pages = []
    for n in range(3):
        page = Image.new("L", (600, 200), 255)
        ImageDraw.Draw(page).rectangle((50 + 100 * n, 50, 120 + 100 * n, 150), fill=0)
        pages.append(page)
    out = io.BytesIO()
    pages[0].save(out, format="TIFF", save_all=True, append_images=pages[1:])
    data = bytearray(out.getvalue())
    ifds = _tiff_ifd_offsets(bytes(data))
    struct.pack_into("<I", data, ifds[-1][1], ifds[0][0])
    return bytes(data)


def tiff_self_loop() -> bytes:
    """One page whose next IFD is itself."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("L", (100, 100), 255).save(out, format="TIFF")
    data = bytearray(out.getvalue())
    ifds = _tiff_ifd_offsets(bytes(data))
    struct.pack_into("<I", data, ifds[0][1], ifds[0][0])
    return bytes(data)


# -- .xlsx ------------------------------------------------------------------------------------------------


_CONTENT_TYPES = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                  b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                  b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                  b'<Default Extension="xml" ContentType="application/xml"/>'
                  b'<Override PartName="/xl/workbook.xml" '
                  b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                  b'<Override PartName="/xl/worksheets/sheet1.xml" '
                  b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                  b'</Types>')
_RELS = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
         b'officeDocument" Target="xl/workbook.xml"/></Relationships>')
_WORKBOOK = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
             b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
             b'<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WORKBOOK_RELS = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                  b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                  b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                  b'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')


def xlsx(sheet_data, *, dimension: str | None = None, merges: tuple[str, ...] = (),
         compress: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A one-sheet workbook; ``sheet_data`` is the <sheetData> body (bytes, or an iterable of bytes)."""
    head = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            + (b'<dimension ref="%s"/>' % dimension.encode() if dimension else b"") + b"<sheetData>")
    tail = b"</sheetData>" + (b'<mergeCells count="%d">' % len(merges) + b"".join(
        b'<mergeCell ref="%s"/>' % m.encode() for m in merges) + b"</mergeCells>" if merges else b"") + b"</worksheet>"
    body = sheet_data if isinstance(sheet_data, bytes) else b"".join(sheet_data)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("xl/workbook.xml", _WORKBOOK)
        zf.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        zf.writestr("xl/worksheets/sheet1.xml", head + body + tail, compress_type=compress)
    return out.getvalue()


def _cell(ref: str, text: str) -> bytes:
    return b'<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref.encode(), text.encode())


def xlsx_small() -> bytes:
    return xlsx(b'<row r="1">' + _cell("A1", "件名") + _cell("B1", "個人情報") + b"</row>"
                b'<row r="2">' + _cell("A2", "担当課") + _cell("B2", "区民課") + b"</row>", dimension="A1:B2")


def xlsx_huge_cell(chars: int = 4_000_000) -> bytes:
    """One cell of ``chars`` varied characters (stored, so no zip limit refuses it first)."""
    rng = random.Random(25)
    kana = "あいうえおかきくけこさしすせそ区民課氏名住所"
    text = "".join(rng.choice(kana) for _ in range(chars))
    return xlsx(b'<row r="1">' + _cell("A1", text) + b"</row>", dimension="A1", compress=zipfile.ZIP_STORED)


def xlsx_million_rows(rows: int = 1_000_000) -> bytes:
    return xlsx((b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (r, r, r) for r in range(1, rows + 1)),
                dimension=f"A1:A{rows}")


def xlsx_far_corners() -> bytes:
    return xlsx(b'<row r="1">' + _cell("A1", "件名") + b'</row><row r="1048576">' + _cell("XFD1048576", "末尾")
                + b"</row>", dimension="A1:XFD1048576")


def xlsx_whole_sheet_merge() -> bytes:
    return xlsx(b'<row r="1">' + _cell("A1", "件名") + b"</row>", dimension="A1", merges=("A1:XFD1048576",))


# -- text exports ----------------------------------------------------------------------------------------


ENCODINGS = {  # file name part → (codec, BOM)
    "utf8": ("utf-8", b""),
    "utf8_bom": ("utf-8", b"\xef\xbb\xbf"),
    "utf16le_bom": ("utf-16-le", b"\xff\xfe"),
    "utf16be_bom": ("utf-16-be", b"\xfe\xff"),
    "utf32le_bom": ("utf-32-le", b"\xff\xfe\x00\x00"),
    "utf32be_bom": ("utf-32-be", b"\x00\x00\xfe\xff"),
    "shift_jis": ("shift_jis", b""),
    "cp932": ("cp932", b""),
    "euc_jp": ("euc_jp", b""),
    "iso2022jp": ("iso2022_jp", b""),
}
# a text export of the sort the seed is, with a CP932-only character (①) in the CP932 one
EXPORT_TEXT = ("件名\t区民課における個人情報の取扱いについて\n\n"
               "担当課\t区民部区民課\n\n"
               "事業の概要\n住民票の写しの交付に際し、申請者の氏名、住所及び生年月日を確認する。\n")


def text_export(name: str) -> bytes:
    codec, bom = ENCODINGS[name]
    text = EXPORT_TEXT + ("①本人確認書類を提示する。\n" if name == "cp932" else "")
    return bom + text.encode(codec)


# -- the set ----------------------------------------------------------------------------------------------

SUFFIXES = (".pdf", ".docx", ".xlsx", ".xlsm", ".doc", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".txt", ".csv", "")


def build(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "zero_box.pdf": pdf_zero_box(),
        "zero_width_box.pdf": pdf_zero_width_box(),
        "huge_image_page.pdf": pdf_huge_image_page(),
        "big_image_page.pdf": pdf_big_image_page(),
        "cmap_range.pdf": pdf_cmap_range(),
        "self_reference.pdf": pdf_self_reference(),
        "reference_loop.pdf": pdf_reference_loop(),
        "self_length.pdf": pdf_self_length(),
        "self_drawing_form.pdf": pdf_self_drawing_form(),
        "png_150mpx.png": png_between_pillow_sizes(),
        "tiff_300_blank.tif": tiff_blank_pages(300),
        "tiff_page_loop.tif": tiff_page_loop(),
        "tiff_self_loop.tif": tiff_self_loop(),
        "xlsx_huge_cell.xlsx": xlsx_huge_cell(),
        "xlsx_million_rows.xlsx": xlsx_million_rows(),
        "xlsx_far_corners.xlsx": xlsx_far_corners(),
        "xlsx_whole_sheet_merge.xlsx": xlsx_whole_sheet_merge(),
        "one_byte.png": b"\x89",
        "text_named.png": SAMPLE_TEXT.encode(),
        "pdf_named.txt": pdf_zero_box().replace(b"[0 0 0 0]", b"[0 0 595 842]"),
    }
    for name in ENCODINGS:
        files[f"export_{name}.txt"] = text_export(name)
    for suffix in SUFFIXES:
        files[f"zero_byte{suffix or '_nosuffix'}"] = b""
        files[f"one_byte_P{suffix or '_nosuffix'}"] = b"P"
        files[f"one_byte_nul{suffix or '_nosuffix'}"] = b"\x00"
    paths = []
    for name, data in files.items():
        (folder / name).write_bytes(data)
        paths.append(folder / name)
    return paths


def run_all(paths: list[Path]) -> None:
    import resource
    import subprocess
    import time

    for path in paths:
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "extractor.cli", "extract", str(path), "-o",
                               str(path.with_name(path.name + ".json"))], capture_output=True, text=True, timeout=300)
        seconds = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024  # MiB, the largest child so far
        said = (proc.stderr.strip().splitlines() or [""])[-1][:160]
        print(f"{path.name}\t{proc.returncode}\t{seconds:.1f}s\t{peak}MiB(max so far)\t{said}")


if __name__ == "__main__":
    paths = build(Path(sys.argv[1]))
    if "--run" in sys.argv:
        run_all(paths)
