"""Issue 24: what a secretariat can trust — the Python API on bytes and file objects, the CLI's
conventions (stdin and stdout as ``-``, help with examples), the JSON Schema's publication."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from tests.conftest import SAMPLES


def council(*args, stdin: bytes | None = None):
    run = subprocess.run([sys.executable, "-m", "extractor.cli", *map(str, args)], capture_output=True,
                         input=stdin)
    run.stdout_text, run.stderr_text = run.stdout.decode("utf-8"), run.stderr.decode("utf-8")
    return run


# -- 13: the Python API ----------------------------------------------------------------------------

def test_the_api_reads_bytes_and_file_objects_as_it_reads_a_path(tmp_path):
    import extractor
    from extractor import Minutes, Packet, Submission, extract

    assert {"Minutes", "Packet", "Submission", "SubmissionDiff"} <= set(extractor.__all__)
    path = SAMPLES / "shinjuku_logo_r6.lo.pdf"
    by_path = extract(path)
    by_bytes = extract(path.read_bytes(), name=path.name)
    with path.open("rb") as fh:
        by_file = extract(fh)  # the file object's own name
    assert by_bytes.model_dump() == by_path.model_dump() == by_file.model_dump()
    assert isinstance(by_path, Submission)
    # no name: the format is told by the bytes, the output says "document"
    minutes = extract(io.BytesIO((SAMPLES / "minutes_aoba_r6_3.docx").read_bytes()))
    assert isinstance(minutes, Minutes) and minutes.source.filename == "document"
    assert minutes.source.format == "docx"
    assert isinstance(extract((SAMPLES / "packet_aoba_r6_3.docx").read_bytes()), Packet)
    text = extract((SAMPLES / "shinjuku_logo_r6_export.txt").read_bytes(), name="export.txt")
    assert text.source.filename == "export.txt" and text.title


def test_the_api_refuses_what_is_not_bytes_and_names_the_given_name():
    from extractor import extract
    from extractor.errors import CorruptDocument

    with pytest.raises(TypeError, match="binary mode"):
        extract(io.StringIO("件名 x"))
    with pytest.raises(CorruptDocument) as caught:
        extract(b"PK\x03\x04 not a zip", name="broken.docx")
    assert caught.value.one_line().startswith("broken.docx: ")


# -- 11: CLI conventions ---------------------------------------------------------------------------

def test_extract_reads_standard_input_with_the_format_told_by_content(tmp_path):
    pdf = (SAMPLES / "shinjuku_logo_r6.lo.pdf").read_bytes()
    run = council("extract", "-", "-o", tmp_path / "s.json", stdin=pdf)
    assert run.returncode == 0, run.stderr_text
    out = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    assert out["source"]["filename"] == "stdin" and out["source"]["format"] == "pdf" and out["title"]
    # -o says what it wrote, in one line on stderr
    assert run.stderr_text.startswith(f"standard input -> {tmp_path / 's.json'}: pdf submission, ")
    assert len(run.stderr_text.splitlines()) == 1
    text = council("extract", "-", stdin=(SAMPLES / "minutes_aoba_r6_3_export.txt").read_bytes())
    assert json.loads(text.stdout_text)["schema"] == "council-minutes"
    broken = council("extract", "-", stdin=pdf[:30000])
    assert broken.returncode == 1 and "[corrupt_document]" in broken.stderr_text
    assert "/tmp" not in broken.stderr_text and "council-" not in broken.stderr_text  # no private folder named
    assert council("extract", "-", "-", "--out-dir", tmp_path).returncode == 2


def test_diff_reads_new_from_standard_input():
    new = council("extract", SAMPLES / "shinjuku_logo_r6.docx").stdout
    run = council("diff", SAMPLES / "shinjuku_logo_r6_previous.docx", "-", "-q", stdin=new)
    assert run.returncode == 1, run.stderr_text
    assert json.loads(run.stdout_text)["summary"]["unmarked"] == 7


def test_classify_refuses_several_arguments_and_reads_standard_input():
    run = council("classify", "氏名", "住所")
    assert run.returncode == 2 and "classify takes one listed text, and 2 arguments were given" in run.stderr_text
    assert run.stdout_text == ""
    piped = council("classify", "--json", "-", stdin="届出人の氏名、住所".encode())
    assert piped.returncode == 0
    assert [(i["subject"], i["item"]) for i in json.loads(piped.stdout_text)] == [("届出人", "氏名"), ("届出人", "住所")]


def test_jsonl_dash_is_standard_output(tmp_path):
    import shutil

    root = tmp_path / "a"
    root.mkdir()
    shutil.copy(SAMPLES / "variant_city_outsourcing.docx", root)
    run = council("batch", root, "--out-dir", tmp_path / "out", "-q", "--jsonl", "-", "-j", "1")
    assert run.returncode == 0, run.stderr_text
    assert not (tmp_path / "-").exists() and not (root / "-").exists()
    records = [json.loads(line) for line in run.stdout_text.splitlines()]
    assert [r["file"] for r in records] == ["variant_city_outsourcing.docx"]


def test_a_library_warning_never_reaches_the_terminal(tmp_path):
    """pikepdf warns (PageCopyWarning) when it saves a damaged PDF holding form widgets no /AcroForm
    reaches; the JSON's `repaired` warning is what the person needs."""
    sys.path.insert(0, str(SAMPLES.parent / "scripts"))
    from make_hostile import raw_pdf

    content = b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET"
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                  b"/Resources << /Font << /F1 5 0 R >> >> /Annots [6 0 R] >>",
               4: b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
               5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               6: b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (name) /Rect [72 600 200 620] /P 3 0 R >>"}
    data = raw_pdf(objects)
    path = tmp_path / "widget.pdf"
    path.write_bytes(data[:data.rfind(b"startxref")] + b"startxref\n99999\n%%EOF\n")  # a broken xref
    run = council("extract", path, "-o", tmp_path / "w.json")
    assert run.returncode == 0 and "Warning" not in run.stderr_text, run.stderr_text
    codes = [w["code"] for w in json.loads((tmp_path / "w.json").read_text(encoding="utf-8"))["warnings"]]
    assert codes == ["not_council_document", "repaired"]  # "Hello" is no council document; the repair is said
    import warnings

    from extractor import extract

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the API does not warn either
        extract(path)


