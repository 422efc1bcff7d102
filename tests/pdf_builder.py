"""A tiny PDF writer for reader tests: pages of raw content-stream operators, Helvetica fonts.

Real producers are tested on the committed sample PDFs; this writes one geometric situation per
test (a render mode, a rule, a gap) where a sample would hold many at once.
"""

from __future__ import annotations

FONTS = {
    "F1": "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    "F2": "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>",
    # a CID font with no ToUnicode map and no font file: its glyphs read as (cid:N)
    "F3": ("<< /Type /Font /Subtype /Type0 /BaseFont /Unmapped /Encoding /Identity-H /DescendantFonts "
           "[<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Unmapped /CIDSystemInfo << /Registry (Adobe) "
           "/Ordering (Identity) /Supplement 0 >> /DW 1000 /FontDescriptor << /Type /FontDescriptor "
           "/FontName /Unmapped /Flags 4 /FontBBox [0 -200 1000 800] /ItalicAngle 0 /Ascent 800 /Descent -200 "
           "/CapHeight 700 /StemV 80 >> >>] >>"),
}


def make_pdf(pages: list[str], width: int = 612, height: int = 792) -> bytes:
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    font_ids = {name: add(body.encode()) for name, body in FONTS.items()}
    fonts = " ".join(f"/{name} {oid} 0 R" for name, oid in font_ids.items())
    pages_id = len(objects) + 1 + 2 * len(pages)  # placeholder id after pages and contents
    page_ids = []
    for content in pages:
        data = content.encode("latin-1")
        cid = add(b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream")
        page_ids.append(add(f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 {width} {height}] "
                            f"/Resources << /Font << {fonts} >> >> /Contents {cid} 0 R >>".encode()))
    kids = " ".join(f"{pid} 0 R" for pid in page_ids)
    assert add(f"<< /Type /Pages /Kids [{kids}] /Count {len(page_ids)} >>".encode()) == pages_id
    catalog = add(f"<< /Type /Catalog /Pages {pages_id} 0 R >>".encode())
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def text(x: float, y: float, s: str, *, font: str = "F1", size: float = 12, mode: int = 0,
         charspace: float = 0) -> str:
    return f"BT /{font} {size} Tf {mode} Tr {charspace} Tc {x} {y} Td ({s}) Tj ET\n"


def line(x0: float, y0: float, x1: float, y1: float, width: float = 0.5) -> str:
    return f"{width} w {x0} {y0} m {x1} {y1} l S\n"


def grid(x0: float, y_top: float, widths: list[float], heights: list[float]) -> str:
    """Ruling lines of a table: columns of ``widths``, rows of ``heights``, from the top-left corner."""
    xs = [x0]
    for w in widths:
        xs.append(xs[-1] + w)
    ys = [y_top]
    for h in heights:
        ys.append(ys[-1] - h)
    out = "".join(line(xs[0], y, xs[-1], y) for y in ys)
    out += "".join(line(x, ys[0], x, ys[-1]) for x in xs)
    return out
