"""Where things are written (issue 21): item lists apart by ・ with brackets and 等, and the
implementing body named as a 広域連合 or an 教育委員会. Small documents built here, each of a class
the generated corpus's streams 29–31 vary."""

from __future__ import annotations

import pytest

from extractor import extract
from extractor.classify import classify_list
from extractor.vocabulary import party_of


def _submission_text(tmp_path, items: str, self_label: str):
    lines = ["", "", "緑川広域連合個人情報保護審議会　付議事項", "",
             "件名\t図書館利用者管理システムに係る業務委託について", "",
             "第4条第2項（業務委託）", "",
             "別紙", "",
             "委託先\t株式会社青空システムズ",
             f"取り扱う個人情報\t{items}",
             "委託の期間\t令和7年4月1日から令和8年3月31日まで", "",
             "3 業務委託にかかる個人情報保護対策チェックリスト", "",
             "\t区分\t情報保護対策",
             f"{self_label}【運用上の対策】\t○\t従事者に対し個人情報保護に関する研修を実施する。",
             "\t○\t個人情報を含む書類の持出しを禁止する。",
             "受託者に行わせる情報保護対策【運用上の対策】\t○\t従事者に個人情報保護に関する研修を受講させる。", ""]
    path = tmp_path / "placement.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return extract(path)


@pytest.mark.parametrize("text, expected", [
    ("申請者の生年月日・国籍・メールアドレス（任意）・職業",
     [("申請者", "生年月日", []), ("申請者", "国籍", []), ("申請者", "メールアドレス", ["任意"]), ("申請者", "職業", [])]),
    ("届出人の氏名、電話番号（連絡先（任意））、住所等",
     [("届出人", "氏名", []), ("届出人", "電話番号", ["連絡先（任意）"]), ("届出人", "住所", ["等"])]),
    ("氏名（漢字・カナ）・住所", [(None, "氏名", ["漢字・カナ"]), (None, "住所", [])]),
    # a trailing 等 after a bracket: both are qualifiers (before: the bracket stayed in the item)
    ("住所、電話番号（連絡先（任意））等", [(None, "住所", []), (None, "電話番号", ["連絡先（任意）", "等"])]),
    ("氏名等（任意）", [(None, "氏名", ["任意", "等"])]),
    ("区内在住・在勤の別", [(None, "区内在住・在勤の別", [])]),  # not every part an item: one item
])
def test_item_lists_split_on_middle_dots_and_keep_brackets_as_qualifiers(text, expected):
    got = [(i.subject, i.item, i.qualifiers) for i in classify_list(text)]
    assert got == expected


@pytest.mark.parametrize("label", ["教育委員会が講ずる措置", "緑川広域連合が実施する情報保護対策", "桜台町の対策"])
def test_an_implementing_body_that_is_no_municipal_kind_is_the_submitting_party(label):
    assert party_of(label) == "self"


def test_a_text_export_with_a_board_of_education_and_a_dotted_list(tmp_path):
    sub = _submission_text(tmp_path, "利用者の氏名・住所・電話番号（連絡先（任意））等", "教育委員会が講ずる措置")
    parties = [(e.party, e.measure) for e in sub.checklist]
    assert ("self", "個人情報を含む書類の持出しを禁止する。") in parties
    assert ("counterparty", "従事者に個人情報保護に関する研修を受講させる。") in parties
    listed = [lst for lst in sub.personal_data if lst.location.get("field") == "取り扱う個人情報"]
    assert [(i.subject, i.item) for i in listed[0].items] == [("利用者", "氏名"), ("利用者", "住所"), ("利用者", "電話番号")]


def test_a_cover_heading_is_the_title_and_the_bessi_s_kenmei_its_parent(tmp_path):
    lines = ["", "", "開催日：令和8年9月7日", "", "緑川市個人情報保護審議会　付議事項", "",
             "施設予約システムの利用に係る外部結合について（手続の追加）", "",
             "◆第3条第1項第3号（外部結合）", "",
             "別紙", "", "件名　施設予約システムの利用に係る外部結合について", "",
             "結合の相手方\t株式会社トラストネット", "結合の形態\tLGWAN回線を利用して接続する。", ""]
    path = tmp_path / "cover.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    sub = extract(path)
    assert sub.title == "施設予約システムの利用に係る外部結合について（手続の追加）"
    assert sub.agenda.parent_title == "施設予約システムの利用に係る外部結合について"
    assert sub.agenda.basis == "第3条第1項第3号（外部結合）"


def test_a_kenmei_field_stays_the_title_over_a_later_heading(tmp_path):
    lines = ["", "", "件名\t施設予約システムの利用に係る外部結合について", "",
             "図書館利用者管理システムに係る業務委託について", "", "委託先\t株式会社トラストネット", ""]
    path = tmp_path / "kenmei.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    sub = extract(path)
    assert sub.title == "施設予約システムの利用に係る外部結合について"
    assert sub.agenda.parent_title is None


def test_page_numbers_kept_in_the_flow_are_no_text(tmp_path):
    lines = ["", "", "件名\t施設予約システムの利用に係る外部結合について", "", "事業の概要", "",
             "本市では、施設予約システムにより手続を受け付けている。", "", "- 1 -", "", "2 / 3", ""]
    path = tmp_path / "numbers.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    sub = extract(path)
    texts = [s.text for s in sub.sections] + [s.heading or "" for s in sub.sections]
    assert not any("1 -" in t or "2 / 3" in t for t in texts)
    assert any("施設予約システムにより" in t for t in texts)
