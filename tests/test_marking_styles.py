"""Marks in any style (issue 21, item 2): the ※ statement names the style — 赤字, 網掛け, 二重下線, 斜体,
太字 alone, colour with bold — and what carries that style is marked, in the .docx and in its PDF;
the reference is found wherever the sentence puts it."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from extractor import extract
from extractor.ir import Run
from extractor.structure.marking import detect_marking, marked_spans, parse_statement, reference_of

REF = "令和7年度第3回青葉町個人情報保護審議会承認時"


@pytest.mark.parametrize("statement,styles", [
    (f"※朱書きの部分は、{REF}からの修正箇所", ("color",)),
    (f"※{REF}の内容からの変更箇所を赤色で表示している。", ("color",)),
    (f"※網かけの箇所が、{REF}の内容からの変更点", ("shading",)),
    (f"※変更箇所にはマーカーを付した（{REF}からの変更）", ("shading",)),
    (f"※二重下線部分が、{REF}の内容からの変更箇所", ("double_underline",)),
    (f"※イタリックの部分が、{REF}からの追加箇所", ("italic",)),
    (f"※{REF}からの変更箇所を赤字（太字）で示す。", ("color", "bold")),
    (f"※太字ゴシック（下線）が、{REF}の内容からの変更箇所", ("bold", "gothic", "underline")),
])
def test_the_statement_names_the_style_and_the_reference_wherever_it_stands(statement, styles):
    _, reference, found = parse_statement(statement)
    assert found == styles
    assert reference == REF


def test_a_longer_style_word_wins_over_the_one_it_holds():
    # 二重下線 holds 下線: the statement names a double underline, not a single one
    assert parse_statement(f"※二重下線の箇所が、{REF}からの変更")[2] == ("double_underline",)
    assert parse_statement(f"※下線及び二重下線が、{REF}からの変更")[2] == ("underline", "double_underline")


def test_no_reference_when_the_statement_names_none():
    assert reference_of("※変更箇所は赤字で示す") is None
    # a clause that opens with the style and no comma starts after the style's particle
    assert reference_of(f"※下線部分が{REF}からの変更") == REF


BODY = [Run("本文" * 40, False, False, "mincho", color=None)]


def test_a_run_in_a_colour_is_marked_when_colour_is_declared():
    marking = detect_marking([f"※赤字部分が、{REF}からの変更箇所"], BODY)
    red, black, grey = Run("約1,400件", color="FF0000"), Run("約1,200件", color="000000"), Run("注", color="808080")
    assert marking.run_styles(red) == ("color",)
    assert marking.run_styles(black) == () and marking.run_styles(grey) == ()
    # bold is not what this statement declares
    assert marking.run_styles(Run("太字", bold=True)) == ()


def test_the_body_texts_own_colour_is_no_mark():
    body = [Run("本文" * 40, False, False, "mincho", color="1F3864")]  # a document set in dark blue
    marking = detect_marking([f"※赤字部分が、{REF}からの変更箇所"], body)
    assert marking.run_styles(Run("本文", color="1F3864")) == ()
    assert marking.run_styles(Run("変更", color="C00000")) == ("color",)


def test_shading_italic_and_double_underline_each_mark_only_when_declared():
    shaded, italic = Run("口座番号", shading=True), Run("口座番号", italic=True)
    double = Run("口座番号", underline=True, underline_kind="double")
    single = Run("口座番号", underline=True, underline_kind="single")
    assert detect_marking([f"※網掛け部分が、{REF}からの変更"], BODY + [double]).run_styles(shaded) == ("shading",)
    assert detect_marking([f"※斜体の部分が、{REF}からの変更"], BODY).run_styles(italic) == ("italic",)
    doubled = detect_marking([f"※二重下線部分が、{REF}からの変更"], BODY + [double, single])
    assert doubled.run_styles(double) == ("double_underline",)
    assert doubled.run_styles(single) == ()  # the document draws both: only the double line marks
    assert detect_marking([f"※下線部分が、{REF}からの変更"], BODY).run_styles(shaded) == ()


def test_a_rendering_that_kept_one_line_of_a_double_underline_marks_with_it():
    # HTML has <u> only: a PDF printed from a .docx's HTML draws its double underlines as single ones
    single = Run("口座番号", underline=True, underline_kind="single")
    marking = detect_marking([f"※二重下線部分が、{REF}からの変更"], BODY + [single])
    assert marking.run_styles(single) == ("double_underline",)
    assert marked_spans((Run("項目："), single), marking) == [("口座番号", ("double_underline",))]


# -- end to end: a .docx and its LibreOffice PDF --------------------------------------------------

STYLES = {
    "red": ("※赤字の部分は、{ref}の内容からの変更点", '<w:color w:val="FF0000"/>'),
    "shd": ("※網掛けの箇所が、{ref}からの変更箇所", '<w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/>'),
    "highlight": ("※網掛けの箇所が、{ref}からの変更箇所", '<w:highlight w:val="yellow"/>'),
    "double": ("※変更箇所を二重下線で示す（{ref}の内容からの変更）", '<w:u w:val="double"/>'),
    "italic": ("※斜体の部分は、{ref}の内容からの変更箇所", "<w:i/>"),
    "red_bold": ("※赤字・太字の部分は、{ref}の内容からの変更箇所", '<w:b/><w:color w:val="C00000"/>'),
}
FONT = '<w:rFonts w:ascii="IPAexMincho" w:eastAsia="IPAexMincho" w:hAnsi="IPAexMincho"/>'


def _para(*runs: tuple[str, str]) -> str:
    return "<w:p>" + "".join(f'<w:r><w:rPr>{FONT}{rpr}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'
                             for text, rpr in runs) + "</w:p>"


def _submission(make_docx, key: str) -> Path:
    statement, rpr = STYLES[key]
    body = "".join([
        _para(("青葉町個人情報保護審議会　諮問書", "")),
        _para(("件名：住民票の写しのオンライン交付について", "")),
        _para((statement.format(ref=REF), "")),
        _para(("１　目的", "")),
        _para(("住民の利便性の向上を図るため、", ""), ("電子申請による交付を開始する", rpr), ("。", "")),
        _para(("２　対象者数", "")),
        _para(("年間", ""), ("約1,400件", rpr), ("を見込む。", "")),
        _para(("３　実施時期", "")),
        _para(("令和8年4月1日から実施する。", "")),
    ])
    return make_docx(body, name=f"{key}.docx")


EXPECTED = ["電子申請による交付を開始する", "約1,400件"]


@pytest.mark.parametrize("key", sorted(STYLES))
def test_a_docx_marked_in_any_style_gives_its_marked_passages(make_docx, key):
    sub = extract(_submission(make_docx, key))
    assert sub.change_marking is not None and sub.change_marking.reference == REF
    assert [m.text for m in sub.marked_changes] == EXPECTED
    # the passages before and after the marked runs are not marked
    assert not any("利便性" in m.text or "見込む" in m.text for m in sub.marked_changes)


@pytest.mark.parametrize("key", sorted(STYLES))
def test_its_libreoffice_pdf_gives_the_same_marked_passages(make_docx, tmp_path, key):
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui fonts-ipaexfont")
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    from make_samples import LIBREOFFICE_FONTS, soffice_convert

    docx = _submission(make_docx, key)
    soffice_convert(soffice, [docx], "pdf", str(tmp_path), LIBREOFFICE_FONTS)
    pdf = extract(tmp_path / f"{key}.pdf")
    assert [m.text for m in pdf.marked_changes] == [m.text for m in extract(docx).marked_changes] == EXPECTED
    assert [m.styles for m in pdf.marked_changes] == [m.styles for m in extract(docx).marked_changes]


def test_a_workbook_marks_by_font_colour_and_by_a_cells_own_fill_not_a_header_or_label_fill(tmp_path):
    import openpyxl
    from openpyxl.styles import Font, PatternFill

    grey, yellow = PatternFill("solid", fgColor="FFD9D9D9"), PatternFill("solid", fgColor="FFFFFF00")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = f"※赤字及び網掛けの部分が、{REF}からの変更箇所"
    rows = [("項目", "内容"), ("件名", "見守りサービスの利用に係る外部提供について"),
            ("目的", "高齢者の見守りを行うため"), ("提供先", "社会福祉法人青葉会"), ("提供方法", "暗号化した電子ファイルで提供する")]
    for r, (key, value) in enumerate(rows, start=3):
        ws.cell(r, 1, key).fill = grey  # the header row and the column of labels are grey all along
        ws.cell(r, 2, value)
    ws["B3"].fill = grey
    ws["B5"].font = Font(color="FFFF0000")  # 赤字
    ws["B6"].fill = yellow  # 網掛け: the cell's own fill
    ws["B7"].font = Font(color="FF000000")  # black is no colour
    path = tmp_path / "marked.xlsx"
    wb.save(path)
    sub = extract(path)
    assert sub.change_marking.styles == ["color", "shading"]
    assert [m.text for m in sub.marked_changes] == ["高齢者の見守りを行うため", "社会福祉法人青葉会"]
