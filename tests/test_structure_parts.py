"""Agenda, meeting, procedures, checklist and change marking on the samples and their layout variants."""

from __future__ import annotations

from collections import Counter

import pytest

from extractor import extract
from extractor.structure.agenda import agenda_type_of, basis_of, departments_of
from extractor.structure.checklist import kind_of, legend_of, mark_class, party_of
from extractor.structure.procedures import column_roles, ground_definitions
from tests.conftest import SAMPLES

SEED_SAMPLES = ["shinjuku_logo_r6_export.txt", "shinjuku_logo_r6.docx"]


@pytest.fixture(scope="module")
def extracted():
    cache = {}

    def get(name):
        if name not in cache:
            cache[name] = extract(SAMPLES / name)
        return cache[name]

    return get


@pytest.mark.parametrize("name", SEED_SAMPLES)
def test_seed_agenda_and_meeting(extracted, name):
    sub = extracted(name)
    assert sub.agenda.type == "external_connection"
    assert sub.agenda.basis == "第3条第1項第3号（外部結合）"
    assert sub.agenda.departments == ["総合政策部区政情報課", "情報システム課", "健康部健康づくり課", "医療保険年金課"]
    assert sub.agenda.parent_title == "新たな電子申請サービス（LoGoフォーム）の利用に係る外部結合について"
    # the document names its body and 資料 number; 年度・回次 appear only for the approved version
    assert (sub.meeting.body, sub.meeting.document_number) == ("個人情報保護管理運営会議", "資料46")
    assert (sub.meeting.fiscal_year, sub.meeting.session, sub.meeting.date) == (None, None, None)


@pytest.mark.parametrize("name", SEED_SAMPLES)
def test_seed_procedures(extracted, name):
    procs = extracted(name).procedures
    assert [(p.no, p.department, p.name, p.grounds, p.estimated_count, p.uses_mynumber_card, p.online_payment)
            for p in procs] == [
        (1, "区政情報課", "法律相談・交通事故相談予約受付", [1], 1400, False, False),
        (2, "健康づくり課", "健康診査・がん検診等受診券の請求", [1], 2000, False, False),
        (3, "医療保険年金課", "国民健康保険被保険者資格喪失届", [1, 3], 10000, True, False),
        (4, "医療保険年金課", "国民健康保険被保険者資格取得届", [1, 3], 10000, True, False),
    ]
    assert procs[2].grounds_text == {"1": "単年度手続者が1,000人を超えることが想定される場合",
                                     "3": "マイナンバーカードを活用した電子認証機能を活用する場合"}
    loss = procs[2].items
    assert len(loss) == 16
    assert [(i.subject, i.item) for i in loss[2:10]] == [
        ("世帯主", "名前"), ("世帯主", "電話番号"), ("届出人", "住所"), ("届出人", "氏名"), ("届出人", "続柄"),
        ("届出人", "電話番号"), ("資格喪失者", "氏名"), ("資格喪失者", "ふりがな")]
    assert [(i.item, i.qualifiers) for i in procs[0].items][-2:] == [("相談内容", ["選択式"]), ("メールアドレス", ["任意"])]


@pytest.mark.parametrize("name", SEED_SAMPLES)
def test_seed_checklist_has_all_32_measures(extracted, name):
    checklist = extracted(name).checklist
    assert len(checklist) == 32
    assert Counter((c.party, c.kind) for c in checklist) == {
        ("self", "operational"): 5, ("self", "technical"): 11,
        ("counterparty", "operational"): 5, ("counterparty", "technical"): 11}
    assert checklist[0].group == "区が行う情報保護対策【運用上の対策】"
    assert checklist[-1].group == "結合先に行わせる情報保護対策【システム上の対策】"
    assert checklist[-1].measure == "システムを提供するサーバは日本国内の法が適用される安全性が確保された環境にさせる。"
    statuses = Counter(c.status for c in checklist)
    # the export read every mark as ○; the .docx reproduction marks one measure －
    assert statuses == ({"applies": 32} if name.endswith(".txt") else {"applies": 31, "not_needed": 1})


def test_city_variant_outsourcing_with_group_rows_and_cross_marks(extracted):
    sub = extracted("variant_city_outsourcing.docx")
    assert sub.agenda.type == "outsourcing"
    assert sub.agenda.basis == "架空市個人情報保護条例施行規則第5条第2号（業務委託）"
    assert (sub.meeting.body, sub.meeting.fiscal_year, sub.meeting.session, sub.meeting.date,
            sub.meeting.document_number) == ("架空市個人情報保護審議会", 2025, 2, "2025-08-20", "資料3")
    assert [(c.party, c.kind, c.mark, c.status) for c in sub.checklist] == [
        ("self", "operational", "◯", "applies"), ("self", "operational", "◯", "applies"),
        ("counterparty", "operational", "◯", "applies"), ("counterparty", "operational", "×", "not_applied"),
        ("counterparty", "technical", "◯", "applies"), ("counterparty", "technical", "◯", "applies")]
    # columns in another order, no No column; ② is explained by the legend under the table
    assert [(p.no, p.name, p.department, p.grounds, p.online_payment, p.estimated_count) for p in sub.procedures] == [
        (None, "住民票の写し等交付申請受付", "市民課", [], False, 48000),
        (None, "手数料の収納", "市民課", [2], True, 30000)]
    assert [(m.text, m.styles) for m in sub.marked_changes] == [("証明書の交付及び手数料の収納", ["underline"])]
    assert sub.change_marking.styles == ["underline"]


