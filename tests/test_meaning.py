"""Issue 9: the same answer on documents nobody here wrote — labels read by meaning, not spelling.

Each test is one failure class seen on other wards' documents; each failed before its fix.
"""

from __future__ import annotations

import pytest

from extractor import diff, extract
from extractor.vocabulary import is_item_list_key, party_of, procedure_column_role


def text_export(tmp_path, body: str, name: str = "doc.txt"):
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return extract(path)


@pytest.mark.parametrize("label, party", [
    ("結合先に求める対策", "counterparty"),
    ("委託先に実施させる対策", "counterparty"),
    ("受託者が講ずる対策", "counterparty"),
    ("提供先に遵守させる事項", "counterparty"),
    ("委託先に行なわせる情報保護対策", "counterparty"),  # okurigana variant of 行わせる
    ("区が委託先に行わせる対策", "counterparty"),  # the municipality makes the counterparty act
    ("区が委託先に確認する事項", "self"),  # the municipality itself checks
    ("市が講ずる措置", "self"),
    ("青葉区が行う情報保護対策", "self"),
    ("白石県の対策", "self"),
    ("情報保護対策", None),
])
def test_who_takes_the_measures_is_read_from_who_acts(label, party):
    assert party_of(label) == party


def test_a_bracket_read_as_a_noun_ends_the_party_reading():
    """Sudachi tags an unmatched 】 as a noun: a compound that begins at it is empty, and the
    reading stood there for ever (a Chromium PDF whose cell text was cut mid-word hung extract)."""
    assert party_of("術的対策】ークは特定相手以") is None
    assert party_of("】委託先に実施させる対策") == "counterparty"


CHECKLIST_UNDER_A_CAPTION = """
4 業務委託にかかる個人情報保護対策チェックリスト

市が行う情報保護対策

No\t対策内容\t実施
【運用上の対策】\t\t
1\t従事者に対し個人情報保護に関する研修を実施する。\t○
2\t個人情報を含む書類の持出しを禁止する。\t－
【システム上の対策】\t\t
3\tアクセスログを取得し、定期的に分析する。\t○

委託先に求める対策

No\t対策内容\t実施
【運用上の対策】\t\t
1\t従事者に個人情報保護に関する研修を受講させる。\t○

対策が可能であれば「○」、対策の必要がない場合は「－」
"""


def test_party_from_the_caption_kinds_from_rows_of_their_own_and_a_no_column(tmp_path):
    sub = text_export(tmp_path, CHECKLIST_UNDER_A_CAPTION)
    assert [(e.party, e.kind, e.measure[:6], e.mark, e.status) for e in sub.checklist] == [
        ("self", "operational", "従事者に対し", "○", "applies"),
        ("self", "operational", "個人情報を含", "－", "not_needed"),
        ("self", "technical", "アクセスログ", "○", "applies"),
        ("counterparty", "operational", "従事者に個人", "○", "applies"),
    ]


def test_group_rows_of_a_two_column_checklist_are_labels_not_key_value_fields(tmp_path):
    sub = text_export(tmp_path, """
3 外部提供にかかる個人情報保護対策チェックリスト

実施\t対策内容
村が行う情報保護対策【技術的対策】\t
〇\tデータを保存するサーバは日本国内に設置する。
－\tファイアウォールを設置し、外部からの不正侵入を防止する。

講じる対策は「〇」、不要な対策は「－」
""")
    assert sub.fields == []
    assert [(e.party, e.kind, e.status) for e in sub.checklist] == [
        ("self", "technical", "applies"), ("self", "technical", "not_needed")]


@pytest.mark.parametrize("key, lists", [
    ("取り扱う個人情報", True), ("取扱う個人情報", True), ("収集する個人情報", True), ("提供する項目", True),
    ("記録する項目", True), ("委託する個人情報の項目", True), ("目的外利用する項目", True),
    ("結合される情報項目（だれの、どのような項目か）", True),
    ("情報保護対策", False), ("提供の目的", False), ("個人情報の流れ", False), ("登録業務の名称", False),
])
def test_item_list_fields_are_known_by_the_head_of_their_key(key, lists):
    assert is_item_list_key(key) is lists


