"""Issue 20: classes of documents written by another hand, each fixed at its mechanism.

Each test states one class in a document made here (IR paragraphs, characters on a line, a PDF of
raw operators); corpus v1 itself is read from ``../shared/corpus-v1/`` where it is present.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from extractor import schema as S
from extractor.ir import Cell, Document, Page, Paragraph, Run, Table
from extractor.readers.layout import lines_to_paragraph_groups, chars_to_lines, paragraph_of_lines, Styler
from extractor.structure import build_submission
from extractor.structure.procedures import ground_definitions
from extractor.structure.submission import _cell_text
from tests.conftest import ROOT, SHARED
from tests.pdf_builder import grid, line, make_pdf, text

SOURCE = S.Source(filename="t.docx", format="docx", sha256="0" * 64, pages=None)
GENERATOR = S.Generator(tool="council-extractor", version="test", taxonomy_version=None, models={})


def submission(*blocks) -> S.Submission:
    return build_submission(Document(format="docx", pages=(Page(number=None, blocks=tuple(blocks)),)),
                            SOURCE, GENERATOR)


def para(*texts: str) -> Paragraph:
    return Paragraph(runs=tuple(Run(t) for t in texts))


# -- a bracketed statement broken over two lines ---------------------------------------------


def test_a_department_line_broken_inside_its_brackets_is_one_field_with_every_prefix():
    # a PDF shows the short second line as a paragraph of its own (it was no wrap); a .docx keeps a
    # line break inside one paragraph: both give the same field and the departments with their 部
    broken = submission(para("要綱の根拠"), para("◇第3条第1項第2号（目的外利用）"),
                        para("（担当部課：市民文化局市民生活部多文化共生推進課、"),
                        para("市民文化局区政推進部住民記録・証明担当）"), para("事業の概要"))
    one = submission(para("要綱の根拠"), para("◇第3条第1項第2号（目的外利用）"),
                     para("（担当部課：市民文化局市民生活部多文化共生推進課、\n市民文化局区政推進部住民記録・証明担当）"),
                     para("事業の概要"))
    assert broken.agenda.departments == ["市民文化局市民生活部多文化共生推進課", "市民文化局区政推進部住民記録・証明担当"]
    assert broken.agenda.departments == one.agenda.departments
    assert [s.heading for s in broken.sections] == [s.heading for s in one.sections] == ["要綱の根拠", "事業の概要"]
    assert [(f.key, f.value) for f in broken.fields] == [(f.key, f.value) for f in one.fields]


def test_a_legend_of_marks_is_no_field():
    sub = submission(para("チェックリスト"), para("◯：実施する対策"), para("×：実施しない対策"), para("担当課：情報政策課"))
    assert [f.key for f in sub.fields] == ["担当課"]


def test_a_legend_may_name_what_it_explains_before_its_numbers():
    found = ground_definitions(["※付議内容 ①単年度の手続件数が1,000件を超える見込みのもの ③マイナンバーカードによる電子署名を利用するもの",
                                "①約12,000件"])
    assert found == {1: "単年度の手続件数が1,000件を超える見込みのもの", 3: "マイナンバーカードによる電子署名を利用するもの"}


# -- a cell's lines ---------------------------------------------------------------------------


def cell(*paragraphs: Paragraph) -> Cell:
    return Cell(row=0, col=0, blocks=paragraphs)


def test_a_cells_text_is_the_same_however_its_lines_fell():
    typed_breaks = cell(para("委託先に行わせる\n情報保護対策\n【運用上の対策】"))
    wrapped = cell(para("委託先に行わせる情報保護対策"), para("【運用上の対策】"))
    all_wrapped = cell(para("委託先に行わせる情報保護対策【運用上の対策】"))
    assert _cell_text(typed_breaks) == _cell_text(wrapped) == _cell_text(all_wrapped) == "委託先に行わせる情報保護対策【運用上の対策】"
    # a line that starts an item keeps its break, and Latin words keep their space
    assert _cell_text(cell(para("①約4,000件"), para("②オンライン決済"))) == "①約4,000件\n②オンライン決済"
    assert _cell_text(cell(para("LGWAN"), para("ASP"))) == "LGWAN ASP"


def test_a_passage_marked_across_a_cells_line_break_is_one_passage():
    marked = dict(bold=True, underline=True, font_family="gothic")
    statement = para("※太字・下線部分が、令和6年度第2回青葉区個人情報保護管理運営会議承認済の内容からの変更箇所です。")
    one = Paragraph(runs=(Run("①約4,000件\n②オンライン決済", **marked),))
    two = (Paragraph(runs=(Run("①約4,000件", **marked),)), Paragraph(runs=(Run("②オンライン決済", **marked),)))
    header = (Cell(0, 0, (para("手続名"),)), Cell(0, 1, (para("付議内容"),)))
    for blocks in ((one,), two):
        table = Table(rows=(header, (Cell(1, 0, (para("転出届"),)), Cell(1, 1, blocks))), n_cols=2)
        sub = submission(statement, table)
        assert [m.text for m in sub.marked_changes] == ["①約4,000件\n②オンライン決済"]


def test_a_passage_marked_over_a_narrow_cells_wrapped_lines_reads_as_the_cell_does():
    """A measure marked in italic, wrapped by the PDF every six characters of a narrow cell: the
    passage's lines are joined as the cell's text joins them, a break kept only after a sentence
    (before: 個人情報を含\nむ書類の持出\n…, unlike the cell's text and the .docx's passage)."""
    statement = para("※斜体部分が、令和6年度第2回青葉区個人情報保護管理運営会議承認済の内容からの変更箇所です。")
    lines = ("個人情報を含", "む書類の持出", "しを禁止す", "る。")
    cell = Cell(1, 1, tuple(Paragraph(runs=(Run(t, bold=False, italic=True),)) for t in lines))
    header = (Cell(0, 0, (para("番号"),)), Cell(0, 1, (para("対策"),)), Cell(0, 2, (para("実施"),)))
    table = Table(rows=(header, (Cell(1, 0, (para("3"),)), cell, Cell(1, 2, (para("○"),)))), n_cols=3)
    sub = submission(statement, table)
    assert [m.text for m in sub.marked_changes] == ["個人情報を含む書類の持出しを禁止する。"]
    assert sub.tables[0].rows[0][1].text == "個人情報を含む書類の持出しを禁止する。"


# -- PDF lines --------------------------------------------------------------------------------


def chars(x0: float, top: float, s: str, size: float = 10.5, gaps: dict[int, float] | None = None) -> list[dict]:
    """Full-width characters of one line (Latin letters half as wide), ``gaps`` after some of them."""
    out, x = [], x0
    for i, ch in enumerate(s):
        w = size / 2 if ch.isascii() else size
        out.append({"text": ch, "x0": x, "x1": x + w, "top": top, "bottom": top + size, "size": size,
                    "fontname": "IPAexMincho", "upright": True, "matrix": (1, 0, 0, 1, x, top)})
        x += w + (gaps or {}).get(i, 0.0)
    return out


def groups(lines_chars: list[list[dict]], right: float) -> list[str]:
    lines = chars_to_lines([c for cs in lines_chars for c in cs])
    styler = Styler([], [])
    return [paragraph_of_lines(g, styler, 1).text for g in lines_to_paragraph_groups(lines, right)]


def test_a_labelled_line_wrapped_under_a_hanging_indent_goes_on():
    # Word's 見出し：値 list (ind left=1134 hanging=1134): the value wraps 5.4 em further in
    first = chars(56.8, 198.5, "目的：経済的理由により就学が困難な児童及び生徒の保護者に対し、学用品費、給食費等を援助し、")
    right = first[-1]["x1"]
    lines = [first, chars(113.5, 209.0, "義務教育の円滑な実施を図る。"),
             chars(56.8, 223.5, "対象者：市内に住所を有する者")]
    assert groups(lines, right) == ["目的：経済的理由により就学が困難な児童及び生徒の保護者に対し、学用品費、給食費等を援助し、義務教育の円滑な実施を図る。",
                                    "対象者：市内に住所を有する者"]


def test_a_full_line_indented_after_a_sentence_still_starts_a_paragraph():
    first = chars(56.8, 100, "区では令和6年度から電子申請サービスを導入しオンライン受付を行っている。")
    right = first[-1]["x1"]
    assert len(groups([first, chars(67.3, 110.5, "当該サービスの利用に当たっては、手続を追加する。")], right)) == 2


def test_an_inline_enumeration_wrapped_before_its_next_number_is_one_paragraph():
    first = chars(56.8, 473.5, "※①単年度の手続件数が1,000件を超えると見込まれるもの　②オンライン決済機能を利用するもの")
    right = first[-1]["x1"]
    lines = [first, chars(56.8, 484.0, "③マイナンバーカードを活用した電子認証機能を利用するもの")]
    assert groups(lines, right) == ["※①単年度の手続件数が1,000件を超えると見込まれるもの　②オンライン決済機能を利用するもの　③マイナンバーカードを活用した電子認証機能を利用するもの"]
    # a list set one item a line is not: its first line holds no number of its own
    listed = [chars(56.8, 100, "①単年度の手続件数が1,000件を超えると見込まれるもので、数が多いものを含む"),
              chars(56.8, 110.5, "②オンライン決済機能を利用するもの")]
    assert len(groups(listed, listed[0][-1]["x1"])) == 2


def test_the_gap_a_renderer_sets_before_latin_text_on_the_next_line_counts_against_the_fit():
    # LibreOffice sets about 2 pt between Japanese and Latin text (autospace): ``LGWANを`` shows it,
    # and ``LGWAN`` after ``又は`` would not have fitted with it
    first = chars(243.8, 224.5, "データの受渡しは、職員が直接手渡しする方法又は")
    right = first[-1]["x1"] + 26.25 + 1.0  # room for LGWAN (5 × 5.25 pt) without the gap, not with it
    second = chars(243.8, 235.0, "LGWANを利用したファイル交換により行う。", gaps={4: 2.1})
    assert groups([first, second], right) == ["データの受渡しは、職員が直接手渡しする方法又はLGWANを利用したファイル交換により行う。"]


def test_an_underline_just_above_a_cells_rule_underlines_its_own_words_only(tmp_path):
    from extractor.readers import read_document
    # the underline and the row's bottom rule lie 1.75 pt apart: the table finder must not snap the
    # rule onto the underline (then the rule, no longer at the cell's edge, underlines every word)
    body = grid(72, 700, [100, 300], [14, 20]) + text(176, 690, "Plain words and") + text(265, 690, "Marked")
    body += line(265, 688.25, 305.0, 688.25)
    path = tmp_path / "t.pdf"
    path.write_bytes(make_pdf([body]))
    doc = read_document(path)
    table = next(b for b in doc.blocks if isinstance(b, Table))
    runs = [(r.text.strip(), r.underline) for p in table.rows[0][1].paragraphs for r in p.runs if r.text.strip()]
    assert runs == [("Plain words and", False), ("Marked", True)]


# -- corpus v1 (../shared) ---------------------------------------------------------------------

CORPUS_V1 = SHARED / "corpus-v1"
needs_v1 = pytest.mark.skipif(not CORPUS_V1.is_dir(), reason="needs ../shared/corpus-v1 (corpus by another hand)")


def council(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "extractor.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd or ROOT)


@needs_v1
@pytest.mark.parametrize("stem,fmt", [("e12_mokutekigai_gaikokujin", "lo.pdf"), ("e07_itaku_callcenter", "lo.pdf"),
                                      ("e14_shushu_shugakuenjo", "lo.pdf"),
                                      # a Chromium PDF prints 個⼈ with a Kangxi radical in the heading, a
                                      # LibreOffice one a letter-spaced L o G o: what differs is raw only
                                      ("e05_teikyo_mimamori", "chrome.pdf"), ("e13_logo_kosodate", "lo.pdf")])
def test_corpus_v1_pdf_gives_the_submission_of_its_docx(tmp_path, stem, fmt):
    drop = {"source", "page", "bbox", "warnings", "raw", "raw_title", "raw_value", "raw_measure", "generator"}

    def strip(x):
        if isinstance(x, dict):
            return {k: strip(v) for k, v in x.items() if k not in drop}
        return [strip(v) for v in x] if isinstance(x, list) else x

    out = {}
    for f in ("docx", fmt):
        r = council("extract", CORPUS_V1 / f"{stem}.{f}", "-o", tmp_path / f"{f}.json")
        assert r.returncode == 0, r.stderr
        out[f] = strip(json.loads((tmp_path / f"{f}.json").read_text(encoding="utf-8")))
    assert out[fmt] == out["docx"]


@needs_v1
def test_corpus_v1_approved_versions_are_found_by_evidence_relative_to_the_archive(tmp_path):
    archive = tmp_path / "archive"
    archive.mkdir()
    names = ["e02_pittari_kokuho", "e13_logo_kosodate", "e01_logo_tsuika", "e14_shushu_shugakuenjo"]
    files = [f"{n}{v}.docx" for n in names for v in ("", ".prev") if (CORPUS_V1 / f"{n}{v}.docx").exists()]
    files += ["e14_shushu_shugakuenjo.txt"]
    r = council("extract", "--out-dir", archive, *[CORPUS_V1 / f for f in files])
    assert r.returncode == 0, r.stderr
    found = council("diff", CORPUS_V1 / "e02_pittari_kokuho.lo.pdf", "--archive", archive, "--format", "json",
                    "-o", tmp_path / "d.json")
    assert found.returncode == 1, found.stderr  # differences found, against the approved version
    assert "e02_pittari_kokuho.prev.docx" in found.stdout + found.stderr
    # 杉並区's LoGo submission has no approved version here: 中野区's shares its title, not its council
    none = council("diff", CORPUS_V1 / "e13_logo_kosodate.docx", "--archive", archive)
    assert none.returncode == 2 and "another council" in none.stderr
    # a text export of a submission that names no approval is not its own approved version
    itself = council("diff", CORPUS_V1 / "e14_shushu_shugakuenjo.docx", "--archive", archive)
    assert itself.returncode == 2, itself.stdout


# -- departments, text exports, the diff of a broken statement -------------------------------


def test_a_department_declaration_is_the_list_where_the_document_makes_one():
    kv = Table(rows=((Cell(0, 0, (para("保有課（担当課）"),)), Cell(0, 1, (para("市民窓口センター、介護保険課"),))),
                     (Cell(1, 0, (para("利用する課"),)), Cell(1, 1, (para("危機管理課、福祉総務課"),)))), n_cols=2)
    declared = submission(para("要綱の根拠"), para("（担当部課：防災安全部危機管理課、福祉健康部福祉総務課）"), kv)
    assert declared.agenda.departments == ["防災安全部危機管理課", "福祉健康部福祉総務課"]
    undeclared = submission(para("要綱の根拠"), kv)
    assert undeclared.agenda.departments == ["市民窓口センター", "介護保険課", "危機管理課", "福祉総務課"]


def test_labelled_lines_of_a_text_export_are_lines_of_their_own():
    from extractor.readers.text import text_to_blocks

    blocks = text_to_blocks("事業名：就学援助事業\n目的：経済的理由により就学が困難な児童の保護者に対し、\n学用品費を援助する。\n対象者：市内の保護者")
    assert [b.text for b in blocks] == ["事業名：就学援助事業", "目的：経済的理由により就学が困難な児童の保護者に対し、学用品費を援助する。",
                                        "対象者：市内の保護者"]


def test_a_changed_department_declaration_broken_over_lines_is_one_field_change_not_section_sentences():
    from extractor.diff import diff

    old = submission(para("要綱の根拠"), para("（担当部課：企画部情報政策課、健康福祉部"), para("介護保険課）"))
    new = submission(para("要綱の根拠"), para("（担当部課：企画部情報政策課、健康福祉部"), para("介護保険課、区民部戸籍住民課）"))
    assert [c.path for c in diff(old, new).changes] == ["fields/担当部課"]


def test_a_department_written_once_for_the_procedures_it_groups_holds_for_each_of_them():
    # a text export sets a merged 担当課 cell in the first row of its group and leaves the rest empty
    from extractor.readers.text import text_to_blocks

    blocks = text_to_blocks("\n".join([
        "1　付議内容", "No\t担当課\t手続名\t取扱う個人情報項目",
        "1\t子育て支援課\t児童手当認定請求\t請求者の氏名、住所",
        "2\t\t児童手当額改定請求\t請求者の氏名",
        "3\t介護保険課\t介護保険負担限度額認定申請\t申請者の氏名",
        "4\t\t住所地特例に関する届出\t届出人の氏名"]))
    got = [(p.no, p.department) for p in submission(*blocks).procedures]
    assert got == [(1, "子育て支援課"), (2, "子育て支援課"), (3, "介護保険課"), (4, "介護保険課")]


def test_a_header_cell_holding_a_list_keeps_a_line_per_item_and_a_wrapped_label_is_one():
    legend = Cell(0, 1, (para("・対策が可能であれば「○」"), para("・対策の必要がない場合は「－」")))
    wrapped = Cell(0, 2, (para("情報保護"), para("対策")))
    t = Table(rows=((Cell(0, 0, (para("No"),)), legend, wrapped),
                    (Cell(1, 0, (para("1"),)), Cell(1, 1, (para("○"),)), Cell(1, 2, (para("研修を実施する。"),)))),
              n_cols=3, header_rows=1)
    (table,) = submission(para("チェックリスト"), t).tables
    assert table.header == ["No", "・対策が可能であれば「○」\n・対策の必要がない場合は「－」", "情報保護対策"]


def test_a_checklist_heading_with_no_checklist_read_says_so():
    lost = submission(para("5 業務委託にかかる個人情報保護対策チェックリスト"), para("実施対策内容市が行う情報保護対策◯誓約書を提出させる。"))
    assert [(w.code, w.page) for w in lost.warnings] == [("checklist_not_read", None)]
    table = Table(rows=((Cell(0, 0, (para("実施"),)), Cell(0, 1, (para("対策内容"),))),
                        (Cell(1, 0, (para("市が行う情報保護対策【運用上の対策】"),), col_span=2),),
                        (Cell(2, 0, (para("○"),)), Cell(2, 1, (para("誓約書を提出させる。"),)))), n_cols=2, header_rows=1)
    read = submission(para("5 業務委託にかかる個人情報保護対策チェックリスト"), para("実施するものに「○」を記入"), table)
    assert read.checklist and "checklist_not_read" not in [w.code for w in read.warnings]


def test_a_page_header_printed_once_at_the_top_of_the_flow_is_no_section():
    """An HTML print keeps the .docx's page header (資料36, …審議会資料) once, as the first line of
    the flow; the .docx keeps it in its header part and LibreOffice repeats it on every page as a
    running header. Before anything else of the document it is page furniture, not a section
    (before: a first section 資料36 that the .docx does not have: the Chromium PDF ≠ the .docx on 7
    of 31 generated documents); the same label after the title is text of the document."""
    title = para("朝日都情報公開個人情報保護審議会\u3000付議事項")
    basis = para("第５条第２項第１号（業務委託）")
    for label in ("資料36", "個人情報保護運営審議会資料"):
        sub = submission(para(label), title, basis)
        assert [s.heading for s in sub.sections][:1] == ["朝日都情報公開個人情報保護審議会付議事項"]
        assert all(label not in s.raw for s in sub.sections)
    sub = submission(title, para("資料36"), basis)
    assert any("資料36" in s.raw for s in sub.sections)


def test_a_glossary_of_two_columns_headed_by_their_names_is_no_key_value_table():
    """A PDF keeps no header-row flag: a glossary (用語 | 説明, then terms) read from one looked like
    a key–value table, and its terms came out as fields 用語, LGWAN, クラウドサーバ that the .docx
    (whose header row repeats) does not give. A first row of two column names
    (`models/vocabulary.json` `column_heads`) heads the table."""
    rows = [("用語", "説明"), ("LGWAN", "地方公共団体を相互に接続する行政専用のネットワーク"),
            ("クラウドサーバ", "事業者が管理するデータセンターに設置されたサーバ")]
    table = Table(rows=tuple((Cell(r, 0, (para(a),)), Cell(r, 1, (para(b),))) for r, (a, b) in enumerate(rows)),
                  n_cols=2)
    sub = submission(para("別表"), table)
    assert sub.fields == []
    assert sub.tables[0].header == ["用語", "説明"] and len(sub.tables[0].rows) == 2
    kv = Table(rows=((Cell(0, 0, (para("担当課"),)), Cell(0, 1, (para("市民課"),))),
                     (Cell(1, 0, (para("委託先"),)), Cell(1, 1, (para("株式会社トラストネット"),)))), n_cols=2)
    assert [f.key for f in submission(para("事業の概要"), kv).fields] == ["担当課", "委託先"]


def test_a_value_under_a_label_ends_its_cells_padding_short_of_the_margin():
    """A 件名 row of a table with no rules, the value set past a wide gap: LibreOffice wraps the
    value where its cell ends, its padding short of the text's right margin, and the next line
    starts under the value. The first piece of that line would fit before the margin but not
    before the cell's end: a wrap (before: two paragraphs, the title cut at its first line)."""
    right = 522.1
    lines = [chars(180.5, 70.6, "令和８年度第６回北浜市情報公開審議会　資料１５", size=12.0),
             chars(90.1, 104.2, "件名", size=12.0) + chars(306.1, 104.2, "電子申請サービス（LoGoフォーム）の", size=12.0),
             chars(306.1, 116.2, "個人情報の外部提供について", size=12.0),
             chars(90.1, 131.2, "根拠：北浜市個人情報保護条例施行規則第８条第３項", size=12.0)]
    lines[0] = [dict(c, x0=c["x0"] + right - lines[0][-1]["x1"], x1=c["x1"] + right - lines[0][-1]["x1"]) for c in lines[0]]
    assert lines[1][-1]["x1"] + 12.0 <= right  # 個 would fit before the margin
    assert groups(lines, right)[1:] == ["件名 電子申請サービス（LoGoフォーム）の個人情報の外部提供について",
                                        "根拠：北浜市個人情報保護条例施行規則第８条第３項"]


def test_a_centred_line_under_a_right_aligned_one_that_starts_where_it_does_is_a_paragraph():
    """A right-aligned 資料 line that happens to start where the centred 付議事項 line under it starts
    looked like an indented block wrapped (the first line ends at the margin, the next starts where
    it started): centred on the text's width, the second line is a paragraph of its own (before:
    one paragraph, and the document's first two headings were one)."""
    right, left = 522.1, 90.1
    first = chars(180.5, 70.6, "令和８年度第６回北浜市情報公開個人情報保護審議会　資料１５", size=12.0)
    shift = right - first[-1]["x1"]
    first = [dict(c, x0=c["x0"] + shift, x1=c["x1"] + shift) for c in first]
    text = "北浜市情報公開・個人情報保護審議会　付議事項"
    start = (left + right - 12.0 * len(text)) / 2
    assert abs(start - first[0]["x0"]) < 1.0  # the coincidence: both start at one x
    lines = [first, chars(start, 87.4, text, size=12.0), chars(left, 104.2, "件名：健康管理システムに係る業務委託について", size=12.0)]
    assert groups(lines, right)[:2] == ["令和８年度第６回北浜市情報公開個人情報保護審議会　資料１５", text]
