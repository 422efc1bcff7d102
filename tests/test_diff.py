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


MINUTES, PACKET = SAMPLES / "minutes_aoba_r6_3.docx", SAMPLES / "packet_aoba_r6_3.docx"


def _one_line_refusal(run, *words):
    assert run.returncode == 2 and "Traceback" not in run.stderr, run.stderr
    assert len(run.stderr.strip().splitlines()) == 1 and run.stdout == "", run.stderr
    for word in words:
        assert word in run.stderr, run.stderr


def test_diff_compares_two_versions_of_minutes(tmp_path):
    old = tmp_path / "old.json"
    assert council("extract", MINUTES, "-o", old).returncode == 0
    data = json.loads(old.read_text(encoding="utf-8"))
    data["meeting"]["date"] = "2024-09-13"
    dropped = data["attendees"].pop()
    data["items"][1]["outcome"]["status"] = "continued"
    new = tmp_path / "new.json"
    new.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    run = council("diff", old, new)
    assert run.returncode == 1, run.stderr
    result = json.loads(run.stdout)
    assert result["schema"] == "council-minutes-diff"
    found = {(c["path"], c["kind"], c["old"], c["new"]) for c in result["changes"]}
    assert found == {("meeting/date", "modified", "2024-09-12", "2024-09-13"),
                     (f"attendees/{dropped['name']}", "removed", " ".join(
                         x for x in (dropped["role"], dropped["title"], dropped["name"]) if x), None),
                     (f"items/{data['items'][1]['number']}/outcome/status", "modified", "approved_with_conditions",
                      "continued")}
    assert all(c["marked"] is None for c in result["changes"])
    assert result["summary"] == {"added": 0, "removed": 1, "modified": 2}
    text = council("diff", old, new, "--format", "text")
    assert "(minutes): 0 added, 1 removed, 2 modified" in text.stdout and "approved_with_conditions → continued" in text.stdout
    same = council("diff", "-q", old, MINUTES)
    assert same.returncode == 0 and json.loads(same.stdout)["changes"] == []


def test_diff_takes_a_packets_submission_by_index_on_either_side(tmp_path):
    packet = tmp_path / "packet.json"
    assert council("extract", PACKET, "-o", packet).returncode == 0
    run = council("diff", "-q", f"{packet}#1", f"{SAMPLES / 'packet_aoba_r6_3.lo.pdf'}#1")
    assert run.returncode == 0, run.stderr  # the same submission in two renderings
    assert json.loads(run.stdout)["old"]["filename"] == "packet_aoba_r6_3.docx"
    assert council("diff", "-q", f"{packet}#0", f"{packet}#2").returncode == 1
    _one_line_refusal(council("diff", packet, f"{packet}#0"), "packet.json", "3 submissions",
                      "packet.json#0 … packet.json#2")
    _one_line_refusal(council("diff", f"{packet}#3", f"{packet}#0"), "no submission #3")
    _one_line_refusal(council("diff", f"{MINUTES}#0", MINUTES), "#0 picks a submission of a packet")
    _one_line_refusal(council("diff", MINUTES, NEW), "OLD is minutes and NEW a submission")
    _one_line_refusal(council("diff", MINUTES, "--archive", tmp_path), "--archive finds a submission")


def test_diff_archive_of_documents_hints_at_a_batch_first(tmp_path):
    archive = tmp_path / "approved"
    archive.mkdir()
    (archive / OLD.name).write_bytes(OLD.read_bytes())
    run = council("diff", NEW, "--archive", archive, "-o", tmp_path / "d.json")
    assert run.returncode == 1, run.stderr
    hint = [line for line in run.stderr.splitlines() if "extracting 1 document " in line]
    assert len(hint) == 1 and f"council batch {archive} --out-dir OUT" in hint[0] and "--archive OUT" in hint[0]
    out = tmp_path / "out"
    assert council("batch", archive, "--out-dir", out, "-q").returncode == 0
    run = council("diff", NEW, "--archive", out, "-o", tmp_path / "d.json")
    assert run.returncode == 1 and "extracting" not in run.stderr


def test_a_trailing_etc_belongs_to_the_list_not_to_its_last_item():
    """続柄等 → 続柄、障害の有無等: the item added after the 等 carries it on; 続柄 is not modified
    (before: a modified 続柄 came out unmarked beside the added item). A list that loses its 等 is
    still a change of the item that carried it."""
    from extractor.classify import classify_list

    sub = extract(NEW)
    proc = sub.procedures[0]

    def with_items(text):
        return sub.model_copy(update={"procedures": [proc.model_copy(update={"items": classify_list(text)})]
                                      + sub.procedures[1:]})

    before, after, plain = with_items("氏名、続柄等"), with_items("氏名、続柄、障害の有無等"), with_items("氏名、続柄")
    changes = [(c.path.rsplit("/", 1)[-1], c.kind) for c in diff(before, after).changes]
    assert changes == [("障害の有無", "added")]
    changes = [(c.path.rsplit("/", 1)[-1], c.kind, c.old, c.new) for c in diff(before, plain).changes]
    assert changes == [("続柄", "modified", "続柄等", "続柄")]
