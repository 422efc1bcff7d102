"""Tables ruled any way (issue 21, item 3): a PDF of a table ruled as a full grid, by horizontal
lines only, by an outer frame and horizontal lines, or not at all, reads as the same cells as the .docx; labels
spread with U+3000 (件　　名, 担　当　課) read as the joined keys."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.ir import Table
from extractor.readers.docx import read_docx
from extractor.readers.pdf import read_pdf
from extractor.structure.submission import labelled_line

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

RULINGS = ["grid", "horizontal", "horizontal_frame", "none"]

KV = [("件\u3000\u3000名", "住民票の写しのオンライン交付について"), ("担\u3000当\u3000課", "市民課"),
      ("目\u3000\u3000的", "住民の利便性の向上と事務の効率化を図る。")]
PROCEDURES = [["No.", "担当課", "手続の名称", "取扱い個人情報の項目"],
              ["1", "市民課", "住民票の写し交付申請", "氏名、住所、生年月日、個人番号"],
              ["2", "保険年金課", "国民健康保険資格取得届", "氏名、住所、被保険者番号、電話番号、メールアドレス、口座番号"],
              ["3", "福祉課", "障害者手帳交付申請", "氏名、障害の有無"]]


def _cells(doc) -> list[list[list[str]]]:
    return [[["".join(c.text.split()) for c in row] for row in b.rows] for b in doc.blocks if isinstance(b, Table)]


def _add_table(doc, rows: list[list[str]], ruling: str):
    """A table of ``rows`` (text, or None under a merge) ruled as ``ruling``."""
    from make_corpus import rule_table

    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    rule_table(table, ruling)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text is not None:
                table.cell(r, c).paragraphs[0].text = text
    return table


def _build(path: Path, ruling: str) -> None:
    from make_samples import new_document, save_stable

    doc = new_document("test", "rulings")
    doc.add_paragraph("審議会\u3000諮問書")
    for rows in ([list(r) for r in KV], PROCEDURES):
        _add_table(doc, rows, ruling)
        doc.add_paragraph()
        doc.add_paragraph("次のとおり実施する。")
    save_stable(doc, path)


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui fonts-ipaexfont")
    from make_samples import LIBREOFFICE_FONTS, soffice_convert

    tmp = tmp_path_factory.mktemp("rulings")
    files = []
    for ruling in RULINGS:
        files.append(tmp / f"{ruling}.docx")
        _build(files[-1], ruling)
    soffice_convert(soffice, files, "pdf", str(tmp), LIBREOFFICE_FONTS)
    return tmp


@pytest.mark.parametrize("ruling", RULINGS)
def test_pdf_cells_equal_docx_cells(converted, ruling):
    docx_cells = _cells(read_docx(converted / f"{ruling}.docx"))
    pdf_cells = _cells(read_pdf(converted / f"{ruling}.pdf"))
    assert len(docx_cells) == 2
    assert pdf_cells == docx_cells


def test_docx_borders_follow_the_ruling(tmp_path):
    from docx import Document

    _build(tmp_path / "h.docx", "horizontal")
    xml = Document(str(tmp_path / "h.docx")).tables[0]._tbl.tblPr.xml
    assert 'w:insideV w:val="nil"' in xml and 'w:left w:val="nil"' in xml and 'w:insideH w:val="single"' in xml


@pytest.mark.parametrize("raw,expected", [
    ("件\u3000\u3000名\u3000住民票の写しのオンライン交付について", ("件名", "住民票の写しのオンライン交付について")),
    ("担\u3000当\u3000課：市民課", ("担当課", "市民課")),
    ("（担 当 部 課：市民課）", ("担当部課", "市民課")),
    ("件名\u3000住民票", ("件名", "住民票")),
    # Chromium's text layer gives a spread label's gaps as em spaces (before: no field, and the
    # title read 件名施設予約…, the key joined to its value)
    ("件\u2003\u2003名 施設予約システムに係る業務委託について", ("件名", "施設予約システムに係る業務委託について")),
    ("担\u2003当\u2003課：市民課", ("担当課", "市民課")),
])
def test_spread_labels_read_as_joined_keys(raw, expected):
    assert labelled_line(raw) == expected


def test_body_text_is_no_spread_label():
    assert labelled_line("本件は\u3000次のとおり：実施する") is None


def test_spread_kv_key_in_a_table(tmp_path):
    from extractor.structure.submission import build_submission  # noqa: F401  (the key path below)
    from extractor.normalize import normalize

    assert normalize("件\u3000\u3000名") == "件名" and normalize("担\u3000当\u3000課") == "担当課"


CHECKLIST = [["対策の区分", "情報保護対策", "区分"],
             ["委託先に行わせる対策【運用上の対策】", "作業場所への入退室を記録し、定期的に確認する。", "✓"],
             [None, "不要となった電子データを消去し、消去の記録を保存する。", ""],
             [None, "個人情報保護法及び情報セキュリティポリシーを遵守するよう指導する。", ""],
             ["委託先に行わせる対策【技術的対策】", "アクセスログを取得させ、定期的に分析させる。", ""],
             [None, "通信内容を暗号化させる。", "✓"]]


def _build_merged(path: Path, ruling: str) -> None:
    """A checklist whose group names are cells merged down their measures (so the rules under them
    are broken there) and whose mark column is empty in most rows."""
    from make_samples import new_document, save_stable

    doc = new_document("test", "rulings")
    doc.add_paragraph("情報保護対策チェックリスト")
    table = _add_table(doc, CHECKLIST, ruling)
    table.cell(1, 0).merge(table.cell(3, 0))
    table.cell(4, 0).merge(table.cell(5, 0))
    table.cell(1, 0).paragraphs[0].text = CHECKLIST[1][0]
    table.cell(4, 0).paragraphs[0].text = CHECKLIST[4][0]
    doc.add_paragraph("以上")
    save_stable(doc, path)


@pytest.mark.parametrize("ruling", ["horizontal", "horizontal_frame"])
def test_merged_cells_and_a_mostly_empty_column_under_horizontal_rules(tmp_path, ruling):
    """The rule under a merged group cell is broken there (it starts at the next column): it is still a
    row boundary of the same table, and the mark column, empty but in two rows, is still a column
    (before: the table was cut at the first broken rule and the marks ran into the measures)."""
    docx_cells, pdf_cells = _docx_and_pdf_cells(tmp_path, _build_merged, ruling)
    assert len(docx_cells) == 1 and len(docx_cells[0]) == len(CHECKLIST)
    assert pdf_cells == docx_cells


def _docx_and_pdf_cells(tmp_path: Path, build, ruling: str):
    """The tables' cells of a .docx ``build`` writes and of LibreOffice's PDF of it."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui fonts-ipaexfont")
    from make_samples import LIBREOFFICE_FONTS, soffice_convert

    build(tmp_path / f"{ruling}.docx", ruling)
    soffice_convert(soffice, [tmp_path / f"{ruling}.docx"], "pdf", str(tmp_path), LIBREOFFICE_FONTS)
    return _cells(read_docx(tmp_path / f"{ruling}.docx")), _cells(read_pdf(tmp_path / f"{ruling}.pdf"))


def _chars(text: str, x0: float, top: float, size: float = 10.5) -> list[dict]:
    return [{"text": ch, "x0": x0 + k * size, "x1": x0 + (k + 1) * size, "top": top, "bottom": top + size,
             "size": size} for k, ch in enumerate(text)]


def test_a_column_boundary_stands_at_one_x_in_every_row():
    """Labels of unequal length (事業名, 委託する業務) leave gaps with their own middles; a boundary
    at each row's own middle made pdfplumber cut a column per row, every cell merged across them
    (a key–value table of a LibreOffice PDF ruled by horizontal lines read as 7 columns)."""
    from extractor.readers.pdf_tables import horizontal_only_verticals

    rules = [{"x0": 84.6, "x1": 516.6, "top": y} for y in (160.0, 175.0, 190.0, 205.0)]
    chars = (_chars("事業名", 90.0, 162.0) + _chars("施設予約システムの運用", 230.0, 162.0)
             + _chars("委託する業務", 90.0, 177.0) + _chars("申請受付及び通知", 230.0, 177.0)
             + _chars("目的", 90.0, 192.0) + _chars("利便性の向上", 230.0, 192.0))
    inner = {round(v["x0"], 1) for v in horizontal_only_verticals(rules, [], chars) if 90 < v["x0"] < 510}
    assert len(inner) == 1, inner
    assert 90 + 6 * 10.5 < inner.pop() < 230


def _build_body_between(path: Path, ruling: str) -> None:
    """Two tables with a heading and a paragraph between them and no empty paragraph (the text starts
    right under the first table's bottom rule), then a procedure table whose department is merged
    down two procedures, in a column much wider than its text (its broken rule ends well off the
    middle of the gap the text leaves)."""
    from make_samples import new_document, save_stable

    doc = new_document("test", "rulings")
    doc.add_paragraph("審議会\u3000諮問書")
    procedures = [list(r) for r in PROCEDURES]
    procedures[2][1] = ""
    for rows in ([list(r) for r in KV[:1]], [list(r) for r in KV[1:]], procedures):
        table = _add_table(doc, rows, ruling)
        if rows is procedures:
            table.cell(1, 1).merge(table.cell(2, 1))
            table.cell(1, 1).paragraphs[0].text = PROCEDURES[1][1]
        doc.add_paragraph("要綱の根拠")
        doc.add_paragraph("第7条第1項（本人以外からの収集）")
    save_stable(doc, path)


@pytest.mark.parametrize("ruling", ["horizontal", "horizontal_frame"])
def test_text_between_two_horizontally_ruled_tables_is_no_row(tmp_path, ruling):
    """Between one table's bottom rule and the next one's top, a heading and a paragraph start a
    paragraph's spacing below the rule, where a cell's text starts at the cell's padding: body text,
    not a row merged across (before: in LibreOffice's PDF the two tables and the text between them
    read as one table, and the page gave no fields). A rule broken under a merged department ends
    at the column boundary, off the gap's middle: its own pieces say where (before: the next
    procedure's name ran into the merged row)."""
    docx_cells, pdf_cells = _docx_and_pdf_cells(tmp_path, _build_body_between, ruling)
    assert len(docx_cells) == 3
    assert pdf_cells == docx_cells


def test_a_row_across_the_table_hides_no_column():
    """A legend row set across a short table (three rows on a page: header, legend, one measure)
    crosses every column boundary; it says nothing of where the columns are (before: it was one row
    in three crossing the number column's boundary, and the column was lost). A boundary that falls
    where two characters of one line meet is crossed; one where a cell's text merely starts is not."""
    from extractor.readers.pdf_tables import horizontal_only_verticals

    rules = [{"x0": 96.0, "x1": 522.0, "top": y} for y in (100.0, 128.0, 156.0, 196.0)]
    chars = (_chars("Ｎｏ", 102.0, 108.0) + _chars("運用上の対策", 240.0, 108.0) + _chars("実施", 420.0, 108.0)
             + _chars("実施するものに「◯」、実施しないものに「×」を記入", 102.0, 136.0)
             + _chars("１", 102.0, 164.0) + _chars("作業場所への入退室を記録する。", 240.0, 164.0)
             + _chars("◯", 420.0, 164.0))
    verticals = horizontal_only_verticals(rules, [], chars)
    inner = {round(v["x0"], 1) for v in verticals if 100 < v["x0"] < 520}
    assert len(inner) == 2, inner
    number = min(inner)
    assert 102 + 2 * 10.5 < number <= 240
    in_legend = {round(v["x0"], 1) for v in verticals if v["top"] == 128.0}
    assert number not in in_legend  # the legend runs across the number column's boundary


def test_a_row_merged_across_some_columns_and_empty_in_the_rest_spans_them_all():
    """Under horizontal rules only, a legend or a group row set across a checklist runs across the
    number column's boundary and stops short of the mark column: the rule between its text and
    the empty mark cell is not drawn, so nothing tells an empty cell from the end of a merged one.
    A row merged already is merged across the rest too, as the .docx has it (before: the legend
    read as two cells, a merged one and an empty mark, on 29 PDFs of three seeds). A row merged
    nowhere keeps its empty cells (a measure with no mark). A row whose only text stands in a column
    that numbers the other rows, and is no number, is a group heading across the table too."""
    from extractor.readers.pdf_tables import horizontal_only_verticals

    rules = [{"x0": 96.0, "x1": 522.0, "top": y} for y in (100.0, 128.0, 156.0, 184.0, 212.0, 240.0)]
    chars = (_chars("Ｎｏ", 102.0, 108.0) + _chars("対策内容", 240.0, 108.0) + _chars("実施", 420.0, 108.0)
             + _chars("・対策が可能であれば「○」を記入", 102.0, 136.0)
             + _chars("１", 102.0, 164.0) + _chars("研修を実施する。", 240.0, 164.0) + _chars("○", 420.0, 164.0)
             + _chars("（運用面）", 102.0, 192.0)
             + _chars("２", 102.0, 220.0) + _chars("入退室を記録する。", 240.0, 220.0))
    verticals = horizontal_only_verticals(rules, [], chars)
    row = {top: sorted(round(v["x0"]) for v in verticals if v["top"] == top) for top in (100.0, 128.0, 156.0, 184.0, 212.0)}
    assert row[128.0] == [96, 522]  # the legend: one cell across the table
    assert len(row[100.0]) == len(row[156.0]) == 4
    assert row[184.0] == [96, 522]  # a group heading in the No column, where the rows have numbers
    assert row[212.0] == row[156.0]  # a measure with no mark keeps its empty mark cell


def test_rules_drawn_cell_by_cell_place_a_column_the_text_leaves_no_gutter_for():
    """Chromium draws each cell's border, so its rules are pieces meeting at the cells' edges, and it
    sets a cell's text at its very edge: a measure that fills its cell runs up to the mark beside
    it, leaving no gutter (before: the mark column was lost and ◯ read as part of the measure)."""
    from extractor.readers.pdf_tables import horizontal_only_verticals

    size = 9.85
    rules = [{"x0": a, "x1": b, "top": y} for y in (100.0, 128.0, 168.0, 208.0)
             for a, b in ((96.0, 181.0), (181.0, 378.0), (378.0, 522.0))]
    chars = (_chars("Ｎｏ", 102.0, 108.0, size) + _chars("運用上の対策", 181.0, 108.0, size)
             + _chars("実施", 378.0, 108.0, size))
    for top, measure in ((136.0, "個人情報保護法及び情報セキュリティポリシ"), (176.0, "作業場所への入退室を記録し、定期的に確認")):
        assert 181.0 + len(measure) * size == pytest.approx(378.0, abs=0.5)
        chars += _chars("１", 102.0, top, size) + _chars(measure, 181.0, top, size) + _chars("◯", 378.0, top, size)
        chars += _chars("する。", 181.0, top + 12.0, size)
    verticals = horizontal_only_verticals(rules, [], chars)
    for y0 in (100.0, 128.0, 168.0):
        row = sorted(round(v["x0"]) for v in verticals if v["top"] == y0)
        assert len(row) == 4 and row[2] == 378, row


def test_paragraphs_between_two_tables_are_no_row_when_cells_keep_the_same_spacing():
    """Word's spacing after a paragraph applies in cells too: when every row keeps it below its text
    and the text between two tables starts right under the rule, neither rule's distance tells the
    text from a row; its paragraphs, apart by that spacing, do (a row across the table — a caption,
    a legend, a group — is one paragraph). Before: the two tables and the text between them read as
    one table (fields 0.000 on a LibreOffice PDF of fresh seed 8801)."""
    from extractor.readers.pdf_tables import horizontal_only_verticals

    size, gap = 10.5, 7.5
    rules = [{"x0": 84.6, "x1": 516.6, "top": y} for y in (90.0, 118.0, 172.0, 190.0, 208.0)]
    chars = (_chars("件名", 90.0, 89.0) + _chars("住民票の写しのオンライン交付", 306.0, 89.0)
             + _chars("根拠：第5条第1項（目的外利用）", 90.0, 117.0)
             + _chars("（担当部課：市民部市民課）", 90.0, 117.0 + size + gap)
             + _chars("事業の概要", 90.0, 117.0 + 2 * (size + gap))
             + _chars("事業名", 90.0, 171.0) + _chars("住民票交付", 306.0, 171.0)
             + _chars("担当課", 90.0, 189.0) + _chars("市民課", 306.0, 189.0))
    verticals = horizontal_only_verticals(rules, [], chars)
    assert not [v for v in verticals if v["top"] == 118.0]  # the text between the tables
    assert len({round(v["x0"]) for v in verticals if v["top"] == 172.0}) == 3


def test_a_caption_between_two_framed_tables_is_no_row():
    """Two checklists each in an outer frame, ruled inside by horizontal lines only, with a caption
    between them (受託者に遵守させる事項) set a cell's padding under the first one's bottom rule:
    neither its spacing nor its one line tells it from a row merged across, but the frames do —
    the first one's sides end at the band's top, the next one's begin at its bottom, and no side
    runs through it. Before: the caption read as a row, and the two checklists as one table (the
    second one's entries the first one's; Chromium, seed 8801)."""
    from extractor.readers.pdf_tables import horizontal_only_verticals

    rules = [{"x0": 95.9, "x1": 522.0, "top": y} for y in (100.0, 128.0, 156.0, 184.0, 212.0, 240.0)]
    frames = [{"x0": x, "x1": x, "top": top, "bottom": bottom}
              for top, bottom in ((100.0, 156.0), (184.0, 240.0)) for x in (95.9, 522.0)]
    chars = (_chars("１", 102.0, 108.0) + _chars("研修を実施する。", 240.0, 108.0) + _chars("○", 420.0, 108.0)
             + _chars("２", 102.0, 136.0) + _chars("入退室を記録する。", 240.0, 136.0) + _chars("－", 420.0, 136.0)
             + _chars("受託者に遵守させる事項", 95.9, 164.0)
             + _chars("１", 102.0, 192.0) + _chars("再委託の承認を得させる。", 240.0, 192.0) + _chars("○", 420.0, 192.0)
             + _chars("２", 102.0, 220.0) + _chars("調査に応じさせる。", 240.0, 220.0) + _chars("○", 420.0, 220.0))
    verticals = horizontal_only_verticals(rules, frames, chars)
    assert not [v for v in verticals if v["top"] == 156.0]  # the caption between the frames
    for top in (100.0, 128.0, 184.0, 212.0):  # each checklist's rows keep their columns
        assert len({round(v["x0"]) for v in verticals if v["top"] == top}) == 4, top


