"""Structure decisions taken on text alone: headings, labelled lines, references, key–value tables, marking."""

from __future__ import annotations

import pytest

from extractor.ir import Paragraph, Run
from extractor.readers.text import text_to_blocks
from extractor.structure import heading_level, is_key_value, labelled_line, refers_to
from extractor.structure.marking import Marking, detect_marking, marked_spans, parse_statement


@pytest.mark.parametrize("text, level", [
    ("事業の概要", 1),
    ("要綱の根拠", 1),
    ("【資料46-1】", 2),
    ("4 外部結合にかかる個人情報保護対策チェックリスト", 2),
    ("件名 新たな電子申請サービス（LoGoフォーム）の利用に係る外部結合について", 1),
    ("別紙", 1),
    ("内容は別紙のとおり", None),
    ("◇第3条第1項第3号（外部結合）", None),
    ("※1 「電子認証オプション」を活用した電子認証は、申請と併せ①の段階で行う。", None),
    ("(担当部課：総合政策部区政情報課、情報システム課)", None),
])
def test_heading_shapes(text, level):
    assert heading_level(Paragraph(runs=(Run(text),)), text) == level


def test_source_outline_level_wins():
    assert heading_level(Paragraph(runs=(Run("長い本文のような見出しでも。"),), heading_level=2), "長い本文のような見出しでも。") == 2


@pytest.mark.parametrize("raw, expected", [
    ("件名　新たな電子申請サービス", ("件名", "新たな電子申請サービス")),
    ("(担当部課：総合政策部区政情報課、健康部)", ("担当部課", "総合政策部区政情報課、健康部")),
    ("担当：区政情報課", ("担当", "区政情報課")),
    ("本文です。注意：これは文", None),
    ("事業の概要", None),
])
def test_labelled_lines(raw, expected):
    assert labelled_line(raw) == expected


@pytest.mark.parametrize("value, target", [
    ("資料46-1のとおり", "資料46-1"),
    ("追加する手続（登録業務）は、資料46-1のとおり", "資料46-1"),
    ("別紙チェックリストのとおり", "別紙チェックリスト"),
    ("株式会社トラストバンク", None),
    ("以下のとおり実施する。\n資料のとおり", None),
])
def test_refers_to(value, target):
    assert refers_to(value) == target


def test_key_value_tables_are_two_columns_of_short_labels():
    kv = text_to_blocks("件名\tA\n担当課\tB")[0]
    three = text_to_blocks("No\t担当課\t手続名\n1\tA\tB")[0]
    assert is_key_value(kv) and not is_key_value(three)


def test_statement_gives_reference_and_styles_in_its_own_order():
    statement = "※太字ゴシック（下線）が、令和6年度第7回新宿区個人情報保護管理運営会議承認済の内容からの変更箇所"
    text, reference, styles = parse_statement(statement)
    assert reference == "令和6年度第7回新宿区個人情報保護管理運営会議承認済"
    assert styles == ("bold", "gothic", "underline")
    assert parse_statement("※申請者から区への個人情報の流れは、資料46-2のとおり") is None


def test_gothic_counts_only_inside_mincho_body_text():
    body = [Run("本文" * 20, bold=False, underline=False, font_family="mincho")]
    marking = detect_marking(["※ゴシックが変更箇所"], body)
    gothic = Run("変更", bold=False, underline=False, font_family="gothic")
    assert marking.body_family == "mincho" and marking.is_marked(gothic) is True
    all_gothic = detect_marking(["※ゴシックが変更箇所"], [Run("本文" * 20, False, False, "gothic")])
    assert all_gothic.is_marked(gothic) is False


def test_without_statement_only_bold_and_underline_together_count():
    marking = detect_marking([], [Run("本文", False, False, "mincho")])
    assert marking.inferred
    assert marking.is_marked(Run("x", bold=True, underline=False)) is False
    assert marking.is_marked(Run("x", bold=True, underline=True)) is True
    assert marking.is_marked(Run("x", bold=False, underline=False, inserted=True)) is True


def test_unstyled_input_is_unknown_not_unmarked():
    marking = detect_marking(["※太字が変更箇所"], [Run("本文")])
    assert marking.known is False and marking.is_marked(Run("本文")) is None


def test_adjacent_marked_runs_merge_into_one_span():
    m = Marking(known=True, styles=("bold", "underline"), inferred=False, body_family="mincho")
    runs = (Run("前", False, False), Run("追加", True, True), Run("する", True, False), Run("後", False, False))
    assert marked_spans(runs, m) == [("追加する", ("bold", "underline"))]
