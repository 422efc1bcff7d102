"""council diff: alignment by meaning, morpheme segments, the new version's marking, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from extractor import extract
from extractor.diff import diff, escape
from extractor.diff.segments import text_segments
from extractor.schema import json_schema_text
from tests.conftest import ROOT, SAMPLES

OLD, NEW = SAMPLES / "shinjuku_logo_r6_previous.docx", SAMPLES / "shinjuku_logo_r6.docx"


@pytest.fixture(scope="module")
def sample_diff():
    return diff(extract(OLD), extract(NEW))


def test_every_change_of_the_sample_and_whether_it_is_marked(sample_diff):
    found = {(c.kind, c.path): c.marked for c in sample_diff.changes}
    assert found == {
        ("added", "procedures/国民健康保険被保険者資格喪失届"): False,
        ("added", "procedures/国民健康保険被保険者資格取得届"): False,
        ("modified", "fields/担当課"): False,
        ("modified", "fields/対象者"): False,
        ("modified", "fields/結合の形態"): False,
        ("modified", "procedures/法律相談・交通事故相談予約受付/estimated_count"): False,
        ("modified", "checklist/counterparty/technical/システムを提供するサーバは日本国内の法が適用される安全性が確保された環境にさせる。"): False,
        ("modified", "fields/保有課（担当課）"): True,
        ("modified", "fields/登録業務の名称"): True,
        ("modified", "fields/結合される情報項目（だれの、どのような項目か）"): True,
        ("modified", "fields/結合の開始時期と期間"): True,
    }
    # structural changes first, then text
    kinds = [c.kind for c in sample_diff.changes]
    assert kinds == sorted(kinds, key=lambda k: k == "modified")
    assert sample_diff.unmarked_changes == [c.path for c in sample_diff.changes if c.marked is False]
    s = sample_diff.summary
    assert (s.added, s.removed, s.modified, s.unmarked, s.marked_unchanged) == (2, 0, 9, 7, 0)


def test_a_one_word_edit_is_a_one_word_segment(sample_diff):
    change = next(c for c in sample_diff.changes if c.path == "fields/結合の形態")
    assert [(s.op, s.text) for s in change.segments if s.op != "equal"] == [("insert", "インターネット")]
    period = next(c for c in sample_diff.changes if c.path == "fields/結合の開始時期と期間")
    assert [(s.op, s.text) for s in period.segments if s.op != "equal"] == [
        ("delete", "10"), ("insert", "12"), ("delete", "1日"), ("insert", "20日")]


def test_same_submission_has_no_changes_and_every_mark_is_unchanged():
    sub = extract(SAMPLES / "variant_city_outsourcing.docx")
    d = diff(sub, sub)
    assert d.changes == [] and d.unmarked_changes == []
    assert d.marked_unchanged == sub.marked_changes and d.summary.marked_unchanged == 1


def test_the_same_glyph_in_another_answers_column_is_a_changed_answer():
    # one column per answer (該当 | 非該当): the glyph stays ○, the column that holds it changes
    sub = extract(SAMPLES / "variant_city_outsourcing.docx")
    entry = sub.checklist[0]
    flipped = "not_applied" if entry.status == "applies" else "applies"
    new = sub.model_copy(update={"checklist": [entry.model_copy(update={"status": flipped})] + sub.checklist[1:]})
    (change,) = diff(sub, new).changes
    assert change.kind == "modified" and change.path.startswith(f"checklist/{entry.party}/{entry.kind}/")
    assert change.old != change.new and entry.measure in change.new


def test_a_docx_and_its_pdf_do_not_differ():
    assert diff(extract(NEW), extract(SAMPLES / "shinjuku_logo_r6.lo.pdf")).changes == []


def test_against_an_unstyled_new_version_marking_is_unknown():
    d = diff(extract(OLD), extract(SAMPLES / "shinjuku_logo_r6_export.txt"))
    assert d.unmarked_changes is None and all(c.marked is None for c in d.changes if c.kind != "removed")


@pytest.mark.parametrize("key, segment", [("a/b", "a~1b"), ("x~y", "x~0y"), ("氏名", "氏名")])
def test_path_segments_escape_like_json_pointer(key, segment):
    assert escape(key) == segment


def test_segments_cover_both_texts():
    segs = text_segments("区の端末を接続する。", "区のインターネット端末を接続する。")
    assert "".join(s.text for s in segs if s.op != "insert") == "区の端末を接続する。"
    assert "".join(s.text for s in segs if s.op != "delete") == "区のインターネット端末を接続する。"


def council(*args):
    return subprocess.run([sys.executable, "-m", "extractor.cli", *map(str, args)], capture_output=True, text=True)


def test_diff_command_exit_codes_json_inputs_and_html(tmp_path):
    old_json = tmp_path / "old.json"
    assert council("extract", OLD, "-o", old_json).returncode == 0
    report = tmp_path / "report.html"
    run = council("diff", old_json, NEW, "--html", report)
    assert run.returncode == 1  # differences found
    result = json.loads(run.stdout)
    assert result["schema"] == "council-submission-diff" and result["summary"]["unmarked"] == 7
    assert "7 unmarked" in run.stderr
    html = report.read_text(encoding="utf-8")
    assert "マークのない変更 7" in html and "<ins>インターネット</ins>" in html
    same = council("diff", "-q", NEW, NEW)
    assert same.returncode == 0 and same.stderr == ""
    missing = council("diff", tmp_path / "nope.docx", NEW)
    assert missing.returncode == 2 and "[input_not_found]" in missing.stderr and "Traceback" not in missing.stderr
    not_ours = tmp_path / "other.json"
    not_ours.write_text('{"schema": "something-else"}', encoding="utf-8")
    wrong = council("diff", not_ours, NEW)
    assert wrong.returncode == 2 and "other.json" in wrong.stderr


def test_committed_diff_schema_is_the_generated_one():
    committed = (ROOT / "extractor" / "submission-diff.schema.json").read_text(encoding="utf-8")
    assert committed == json_schema_text(diff=True)