@pytest.mark.parametrize("command", ["extract", "batch", "classify", "diff", "link", "schema"])
def test_every_command_describes_its_arguments_and_gives_examples(command):
    import argparse

    from extractor.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices[command]
    for action in sub._actions:
        assert action.help, f"council {command}: {action.dest} has no description"
    text = council(command, "--help").stdout_text
    assert "\nexamples:\n" in text and f"  council {command}" in text.split("examples:")[1]


def test_batch_help_names_every_format_it_takes():
    from extractor.archive import DOCUMENT_SUFFIXES

    text = " ".join(council("batch", "--help").stdout_text.split())
    for suffix in DOCUMENT_SUFFIXES:
        assert suffix in text, suffix


# -- 4: text as printed beside the normalised form ---------------------------------------------------

_PRINTED_SUBMISSION = "\n\n".join([
    "個人情報保護管理運営会議　付議事項", "件名　髙田記念館の利用申込に係る外部結合について",
    "１　事業の概要", "　ＬｏＧｏフォームを利用し、髙田記念館の利用申込を受け付ける。"]) + "\n"
_PRINTED_MINUTES = "\n".join([
    "令和6年度第1回テスト市個人情報保護審議会　会議録", "日時　令和6年5月10日（金）午後2時から午後3時まで",
    "場所　本庁舎第一会議室", "出席者", "会長　髙田 一郎", "委員　佐藤 花子", "議題", "(1) 審議事項",
    "ア　髙田記念館の利用申込に係る外部結合について"]) + "\n"


