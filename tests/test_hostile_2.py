"""Issue 25: hostile input, second round — every class decided before the expensive step, with its own
error code and one line (or read), never ``[internal]``, never a hang; every Japanese encoding of a
text export read; the file's bytes, not its name, decide its reader.

The inputs are built by ``scripts/make_hostile.py`` under ``tmp_path`` (small files: the bombs are in
what the bytes declare). Each test runs ``council extract`` in a child process with a time limit."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.readers import ocr
from scripts import make_hostile as mk
from tests.conftest import SAMPLES


def council(*args, timeout: float = 120):
    return subprocess.run([sys.executable, "-m", "extractor.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout)


def refused(tmp_path: Path, name: str, data: bytes, code: str, *words: str, args=(), timeout: float = 60) -> str:
    """``council extract`` on the file: exit 1, one line with the code and the words, nothing written."""
    path = tmp_path / name
    path.write_bytes(data)
    out = tmp_path / (name + ".json")
    run = council("extract", path, "-o", out, *args, timeout=timeout)
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr
    lines = [l for l in run.stderr.strip().splitlines() if l.startswith("council: error:")]
    assert len(lines) == 1, run.stderr
    assert f"[{code}]" in lines[0] and name in lines[0] and "[internal]" not in lines[0], lines[0]
    assert all(w in lines[0] for w in words), lines[0]
    assert not out.exists()
    return lines[0]


def read(tmp_path: Path, name: str, data: bytes, args=(), timeout: float = 120) -> dict:
    path = tmp_path / name
    path.write_bytes(data)
    out = tmp_path / (name + ".json")
    run = council("extract", path, "-o", out, *args, timeout=timeout)
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
    return json.loads(out.read_text(encoding="utf-8"))


needs_tesseract = pytest.mark.skipif(not ocr.available(), reason="Tesseract with Japanese data is not installed")


# -- PDF: checked from qpdf's view of the objects before pdfplumber lays out a page -------------------------


@pytest.mark.parametrize("build", [mk.pdf_zero_box, mk.pdf_zero_width_box])
def test_a_page_box_of_zero_area_is_refused_naming_the_page(tmp_path, build):
    """Was ``[internal]`` ValueError (bounding box of zero area) from pdfplumber's crop."""
    refused(tmp_path, "zero_box.pdf", build(), "corrupt_document", "page 1", "zero area")


@pytest.mark.parametrize("build", [mk.pdf_big_image_page, mk.pdf_huge_image_page])
def test_a_huge_image_only_page_is_refused_before_it_is_rendered(tmp_path, build):
    """Was ``[internal]`` MemoryError: rendered at 300 dpi for OCR the page is 3.6 billion pixels."""
    line = refused(tmp_path, "huge_page.pdf", build(), "too_large", "3,600,000,000 pixels", "--max-pixels",
                   timeout=30)
    assert "over the limit of 100,000,000 pixels" in line


def test_a_huge_page_with_a_text_layer_is_not_refused_for_its_size(tmp_path):
    """Only a page that would be rendered (images, no text) is bounded by --max-pixels."""
    data = mk.one_page_pdf(mk.HELLO, media_box=b"[0 0 14400 14400]")
    doc = read(tmp_path, "big_text_page.pdf", data)
    assert "Kenmei" in json.dumps(doc, ensure_ascii=False)


def test_max_pixels_is_an_option_of_extract_batch_and_diff():
    for command in ("extract", "batch", "diff"):
        assert "--max-pixels" in council(command, "--help").stdout


def test_a_cmap_declaring_an_enormous_range_is_refused_in_bounded_time(tmp_path):
    """Was ``[internal]`` MemoryError (and here no answer in 60 s): pdfminer expands all 2^32 codes."""
    refused(tmp_path, "cmap.pdf", mk.pdf_cmap_range(), "corrupt_document", "ToUnicode", "4,294,967,296 codes",
            timeout=30)


def test_a_cmap_of_an_ordinary_size_is_read(tmp_path):
    doc = read(tmp_path, "cmap_ok.pdf", mk.pdf_cmap_range("<0000> <00FF>"))
    assert "Kenmei" in json.dumps(doc, ensure_ascii=False)


@pytest.mark.parametrize("build,words", [(mk.pdf_reference_loop, ("6 → 7 → 6",)),
                                         (mk.pdf_self_length, ("object 6 refers to itself",))])
def test_an_object_that_refers_to_itself_is_refused_in_bounded_time(tmp_path, build, words):
    """Was no answer in 120 s: pdfminer follows a chain of references that comes back for ever."""
    refused(tmp_path, "loop.pdf", build(), "corrupt_document", *words, timeout=30)


