"""The text-export reader: tab rows, HTML fragments, marks, wrapped lines, encodings."""

from __future__ import annotations

import pytest

from extractor.errors import TextDecodeError, UnsupportedFormat
from extractor.ir import Paragraph, Table
from extractor.readers import read_document
from extractor.readers.text import decode_text, fragment_to_paragraphs, text_to_blocks
from tests.conftest import SEED, needs_shared


def shape(blocks):
    return [("T", b.n_rows, b.n_cols) if isinstance(b, Table) else ("P", b.text) for b in blocks]


def test_consecutive_tab_lines_form_one_table_and_rules_are_dropped():
    blocks = text_to_blocks("見出し\n\n件名\tA\n----\t----\n担当課\tB\n\n後")
    assert shape(blocks) == [("P", "見出し"), ("T", 2, 2), ("P", "後")]
    assert [[c.text for c in row] for row in blocks[1].rows] == [["件名", "A"], ["担当課", "B"]]


def test_leading_tab_keeps_an_empty_first_cell():
    table = text_to_blocks("\tlegend\t対策\n区が行う\t○\t遵守する")[0]
    assert [[(c.col, c.text) for c in row] for row in table.rows] == [
        [(0, ""), (1, "legend"), (2, "対策")], [(0, "区が行う"), (1, "○"), (2, "遵守する")]]


@pytest.mark.parametrize("fragment, expected", [
    ("<p>1 概要</p> <p>本文。</p>", [("1 概要", False), ("本文。", False)]),
    ("<ul><li>一</li><li>二</li></ul>", [("一", True), ("二", True)]),
    # a list written without <li>: split at circled numbers; a <p> ends a list whose </ul> was lost
    ('<ul style="list-style-type: none">①甲②乙 <p>次</p>', [("①甲", True), ("②乙", True), ("次", False)]),
    # bullets after a space, and a cut-off </ul>
    ("<ul> ・可能なら「○」 ・不要なら「-」 ", [("・可能なら「○」", True), ("・不要なら「-」", True)]),
    ('<input type="radio"/>', [("○", False)]),
    ('<input type="checkbox" checked> 同意', [("☑ 同意", False)]),
    ('<input type="checkbox"> 同意', [("☐ 同意", False)]),
    ("一行<br>二行", [("一行", False), ("二行", False)]),
    ("A &amp; B", [("A & B", False)]),
])
def test_html_fragments_become_paragraphs_list_items_and_marks(fragment, expected):
    assert [(p.text, p.list_item) for p in fragment_to_paragraphs(fragment)] == expected


def test_wrapped_lines_of_one_paragraph_are_joined():
    blocks = text_to_blocks("(担当部課：健康部\n健康づくり課)\n\nLGWAN\nnetwork")
    assert shape(blocks) == [("P", "(担当部課：健康部健康づくり課)"), ("P", "LGWAN network")]


def test_unstyled_runs_say_none_not_false():
    run = text_to_blocks("本文")[0].runs[0]
    assert (run.bold, run.underline, run.font_family) == (None, None, None)


@pytest.mark.parametrize("data, text", [
    ("件名\t外部結合".encode("utf-8"), "件名\t外部結合"),
    ("\ufeff件名".encode("utf-8"), "件名"),
    ("件名\t手續".encode("cp932"), "件名\t手續"),
    ("件名".encode("utf-16"), "件名"),
])
def test_encodings(data, text):
    assert decode_text(data, "x.txt") == text


def test_binary_is_refused():
    with pytest.raises(UnsupportedFormat):
        decode_text(b"\x00\x01\x02abc", "x.bin")


def test_undecodable_text_is_refused():
    with pytest.raises(TextDecodeError):
        decode_text(b"\x81\x7f\xff\xfe\xfd" * 3 + b"abc", "x.txt")


@needs_shared(SEED)
def test_seed_export_reads_into_its_tables_and_marks():
    blocks = read_document(SEED).blocks
    tables = [b for b in blocks if isinstance(b, Table)]
    assert [(t.n_rows, t.n_cols) for t in tables] == [(1, 2), (5, 2), (8, 2), (5, 5), (17, 3), (17, 3)]
    # the first checklist's marks were radio inputs; they read as the ○ of the second
    marks = [row[1].text for t in tables[4:] for row in t.rows[1:]]
    assert marks == ["○"] * 32
    business = tables[1].rows[4][1]
    assert [p.text for p in business.paragraphs if p.list_item] == [
        "①単年度手続者が1,000人を超えることが想定される場合", "②オンライン決済機能を活用する場合",
        "③マイナンバーカードを活用した電子認証機能を活用する場合"]
    assert any(isinstance(b, Paragraph) and b.text == "【資料4 6－1】" for b in blocks)


def test_html_structure_the_export_cannot_carry_is_reported(tmp_path):
    from extractor.readers.text import read_text

    path = tmp_path / "page.txt"
    path.write_text("<h1>件名</h1><table><tr><td>件名</td><td>テスト</td></tr></table>", encoding="utf-8")
    doc = read_text(path)
    assert [w.code for w in doc.warnings] == ["html_structure_ignored"]
    assert "<table>" in doc.warnings[0].message and "テスト" in "".join(p.text for p in doc.blocks)
