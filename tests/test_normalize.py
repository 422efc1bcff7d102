"""Normalisation rules, one table of cases each, and the properties every rule keeps."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.normalize import (
    circled_number_to_int, dash_between_alnum_to_hyphen, find_dates, fullwidth_ascii_to_halfwidth,
    digit_separators_to_halfwidth, halfwidth_katakana_to_fullwidth, join_spaced_alnum, kanji_number_to_int, kyujitai_to_shinjitai,
    middle_dots_to_nakaguro, normalize,
    parse_count, radicals_to_ideographs, remove_spaces_next_to_cjk)


@pytest.mark.parametrize("rule, before, after", [
    (fullwidth_ascii_to_halfwidth, "ＬｏＧｏ４６", "LoGo46"),
    (fullwidth_ascii_to_halfwidth, "（：）【】、。", "（：）【】、。"),
    (halfwidth_katakana_to_fullwidth, "ｶﾞｲﾄﾞ｡", "ガイド。"),
    (dash_between_alnum_to_hyphen, "46－1", "46-1"),
    (dash_between_alnum_to_hyphen, "A−B", "A-B"),
    (dash_between_alnum_to_hyphen, "「－」", "「－」"),
    (dash_between_alnum_to_hyphen, "データベース", "データベース"),
    (join_spaced_alnum, "L o G o", "LoGo"),
    (join_spaced_alnum, "資料4 6-1", "資料46-1"),
    (join_spaced_alnum, "Windows 11", "Windows 11"),
    (join_spaced_alnum, "IC カード", "IC カード"),
    (remove_spaces_next_to_cjk, "日 から", "日から"),
    (remove_spaces_next_to_cjk, "LoGo フォーム", "LoGoフォーム"),
    (remove_spaces_next_to_cjk, "4 外部結合", "4 外部結合"),
    (remove_spaces_next_to_cjk, "対策 【運用上の対策】", "対策【運用上の対策】"),
    (radicals_to_ideographs, "⽤途", "用途"),
    (radicals_to_ideographs, "⻑期", "長期"),
    (radicals_to_ideographs, "\uf9f1", "\u96a3"),  # compatibility ideograph 隣
    (kyujitai_to_shinjitai, "手續", "手続"),
    (kyujitai_to_shinjitai, "國民健康保險", "国民健康保険"),
    (kyujitai_to_shinjitai, "證明", "証明"),
    (digit_separators_to_halfwidth, "12，000件", "12,000件"),
    (digit_separators_to_halfwidth, "3．5", "3.5"),
    (digit_separators_to_halfwidth, "1、2。3", "1、2。3"),
    (middle_dots_to_nakaguro, "ID‧パスワード", "ID・パスワード"),  # U+2027, as Chromium's text layer writes it
    (middle_dots_to_nakaguro, "氏名·住所", "氏名・住所"),  # U+00B7
    (middle_dots_to_nakaguro, "氏名・住所", "氏名・住所"),
])
def test_each_rule(rule, before, after):
    assert rule(before) == after


@pytest.mark.parametrize("before, after", [("１２，０００件", "12,000件"), ("約３．５万人", "約3.5万人"),
                                           ("ＴＬＳ１．２以上", "TLS1.2以上")])
def test_a_full_width_comma_or_point_between_digits_goes_half_width_with_them(before, after):
    """Issue 9, class 5: the digits became half-width and the separator stayed full-width."""
    assert normalize(before) == after


@pytest.mark.parametrize("before, after", [
    ("L o G o フォームの利用に係る外部結合について（手續の追加）", "LoGoフォームの利用に係る外部結合について（手続の追加）"),
    ("Ｌ ｏ Ｇ ｏ フォーム", "LoGoフォーム"),
    ("【資料4 6－1】", "【資料46-1】"),
    ("\u3000令和6年12月20日 から令和7年3月31日まで\u3000", "令和6年12月20日から令和7年3月31日まで"),
    ("10時〜17時、10時～17時", "10時～17時、10時～17時"),  # one range mark for WAVE DASH and FULLWIDTH TILDE
    ("①約10,000件 ③マイナンバーカード", "①約10,000件 ③マイナンバーカード"),
    ("一行目 \n 二行目", "一行目\n二行目"),
    ("ＩＣ カード", "ICカード"),
])
def test_normalize_composes_the_rules(before, after):
    assert normalize(before) == after


@pytest.mark.parametrize("text, dates", [
    ("令和6年12月20日 から令和7年3月31日まで", ["2024-12-20", "2025-03-31"]),
    ("令和元年５月１日", ["2019-05-01"]),
    ("平成三十一年四月三十日", ["2019-04-30"]),
    ("昭和64年1月7日", ["1989-01-07"]),
    ("2024年12月1日", ["2024-12-01"]),
    ("令和6年2月30日", []),  # no such day
    ("令和　年　月　日", []),  # a blank form
])
def test_find_dates(text, dates):
    assert find_dates(text) == dates


@pytest.mark.parametrize("text, value", [("12", 12), ("十二", 12), ("二十", 20), ("三十一", 31), ("元", 1), ("x", None)])
def test_kanji_numbers(text, value):
    assert kanji_number_to_int(text) == value


@pytest.mark.parametrize("text, count", [
    ("①約1,400件", 1400), ("約１万件", 10000), ("①約10,000件 ③マイナンバーカード", 10000),
    ("約1.5万人", 15000), ("三千件", 3000), ("③マイナンバーカード", None), (None, None)])
def test_parse_count(text, count):
    assert parse_count(text) == count


def test_circled_numbers():
    assert [circled_number_to_int(c) for c in "①③⑳a"] == [1, 3, 20, None]


japanese = st.text(alphabet=st.sampled_from(list(
    "あいうアイウ漢字手續國ー・、。（）「」【】：；～〜①② 　LoGo46－-ＬＧ ｶﾞ⽤\n")), max_size=40)


@settings(max_examples=300, deadline=None)
@given(japanese)
def test_normalising_twice_changes_nothing(text):
    once = normalize(text)
    assert normalize(once) == once


@settings(max_examples=300, deadline=None)
@given(japanese)
def test_kept_punctuation_and_japanese_characters_survive(text):
    out = normalize(text)
    for ch in "、。（）「」【】：；①②あいうアイウ漢字ー・":
        assert out.count(ch) == text.count(ch), ch
    assert out.count("～") == text.count("～") + text.count("〜")  # range marks kept, in one form


_JAPANESE = "[\u3041-\u309f\u30a1-\u30ff\u3400-\u4dbf\u4e00-\u9fff]"


@settings(max_examples=300, deadline=None)
@given(japanese)
def test_no_japanese_character_is_lost(text):
    """Every rule maps Japanese characters one to one (or leaves them): none disappears."""
    import re

    text = re.sub("[\uff61-\uff9f]", "", text)  # half-width katakana compose 2 → 1 by design (ｶﾞ → ガ)
    assert len(re.findall(_JAPANESE, normalize(text))) == len(re.findall(_JAPANESE, text)) + text.count("⽤")