def test_text_in_columns_is_a_table_and_body_text_with_gaps_is_not():
    """A table with no rules at all: labels and values at two column starts shared by several lines,
    a value's wrapped line at the value column, a header line centred over the columns. Body text
    is none: a meeting line with its 資料 number set to the right, a centred heading, a lone label
    line, paragraphs starting at the margin."""
    from extractor.readers.pdf_tables import text_column_rules

    size = 10.5
    body = (_chars("令和７年度第６回審議会", 90.0, 70.0) + _chars("資料４５", 470.0, 70.0)
            + _chars("諮問事項", 280.0, 90.0) + _chars("根拠：第９条第３項第３号（業務委託）", 90.0, 110.0))
    assert text_column_rules(body) == ([], [])
    table = (_chars("項目", 150.0, 140.0) + _chars("内容", 400.0, 140.0)
             + _chars("事業名", 90.0, 152.0) + _chars("介護認定調査業務の運用", 306.0, 152.0)
             + _chars("担当課", 90.0, 164.0) + _chars("市民部戸籍住民課、福祉局生活福祉", 306.0, 164.0)
             + _chars("課", 306.0, 176.0)
             + _chars("目的", 90.0, 188.0) + _chars("住民の利便性向上", 306.0, 188.0))
    horizontal, vertical = text_column_rules(body + table)
    rows = sorted({round(h["top"]) for h in horizontal})
    assert rows == [139, 151, 163, 187, 200]  # header, three rows (担当課 two lines), the table's foot
    inner = sorted({round(v["x0"]) for v in vertical})
    assert len(inner) == 3 and 90 + 3 * size < inner[1] < 306  # the sides and one boundary
    assert all(v["top"] >= 139 for v in vertical)  # the body text above is no part of it


def _build_notes_between(path: Path, ruling: str) -> None:
    """Two key–value tables with the same columns, a note under the first that runs across its
    columns and a subject line between them, then a numbered table whose header labels are wider
    than the numbers under them (centred over the column, they stand out beyond its text)."""
    from make_samples import new_document, save_stable

    doc = new_document("test", "rulings")
    doc.add_paragraph("審議会\u3000諮問書")
    _add_table(doc, [list(r) for r in KV], ruling)
    doc.add_paragraph("※記載内容は令和5年12月20日現在の予定であり、変更があるときは改めて報告する。")
    doc.add_paragraph("件名\u3000防災情報配信サービスに係る業務委託について")
    _add_table(doc, [["委託する業務", "防災情報配信サービスにおける申請受付、審査補助及び通知書の発送"],
                     ["委託先", "株式会社ミライデータサービス"],
                     ["委託の期間", "令和5年12月20日から令和6年3月31日まで（次年度以降も同様に行う。）"]], ruling)
    doc.add_paragraph("※記載内容は令和5年12月20日現在の予定であり、変更があるときは改めて報告する。")
    _add_table(doc, [r[:1] + r[2:] for r in PROCEDURES], ruling)
    doc.add_paragraph()
    save_stable(doc, path)


def test_notes_and_lines_across_a_text_table_are_no_rows(tmp_path):
    """With no rules, a note under a table whose text runs over the value column's start is body
    text (before: it was read as the table's last row, the label column became 'long' and the table
    was lost, its fields with it); a header label wider than the numbers under it still heads them."""
    docx_cells, pdf_cells = _docx_and_pdf_cells(tmp_path, _build_notes_between, "none")
    assert len(docx_cells) == 3
    assert pdf_cells == docx_cells


def _lines(rows: list[tuple[float, list[tuple[str, float]]]], size: float = 10.8) -> list[dict]:
    """Characters of lines given as (top, [(text, x0), ...])."""
    return [c for top, pieces in rows for text, x0 in pieces for c in _chars(text, x0, top, size)]


def _row_tops(horizontal: list[dict]) -> list[int]:
    return sorted({round(h["top"]) for h in horizontal})


def test_body_text_between_two_text_tables_of_the_same_columns_parts_them():
    """Chromium keeps a cell's padding between rows (here 18 pt) and a paragraph's spacing between
    body lines (12.8 pt): a line at the margin after a gap unlike the rows' is no row, even where
    both tables share their columns (before: both tables and the subject line between them were
    one candidate whose label column ran 'long', and neither was found). A paragraph inside a
    value cell, at a paragraph's spacing too, goes on in the value column and parts nothing."""
    from extractor.readers.pdf_tables import text_column_rules

    chars = _lines([(240.0, [("事業名", 96.0), ("防災情報配信サービスの運用", 309.0)]),
                    (269.0, [("事業内容", 96.0), ("1 概要", 309.0)]),
                    (280.6, [("北浜市では手続を受け付けている。", 309.0)]),
                    (304.2, [("2 付議内容", 309.0)]),
                    (333.0, [("対象者", 96.0), ("北浜市内に住所を有する者", 309.0)]),
                    (356.6, [("件名 防災情報配信サービスに係る業務委託について", 96.0)]),
                    (380.2, [("委託する業務", 96.0), ("申請受付、審査補助及び通知書の", 309.0)]),
                    (391.8, [("発送", 309.0)]),
                    (420.6, [("委託先", 96.0), ("株式会社ミライデータサービス", 309.0)])])
    horizontal, _ = text_column_rules(chars)
    assert _row_tops(horizontal) == [239, 268, 332, 345, 379, 420, 432]


def test_a_cell_filled_up_to_the_next_columns_text_is_cut_at_that_column():
    """Chromium sets a cell's text up to the cell's edge and the next cell's text a point beyond,
    with no gutter between: a character that starts at a column start the other rows share, just
    clear of the one before, begins the next cell (before: 電子 of the next column was read into
    the item list and 申請 made a column of its own)."""
    from extractor.readers.pdf_tables import text_column_rules

    size = 10.84
    chars = _lines([(140.0, [("No.", 96.0), ("委託する個人情報の項目", 238.0), ("収集の方法", 380.0)]),
                    (169.0, [("1", 96.0), ("病歴、障害の有無", 238.0), ("電子申請", 380.0)]),
                    (198.0, [("2", 96.0), ("登録者の住所、学校名、続柄", 238.0), ("電子申請", 238.0 + 13 * size + 1.1)]),
                    (227.0, [("3", 96.0), ("対象児童の住所、在留資格", 238.0), ("電子申請", 380.0)])], size)
    horizontal, vertical = text_column_rules(chars)
    assert _row_tops(horizontal) == [139, 168, 197, 226, 239]
    inner = sorted({round(v["x0"], 1) for v in vertical})[1:-1]
    assert len(inner) == 2 and 238.0 + 13 * size < inner[1] < 380.0 + 1.2, inner


def test_a_text_tables_last_row_may_reach_into_the_footer_band():
    """A value's wrapped line set low on the page lies in the footer band, but the two rows above it
    stand in the body: it is the table's (before: it was cut off and read as a paragraph). Two lines
    of a running footer in columns are no table."""
    from extractor.readers.pdf_tables import text_column_rules

    body = (55.0, 736.0)
    chars = _lines([(688.0, [("委託の理由", 96.0), ("専門的な知識を有するため。", 309.0)]),
                    (717.0, [("委託の期間", 96.0), ("令和5年12月20日から令和6年3月31日まで", 309.0)]),
                    (729.6, [("（次年度以降も同様に行う。）", 309.0)])])
    horizontal, _ = text_column_rules(chars, body)
    assert _row_tops(horizontal) == [687, 716, 741]
    footer = _lines([(745.0, [("北浜市", 96.0), ("資料15", 470.0)]), (757.0, [("審議会", 96.0), ("1 / 2", 470.0)])])
    assert text_column_rules(footer, body) == ([], [])


def test_rows_begin_at_the_number_not_at_a_narrow_wrapped_column():
    """A checklist in narrow columns: the measure wraps over four lines (each short), the kind is
    merged down the group and the answer column no row ticks heads the table only. Rows begin
    where the number column begins a cell, the lines at a wrap's pitch go on (before: each wrapped
    line was a row, a measure cut in four), and the unticked answer column keeps its header."""
    from extractor.readers.pdf_tables import text_column_rules

    chars = _lines([(436.4, [("Ｎｏ", 96.0), ("区分", 181.0), ("対策内容", 266.0), ("実施", 351.5), ("未実施", 436.7)]),
                    (465.3, [("１", 96.0), ("町が行う情報保", 181.0), ("再委託を行う場", 266.0), ("○", 351.5)]),
                    (477.9, [("護対策【人的・", 181.0), ("合は事前に承認", 266.0)]),
                    (490.4, [("物理的安全管理", 181.0), ("を得ることとす", 266.0)]),
                    (503.0, [("措置】", 181.0), ("る。", 266.0)]),
                    (531.9, [("２", 96.0), ("不要となった電", 266.0), ("○", 351.5)]),
                    (544.4, [("子データを消去", 266.0)]),
                    (557.0, [("する。", 266.0)]),
                    (585.9, [("３", 96.0), ("書類の持出しを", 266.0), ("○", 351.5)]),
                    (598.4, [("禁止する。", 266.0)])])
    horizontal, vertical = text_column_rules(chars)
    assert _row_tops(horizontal) == [435, 464, 531, 585, 610]
    xs = sorted({round(v["x0"]) for v in vertical})
    assert len(xs) == 6 and xs[-2] < 436.7 < xs[-1], xs  # five columns, the last one the unticked answer's


def test_a_legend_row_across_a_text_table_is_one_cell_and_widens_no_column():
    """A legend under the header runs over the kind column's start: a row merged across. Its width
    is no column's (before: the number column reached to the legend's end, its boundary fell inside
    the kind column and cut 北浜広域|連合が行う), and no boundary cuts it."""
    from extractor.readers.pdf_tables import text_column_rules

    chars = _lines([(262.6, [("Ｎｏ", 96.0), ("区分", 202.4), ("対策内容", 309.0), ("チェック", 415.5)]),
                    (292.2, [("講じる対策は「〇」、不要な対策は「－」", 96.0)]),
                    (321.0, [("１", 96.0), ("北浜広域連合が行う", 202.4), ("必要に応じて立入り", 309.0), ("〇", 415.5)]),
                    (333.6, [("情報保護対策【運用", 202.4), ("調査を実施し、状況", 309.0)]),
                    (375.0, [("２", 96.0), ("再委託を行う場合は", 309.0), ("〇", 415.5)]),
                    (386.9, [("事前に承認を得る。", 309.0)])])
    _, vertical = text_column_rules(chars)
    inner = sorted({round(v["x0"], 1) for v in vertical})[1:-1]
    assert len(inner) == 3 and 96.0 + 2 * 10.8 < inner[0] < 202.4, inner
    in_legend = {round(v["x0"], 1) for v in vertical if v["top"] <= 292.2 < v["bottom"]}
    assert not in_legend & {inner[0]}  # the legend is one cell over the number and kind columns


def test_a_heading_under_a_text_table_is_no_row_but_a_wrapped_labels_rest_is():
    """With no spacing anywhere, a heading set right under a key–value table (【資料7-1】) lies one
    line below its last row, at the margin, like a row with no value; every row above has a value
    and the label above it ends far from its column's edge, so it is the heading after the table
    (before: it was the table's last row, and the 資料 number was lost). A label that filled its
    column and wrapped keeps its rest (at no spacing it still reads as a row of its own: see the
    README's known limits)."""
    from extractor.readers.pdf_tables import text_column_rules

    size = 10.5
    rows = [(305.2, [("提供先", 90.1), ("株式会社トラストネット", 306.1)]),
            (315.7, [("提供の目的", 90.1), ("専門的な知識及び設備を有する事業者が処", 306.1)]),
            (326.2, [("理することで、正確に事務を執行できる。", 306.1)]),
            (336.7, [("提供の開始時期", 90.1), ("平成31年4月10日から", 306.1)])]
    horizontal, _ = text_column_rules(_lines(rows + [(347.2, [("【資料７－１】", 90.1)])], size))
    assert _row_tops(horizontal) == [304, 315, 336, 348]
    narrow = [(top, [(text, 190.0 if x0 > 300 else x0) for text, x0 in pieces]) for top, pieces in rows[:3]]
    wrapped = narrow + [(336.7, [("取り扱う個人情報", 90.1), ("氏名、住所", 190.0)]), (347.2, [("の項目", 90.1)])]
    horizontal, _ = text_column_rules(_lines(wrapped, size))
    assert max(_row_tops(horizontal)) == 359  # the table reaches under the label's rest


def test_a_line_taller_than_the_pitch_parts_no_rows_and_a_wrapped_header_is_one_row():
    """LibreOffice sets a cell's second paragraph (約48,000件 under ②オンライン決済) a little below
    the wrapped line beside it; grouped as one line it is taller than the pitch and the next line
    seems to overlap it. That overlap is a wrap's gap, not a smaller one (before: the negative gap
    made every real wrap look like a row gap, each row was cut off as a table of its own, and none
    was found). A header wrapped over two lines (手続名（登録業務 / 名）) is one row."""
    from extractor.readers.pdf_tables import text_column_rules

    size = 10.5
    chars = _lines([(507.9, [("Ｎｏ", 128.2), ("手続名（登録業務", 204.7), ("取り扱う個人情報項", 307.5), ("該当区分", 441.7)]),
                    (518.4, [("名）", 236.2), ("目", 349.5)]),
                    (531.9, [("１", 90.1), ("転入申請", 198.1), ("学校名・口座番号・", 306.1), ("②オンライン決済", 414.1)]),
                    (542.4, [("職業・被保険者番", 306.1)]),
                    (552.9, [("号・メールアドレス", 306.1)]),
                    (566.4, [("２", 90.1), ("防災メール申請", 198.1), ("世帯主の口座番号・", 306.1), ("①約1万件", 414.1)]),
                    (576.9, [("メールアドレス", 306.1)]),
                    (590.4, [("３", 90.1), ("印鑑登録請求", 198.1), ("申請者の被保険者番", 306.1), ("②オンライン決済", 414.1)]),
                    (600.9, [("号・年齢", 306.1)])], size)
    chars += _chars("約48,000件", 414.1, 545.4, size) + _chars("②オンライン決済", 414.1, 579.9, size)
    horizontal, _ = text_column_rules(chars)
    assert _row_tops(horizontal) == [507, 531, 565, 589, 612]


def _pitched(top: float, lines: list[list[tuple[str, float]]], size: float) -> list[tuple[float, list]]:
    """Lines one under the other at their own height: rows at a wrap's pitch, no gap between them."""
    return [(top + k * size, pieces) for k, pieces in enumerate(lines)]


_HEADER = [[("番号", 110.0), ("所管課", 190.0), ("手続名", 280.0), ("取扱い個人情", 352.0), ("付議理由", 450.0)],
           [("報の項目", 360.0)]]


def test_rows_at_a_wraps_pitch_begin_at_the_number_and_a_merged_department_is_a_column():
    """LibreOffice sets a table with no rules and no cell padding at one pitch: a row's first line
    follows the last one of the row above as a wrapped line follows its first, so no gap tells rows.
    A narrow items column wraps in short full lines, each of which would seem to begin a cell; a
    column whose text fills it and goes on in the next line wraps, and rows begin at the column that
    never does (the number). A department merged down the procedures has text in one line only: its
    start, between two columns, is a column too. The header wraps one label (取扱い個人情 / 報の項目)
    and is one row. Before: the department's line fitted no column, the table began under it and
    every line of the items column was a row."""
    from extractor.readers.pdf_tables import text_column_rules

    size = 11.0
    chars = _lines(_pitched(400.0, _HEADER + [
        [("1", 90.0), ("市民課", 176.0), ("転入届の受付", 263.0), ("申請者の氏名", 349.0), ("①約5,000件", 436.0)],
        [("申請", 263.0), ("・住所・電話", 349.0), ("③マイナン", 436.0)],
        [("番号・生年月", 349.0), ("バーカード", 436.0)],
        [("日", 349.0)],
        [("2", 90.0), ("住民票の写し", 263.0), ("届出人の氏名", 349.0), ("②オンライン", 436.0)],
        [("請求", 263.0), ("・勤務先・職", 349.0), ("決済", 436.0)],
        [("業", 349.0)],
        [("3", 90.0), ("税証明の交付", 263.0), ("代理人の氏名", 349.0), ("②オンライン", 436.0)],
        [("・住所", 349.0), ("決済", 436.0)]], size), size)
    horizontal, vertical = text_column_rules(chars)
    assert _row_tops(horizontal) == [399, 421, 465, 498, 522]  # header, three rows, the bottom
    xs = sorted({round(v["x0"]) for v in vertical})
    assert len(xs) == 6 and xs[1] < 176 < xs[2] < 263, xs  # five columns, the department's among them


def test_a_header_label_over_no_rows_text_heads_an_empty_column():
    """The next page of that table: its header repeated, the rest of a row the page break cut first
    (no number), and no department, whose cell was merged down from the page before. The header's
    label over no row's text heads an empty column, parted in the gutter between it and the label
    beside it, so the page's columns are the first page's and the table goes on across the break;
    the lines before the first number are a row (before: two labels over one column, no header, and
    the table began at no row)."""
    from extractor.readers.pdf_tables import text_column_rules

    size = 11.0
    chars = _lines(_pitched(70.0, _HEADER + [
        [("税証明の交付", 263.0), ("・勤務先・職", 349.0), ("決済", 436.0)],
        [("業", 349.0)],
        [("4", 90.0), ("証明書の郵送", 263.0), ("申請者の氏名", 349.0), ("①約900件", 436.0)],
        [("・住所", 349.0)],
        [("5", 90.0), ("犬の登録", 263.0), ("所有者の氏名", 349.0), ("②オンライン", 436.0)],
        [("・電話番号", 349.0), ("決済", 436.0)]], size), size)
    horizontal, vertical = text_column_rules(chars)
    assert _row_tops(horizontal) == [69, 91, 113, 135, 159]  # header, the cut row's rest, two rows, bottom
    xs = sorted({round(v["x0"]) for v in vertical})
    assert len(xs) == 6 and 134 < xs[1] < 190, xs  # the empty department column between 番号 and 所管課