def test_item_list_fields_in_any_wording_are_split_and_classified(tmp_path):
    sub = text_export(tmp_path, """
取り扱う個人情報\t申請者の氏名、住所、電話番号
収集する個人情報\t届出人の氏名及び生年月日
提供する項目\t氏名、個人番号
利用の目的\t申請者の本人確認のため
""")
    lists = {lst.location["field"]: [(i.subject, i.item) for i in lst.items] for lst in sub.personal_data}
    assert lists == {"取り扱う個人情報": [("申請者", "氏名"), ("申請者", "住所"), ("申請者", "電話番号")],
                     "収集する個人情報": [("届出人", "氏名"), ("届出人", "生年月日")],
                     "提供する項目": [(None, "氏名"), (None, "個人番号")]}
    assert sub.personal_data_summary.handles_mynumber is True


@pytest.mark.parametrize("header, role", [
    ("取り扱う個人情報項目", "items"), ("取扱い個人情報の項目", "items"), ("収集する情報項目", "items"),
    ("手続の名称", "name"), ("手続名（登録業務名）", "name"), ("担当部署", "department"), ("所管課", "department"),
    ("該当区分", "grounds"), ("項番", "no"), ("事業名", None),
])
def test_procedure_columns_by_what_their_header_means(header, role):
    assert procedure_column_role(header) == role


# -- marked passages -----------------------------------------------------------------------------

BODY = '<w:rPr><w:rFonts w:ascii="ＭＳ 明朝" w:eastAsia="ＭＳ 明朝"/></w:rPr>'
GOTHIC = '<w:rFonts w:ascii="ＭＳ ゴシック" w:eastAsia="ＭＳ ゴシック"/>'


def run(text, *, gothic=False, bold=False, underline=False):
    props = (GOTHIC if gothic else '<w:rFonts w:ascii="ＭＳ 明朝" w:eastAsia="ＭＳ 明朝"/>') + \
        ("<w:b/>" if bold else "") + ('<w:u w:val="single"/>' if underline else "")
    return f"<w:r><w:rPr>{props}</w:rPr><w:t>{text}</w:t></w:r>"


def para(*runs):
    return f"<w:p>{''.join(runs)}</w:p>"


def table(rows):
    cells = "".join("<w:tr>" + "".join(f"<w:tc>{para(*c)}</w:tc>" for c in row) + "</w:tr>" for row in rows)
    return f"<w:tbl><w:tblGrid/>{cells}</w:tbl>"


STATEMENT = para(run("※太字ゴシック（下線）が、令和6年度第7回青葉区個人情報保護審議会承認済の内容からの変更箇所"))
LEGEND = para(run("対策が可能であれば「○」、対策の必要がない場合は「－」"))


def checklist_docx(make_docx, measure_runs, mark_runs, name):
    body = STATEMENT + para(run("4 外部結合にかかる個人情報保護対策チェックリスト")) + LEGEND + table([
        [[run("区分")], [run("実施")], [run("情報保護対策")]],
        [[run("区が行う情報保護対策【システム上の対策】")], mark_runs, measure_runs],
        [[run("")], [run("○", gothic=True)], [run("通信内容は暗号化する。")]],
    ])
    return extract(make_docx(body, name=name))


def test_a_check_mark_in_a_gothic_face_is_no_marked_passage(make_docx):
    sub = checklist_docx(make_docx, [run("アクセスログを取得し、定期的に分析する。")], [run("☑", gothic=True)], "a.docx")
    assert sub.marked_changes == []
    assert [e.mark for e in sub.checklist] == ["☑", "○"]


def test_typeface_alone_is_no_marking_where_the_statement_names_bold_or_underline(make_docx):
    sub = checklist_docx(make_docx, [run("アクセスログを取得し、"), run("毎月", gothic=True), run("分析する。")],
                         [run("○")], "b.docx")
    assert sub.marked_changes == []
    sub = checklist_docx(make_docx, [run("アクセスログを取得し、"), run("毎月", gothic=True, bold=True, underline=True),
                                     run("分析する。")], [run("○")], "c.docx")
    assert [m.text for m in sub.marked_changes] == ["毎月"]


