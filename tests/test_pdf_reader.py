"""The PDF reader: one geometric situation per test, then every sample PDF against its .docx."""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

import pytest

from extractor import extract
from extractor.ir import Table, iter_paragraphs
from extractor.normalize import normalize
from extractor.readers import read_document
from extractor.schema import to_json
from tests.conftest import REALDOCS, ROOT, SAMPLES, needs_shared
from tests.pdf_builder import grid, line, make_pdf, text


def read(tmp_path, pages: list[str]):
    path = tmp_path / "t.pdf"
    path.write_bytes(make_pdf(pages))
    return read_document(path)


def runs_of(doc):
    return [(r.text, r.bold, r.underline) for p in iter_paragraphs(doc.blocks) for r in p.runs]


def test_bold_from_render_mode_2_and_from_the_font_name(tmp_path):
    doc = read(tmp_path, [text(72, 700, "Plain") + text(120, 700, "Stroked", mode=2)
                          + text(72, 600, "Named", font="F2")])
    assert runs_of(doc) == [("Plain ", False, False), ("Stroked", True, False), ("Named", True, False)]


def test_underline_is_a_stroke_under_the_baseline_not_a_table_rule(tmp_path):
    body = text(72, 700, "Under") + line(72, 697, 104, 697)  # just below the baseline
    # a table whose bottom rule runs right under its text (pdfplumber takes one box for a frame)
    body += grid(72, 660, [200, 100], [20]) + text(76, 644, "Ruled") + text(276, 644, "Cell")
    doc = read(tmp_path, [body])
    assert ("Under", False, True) in runs_of(doc)
    table = next(b for b in doc.blocks if isinstance(b, Table))
    assert [(r.text, r.underline) for r in table.rows[0][0].paragraphs[0].runs] == [("Ruled", False)]


def test_letter_spaced_latin_reads_apart_and_normalises_joined(tmp_path):
    doc = read(tmp_path, [text(72, 700, "LoGo", charspace=6) + text(72, 650, "Windows 11")])
    first, second = [p.text for p in iter_paragraphs(doc.blocks)]
    assert first == "L o G o" and normalize(first) == "LoGo"
    assert second == "Windows 11"


def test_merged_cells_come_back_once_with_their_spans(tmp_path):
    # 3 columns x 2 rows; the first column is one cell over both rows
    body = "".join([
        line(72, 700, 372, 700), line(72, 640, 372, 640), line(172, 670, 372, 670),
        line(72, 700, 72, 640), line(172, 700, 172, 640), line(272, 700, 272, 640), line(372, 700, 372, 640),
    ]) + text(76, 665, "Group") + text(176, 680, "A") + text(276, 680, "B") + text(176, 650, "C") + text(276, 650, "D")
    table = next(b for b in read(tmp_path, [body]).blocks if isinstance(b, Table))
    assert [[(c.text, c.row, c.col, c.row_span, c.col_span) for c in row] for row in table.rows] == [
        [("Group", 0, 0, 2, 1), ("A", 0, 1, 1, 1), ("B", 0, 2, 1, 1)],
        [("C", 1, 1, 1, 1), ("D", 1, 2, 1, 1)]]


def test_a_table_going_on_over_a_page_is_one_table_with_its_header_once(tmp_path):
    def page(rows):
        body = grid(72, 700, [100, 100], [20] * len(rows))
        for i, (a, b) in enumerate(rows):
            body += text(76, 700 - 20 * i - 15, a) + text(176, 700 - 20 * i - 15, b)
        return body

    doc = read(tmp_path, [page([("No", "Name"), ("1", "alpha"), ("2", "beta")]),
                          page([("No", "Name"), ("3", "gamma")])])
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert len(tables) == 1
    assert [[c.text for c in row] for row in tables[0].rows] == [
        ["No", "Name"], ["1", "alpha"], ["2", "beta"], ["3", "gamma"]]


def test_running_headers_and_page_numbers_are_left_out(tmp_path):
    def page(n, body):
        return text(72, 770, "Council secretariat") + text(72, 700, body) + text(300, 20, f"- {n} -")

    doc = read(tmp_path, [page(1, "First body"), page(2, "Second body")])
    assert [p.text for p in iter_paragraphs(doc.blocks)] == ["First body", "Second body"]


