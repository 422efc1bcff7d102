"""Checklists in any layout (issue 21, item 4): one column per answer (該当 | 非該当, はい | いいえ,
実施する | 実施しない) with the glyph in the answer's column; one table per kind, the kind as the
measures' header; a partial answer (△) read through its legend."""
from __future__ import annotations

from extractor import schema as S
from extractor.structure.checklist import answer_columns, checklist_of


def _table(header: list[str], rows: list[list[str]], tid: str = "t1") -> S.Table:
    cells = [[S.Cell(text=t, raw=t, marked=None, row_span=1, col_span=1, col=c) for c, t in enumerate(r)]
             for r in rows]
    return S.Table(id=tid, caption=None, page=1, header=header, rows=cells)


def _entries(result) -> list[tuple]:
    return [(e.party, e.kind, e.measure, e.mark, e.status) for e in result.entries]


MEASURES = ["従事者に対し個人情報保護に関する研修を実施する。", "個人情報を取り扱う端末を限定する。",
            "アクセスログを取得し、定期的に分析する。"]


def test_a_column_per_answer_reads_the_answer_from_the_column_its_mark_stands_in():
    table = _table(["No", "対策内容", "該当", "非該当"],
                   [["1", MEASURES[0], "○", ""], ["2", MEASURES[1], "", "○"], ["3", MEASURES[2], "", ""]])
    assert answer_columns(table) == {2: "applies", 3: "not_needed"}
    result = checklist_of(table, [], ["市が行う運用上の対策"])
    assert _entries(result) == [("self", "operational", MEASURES[0], "○", "applies"),
                                ("self", "operational", MEASURES[1], "○", "not_needed"),
                                ("self", "operational", MEASURES[2], "", "unmarked")]


def test_yes_no_and_do_do_not_answer_columns():
    yes_no = _table(["対策内容", "はい", "いいえ"], [[MEASURES[0], "✓", ""], [MEASURES[1], "", "✓"]])
    result = checklist_of(yes_no, [], ["委託先に行わせる技術的対策"])
    assert [(e.party, e.kind, e.status) for e in result.entries] == [
        ("counterparty", "technical", "applies"), ("counterparty", "technical", "not_applied")]
    do = _table(["対策内容", "実施する", "実施しない"], [[MEASURES[0], "●", ""], [MEASURES[1], "", "●"]])
    assert [e.status for e in checklist_of(do, [], ["市が行う運用上の対策"]).entries] == ["applies", "not_applied"]


def test_one_mark_column_headed_by_an_answer_is_no_answer_layout():
    # 実施 over a column of ○ and －: the legend decides, as before
    table = _table(["No", "対策内容", "実施"], [["1", MEASURES[0], "○"], ["2", MEASURES[1], "－"]])
    assert answer_columns(table) == {}
    result = checklist_of(table, ["対策が可能であれば「○」、対策の必要がない場合は「－」"], ["市が行う運用上の対策"])
    assert [e.status for e in result.entries] == ["applies", "not_needed"]


def test_a_table_per_kind_takes_the_kind_from_its_measures_header():
    operational = _table(["No", "運用上の対策", "チェック"], [["1", MEASURES[0], "○"], ["2", MEASURES[1], "○"]], "t1")
    technical = _table(["No", "システム面", "チェック"], [["1", MEASURES[2], "－"]], "t2")
    legend = ["対策が可能であれば「○」、対策の必要がない場合は「－」"]
    first = checklist_of(operational, legend, ["委託先に行わせる情報保護対策"])
    second = checklist_of(technical, legend, ["委託先に行わせる情報保護対策"])
    assert [(e.party, e.kind) for e in first.entries] == [("counterparty", "operational")] * 2
    assert _entries(second) == [("counterparty", "technical", MEASURES[2], "－", "not_needed")]


def test_a_partial_answer_means_what_its_legend_says():
    table = _table(["No", "対策内容", "実施"], [["1", MEASURES[0], "○"], ["2", MEASURES[1], "△"]])
    legend = ["実施済みは「○」、一部実施は「△」、未実施は「×」"]
    result = checklist_of(table, legend, ["市が行う運用上の対策"])
    assert [(e.mark, e.status) for e in result.entries] == [("○", "applies"), ("△", "applies")]
    assert result.warnings == []
    # with no legend to say it, △ is unknown — and said
    bare = checklist_of(table, [], ["市が行う運用上の対策"])
    assert [e.status for e in bare.entries] == ["applies", "unknown"]
    assert [w.code for w in bare.warnings] == ["unknown_mark"]
