"""Issue 24 (5): a document that is no council submission or minutes (a 官報 page, a notice, a
statistics release, a blank form) is recognised as ``other`` — a council-document with a
``not_council_document`` warning, its text and tables as read, a title only where it states one —
and never dressed up as a Submission with a null title, numbers as checklist measures or footers as
headings. Council documents are untouched (their JSON is compared with the goldens elsewhere)."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

import extractor
from extractor import Submission, extract
from extractor.schema import to_json
from tests.conftest import REALDOCS, ROOT, SAMPLES



def document_schema() -> dict:
    return json.loads((ROOT / "extractor" / "document.schema.json").read_text(encoding="utf-8"))

# a page of the 官報 as a text export: a notice of the national 個人情報保護委員会 (a council's name
# alone says nothing), numbered paragraphs, an 人事異動 list, a page number at its foot
KANPO = """官　　報　　　　令和６年４月１日　月曜日　　　　号外第７８号

〔告　示〕

○個人情報保護委員会告示第三号
　個人情報の保護に関する法律施行令（平成十五年政令第五百七号）第十条の規定に基づき、個人情報保護委員会が定める基準の一部を次のように改正する。
　　令和六年四月一日　　　　　　　　　　個人情報保護委員会委員長　某

１　第二条中「十日」を「十五日」に改める。
２　この告示は、令和六年四月一日から施行する。

〔人事異動〕

○総務省
　大臣官房付を命ずる　　　　　　　　　某

