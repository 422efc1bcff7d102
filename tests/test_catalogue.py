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

from extractor.catalogue import CATALOGUE, index_archive, query
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
        assert con.execute("SELECT value FROM meta WHERE key = 'version'").fetchone() == ("1",)
