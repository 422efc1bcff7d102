"""The .docx reader against small documents built for one behaviour each, and the real forms."""

from __future__ import annotations

import pytest

from extractor.ir import Paragraph, Table
from extractor.readers import read_document
from tests.conftest import REALDOCS, needs_shared


def p(text: str, rpr: str = "", ppr: str = "") -> str:
    return f"<w:p><w:pPr>{ppr}</w:pPr><w:r><w:rPr>{rpr}</w:rPr><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"


def first_run(path):
    block = read_document(path).blocks[0]
    assert isinstance(block, Paragraph)
    return block.runs[0]


STYLES = """
<w:style w:type="paragraph" w:styleId="Base"><w:name w:val="Base"/><w:rPr><w:u w:val="single"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Derived"><w:name w:val="Derived"/><w:basedOn w:val="Base"/>
  <w:rPr><w:rFonts w:eastAsia="ＭＳ ゴシック"/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Strong2"><w:name w:val="Strong2"/><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="character" w:styleId="NoUnderline"><w:name w:val="NoUnderline"/><w:rPr><w:u w:val="none"/></w:rPr></w:style>
"""


@pytest.mark.parametrize("body, defaults, expected", [
    # docDefaults alone: bold everywhere; the theme's minor East Asian font is ＭＳ 明朝.
    (p("本文"), "<w:b/>", dict(bold=True, underline=False, font_family="mincho")),
    # paragraph style inherits underline through basedOn and sets a Gothic East Asian font
    (p("本文", ppr='<w:pStyle w:val="Derived"/>'), "", dict(bold=False, underline=True, font_family="gothic")),
    # a character style adds bold on top of the paragraph style
    (p("本文", rpr='<w:rStyle w:val="Strong2"/>', ppr='<w:pStyle w:val="Derived"/>'), "",
     dict(bold=True, underline=True, font_family="gothic")),
    # a character style can switch the paragraph style's underline off
    (p("本文", rpr='<w:rStyle w:val="NoUnderline"/>', ppr='<w:pStyle w:val="Base"/>'), "",
     dict(bold=False, underline=False, font_family="mincho")),
    # direct formatting wins over every style: w:b w:val="0" against bold defaults
    (p("本文", rpr='<w:b w:val="0"/><w:rFonts w:eastAsia="IPAexMincho"/>'), "<w:b/>",
     dict(bold=False, underline=False, font_family="mincho")),
    # Latin text takes the ASCII font (Cambria in the theme → mincho family, a serif)
    (p("LoGo", rpr='<w:rFonts w:ascii="Arial"/>'), "", dict(bold=False, underline=False, font_family="gothic")),
])
def test_run_properties_follow_the_style_cascade(make_docx, body, defaults, expected):
    run = first_run(make_docx(body, styles_xml=STYLES, defaults_rpr=defaults))
    assert {k: getattr(run, k) for k in expected} == expected


def test_merged_cells_appear_once_with_their_spans(make_docx):
    def tc(text, pr=""):
        return f"<w:tc><w:tcPr>{pr}</w:tcPr>{p(text)}</w:tc>"

    span2, restart, cont = '<w:gridSpan w:val="2"/>', '<w:vMerge w:val="restart"/>', "<w:vMerge/>"
    grid = "<w:tblGrid>" + "<w:gridCol/>" * 4 + "</w:tblGrid>"
    body = (f"<w:tbl>{grid}"
            f"<w:tr>{tc('A', span2)}{tc('B', restart)}{tc('C')}</w:tr>"
            f"<w:tr>{tc('D')}{tc('E')}{tc('', cont)}{tc('F')}</w:tr>"
            f'<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>{tc("G")}{tc("", cont)}{tc("H")}</w:tr>'
            "</w:tbl>")
    table = read_document(make_docx(body)).blocks[0]
    assert isinstance(table, Table)
    assert table.n_cols == 4
    layout = [[(c.text, c.col, c.row_span, c.col_span) for c in row] for row in table.rows]
    assert layout == [
        [("A", 0, 1, 2), ("B", 2, 3, 1), ("C", 3, 1, 1)],
        [("D", 0, 1, 1), ("E", 1, 1, 1), ("F", 3, 1, 1)],
        [("G", 1, 1, 1), ("H", 3, 1, 1)],
    ]


CHECKBOX = """<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val="{checked}"/>
  <w14:checkedState w14:val="{on}" w14:font="{font}"/><w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/>
  </w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:t>{stale}</w:t></w:r></w:sdtContent></w:sdt>"""


@pytest.mark.parametrize("checked, on, font, expected", [
    ("1", "2612", "MS Gothic", "☒"),
    ("0", "2612", "MS Gothic", "☐"),
    ("1", "00FE", "Wingdings", "☑"),  # the control's own symbol, from a symbol font
    ("1", "2611", "MS Gothic", "☑"),
])
def test_content_control_checkbox_becomes_the_glyph_a_reader_sees(make_docx, checked, on, font, expected):
    # the content holds a stale glyph: the checked state decides, as Word would redraw it
    body = "<w:p><w:r><w:t>同意する</w:t></w:r>" + CHECKBOX.format(
        checked=checked, on=on, font=font, stale="?") + "</w:p>"
    assert read_document(make_docx(body)).blocks[0].text == "同意する" + expected