－ ３ －
"""


def council(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "extractor.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd)


@pytest.fixture
def kanpo(tmp_path) -> Path:
    path = tmp_path / "kanpo_page.txt"
    path.write_text(KANPO, encoding="utf-8")
    return path


def test_a_kanpo_page_is_other_with_its_text_and_a_warning_and_nothing_invented(kanpo):
    doc = extract(kanpo)
    assert type(doc).__name__ == "OtherDocument"
    data = json.loads(to_json(doc))
    jsonschema.validate(data, document_schema())
    assert data["schema"] == "council-document" and data["schema_version"] == "1.0.0"
    assert data["warnings"][0]["code"] == "not_council_document"
    assert "council submission or minutes" in data["warnings"][0]["message"]
    assert data["title"] is None and data["raw_title"] is None  # it states none: none is guessed
    # no submission's guesses: no meeting (個人情報保護委員会 is not the council it was laid before),
    # no fields, checklist, headings, marked passages
    for key in ("meeting", "agenda", "sections", "fields", "checklist", "procedures", "marked_changes",
                "change_marking", "personal_data"):
        assert key not in data
    raw = [p["raw"] for p in data["paragraphs"]]
    # every printed line is there, as printed, in reading order; the page number too (nothing dropped)
    printed = [line.strip() for line in KANPO.splitlines() if line.strip()]
    assert all(any(line in r for r in raw) for line in printed), [l for l in printed if not any(l in r for r in raw)]
    assert raw[0].startswith("官") and "－ ３ －" in raw[-1]
    assert "号外第78号" in data["paragraphs"][0]["text"]  # normalised beside the printed form


def test_the_summary_line_and_the_python_api_say_other(kanpo, tmp_path):
    run = council("extract", kanpo, "-o", tmp_path / "k.json")
    assert run.returncode == 0, run.stderr
    assert run.stderr.strip().endswith("text other, %d paragraphs, 0 tables, 1 warnings" % len(
        json.loads((tmp_path / "k.json").read_text(encoding="utf-8"))["paragraphs"]))
    assert "官" not in run.stderr and "告示" not in run.stderr  # no document text on stderr


def test_a_notice_keeps_the_title_it_states(tmp_path):
    path = tmp_path / "notice.txt"
    path.write_text("令和6年4月1日\n\n各課長　様\n\n文書事務の取扱いについて（通知）\n\n"
                    "標記について、下記のとおり定めたので通知します。\n", encoding="utf-8")
    doc = extract(path)
    assert type(doc).__name__ == "OtherDocument"
    assert doc.title == "文書事務の取扱いについて（通知）"
    assert doc.warnings[0].code == "not_council_document"


def test_a_docx_form_keeps_its_table_as_read_without_caption_or_marking(make_docx):
    def p(text):
        return f"<w:p><w:r><w:rPr><w:b/><w:u w:val=\"single\"/></w:rPr><w:t>{text}</w:t></w:r></w:p>"

    def tc(text):
        return f"<w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"

    table = ("<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
             + "".join(f"<w:tr>{tc(a)}{tc(b)}{tc(c)}</w:tr>" for a, b, c in
                       [("品名", "数量", "金額"), ("机", "１", "１２，０００"), ("椅子", "４", "８，０００")])
             + "</w:tbl>")
    path = make_docx(p("備品台帳") + table + p("－１－"), name="form.docx")
    doc = extract(path)
    assert type(doc).__name__ == "OtherDocument"
    assert [t.caption for t in doc.tables] == [None]
    assert doc.tables[0].header == ["品名", "数量", "金額"]
    assert [[c.text for c in row] for row in doc.tables[0].rows] == [["机", "1", "12,000"], ["椅子", "4", "8,000"]]
    assert all(c.marked is None for row in doc.tables[0].rows for c in row)  # no "changed" passages invented
    assert [b.raw for b in doc.paragraphs] == ["備品台帳", "－１－"]


BARE = "事業の内容\n\n区民の手続をオンラインで受け付ける。\n"


@pytest.mark.parametrize("evidence", [
    "付議事項\n\n",                                                 # a term laying it before a council
    "件名\t手続のオンライン化について\n\n",                          # a 件名 label
    "※下線部分が前回承認済の内容からの変更箇所です。\n\n",           # a marking statement
], ids=["term", "label", "marking"])
def test_one_piece_of_evidence_makes_the_same_text_a_submission(tmp_path, evidence):
    bare, sub = tmp_path / "bare.txt", tmp_path / "sub.txt"
    bare.write_text(BARE, encoding="utf-8")
    sub.write_text(evidence + BARE, encoding="utf-8")
    assert type(extract(bare)).__name__ == "OtherDocument"
    assert isinstance(extract(sub), Submission)


def test_what_says_submission_is_data_in_the_vocabulary():
    vocabulary = json.loads((ROOT / "models" / "vocabulary.json").read_text(encoding="utf-8"))
    assert {"付議", "諮問"} <= set(vocabulary["submission"]["terms"])
    assert vocabulary["submission"]["labels"] == ["件名"]


@pytest.mark.skipif(not REALDOCS.is_dir(), reason="../shared/realdocs is not here")
@pytest.mark.parametrize("name", sorted(p.name for p in REALDOCS.glob("*") if p.suffix in (".pdf", ".docx"))
                         if REALDOCS.is_dir() else [])
def test_the_real_documents_that_are_no_submissions_are_other(name):
    """None of ../shared/realdocs is a council submission (SOURCES.md): each is other, with the text
    and tables it holds, and the reader's own warnings (vertical text …) kept after the first."""
    doc = extract(REALDOCS / name)
    assert type(doc).__name__ == "OtherDocument", name
    data = json.loads(to_json(doc))
    jsonschema.validate(data, document_schema())
    assert data["warnings"][0]["code"] == "not_council_document"
    assert data["paragraphs"] and all(p["raw"] for p in data["paragraphs"])
    if name.startswith("meti_"):
        assert "vertical_text" in {w["code"] for w in data["warnings"]}
    if name.startswith("nankoku_446"):
        assert data["paragraphs"][0]["raw"] == "議案第１８号" and data["title"] is None


def test_the_python_api_exports_the_kind():
    assert "OtherDocument" in extractor.__all__ and extractor.OtherDocument.__name__ == "OtherDocument"


def _other_json(tmp_path, kanpo) -> Path:
    out = tmp_path / "kanpo.json"
    assert council("extract", kanpo, "-o", out, "-q").returncode == 0
    return out


@pytest.mark.parametrize("as_json", [False, True], ids=["document", "json"])
def test_diff_refuses_other_in_one_line(tmp_path, kanpo, as_json):
    target = _other_json(tmp_path, kanpo) if as_json else kanpo
    for args in ((target, SAMPLES / "shinjuku_logo_r6.docx"), (SAMPLES / "shinjuku_logo_r6.docx", target)):
        run = council("diff", *args, "--format", "json")
        assert run.returncode == 2
        lines = run.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in run.stderr, run.stderr
        assert target.name in lines[0] and "[not_council_document]" in lines[0] and "reads as other" in lines[0]