def test_a_page_without_text_is_reported(tmp_path, monkeypatch):
    from extractor.readers import ocr

    image = "q 100 0 0 100 72 600 cm BI /W 1 /H 1 /CS /G /BPC 8 ID \xff EI Q\n"
    monkeypatch.setattr(ocr, "available", lambda: False)  # with Tesseract it is read: tests/test_formats.py
    doc = read(tmp_path, [text(72, 700, "Cover"), image])
    assert [(w.code, w.page) for w in doc.warnings] == [("no_text_layer", 2)]


def test_rotated_text_is_read_and_reported(tmp_path):
    # turned a quarter left (read bottom to top) and a quarter right (read top to bottom)
    doc = read(tmp_path, [text(72, 700, "Across") + "BT /F1 12 Tf 0 1 -1 0 300 400 Tm (Up) Tj ET\n"
                          + "BT /F1 12 Tf 0 -1 1 0 400 500 Tm (Down) Tj ET\n"])
    assert [w.code for w in doc.warnings] == ["vertical_text"]
    assert [p.text for p in iter_paragraphs(doc.blocks)] == ["Across", "Down", "Up"]


def test_a_damaged_pdf_is_refused_with_the_file_named(tmp_path):
    from extractor.errors import CorruptDocument

    path = tmp_path / "bad.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog")
    with pytest.raises(CorruptDocument) as err:
        read_document(path)
    assert "bad.pdf" in err.value.one_line()


# -- the samples: every PDF against the .docx it was made from -------------------------------

# every PDF exported from a .docx (a scan, read by OCR, is measured instead: tests/test_formats.py)
PAIRS = sorted((p, SAMPLES / (p.name.split(".")[0] + ".docx")) for p in SAMPLES.glob("*.pdf")
               if not p.name.endswith(".scan.pdf"))