@pytest.mark.parametrize("ffdata, expected", [
    ('<w:checkBox><w:default w:val="1"/></w:checkBox>', "☒"),
    ('<w:checkBox><w:default w:val="1"/><w:checked w:val="0"/></w:checkBox>', "☐"),
    ('<w:checkBox><w:default w:val="0"/><w:checked/></w:checkBox>', "☒"),
])
def test_legacy_formcheckbox_field_becomes_a_glyph(make_docx, ffdata, expected):
    body = ("<w:p><w:r><w:fldChar w:fldCharType=\"begin\"><w:ffData>" + ffdata + "</w:ffData></w:fldChar></w:r>"
            "<w:r><w:instrText> FORMCHECKBOX </w:instrText></w:r>"
            "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:r><w:t>該当</w:t></w:r></w:p>")
    assert read_document(make_docx(body)).blocks[0].text == expected + "該当"


def test_tracked_changes_keep_insertions_and_flag_deletions(make_docx):
    body = ("<w:p><w:r><w:t>開始は</w:t></w:r>"
            "<w:del w:id=\"1\" w:author=\"x\"><w:r><w:delText>令和6年10月1日</w:delText></w:r></w:del>"
            "<w:ins w:id=\"2\" w:author=\"x\"><w:r><w:t>令和6年12月20日</w:t></w:r></w:ins></w:p>")
    para = read_document(make_docx(body)).blocks[0]
    assert para.text == "開始は令和6年12月20日"
    flags = [(r.text, r.inserted, r.deleted) for r in para.runs]
    assert flags == [("開始は", None, None), ("令和6年10月1日", None, True), ("令和6年12月20日", True, None)]


def test_body_order_nested_tables_and_block_content_controls(make_docx):
    inner = f"<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid><w:tr><w:tc>{p('内側')}</w:tc></w:tr></w:tbl>"
    body = (p("一") + f"<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid><w:tr><w:tc>{p('外側')}{inner}</w:tc></w:tr></w:tbl>"
            + f"<w:sdt><w:sdtPr/><w:sdtContent>{p('二')}</w:sdtContent></w:sdt>" + p("三"))
    blocks = read_document(make_docx(body)).blocks
    kinds = [b.text if isinstance(b, Paragraph) else "TABLE" for b in blocks]
    assert kinds == ["一", "TABLE", "二", "三"]
    cell = blocks[1].rows[0][0]
    assert isinstance(cell.blocks[1], Table)
    assert cell.text == "外側\n内側"


def test_text_box_is_read_once_after_its_anchor(make_docx):
    box = f"<w:txbxContent>{p('箱の中')}</w:txbxContent>"
    body = ("<w:p><w:r><w:t>本文</w:t></w:r><w:r><mc:AlternateContent>"
            f"<mc:Choice Requires=\"wps\"><w:drawing><wps:txbx>{box}</wps:txbx></w:drawing></mc:Choice>"
            f"<mc:Fallback><w:pict><v:textbox>{box}</v:textbox></w:pict></mc:Fallback>"
            "</mc:AlternateContent></w:r></w:p>" + p("次"))
    texts = [b.text for b in read_document(make_docx(body)).blocks]
    assert texts == ["本文", "箱の中", "次"]


def test_outline_level_and_breaks(make_docx):
    body = p("見出し", ppr='<w:outlineLvl w:val="1"/>') + (
        "<w:p><w:r><w:t>一行目</w:t><w:br/><w:t>二行目</w:t><w:tab/><w:t>終</w:t></w:r></w:p>")
    blocks = read_document(make_docx(body)).blocks
    assert blocks[0].heading_level == 2
    assert blocks[1].text == "一行目\n二行目\t終"


@needs_shared(REALDOCS / "nankoku_seimu_form6_bihin.docx")
def test_real_form_with_heavy_merges_reads_into_a_consistent_grid():
    """備品台帳 (南国市): every grid position is covered by exactly one cell."""
    for name in ("nankoku_seimu_form6_bihin.docx", "nankoku_seimu_form2_kirokubo.docx"):
        doc = read_document(REALDOCS / name)
        tables = [b for b in doc.blocks if isinstance(b, Table)]
        assert len(tables) == 1, name
        table = tables[0]
        covered: dict[tuple[int, int], int] = {}
        for row in table.rows:
            for cell in row:
                for r in range(cell.row, cell.row + cell.row_span):
                    for c in range(cell.col, cell.col + cell.col_span):
                        covered[(r, c)] = covered.get((r, c), 0) + 1
        assert all(n == 1 for n in covered.values()), name
        assert len(covered) == table.n_rows * table.n_cols, name


def test_a_word_document_without_text_is_refused(make_docx):
    from extractor.errors import EmptyDocument

    with pytest.raises(EmptyDocument):
        read_document(make_docx("<w:p/>"))