def test_a_header_repeated_at_the_pages_top_ends_before_a_cut_rows_rest():
    """Chromium repeats a table's header at the top of the next page, its labels at the columns'
    starts (the number's among them), then the rest of the row the break cut, a little further
    down than a wrap, then the rows, each one cell's padding apart. The header ends at the first gap
    wider than a wrap; the rest is a row of its own, to be joined to the page before (before: it was
    the header's, 取扱い個人情報の項目生年月日・在留資格). Lines a little taller than the pitch make
    the least gap nil; a column that fills and goes on at a wrap's 1.8 pt still wraps, so rows begin
    at the number, not at each wrapped name (before: 放課後児童クラ / ブ予約受付 were two rows)."""
    from extractor.readers.pdf_tables import text_column_rules

    size = 10.8
    chars = _lines([(82.6, [("番号", 95.9), ("所管課", 181.1), ("手続名", 266.3), ("取扱い個人情報", 351.5), ("付議理由", 436.7)]),
                    (95.2, [("の項目", 351.5)]),
                    (112.9, [("生年月日・在留", 351.5)]),
                    (125.5, [("資格", 351.5)]),
                    (154.4, [("7", 95.9), ("放課後児童クラ", 266.3), ("利用者のメール", 351.5), ("②オンライン決", 436.7)]),
                    (167.0, [("ブ予約受付", 266.3), ("アドレス", 351.5), ("済", 436.7)]),
                    (196.0, [("8", 95.9), ("保育所入所登録", 266.3), ("学校名・障害の", 351.5), ("①約1,200件", 436.7)]),
                    (208.6, [("申請", 266.3), ("有無・電話番号", 351.5)]),
                    (221.2, [("・個人番号", 351.5)]),
                    (249.9, [("9", 95.9), ("犬の登録", 266.3), ("所有者の氏名", 351.5), ("②オンライン決", 436.7)])], size)
    chars += _chars("③マイナ", 436.7, 219.0, size)  # a cell's second paragraph a little off the line beside it
    horizontal, _ = text_column_rules(chars, (59.0, 783.0))
    assert _row_tops(horizontal) == [82, 112, 153, 195, 249, 262]


_PROC_HEADER = [("所管課", 123.0), ("業務名", 231.0), ("収集する情報項目", 312.7), ("付議内容", 441.7)]


def test_rows_apart_by_a_gap_begin_where_cells_begin_in_two_columns():
    """LibreOffice with no rules and a cell's padding between rows: a department merged down its
    procedures is printed on the first only, and the names and items wrap. Rows begin after a gap
    wider than a wrap where cells begin in two columns or more; a value's own paragraph after such a
    gap begins in its column alone and parts nothing (before: rows began at the department only,
    three procedures were one, 粗大ごみ収集請求駐輪場定期利用予約受付)."""
    from extractor.readers.pdf_tables import text_column_rules

    size = 10.5
    chars = _lines([(70.8, _PROC_HEADER),
                    (91.3, [("学務課", 90.1), ("要介護認定届", 198.1), ("被保険者の性別、", 306.1), ("③マイナンバー", 414.1)]),
                    (101.8, [("電話番号等", 306.1), ("カード", 414.1)]),
                    (122.3, [("ひとり親家庭医療費", 198.1), ("対象児童の性別、口", 306.1), ("①約1,200件", 414.1)]),
                    (132.8, [("助成申込", 198.1), ("座番号等", 306.1)]),
                    (153.3, [("粗大ごみ収集請求", 198.1), ("世帯主の在留資格等", 306.1), ("③マイナンバー", 414.1)]),
                    (173.8, [("生涯学習課", 90.1), ("図書館利用申込", 198.1), ("届出人の病歴等", 306.1), ("①約800件", 414.1)]),
                    (194.3, [("なお書き", 306.1)])], size)
    horizontal, _ = text_column_rules(chars, (59.0, 783.0))
    assert _row_tops(horizontal) == [70, 90, 121, 152, 173, 206]  # header, four procedures, the bottom


def test_a_cut_rows_rest_under_a_repeated_header_at_the_pages_top_is_a_row():
    """The next page of that table: the header repeated, then the rest of the row the break cut, in
    the items column alone, then rows. The one-piece lines at the page's top, in one column right of
    the first, are a row of the table under its header (before: the table began at the first line of
    two cells, the header parted from it by lines of no table, and the page's table was never joined
    to the one before: 13 items of a procedure lost)."""
    from extractor.readers.pdf_tables import text_column_rules

    size = 10.5
    chars = _lines([(70.8, _PROC_HEADER),
                    (91.3, [("号、障害の有無、", 306.1)]),
                    (101.8, [("メールアドレス等", 306.1)]),
                    (122.3, [("がん検診予約受付", 198.1), ("氏名、職業、国籍", 306.1), ("①約3,500件", 414.1)]),
                    (132.8, [("対象児童の氏名等", 306.1)]),
                    (153.3, [("生涯学習課", 90.1), ("転入変更届", 198.1), ("登録者の病歴等", 306.1), ("①約800件", 414.1)]),
                    (173.8, [("学務課", 90.1), ("防災メール請求", 198.1), ("氏名、性別等", 306.1), ("②オンライン", 414.1)])], size)
    horizontal, _ = text_column_rules(chars, (59.0, 783.0))
    assert _row_tops(horizontal) == [70, 90, 121, 152, 173, 185]  # header, the cut row's rest, three rows, bottom


def test_a_header_label_at_its_cells_left_over_centred_marks_heads_their_column():
    """A checklist with no rules, its labels at the cells' left (チェック at the column's start), the
    marks centred under it: the mark column's boundary, put next to the marks, would cut the label,
    and the header was no row. The boundary moves to where the label begins, never over the text of
    the column before (before: the header was a paragraph, and the page's table never went on from
    the one before)."""
    from extractor.readers.pdf_tables import text_column_rules

    size = 11.0
    chars = _lines([(70.7, [("Ｎｏ", 90.1), ("区分", 198.1), ("対策内容", 306.1), ("チェック", 414.1)]),
                    (92.7, [("５", 90.1), ("接続するネット", 306.1), ("〇", 457.2)]),
                    (103.7, [("ワークは特定相手", 306.1)]),
                    (114.7, [("６", 90.1), ("ＩＤ・パスワード", 306.1), ("〇", 457.2)]),
                    (125.7, [("により認証する。", 306.1)])], size)
    horizontal, vertical = text_column_rules(chars, (59.0, 783.0))
    assert _row_tops(horizontal)[0] == 70  # the header is the table's first row
    xs = sorted({round(v["x0"]) for v in vertical})
    assert any(394 < x < 414 for x in xs), xs  # the mark column begins before its label


def _build_long_checklist(path: Path, ruling: str) -> None:
    """A checklist over a page break, its header repeated on the next page, the labels at the cells'
    left and the marks centred under チェック."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from make_samples import new_document, save_stable

    doc = new_document("test", "rulings")
    for k in range(44):
        doc.add_paragraph(f"本文の段落{k + 1}。次のとおり実施する。")
    rows = [["Ｎｏ", "対策内容", "チェック"], ["講じる対策は「〇」、不要な対策は「－」", None, None]] + [
        [str(k + 1), f"対策{k + 1}として、個人情報を含む書類の持出しを禁止し、定期的に確認する。", "〇"]
        for k in range(24)]
    table = _add_table(doc, rows, ruling)
    table.cell(1, 0).merge(table.cell(1, 2))
    table.cell(1, 0).paragraphs[0].text = rows[1][0]
    header = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header.append(repeat)
    for row in table.rows[2:]:
        row.cells[2].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph("以上")
    save_stable(doc, path)


def test_a_checklist_with_no_rules_goes_on_over_the_page_break(tmp_path):
    """A header whose label stands at the cell's left, left of the centred marks, is the table's
    first row, and a legend merged across the table under it is one cell of a row of its own; the
    two pages' column boundaries, each inferred somewhere in its page's gutter, are one where the
    gutters meet: one table, as in the .docx (before: the header and legend were paragraphs, the
    first page's boundary, next to the marks, lay under the next page's label, and the table was
    two)."""
    docx_cells, pdf_cells = _docx_and_pdf_cells(tmp_path, _build_long_checklist, "none")
    assert len(docx_cells) == 1 and len(docx_cells[0]) == 26
    assert pdf_cells == docx_cells


def _build_touching(path: Path, ruling: str) -> None:
    """Three tables with one line of body text between each two and no blank line: 別紙 set at the
    right margin, beyond the tables' rules, and a caption between a key–value table and a table of
    more columns."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt
    from make_samples import new_document, save_stable

    doc = new_document("test", "rulings")
    doc.add_paragraph("事業の概要")
    _add_table(doc, [list(r) for r in KV], ruling)
    annex = doc.add_paragraph("別紙")
    annex.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _add_table(doc, [["委託する業務", "申請受付、審査補助及び通知書の発送"], ["委託先", "株式会社トラストネット"],
                     ["委託の期間", "令和8年6月22日から令和11年3月31日まで"]], ruling)
    caption = doc.add_paragraph("【資料9-1】【追加手続及び情報項目】")
    for p in (annex, caption):  # set tight, as a cell's text is: nothing but the line tells them apart
        p.paragraph_format.space_before = p.paragraph_format.space_after = Pt(0)
    _add_table(doc, [list(r) for r in PROCEDURES], ruling)
    doc.add_paragraph("以上")
    save_stable(doc, path)


@pytest.mark.parametrize("ruling", ["horizontal", "horizontal_frame"])
def test_body_lines_between_touching_horizontally_ruled_tables_are_no_rows(tmp_path, ruling):
    """With no blank line between them, a line of body text starts right under one table's bottom
    rule as a cell's text does: 別紙 at the right margin runs out beyond the rules' ends, so it is
    body text (before: a row 別 of the table above, 紙 cut off, and the table no key–value table);
    a caption between a table of two columns and one of three, every row of each leaving its own
    gutters, parts two tables (before: one table, the caption a row across it)."""
    docx_cells, pdf_cells = _docx_and_pdf_cells(tmp_path, _build_touching, ruling)
    assert len(docx_cells) == 3
    assert pdf_cells == docx_cells


def test_a_key_value_table_with_a_long_key_and_no_rules_is_a_table():
    """Keys in a text table with no rules, one as long as 委託する個人情報の項目 (eleven characters,
    on one line): where no column is short, a column whose text never wraps is the labels' and
    rows begin at it; the values wrap (before: no column was short, no table was found, and the
    page gave none of the five fields, nor the items)."""
    from extractor.readers.pdf_tables import text_column_rules

    size = 12.0
    chars = _lines([(510.6, [("委託する業務", 90.1), ("粗大ごみ受付センター業務における申", 306.1)]),
                    (522.6, [("請受付、審査補助及び通知書の発送", 306.1)]),
                    (544.6, [("委\u3000託\u3000先", 90.1), ("株式会社北斗ソリューション", 306.1)]),
                    (566.6, [("委託の理由", 90.1), ("専門的な知識及び設備を有する事業者", 306.1)]),
                    (578.6, [("が処理することで、迅速かつ正確に事", 306.1)]),
                    (590.6, [("務を執行できるため。", 306.1)]),
                    (612.6, [("委託する個人情報の項目", 90.1), ("届出人の口座番号、電話番号（連絡先", 306.1)]),
                    (624.6, [("（任意））、国籍、続柄、所得、性別", 306.1)])], size)
    horizontal, vertical = text_column_rules(chars, (59.0, 783.0))
    assert _row_tops(horizontal) == [510, 544, 566, 612, 638]
    assert len({round(v["x0"]) for v in vertical}) == 3


def test_a_header_label_whose_bracket_overlaps_the_next_label_is_cut_at_the_columns_start():
    """Chromium sets a header label that fills its cell up to the next one's (手続名（登録業務名）), the
    closing bracket's box, half of it blank, under the next label's first character (個人情報項目 at
    the column's start, 1.5 pt inside the bracket's box): a new text position, so the line is cut
    there (before: the two labels were one piece, one header cell over two columns, and the
    procedures table gave no procedure)."""
    from extractor.readers.pdf_tables import text_column_rules

    size = 10.8
    header = _chars("No", 95.9, 281.8, size) + _chars("所管課", 202.4, 281.8, size) \
        + _chars("手続名（登録業務名）", 309.0, 281.8, size) + _chars("個人情報項目", 415.5, 281.8, size)
    chars = header + _lines([(311.4, [("1", 95.9), ("環境保全課", 202.4), ("図書館利用申込", 309.0), ("保護者の学校名、口", 415.5)]),
                             (323.3, [("座番号等", 415.5)]),
                             (352.0, [("2", 95.9), ("戸籍住民課", 202.4), ("健康相談届", 309.0), ("世帯主の年齢等", 415.5)])], size)
    horizontal, vertical = text_column_rules(chars, (59.0, 733.0))
    assert _row_tops(horizontal) == [281, 310, 351, 364]  # the header, two procedures, the bottom
    xs = sorted({round(v["x0"]) for v in vertical})
    assert len(xs) == 5
    header_edges = sorted(round(v["x0"]) for v in vertical if v["top"] < 300)
    assert header_edges == xs  # the header is cut between its labels too: four cells, no merge


def test_a_group_label_in_the_number_column_makes_no_long_column():
    """Chromium sets a checklist's group labels (【技術的安全管理措置】) as lines of one piece in the
    number column, wider than any number: a group merged across, no cell of the column, so the
    number column stays short and every group and measure begins a row (before: the column was
    'long', rows began at the marks, and the groups ran into the header and the rows before them:
    the checklist gave no entry)."""
    from extractor.readers.pdf_tables import text_column_rules

    size = 9.9
    chars = _lines([(386.4, [("Ｎｏ", 95.9), ("対策内容", 237.9), ("実施", 379.9)]),
                    (413.8, [("【管理的対策】", 95.9)]),
                    (440.4, [("１", 95.9), ("事故発生時の連絡体制及び対応", 237.9), ("✓", 379.9)]),
                    (451.5, [("手順を整備する。", 237.9)]),
                    (478.9, [("２", 95.9), ("従事者に対し個人情報保護に関", 237.9), ("✓", 379.9)]),
                    (489.9, [("する研修を実施する。", 237.9)]),
                    (516.6, [("【技術的安全管理措置】", 95.9)]),
                    (543.2, [("３", 95.9), ("通信内容を暗号化する。", 237.9), ("✓", 379.9)])], size)
    horizontal, _ = text_column_rules(chars, (55.4, 736.6))
    assert _row_tops(horizontal) == [385, 413, 439, 478, 516, 542, 554]


def test_a_mark_run_on_from_the_text_before_it_begins_the_answer_column_its_header_names():
    """Chromium sets a checklist laid out by answer columns (該当 / 非該当) with each ✓ at its cell's
    left, 1.3 pt after the measure that fills the cell before: one piece of text with it. No row
    begins a cell at 該当 but the header, and 非該当 is ticked in no row; the header's labels name
    the columns, so the line is cut where a character begins at a label's start (before: the marks
    stayed in the measures, the answer columns were no columns and the checklist gave no entry)."""
    from extractor.readers.pdf_tables import text_column_rules

    size = 10.9
    measure = 338.3
    tick = measure + 11 * size + 1.3  # 11 characters fill the measure's cell
    chars = _lines([(247.2, [("No", 95.9), ("区分", 217.1), ("対策内容", measure), ("該当", tick), ("非該当", 580.8)]),
                    (276.9, [("1", 95.9), ("運用上の対策", 217.1), ("必要に応じて立入り調査", measure), ("✓", tick)]),
                    (288.8, [("を実施する。", measure)]),
                    (318.2, [("2", 95.9), ("作業場所への入退室を記", measure), ("✓", tick)]),
                    (330.1, [("録する。", measure)])], size)
    horizontal, vertical = text_column_rules(chars, (58.9, 536.0))
    assert _row_tops(horizontal) == [246, 276, 317, 342]
    xs = sorted({round(v["x0"], 1) for v in vertical})
    assert len(xs) == 6, xs  # five columns
    assert measure + 11 * size <= xs[3] <= tick and tick + size < xs[4] < 580.8


def test_a_page_holding_one_row_under_a_header_in_the_top_band_is_a_table():
    """The last row of a checklist alone on a landscape page, under the header repeated at the top
    (in the page's top band, where a running header stands): a header of five labels over a row
    whose every cell begins under one of them is a table, two rows, the header counting (before:
    one row in the body was no table, and the measure became a heading)."""
    from extractor.readers.pdf_tables import text_column_rules

    size = 10.9
    chars = _lines([(46.7, [("No", 95.9), ("区分", 217.1), ("対策内容", 338.3), ("該当", 459.5), ("非該当", 580.8)]),
                    (76.4, [("7", 95.9), ("ウイルス対策ソフトウェ", 338.3), ("✓", 459.5)]),
                    (89.0, [("アを導入する。", 338.3)])], size)
    horizontal, vertical = text_column_rules(chars, (58.9, 536.0))
    assert _row_tops(horizontal) == [46, 75, 101]
    assert len({round(v["x0"], 1) for v in vertical}) == 6


ITEMS = "登録者の学校名・所得、保護者の口座番号・病歴・フリガナ・在留資格・電話番号（連絡先（任意））、被保険者の性別・電話番号"


def _build_unruled_procedures(path, ruling: str) -> None:
    from make_samples import new_document, save_stable

    doc = new_document("test", "wraps")
    doc.add_paragraph("【追加手続及び情報項目】")
    from docx.shared import Pt

    table = _add_table(doc, [["No", "手続名（登録業務名）", "収集する情報項目", "付議理由"],
                             ["1", "駐輪場定期利用申込", ITEMS, "②オンライン決済"],
                             ["2", "図書館利用届", "保護者の個人番号・メールアドレス・電話番号・性別", "①約48,000件"]], ruling)
    table.autofit = False
    # the item column nine characters and nine tenths wide: its lines wrap most of a character
    # short of the cell's edge, and the next column's text stands that much further off
    for col, width in enumerate((40, 110, 10.5 * 9.9 + 10.8, 110)):
        table.columns[col].width = Pt(width)
        for cell in table.columns[col].cells:
            cell.width = Pt(width)
    doc.add_paragraph("以上")
    save_stable(doc, path)