def test_a_checklist_change_is_marked_by_its_own_row(make_docx):
    old = checklist_docx(make_docx, [run("アクセスログを取得し、定期的に分析する。")], [run("○")], "old.docx")
    new = checklist_docx(make_docx, [run("アクセスログを取得し、"), run("毎月", gothic=True, bold=True, underline=True),
                                     run("分析する。")], [run("○")], "new.docx")
    d = diff(old, new)
    assert [(c.path, c.marked) for c in d.changes] == [
        ("checklist/self/technical/アクセスログを取得し、毎月分析する。", True)]
    assert d.unmarked_changes == []
    # a changed mark: marked on the glyph itself, or by marking the whole measure of its row
    glyph = checklist_docx(make_docx, [run("アクセスログを取得し、定期的に分析する。")],
                           [run("－", bold=True, underline=True)], "glyph.docx")
    row = checklist_docx(make_docx, [run("アクセスログを取得し、定期的に分析する。", bold=True, underline=True, gothic=True)],
                         [run("－")], "row.docx")
    plain = checklist_docx(make_docx, [run("アクセスログを取得し、定期的に分析する。")], [run("－")], "plain.docx")
    for version, marked in ((glyph, True), (row, True), (plain, False)):
        changes = diff(old, version).changes
        # one change of the entry, at the measure's path (the contract's checklist/<party>/<kind>/<measure>)
        assert [(c.path, c.old, c.new, c.marked) for c in changes] == [
            ("checklist/self/technical/アクセスログを取得し、定期的に分析する。",
             "○ アクセスログを取得し、定期的に分析する。", "－ アクセスログを取得し、定期的に分析する。", marked)]


B = dict(gothic=True, bold=True, underline=True)


def test_a_measure_rewritten_where_it_stood_is_one_modified_entry(make_docx):
    """A clause dropped or a measure recast in its place, between unchanged neighbours, is the same
    entry modified (marked when the new measure is), not one removed and another added unmarked."""
    old = checklist_docx(make_docx, [run("再委託を禁止させる。ただし、やむを得ない場合は事前に書面による承諾を得させる。")],
                         [run("○")], "old.docx")
    for measure in ("再委託を禁止させる。", "再委託を行う場合は、事前に書面による承諾を得させ、同等の安全管理措置を講じさせる。"):
        for marked in (True, False):
            new = checklist_docx(make_docx, [run(measure, **(B if marked else {}))], [run("○")], "new.docx")
            d = diff(old, new)
            assert [(c.path, c.kind, c.marked) for c in d.changes] == [
                (f"checklist/self/technical/{measure}", "modified", marked)], (measure, marked)
            assert d.unmarked_changes == ([] if marked else [f"checklist/self/technical/{measure}"])
    # a measure of other wording altogether stays a removal and an addition
    other = checklist_docx(make_docx, [run("端末にはウイルス対策ソフトを導入する。")], [run("○")], "other.docx")
    assert sorted(c.kind for c in diff(old, other).changes) == ["added", "removed"]


def test_a_joining_word_beside_a_marked_addition_leaves_the_change_marked(make_docx):
    def kv(*value_runs, name):
        body = STATEMENT + table([[[run("委託先")], list(value_runs)], [[run("委託の期間")], [run("令和7年4月1日から")]]])
        return extract(make_docx(body, name=name))

    old = kv(run("株式会社さくら情報"), name="old.docx")
    new = kv(run("株式会社さくら情報及び"), run("合同会社みどり計算センター", **B), name="new.docx")
    assert [(c.path, c.marked) for c in diff(old, new).changes] == [("fields/委託先", True)]
    # the joining word alone, unmarked, is an unmarked change
    bare = kv(run("株式会社さくら情報等"), name="bare.docx")
    assert [(c.path, c.marked) for c in diff(old, bare).changes] == [("fields/委託先", False)]