def test_diff_archive_and_link_pass_over_other(tmp_path, kanpo):
    root, out = tmp_path / "archive", tmp_path / "out"
    root.mkdir()
    for name in ("minutes_aoba_r6_3.docx", "shinjuku_logo_r6_previous.docx"):
        shutil.copy(SAMPLES / name, root)
    shutil.copy(kanpo, root / "kanpo_page.txt")
    run = council("batch", root, "--out-dir", out, "-j", "1", "-q")
    assert run.returncode == 0, run.stderr
    assert json.loads((out / "kanpo_page.txt.json").read_text(encoding="utf-8"))["schema"] == "council-document"
    linked = council("link", out)
    assert linked.returncode == 0, linked.stderr
    links = json.loads((out / "links.json").read_text(encoding="utf-8"))
    named = json.dumps(links, ensure_ascii=False)
    assert "kanpo_page" not in named  # no submission to be decided, nor one left unmatched
    chose = council("diff", SAMPLES / "shinjuku_logo_r6.docx", "--archive", out, "--format", "json")
    assert chose.returncode == 1 and "shinjuku_logo_r6_previous.docx.json" in chose.stderr
    con = sqlite3.connect(out / "catalogue.sqlite")
    try:
        assert con.execute("SELECT kind, title FROM documents WHERE path = 'kanpo_page.txt.json'").fetchall() == [
            ("other", None)]
        assert con.execute("SELECT path FROM text WHERE text MATCH '個人情報保護委員会告示'").fetchall() == [
            ("kanpo_page.txt.json",)]
    finally:
        con.close()


def test_a_mixed_folder_names_every_file_with_its_outcome(tmp_path, kanpo):
    """Issue 24, done when: documents, .pptx, .xls, no suffix, a binary, a truncated PDF and a 官報-like
    page give a manifest naming every file with its outcome, and the exit status says not all was done."""
    from tests.conftest import write_files_no_reader_takes

    root, out = tmp_path / "mixed", tmp_path / "out"
    root.mkdir()
    shutil.copy(SAMPLES / "variant_city_outsourcing.docx", root)
    shutil.copy(SAMPLES / "minutes_aoba_r6_3_export.txt", root)
    write_files_no_reader_takes(root)
    pdf = (SAMPLES / "variant_gothic_marking.lo.pdf").read_bytes()
    (root / "cut.pdf").write_bytes(pdf[: len(pdf) // 3])
    shutil.copy(kanpo, root / "kanpo_page.txt")
    run = council("batch", root, "--out-dir", out, "-j", "1", "-q", "--jsonl", out / "docs.jsonl")
    assert run.returncode == 1, run.stderr
    manifest = json.loads((out / "batch-manifest.json").read_text(encoding="utf-8"))
    jsonschema.validate(manifest, json.loads((ROOT / "extractor" / "batch-manifest.schema.json").read_text("utf-8")))
    files = manifest["files"]
    assert sorted(files) == sorted(p.name for p in root.iterdir())
    outcome = {name: (e["status"], e["code"], (e["record"] or {}).get("kind")) for name, e in files.items()}
    assert outcome == {
        "variant_city_outsourcing.docx": ("converted", None, "submission"),
        "minutes_aoba_r6_3_export.txt": ("converted", None, "minutes"),
        "kanpo_page.txt": ("converted", None, "other"),
        "cut.pdf": ("failed", "corrupt_document", None),
        "slides.pptx": ("not_read", "unsupported_format", None),
        "old.xls": ("not_read", "unsupported_format", None),
        "README": ("not_read", "unsupported_format", None),
        "blob.bin": ("not_read", "unsupported_format", None)}
    assert files["kanpo_page.txt"]["record"]["counts"]["warnings"] == 1
    assert (manifest["converted"], manifest["failed"], manifest["not_read"]) == (3, 1, 4)
    lines = [json.loads(line) for line in (out / "docs.jsonl").read_text(encoding="utf-8").splitlines()]
    record_schema = json.loads((ROOT / "extractor" / "batch-record.schema.json").read_text(encoding="utf-8"))
    for line in lines:
        jsonschema.validate(line, record_schema)
    kanpo_line = next(r for r in lines if r["file"] == "kanpo_page.txt")
    assert kanpo_line["kind"] == "other" and kanpo_line["document"]["schema"] == "council-document"
    assert kanpo_line["renderings"] == []
    assert sorted([r["file"] for r in lines] + [x for r in lines for x in r["renderings"]]) == sorted(files)
