"""`council extract` / `council schema` as a user runs them: exit codes, outputs, errors, determinism."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SAMPLES

DOCX = SAMPLES / "shinjuku_logo_r6.docx"
TEXT = SAMPLES / "shinjuku_logo_r6_export.txt"


def council(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "extractor.cli", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd)


def test_one_file_goes_to_stdout():
    run = council("extract", TEXT)
    assert run.returncode == 0, run.stderr
    doc = json.loads(run.stdout)
    assert doc["schema"] == "council-submission" and doc["source"]["filename"] == TEXT.name
    assert run.stderr == ""


@pytest.mark.parametrize("sample", [DOCX, SAMPLES / "shinjuku_logo_r6.chromium.pdf"], ids=lambda p: p.name)
def test_output_file_and_byte_identical_reruns(tmp_path, sample):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert council("extract", sample, "-o", first).returncode == 0
    assert council("extract", sample, "-o", second).returncode == 0
    assert first.read_bytes() == second.read_bytes()
    text = first.read_text(encoding="utf-8")
    assert str(SAMPLES) not in text and "医療保険年金課" in text  # no absolute paths, no \\u escapes


def test_out_dir_names_outputs_after_the_whole_input_name(tmp_path):
    run = council("extract", DOCX, TEXT, "--out-dir", tmp_path / "out")
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [f"{DOCX.name}.json", f"{TEXT.name}.json"]
    assert "6 tables" in run.stderr  # one summary line per file


def test_a_bad_file_is_named_and_the_others_are_still_written(tmp_path):
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 this is not a zip")
    run = council("extract", bad, TEXT, "--out-dir", tmp_path / "out")
    assert run.returncode == 1
    lines = run.stderr.strip().splitlines()
    errors = [line for line in lines if line.startswith("council: error:")]
    assert len(errors) == 1 and "broken.docx" in errors[0] and "[corrupt_document]" in errors[0]
    assert "Traceback" not in run.stderr
    assert [p.name for p in (tmp_path / "out").iterdir()] == [f"{TEXT.name}.json"]


@pytest.mark.parametrize("name, data, code", [
    ("empty.txt", b"", "empty_document"),
    ("truncated.pdf", b"%PDF-1.7\n1 0 obj\n<<", "corrupt_document"),
    ("fake.pdf", "これはテキスト".encode(), "corrupt_document"),
    ("sheet.xlsx", None, "corrupt_document"),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "unsupported_format"),
    ("blob.bin", b"\x00\x01\x02\x03", "unsupported_format"),
])
def test_unreadable_inputs_get_one_line_with_code_and_advice(tmp_path, name, data, code):
    path = tmp_path / name
    if data is None:
        import zipfile
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("xl/workbook.xml", "<workbook/>")
    else:
        path.write_bytes(data)
    run = council("extract", path)
    assert run.returncode == 1 and run.stdout == ""
    assert run.stderr.count("\n") == 1 and f"[{code}]" in run.stderr and name in run.stderr
    assert " — " in run.stderr  # what to do follows the dash


def test_format_is_chosen_by_content_not_extension(tmp_path):
    disguised = tmp_path / "submission.txt"
    disguised.write_bytes(DOCX.read_bytes())
    run = council("extract", disguised)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["source"]["format"] == "docx"


def test_a_failure_never_clobbers_an_earlier_good_output(tmp_path):
    out = tmp_path / "kept.json"
    assert council("extract", TEXT, "-o", out).returncode == 0
    good = out.read_bytes()
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 broken")
    assert council("extract", bad, "-o", out).returncode == 1
    assert out.read_bytes() == good
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp files left


def test_missing_file_and_usage_errors(tmp_path):
    missing = council("extract", tmp_path / "nope.docx")
    assert missing.returncode == 1 and "[input_not_found]" in missing.stderr
    assert council("extract").returncode == 2
    assert council("extract", DOCX, TEXT).returncode == 2  # several inputs need --out-dir
    assert council("extract", DOCX, TEXT, "-o", tmp_path / "x.json").returncode == 2
    assert council("frobnicate").returncode == 2


def test_debug_shows_the_traceback(tmp_path):
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 broken")
    assert "Traceback" in council("extract", "--debug", bad).stderr


def test_schema_command_prints_the_committed_schema():
    run = council("schema")
    assert run.returncode == 0
    committed = (Path(__file__).resolve().parent.parent / "extractor" / "submission.schema.json").read_text(encoding="utf-8")
    assert run.stdout == committed