def test_a_self_reference_qpdf_repairs_is_read_from_its_repaired_copy(tmp_path):
    """qpdf finds this file damaged and rebuilds it (no chain is left): read, as before, not refused."""
    doc = read(tmp_path, "self_ref.pdf", mk.pdf_self_reference())
    # its one line of text is no council document: other's warning first, then the reader's
    assert [w["code"] for w in doc["warnings"]][:2] == ["not_council_document", "repaired"]


def test_a_form_that_draws_itself_is_read(tmp_path):
    # read, not refused: a page of a few words, no council submission (other)
    assert read(tmp_path, "form.pdf", mk.pdf_self_drawing_form())["schema"] == "council-document"


# -- images: a pixel budget before decoding, pages one at a time, blank pages said -----------------------------


@needs_tesseract
def test_a_png_between_pillows_warning_and_refusal_sizes_is_refused_naming_max_pixels(tmp_path):
    """Was ``[internal]`` ValueError after decoding 150 Mpx; raising the limit reads it (a blank page)."""
    data = mk.png_between_pillow_sizes()
    refused(tmp_path, "big.png", data, "too_large", "12,500 × 12,000 = 150,000,000 pixels", "--max-pixels")
    doc = read(tmp_path, "big.png", data, args=("--max-pixels", "200000000"))
    assert [w["code"] for w in doc["warnings"]] == ["ocr"] and "blank page" in doc["warnings"][0]["message"]