def test_the_diff_function_can_be_called_twice():
    """``extractor.diff`` stayed the function after its subpackage loaded (it became a module)."""
    import extractor
    from tests.conftest import SAMPLES

    a, b = extract(SAMPLES / "shinjuku_logo_r6_previous.docx"), extract(SAMPLES / "shinjuku_logo_r6.docx")
    assert extractor.diff(a, b).summary == extractor.diff(a, b).summary


@pytest.mark.parametrize("line, body", [
    ("令和6年度第1回朝日都個人情報保護制度審議会 資料48", "朝日都個人情報保護制度審議会"),
    ("青葉区情報公開・個人情報保護審議会 付議事項", "青葉区情報公開・個人情報保護審議会"),
    ("個人情報保護管理運営会議 付議事項", "個人情報保護管理運営会議"),
])
def test_the_council_is_named_by_meaning_not_by_a_list_of_names(tmp_path, line, body):
    sub = text_export(tmp_path, f"\n{line}\n\n件名\t住民票の写し等交付事務の業務委託について\n")
    assert sub.meeting.body == body


def test_a_legend_under_the_checklist_title_serves_the_tables_under_each_party_caption(tmp_path):
    sub = text_export(tmp_path, """
5 業務委託にかかる個人情報保護対策チェックリスト

実施する対策は「☑」、実施しない対策は「☐」

市が行う情報保護対策

No\t対策内容\t実施
（運用面）\t\t
1\t従事者に対し個人情報保護に関する研修を実施する。\t☑
2\t個人情報を含む書類の持出しを禁止する。\t☐
""")
    assert [(e.party, e.kind, e.status) for e in sub.checklist] == [
        ("self", "operational", "applies"), ("self", "operational", "not_applied")]


def test_group_rows_in_the_measure_column_and_a_legend_row_inside_the_table(tmp_path):
    sub = text_export(tmp_path, """
4 外部結合にかかる個人情報保護対策チェックリスト

対策内容\t実施
・対策が可能であれば「○」・対策の必要がない場合は「－」\t
町が行う情報保護対策【管理的対策】\t
再委託を行う場合は事前に承認を得ることとする。\t○
個人情報を含む書類の持出しを禁止する。\t－
""")
    assert [(e.party, e.kind, e.status) for e in sub.checklist] == [
        ("self", "operational", "applies"), ("self", "operational", "not_needed")]


@pytest.mark.parametrize("statement, styles", [
    ("※太字ゴシック（下線）が、令和6年度第7回青葉区個人情報保護審議会承認済の内容からの変更箇所", ["bold", "gothic", "underline"]),
    ("※変更箇所は下線で示す", ["underline"]),
    ("※下線・太字の箇所が、前回承認済の内容から修正した部分", ["underline", "bold"]),
])
def test_the_marking_statement_names_a_style_and_a_change_in_either_order(tmp_path, statement, styles):
    sub = text_export(tmp_path, f"\n{statement}\n\n件名\t住民票の写し等交付事務の業務委託について\n")
    assert sub.change_marking is not None and sub.change_marking.styles == styles


def test_a_department_field_after_the_basis_on_one_line_is_a_field_of_its_own(tmp_path):
    # a PDF cannot tell whether （担当部課：…） wrapped onto the basis line when the basis left no room
    # for its first two characters: read by meaning, the departments are never part of the basis
    sub = text_export(tmp_path, "件名　粗大ごみ受付の目的外利用について\n\n"
                      "根拠：若葉区個人情報保護条例施行規則第5条第1項第4号（目的外利用）"
                      "（担当部課：総務部デジタル推進担当、教育委員会事務局学務課）\n")
    assert sub.agenda.basis == "若葉区個人情報保護条例施行規則第5条第1項第4号（目的外利用）"
    assert sub.agenda.departments == ["総務部デジタル推進担当", "教育委員会事務局学務課"]
    assert [f.key for f in sub.fields][-2:] == ["根拠", "担当部課"]
