"""council batch: relative paths kept, one bad file never stops the rest, manifest, resume."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from tests.conftest import SAMPLES


def council(*args):
    return subprocess.run([sys.executable, "-m", "extractor.cli", *map(str, args)], capture_output=True, text=True)


@pytest.fixture
def archive(tmp_path):
    root = tmp_path / "archive"
    (root / "2024" / "r6").mkdir(parents=True)
    (root / "2025").mkdir()
    shutil.copy(SAMPLES / "variant_city_outsourcing.docx", root / "2024" / "r6")
    shutil.copy(SAMPLES / "variant_gothic_marking.lo.pdf", root / "2025")
    shutil.copy(SAMPLES / "shinjuku_logo_r6_export.txt", root)
    (root / "2025" / "broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    (root / ".hidden.txt").write_text("件名\t隠し", encoding="utf-8")
    return root


def test_an_archive_is_converted_with_paths_kept_and_failures_named(archive, tmp_path):
    out = tmp_path / "out"
    run = council("batch", archive, "--out-dir", out, "--jobs", "2")
    assert run.returncode == 1
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json"))
    assert written == ["2024/r6/variant_city_outsourcing.docx.json", "2025/variant_gothic_marking.lo.pdf.json",
                       "batch-manifest.json", "shinjuku_logo_r6_export.txt.json"]
    errors = [line for line in run.stderr.splitlines() if line.startswith("council: error:")]
    assert len(errors) == 1 and "2025/broken.docx" in errors[0] and "[corrupt_document]" in errors[0]
    assert "Traceback" not in run.stderr and "3 converted, 1 failed, 0 skipped" in run.stderr
    manifest = json.loads((out / "batch-manifest.json").read_text(encoding="utf-8"))
    assert (manifest["converted"], manifest["failed"], manifest["skipped"]) == (3, 1, 0)
    assert manifest["files"]["2025/broken.docx"]["code"] == "corrupt_document"


def test_outputs_do_not_depend_on_the_number_of_workers(archive, tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    council("batch", archive, "--out-dir", one, "--jobs", "1", "-q")
    council("batch", archive, "--out-dir", two, "--jobs", "2", "-q")
    for path in one.rglob("*.docx.json"):
        assert path.read_bytes() == (two / path.relative_to(one)).read_bytes()


def test_resume_skips_what_is_done_and_redoes_what_changed(archive, tmp_path):
    out = tmp_path / "out"
    council("batch", archive, "--out-dir", out, "-q")
    again = council("batch", archive, "--out-dir", out, "--resume")
    assert "0 converted, 1 failed, 3 skipped" in again.stderr
    (archive / "shinjuku_logo_r6_export.txt").write_text("件名\t新しい件名\n", encoding="utf-8")
    third = council("batch", archive, "--out-dir", out, "--resume", "-q")
    assert "1 converted, 1 failed, 2 skipped" in third.stderr
    sub = json.loads((out / "shinjuku_logo_r6_export.txt.json").read_text(encoding="utf-8"))
    assert sub["title"] == "新しい件名"


def test_resume_says_a_failure_of_the_same_bytes_again_and_retry_failed_converts_it(archive, tmp_path):
    out = tmp_path / "out"
    council("batch", archive, "--out-dir", out, "-q")
    for path in archive.rglob("*"):  # only the broken file is left to do
        if path.is_file() and path.name != "broken.docx" and not path.name.startswith("."):
            path.unlink()
    again = council("batch", archive, "--out-dir", out, "--resume")
    assert again.returncode == 1  # still not converted, and the exit says so
    (line,) = [l for l in again.stderr.splitlines() if l.startswith("council: error:")]
    assert "2025/broken.docx" in line and "failed before from the same bytes" in line and "--retry-failed" in line
    assert "0 converted, 1 failed" in again.stderr
    retried = council("batch", archive, "--out-dir", out, "--resume", "--retry-failed")
    (line,) = [l for l in retried.stderr.splitlines() if l.startswith("council: error:")]
    assert "[corrupt_document]" in line and "failed before" not in line


def test_usage_errors(tmp_path):
    assert council("batch", tmp_path / "missing", "--out-dir", tmp_path / "o").returncode == 2
    assert council("batch", tmp_path, "--out-dir", tmp_path / "o", "--jobs", "0").returncode == 2
    assert council("batch", tmp_path).returncode == 2  # --out-dir is required


def test_every_file_not_converted_is_named_with_its_reason_and_the_exit_says_so(tmp_path):
    """Issue 24 (3): .pptx, .xls, no suffix, binary are neither dropped silently nor a success."""
    from tests.conftest import write_files_no_reader_takes

    root, out = tmp_path / "mixed", tmp_path / "out"
    root.mkdir()
    shutil.copy(SAMPLES / "variant_city_outsourcing.docx", root)
    shutil.copy(SAMPLES / "variant_gothic_marking.lo.pdf", root / "scan_without_suffix")  # a PDF by its bytes
    write_files_no_reader_takes(root)
    run = council("batch", root, "--out-dir", out, "-j", "1", "-q", "--jsonl", out / "docs.jsonl")
    assert run.returncode == 1, run.stderr
    manifest = json.loads((out / "batch-manifest.json").read_text(encoding="utf-8"))
    files = manifest["files"]
    assert sorted(files) == ["README", "blob.bin", "old.xls", "scan_without_suffix", "slides.pptx",
                             "variant_city_outsourcing.docx"]
    assert (manifest["converted"], manifest["failed"], manifest["not_read"]) == (2, 0, 4)
    assert files["scan_without_suffix"]["status"] == "converted"
    for name, said in (("slides.pptx", "PowerPoint"), ("old.xls", "legacy Office"), ("README", "text file with no suffix"),
                       ("blob.bin", "binary data")):
        assert files[name]["status"] == "not_read" and files[name]["code"] == "unsupported_format"
        assert said in files[name]["message"]
        assert any(line.startswith(f"council: not read: {name}: ") for line in run.stderr.splitlines())
    assert "2 converted, 0 failed, 0 skipped, 4 not read" in run.stderr
    lines = [json.loads(line) for line in (out / "docs.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["status"] for r in lines].count("not_read") == 4
    allowed = council("batch", root, "--out-dir", tmp_path / "out2", "-j", "1", "-q", "--allow-not-read")
    assert allowed.returncode == 0 and "4 not read" in allowed.stderr


def test_outputs_inside_the_input_folder_are_not_listed_as_not_read(tmp_path):
    root = tmp_path / "archive"
    root.mkdir()
    shutil.copy(SAMPLES / "variant_city_outsourcing.docx", root)
    council("batch", root, "--out-dir", root / "out", "-q")
    again = council("batch", root, "--out-dir", root / "out", "-q")
    assert again.returncode == 0 and "not read" not in again.stderr, again.stderr