def comparable(doc: dict, *, normalise_raw: bool) -> dict:
    """The JSON the contract ties between a PDF and its .docx: one definition, the corpus check's."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from score_corpus import comparable as without_format_keys

    return without_format_keys(doc, normalise_raw)


def test_every_docx_sample_has_its_pdfs():
    docx = sorted(p.name for p in SAMPLES.glob("*.docx"))
    assert sorted({d.name for _, d in PAIRS}) == docx
    assert len(PAIRS) == 2 * len(docx)  # LibreOffice and Chromium


@pytest.mark.parametrize("pdf, docx", PAIRS, ids=lambda p: p.name)
def test_pdf_gives_the_submission_of_its_docx(pdf: Path, docx: Path):
    """Equal apart from what the contract excludes (source, page, bbox, warnings).

    Chromium's PDFs map some ideographs to Kangxi radicals (利⽤); raw text keeps what the PDF
    says and normalisation mends it, so for them the raw siblings are compared normalised.
    """
    chromium = ".chromium." in pdf.name
    from_pdf = comparable(json.loads(to_json(extract(pdf))), normalise_raw=chromium)
    from_docx = comparable(json.loads(to_json(extract(docx))), normalise_raw=chromium)
    assert from_pdf == from_docx


def styled_chars(path: Path) -> list[tuple[str, bool, bool]]:
    """(character, bold, underline) of every visible character, in reading order."""
    out = []
    for p in iter_paragraphs(read_document(path).blocks):
        for run in p.runs:
            if run.deleted:
                continue
            for ch in normalize(run.text) or "":
                if not ch.isspace() and unicodedata.category(ch)[0] != "Z":
                    out.append((ch, bool(run.bold), bool(run.underline)))
    return out


@pytest.mark.parametrize("pdf, docx", PAIRS, ids=lambda p: p.name)
def test_bold_and_underline_match_the_docx_character_for_character(pdf: Path, docx: Path):
    expected, found = styled_chars(docx), styled_chars(pdf)
    assert [c for c, _, _ in found] == [c for c, _, _ in expected]
    assert found == expected


# -- real documents nobody here wrote ---------------------------------------------------------

REAL = sorted(p for p in REALDOCS.glob("*") if p.suffix in (".pdf", ".docx")) if REALDOCS.exists() else []
# tables the SOURCES.md table lists, at least one found in each document that has any
REAL_WITH_TABLES = {"meti_joho_system_anzen_taisaku_kijun.pdf", "mhlw_prefecture_table_20220818.pdf",
                    "tokyo_fukushihoken_sokuhou_20210520.pdf", "nankoku_seimu_form2_kirokubo.docx",
                    "nankoku_seimu_form6_bihin.docx"}


@needs_shared(REALDOCS)
@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
def test_real_documents_extract_and_their_tables_are_found(path: Path):
    sub = extract(path)  # none is a council submission: each reads as other (tests/test_other.py)
    assert sub.paragraphs or sub.tables
    if path.name in REAL_WITH_TABLES:
        assert sub.tables
    for table in sub.tables:  # merged cells once: no grid position covered twice
        covered = set()
        for r, row in enumerate(table.rows):
            for cell in row:
                for rr in range(r, r + cell.row_span):
                    for cc in range(cell.col, cell.col + cell.col_span):
                        assert (rr, cc) not in covered
                        covered.add((rr, cc))


@needs_shared(REALDOCS / "meti_joho_system_anzen_taisaku_kijun.pdf")
def test_letter_spaced_labels_in_a_real_document_come_out_joined():
    sub = extract(REALDOCS / "meti_joho_system_anzen_taisaku_kijun.pdf")
    cells = [c for t in sub.tables for row in t.rows for c in row]
    spaced = [c for c in cells if c.raw == "適 用 区 分"]
    assert spaced and all(c.text == "適用区分" for c in spaced)


@needs_shared(REALDOCS / "nankoku_425_gian25_tesuryo_jorei.pdf")
def test_double_spaced_indented_ordinance_text_keeps_its_paragraphs():
    doc = extract(REALDOCS / "nankoku_425_gian25_tesuryo_jorei.pdf")  # other: its paragraphs as read
    texts = [p.text for p in doc.paragraphs]
    start = next(i for i, t in enumerate(texts) if t.startswith("南国市手数料徴収条例（平成12年"))
    # the amending sentence, and the amendment itself: two paragraphs before the 附則
    assert texts[start + 1].startswith("別表") and texts[start + 2] == "附則"


def test_drawn_check_boxes_read_as_the_glyph_a_reader_sees(tmp_path):
    ticked = "72 696 10 10 re S 73 700 m 76 697 l 81 705 l S\n" + text(88, 697, "Agree")
    empty = "72 656 10 10 re S\n" + text(88, 657, "Decline")
    texts = [p.text for p in iter_paragraphs(read(tmp_path, [ticked + empty]).blocks)]
    assert texts == ["☑Agree", "☐Decline"]


def test_glyphs_without_unicode_are_counted_in_a_warning(tmp_path):
    doc = read(tmp_path, [text(72, 700, "Readable") + "BT /F3 12 Tf 72 650 Td <000100020003> Tj ET\n"])
    (warning,) = [w for w in doc.warnings if w.code == "unmapped_glyphs"]
    assert warning.page == 1 and warning.message.startswith("3 of 11 characters")


def test_a_filled_background_box_is_no_table_and_loses_no_text(tmp_path):
    # a shaded panel behind three lines, split by a thin rule: text a reader sees, no table
    panel = "0.9 g 60 600 300 120 re f 0 g 60 660 300 0.5 re f\n"
    body = panel + text(72, 700, "First line") + text(72, 672, "Second line") + text(72, 620, "Third line")
    doc = read(tmp_path, [body])
    assert not [b for b in doc.blocks if isinstance(b, Table)]
    assert [p.text for p in iter_paragraphs(doc.blocks)] == ["First line", "Second line", "Third line"]


@needs_shared(REALDOCS / "tokyo_fukushihoken_sokuhou_20210520.pdf")
def test_real_bulletin_keeps_its_underlined_lines_as_text_and_finds_its_six_tables():
    sub = extract(REALDOCS / "tokyo_fukushihoken_sokuhou_20210520.pdf")
    assert len(sub.tables) == 6
    assert [t.header for t in sub.tables if t.header and "男性" in t.header] == [["男性", "女性", "不明"]]
    body = "\n".join(p.text for p in sub.paragraphs)  # other: its paragraphs as read
    for expected in ("◆令和3年5月20日15時00分時点", "◆速報値のため、今後の調査状況により、変動の可能性があります。",
                     "◆詳細につきましては整い次第、追って発表します。"):
        assert expected in body


def test_a_pdf_without_pages_is_refused(tmp_path):
    from extractor.errors import EmptyDocument

    path = tmp_path / "empty.pdf"
    path.write_bytes(make_pdf([]))
    with pytest.raises(EmptyDocument):
        read_document(path)


@pytest.mark.parametrize("codepoint, font, glyph", [
    (0xF0FC, "ABCDEF+Wingdings-Regular", "✓"), (0xF0FE, None, "☑"),
    (0xF052, "Wingdings2", "☑"), (0xF0A3, "Wingdings 2", "☐"), (0xF041, "Wingdings", None)])
def test_symbol_font_code_points_map_to_what_a_reader_sees(codepoint, font, glyph):
    from extractor.glyphs import symbol_glyph

    assert symbol_glyph(codepoint, font) == glyph


def test_a_page_of_short_lines_is_held_to_the_margin_of_the_whole_document(tmp_path):
    """Issue 9, class 1: on a cover page whose lines are all short, the longest line was taken for
    a full one, so the line after it (a heading) was joined to it as a wrap."""
    cover = (text(72, 700, "Basis: Article 3 (external connection)")
             + text(72, 686, "(Departments: General Affairs, Information Systems)")
             + text(72, 672, "Outline"))
    words = "the ward connects its terminals to the cloud service of the joint procurement"
    body = text(72, 700, words + " and") + text(72, 686, words + ".")
    doc = read(tmp_path, [cover, body])
    assert [p.text for p in doc.pages[0].blocks] == [
        "Basis: Article 3 (external connection)", "(Departments: General Affairs, Information Systems)", "Outline"]
    assert len(doc.pages[1].blocks) == 1


def one_column_table(rows: list[list[str]], width: float, heights: list[float]) -> str:
    """A one-column table at x 72: each row's lines 14 pt apart, 4 pt in from the rules."""
    body, top = grid(72, 700, [width], heights), 700
    for lines, h in zip(rows, heights):
        for i, s in enumerate(lines):
            body += text(76, top - 14 - 14 * i, s)
        top -= h
    return body