def test_sections_keep_their_heading_and_text_as_printed():
    from extractor import extract

    sub = extract(_PRINTED_SUBMISSION.encode("utf-8"), name="printed.txt")
    section = next(s for s in sub.sections if s.heading == "1 事業の概要")
    assert section.text == "LoGoフォームを利用し、高田記念館の利用申込を受け付ける。"  # for matching
    # as printed, the heading first: a raw sibling under the contract's own name (``raw``), which other
    # tools leave out when they tie a .docx to its PDF
    assert section.raw == "１\u3000事業の概要\nＬｏＧｏフォームを利用し、髙田記念館の利用申込を受け付ける。"
    assert [(s.heading, s.raw.split("\n")[0]) for s in sub.sections] == [
        ("個人情報保護管理運営会議付議事項", "個人情報保護管理運営会議\u3000付議事項"),
        ("件名 髙田記念館の利用申込に係る外部結合について".replace("髙", "高"), "件名\u3000髙田記念館の利用申込に係る外部結合について"),
        ("1 事業の概要", "１\u3000事業の概要")]
    assert "raw_heading" not in section.model_dump()


def test_minutes_keep_names_titles_and_items_as_printed():
    from extractor import extract

    minutes = extract(_PRINTED_MINUTES.encode("utf-8"), name="printed.txt")
    assert minutes.raw_title == "令和6年度第1回テスト市個人情報保護審議会\u3000会議録"
    chair = minutes.attendees[0]
    assert (chair.role, chair.name, chair.raw_name) == ("会長", "髙田一郎", "髙田 一郎")  # the space as printed
    item = minutes.items[0]
    assert item.title == "高田記念館の利用申込に係る外部結合について"
    assert item.raw_title == "髙田記念館の利用申込に係る外部結合について"


# -- 7: --jsonl, one full record per document, its renderings grouped --------------------------------

def test_jsonl_is_one_full_record_per_document_with_its_renderings_grouped(tmp_path):
    import shutil

    root = tmp_path / "archive"
    root.mkdir()
    for name in ("shinjuku_logo_r6.docx", "shinjuku_logo_r6.lo.pdf", "shinjuku_logo_r6.chromium.pdf",
                 "variant_city_outsourcing.docx"):
        shutil.copy(SAMPLES / name, root)
    (root / "broken.pdf").write_bytes(b"%PDF-1.4 broken")
    out = tmp_path / "out"
    run = council("batch", root, "--out-dir", out, "-q", "-j", "1", "--jsonl", tmp_path / "d.jsonl")
    assert run.returncode == 1, run.stderr_text
    lines = [json.loads(l) for l in (tmp_path / "d.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(l["file"], l["renderings"]) for l in lines] == [
        ("broken.pdf", []),
        ("shinjuku_logo_r6.docx", ["shinjuku_logo_r6.chromium.pdf", "shinjuku_logo_r6.lo.pdf"]),
        ("variant_city_outsourcing.docx", [])]
    logo = lines[1]
    # the whole output, exactly as OUT holds it, not a summary
    assert logo["document"] == json.loads((out / "shinjuku_logo_r6.docx.json").read_text(encoding="utf-8"))
    assert logo["about"]["title"] == logo["document"]["title"] and logo["about"]["body"] == "個人情報保護管理運営会議"
    assert lines[0]["document"] is None and lines[0]["about"] is None and lines[0]["code"] == "corrupt_document"


def test_a_row_cut_by_each_page_break_names_that_break():
    """A table over three pages is cut twice; each join's warning names the break it joined across
    (before: every one said "after page 1", the page the table began on)."""
    from extractor import extract

    sub = extract(SAMPLES / "variant_long_procedures.lo.pdf")
    cuts = [w for w in sub.warnings if w.code == "cell_across_pages"]
    assert [w.page for w in cuts] == [2, 3]
    assert all(f"after page {w.page - 1};" in w.message for w in cuts)