def test_long_procedures_table_in_another_column_order(extracted):
    sub = extracted("variant_long_procedures.docx")
    procs = sub.procedures
    assert len(procs) == 40 and [p.no for p in procs] == list(range(1, 41))
    assert procs[0].name == "転入届（第1版）" and procs[0].department == "戸籍住民課"
    assert procs[39].department == "子ども家庭課"
    assert [p.uses_mynumber_card for p in procs[:4]] == [False, True, False, True]
    assert [(c.mark, c.status) for c in sub.checklist] == [("○", "applies"), ("－", "not_needed"), ("○", "applies")]


def test_gothic_only_marking_and_unknown_marks(extracted):
    sub = extracted("variant_gothic_marking.docx")
    assert sub.agenda.type == "purpose_outside_use"
    assert [(m.text, m.styles, m.location["field"]) for m in sub.marked_changes] == [
        ("携帯電話番号", ["gothic"], "利用する情報項目")]
    assert [(c.mark, c.status) for c in sub.checklist] == [("✓", "applies"), ("", "unmarked"), ("△", "unknown")]
    assert [w.code for w in sub.warnings] == ["unknown_mark"]


@pytest.mark.parametrize("header, roles", [
    (["No", "担当課", "手続名（登録業務名）", "取扱う個人情報項目", "付議内容"],
     {"no": 0, "department": 1, "name": 2, "items": 3, "grounds": 4}),
    (["業務名", "情報項目", "担当課"], {"name": 0, "items": 1, "department": 2}),
    (["事業名", "内容"], None),
])
def test_column_roles(header, roles):
    assert column_roles(header) == roles


def test_ground_definitions_ignore_references_to_steps():
    lines = ["※1 「電子認証オプション」を活用した電子認証は、申請と併せ①の段階で行う。",
             "①単年度手続者が1,000人を超えることが想定される場合",
             "※①単年度手続者が多い場合、③マイナンバーカードを活用する場合"]
    assert ground_definitions(lines) == {1: "単年度手続者が多い場合", 3: "マイナンバーカードを活用する場合"}


@pytest.mark.parametrize("text, legend", [
    ("・対策が可能であれば「○」 ・対策の必要がない場合は「-」", {"circle": "applies", "dash": "not_needed"}),
    ("実施するものに「◯」、実施しないものに「×」を記入", {"circle": "applies", "cross": "not_applied"}),
    ("情報保護対策", {}),
])
def test_legends(text, legend):
    assert legend_of([text]) == legend


@pytest.mark.parametrize("group, party, kind", [
    ("区が行う情報保護対策【運用上の対策】", "self", "operational"),
    ("結合先に行わせる情報保護対策【システム上の対策】", "counterparty", "technical"),
    ("委託先に行わせる情報保護対策【運用上の対策】", "counterparty", "operational"),
    ("市が行う情報保護対策【システム上の対策】", "self", "technical"),
    ("その他", "other", "other"),
])
def test_party_and_kind(group, party, kind):
    assert (party_of(group), kind_of(group)) == (party, kind)


@pytest.mark.parametrize("mark, cls", [("○", "circle"), ("〇", "circle"), ("－", "dash"), ("-", "dash"),
                                       ("×", "cross"), ("☑", "check"), ("☐", "box"), ("", ""), ("△", "triangle"),
                                       ("▲", "triangle"), ("可", None), ("○×", None)])
def test_mark_classes(mark, cls):
    assert mark_class(mark) == cls


@pytest.mark.parametrize("basis, title, kind", [
    ("第3条第1項第3号（外部結合）", None, "external_connection"),
    (None, "住民票の写し等交付事務の業務委託について", "outsourcing"),
    (None, "健診結果の目的外利用について", "purpose_outside_use"),
    (None, "会議の開催について", "other"),
])
def test_agenda_type(basis, title, kind):
    assert agenda_type_of(basis, title) == kind


def test_basis_and_departments():
    assert basis_of(["内容は別紙のとおり", "◇第3条第1項第3号（外部結合）"]) == "第3条第1項第3号（外部結合）"
    from extractor.schema import Field

    def field(key, value):
        return Field(key=key, value=value, raw_value=value, section=None, marked=None, marked_text=[], dates=[],
                     refers_to=None)

    # a （担当部課：…） declaration is the list; the 担当課 entry only spells it out (or names others)
    assert departments_of([field("担当課", "区政情報課、情報システム課"),
                           field("担当部課", "総合政策部区政情報課、健康部健康づくり課")]) == [
        "総合政策部区政情報課", "健康部健康づくり課"]
    assert departments_of([field("担当課", "区政情報課、情報システム課"), field("保有課", "総合政策部区政情報課")]) == [
        "総合政策部区政情報課", "情報システム課"]