def test_a_line_that_fills_its_cell_ends_a_paragraph_the_column_holds_whole_elsewhere(tmp_path):
    """Issue 9, class 1: `②オンライン決済` filling its cell above `約3,500件` reads as one wrapped
    paragraph in a PDF; the same entry standing alone in another cell of the column says it ends."""
    width = 93  # "Online payment" ends a point short of the cell's padding: "about" cannot follow it
    doc = read(tmp_path, [one_column_table([["Online payment", "about 3,500"], ["Online payment"]], width, [40, 24])])
    table = next(b for b in doc.blocks if isinstance(b, Table))
    assert [[p.text for p in row[0].paragraphs] for row in table.rows] == [
        ["Online payment", "about 3,500"], ["Online payment"]]


def test_a_group_row_spanning_the_table_at_a_page_end_is_not_cut_into_the_next_row(tmp_path):
    """Issue 9: a checklist's group row last on a page, then a measure with an empty mark: the page
    starts a row of its own (a cut row keeps its columns), the measure is not glued to the label."""
    first = (line(72, 700, 272, 700) + line(72, 680, 272, 680) + line(72, 660, 272, 660) + line(72, 640, 272, 640)
             + line(72, 700, 72, 640) + line(272, 700, 272, 640) + line(222, 700, 222, 660)
             + text(76, 686, "Measure") + text(226, 686, "Mark") + text(76, 666, "Train staff") + text(226, 666, "o")
             + text(76, 646, "Counterparty measures"))
    second = (grid(72, 700, [150, 50], [20, 20, 20]) + text(76, 686, "Measure") + text(226, 686, "Mark")
              + text(76, 666, "Report incidents") + text(76, 646, "Log access") + text(226, 646, "o"))
    tables = [b for b in read(tmp_path, [first, second]).blocks if isinstance(b, Table)]
    assert len(tables) == 1
    assert [[c.text for c in row] for row in tables[0].rows] == [
        ["Measure", "Mark"], ["Train staff", "o"], ["Counterparty measures"], ["Report incidents", ""],
        ["Log access", "o"]]


