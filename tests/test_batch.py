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


def test_usage_errors(tmp_path):
    assert council("batch", tmp_path / "missing", "--out-dir", tmp_path / "o").returncode == 2
    assert council("batch", tmp_path, "--out-dir", tmp_path / "o", "--jobs", "0").returncode == 2
    assert council("batch", tmp_path).returncode == 2  # --out-dir is required