@needs_tesseract
def test_a_tiff_of_300_blank_pages_gives_ocr_warnings_in_flat_memory(tmp_path):
    """Was ``[internal]`` ValueError (max() of an empty sequence) after holding all 300 pages (2.6 GB)."""
    path = tmp_path / "blank.tif"
    path.write_bytes(mk.tiff_blank_pages(300))
    out = tmp_path / "blank.json"
    run = subprocess.run(["/usr/bin/time", "-f", "%M", sys.executable, "-m", "extractor.cli", "extract", path, "-o",
                          out], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
    assert int(run.stderr.strip().splitlines()[-1]) < 600 * 1024  # KiB: pages are decoded one at a time
    warnings = json.loads(out.read_text(encoding="utf-8"))["warnings"]
    assert len(warnings) == 300 and all(w["code"] == "ocr" and "blank" in w["message"] for w in warnings)


@needs_tesseract
def test_a_tiff_over_max_pages_is_refused_before_its_pages_are_decoded(tmp_path):
    refused(tmp_path, "pages.tif", mk.tiff_blank_pages(5), "too_large", "--max-pages", args=("--max-pages", "3"))


@needs_tesseract
@pytest.mark.parametrize("build,pages", [(mk.tiff_page_loop, 3), (mk.tiff_self_loop, 1)])
def test_a_tiff_whose_page_chain_loops_reads_the_pages_before_the_loop(tmp_path, build, pages):
    doc = read(tmp_path, "loop.tif", build())
    assert doc["source"]["pages"] == pages
    assert doc["warnings"][0]["code"] == "repaired" and "loops back" in doc["warnings"][0]["message"]


def test_tiff_page_count_walks_the_chain_with_a_visited_set():
    assert ocr.tiff_page_count(mk.tiff_page_loop(), 100) == (3, 3)
    assert ocr.tiff_page_count(mk.tiff_self_loop(), 100) == (1, 1)
    assert ocr.tiff_page_count(mk.tiff_blank_pages(4), 100) == (4, None)
    assert ocr.tiff_page_count(mk.tiff_blank_pages(4), 2) == (3, None)  # stops one past the limit


# -- .xlsx: the used range, rows and cell lengths from the XML streamed once, before openpyxl loads it -------------


def test_an_xlsx_cell_longer_than_excel_allows_is_refused(tmp_path):
    """Was no answer in 120 s (4 million characters in one cell)."""
    refused(tmp_path, "cell.xlsx", mk.xlsx_huge_cell(200_000), "too_large", "cell A1 holds 200,000 characters",
            "--max-cell-chars")


def test_an_xlsx_of_a_million_rows_is_refused_at_the_row_over_the_limit(tmp_path):
    """Was no answer in 120 s; now refused in the time of 50,000 rows."""
    refused(tmp_path, "rows.xlsx", mk.xlsx_million_rows(), "too_large", "A1:A50001", "--max-table-rows", timeout=60)


def test_an_xlsx_with_cells_at_the_far_corners_is_refused_by_its_used_range(tmp_path):
    refused(tmp_path, "corners.xlsx", mk.xlsx_far_corners(), "too_large", "A1:XFD1048576",
            "17,179,869,184 cells", "--max-sheet-cells", timeout=30)


def test_an_xlsx_whose_merge_covers_the_whole_sheet_is_refused_by_its_used_range(tmp_path):
    """Was ``[corrupt_document]`` after a MemoryError: openpyxl makes a cell of every merged cell."""
    refused(tmp_path, "merge.xlsx", mk.xlsx_whole_sheet_merge(), "too_large", "A1:XFD1048576", "--max-sheet-cells",
            timeout=30)


def test_an_ordinary_xlsx_is_read_as_before(tmp_path):
    doc = read(tmp_path, "small.xlsx", mk.xlsx_small())
    assert "区民課" in json.dumps(doc, ensure_ascii=False)


# -- text exports: every Japanese encoding, detected from the bytes and named -------------------------------------


@pytest.mark.parametrize("encoding", list(mk.ENCODINGS))
def test_a_text_export_in_every_japanese_encoding_is_read_and_its_encoding_named(tmp_path, encoding):
    """EUC-JP was refused (text_decode), ISO-2022-JP read without its Japanese, UTF-32 BE refused as binary."""
    doc = read(tmp_path, f"export_{encoding}.txt", mk.text_export(encoding))
    text = json.dumps(doc, ensure_ascii=False)
    assert "区民課における個人情報の取扱いについて" in text and "住民票の写し" in text
    named = [w["message"] for w in doc["warnings"] if w["code"] == "encoding"]
    if encoding == "utf8":
        assert named == []
    else:
        label = {"shift_jis": "Shift_JIS", "cp932": "CP932", "euc_jp": "EUC-JP", "iso2022jp": "ISO-2022-JP",
                 "utf8_bom": "UTF-8 (with BOM)"}.get(encoding, encoding[:5].upper().replace("UTF", "UTF-"))
        assert len(named) == 1 and label in named[0], named
    if encoding == "cp932":
        assert "①本人確認書類" in text


def test_euc_jp_that_also_decodes_as_cp932_is_read_as_euc_jp():
    from extractor.readers.text import detect_encoding

    for text in ("あいうえお、かきくけこ。", "個人情報の取扱い"):
        data = text.encode("euc_jp")
        assert data.decode("cp932") != text  # it does decode as CP932, into half-width katakana
        assert detect_encoding(data, "x.txt") == (text, "EUC-JP")
    assert detect_encoding("個人情報の取扱い".encode("cp932"), "x.txt")[1] == "Shift_JIS (CP932)"


# -- the bytes decide, not the name ----------------------------------------------------------------------------


def test_a_one_byte_png_is_diagnosed_by_its_bytes(tmp_path):
    """Was diagnosed as a text decoding problem."""
    refused(tmp_path, "one.png", b"\x89", "corrupt_document", "truncated", "PNG image")


@pytest.mark.parametrize("suffix", mk.SUFFIXES)
def test_zero_and_one_byte_files_of_every_suffix_give_one_line_or_a_read(tmp_path, suffix):
    refused(tmp_path, f"zero{suffix}", b"", "empty_document", "0 bytes")
    for data in (b"P", b"\x00", b"\xff"):
        path = tmp_path / f"one{suffix}"
        path.write_bytes(data)
        run = council("extract", path, "-o", tmp_path / "one.json")
        assert "Traceback" not in run.stderr and "[internal]" not in run.stderr, run.stderr
        assert run.returncode in (0, 1) and (run.returncode == 0) == (tmp_path / "one.json").exists()
        if suffix in mk.SUFFIXES[:10]:  # a binary format's name: never read as text
            assert run.returncode == 1 and ("[corrupt_document]" in run.stderr or "[unsupported_format]" in run.stderr)
        (tmp_path / "one.json").unlink(missing_ok=True)


def test_text_named_as_an_image_is_refused_saying_it_looks_like_text(tmp_path):
    refused(tmp_path, "scan.png", mk.SAMPLE_TEXT.encode(), "unsupported_format", "not a PNG image", "look like text")


def test_a_pdf_named_txt_is_read_as_a_pdf(tmp_path):
    doc = read(tmp_path, "really_a.txt", mk.one_page_pdf(mk.HELLO))
    assert doc["source"]["format"] == "pdf"


@pytest.mark.parametrize("data,what", [(b"PK\x05\x06" + b"\0" * 18, "empty zip"), (b"\x1f\x8b\x08\0" + b"\0" * 20,
                                                                                   "gzip"),
                                       (b"GIF89a" + b"\0" * 20, "GIF image"), (b"{\\rtf1\\ansi hello}", "RTF")])
def test_other_formats_are_named_by_their_bytes_whatever_the_suffix(tmp_path, data, what):
    refused(tmp_path, "file.txt", data, "unsupported_format", what)


# -- batch: the per-file timeout named ------------------------------------------------------------------------------


def test_the_batch_timeout_is_named_in_its_error(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    lines = ["件名\t大きな表", "", "No\t担当課\t手続名\t取扱う個人情報項目"]
    lines += [f"{i}\t区民課\t手続{i}\t申請者の氏名、住所" for i in range(1, 10_001)]
    (root / "big.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = council("batch", root, "--out-dir", tmp_path / "out", "--timeout", "0.5", "-j", "1")
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "big.txt: took longer than the per-file timeout of 0.5 s (--timeout 0.5) and was given up [timeout]" \
        in run.stderr