def test_an_underline_right_above_a_rule_is_an_underline_when_it_stops_at_the_padding(tmp_path):
    """Issue 9: a marked line filling the last line of its cell, underlined a point above the rule,
    lost its underline: a stroke covering nine tenths of the cell's edge was taken for the rule."""
    body = (grid(72, 700, [100], [20, 20]) + text(76, 685, "Underlined text") + line(76, 680.9, 168, 680.9)
            + text(76, 665, "Next"))
    table = next(b for b in read(tmp_path, [body]).blocks if isinstance(b, Table))
    assert [(r.text, r.underline) for r in table.rows[0][0].paragraphs[0].runs] == [("Underlined text", True)]


def test_a_browser_trimmed_closing_bracket_does_not_widen_the_margin():
    """Issue 9: Chromium sets a 43rd character `）` by trimming its blank half (text-spacing-trim),
    so lines of 42 full-width characters seemed to end half an em short and wrapped lines broke."""
    from extractor.readers.layout import Line, lines_to_paragraph_groups, right_margin

    def chars_line(s: str, top: float) -> Line:
        return Line([{"text": ch, "x0": 96 + 10 * i, "x1": 106 + 10 * i, "top": top, "bottom": top + 10,
                      "size": 10.0, "fontname": "Mincho"} for i, ch in enumerate(s)])

    lines = [chars_line("あ" * 42 + "）", 100), chars_line("い" * 42, 130), chars_line("用する場合", 141)]
    groups = lines_to_paragraph_groups(lines, right_margin(lines))
    assert [len(g) for g in groups] == [1, 2]


# -- a page break beside a merged cell ---------------------------------------------------------

def _draft_table(rows: list[list[tuple[str, int]]], page: int, room: float = 40.0):
    """A TableDraft of cells whose text is given (each cell (text, row_span)), one column each."""
    from dataclasses import dataclass

    from extractor.readers.pdf_tables import TableDraft, _CellDraft

    @dataclass
    class _Fixed(_CellDraft):
        fixed: str = ""

        @property
        def text(self) -> str:
            return self.fixed

    cells = [_Fixed(r, c, span, 1, [], room, 11.8, fixed=text)
             for r, row in enumerate(rows) for c, (text, span) in enumerate(row) if span]
    return TableDraft(cells, [50.0, 200.0, 300.0, 380.0, 480.0], len(rows), (50, 72, 480, 700), page, [])


def test_a_new_row_beside_a_merged_cell_going_on_down_the_next_page_is_no_cut_row():
    """A department merged over two procedures, the page break between them: the next page's row
    starts items, a name and grounds of its own beside the department's empty continuation, so it is
    a row of its own (the merged cell grows), not the rest of the last row (corpus rows were glued)."""
    from extractor.readers.pdf_tables import continue_table

    header = [("個人情報項目", 1), ("手続名", 1), ("担当部署", 1), ("付議内容", 1)]
    first = _draft_table([header, [("氏名、住所、電話番号", 1), ("児童手当変更届", 1), ("保育課", 1),
                                   ("②オンライン決済", 1)]], page=1)
    second = _draft_table([[("在留資格、メールアドレス", 1), ("放課後児童クラブ請求", 1), ("", 1),
                            ("①約48,000件", 1)]], page=2)
    joined = continue_table(first, second)
    assert joined is not None and joined.n_rows == 3
    assert joined.covering(2, 2).row_span == 2  # the department goes on over the new row
    assert joined.covering(2, 1).row == 2  # the name is a row of its own


def test_a_row_cut_by_the_page_break_is_still_joined():
    """The rest of a cut row: the short cells (name, department) come back empty, the long one goes on."""
    from extractor.readers.pdf_tables import continue_table

    header = [("個人情報項目", 1), ("手続名", 1), ("担当部署", 1), ("付議内容", 1)]
    first = _draft_table([header, [("氏名、住所、電話番号、", 1), ("児童手当変更届", 1), ("保育課", 1),
                                   ("②オンライン決済", 1)]], page=1, room=0.0)
    second = _draft_table([[("在留資格、メールアドレス", 1), ("", 1), ("", 1), ("", 1)]], page=2)
    joined = continue_table(first, second)
    assert joined is not None and joined.n_rows == 2