def test_a_narrow_column_of_a_table_with_no_rules_wraps_where_its_long_lines_end(tmp_path):
    """A table with no rules has no cell edge: its boundaries are inferred in the gutters, well
    right of where a narrow column's text wraps. The column's long lines, ending at one x with the
    cell going on below, are where it wraps, so its lines are one paragraph as in the .docx (before:
    each line was a paragraph, and the item list, split on line breaks, gave 保 and 護者 as items)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui fonts-ipaexfont")
    from make_samples import LIBREOFFICE_FONTS, soffice_convert

    _build_unruled_procedures(tmp_path / "none.docx", "none")
    soffice_convert(soffice, [tmp_path / "none.docx"], "pdf", str(tmp_path), LIBREOFFICE_FONTS)

    def item_cells(doc):
        table = next(b for b in doc.blocks if isinstance(b, Table))
        return [["".join(r.text for r in p.runs) for p in row[2].blocks] for row in table.rows[1:]]

    pdf_cells = item_cells(read_pdf(tmp_path / "none.pdf"))
    assert item_cells(read_docx(tmp_path / "none.docx")) == [[ITEMS], ["保護者の個人番号・メールアドレス・電話番号・性別"]]
    assert pdf_cells == [[ITEMS], ["保護者の個人番号・メールアドレス・電話番号・性別"]]


def test_rows_leaving_different_answer_columns_empty_are_one_table_under_its_header():
    """A checklist laid out by answer columns: most rows are ticked under 実施, one under 未実施, and
    only that one has a 区分 cell. The rows' columns differ each way, as two tables' would; the
    header's five labels, one over each column, make them one (before: the table was cut at the
    row ticked 未実施, the header went unread, and its measure got the wrong answer)."""
    from extractor.readers.pdf_tables import text_column_rules

    size = 10.5
    chars = _lines([(70.8, [("No", 120.6), ("区分", 203.8), ("対策内容", 279.7), ("実施", 376.6), ("未実施", 457.8)]),
                    (91.3, [("3", 124.7), ("個人情報を含む", 262.9), ("○", 381.9)]),
                    (101.8, [("書類の持出しを", 262.9)]),
                    (112.3, [("禁止する。", 262.9)]),
                    (132.8, [("4", 124.7), ("事故発生時の連", 262.9), ("○", 381.9)]),
                    (143.3, [("絡体制を整備す", 262.9)]),
                    (153.8, [("る。", 262.9)]),
                    (174.3, [("6", 124.7), ("朝日町の対策", 176.5), ("通信内容は", 262.9), ("○", 468.3)]),
                    (184.8, [("【技術的】", 176.5), ("暗号化する。", 262.9)])], size)
    horizontal, vertical = text_column_rules(chars, (58.9, 783.0))
    assert _row_tops(horizontal) == [70, 90, 132, 173, 196]
    assert len({round(v["x0"], 1) for v in vertical}) == 6  # five columns, the header's


def test_a_header_repeated_over_two_tables_of_a_page_gives_no_column_start_where_its_rows_run_over():
    """Two checklists on one page under the same header, its labels centred over their columns
    (対策内容 at 279.7 over measures from 234.1): the label's start, found in two lines, is no column
    start where the rows between them run over it (before: every row ran over a column, the table
    above the second header was read as body text, and the cut row's rest was lost). The first
    table, the rest of a row cut by the page break and one row, stands under its header."""
    from extractor.readers.pdf_tables import text_column_rules

    size = 10.5
    head = [("No", 146.2), ("対策内容", 279.7), ("実施", 434.2)]
    chars = _lines([(70.8, head),
                    (81.3, [("に関する研修を実施する。", 234.1)]),
                    (91.8, [("3", 151.5), ("作業場所への入退室を記録", 234.1), ("✓", 439.5)]),
                    (102.3, [("し、定期的に確認する。", 234.1)]),
                    (112.8, [("提供先に実施させる対策", 90.1)]),
                    (123.3, head),
                    (133.8, [("1", 151.5), ("立入り調査に応じさせ、速", 234.1), ("✓", 439.5)]),
                    (144.3, [("やかに報告させる。", 234.1)]),
                    (154.8, [("2", 151.5), ("再委託を行う場合は事前に", 234.1), ("✓", 439.5)]),
                    (165.3, [("承認を得させる。", 234.1)])], size)
    horizontal, vertical = text_column_rules(chars, (58.9, 783.0))
    assert _row_tops(horizontal) == [70, 80, 91, 114, 122, 133, 154, 177]
    top = sorted({round(v["x0"], 1) for v in vertical if v["top"] < 112})
    assert len(top) == 4 and top[-1] >= 434.2 + 2 * size  # 実施, wider than ✓, within the table


def test_a_cut_rows_rest_under_a_centred_header_joins_though_another_table_shares_the_run():
    """The rest of a procedure cut by the page break stands under the repeated header, its labels
    centred; a checklist further down the same run of lines has columns of its own, which the
    rest's line runs over: only this table's columns decide (before: the rest was body text, the
    procedure lost its last items and 等 became a caption)."""
    from extractor.readers.pdf_tables import text_column_rules

    size = 10.5
    chars = _lines([(70.8, [("所管課", 123.0), ("業務名", 231.0), ("収集する情報項目", 312.7), ("付議内容", 441.7)]),
                    (91.3, [("（任意））、国籍、", 306.1)]),
                    (101.8, [("学校名等", 306.1)]),
                    (122.3, [("生涯学習課", 90.1), ("保育所入所請求", 198.1), ("被保険者のメールア", 306.1), ("①約1,400件", 414.1)]),
                    (132.8, [("ドレス、性別", 306.1)]),
                    (153.3, [("学務課", 90.1), ("就学援助変更届", 198.1), ("被保険者の口座番号", 306.1), ("②オンライン決済", 414.1)]),
                    (173.8, [("No", 120.6), ("区分", 203.8), ("対策内容", 279.7), ("実施", 376.6)]),
                    (194.3, [("1", 124.7), ("朝日町の対策", 176.5), ("必要に応じて立", 262.9), ("○", 381.9)]),
                    (204.8, [("【人的】", 176.5), ("入り調査を実施", 262.9)]),
                    (225.3, [("2", 124.7), ("不要となった電", 262.9), ("○", 381.9)]),
                    (235.8, [("子データを消去", 262.9)])], size)
    horizontal, _ = text_column_rules(chars, (58.9, 783.0))
    assert _row_tops(horizontal)[:3] == [70, 90, 121]  # the header, the cut row's rest, a procedure


def test_numbers_of_one_and_two_digits_centred_under_no_are_one_column():
    """LibreOffice centres a checklist's numbers: 10 begins 3.7 pt left of 9, two starts less than a
    character apart that no line has both of, one column. Rows ticked under 該当 or 非該当, under the
    header repeated above the rest of a row the page break cut, stay one table (before: 10 began a
    column of its own and the checklist was cut into three tables at the rows that differ)."""
    from extractor.readers.pdf_tables import text_column_rules

    size = 12.0
    chars = _lines([(70.6, [("No", 119.5), ("区分", 202.3), ("対策内容", 276.7), ("該当", 375.1), ("非該当", 455.5)]),
                    (82.6, [("定相手以外と", 262.9)]),
                    (94.6, [("8", 124.2), ("サーバを冗長", 262.9), ("✓", 467.5)]),
                    (106.6, [("化する。", 262.9)]),
                    (118.6, [("9", 124.2), ("個人情報を含", 262.9), ("✓", 381.1)]),
                    (130.6, [("む書類の持出", 262.9)]),
                    (142.6, [("しを禁止する。", 262.9)]),
                    (154.6, [("10", 120.5), ("再委託を行う", 262.9), ("✓", 381.1)]),
                    (166.6, [("場合は承認を", 262.9)]),
                    (178.6, [("11", 120.5), ("提供先の対策", 176.5), ("ウイルス対策", 262.9), ("✓", 467.5)]),
                    (190.6, [("【システム】", 176.5), ("を導入させる。", 262.9)])], size)
    horizontal, vertical = text_column_rules(chars, (58.9, 783.0))
    assert _row_tops(horizontal) == [70, 82, 94, 118, 154, 178, 204]
    assert len({round(v["x0"], 1) for v in vertical}) == 6  # five columns: 9 and 10 in one


def test_a_first_column_of_group_lines_alone_is_no_column_of_the_table():
    """LibreOffice sets a row merged across a checklist (a group: 西原村が実施する…（システム面）) at the
    table's left and centres the marks under 実施 well right of it: the column where only the header
    label and the groups begin (a start of the key–value table above, in the same run of lines) is
    none of the checklist's, whose first column is the marks', reaching left to the groups as the
    .docx's 実施 column does (before: a column of nothing but the groups, the marks in a second one,
    and a group run into the row above)."""
    from extractor.readers.pdf_tables import text_column_rules

    size = 11.0
    chars = _lines([(306.7, [("提供先", 90.1), ("株式会社トラストネット", 306.1)]),
                    (328.7, [("提供の方法", 90.1), ("LGWAN回線を利用して接続する。", 306.1)]),
                    (339.7, [("西原村が実施する情報保護対策【運用上の対策】", 90.1)]),
                    (361.7, [("×", 189.0), ("個人情報保護法及び情報セキュリティポ", 306.1)]),
                    (372.7, [("リシーを遵守するよう指導する。", 306.1)]),
                    (383.7, [("◯", 187.2), ("不要となった電子データを消去し、消去", 306.1)]),
                    (394.7, [("の記録を保存する。", 306.1)]),
                    (405.7, [("西原村が実施する情報保護対策（システム面）", 90.1)]),
                    (416.7, [("◯", 187.2), ("接続するネットワークは特定相手以外と", 306.1)]),
                    (427.7, [("の通信を不可とする。", 306.1)]),
                    (438.7, [("×", 189.0), ("データを保存するサーバは日本国内に設", 306.1)]),
                    (449.7, [("置する。", 306.1)])], size)
    horizontal, vertical = text_column_rules(chars, (58.9, 783.0))
    assert _row_tops(horizontal)[-6:] == [361, 383, 405, 416, 438, 462]
    xs = sorted({round(v["x0"], 1) for v in vertical if v["top"] > 350})
    assert len(xs) == 3 and xs[0] < 90.1 and 306.1 - size < xs[1] < 306.1  # 実施 (the groups' left) | 対策内容
    group = [v for v in vertical if 404 < v["top"] < 406]
    assert len(group) == 2  # the group's row is one cell across the table


def test_a_name_filled_up_to_the_next_columns_text_under_horizontal_rules_keeps_its_boundary():
    """Chromium sets a procedure's name that fills its cell up to the items 1.3 pt before them, in
    one row only: the boundary the other rows' gutter gives crosses that name, which had made the
    name and the items one cell merged across (国民健康保険資格取得申登録者の住所… and the name read as
    the item list). A character beginning at the gutter's right end, just clear of the one before,
    puts the boundary there in every row, one x for the column (one row in four may cross a
    boundary: a caption merged across)."""
    from extractor.readers.pdf_tables import horizontal_only_verticals

    size = 10.9
    rules = [{"x0": 92.0, "x1": 700.0, "top": y} for y in (100.0, 130.0, 170.0, 210.0, 240.0, 270.0)]
    chars = (_chars("番号", 95.9, 108.0, size) + _chars("手続名", 338.3, 108.0, size)
             + _chars("取扱い個人情報の項目", 459.5, 108.0, size))
    chars += _chars("4", 95.9, 138.0, size) + _chars("就学援助予約受付", 338.3, 138.0, size) \
        + _chars("住所・生年月日", 459.5, 138.0, size)
    name = "国民健康保険資格取得申"
    assert 338.3 + len(name) * size == pytest.approx(459.5 - 1.3, abs=0.05)
    chars += _chars("5", 95.9, 178.0, size) + _chars(name, 338.3, 178.0, size) \
        + _chars("登録者の住所", 459.5, 178.0, size) + _chars("込", 338.3, 190.6, size)
    for no, top in (("6", 218.0), ("7", 248.0)):
        chars += _chars(no, 95.9, top, size) + _chars("要介護認定申込", 338.3, top, size) \
            + _chars("続柄・学校名", 459.5, top, size)
    verticals = horizontal_only_verticals(rules, [], chars)
    rows = [sorted(round(v["x0"], 1) for v in verticals if v["top"] == y0) for y0 in (100.0, 130.0, 170.0, 210.0, 240.0)]
    assert all(len(row) == 4 for row in rows), rows
    assert len({row[2] for row in rows}) == 1 and 458.2 < rows[0][2] < 459.5


def test_a_row_a_page_break_cuts_under_horizontal_rules_is_closed_at_its_text():
    """Chromium draws the bottom border of a row a page break cuts on the next page: under the last
    rule of a table ruled by horizontal lines only, the row's text runs to the page's end with no
    rule under it, and the procedure was body text (c7308: procedures 1 and 7 lost). A rule closes
    it at its text, when it starts right under the rule, in cells, the last text but a page number;
    a paragraph after the table (one piece) or a grid (its verticals go on) gets none."""
    from extractor.readers.pdf_tables import cut_row_closer

    size = 10.9
    rules = [{"x0": 95.9, "x1": 702.0, "top": y, "bottom": y} for y in (495.0, 526.2)]
    header = _chars("番号", 95.9, 505.7, size) + _chars("手続名", 338.3, 505.7, size)
    row = (_chars("1", 95.9, 536.1, size) + _chars("放課後児童クラブ申込", 338.3, 536.1, size)
           + _chars("世帯主の性別・被保険者", 459.5, 536.1, size) + _chars("番号・電話番号", 459.5, 548.7, size))
    page_number = _chars("- 2 -", 380.0, 585.0, size)
    closer, = cut_row_closer(rules, [], header + row + page_number)
    assert closer["top"] == pytest.approx(548.7 + size + 1) and (closer["x0"], closer["x1"]) == (95.9, 702.0)
    paragraph = _chars("次のとおり実施する。", 95.9, 536.1, size)
    assert cut_row_closer(rules, [], header + paragraph + page_number) == []
    grid = [{"x0": 338.0, "x1": 338.0, "top": 495.0, "bottom": 600.0}]
    assert cut_row_closer(rules, grid, header + row + page_number) == []


def test_a_merged_cells_bottom_drawn_above_its_rows_rule_parts_no_row():
    """Chromium ends a department merged down two procedures where its own height does, 8 pt above
    the rule under the procedures beside it: that short rule, under a line's height above the
    next one with no text between, is no row boundary (before: the procedures' rows beside it were
    left open there, the table was cut in two and 要介護認定変更届 was lost)."""
    from extractor.readers.pdf_tables import horizontal_only_verticals

    size = 11.9
    rules = ([{"x0": 95.9, "x1": 702.0, "top": y} for y in (36.0, 68.7, 216.5, 316.7)]
             + [{"x0": 247.5, "x1": 702.0, "top": 128.1}, {"x0": 95.9, "x1": 247.5, "top": 207.6}])
    chars = (_chars("担当部署", 95.9, 47.9, size) + _chars("手続名", 247.5, 47.9, size) + _chars("個人情報項目", 399.0, 47.9, size)
             + _chars("国民健康保険資格取得届", 247.5, 80.6, size) + _chars("生年月日、性別", 399.0, 80.6, size)
             + _chars("要介護認定変更届", 247.5, 140.7, size) + _chars("登録者のメールアドレス", 399.0, 140.7, size)
             + _chars("住所、職業", 399.0, 195.7, size)
             + _chars("健康づくり課", 95.9, 228.4, size) + _chars("高額療養費登録申請", 247.5, 228.4, size)
             + _chars("年齢、生年月日", 399.0, 228.4, size))
    verticals = horizontal_only_verticals(rules, [], chars)
    row = sorted(round(v["x0"], 1) for v in verticals if v["top"] == 128.1)
    assert len(row) == 4 and all(v["bottom"] == 216.5 for v in verticals if v["top"] == 128.1), row


def test_a_merged_cell_a_page_break_cuts_is_closed_by_the_rule_beside_it():
    """A department merged down procedures that go on on the next page has no bottom border on this
    page, the procedures beside it have theirs: the table's last rule, over all columns but the
    department's, closes it too (before: 児童相談担当 stood in no cell, became a caption, and the
    table on the next page was no continuation: three procedures without their department)."""
    from extractor.readers.pdf_tables import cut_row_closer

    size = 11.9
    rules = ([{"x0": 95.9, "x1": 702.0, "top": y, "bottom": y} for y in (439.8, 473.2, 519.3)]
             + [{"x0": 247.5, "x1": 702.0, "top": 560.6, "bottom": 560.6}])
    chars = (_chars("子育て支援課", 95.9, 474.2, size) + _chars("児童相談担当", 95.9, 520.3, size)
             + _chars("就学援助予約受付", 247.5, 520.3, size) + _chars("- 2 -", 380.0, 585.0, size))
    closer, = cut_row_closer(rules, [], chars)
    assert (closer["x0"], closer["x1"], closer["top"]) == (95.9, 702.0, 560.6)
    body = chars + _chars("次の手続を追加する。この手続は電子申請による。", 95.9, 570.0, size)
    assert cut_row_closer(rules, [], body) == []


def test_a_merged_cell_cut_inside_the_table_is_closed_by_the_rule_beside_it():
    """The same, the merged cell inside the table (a checklist's 区分 merged down two measures, the
    second on the next page): the last rule's pieces stop on both sides of it, so joined they span
    the table and only the gap under the cell tells it is open (before: the 区分's text stood in no
    cell and became three headings, and the next page's table no continuation)."""
    from extractor.readers.pdf_tables import cut_row_closer

    size = 9.85
    rules = ([{"x0": 95.9, "x1": 522.0, "top": y, "bottom": y} for y in (600.0, 657.4)]
             + [{"x0": a, "x1": b, "top": 729.1, "bottom": 729.1} for a, b in ((95.9, 205.4), (309.0, 522.0))])
    chars = (_chars("６", 102.3, 668.5, size) + _chars("都が行う情報保護", 205.5, 668.5, size)
             + _chars("接続するネットワ", 308.9, 668.5, size) + _chars("☑", 420.0, 668.5, size)
             + _chars("対策【システム上", 205.5, 681.8, size) + _chars("の対策】", 205.5, 695.1, size)
             + _chars("1 / 2", 95.9, 760.0, size))
    closer, = cut_row_closer(rules, [], chars)
    assert (closer["x0"], closer["x1"], closer["top"]) == (95.9, 522.0, 729.1)
    whole = rules[:2] + [{"x0": 95.9, "x1": 522.0, "top": 729.1, "bottom": 729.1}]
    assert cut_row_closer(whole, [], chars) == []  # a last rule unbroken closes every cell itself


def test_a_merged_cells_bottom_with_no_text_under_it_on_its_page_is_no_row_boundary():
    """The rest of a cell merged down two rows, on the page after the break, holds no text; Chromium
    draws its bottom where its own height ends, well above the rule under the row beside it, between
    two rules across the table. No row ends there (before: the row lost its rules, and the page's
    table was no continuation of the one before). The measure's text starts at the rule's end, in
    the next cell."""
    from extractor.readers.pdf_tables import horizontal_only_verticals

    size = 9.85
    rules = ([{"x0": 95.9, "x1": 522.0, "top": y} for y in (36.0, 69.3, 127.7, 160.0)]
             + [{"x0": 205.4, "x1": 309.0, "top": 101.1}])
    chars = (_chars("Ｎｏ", 102.3, 47.8, size) + _chars("区分", 215.0, 47.8, size) + _chars("対策内容", 318.0, 47.8, size)
             + _chars("チェック", 420.0, 47.8, size)
             + _chars("７", 102.3, 80.4, size) + _chars("データを保存する", 308.9, 80.4, size) + _chars("☑", 420.0, 80.4, size)
             + _chars("に設置する。", 308.9, 107.8, size)
             + _chars("８", 102.3, 140.3, size) + _chars("受託事業者に", 205.5, 140.3, size)
             + _chars("不要となった", 308.9, 140.3, size) + _chars("☑", 420.0, 140.3, size))
    verticals = horizontal_only_verticals(rules, [], chars)
    row = sorted(round(v["x0"]) for v in verticals if v["top"] == 69.3)
    assert len(row) == 5 and all(v["bottom"] == 127.7 for v in verticals if v["top"] == 69.3), row


def test_the_last_row_of_a_frame_a_page_break_cuts_open_gets_its_columns():
    """A table in an outer frame, ruled inside by horizontal lines only, cut by a page break: Chromium
    draws no bottom border on the page, the frame's sides stop at the cut, and the closer drawn there
    (a bare y, as open_grid_closers gives it) bounds the last row. That row's columns are inferred
    like the others' (before: it read as one cell merged across, 18 生活福祉課保育所入所請求世帯主の
    所得、… one run of text, and the procedure was lost)."""
    from extractor.readers.pdf_tables import horizontal_only_verticals

    size = 9.85
    rules = [{"x0": 95.9, "x1": 522.0, "top": y} for y in (36.0, 66.3, 134.4)]
    frame = [{"x0": x, "x1": x, "top": 36.0, "bottom": 756.5} for x in (95.9, 522.0)]
    chars = (_chars("Ｎｏ", 102.3, 47.3, size) + _chars("担当課", 190.0, 47.3, size) + _chars("手続名", 273.0, 47.3, size)
             + _chars("個人情報項目", 356.0, 47.3, size) + _chars("該当区分", 439.0, 47.3, size))
    for top, number in ((75.0, "１７"), (145.0, "１８")):
        chars += (_chars(number, 102.3, top, size) + _chars("生活福祉課", 184.7, top, size)
                  + _chars("保育所入所", 267.5, top, size) + _chars("世帯主の所得", 350.4, top, size)
                  + _chars("②オンライン", 433.2, top, size) + _chars("メールアドレ", 350.4, top + 12.6, size))
    verticals = horizontal_only_verticals(rules + [756.5], frame, chars)
    last = sorted(round(v["x0"]) for v in verticals if v["top"] == 134.4)
    assert len(last) == 6 and all(v["bottom"] == 756.5 for v in verticals if v["top"] == 134.4), last


def test_a_legend_alone_in_its_row_of_inferred_columns_is_one_cell_across():
    """A checklist's legend (該当する対策に「✓」を記入) in the first row of a table whose columns are
    inferred from its text, short of the next column: the mark column beside it is empty, and no
    rule tells an empty cell from the end of a merged one. A legend, the marks it explains quoted,
    is a row across the table, as the .docx has it (before: three cells, two empty, on both
    producers' PDFs of a seed 7301 document). Where rules part the cells, or the row is a measure
    with no mark, the cells stay."""
    from types import SimpleNamespace

    from extractor.readers.layout import Styler
    from extractor.readers.pdf_tables import table_draft

    cells = [(x0, top, x1, top + 28.0) for top in (100.0, 128.0) for x0, x1 in ((96.0, 240.0), (240.0, 400.0), (400.0, 522.0))]
    chars = (_chars("該当する対策に「✓」を記入", 102.0, 108.0)
             + _chars("研修を実施する。", 102.0, 136.0) + _chars("区分", 406.0, 136.0))

    def rows(inferred):
        draft, _ = table_draft(SimpleNamespace(cells=cells, bbox=(96.0, 100.0, 522.0, 156.0)), chars, Styler([], [], []), 1, frozenset(inferred))
        return [[(c.col, c.col_span) for c in row] for row in draft.to_table().rows]

    assert rows({240.0, 400.0}) == [[(0, 3)], [(0, 1), (1, 1), (2, 1)]]
    assert rows(set()) == [[(0, 1), (1, 1), (2, 1)], [(0, 1), (1, 1), (2, 1)]]  # drawn rules part them


def test_a_table_of_text_whose_rows_stand_at_the_wrap_pitch_is_parted_from_the_text_above():
    """LibreOffice sets a table with no rules and no cell padding: its rows stand 0 pt apart, as a
    value's wrapped lines do, and the paragraphs above it (a 件名 line, a basis, a heading) keep a
    paragraph's spacing. Rows begun in the first column mostly at the wrap's pitch make that the
    rows' gap, and the spacing parts the table from the text above (before: the rows' gap was
    taken to be the odd spacing, nothing was cut, and the run from 件名 down held no table: the
    key–value table of a landscape page was lost, fields 0.783 on seed 8801)."""
    from extractor.readers.pdf_tables import text_column_rules

    size = 12.0
    lines = [(98.2, "件　　名", "施設予約システムに係る業務委託について"), (110.2, "第３条第３項第５号（業務委託）", None),
             (124.0, "（担当部課：環境局ごみ減量推進課、市民部住民記録係、市民課、教育委員会事務局生涯学習課、学務課）", None),
             (137.8, "事業の概要", None), (151.6, "事　業　名", "施設予約システムの運用"),
             (163.6, "担　当　課", "ごみ減量推進課、住民記録係、市民課、生涯学習課、"), (175.6, None, "学務課"),
             (187.6, "目　　的", "施設予約システムを活用し、住民の利便性向上と事務"), (199.6, None, "の効率化を図る。"),
             (211.6, "対　象　者", "南条市内に住所を有する者"), (223.6, "事　業　内　容", "１　概要")]
    chars = []
    for top, label, value in lines:
        chars += (_chars(label, 90.1, top, size) if label else []) + (_chars(value, 396.1, top, size) if value else [])
    horizontal, vertical = text_column_rules(chars, (60.0, 560.0))
    tops = sorted(round(e["top"], 1) for e in horizontal)
    assert tops[0] == 150.6 and {162.6, 186.6, 210.6, 222.6} <= set(tops), tops


def test_text_between_two_tables_whose_lines_keep_more_than_a_cells_wrap_is_no_row():
    """LibreOffice, horizontal rules only, no cell padding: a cell's wrapped lines stand 0 pt apart,
    the body text between two tables (a ※ note, the next checklist's heading) 1.6 pt apart, and
    both start at the rule as the rows do. Lines further apart than any cell's wrap are paragraphs
    of body text, no row merged across (before: the note and the heading read as a row, and the
    key–value table and the checklist as one table; checklist 0.000 on seed 8801)."""
    from extractor.readers.pdf_tables import horizontal_only_verticals

    size = 10.5
    rules = [{"x0": 84.6, "x1": 516.6, "top": y} for y in (373.2, 405.2, 416.2, 440.9, 451.9, 473.9)]
    chars = (_chars("収集の方法", 90.1, 372.2, size) + _chars("ＬＧＷＡＮ回線を利用して、", 306.1, 372.2, size)
             + _chars("ウドサーバと接続する。", 306.1, 382.7, size)
             + _chars("収集の開始時期", 90.1, 404.2, size) + _chars("令和２年５月１２日から", 306.1, 404.2, size)
             + _chars("※記載内容は令和２年５月１２日現在の予定である。", 90.1, 415.2, size)
             + _chars("３　本人以外からの収集にかかるチェックリスト", 90.1, 427.3, size)
             + _chars("対策内容", 90.1, 439.9, size) + _chars("実施", 306.1, 439.9, size)
             + _chars("必要に応じて立入り調査を実施し、", 90.1, 450.9, size) + _chars("×", 405.2, 450.9, size)
             + _chars("状況報告を求める。", 90.1, 461.4, size))
    verticals = horizontal_only_verticals(rules, [], chars)
    assert not [v for v in verticals if v["top"] == 416.2]  # the note and the heading
    assert {v["top"] for v in verticals} == {373.2, 405.2, 440.9, 451.9}


def test_a_group_label_alone_in_its_row_of_inferred_columns_is_one_cell_across():
    """The same for a group's label (若葉町が実施する情報保護対策（運用面）) alone in a checklist's
    measure column, the mark cell beside it empty: it names a group of measures, a row across the
    table (before: two cells; LibreOffice, seed 8801). A measure alone, with no mark, is no label."""
    from types import SimpleNamespace

    from extractor.readers.layout import Styler
    from extractor.readers.pdf_tables import table_draft

    cells = [(x0, top, x1, top + 28.0) for top in (100.0, 128.0) for x0, x1 in ((96.0, 400.0), (400.0, 522.0))]
    chars = _chars("若葉町が実施する情報保護対策（運用面）", 102.0, 108.0) + _chars("研修を実施する。", 102.0, 136.0)
    draft, _ = table_draft(SimpleNamespace(cells=cells, bbox=(96.0, 100.0, 522.0, 156.0)), chars, Styler([], [], []), 1,
                           frozenset({400.0}))
    assert [[(c.col, c.col_span) for c in row] for row in draft.to_table().rows] == [[(0, 2)], [(0, 1), (1, 1)]]


def test_a_joint_of_cell_by_cell_rules_in_the_headers_gutter_is_the_boundary_the_rows_keep():
    """Chromium draws each cell's border and sets a mark at its cell's very edge: a measure filling
    its cell stops 6 pt short of the mark, too little for a gutter, so the only gutter is the
    header's (対策内容 … 実施), whose middle every row's text runs over. The joint of the rules in
    that gutter, which no row's text runs over, is the boundary (before: each measure and its mark
    one cell, a checklist of none; rows merged across — a legend — run over both and stay one)."""
    from extractor.readers.pdf_tables import horizontal_only_verticals

    size = 9.9
    ys = (72.0, 100.1, 129.0, 157.1, 197.0, 248.1)
    rules = [{"x0": a, "x1": b, "top": y} for y in ys for a, b in ((95.9, 309.0), (309.0, 522.0)) if y not in (129.0,)]
    rules += [{"x0": 95.9, "x1": 522.0, "top": 129.0}]
    chars = (_chars("対策内容", 95.9, 82.1, size) + _chars("実施", 309.0, 82.1, size)
             + _chars("実施するものに「◯」、実施しないものに「×」を記入", 95.9, 111.0, size))
    for top, measure, mark in ((167.2, "必要に応じて立入り調査を実施し、状況報告を", "×"),
                               (207.1, "事故発生時の連絡体制及び対応手順を整備す", "◯")):
        assert 95.9 + len(measure) * size < 309.0 - 5
        chars += _chars(measure, 95.9, top, size) + _chars(mark, 309.0, top, size) + _chars("求める。", 95.9, top + 11.8, size)
    verticals = horizontal_only_verticals(rules, [], chars)
    for y in (157.1, 197.0):
        assert sorted(round(v["x0"], 1) for v in verticals if v["top"] == y) == [95.9, 309.0, 522.0], y
    assert sorted(round(v["x0"], 1) for v in verticals if v["top"] == 100.1) == [95.9, 522.0]  # the legend


def test_an_empty_row_inside_a_frame_keeps_the_rows_above_and_below_one_table():
    """LibreOffice repeats a checklist's header over a page break with the row under it (the legend's
    place) left empty, inside the frame's sides. The header and the rows under the empty row are
    one table with one set of columns (before: the header alone was a table of its own, its columns
    at its centred labels' gaps, five columns where the rows have three, and the page's table was
    no continuation; checklist 0.643 on seed 2200). Where no side is drawn, an empty band may be
    the empty paragraph between two tables and parts them still."""
    from extractor.readers.pdf_tables import horizontal_only_verticals

    size = 10.5
    rules = [{"x0": 84.8, "x1": 516.4, "top": y} for y in (72.2, 93.2, 114.2, 156.2, 187.8)]
    frame = [{"x0": x, "x1": x, "top": 72.0, "bottom": 188.0} for x in (84.6, 516.6)]
    chars = (_chars("Ｎｏ", 146.2, 73.2, size) + _chars("運用面", 300.0, 73.2, size) + _chars("実施", 470.0, 73.2, size))
    for top, n, measure in ((115.2, "１", "個人情報保護法及び情報セ"), (157.2, "２", "作業場所への入退室を記録")):
        chars += _chars(n, 151.5, top, size) + _chars(measure, 234.1, top, size) + _chars("◯", 475.0, top, size)
    framed = horizontal_only_verticals(rules, frame, chars)
    columns = {y: sorted(round(v["x0"]) for v in framed if v["top"] == y) for y in (72.2, 114.2, 156.2)}
    assert len(columns[114.2]) == 4 and columns[72.2] == columns[114.2] == columns[156.2], columns
    assert not [v for v in framed if v["top"] == 93.2]
    open_sides = horizontal_only_verticals(rules, [], chars)  # horizontal rules only: two tables
    assert sorted(round(v["x0"]) for v in open_sides if v["top"] == 72.2) != columns[114.2]


def test_a_mark_touching_the_measure_at_a_header_labels_start_begins_the_mark_column():
    """A checklist with no rules, Chromium: a measure that fills its cell runs right up to the mark
    set at the cell's edge, the two touching, so the mark column (確認, set there too) has no start
    of its own in the rows. A mark that starts at a header label's start touching the text, with
    no text going on after it, begins that column and each mark a row (before: a measure with no
    group beside it was the rest of the row above, each measure and its mark one cell, checklist
    0.375 on seed 2200). A ・ between items that touches the text at such a start goes on
    and is no cut."""
    from extractor.readers.pdf_tables import text_column_rules

    size = 11.8
    chars = _chars("情報保護対策", 95.9, 154.4, size) + _chars("確認", 237.5, 154.4, size) + _chars("区分", 380.0, 154.4, size)
    top = 185.4
    for measure, mark, rest, group in (("不要となった電子データを", "－", "消去し、記録を保存する。", "町が行う対策"),
                                       ("必要に応じて立入り調査を", "○", "実施し、報告を求める。", None),
                                       ("個人情報保護法及び情報セ", "－", "キュリティを遵守する。", "提供先の対策")):
        assert 95.9 + len(measure) * size == pytest.approx(237.5)
        chars += _chars(measure, 95.9, top, size) + _chars(mark, 237.5, top, size) + _chars(rest, 95.9, top + 14.1, size)
        if group:
            chars += _chars(group, 380.0, top, size)
        top += 45.0
    horizontal, vertical = text_column_rules(chars, (60.0, 760.0))
    assert any(228.0 < v["x0"] <= 237.5 for v in vertical), sorted({round(v["x0"], 1) for v in vertical})
    # each mark begins a row: the measure without a group of its own is a row, not the first row's rest
    assert {184.4, 229.4, 274.4} <= {round(e["top"], 1) for e in horizontal}
    from extractor.readers.pdf_tables import _cuts_at

    def boxes(text, x0):
        return [(x0 + k * size, x0 + (k + 1) * size, ch) for k, ch in enumerate(text)]
    at = 95.9 + 4 * size
    assert _cuts_at((0, 0, size, [], boxes("個人番号・年齢", 95.9)), [at]) == []  # text goes on after the ・
    assert _cuts_at((0, 0, size, [], boxes("個人番号－", 95.9)), [at]) == [at]


def test_a_group_at_the_tables_left_between_the_header_and_the_first_row_is_a_row_across():
    """LibreOffice, no rules: a checklist's group (【管理的対策】) right under the header starts at the
    table's left, left of the numbers centred in their column. It is a row of the table, one cell
    across it, and the table's left side moves out to it (before: the group was left out, and with
    it the header, which no longer stood right above the rows; checklist 0.424 on seed 8801)."""
    from extractor.readers.pdf_tables import text_column_rules

    size = 10.5
    chars = (_chars("若葉広域連合が講ずる措置", 90.1, 650.5, size)
             + _chars("Ｎｏ", 146.2, 662.6, size) + _chars("対策内容", 279.7, 662.6, size) + _chars("実施", 434.2, 662.6, size)
             + _chars("【管理的対策】", 90.1, 673.1, size)
             + _chars("１", 151.5, 683.6, size) + _chars("事故発生時の連絡体制及び", 234.1, 683.6, size)
             + _chars("✓", 439.5, 683.6, size) + _chars("対応手順を整備する。", 234.1, 694.1, size)
             + _chars("２", 151.5, 704.6, size) + _chars("従事者に対し個人情報保護", 234.1, 704.6, size)
             + _chars("✓", 439.5, 704.6, size))
    horizontal, vertical = text_column_rules(chars, (60.0, 760.0))
    tops = sorted({round(e["top"], 1) for e in horizontal})
    assert tops[:4] == [661.6, 672.1, 682.6, 703.6], tops  # header, group, two rows
    assert min(v["x0"] for v in vertical) < 90.1
    assert not [v for v in vertical if v["top"] == 672.1 and 90.1 < v["x0"] < 400]  # the group: one cell


def test_groups_at_the_tables_left_further_down_stay_rows_of_the_table():
    """The same groups further down the table (【技術的安全管理措置】 between two measures), left of
    every column start: such a line is a row merged across, and neither it nor a number (which never
    wraps into the next row) says a column wraps, so the number column stays the rows' anchor
    (before: the group ended the table, the rows after it were a table of their own, and rows with
    no mark were joined to the row above; checklist 0.848 on seed 8801, LibreOffice)."""
    from extractor.readers.pdf_tables import text_column_rules

    size = 10.5
    chars = (_chars("Ｎｏ", 146.2, 262.6, size) + _chars("対策内容", 279.7, 262.6, size) + _chars("実施", 434.2, 262.6, size))
    lines = [(273.1, None, "【管理的対策】", None), (283.6, "１", "事故発生時の連絡体制及び", "✓"),
             (294.1, None, "対応手順を整備する。", None), (304.6, "２", "作業場所への入退室を記録", "✓"),
             (315.1, None, "【技術的安全管理措置】", None), (325.6, "３", "サーバを冗長化し、バック", "✓"),
             (336.1, None, "アップを取得する。", None), (346.6, "４", "通信内容を暗号化する。", None),
             (357.1, "５", "データを国内に保存する。", "✓")]
    for top, number, text, mark in lines:
        if number is None and text.startswith("【"):
            chars += _chars(text, 90.1, top, size)
            continue
        chars += _chars(text, 234.1, top, size) + (_chars(number, 151.5, top, size) if number else [])
        chars += _chars(mark, 439.5, top, size) if mark else []
    horizontal, vertical = text_column_rules(chars, (60.0, 760.0))
    tops = {round(e["top"], 1) for e in horizontal}
    assert {261.6, 272.1, 282.6, 303.6, 314.1, 324.6, 345.6, 356.1} <= tops, sorted(tops)
    assert not {293.1, 335.1} & tops  # wrapped lines are no rows


def test_a_row_a_page_break_cuts_goes_on_where_the_columns_wrapped_lines_end():
    """A table with no rules and no cell padding (LibreOffice): a measure's last line on the page
    ends where the column's wrapped lines end, far left of the column's boundary, so the room left
    in the cell does not say the text was cut. The column's wrapped lines on either page say where it
    wraps, and a line ending there goes on in the empty-keyed row the next page starts with (before:
    従事者に対し個人情報保護 and に関する研修を実施する。 were two rows, the second with no number
    or mark; seed 8801)."""
    from types import SimpleNamespace

    from extractor.readers.layout import Styler
    from extractor.readers.pdf_tables import continue_table, table_draft

    size, xs = 10.5, (86.6, 230.6, 430.7, 458.7)
    inferred = frozenset(xs[1:3])

    def draft(page, rows):
        cells, chars, top = [], [], 100.0
        for texts, height in rows:
            for (x0, x1), lines in zip(zip(xs, xs[1:]), texts):
                cells.append((x0, top, x1, top + height))
                for k, text in enumerate(lines):
                    x = {0: 151.5, 1: 234.1, 2: 439.5}[xs.index(x0)]
                    chars += _chars(text, x, top + k * size, size)
            top += height
        table = SimpleNamespace(cells=cells, bbox=(xs[0], 100.0, xs[-1], top))
        return table_draft(table, chars, Styler([], [], []), page, inferred)[0]

    header = ((["Ｎｏ"], ["対策内容"], ["実施"]), size)
    first = draft(1, [header, ((["１"], ["事故発生時の連絡体制及び", "対応手順を整備する。"], ["✓"]), 2 * size),
                      ((["２"], ["従事者に対し個人情報保護"], ["✓"]), size)])
    second = draft(2, [header, (([], ["に関する研修を実施する。"], []), size),
                       ((["３"], ["作業場所への入退室を記録", "し、定期的に確認する。"], ["✓"]), 2 * size),
                       ((["４"], ["個人情報を含む書類の持出", "しを禁止する。"], ["✓"]), 2 * size)])
    merged = continue_table(first, second)
    assert [merged.row_texts(i) for i in range(merged.n_rows)] == [
        ["Ｎｏ", "対策内容", "実施"], ["１", "事故発生時の連絡体制及び対応手順を整備する。", "✓"],
        ["２", "従事者に対し個人情報保護に関する研修を実施する。", "✓"], ["３", "作業場所への入退室を記録し、定期的に確認する。", "✓"],
        ["４", "個人情報を含む書類の持出しを禁止する。", "✓"]]


def test_a_rule_drawn_cell_by_cell_across_a_table_underlines_nothing():
    """Chromium draws a table's top rule cell by cell, its pieces meeting end to end from side to
    side, just under the line above the table (※記載内容は…現在の予定である。). Where the columns read
    from the text part the rule elsewhere than the pieces do, no piece covers a whole cell edge, and
    one was taken for an underline: 在の予定である。 read as a marked passage. A stroke that is a piece
    of such a rule across the table underlines nothing; an underline beside it, not reaching across,
    stays one (before: three Chromium PDFs of the seeds marked text above a table)."""
    from extractor.readers.layout import Segment, Styler

    cells = [(85.6, 95.9, 230.0), (85.6, 230.0, 370.0), (85.6, 370.0, 522.0)]
    pieces = [Segment(95.9, 240.2, 85.6), Segment(240.2, 377.8, 85.6), Segment(377.8, 522.0, 85.6)]
    underline = Segment(240.5, 300.0, 140.0)
    styler = Styler(pieces + [underline], cells)
    assert styler.segments == [underline]
    short = Styler([Segment(240.2, 300.0, 85.6)], cells)  # an underline on the rule's height, not across
    assert short.segments == [Segment(240.2, 300.0, 85.6)]


def _build_short_rows_after_the_break(path: Path, ruling: str) -> None:
    """A procedures table over a page break whose rows on the next page hold short text only: its
    last column's text reaches less far there than on the first page."""
    from make_samples import new_document, save_stable

    doc = new_document("test", "rulings")
    for k in range(20):
        doc.add_paragraph(f"本文の段落{k + 1}。次のとおり実施する。")
    rows = [["No", "手続の名称", "付議理由"]] + [
        [str(k + 1), f"手続{k + 1}の申請受付", "①約12,000件②オンライン決済③マイナンバーカード" if k < 4 else "①"]
        for k in range(30)]
    _add_table(doc, rows, ruling)
    doc.add_paragraph("以上")
    save_stable(doc, path)


def test_a_text_tables_sides_lie_where_its_text_reaches_on_each_page(tmp_path):
    """With no rules at all a table's sides are inferred half a gutter beyond its text, so the
    same table's right side moves from page to page with the longest value there; it is no drawn
    edge to match to the point, only the gutters between columns are (before: a page of short
    values began a table of its own, and the procedures on it lost the department above)."""
    docx_cells, pdf_cells = _docx_and_pdf_cells(tmp_path, _build_short_rows_after_the_break, "none")
    assert len(docx_cells) == 1 and len(docx_cells[0]) == 31
    assert pdf_cells == docx_cells


def test_legend_and_group_rows_under_a_header_of_two_labels_are_rows_of_the_table():
    """A checklist's header of two labels (実施 at the cell's left over centred marks, 対策内容), then
    a legend quoting the marks and a group's label, each one piece at the table's left: rows of the
    table merged across, the header its first row (before: the three were paragraphs and the group
    the table's caption). A line of two pieces over a plain one-piece line stays out: as likely the
    last row of a key–value table above."""
    from extractor.readers.pdf_tables import text_column_rules

    size = 11.0
    measures = [(295.7, "×", 189.0, "個人情報保護法及び情報セキュリティポ"), (306.7, None, 0, "リシーを遵守するよう指導する。"),
                (317.7, "◯", 187.2, "不要となった電子データを消去し、消去"), (328.7, None, 0, "の記録を保存する。"),
                (339.7, "×", 189.0, "個人情報を含む書類の持出しを禁止す"), (350.7, None, 0, "る。")]
    body = [(top, ([(mark, x)] if mark else []) + [(text, 306.1)]) for top, mark, x, text in measures]
    for legend, group, rows in ((("実施するものに「◯」、実施しないものに「×」を記入", 90.1),
                                 ("西原村が実施する情報保護対策【運用上の対策】", 90.1), 6),
                                (("本文のとおり取り扱う。", 90.1), ("その他の事項は別に定める。", 90.1), 3)):
        chars = _lines([(250.0, [("4　目的外利用にかかる個人情報保護対策チェックリスト", 90.1)]),
                        (262.7, [("実施", 90.1), ("対策内容", 306.1)]),
                        (273.7, [legend]), (284.7, [group])] + body, size)
        horizontal, _ = text_column_rules(chars, (59.0, 783.0))
        tops = _row_tops(horizontal)
        assert len(tops) == rows + 1, tops  # header, legend, group and three rows; or the three rows alone
        assert (tops[0] < 263) == (rows == 6), tops


def test_a_page_holding_one_row_under_a_header_centred_over_its_cells_is_a_table():
    """A checklist cut by the page break: the next page repeats its header, labels centred over
    their columns (Ｎｏ over １, システム面 over the measure, 実施 over ○), holds the rest of the cut
    row and one row more, then 別表 and a table of its own. The labels' middles stand one over each
    cell's column: the header heads that row, the cells' starts are the table's columns, and 別表,
    left of every row and beginning no cell, is no row of it (before: the one row made no table,
    the measure's end and row ４ were paragraphs)."""
    from extractor.readers.pdf_tables import text_column_rules

    size = 12.0
    chars = _lines([(70.6, [("Ｎｏ", 174.7), ("システム面", 360.7), ("実施", 582.7)]),
                    (82.6, [("させる。", 294.1)]),
                    (94.6, [("４", 180.7), ("データを保存するサーバは日本国内", 294.1), ("○", 588.7)]),
                    (106.6, [("に設置させる。なお、実施状況は年", 294.1)]),
                    (118.6, [("１回以上確認し、その結果を記録す", 294.1)]),
                    (130.6, [("る。", 294.1)]),
                    (156.4, [("別表", 90.1)]),
                    (170.2, [("用語", 225.7), ("説明", 531.7)]),
                    (182.2, [("ＬＧＷＡＮ", 90.1), ("地方公共団体を相互に接続する行政専用のネットワー", 396.1)]),
                    (194.2, [("ク", 396.1)]),
                    (206.2, [("クラウドサーバ", 90.1), ("事業者が管理するデータセンターに設置されたサーバ", 396.1)])], size)
    horizontal, vertical = text_column_rules(chars, (55.4, 556.6))
    tops = _row_tops(horizontal)
    assert tops[:4] == [70, 82, 94, 144], tops  # header, the cut row's rest, row ４, its bottom
    assert 156 not in tops and 155 not in tops, tops  # 別表 is no row
    inner = sorted({round(v["x0"]) for v in vertical if v["top"] < 144})[1:-1]
    assert len(inner) == 2 and 198 < inner[0] < 294 and 486 < inner[1] < 588, inner


def test_a_key_value_tables_wrapped_value_is_no_body_text_for_another_tables_columns():
    """A run holding a key–value table and, under a heading, the first row of a procedures table
    whose centred header gives it four columns: a value wrapped past the key–value rows' reach runs
    over a start of the other table's columns, not of its own, and stays in its row (before: the
    line was taken for body text and the table cut there)."""
    from extractor.readers.pdf_tables import text_column_rules

    size = 10.5
    chars = _lines([(181.0, [("事業名", 90.1), ("児童手当オンライン申請システムの運用", 306.1)]),
                    (201.5, [("担当課", 90.1), ("教育委員会事務局学務課", 306.1)]),
                    (222.0, [("目的", 90.1), ("児童手当オンライン申請システムを活用", 306.1)]),
                    (232.5, [("し、住民の利便性向上と事務の効率化を図", 306.1)]),
                    (243.0, [("る。", 306.1)]),
                    (263.5, [("対象者", 90.1), ("資料28－1の手続の申請者", 306.1)]),
                    (284.0, [("【対象手続と個人情報項目】", 90.1)]),
                    (305.7, [("所管課", 123.0), ("業務名", 231.0), ("収集する情報項目", 312.7), ("付議内容", 441.7)]),
                    (326.2, [("学務課", 90.1), ("要介護認定届", 198.1), ("被保険者の性別、", 306.1), ("③マイナンバーカー", 414.1)]),
                    (336.7, [("メールアドレス、電", 306.1)])], size)
    horizontal, _ = text_column_rules(chars, (55.4, 736.6))
    tops = _row_tops(horizontal)
    assert [t for t in tops if t < 284] == [180, 200, 221, 262, 275], tops  # four rows, 目的 over three lines; the bottom


def test_headings_under_a_table_apart_from_it_are_no_rows_but_a_first_columns_wrap_is():
    """Two headings set under a key–value table (【資料28-1】, then its caption), each one piece at
    the margin and apart from the line above by more than a wrap, are no rows; the wrapped lines of
    a first column's last cell, at the wrap's pitch under it, are (before: only a last heading
    alone was told, so both headings became rows of keys with no value)."""
    from extractor.readers.pdf_tables import text_column_rules

    size = 10.5
    kv = _lines([(398.6, [("保有課（担当課）", 90.1), ("学務課、生涯学習課", 306.1)]),
                 (419.1, [("登録業務の名称", 90.1), ("手続ごとの情報項目は、資料28－1のとお", 306.1)]),
                 (429.6, [("り", 306.1)]),
                 (450.1, [("結合の相手方", 90.1), ("合同会社さくら情報処理", 306.1)]),
                 (470.6, [("情報保護対策", 90.1), ("別紙チェックリストのとおり", 306.1)]),
                 (491.1, [("【資料28－1】", 90.1)]),
                 (513.1, [("【対象手続と個人情報項目】", 90.1)])], size)
    horizontal, _ = text_column_rules(kv, (55.4, 736.6))
    assert _row_tops(horizontal) == [398, 418, 449, 470, 482], _row_tops(horizontal)  # four rows and the bottom
    checklist = _lines([(612.9, [("情報保護対策", 90.1), ("確認", 234.1), ("区分", 378.1)]),
                        (645.9, [("個人情報を含む書類の持出", 90.1), ("✓", 295.5), ("東山町が実施する情報保護", 378.1)]),
                        (656.4, [("しを禁止する。", 90.1), ("対策【管理的対策】", 378.1)]),
                        (672.9, [("必要に応じて立入り調査を", 90.1), ("✓", 295.5)]),
                        (683.4, [("実施し、状況報告を求め", 90.1)]),
                        (693.9, [("る。", 90.1)])], size)
    horizontal, _ = text_column_rules(checklist, (55.4, 736.6))
    assert _row_tops(horizontal)[-1] == 705, _row_tops(horizontal)  # the last cell's wraps are the row's


def test_a_row_alone_at_the_next_pages_top_goes_on_with_the_table_the_page_before_ended_with():
    """A key–value table with no rules ends a page; the next page begins with its last row alone,
    set so high that it stands in the top band (Chromium's margins), then a gap and other text. One
    row in the band is no table by itself (a running header is none), but at the starts of the
    columns the page before ended with, beginning the page's text, it goes on with that table
    (before: a paragraph, and 情報保護対策 was no field). A header the page repeats is not taken
    for such a row."""
    from extractor.readers.pdf_tables import last_text_columns, text_column_rules

    size, body = 10.8, (55.4, 736.6)
    page1 = _lines([(591.8, [("委託する業務", 95.9), ("児童手当オンライン申請システムにおける", 309.0)]),
                    (604.4, [("申請受付、審査補助及び通知書の発送", 309.0)]),
                    (633.2, [("委託先", 95.9), ("合同会社さくら情報処理", 309.0)]),
                    (662.8, [("委託の理由", 95.9), ("専門的な知識及び設備を有する事業者が処", 309.0)]),
                    (675.4, [("理することで、正確に事務を執行できるた", 309.0)]),
                    (687.2, [("め。", 309.0)]),
                    (716.8, [("委託の期間", 95.9), ("令和８年９月３日から令和１１年３月３１", 309.0)]),
                    (728.6, [("日まで（次年度以降も同様に行う。）", 309.0)]),
                    (744.3, [("-1-", 296.7)])], size)
    horizontal, vertical = text_column_rules(page1, body)
    carried = last_text_columns(page1, horizontal, vertical, body)
    assert carried is not None and [round(x, 1) for x in carried.starts] == [95.9, 309.0]
    page2 = _lines([(46.6, [("情報保護対策", 95.9), ("別紙チェックリストのとおり", 309.0)]),
                    (98.4, [("番号", 95.9), ("委託する個人情報の項目", 237.9), ("収集の方法", 380.0)])], size)
    assert text_column_rules(page2, body) == ([], [])
    horizontal, _ = text_column_rules(page2, body, carried)
    assert _row_tops(horizontal) == [46, 58], _row_tops(horizontal)  # the row and its bottom
    # the rest of the row the break cut, above it in the value column, is part of it (LibreOffice)
    with_rest = _lines([(70.7, [("以降も同様に行う。）", 309.0)]),
                        (91.7, [("情報保護対策", 95.9), ("別紙チェックリストのとおり", 309.0)]),
                        (135.4, [("※記載内容は令和７年５月２４日現在の予定である。", 95.9)])], size)
    assert text_column_rules(with_rest, body) == ([], [])
    assert _row_tops(text_column_rules(with_rest, body, carried)[0]) == [70, 91, 104]  # one row, from the rest
    repeated = _lines([(46.6, [("委託する業務", 95.9), ("児童手当オンライン申請システムにおける", 309.0)])], size)
    assert text_column_rules(repeated, body, carried._replace(head="委託する業務児童手当オンライン申請システムにおける")) == ([], [])
    # text after the table on its page: nothing goes on
    ended = [c for c in page1 if c["top"] < 700] + _chars("以上のとおり。", 95.9, 722.0, size)
    assert last_text_columns(ended, *text_column_rules(ended, body), body) is None


def test_a_page_holding_the_repeated_header_and_a_cut_rows_rest_goes_on_with_the_table():
    """The page after a procedures table ends holds only its header, repeated, the last word of the
    row the break cut (等, in the items column) and a note across the page. No row of cells: no
    table of its own; but the header is the table's first line, so header and rest are a table on
    that table's columns, and the rest goes on in the row (before: 等 was a paragraph of its own
    and the items lost it)."""
    from extractor.readers.pdf_tables import last_text_columns, text_column_rules

    size, body = 11.0, (55.4, 736.6)
    header = [(70.7, [("No", 120.2), ("所管課", 197.8), ("手続の名称", 273.2), ("取扱う個人情", 354.1), ("該当区分", 451.5)]),
              (81.7, [("報項目", 370.6)])]
    page1 = _lines(header + [
        (92.7, [("1", 90.1), ("保健予防課", 176.5), ("放課後児童ク", 262.9), ("申請者の性", 349.3), ("①約12,000", 435.7)]),
        (103.7, [("ラブ予約受付", 262.9), ("別・続柄・氏", 349.3), ("件", 435.7)]),
        (114.7, [("名・勤務先", 349.3)]),
        (125.7, [("2", 90.1), ("市民課", 176.5), ("犬の登録請求", 262.9), ("登録者の続", 349.3), ("②オンライン", 435.7)]),
        (136.7, [("柄・住所・病", 349.3), ("決済", 435.7)]),
        (147.7, [("歴、届出人の", 349.3)])], size)
    carried = last_text_columns(page1, *text_column_rules(page1, body), body)
    assert carried is not None and len(carried.xs) == 6
    page2 = _lines(header + [(92.7, [("等", 349.3)]),
                             (103.7, [("※①単年度手続者が1,000人を超えることが想定される場合", 90.1)])], size)
    assert text_column_rules(page2, body) == ([], [])
    horizontal, vertical = text_column_rules(page2, body, carried)
    assert _row_tops(horizontal) == [70, 92, 105], _row_tops(horizontal)  # the header, the rest, its bottom
    assert sorted({round(v["x0"], 1) for v in vertical}) == [round(x, 1) for x in carried.xs]


def _spans(doc) -> list[list[tuple]]:
    return [[(c.row, c.col, c.row_span, c.col_span, "".join(c.text.split())) for row in b.rows for c in row]
            for b in doc.blocks if isinstance(b, Table)]


def test_a_label_merged_down_a_table_with_no_rules_heads_its_rows(tmp_path):
    """In a table with no rules, a department merged down its procedures and a group of measures
    merged down its measures print as their text over empty cells, nothing drawn between: in a
    column of such labels the empty cells under one are its (before: every such table differed
    from its .docx in row_span, 16 PDFs of seed 8801), and a label wrapping beside the next row
    keeps its rest (before: 置】 was a label of its own). The grammar's first documents with no
    rules and such merges, a procedures table and a checklist among them."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui fonts-ipaexfont")
    import corpus_grammar
    import make_corpus
    from make_samples import LIBREOFFICE_FONTS, soffice_convert

    roles: dict[str, int] = {}
    for seed in range(1, 2000):
        sub = corpus_grammar.Submission(seed)
        if sub.style.get("ruling") != "none":
            continue
        blocks, _ = sub.compose()
        merged = {b.role for b in blocks if isinstance(b, corpus_grammar.Tab)
                  and any(c is not None and c.row_span > 1 for row in b.grid for c in row)}
        for role in merged - set(roles):
            roles[role] = seed
            make_corpus.write_docx(sub, blocks, sub.marking, tmp_path / f"s{seed}.docx")
        if {"procedures", "checklist"} <= set(roles):
            break
    assert {"procedures", "checklist"} <= set(roles), roles
    files = sorted(tmp_path.glob("*.docx"))
    soffice_convert(soffice, files, "pdf", str(tmp_path), LIBREOFFICE_FONTS)
    for f in files:
        docx, pdf = _spans(read_docx(f)), _spans(read_pdf(f.with_suffix(".pdf")))
        assert any(span > 1 for table in docx for _, _, span, _, _ in table), f.name
        assert pdf == docx, f.name


def test_a_header_repeated_further_above_the_rows_than_rows_stand_apart_heads_the_table_going_on():
    """Chromium repeats a table's header (its <thead>) at the next page's top, further above the
    first row than the rows stand apart (22.4 pt where rows keep 18 pt, more than two lines'
    height): the header of the table the page before ended with, it is the first row of the table
    going on (before: a heading 実施対策内容 of its own, and the page's rows a table of their own
    that the table above was not joined with). The same line over rows of a page that carries
    nothing is no header so far off."""
    from extractor.readers.pdf_tables import last_text_columns, text_column_rules

    size, body = 10.9, (55.4, 736.6)
    page1 = _lines([(560.0, [("実施", 95.9), ("対策内容", 309.0)]),
                    (582.6, [("×", 95.9), ("個人情報保護法及び情報セキュリティポリ", 309.0)]),
                    (595.2, [("シーを遵守するよう指導する。", 309.0)]),
                    (624.0, [("◯", 95.9), ("不要となった電子データを消去し、消去の", 309.0)]),
                    (636.6, [("記録を保存する。", 309.0)]),
                    (665.5, [("×", 95.9), ("個人情報を含む書類の持出しを禁止する。", 309.0)])], size)
    carried = last_text_columns(page1, *text_column_rules(page1, body), body)
    assert carried is not None and carried.head == "実施対策内容"
    page2 = _lines([(82.6, [("実施", 95.9), ("対策内容", 309.0)]),
                    (115.9, [("◯", 95.9), ("従事者に対し個人情報保護に関する研修を", 309.0)]),
                    (128.5, [("実施する。", 309.0)]),
                    (157.3, [("◯", 95.9), ("接続するネットワークは特定相手以外との", 309.0)]),
                    (169.9, [("通信を不可とする。", 309.0)])], size)
    assert _row_tops(text_column_rules(page2, body, carried)[0]) == [82, 115, 156, 182]
    assert _row_tops(text_column_rules(page2, body)[0]) == [115, 156, 182]


def test_a_groups_label_ending_the_page_is_the_last_row_of_the_table_going_on():
    """A checklist with no rules whose page ends with the label of the next group of measures (its
    measures on the next page): a line merged across at the table's end is no note under it but
    the group's row, and the table goes on with the next page (before: the label was a heading of
    its own, and the page's table ended above it, carrying nothing to the next page)."""
    from extractor.readers.pdf_tables import last_text_columns, text_column_rules

    size, body = 10.9, (55.4, 736.6)
    rows = [(600.0, [("実施", 95.9), ("対策内容", 309.0)]),
            (628.5, [("◯", 95.9), ("不要となった電子データを消去し、消去の", 309.0)]),
            (641.1, [("記録を保存する。", 309.0)]),
            (669.9, [("×", 95.9), ("個人情報を含む書類の持出しを禁止する。", 309.0)])]
    label = "西原村が実施する情報保護対策（システム面）"
    page = _lines(rows + [(698.8, [(label, 95.9)])], size)
    horizontal, vertical = text_column_rules(page, body)
    assert _row_tops(horizontal) == [599, 628, 669, 698, 711]
    carried = last_text_columns(page, horizontal, vertical, body)
    assert carried is not None and carried.head == "実施対策内容"
    # a note under the table is still no row, nor a label with room for rows under it
    noted = _lines(rows + [(698.8, [("※記載内容は令和７年５月２４日現在の予定である。", 95.9)])], size)
    assert _row_tops(text_column_rules(noted, body)[0]) == [599, 628, 669, 682]
    early = _lines([(top - 100, pieces) for top, pieces in rows] + [(598.8, [(label, 95.9)])], size)
    assert _row_tops(text_column_rules(early, body)[0]) == [499, 528, 569, 582]


def test_a_note_wrapped_over_two_lines_under_a_table_with_no_rules_is_no_row():
    """A ※ note under a table with no rules runs over its columns, and its wrapped rest, short,
    runs over none: the note is body text from its first line (before: the rest kept the note in
    the table, and both went into the last row's last cell, so the section lost the note)."""
    from extractor.readers.pdf_tables import text_column_rules

    size, body = 9.8, (55.4, 736.6)
    rows = [(171.9, [("届出人の所得、学校", 95.9), ("②オンライン決済", 202.4), ("介護保険課", 309.0), ("国民健康保険資格取得", 415.5)]),
            (183.0, [("名、相談者の病歴、在", 95.9), ("届", 415.5)]),
            (194.1, [("留資格、勤務先", 95.9)]),
            (221.4, [("保護者の勤務先、個人", 95.9), ("②オンライン決済", 202.4), ("情報政策課", 309.0), ("要介護認定変更届", 415.5)]),
            (232.5, [("番号、続柄", 95.9)]),
            (242.1, [("③マイナンバーカード", 202.4)])]
    note = [(270.2, [("※②オンライン決済機能を活用する場合、③マイナンバーカードを活用した電子認証機能を活", 95.9)]),
            (282.1, [("用する場合", 95.9)])]
    assert _row_tops(text_column_rules(_lines(rows + note, size), body)[0]) == [171, 220, 253]
    assert _row_tops(text_column_rules(_lines(rows + note[:1], size), body)[0]) == [171, 220, 253]


def _build_captioned(path: Path, ruling: str) -> None:
    """Two checklists of the same columns, one per party, each under its caption and its own copy
    of the header; no empty paragraph between the first table and the second caption."""
    from make_samples import new_document, save_stable

    doc = new_document("test", "rulings")
    doc.styles["Normal"].paragraph_format.space_after = 0
    header = ["No", "対策内容", "実施"]
    for party, measures in (("町が講ずる措置", ["従事者に研修を実施する。", "通信内容を暗号化する。"]),
                            ("提供先に行わせる情報保護対策", ["作業場所への入退室を記録させる。", "書類の持出しを禁止させる。",
                                                   "アクセスログを取得させる。"])):
        doc.add_paragraph(party)
        _add_table(doc, [header] + [[str(n), m, "◯"] for n, m in enumerate(measures, start=1)], ruling)
    doc.add_paragraph()
    doc.add_paragraph("以上")
    save_stable(doc, path)


@pytest.mark.parametrize("ruling", ["horizontal", "horizontal_frame"])
def test_a_caption_between_two_tables_of_the_same_columns_under_horizontal_rules_parts_them(tmp_path, ruling):
    """Under horizontal rules, a caption right after one table (no blank line) and right over the
    next, which repeats the first one's header, is no row across: the caption is body text and the
    tables two, as in the .docx (before: LibreOffice's PDF gave one table, the caption and the
    second header rows of it)."""
    docx_cells, pdf_cells = _docx_and_pdf_cells(tmp_path, _build_captioned, ruling)
    assert len(docx_cells) == 2
    assert pdf_cells == docx_cells


def test_the_rest_of_a_cut_row_further_under_the_repeated_header_than_a_wrap_goes_on_with_the_table():
    """Chromium sets the header it repeats at the next page's top a row's padding above the rest of
    the row the break cut (7.4 pt, more than a wrap's): that rest still goes on with the table
    (before: its three lines were headings of their own)."""
    from extractor.readers.pdf_tables import last_text_columns, text_column_rules

    size, body = 11.8, (55.4, 736.6)
    header = [(83.1, [("No", 95.9), ("区分", 181.1), ("対策内容", 266.3), ("該当", 351.5), ("非該当", 436.7)])]
    page1 = _lines([(60.0 + top, pieces) for top, pieces in header] + [
        (162.3, [("1", 95.9), ("運用面", 181.1), ("個人情報の取扱", 266.3), ("✓", 351.5)]),
        (175.6, [("者を指定させ、", 266.3)]),
        (210.0, [("2", 95.9), ("運用面", 181.1), ("取扱者の名簿を", 266.3), ("✓", 436.7)]),
        (223.3, [("作成し、変更が", 266.3)])], size)
    carried = last_text_columns(page1, *text_column_rules(page1, body), body)
    assert carried is not None and carried.head == "No区分対策内容該当非該当"
    page2 = _lines(header + [(102.3, [("あった都度更新", 266.3)]), (115.6, [("させる。", 266.3)]),
                             (185.9, [("別表", 95.9)])], size)
    assert text_column_rules(page2, body) == ([], [])
    assert _row_tops(text_column_rules(page2, body, carried)[0]) == [82, 101, 128]


def test_a_key_value_table_with_no_rules_or_padding_whose_labels_reach_their_columns_end_is_a_table():
    """LibreOffice sets a table with no rules and no cell padding at the lines' own pitch, rows and
    wraps alike; a long label (結合の開始時期と期間) reaching its column's end then seems to wrap like
    the values do, and no column was short enough to begin the rows (before: no table, and the page
    gave none of its six fields). With nothing to tell a wrap from a row, the first column's lines
    begin the rows."""
    from extractor.readers.pdf_tables import text_column_rules

    size, body = 10.5, (55.4, 556.6)
    rows = [(260.1, [("保有課（担当課）", 90.1), ("学務課、保健予防課、医療保険年金課", 396.1)]),
            (270.6, [("登録業務の名称", 90.1), ("手続ごとの情報項目は、資料50-1のとおり", 396.1)]),
            (281.1, [("結合される情報項目", 90.1), ("手続ごとの情報項目は、資料50-1のとおり", 396.1)]),
            (291.6, [("結合する理由", 90.1), ("専門的な知識及び設備を有する事業者が処理することで、正確", 396.1)]),
            (302.1, [("に事務を執行できるため。", 396.1)]),
            (312.6, [("結合の開始時期と期間", 90.1), ("令和6年10月13日から令和7年3月31日まで（次年度以降", 396.1)]),
            (323.1, [("も同様に行う。）", 396.1)]),
            (333.6, [("情報保護対策", 90.1), ("別紙チェックリストのとおり", 396.1)])]
    assert _row_tops(text_column_rules(_lines(rows, size), body)[0]) == [259, 270, 280, 291, 312, 333, 345]


def test_group_labels_apart_from_the_rows_above_as_rows_are_rows_of_a_checklist_with_no_rules():
    """A checklist with no rules, a mark column centred under 実施 and the measures' groups as lines
    of their own: a group's label set apart from the row above as the rows are is a row (before:
    it went on in the measure above, so that measure read 必要に応じて…求める。村が実施する…【技術的
    対策】 and the group's measures had the kind before it). A group label longer than any measure
    says nothing of the measure column's width, so 実施, at its cell's left, still heads the marks."""
    from extractor.readers.pdf_tables import text_column_rules

    size, body = 11.0, (55.4, 736.6)
    lines = [(390.6, [("対策内容", 90.1), ("実施", 306.1)]),
             (411.6, [("実施する対策は「☑」、実施しない対策は「☐」", 90.1)]),
             (432.6, [("村が実施する情報保護対策【人的・物理的安全管理措置】", 90.1)]),
             (453.6, [("個人情報保護法及び情報セキュリティポ", 90.1), ("☐", 403.8)]),
             (464.6, [("リシーを遵守するよう指導する。", 90.1)]),
             (485.6, [("必要に応じて立入り調査を実施し、状況", 90.1), ("☑", 403.8)]),
             (496.6, [("報告を求める。", 90.1)]),
             (517.6, [("村が実施する情報保護対策【技術的対策】", 90.1)]),
             (538.6, [("ウイルス対策ソフトウェアを導入し、最", 90.1), ("☑", 403.8)]),
             (549.6, [("新のパターンファイルを適用する。", 90.1)]),
             (570.6, [("受託事業者に遵守させる事項【人的・物理的安全管理措置】", 90.1)]),
             (591.6, [("事故発生時の連絡体制及び対応手順を整", 90.1), ("☐", 403.8)]),
             (602.6, [("備させる。", 90.1)])]
    horizontal, vertical = text_column_rules(_lines(lines, size), body)
    assert _row_tops(horizontal) == [390, 411, 432, 453, 485, 517, 538, 570, 591, 615]
    inner = sorted({round(v["x0"]) for v in vertical if 95 < v["x0"] < 400})
    assert len(inner) == 1 and 288 < inner[0] <= 306, inner


def test_rows_apart_by_padding_whose_two_long_columns_wrap_side_by_side_stay_one_table():
    """Rows of a table with no rules stand 6 pt apart; in each, the items and the grounds wrap side
    by side, so their wrapped lines hold two pieces at the wrap's pitch, as LibreOffice's rows of a
    table with no padding do. Those lines are no rows: the rows, told by the lines filling every
    column, keep the table whole (before: it was cut at the second row, which, a table of one row,
    was no table, so the page lost a procedure)."""
    from extractor.readers.pdf_tables import text_column_rules

    size, body = 10.5, (55.4, 736.6)
    lines = [(539.3, [("取り扱う個人情報項", 90.1), ("付議内容", 198.1), ("項番", 306.1), ("手続の名称", 414.1)]),
             (549.8, [("目", 90.1)]),
             (566.3, [("申請者のフリガナ、", 90.1), ("③マイナンバーカー", 198.1), ("1", 306.1), ("児童手当予約受付", 414.1)]),
             (576.8, [("所得、学校名、メー", 90.1), ("ド", 198.1)]),
             (587.3, [("ルアドレス、生年月", 90.1)]),
             (597.8, [("日、保護者の生年月", 90.1), ("約2,000件", 198.1)]),
             (608.3, [("日、在留資格、勤務", 90.1)]),
             (618.8, [("先", 90.1)]),
             (635.3, [("世帯主の被保険者番", 90.1), ("②オンライン決済", 198.1), ("2", 306.1), ("放課後児童クラブ予", 414.1)]),
             (645.8, [("号、電話番号、住所", 90.1), ("約受付", 414.1)]),
             (656.3, [("③マイナンバーカー", 198.1)]),
             (666.8, [("ド", 198.1)])]
    assert _row_tops(text_column_rules(_lines(lines, size), body)[0]) == [538, 565, 634, 678]


def _cell_by_cell_rules(ys: list[float], xs: list[float]) -> list[dict]:
    """Horizontal rules drawn cell by cell, as Chromium draws them: one piece per cell per rule."""
    return [{"x0": a, "x1": b, "top": y, "bottom": y, "orientation": "h"} for y in ys for a, b in zip(xs, xs[1:])]


def test_answer_columns_ticked_in_few_rows_keep_the_cells_the_rules_are_drawn_by():
    """Chromium draws a checklist's rules cell by cell and sets a mark at its cell's very edge: where
    few rows tick the first answer column (該当), the gutter the rows leave runs from the measures
    over those marks to the second column's, and its middle parted the two answer columns nowhere
    near their cells (before: one answer column, a 該当 and a 非該当 mark in it alike). The rules'
    joints in that gutter, no text over them, are each a cell's edge. A closing bracket inked in its
    box's left half, reaching into the next cell, is no text over the edge."""
    from extractor.readers.pdf_tables import horizontal_only_verticals

    xs = [95.9, 181.0, 266.1, 351.9, 436.9, 522.0]
    ys = [118.0, 145.2, 218.5, 281.3, 332.4]
    chars = (_chars("町が行う情報保護", 181.1, 154.6, 9.9) + _chars("対策【管理的対策】", 181.1, 165.7, 9.9)
             + _chars("1", 95.9, 154.6, 9.9) + _chars("個人情報保護法及", 266.3, 154.6, 9.9) + _chars("○", 436.7, 154.6, 9.9)
             + _chars("び情報セキュリ", 266.3, 165.7, 9.9)
             + _chars("2", 95.9, 228.6, 9.9) + _chars("不要となった電子", 266.3, 228.6, 9.9) + _chars("○", 436.7, 228.6, 9.9)
             + _chars("3", 95.9, 291.0, 9.9) + _chars("通信を暗号化する", 266.3, 291.0, 9.9) + _chars("○", 351.5, 291.0, 9.9)
             + _chars("No", 95.9, 126.5, 9.9) + _chars("区分", 181.1, 126.5, 9.9) + _chars("対策内容", 266.3, 126.5, 9.9)
             + _chars("該当", 351.5, 126.5, 9.9) + _chars("非該当", 436.7, 126.5, 9.9))
    verticals = horizontal_only_verticals(_cell_by_cell_rules(ys, xs), [], chars)
    for top in ys[1:-1]:
        row = sorted(round(v["x0"], 1) for v in verticals if abs(v["top"] - top) < 0.1)
        # five cells: No | 区分 | 対策内容 | 該当 | 非該当, the answers parted where their cells are
        assert len(row) == 6 and 345.5 < row[3] <= 351.9 and 351.9 < row[4] <= 436.9 and row[2] <= 266.3, (top, row)


def test_a_piece_of_a_rule_drawn_cell_by_cell_under_a_heading_is_no_underline():
    """A heading set right over a table whose top rule Chromium draws cell by cell: the first cell's
    piece may start and end with the heading's characters above it, as an underline does, by the
    characters' pitch alone; the rule it is a piece of runs on, so it is no underline (before: the
    table lost its top rule there, its header row read as a heading and the page's table split)."""
    import bisect  # noqa: F401  (the reader's own lookup, below)

    from extractor.readers.pdf_tables import _run_of, _underlines_text

    xs = [95.9, 181.0, 266.1, 351.9, 436.9, 522.0]
    rule = _cell_by_cell_rules([115.6], xs)
    heading = [dict(c, bottom=114.2) for c in _chars("6業務委託にかかる個人情報保護対策チェックリスト", 95.9, 104.3, 9.4545)]
    by_bottom = sorted(heading, key=lambda c: c["bottom"])
    bottoms = [c["bottom"] for c in by_bottom]
    first = rule[0]
    assert _underlines_text(first, [], by_bottom, bottoms, 9.5)  # the piece alone looks like one
    assert not _underlines_text(_run_of(first, rule), [], by_bottom, bottoms, 9.5)
    # an underline of the heading's first words stays one
    underline = {"x0": 95.9, "x1": 95.9 + 9 * 9.4545, "top": 115.6, "bottom": 115.6, "orientation": "h"}
    assert _underlines_text(_run_of(underline, [underline]), [], by_bottom, bottoms, 9.5)


def test_the_rest_of_a_cut_row_under_the_repeated_header_of_a_framed_table_is_a_row():
    """LibreOffice repeats a framed table's header at the next page's top and sets the rest of the
    row the break cut under it, in the items column alone, with more room under it than rows keep:
    a band of no gutter keeping more than half a line below its text reads as text between two
    tables, but at the page's top, within one of the columns the rows below keep, it is that rest
    (before: it was dropped, so the header was a table of its own whose columns, taken from the
    labels' gaps, split the page's table into eight and it was no longer joined to the page before's,
    losing seven procedures)."""
    from extractor.readers.pdf_tables import horizontal_only_verticals

    size = 12.0
    rules = [{"x0": 84.3, "x1": 516.9, "top": y} for y in (72.2, 106.8, 141.2, 166.0, 190.6)]
    frame = [{"x0": x, "x1": x, "top": 72.0, "bottom": 190.8, "orientation": "v"} for x in (84.6, 516.6)]
    chars = (_chars("項番", 115.9, 71.1, size) + _chars("所管課", 196.3, 71.1, size) + _chars("業務名", 282.7, 71.1, size)
             + _chars("取扱う個人情", 351.1, 71.1, size) + _chars("報項目", 369.1, 83.1, size)
             + _chars("付議理由", 449.5, 71.1, size)
             + _chars("得、氏名、個", 349.3, 105.6, size) + _chars("人番号", 349.3, 117.6, size))
    for top in (140.1, 164.9):
        chars += (_chars("11", 90.1, top, size) + _chars("医療保険年金", 176.5, top, size)
                  + _chars("犬の登録申請", 262.9, top, size) + _chars("世帯主の被保", 349.3, top, size)
                  + _chars("①約800件", 435.7, top, size) + _chars("険者番号、口", 349.3, top + 12, size))
    verticals = horizontal_only_verticals(rules, frame, chars)
    by_row = {}
    for v in verticals:
        by_row.setdefault(round(v["top"], 1), set()).add(round(v["x0"], 1))
    assert sorted(by_row) == [72.2, 106.8, 141.2, 166.0], by_row
    assert by_row[72.2] == by_row[141.2] and len(by_row[141.2]) == 6, by_row


def test_a_rest_of_several_cells_under_a_header_repeated_with_centred_labels_goes_on_with_the_table():
    """LibreOffice repeats a table with no rules' header at the next page's top, its labels centred
    in their columns, and sets under it the rest of the row the break cut, in two of its cells
    (月日・氏名・年齢等 in the items, 成登録申請 in the name), then a ※ note across: the page's own
    columns took the labels' centred starts for columns (seven, none the table's), and the rest was
    lost to headings. The rest's pieces each start at one of the carried columns' starts: header
    and rest are a table on those columns, to go on with the page before's (before: the page's
    procedures table lost its last procedure's items and name)."""
    from extractor.readers.pdf_tables import Carried, text_column_rules

    size, body = 10.5, (55.4, 556.6)
    carried = Carried(starts=(90.1, 98.7, 212.5, 256.6, 334.9, 375.0, 457.3, 486.9, 579.7, 614.5),
                      head="取扱う個人情報項目No.所管課手続の名称付議内容",
                      xs=(86.6, 209.0, 331.4, 453.8, 576.2, 690.3))
    page = _lines([(70.8, [("取扱う個人情報項目", 98.7), ("No.", 256.6), ("所管課", 375.0), ("手続の名称", 486.9),
                           ("付議内容", 614.5)]),
                   (81.3, [("月日・氏名・年齢等", 90.1), ("成登録申請", 457.3)]),
                   (103.8, [("※①単年度手続者が1,000人を超えることが想定される場合、③マイナンバーカードを活用", 90.1)]),
                   (115.9, [("3\u3000業務委託にかかる個人情報保護対策チェックリスト", 90.1)])], size)
    horizontal, vertical = text_column_rules(page, body, carried)
    assert _row_tops(horizontal) == [70, 80, 93], _row_tops(horizontal)
    assert sorted({round(v["x0"], 1) for v in vertical}) == list(carried.xs)


def test_rows_under_the_rest_below_a_header_repeated_with_centred_labels_go_on_with_the_table():
    """As above, with a row of the table going on under the rest before the note: its cells at the
    carried columns' starts, it is a row of the same table (before: the header and the rest were a
    table of their own, and the row, 高額療養費申請 and its items, went into the page's body text)."""
    from extractor.readers.pdf_tables import Carried, text_column_rules

    size, body = 10.5, (55.4, 736.6)
    carried = Carried(starts=(90.1, 177.0, 306.1, 361.5), head="手続名取扱う個人情報項目", xs=(86.6, 302.6, 509.1))
    page = _lines([(70.8, [("手続名", 177.0), ("取扱う個人情報項目", 361.5)]),
                   (91.3, [("有無、続柄、個人番号等", 306.1)]),
                   (111.8, [("高額療養費申請", 90.1), ("利用者の障害の有無、フリガナ、氏名、性", 306.1)]),
                   (122.3, [("別、学校名等", 306.1)]),
                   (142.8, [("※①単年度手続者が1,000人を超えることが想定される場合、②オンライン決済機能", 90.1)]),
                   (154.8, [("を活用する場合", 90.1)])], size)
    horizontal, vertical = text_column_rules(page, body, carried)
    assert _row_tops(horizontal) == [70, 90, 111, 134], _row_tops(horizontal)
    assert sorted({round(v["x0"], 1) for v in vertical}) == list(carried.xs)


def test_a_header_label_at_its_cells_left_over_centred_marks_under_horizontal_rules_heads_the_marks():
    """Under horizontal rules, a checklist's mark column headed 区分 at its cell's left, the marks
    centred under it, the column before (the groups) with no header label: the label stands in the
    gutter between the groups' text and the marks, left of the gutter's middle, so it went to the
    groups' column (before: the header read 区分 | — | 情報保護対策 where the .docx has — | 区分 |
    情報保護対策). Clear of the groups' text by more than a gutter, over marks, it heads the marks."""
    from extractor.readers.pdf_tables import horizontal_only_verticals

    size = 11.0
    rules = [{"x0": 84.3, "x1": 516.9, "top": y} for y in (284.8, 299.2, 335.7, 357.7)]
    frame = [{"x0": x, "x1": x, "top": 284.5, "bottom": 358.0, "orientation": "v"} for x in (84.6, 516.6)]
    chars = (_chars("区分", 234.1, 283.7, size) + _chars("情報保護対策", 378.1, 283.7, size)
             + _chars("町が実施する情報保護", 90.1, 301.2, size) + _chars("☐", 295.8, 301.2, size)
             + _chars("事故発生時の連絡体制", 378.1, 301.2, size) + _chars("【管理的対策】", 90.1, 312.2, size)
             + _chars("対応手順を整備する。", 378.1, 312.2, size)
             + _chars("☑", 295.8, 336.7, size) + _chars("書類の持出しを禁止", 378.1, 336.7, size))
    verticals = horizontal_only_verticals(rules, frame, chars)
    head = sorted(round(v["x0"], 1) for v in verticals if abs(v["top"] - 284.8) < 0.1)
    assert len(head) == 4 and 201.1 < head[1] < 234.1, head


# -- the page after a break: what a repeated header stands over (seed 5417, held out) ------------

_LANDSCAPE = (55.4, 556.6)


def test_the_rest_of_a_cut_row_in_the_first_column_under_a_repeated_header_is_one_row():
    """LibreOffice repeats a header over the rest of a row the page break cut: here four lines of
    the item column (the first), then the table's last row. Lines of one piece that say nothing of
    what they are, between the header the page repeats and the first row, are that rest — one row
    (before: taken for legends, or no table at all, the rest a paragraph and its items lost)."""
    from extractor.readers.pdf_tables import Carried, text_column_rules

    size = 12.0
    head = [("個人情報項目", 125.2), ("手続の名称", 284.2), ("Ｎｏ", 455.2), ("付議理由", 596.2)]
    page = _lines([(30.6, [("個人情報保護審議会資料", 570.2)]), (70.6, head),
                   (92.6, [("者番号、受診者の住所、", 90.1)]), (104.6, [("個人番号、被保険者番", 90.1)]),
                   (116.6, [("号、勤務先、相談者のフ", 90.1)]), (128.6, [("リガナ、住所等", 90.1)]),
                   (150.6, [("被保険者の性別、年齢、", 90.1), ("図書館利用申請", 243.1), ("２２", 396.1),
                            ("②オンライン決済", 549.1)]),
                   (162.6, [("世帯主の病歴、学校名、", 90.1), ("③マイナンバーカード", 549.1)]), (174.6, [("生年月日、口座番号等", 90.1)]),
                   (196.6, [("※①単年度手続者が１，０００人を超えることが想定される場合", 90.1)])], size)
    carried = Carried(starts=(90.1, 125.2, 243.1, 284.2, 396.1, 455.2, 549.1, 596.2),
                      head="個人情報項目手続の名称Ｎｏ付議理由", xs=(86.6, 239.6, 392.6, 545.6, 675.0))
    horizontal, vertical = text_column_rules(page, _LANDSCAPE, carried)
    assert _row_tops(horizontal) == [70, 92, 150, 188], _row_tops(horizontal)  # header, the rest, the row
    assert {round(v["x0"]) for v in vertical} == {87, 240, 393, 546, 673}


def test_a_header_repeated_alone_at_a_pages_top_is_a_row_of_the_table_before():
    """The page break fell after a table's last row, and LibreOffice prints the header again on
    the next page with nothing under it: its labels centred, as a header's are, the header of that
    table repeated — a row to go on with it, which continue_table drops (before: a paragraph,
    read as a section heading 用語説明). A row repeated the same way, its text at its cells' starts,
    is no header (test above)."""
    from extractor.readers.pdf_tables import Carried, text_column_rules

    page = _lines([(34.6, [("個人情報保護審議会資料", 570.2)]), (70.6, [("用語", 225.7), ("説明", 531.7)]),
                   (562.6, [("-6-", 385.4)])], 12.0)
    carried = Carried(starts=(90.1, 225.7, 396.1, 531.7), head="用語説明", xs=(86.6, 392.6, 687.6))
    horizontal, vertical = text_column_rules(page, _LANDSCAPE, carried)
    assert _row_tops(horizontal) == [70, 84]
    assert {round(v["x0"]) for v in vertical} == {87, 393, 688}


def test_under_a_repeated_header_the_rest_of_a_cut_row_then_a_group_label_keep_the_columns():
    """Under the header the page repeats, the rest of the row the break cut (in the measure column),
    then a group's label merged across: both rows of the table going on, on its columns (before:
    the rows under them made a table of their own, the marks' centred column a column of it, and
    the label a section heading between two tables)."""
    from extractor.readers.pdf_tables import Carried, text_column_rules

    size = 12.0
    page = _lines([(34.6, [("資料１５", 480.9)]), (70.6, [("実施", 90.1), ("対策内容", 306.1)]),
                   (85.6, [("的に報告させる。", 306.1)]),
                   (100.6, [("提供先に求める対策【技術的安全管理措置】", 90.1)]),
                   (115.6, [("☑", 187.4), ("アクセスログを取得させ、定期的に分", 306.1)]),
                   (127.6, [("析させる。", 306.1)]),
                   (142.6, [("☐", 187.4), ("サーバを冗長化させ、バックアップを", 306.1)]),
                   (154.6, [("取得させる。", 306.1)]),
                   (169.6, [("☑", 187.4), ("通信内容はＴＬＳ１．２以上で暗号化", 306.1)]),
                   (181.6, [("させる。", 306.1)])], size)
    carried = Carried(starts=(90.1, 187.4, 306.1), head="実施対策内容", xs=(86.6, 302.6, 513.6))
    horizontal, vertical = text_column_rules(page, (55.4, 736.6), carried)
    assert _row_tops(horizontal) == [70, 85, 100, 115, 142, 169, 195], _row_tops(horizontal)
    assert {round(v["x0"]) for v in vertical} == {87, 303, 514}, sorted({round(v["x0"]) for v in vertical})


def test_a_header_labels_wrapped_rest_is_the_headers_not_the_rest_of_a_cut_row():
    """取扱う個人情報項 / 目: the rest of a header label, right under it, belongs to the header row; the
    rest of the cut row starts under it (a guard for the rule above)."""
    from extractor.readers.pdf_tables import Carried, text_column_rules

    size = 12.0
    page = _lines([(34.6, [("資料１５", 480.9)]),
                   (70.6, [("所管課", 120.7), ("取扱う個人情報項", 198.7), ("該当区分", 330.7), ("手続名", 444.7)]),
                   (82.6, [("目", 240.7)]),
                   (97.6, [("号（連絡先（任", 198.1)]), (109.6, [("意））、被保険者", 198.1)]),
                   (121.6, [("先", 198.1)]),
                   (136.6, [("情報政策課", 90.1), ("保護者の年齢・続", 198.1), ("③マイナン", 306.1),
                            ("国民健康保険", 414.1)]),
                   (148.6, [("柄、被保険者の在", 198.1), ("バーカード", 306.1), ("資格取得申請", 414.1)]),
                   (160.6, [("住所", 198.1)]),
                   (175.6, [("文書法制課", 90.1), ("病歴・性別", 198.1), ("①約８００件", 306.1),
                            ("就学援助申請", 414.1)])], size)
    carried = Carried(starts=(90.1, 120.7, 198.1, 306.1, 330.7, 414.1, 444.7),
                      head="所管課取扱う個人情報項該当区分手続名", xs=(86.6, 194.6, 302.6, 410.6, 513.6))
    horizontal, _ = text_column_rules(page, (55.4, 736.6), carried)
    assert _row_tops(horizontal)[:3] == [70, 97, 136], _row_tops(horizontal)


def test_a_group_label_ending_a_page_with_no_room_for_the_tallest_row_is_the_tables_last_row():
    """LibreOffice moves a row that does not fit to the next page whole; a group's label before it
    ends the page with room under it for a short row but not for the table's tallest (three lines
    here): the label is the table's last row, the group going on over the page (before: only a
    row's gap and a line were allowed, and the label was a section heading)."""
    from extractor.readers.pdf_tables import text_column_rules

    size = 10.5
    rows = [(540.9, [("Ｎｏ", 146.2), ("対策内容", 285.0), ("実施", 434.2)])]
    top = 554.4
    for n, (first, rest, mark) in enumerate([("個人情報を含む書類の持出", ["しを禁止する。"], "◯"),
                                             ("作業場所への入退室を記録", ["し、定期的に確認する。"], "◯"),
                                             ("不要となった電子データを", ["消去し、消去の記録を保存", "する。"], "×"),
                                             ("再委託を行う場合は事前に", ["承認を得ることとする。"], "◯"),
                                             ("必要に応じて立入り調査を", ["実施し、状況報告を求め", "る。"], "×")], start=1):
        rows.append((top, [(str(n), 151.5), (first, 234.1), (mark, 439.5)]))
        rows += [(top + size * (k + 1), [(line, 234.1)]) for k, line in enumerate(rest)]
        top += size * (len(rest) + 1) + 3.0
    rows.append((top, [("【技術的対策】", 90.1)]))
    rows.append((744.3, [("-1-", 296.7)]))
    body = (55.4, 736.6)
    assert body[1] - (top + size) > 3.0 + 2 * size  # room for a row of two lines
    horizontal, _ = text_column_rules(_lines(rows, size), body)
    assert round(top - 1) in _row_tops(horizontal) and _row_tops(horizontal)[-1] == round(top + size + 1), _row_tops(horizontal)
