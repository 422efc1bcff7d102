#!/usr/bin/env python3
"""Regenerate the archive samples: minutes, a 会議結果 page and a meeting packet (fictional, written
for the project; every name in them is made up).

    .venv/bin/python scripts/make_archive_samples.py        (make samples runs it too)

Writes
  samples/minutes_aoba_r6_3.docx        会議録 of a fictional ward council: the header as a two-column
                                        box with letter-spaced labels (名　　称, 日　　時, 場　　所),
                                        attendees by 【role】 with title and name, 欠席者, 資料, 議題
                                        ((1)諮問事項 ア イ ウ with 諮問第N号 and 【担当課】, (2)報告事項),
                                        the proceedings with 【質疑】 turns and each item's 【結果】
  samples/minutes_aoba_r6_3.lo.pdf      the same, exported by LibreOffice
  samples/minutes_aoba_r6_3_export.txt  the same minutes as the text a city's web page gives: numbered
                                        labels (1 日時), one entry a line, 役職 before the name
  samples/kekka_aoba_r6_3.txt           a short 会議結果 page: 開催日時, 開催場所, 出席委員 with 【会長】
                                        after the name, and each item with its result on one line
  samples/packet_aoba_r6_3.docx         a meeting packet: 資料12, 資料13, 資料14 — three submissions,
                                        each from its meeting line with its 資料 number
  samples/packet_aoba_r6_3.lo.pdf       the packet exported by LibreOffice
  samples/*_aoba_r6_3.chromium.pdf      the minutes and the packet as HTML printed by headless Chromium
  samples/variant_city_outsourcing.doc  that submission as a legacy Word 97–2003 file (LibreOffice)
  samples/variant_gothic_marking.scan.pdf  that sample's PDF as 300 dpi images, no text layer (a scan)
  samples/checklist_aoba_r6.xlsx        a checklist and an item list kept in Excel (a sheet each; marked
                                        cells bold, underlined, Gothic), and checklist_aoba_r6.docx (+ PDFs),
                                        the same in Word, which it must agree with

The .docx and PDF files are byte-stable, as in scripts/make_samples.py, whose helpers this uses.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_samples import (ROOT, SAMPLES, M, chromium_pdfs, fill_cell, libreoffice_pdfs, new_document,  # noqa: E402
                          page_break, para, save_stable)

BODY = "青葉区個人情報保護審議会"
MEETING = f"令和6年度第3回{BODY}"

ATTENDEES = [("会長", [("", "山田 太郎")]), ("副会長", [("", "佐藤 花子")]),
             ("委員", [("", "鈴木 一郎"), ("", "高橋 美咲"), ("", "田中 健二")]),
             ("事務局", [("情報政策課長", "青木 真人"), ("情報政策課係長", "小林 由美")]),
             ("説明者", [("子育て支援課長", "中村 聡"), ("税務課課長補佐", "森 和也"), ("危機管理課長", "髙橋 進")])]
ABSENTEES = [("委員", [("", "渡辺 直樹")])]
MATERIALS = ["資料12 諮問第692号 児童手当オンライン申請システムに係る外部結合について",
             "資料13 諮問第693号 税務システムの運用保守の業務委託について",
             "資料14 諮問第694号 防犯カメラ映像の警察署への外部提供について",
             "資料15 令和5年度個人情報保護制度の運用状況について"]
ITEMS = [  # (kind heading, label, number, title, department, explanation, questions, result)
    ("諮問事項", "ア", "諮問第692号", "児童手当オンライン申請システムに係る外部結合について", "子育て支援課",
     ("事務局（子育て支援課長）", "資料12に基づき説明。"),
     [("委員", "オンライン申請で取得する項目に個人番号は含まれるか。"),
      ("子育て支援課長", "含まれない。本人確認は電子証明書で行う。"),
      ("会長", "ほかに意見がなければ、原案のとおり承認することとしてよいか。")],
     "原案のとおり承認した。"),
    ("諮問事項", "イ", "諮問第693号", "税務システムの運用保守の業務委託について", "税務課",
     ("事務局（税務課課長補佐）", "資料13に基づき説明。"),
     [("副会長", "委託先の従事者に対する研修はどのように確認するのか。"),
      ("税務課課長補佐", "契約書に研修の実施と報告を定める。")],
     "条件付きで承認した。（条件：委託先における研修の実施状況を年1回報告すること。）"),
    ("諮問事項", "ウ", "諮問第694号", "防犯カメラ映像の警察署への外部提供について", "危機管理課",
     ("事務局（危機管理課長）", "資料14に基づき説明。"),
     [("委員", "提供先での保存期間が示されていない。"),
      ("会長", "保存期間を確認のうえ、次回に改めて審議する。")],
     "継続審議とした。"),
    ("報告事項", "ア", None, "令和5年度個人情報保護制度の運用状況について", "情報政策課",
     ("事務局（情報政策課長）", "資料15に基づき報告。"), [], "報告を了承した。"),
]
DATE = "令和6年9月12日（木曜日）午後1時30分～午後3時45分"
PLACE = "青葉区役所本庁舎5階　第2委員会室"


def _people_lines(groups, *, bracket: bool) -> list[str]:
    lines = []
    for role, people in groups:
        names = "、".join(f"{title} {name}".strip() for title, name in people)
        lines.append(f"【{role}】 {names}" if bracket else f"{role} {names}")
    return lines


def build_minutes():
    doc = new_document("青葉区 総務部情報政策課", f"{MEETING} 会議録")
    para(doc, f"{MEETING}　会議録", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=14)
    box = doc.add_table(rows=3, cols=2)
    box.style = "Table Grid"
    for row, (label, value) in zip(box.rows, [("名　　称", MEETING), ("日　　時", DATE), ("場　　所", PLACE)]):
        fill_cell(row.cells[0], label)
        fill_cell(row.cells[1], value)
        row.cells[0].width, row.cells[1].width = Cm(2.2), Cm(13.8)
    para(doc, "出席者", bold=True)
    for line in _people_lines(ATTENDEES, bracket=True):
        para(doc, line)
    para(doc, "欠席者", bold=True)
    for line in _people_lines(ABSENTEES, bracket=True):
        para(doc, line)
    para(doc, "資料", bold=True)
    for m in MATERIALS:
        para(doc, f"・{m}")
    para(doc, "議題", bold=True)
    heading = None
    for n, (kind, label, number, title, dept, *_rest) in enumerate(ITEMS):
        if kind != heading:
            heading = kind
            para(doc, f"（{1 if kind == '諮問事項' else 2}）{kind}")
        para(doc, f"{label}　{number + '　' if number else ''}{title}【{dept}】")
    page_break(doc)
    para(doc, "会議の経過", bold=True)
    heading = None
    for kind, label, number, title, dept, explanation, questions, result in ITEMS:
        if kind != heading:
            heading = kind
            para(doc, f"（{1 if kind == '諮問事項' else 2}）{kind}")
        para(doc, f"{label}　{number + '　' if number else ''}{title}", bold=True)
        para(doc, "【説明】" if kind == "諮問事項" else "【報告】")
        para(doc, f"{explanation[0]}：{explanation[1]}")
        if questions:
            para(doc, "【質疑】")
            for speaker, text in questions:
                para(doc, f"{speaker}：{text}")
        para(doc, f"【結果】　{result}")
    return doc


def minutes_text_export() -> str:
    """The same minutes as a city's web page gives them (cf. ../shared/realminutes): numbered labels,
    one entry a line, the role before each name, blank lines between blocks."""
    out = [f"{MEETING} 会議録", "", "1 日時", "", DATE.replace("（", "(").replace("）", ")"), "",
           f"2 場所   {PLACE.replace('　', ' ')}", "3 出席者", ""]
    for role, people in ATTENDEES:
        if role in ("事務局", "説明者"):
            out += ["", f"{role}:" + " ".join(f"{t} {n}" for t, n in people[:1])]
            out += [f"{t} {n}" for t, n in people[1:]]
        else:
            out += [f"{role} {n}" for _, n in people]
    out += ["", "4 欠席者", ""] + [f"{role} {n}" for role, people in ABSENTEES for _, n in people]
    out += ["", "5 資料 " + "・".join(m.split()[0] for m in MATERIALS) + " [812KB pdfファイル]", "6 議題", ""]
    heading = None
    for n, (kind, label, number, title, dept, *_rest) in enumerate(ITEMS):
        if kind != heading:
            heading = kind
            out += ["" if n else "", f"({1 if kind == '諮問事項' else 2}){kind}"]
        out.append(f" {label} {number + ' ' if number else ''}{title}【{dept}】")
    out += ["", "7 会議の結果", ""]
    heading = None
    for kind, label, number, title, dept, explanation, questions, result in ITEMS:
        if kind != heading:
            heading = kind
            out += [f"({1 if kind == '諮問事項' else 2}){kind}"]
        out += [f"{label} {number + ' ' if number else ''}{title}", "", "【説明】" if kind == "諮問事項" else "【報告】",
                f"({explanation[0].replace('（', '(').replace('）', ')')})", f" {explanation[1]}"]
        if questions:
            out.append("【質疑】")
            for speaker, text in questions:
                out += [f"({speaker})", f" {text}"]
        out += [f"【結果】 {result}", ""]
    return "\n".join(out) + "\n"


def kekka_text() -> str:
    """A 会議結果 page: the header, who came, and each item with its result on its line."""
    members = [f"{n}【{role}】" if role in ("会長", "副会長") else n
               for role, people in ATTENDEES if role not in ("事務局", "説明者") for _, n in people]
    results = {"原案のとおり承認した。": "原案のとおり承認", "継続審議とした。": "継続審議", "報告を了承した。": "報告を了承"}
    lines = [f"{MEETING} 会議結果", "", "開催日時", "", "令和6年9月12日(木曜日)午後1時30分から午後3時45分まで", "",
             "開催場所", "", PLACE.replace("　", " "), "", "出席委員", "", "、".join(members), "",
             "事務局(情報政策課長ほか4名)", "", "欠席委員", "", "渡辺 直樹", "", "議題及び結果", ""]
    for n, (kind, label, number, title, dept, _e, _q, result) in enumerate(ITEMS, start=1):
        said = results.get(result, "条件付きで承認（条件：委託先における研修の実施状況を年1回報告すること。）")
        lines.append(f"{n} {title}（{number or '報告'}） {said}")
    return "\n".join(lines) + "\n"


PACKET = [  # (資料 number, 件名, basis, departments, fields, measures)
    ("12", "児童手当オンライン申請システムに係る外部結合について",
     "青葉区個人情報保護条例施行規則第5条第1項第3号（外部結合）", "子ども家庭部子育て支援課",
     [("事業名", "児童手当オンライン申請"), ("目的", "申請者が来庁することなく申請できるようにするため。"),
      ("取り扱う個人情報", "申請者の氏名、住所、生年月日、電話番号、口座番号"), ("結合の相手方", "国のマイナポータル")],
     [("通信を暗号化する。", "○"), ("アクセスログを取得し、定期的に確認する。", "○"), ("端末を施錠保管する。", "－")]),
    ("13", "税務システムの運用保守の業務委託について",
     "青葉区個人情報保護条例施行規則第5条第1項第5号（業務委託）", "区民部税務課",
     [("事業名", "税務システム運用保守"), ("目的", "システムを安定して運用するため。"),
      ("委託先に取り扱わせる個人情報", "納税義務者の氏名、住所、課税額、個人番号"), ("委託先", "株式会社青葉情報サービス")],
     [("従事者に研修を受講させる。", "○"), ("再委託を禁止する。", "○"), ("作業記録を提出させる。", "○")]),
    ("14", "防犯カメラ映像の警察署への外部提供について",
     "青葉区個人情報保護条例施行規則第5条第1項第2号（外部提供）", "危機管理部危機管理課",
     [("事業名", "防犯カメラの設置及び運用"), ("目的", "犯罪捜査に協力するため。"),
      ("提供する個人情報", "映像に記録された通行人の容貌、撮影日時"), ("提供先", "青葉警察署")],
     [("提供の記録を作成する。", "○"), ("提供先に目的外利用を禁止させる。", "○")]),
]


def build_packet():
    doc = new_document("青葉区 総務部情報政策課", f"{MEETING} 資料")
    for n, (number, title, basis, dept, fields, measures) in enumerate(PACKET):
        if n:
            page_break(doc)
        para(doc, f"{MEETING}（令和6年9月12日開催）　資料{number}", align=WD_ALIGN_PARAGRAPH.RIGHT)
        para(doc, f"{BODY}　付議事項", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=14)
        para(doc, f"件名　{title}")
        para(doc, f"根拠：{basis}")
        para(doc, f"（担当部課：{dept}）")
        para(doc, "事業の概要", bold=True)
        table = doc.add_table(rows=len(fields), cols=2)
        table.style = "Table Grid"
        for row, (key, value) in zip(table.rows, fields):
            fill_cell(row.cells[0], key)
            fill_cell(row.cells[1], value)
        para(doc, "区が行う情報保護対策", bold=True)
        checklist = doc.add_table(rows=len(measures) + 1, cols=2)
        checklist.style = "Table Grid"
        fill_cell(checklist.rows[0].cells[0], "対策内容")
        fill_cell(checklist.rows[0].cells[1], "実施")
        for row, (measure, mark) in zip(checklist.rows[1:], measures):
            fill_cell(row.cells[0], measure)
            fill_cell(row.cells[1], mark)
        para(doc, "対策を実施する場合は「○」、対策の必要がない場合は「－」")
    return doc


XLSX_SHEETS = [  # (sheet name, lines above, grid rows, lines under); a cell is text or (text, marked)
    ("付議内容", ["件名　児童手当オンライン申請システムに係る外部結合について",
               "※下線・太字の箇所が、令和6年度第2回青葉区個人情報保護審議会承認済からの変更部分"],
     [("事業名", "児童手当オンライン申請"), ("目的", "申請者が来庁することなく申請できるようにするため。"),
      ("取り扱う個人情報", ("申請者の氏名、住所、生年月日、電話番号、口座番号、配偶者の氏名", True)),
      ("結合の相手方", "国のマイナポータル")], []),
    ("チェックリスト", ["区が行う情報保護対策"],
     [("対策内容", "実施"), ("通信を暗号化する。", "○"), (("アクセスログを取得し、毎月確認する。", True), "○"),
      ("端末を施錠保管する。", "－")],
     ["対策を実施する場合は「○」、対策の必要がない場合は「－」"]),
]


def build_xlsx():
    """A checklist and an item list kept in Excel: a sheet each, marked cells bold and underlined."""
    import datetime as dt

    import openpyxl
    from openpyxl.styles import Font

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, above, grid, under in XLSX_SHEETS:
        ws = wb.create_sheet(name)
        rows = [[line] for line in above] + [list(r) for r in grid] + [[line] for line in under]
        for r, row in enumerate(rows, start=1):
            for c, cell in enumerate(row, start=1):
                text, marked = cell if isinstance(cell, tuple) else (cell, False)
                ws.cell(r, c, text).font = Font(name="ＭＳ ゴシック" if marked else "ＭＳ 明朝", bold=marked,
                                                 underline="single" if marked else None)
    wb.properties.creator = "青葉区 総務部情報政策課"
    wb.properties.created = wb.properties.modified = dt.datetime(2024, 12, 1, 9, 0, 0)
    return wb


class _ModifiedPinned:
    """openpyxl stamps docProps/core.xml with the time of saving; pinned here, so rebuilding gives
    the same bytes."""

    def __init__(self, workbook):
        self.workbook = workbook

    def save(self, out) -> None:
        import io
        import re
        import zipfile

        buf = io.BytesIO()
        self.workbook.save(buf)
        buf.seek(0)
        with zipfile.ZipFile(buf) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for name in src.namelist():
                data = src.read(name)
                if name == "docProps/core.xml":
                    data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2024-12-01T09:00:00Z", data)
                dst.writestr(name, data)


def build_xlsx_twin():
    """The same checklist and item list as a Word document: what the .xlsx must agree with."""
    from make_samples import add_text

    doc = new_document("青葉区 総務部情報政策課", "チェックリスト")
    for name, above, grid, under in XLSX_SHEETS:
        para(doc, name, bold=True)
        for line in above:
            para(doc, line)
        table = doc.add_table(rows=len(grid), cols=2)
        table.style = "Table Grid"
        for row, cells in zip(table.rows, grid):
            for target, cell in zip(row.cells, cells):
                text, marked = cell if isinstance(cell, tuple) else (cell, False)
                fill_cell(target, "")
                add_text(target.paragraphs[0], M(text) if marked else text)
        for line in under:
            para(doc, line)
    return doc


def main() -> int:
    SAMPLES.mkdir(exist_ok=True)
    docs = {"minutes_aoba_r6_3.docx": build_minutes, "packet_aoba_r6_3.docx": build_packet,
            "checklist_aoba_r6.docx": build_xlsx_twin}
    save_stable(_ModifiedPinned(build_xlsx()), SAMPLES / "checklist_aoba_r6.xlsx")
    print("wrote samples/checklist_aoba_r6.xlsx")
    for name, make in docs.items():
        save_stable(make(), SAMPLES / name)
        print(f"wrote samples/{name}")
    for name, text in {"minutes_aoba_r6_3_export.txt": minutes_text_export(), "kekka_aoba_r6_3.txt": kekka_text()}.items():
        (SAMPLES / name).write_text(text, encoding="utf-8")
        print(f"wrote samples/{name}")
    for pdf in libreoffice_pdfs([SAMPLES / name for name in docs]) + chromium_pdfs([SAMPLES / name for name in docs]):
        print(f"wrote {pdf.relative_to(ROOT)}")
    legacy = legacy_doc(SAMPLES / "variant_city_outsourcing.docx")
    if legacy:
        print(f"wrote {legacy.relative_to(ROOT)}")
    scan = scanned_pdf(SAMPLES / "variant_gothic_marking.lo.pdf")
    print(f"wrote {scan.relative_to(ROOT)}")
    return 0


def scanned_pdf(pdf: Path) -> Path:
    """``foo.lo.pdf`` → ``foo.scan.pdf``: its pages as 300 dpi greyscale images, no text layer."""
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        images = [page.to_image(resolution=300).original.convert("L") for page in doc.pages]
    target = pdf.with_name(pdf.name.replace(".lo.pdf", ".scan.pdf"))
    import time

    fixed = time.gmtime(1733043600)  # 2024-12-01 09:00 UTC: Pillow stamps the time of saving otherwise
    images[0].save(target, save_all=True, append_images=images[1:], resolution=300, creationDate=fixed, modDate=fixed)
    return target


def legacy_doc(docx_file: Path) -> Path | None:
    """``foo.docx`` → ``foo.doc`` (Word 97–2003) by LibreOffice: the legacy format of older archives."""
    import shutil
    import subprocess
    import tempfile

    soffice = shutil.which("soffice")
    if not soffice:
        print("skipped the .doc sample: soffice not found (apt-get install libreoffice-writer-nogui)", file=sys.stderr)
        return None
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to",
                        "doc:MS Word 97", "--outdir", tmp, str(docx_file)], check=True, capture_output=True,
                       timeout=300, env={"HOME": tmp, "PATH": "/usr/bin:/bin"})
        target = docx_file.with_suffix(".doc")
        target.write_bytes((Path(tmp) / f"{docx_file.stem}.doc").read_bytes())
    return target


if __name__ == "__main__":
    sys.exit(main())