def test_a_list_that_starts_again_under_a_full_cell_begins_a_new_row():
    """Cells that end flush with their edge look wrapped at a page break; a grounds cell that opens
    with ① under one that already reached ② is a new row's (two procedures were glued into one)."""
    from extractor.readers.pdf_tables import continue_table

    header = [("手続の名称", 1), ("取扱う個人情報項目", 1), ("付議理由", 1), ("備考", 1)]
    first = _draft_table([header, [("放課後児童クラブ申請", 1), ("利用者の病歴、所得、生年月日", 1),
                                   ("①約47,800件②オンライン決済", 1), ("", 1)]], page=1, room=0.0)
    second = _draft_table([[("犬の登録届", 1), ("届出人の勤務先、学校名", 1), ("①約1,200件", 1), ("", 1)]], page=2)
    joined = continue_table(first, second)
    assert joined is not None and joined.n_rows == 3


def test_the_rest_of_a_merged_label_the_break_cut_beside_a_new_row_is_the_labels():
    """A group of measures merged down its measures, cut by the page break inside its own text: the
    next page's first row starts a measure and a mark of its own beside the label's rest (管理措置】).
    The rest completes the label, which alone names no group: it is the label's, the label goes on
    over the new row (before: 管理措置】 was a label of its own, heading a group of one measure)."""
    from extractor.readers.pdf_tables import continue_table

    first = _draft_table([[("区分", 1), ("情報保護対策", 1), ("実施", 1)],
                          [("町が行う情報保護対策【人的・物理的安全", 1), ("書類の持出しを禁止する。", 1), ("○", 1)]],
                         page=1)
    second = _draft_table([[("管理措置】", 1), ("電子データを消去する。", 1), ("○", 1)],
                           [("町が行う情報保護対策【技術的安全管理措置】", 1), ("通信を暗号化する。", 1), ("○", 1)]],
                          page=2)
    joined = continue_table(first, second)
    assert joined is not None and joined.n_rows == 4
    label = joined.covering(2, 0)
    assert label is not None and (label.row, label.row_span) == (1, 2)
    assert joined.covering(2, 1).row == 2 and joined.covering(3, 0).row == 3
    # a label whole on its page: the next page's label is its own
    whole = _draft_table([[("区分", 1), ("情報保護対策", 1), ("実施", 1)],
                          [("町が行う情報保護対策【運用上の対策】", 1), ("書類の持出しを禁止する。", 1), ("○", 1)]], page=1)
    joined = continue_table(whole, second)
    assert joined is not None and joined.covering(2, 0).row == 2


def test_a_table_of_its_own_at_the_top_of_the_next_page_is_not_joined():
    """A checklist laid out as a table per kind: the next page opens with the next table's header
    (No | システム上の対策 | 実施 under No | 運用上の対策 | 確認), which is no row of the table above."""
    from extractor.readers.pdf_tables import continue_table

    first = _draft_table([[("No", 1), ("運用上の対策", 1), ("確認", 1), ("", 1)],
                          [("1", 1), ("従事者に研修を実施する。", 1), ("○", 1), ("", 1)]], page=1)
    second = _draft_table([[("No", 1), ("システム上の対策", 1), ("実施", 1), ("備考", 1)],
                           [("1", 1), ("アクセスログを取得する。", 1), ("○", 1), ("", 1)]], page=2)
    assert continue_table(first, second) is None
    repeated = _draft_table([[("No", 1), ("運用上の対策", 1), ("確認", 1), ("", 1)],
                             [("2", 1), ("端末を限定する。", 1), ("○", 1), ("", 1)]], page=2)
    joined = continue_table(first, repeated)  # the same header repeated: the table goes on
    assert joined is not None and joined.n_rows == 3


def test_a_centred_heading_that_wraps_is_one_paragraph():
    """A cover heading set centred that fills the line wraps its rest, centred under it (`…について
    （手続の追` / `加）`): one paragraph, the title whole (before: the rest was a paragraph of its own
    and the title lost `（手続の追加）`). A centred line under a short centred one stays apart."""
    from extractor.readers.layout import Line, lines_to_paragraph_groups

    def line(text, x0, top, size=10.5):
        return Line([{"text": ch, "x0": x0 + size * i, "x1": x0 + size * (i + 1), "top": top, "bottom": top + size,
                      "size": size, "fontname": "IPAexMincho"} for i, ch in enumerate(text)])

    full = "電子申請サービス（ＬｏＧｏフォーム）に係る個人情報の目的外利用について（手続の追"
    heading = [line(full, 96.1, 106.9), line("加）", 295.6, 118.9), line("根拠：第４条第１項", 90.1, 137.0)]
    groups = lines_to_paragraph_groups(heading, 522.2)
    assert ["".join(l.text for l in g) for g in groups] == [full + "加）", "根拠：第４条第１項"]
    short = [line("審議会", 290.0, 80.0), line("諮問事項", 284.8, 92.0)]
    assert len(lines_to_paragraph_groups(short + heading[2:], 522.2)) == 3


