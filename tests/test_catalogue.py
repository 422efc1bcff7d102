"""Issue 22 item 2 and 4: the archive's catalogue (catalogue.sqlite beside a batch's outputs) and the
three questions a secretariat asks of an archive, each one query, on the samples' catalogue."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
import subprocess
import sys

import pytest

from extractor.catalogue import CATALOGUE, VERSION, index_archive, query
from tests.conftest import SAMPLES


def council(*args):
    return subprocess.run([sys.executable, "-m", "extractor.cli", *map(str, args)], capture_output=True, text=True)


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    root, out = tmp_path_factory.mktemp("in"), tmp_path_factory.mktemp("out")
    for name in ("variant_long_procedures.docx", "variant_city_outsourcing.docx", "shinjuku_logo_r6.docx",
                 "shinjuku_logo_r6_previous.docx", "minutes_aoba_r6_3.docx", "packet_aoba_r6_3.lo.pdf"):
        shutil.copy(SAMPLES / name, root)
    run = council("batch", root, "--out-dir", out, "-q")
    assert run.returncode == 0, run.stderr
    assert (out / CATALOGUE).exists()  # council batch writes the catalogue
    return out


def rows(out, sql):
    run = council("query", out, sql, "--format", "csv", "-q")
    assert run.returncode == 0, run.stderr
    return list(csv.reader(io.StringIO(run.stdout)))[1:]


def test_which_submissions_send_special_care_data_to_an_outside_party(out):
    got = rows(out, "SELECT DISTINCT d.path, d.agenda_type FROM documents d JOIN items i ON i.path = d.path "
                    "AND i.part IS d.part WHERE i.sensitivity = 'special_care' "
                    "AND d.agenda_type IN ('external_provision', 'outsourcing', 'external_connection') ORDER BY d.path")
    assert got == [["variant_long_procedures.docx.json", "external_connection"]]


def test_every_checklist_entry_marked_with_a_cross(out):
    got = rows(out, "SELECT path, grp, measure, status FROM checklist WHERE mark = '×' ORDER BY path")
    assert got == [["variant_city_outsourcing.docx.json", "委託先に行わせる情報保護対策【運用上の対策】",
                    "個人情報を含む書類の持ち出しを記録させる。", "not_applied"]]


def test_every_revision_of_one_title_and_full_text_search_in_japanese(out):
    title = "LoGoフォームの利用に係る外部結合について（手続の追加）"
    assert rows(out, f"SELECT path FROM documents WHERE title = '{title}' ORDER BY path") == [
        ["shinjuku_logo_r6.docx.json"], ["shinjuku_logo_r6_previous.docx.json"]]
    # trigram full-text search: no word breaks needed; a packet's submissions are found by their part
    found = rows(out, "SELECT DISTINCT path, part FROM text WHERE text MATCH '外部結合' ORDER BY path, part")
    assert ["shinjuku_logo_r6.docx.json", ""] in found and any(p == "packet_aoba_r6_3.lo.pdf.json" for p, _ in found)
    assert rows(out, "SELECT number, outcome FROM minutes_items WHERE path = 'minutes_aoba_r6_3.docx.json' "
                     "ORDER BY item")[:2] == [["諮問第692号", "approved"], ["諮問第693号", "approved_with_conditions"]]


def test_the_catalogue_is_incremental_and_drops_what_is_gone(out, tmp_path):
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    again = index_archive(copy)
    assert (again.indexed, again.dropped) == (0, 0) and again.unchanged == 6
    (copy / "variant_city_outsourcing.docx.json").unlink()
    sub = json.loads((copy / "variant_long_procedures.docx.json").read_text(encoding="utf-8"))
    sub["title"] = "改めた件名"
    (copy / "variant_long_procedures.docx.json").write_text(json.dumps(sub, ensure_ascii=False), encoding="utf-8")
    (copy / "notes.json").write_text("[1, 2]", encoding="utf-8")
    third = index_archive(copy)
    assert (third.indexed, third.unchanged, third.dropped, third.not_council) == (1, 4, 1, 1)
    _, got = query(copy, "SELECT title FROM documents WHERE path = 'variant_long_procedures.docx.json'")
    assert got == [("改めた件名",)]
    assert query(copy, "SELECT count(*) FROM checklist WHERE path = 'variant_city_outsourcing.docx.json'")[1] == [(0,)]


def test_query_is_read_only_and_errors_are_one_line(out, tmp_path):
    run = council("query", out, "DELETE FROM documents")
    assert run.returncode == 2 and run.stderr.startswith("council: error: the query failed") and "Traceback" not in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    assert query(out, "SELECT count(*) FROM documents")[1][0][0] > 0
    none = council("query", tmp_path, "SELECT 1")
    assert none.returncode == 2 and "council index" in none.stderr
    with sqlite3.connect(out / CATALOGUE) as con:  # opens in sqlite3 as it is
        assert con.execute("SELECT value FROM meta WHERE key = 'version'").fetchone() == (str(VERSION),)


def _lookup(new, archive, pool=None):
    from extractor.diff.archive import find_approved
    from extractor.errors import NoApprovedVersion

    try:
        chosen = find_approved(new, archive, pool)
    except NoApprovedVersion as exc:
        return "none", str(exc).split("(")[0]
    return chosen.path, chosen.score


def test_the_lookup_reads_the_catalogue_and_picks_as_a_full_read_does(out, tmp_path):
    """Issue 22 item 3: diff --archive over a batch's JSON finds the approved version through the
    catalogue, loading only the submissions that share the subject, with the same choice (path and
    score, or the same refusal) as reading every output; a folder without a catalogue gets one."""
    from extractor import schema as S
    from extractor.diff import archive as A

    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    (copy / CATALOGUE).unlink()
    news = []
    for path in sorted(copy.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("schema") == "council-submission":
            news.append(S.Submission.model_validate(data))
        elif data.get("schema") == "council-packet":
            news += [p.submission for p in S.Packet.model_validate(data).submissions]
    assert len(news) >= 6
    full = A.candidates_in(copy)
    loaded = []
    real_load = A._load
    A._load = lambda p: loaded.append(p.name) or real_load(p)
    try:
        picks = [_lookup(new, copy) for new in news]
    finally:
        A._load = real_load
    assert (copy / CATALOGUE).exists()
    assert picks == [_lookup(new, copy, full) for new in news]
    assert ("shinjuku_logo_r6_previous.docx.json", picks[[n.source.filename for n in news].index("shinjuku_logo_r6.docx")][1]) \
        in picks
    # the shinjuku lookup weighs what the catalogue holds and loads one output: the version it picks
    loaded.clear()
    A._load = lambda p: loaded.append(p.name) or real_load(p)
    try:
        _lookup(news[[n.source.filename for n in news].index("shinjuku_logo_r6.docx")], copy)
    finally:
        A._load = real_load
    assert loaded == ["shinjuku_logo_r6_previous.docx.json"]


def test_a_catalogue_of_another_version_is_rebuilt(out, tmp_path):
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    with sqlite3.connect(copy / CATALOGUE) as con:
        con.execute("UPDATE meta SET value = '1' WHERE key = 'version'")
        con.execute("DELETE FROM documents")
    again = index_archive(copy)
    assert again.indexed == 6 and again.unchanged == 0
    assert query(copy, "SELECT count(*) FROM documents WHERE parent_title IS NOT NULL")[1][0][0] > 0


def test_two_candidates_past_the_cap_are_told_apart_by_their_titles(out, tmp_path):
    """Both approved at the meeting the reference names, by the same departments, both with an earlier
    approval of their own: the one whose title and parent 件名 are NEW's is the approved version, not a
    tie because both scores reach 1 (a 10,000-submission archive refused such lookups: one service's
    submissions about other acts, approved at the same meeting)."""
    from extractor.diff.archive import find_approved
    from extractor import schema as S

    archive = tmp_path / "archive"
    archive.mkdir()
    previous = json.loads((out / "shinjuku_logo_r6_previous.docx.json").read_text(encoding="utf-8"))
    previous["meeting"].update(fiscal_year=2024, session=7)
    previous["change_marking"] = {"statement": "※変更箇所は太字・下線で示す。", "styles": ["bold", "underline"],
                                  "reference": "令和5年度第3回新宿区個人情報保護管理運営会議承認済"}
    other = json.loads(json.dumps(previous))
    other["title"] = other["raw_title"] = "LoGoフォームの利用に係る外部提供について（項目の変更）"
    other["agenda"]["parent_title"] = "電子申請サービスの利用に係る外部提供について"
    other["source"].update(filename="other.docx", sha256="0" * 64)
    for name, doc in (("previous.docx.json", previous), ("other.docx.json", other)):
        (archive / name).write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    new = S.Submission.model_validate_json((out / "shinjuku_logo_r6.docx.json").read_text(encoding="utf-8"))
    chosen = find_approved(new, archive)
    assert chosen.path == "previous.docx.json" and chosen.score == 1.0 and chosen.weight >= 1.2


def _as_written_before_1_4(doc: dict) -> dict:
    """A submission JSON as council 1.3 wrote it: sections without raw_heading and raw."""
    doc = json.loads(json.dumps(doc))
    doc["schema_version"] = "1.3.0"
    for section in doc["sections"]:
        section.pop("raw_heading", None)
        section.pop("raw", None)
    return doc


def test_outputs_of_an_earlier_minor_version_still_serve_as_approved_versions(out, tmp_path):
    """A minor version adds keys and never requires them: a batch written before 1.4.0 (sections
    without raw_heading and raw) is still an archive to look up and a JSON to diff against, where
    it failed validation with a traceback; a JSON that does not validate at all is no candidate."""
    archive = tmp_path / "archive"
    archive.mkdir()
    previous = json.loads((out / "shinjuku_logo_r6_previous.docx.json").read_text(encoding="utf-8"))
    assert previous["sections"] and "raw" in previous["sections"][0]
    (archive / "previous.docx.json").write_text(json.dumps(_as_written_before_1_4(previous), ensure_ascii=False),
                                               encoding="utf-8")
    broken = dict(previous, title=["not", "a", "title"])
    broken["source"] = dict(previous["source"], filename="broken.docx", sha256="1" * 64)
    (archive / "broken.docx.json").write_text(json.dumps(broken, ensure_ascii=False), encoding="utf-8")
    new = SAMPLES / "shinjuku_logo_r6.docx"

    run = council("diff", new, "--archive", archive)
    assert run.returncode == 1, run.stderr  # 1: differences found
    assert "Traceback" not in run.stderr and "previous.docx.json" in run.stderr
    result = json.loads(run.stdout)
    assert result["old"]["filename"] == "shinjuku_logo_r6_previous.docx" and result["changes"]

    run = council("diff", archive / "previous.docx.json", new, "-q")
    assert run.returncode == 1, run.stderr
    assert json.loads(run.stdout)["changes"] == result["changes"]


def test_outputs_of_1_4_with_raw_heading_still_load_with_the_heading_first_in_raw(out):
    """1.4.0 kept a section's printed heading as ``raw_heading``; 1.5.0 has it as ``raw``'s first line
    (a raw sibling under the contract's name, so a .docx and its PDF tie). A 1.4.0 JSON still loads,
    to the same sections a 1.5.0 one has."""
    from extractor.schema import Submission

    now = json.loads((out / "shinjuku_logo_r6_previous.docx.json").read_text(encoding="utf-8"))
    then = json.loads(json.dumps(now))
    then["schema_version"] = "1.4.0"
    for section in then["sections"]:
        lines = section["raw"].split("\n")
        section["raw_heading"] = lines[0] if section["heading"] is not None else None
        section["raw"] = "\n".join(lines[1:] if section["heading"] is not None else lines)
    assert any(s["raw_heading"] for s in then["sections"])
    assert Submission.model_validate(then).sections == Submission.model_validate(now).sections
