"""Item lists wherever a document puts them (issue 20, item 4): a table column or row whose header means
"the personal information handled" gives personal-data items, in .docx, PDF, .xlsx and text exports
alike; a label column (項目 | 内容), a checklist and a key–value table give none of their own."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from extractor import extract

ROOT = Path(__file__).resolve().parent.parent

TITLE = ["青葉町個人情報保護審議会　諮問書", "件名：防災メールの配信について", "１　取り扱う者と情報"]
BY_COLUMN = [["対象者", "取り扱う個人情報", "収集方法"],
             ["登録者", "氏名、メールアドレス、電話番号", "電子申請"],
             ["要配慮者", "氏名、住所、障害の有無", "窓口"]]
BY_ROW = [["区分", "申請者", "代理人"],
          ["記録する項目", "氏名、住所、生年月日", "氏名、電話番号"],
          ["提出方法", "窓口", "郵送"]]
LABELS = [["項目", "内容"], ["目的", "防災情報を配信する。"], ["対象", "町民"]]
TABLES = [BY_COLUMN, BY_ROW, LABELS]

EXPECTED = [
    ({"table": "t1", "row": 0, "column": "取り扱う個人情報"}, ["氏名", "メールアドレス", "電話番号"]),
    ({"table": "t1", "row": 1, "column": "取り扱う個人情報"}, ["氏名", "住所", "障害の有無"]),
    ({"table": "t2", "row": 0, "column": "申請者"}, ["氏名", "住所", "生年月日"]),
    ({"table": "t2", "row": 0, "column": "代理人"}, ["氏名", "電話番号"]),
]


def _lists(sub) -> list[tuple[dict, list[str]]]:
    return [(dict(lst.location), [i.item for i in lst.items]) for lst in sub.personal_data]


def _docx(path: Path) -> Path:
    sys.path.insert(0, str(ROOT / "scripts"))
    from make_samples import new_document, save_stable

    doc = new_document("test", "item tables")
    for line in TITLE:
        doc.add_paragraph(line)
    for rows in TABLES:
        table = doc.add_table(rows=len(rows), cols=len(rows[0]))
        table.style = "Table Grid"
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.cell(r, c).paragraphs[0].text = text
        doc.add_paragraph("")
    save_stable(doc, path)
    return path


def test_a_docx_table_column_or_row_headed_as_an_item_list_gives_items(tmp_path):
    sub = extract(_docx(tmp_path / "items.docx"))
    assert _lists(sub) == EXPECTED
    assert sub.personal_data_summary.handles_special_care is True  # 障害の有無
    assert sub.procedures == []  # no name column: these are no procedures


def test_its_libreoffice_pdf_gives_the_same_items(tmp_path):
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui fonts-ipaexfont")
    from make_samples import LIBREOFFICE_FONTS, soffice_convert

    docx = _docx(tmp_path / "items.docx")
    soffice_convert(soffice, [docx], "pdf", str(tmp_path), LIBREOFFICE_FONTS)
    assert _lists(extract(tmp_path / "items.pdf")) == EXPECTED


def test_a_text_export_gives_the_same_items(tmp_path):
    path = tmp_path / "items.txt"
    blocks = ["\n".join(TITLE)] + ["\n".join("\t".join(row) for row in rows) for rows in TABLES]
    path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    assert _lists(extract(path)) == EXPECTED


def test_an_xlsx_gives_the_same_items_sheet_by_sheet(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    for n, rows in enumerate(TABLES):
        sheet = book.active if n == 0 else book.create_sheet(f"表{n + 1}")
        if n == 0:
            for line in TITLE:
                sheet.append([line])
        for row in rows:
            sheet.append(row)
    path = tmp_path / "items.xlsx"
    book.save(path)
    assert _lists(extract(path)) == EXPECTED


def test_a_checklist_column_of_check_items_and_a_field_table_give_no_table_lists(tmp_path):
    from extractor.structure.item_tables import item_lists_of
    from extractor import schema as S

    def table(rows, header):
        cells = [[S.Cell(text=t, raw=t, marked=None, row_span=1, col_span=1, col=c) for c, t in enumerate(r)]
                 for r in rows]
        return S.Table(id="t1", caption=None, page=None, header=header, rows=cells)

    # 項目 | 内容: the 項目 column holds labels, not personal information
    assert item_lists_of(table(LABELS[1:], LABELS[0])) == []
    # a cell that only refers elsewhere, or holds only a mark, lists nothing
    refers = table([["登録者", "別紙のとおり"], ["要配慮者", "○"]], ["対象者", "取り扱う個人情報"])
    assert item_lists_of(refers) == []