def test_a_paragraph_carried_into_the_top_margin_of_the_next_page_stays_one_paragraph(tmp_path):
    """A note the page break carries to the very top of the next page lies in the header band. Lines
    there that are no running header (repeated) nor page number are body text: grouped into
    paragraphs with the page's other lines (before: each line of the band was a paragraph of its
    own, and a note wrapped in two read as two lines, 活用する / 場合、③… in a Chromium PDF)."""
    full = "The procedures are listed in the table below and each of them is counted"
    body = "".join(text(72, 700 - 16 * k, full) for k in range(5))
    first = (text(72, 760, "Note 1 covers the case where more than a thousand people apply, note 2 the")
             + text(72, 746, "case of an online payment."))
    doc = read(tmp_path, [body + text(72, 600, "End of the first page."), first + body])
    texts = [p.text for p in iter_paragraphs(doc.pages[1].blocks)]
    assert any("note 2 the" in t and "online payment" in t for t in texts), texts


def test_a_value_set_in_its_own_column_after_a_label_goes_on_where_it_starts():
    """A 件名 row alone in a table with no rules prints as a line of a label and, past a wide gap,
    its value; the value wraps to the next line at its own start, far from the margin. That line is
    the value's rest (a hanging indent at the value's column), not a paragraph of its own (before:
    the title lost 提供について in Chromium's PDF). A paragraph at the margin after it stays apart,
    as does a line at the value's start after a line that ends short of the margin."""
    from extractor.readers.layout import Line, lines_to_paragraph_groups

    def line(pieces, top, size=11.0):
        return Line([{"text": ch, "x0": x0 + size * i, "x1": x0 + size * (i + 1), "top": top, "bottom": top + size,
                      "size": size, "fontname": "Mincho"} for text, x0 in pieces for i, ch in enumerate(text)])

    label = line([("件\u3000\u3000名", 90.1), ("介護認定調査業務に係る個人情報の外部", 306.1)], 128.7)
    rest = line([("提供について", 306.1)], 139.7)
    after = line([("第４条第２項第２号（外部提供）", 90.1)], 160.7)
    assert [len(g) for g in lines_to_paragraph_groups([label, rest, after], 512.0)] == [2, 1]
    short = line([("事業内容", 90.1), ("１　概要", 306.1)], 128.7)
    assert [len(g) for g in lines_to_paragraph_groups([short, rest, after], 512.0)] == [1, 1, 1]


def test_a_synthetic_italic_characters_box_is_its_advance_not_the_sheared_glyphs():
    """LibreOffice and Chromium slant a Japanese face that has no italic by shearing the text
    matrix; pdfminer's box of such a character is the sheared glyph's, a quarter of an em wider
    than its advance, and in a Chromium cell filled to its edge an italic measure seemed to run
    into the mark beside it (seed 5417: 保護に☑ one cell, the mark lost). The reader takes the box
    at the baseline: the advance."""
    from types import SimpleNamespace

    from extractor.readers.layout import upright_x

    a = d = 10.8
    c, e, f, descent = 2.7, 100.0, 500.0, -0.12  # c / d = 0.25, as Chromium slants
    sheared = SimpleNamespace(matrix=(a, 0.0, c, d, e, f), x0=c * descent + e, y0=d * descent + f,
                              x1=a + c * (descent + 1) + e, y1=d * (descent + 1) + f)
    assert sheared.x1 - sheared.x0 > a + 2.0
    x0, x1 = upright_x(sheared)
    assert (round(x0, 6), round(x1, 6)) == (100.0, 110.8)
    upright = SimpleNamespace(matrix=(a, 0.0, 0.0, d, e, f), x0=100.0, y0=0.0, x1=110.8, y1=0.0)
    assert upright_x(upright) == (100.0, 110.8)
