#!/usr/bin/env python3
"""Regenerate samples/: the seed text export and .docx reproductions of the same submission.

    .venv/bin/python scripts/make_samples.py        (or: make samples)

Writes
  samples/shinjuku_logo_r6_export.txt   the real seed text export, copied unchanged from
                                        ../shared/seed/ (kept as committed when ../shared is absent)
  samples/shinjuku_logo_r6.docx         a .docx laid out like the original submission: cover page with
                                        its key–value table, 別紙 key–value table, 【資料46-1】
                                        procedures table (担当課 merged over two rows), the four-group
                                        checklist with ○/－ marks, the ※ statement, and the changed
                                        passages in bold Gothic underlined
  samples/shinjuku_logo_r6_previous.docx  the previously approved version (令和6年度第7回): differs in
                                        the marked passages, and in two places the new version does
                                        NOT mark (結合の形態, the count of procedure 1)
  samples/variant_*.docx                layout variants (see samples/README.md)
  samples/*.lo.pdf                      each .docx exported by LibreOffice (libreoffice-writer-nogui,
                                        fonts-ipaexfont; ＭＳ明朝/ゴシック mapped to IPAex by fontconfig)
  samples/*.chromium.pdf                each .docx as HTML (LibreOffice) printed by headless Chromium

The .docx files are byte-stable (fixed core-property dates and zip timestamps), and so are the
PDFs (dates, document IDs and checksums zeroed): rebuilding changes nothing unless this script,
LibreOffice, Chromium or the fonts changed. After a deliberate change, rebuild the golden
JSON on purpose:  .venv/bin/python -m pytest tests/test_golden.py --update-golden
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SEED = ROOT.parent / "shared" / "seed" / "000_96aa1d2f7800e458.txt"

MINCHO, GOTHIC = "ＭＳ 明朝", "ＭＳ ゴシック"
FIXED_DATE = dt.datetime(2024, 12, 1, 9, 0, 0)


@dataclass(frozen=True)
class M:
    """A marked (changed) passage: bold Gothic underlined, as the ※ statement declares."""

    text: str


def set_font(run, name: str) -> None:
    run.font.name = name
    rpr = run._element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), name)


def add_text(paragraph, parts) -> None:
    """``parts``: a str, an M, or a list of both; M parts are bold Gothic underlined."""
    for part in parts if isinstance(parts, list) else [parts]:
        if isinstance(part, M):
            run = paragraph.add_run(part.text)
            run.bold = True
            run.underline = True
            set_font(run, GOTHIC)
        else:
            paragraph.add_run(part)


def para(doc, parts, *, bold=False, align=None, size=None):
    p = doc.add_paragraph()
    add_text(p, parts)
    if bold:
        for r in p.runs:
            r.bold = True
    if size:
        for r in p.runs:
            r.font.size = Pt(size)
    if align:
        p.alignment = align
    return p


def page_break(doc):
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def fill_cell(cell, content):
    """``content``: one paragraph (str/M/list) or a tuple of paragraphs."""
    paragraphs = content if isinstance(content, tuple) else (content,)
    first = True
    for parts in paragraphs:
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        add_text(p, parts)


def kv_table(doc, rows):
    table = doc.add_table(rows=len(rows), cols=2)
    table.style = "Table Grid"
    for (key, value), row in zip(rows, table.rows):
        fill_cell(row.cells[0], key)
        fill_cell(row.cells[1], value)
    return table


def merge_down(table, col, first_row, last_row):
    """A vertical merge the way Word writes it: vMerge restart, then continue cells."""
    table.cell(first_row, col).merge(table.cell(last_row, col))


def mark_header(row):
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    trpr.append(el)


# -- the submission's content --------------------------------------------------------------------

PURPOSE = "申請者が窓口に来庁することなく、24時間申請手続を可能とするため、行政手続のオンライン化を推進し、区民の利便性向上を図る。"
BUSINESS = (
    "1　概要",
    "区では、平成16年度から東京都及び都内区市町村で構成される東京電子自治体共同運営協議会が提供する「東京共同電子申請・届出サービス」を活用して、子どもや健康、防災、景観などに関する申請やイベントの申込みなどの手続をオンラインで受け付けてきた。",
    "今後、「東京共同電子申請・届出サービス」が令和6年度末で廃止され、よりサービス利用者にとって申請がしやすく、職員にとっても申請フォームを作成しやすい新たな電子申請サービス（ＬｏＧｏフォーム）（以下、「ＬｏＧｏフォーム」という。）が、東京都及び都内区市町村で共同調達・導入されることとなった。（令和6年度第1回個人情報保護管理運営会議承認済）",
    "ついては、区の電子申請による行政手続の導入促進等の観点から、下記3点にかかる電子申請のみ付議することとする。",
    "①単年度手続者が1,000人を超えることが想定される場合",
    "②オンライン決済機能を活用する場合",
    "③マイナンバーカードを活用した電子認証機能を活用する場合",
    "2　個人情報保護管理運営会議への付議内容",
    "新たに、資料46－1の手続をＬｏＧｏフォームに追加することで、さらなる区民の利便性の向上を図ることとするため、東京都及び都内区市町村で共同調達・導入するＬｏＧｏフォームに外部結合を行う。",
    "なお、当該手続は、上記①単年度手続者が1,000人を超えることが想定及び③マイナンバーカードを活用した電子認証機能を活用するため付議を行う。",
    "※申請者から区への個人情報の流れは、資料46－2のとおり",
)

ITEMS_LOSS = "現住所、前住所、世帯主の名前、電話番号、届出人の住所、氏名、続柄、電話番号、資格喪失者の氏名、ふりがな、生年月日、続柄、職業、在留資格、個人番号、個人番号変更歴"
ITEMS_GAIN = ITEMS_LOSS.replace("資格喪失者", "資格取得者")

SELF_OPERATIONAL = [
    "個人情報保護法及び新宿区情報セキュリティポリシーを遵守するよう指導する。また、クラウドサービスを利用する場合は、総務省「クラウドサービス提供における情報セキュリティ対策ガイドライン」を準拠するよう指導する。",
    "必要に応じて、事業者への立入り調査等を実施するとともに、結合先に対し速やかに状況報告をするよう指導する。",
    "システム上で不要となった電子データを削除し、電子データの消去を行ったことの報告書を提出するよう指導する。",
    "業務開始前に、事故、災害、トラブルに対応できる体制及び手順を整備し、結合先と緊急時の連絡体制や対応手順を確認する。",
    "事故が発生した場合又は個人情報保護及び情報セキュリティ対策の変更があった場合は、直ちに結合先と今後の対応を協議する。",
]
SELF_TECHNICAL = [
    "接続するネットワークについては、特定相手以外との通信を不可とする。",
    "ネットワーク機器やサーバを制御し、通信できるシステムを限定する。",
    "通信内容は暗号化し、通信途上の個人情報の盗用、改ざん、成りすましを防止する。",
    "ファイアウォールの設置、サーバの要塞化、侵入検知、セキュリティパッチの適用等の対策を講じ、外部からの不正侵入やデータ破壊・漏えい等各種の攻撃から防御する。",
    "コンピューターウイルス感染等がないよう、ウイルス対策ソフトウェアの導入及び最新のパターンファイルを適用する。",
    "ID・パスワードやアドレス情報による運用により、第三者による個人情報の盗用、改ざん、成りすましを防止する。",
    "個人情報を保存する場合は、保存先フォルダへアクセス権を設定するとともに、ファイルにパスワードを付すなど、情報へのアクセス制御を徹底する。",
    "システム・ネットワークの状態、機器操作、サービス利用等の監視及びアクセスログ等を取得する。取得したログは、定期的に分析する。",
    "サーバ冗長化、バックアップ等により、事故や障害発生時におけるシステム稼働体制を整備する。",
    "入退室管理等により情報資産の危殆化を防止する。",
    "システムを提供するサーバは日本国内の法が適用される安全性が確保された環境にする。",
]
COUNTER_OPERATIONAL = [
    "個人情報保護法及び新宿区情報セキュリティポリシーを遵守させる。また、クラウドサービスを利用する場合は、総務省「クラウドサービス提供における情報セキュリティ対策ガイドライン」を準拠させる。",
    "必要に応じて、事業者への立入り調査等を受けさせるとともに、結合先に対し速やかに状況報告をさせる。",
    "システム上で不要となった電子データを削除させ、電子データの消去を行ったことの報告書を提出させる。",
    "業務開始前に、事故、災害、トラブルに対応できる体制及び手順を整備させ、区と緊急時の連絡体制や対応手順を確認させる。",
    "事故が発生した場合又は個人情報保護及び情報セキュリティ対策の変更があった場合は、直ちに区と今後の対応を協議させる。",
]
COUNTER_TECHNICAL = [
    "接続するネットワークについては、特定相手以外との通信を不可とさせる。",
    "ネットワーク機器やサーバを制御し、通信できるシステムを限定させる。",
    "通信内容は暗号化させ、通信途上の個人情報の盗用、改ざん、成りすましを防止させる。",
    "ファイアウォールの設置、サーバの要塞化、侵入検知、セキュリティパッチの適用等の対策を講じさせ、外部からの不正侵入やデータ破壊・漏えい等各種の攻撃から防御させる。",
    "コンピューターウイルス感染等がないよう、ウイルス対策ソフトウェアの導入及び最新のパターンファイルを適用させる。",
    "ID・パスワードやアドレス情報による運用により、第三者による個人情報の盗用、改ざん、成りすましを防止させる。",
    "個人情報を保存する場合は、保存先フォルダへアクセス権を設定させるとともに、ファイルにパスワードを付すなど、情報へのアクセス制御を徹底させる。",
    "システム・ネットワークの状態、機器操作、サービス利用等の監視及びアクセスログ等を取得させる。取得したログは、定期的に分析させる。",
    "サーバ冗長化、バックアップ等により、事故や障害発生時におけるシステム稼働体制を整備させる。",
    "入退室管理等により情報資産の危殆化を防止させる。",
    "システムを提供するサーバは日本国内の法が適用される安全性が確保された環境にさせる。",
]
LEGEND = ("・対策が可能であれば「○」", "・対策の必要がない場合は「－」")


def checklist_table(doc, groups):
    """``groups``: [(group label, [(mark, measure parts)])]; each label merged down its rows."""
    n = sum(len(entries) for _, entries in groups)
    table = doc.add_table(rows=n + 1, cols=3)
    table.style = "Table Grid"
    fill_cell(table.cell(0, 1), LEGEND)
    fill_cell(table.cell(0, 2), "情報保護対策")
    mark_header(table.rows[0])
    r = 1
    for label, entries in groups:
        fill_cell(table.cell(r, 0), label)
        for mark, measure in entries:
            fill_cell(table.cell(r, 1), mark)
            table.cell(r, 1).paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            fill_cell(table.cell(r, 2), measure)
            r += 1
        merge_down(table, 0, r - len(entries), r - 1)


@dataclass(frozen=True)
class Version:
    """What differs between the approved version and the new one."""

    previous: bool

    def pick(self, old, new):
        return old if self.previous else new


def new_document(author: str, title: str) -> docx.Document:
    """A blank document with Mincho body text and fixed core properties."""
    doc = docx.Document()
    normal = doc.styles["Normal"]
    normal.font.name = MINCHO
    normal.font.size = Pt(10.5)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), MINCHO)
    core = doc.core_properties
    core.author = author
    core.title = title
    core.created = core.modified = FIXED_DATE
    core.last_modified_by = author
    core.revision = 1
    return doc


def build(version: Version) -> docx.Document:
    v = version
    doc = new_document("新宿区 総合政策部区政情報課", "個人情報保護管理運営会議 付議事項")

    # Cover page
    para(doc, "個人情報保護管理運営会議　付議事項", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=14)
    kv_table(doc, [("件名", "ＬｏＧｏフォームの利用に係る外部結合について（手続の追加）")])
    para(doc, "内容は別紙のとおり")
    para(doc, "要綱の根拠", bold=True)
    para(doc, "◇第3条第1項第3号（外部結合）")
    para(doc, "（担当部課：総合政策部区政情報課、情報システム課、健康部健康づくり課、医療保険年金課）")
    para(doc, "事業の概要", bold=True)
    kv_table(doc, [
        ("事業名", "行政手続のオンライン化等の推進"),
        ("担当課", v.pick("区政情報課、情報システム課、健康づくり課", "区政情報課、情報システム課、健康づくり課、医療保険年金課")),
        ("目的", PURPOSE),
        ("対象者", v.pick("資料30－1の手続の申請者", "資料46－1の手続の申請者")),
        ("事業内容", BUSINESS),
    ])
    page_break(doc)

    # 別紙
    para(doc, "別紙", align=WD_ALIGN_PARAGRAPH.RIGHT)
    para(doc, "件名　新たな電子申請サービス（ＬｏＧｏフォーム）の利用に係る外部結合について")
    if not v.previous:
        para(doc, "※太字ゴシック（下線）が、令和6年度第7回新宿区個人情報保護管理運営会議承認済の内容からの変更箇所")
    kv_table(doc, [
        ("保有課（担当課）", v.pick("区政情報課、情報システム課、健康づくり課",
                               ["区政情報課、情報システム課、健康づくり課", M("、医療保険年金課")])),
        ("登録業務の名称", v.pick("登録する手続（登録業務）は、資料30－1のとおり",
                              [M("追加する手続（登録業務）は、資料46－1のとおり")])),
        ("結合される情報項目（だれの、どのような項目か）", v.pick(
            "手続ごとの情報項目は、資料30－1のとおり", [M("追加する手続ごとの情報項目は、資料46－1のとおり")])),
        ("結合の相手方", "株式会社トラストバンク"),
        ("結合する理由", "当該電子申請サービスは、東京都及び都内の自治体が共同調達・利用することで高品質なサービスの廉価な提供を実現しているため。また、同サービスを活用することで、申請者は窓口に来庁することなく、24時間申請手続が可能となり、区民の利便性向上を図ることができるため。"),
        # Changed in the new version WITHOUT marking: 区の端末 → 区のインターネット端末.
        ("結合の形態", v.pick("ＬＧＷＡＮ回線を利用して、当該電子申請サービスの提供がされるクラウドサーバと区の端末を接続する。",
                           "ＬＧＷＡＮ回線を利用して、当該電子申請サービスの提供がされるクラウドサーバと区のインターネット端末を接続する。")),
        ("結合の開始時期と期間", v.pick("令和6年10月1日から令和7年3月31日まで（次年度以降も、同様の外部結合を行う。）",
                                  [M("令和6年12月20日"), "から令和7年3月31日まで（次年度以降も、同様の外部結合を行う。）"])),
        ("情報保護対策", "別紙チェックリストのとおり"),
    ])
    page_break(doc)

    # 資料46-1: procedures
    para(doc, v.pick("【資料30－1】", "【資料46－1】"), bold=True)
    para(doc, v.pick("【登録手続及び情報項目】", "【追加手続及び情報項目】"), bold=True)
    procedures = [
        # Changed in the new version WITHOUT marking: 約1,200件 → 約1,400件.
        ("1", "区政情報課", "法律相談・交通事故相談予約受付",
         "氏名、フリガナ、電話番号、区内在住・在勤の別、在住地・在勤地の住所、相談内容（選択式）、メールアドレス（任意）",
         v.pick("①約1,200件", "①約1,400件")),
        ("2", "健康づくり課", "健康診査・がん検診等受診券の請求",
         "保険種類、性別、生年月日、フリガナ、氏名、住所、電話番号、メールアドレス", "①約2,000件"),
    ]
    if not v.previous:
        procedures += [
            ("3", "医療保険年金課", "国民健康保険被保険者資格喪失届", ITEMS_LOSS, ("①約10,000件", "③マイナンバーカード")),
            ("4", "医療保険年金課", "国民健康保険被保険者資格取得届", ITEMS_GAIN, ("①約10,000件", "③マイナンバーカード")),
        ]
    table = doc.add_table(rows=len(procedures) + 1, cols=5)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ["No", "担当課", "手続名（登録業務名）", "取扱う個人情報項目", "付議内容"]):
        fill_cell(cell, text)
    mark_header(table.rows[0])
    for r, row in enumerate(procedures, start=1):
        for c, text in enumerate(row):
            if c == 1 and r == 4:
                continue  # 医療保険年金課 is one cell merged over procedures 3 and 4
            fill_cell(table.cell(r, c), text)
    if not v.previous:
        merge_down(table, 1, 3, 4)
    para(doc, "※①単年度手続者が1,000人を超えることが想定される場合、③マイナンバーカードを活用した電子認証機能を活用する場合")
    para(doc, "電子申請サービスに係る個人情報の流れ(住民等から区への申請)", bold=True)
    para(doc, "※1　「電子認証オプション」を活用した電子認証は、申請と併せ①の段階で行う。")
    para(doc, "※2　「電子決済オプション」を活用したオンライン決済は、④申請受付完了メール等の通知で決済金額を請求し、⑤の段階で行うほか、申請と併せ①の段階で行うこともできる。")
    page_break(doc)

    # Checklist, two pages as in the original
    heading = "4　外部結合にかかる個人情報保護対策チェックリスト"
    para(doc, heading, bold=True)
    self_technical = [("－" if "入退室" in m else "○", m) for m in SELF_TECHNICAL]
    checklist_table(doc, [
        ("区が行う情報保護対策　【運用上の対策】", [("○", m) for m in SELF_OPERATIONAL]),
        ("区が行う情報保護対策　【システム上の対策】", self_technical),
    ])
    page_break(doc)
    para(doc, heading, bold=True)
    counter_technical = [("○", m) for m in COUNTER_TECHNICAL[:-1]]
    last = COUNTER_TECHNICAL[-1]
    if v.previous:
        # Worded differently in the approved version; the new version does not mark the change.
        counter_technical.append(("○", last.replace("日本国内の法が適用される", "国内にある")))
    else:
        counter_technical.append(("○", last))
    checklist_table(doc, [
        ("結合先に行わせる　情報保護対策　【運用上の対策】", [("○", m) for m in COUNTER_OPERATIONAL]),
        ("結合先に行わせる　情報保護対策　【システム上の対策】", counter_technical),
    ])
    return doc


# -- layout variants: other municipalities write the same parts differently ---------------------


def build_city_outsourcing() -> docx.Document:
    """A 市 submission: 業務委託 to a 委託先, ◯/× marks, each checklist group in a row of its own,
    procedures columns in another order (業務名 first, no No column), 見出し：値 lines."""
    doc = new_document("架空市 市民部市民課", "個人情報保護審議会 諮問事項")
    para(doc, "令和7年度第2回架空市個人情報保護審議会　資料3", align=WD_ALIGN_PARAGRAPH.RIGHT)
    para(doc, "開催日：令和7年8月20日", align=WD_ALIGN_PARAGRAPH.RIGHT)
    para(doc, "個人情報保護審議会　諮問事項", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    kv_table(doc, [("件名", "住民票の写し等交付事務の業務委託について"),
                   ("担当課", "市民部市民課"),
                   ("委託先", "株式会社架空サービス"),
                   ("委託の期間", "令和7年10月1日から令和10年9月30日まで")])
    para(doc, "根拠：架空市個人情報保護条例施行規則第5条第2号（業務委託）")
    para(doc, "※下線部分が、令和6年度第4回架空市個人情報保護審議会承認済の内容からの変更箇所")
    p = doc.add_paragraph()
    add_text(p, "委託する業務は、窓口での申請受付、")
    run = p.add_run("証明書の交付及び手数料の収納")
    run.underline = True
    add_text(p, "とする。")
    para(doc, "【資料3－1】委託業務及び情報項目", bold=True)
    table = doc.add_table(rows=3, cols=4)
    table.style = "Table Grid"
    rows = [("業務名", "情報項目", "担当課", "付議内容"),
            ("住民票の写し等交付申請受付", "申請者の氏名、住所、生年月日、電話番号及び本人確認書類の種類", "市民課", "約48,000件"),
            ("手数料の収納", "申請者の氏名、金額", "市民課", "②約30,000件")]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            fill_cell(table.cell(r, c), text)
    mark_header(table.rows[0])
    para(doc, "※②オンライン決済機能を活用する場合")
    para(doc, "5　業務委託にかかる個人情報保護対策チェックリスト", bold=True)
    para(doc, "実施するものに「◯」、実施しないものに「×」を記入")
    groups = [
        ("市が行う情報保護対策【運用上の対策】",
         [("◯", "委託先に個人情報保護に関する誓約書を提出させる。"), ("◯", "委託先の従事者名簿を提出させる。")]),
        ("委託先に行わせる情報保護対策【運用上の対策】",
         [("◯", "従事者に個人情報保護研修を受講させる。"), ("×", "個人情報を含む書類の持ち出しを記録させる。")]),
        ("委託先に行わせる情報保護対策【システム上の対策】",
         [("◯", "端末にログイン認証を設定させる。"), ("◯", "通信を暗号化させる。")]),
    ]
    n = sum(1 + len(entries) for _, entries in groups)
    table = doc.add_table(rows=n + 1, cols=2)
    table.style = "Table Grid"
    fill_cell(table.cell(0, 0), "実施")
    fill_cell(table.cell(0, 1), "対策内容")
    mark_header(table.rows[0])
    r = 1
    for label, entries in groups:
        table.cell(r, 0).merge(table.cell(r, 1))
        fill_cell(table.cell(r, 0), label)
        r += 1
        for mark, measure in entries:
            fill_cell(table.cell(r, 0), mark)
            fill_cell(table.cell(r, 1), measure)
            r += 1
    return doc


FORMS = [("転入届", "転入者の氏名、生年月日、性別、続柄、住所、前住所、個人番号"),
         ("転出届", "転出者の氏名、住所、転出先住所、個人番号"),
         ("児童手当認定請求", "請求者の氏名、個人番号、口座番号、対象児童の氏名、生年月日"),
         ("保育所入所申込", "保護者の氏名、勤務先、所得、児童の氏名、健康状態"),
         ("介護保険認定申請", "被保険者の氏名、被保険者番号、主治医の氏名、病歴")]


def build_long_procedures() -> docx.Document:
    """Procedures in another column order (手続名, 情報項目, No, 担当課, 付議内容) over 40 rows, so the
    table crosses a page with its header row repeated; the checklist legend stands above the table."""
    doc = new_document("架空区 区民部", "個人情報保護管理運営会議 付議事項")
    para(doc, "個人情報保護管理運営会議　付議事項", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    kv_table(doc, [("件名", "電子申請手続の追加に伴う外部結合について"), ("担当課", "区民部戸籍住民課、子ども家庭部子ども家庭課")])
    para(doc, "◇第3条第1項第3号（外部結合）")
    para(doc, "【資料12－1】", bold=True)
    table = doc.add_table(rows=41, cols=5)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ["手続名", "取扱う個人情報項目", "No", "担当課", "付議内容"]):
        fill_cell(cell, text)
    mark_header(table.rows[0])
    for i in range(40):
        name, items = FORMS[i % len(FORMS)]
        row = table.rows[i + 1].cells
        fill_cell(row[0], f"{name}（第{i // len(FORMS) + 1}版）")
        fill_cell(row[1], items)
        fill_cell(row[2], str(i + 1))
        fill_cell(row[3], "戸籍住民課" if i < 20 else "子ども家庭課")
        fill_cell(row[4], ("①約1,200件", "③マイナンバーカード") if i % 2 else "①約1,200件")
    para(doc, "※①単年度手続者が1,000人を超えることが想定される場合、③マイナンバーカードを活用した電子認証機能を活用する場合")
    para(doc, "4　外部結合にかかる個人情報保護対策チェックリスト", bold=True)
    para(doc, "対策が可能であれば「○」、対策の必要がない場合は「－」")
    checklist_table(doc, [
        ("区が行う情報保護対策　【運用上の対策】", [("○", SELF_OPERATIONAL[0]), ("－", SELF_OPERATIONAL[1])]),
        ("結合先に行わせる　情報保護対策　【システム上の対策】", [("○", COUNTER_TECHNICAL[0])]),
    ])
    return doc


def build_gothic_marking() -> docx.Document:
    """Changes marked by Gothic type alone; ✓ marks, a blank mark and one the legend does not know (△)."""
    doc = new_document("架空町 総務課", "個人情報保護審議会 付議事項")
    para(doc, "付議事項", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    kv_table(doc, [("件名", "防災行政無線登録情報の目的外利用について"),
                   ("担当課", "総務課")])
    para(doc, "◇第6条第2項（目的外利用）")
    para(doc, "※ゴシック体の部分が、前回承認済の内容からの変更箇所")
    table = doc.add_table(rows=2, cols=2)
    table.style = "Table Grid"
    fill_cell(table.cell(0, 0), "利用する情報項目")
    p = table.cell(0, 1).paragraphs[0]
    p.add_run("登録者の氏名、住所、")
    run = p.add_run("携帯電話番号")
    set_font(run, GOTHIC)
    fill_cell(table.cell(1, 0), "利用の期間")
    fill_cell(table.cell(1, 1), "令和8年4月1日から")
    para(doc, "3　個人情報保護対策チェックリスト", bold=True)
    checklist_table(doc, [
        ("町が行う情報保護対策【運用上の対策】",
         [("✓", "利用者を限定する。"), ("", "利用記録を残す。"), ("△", "年1回点検する。")]),
    ])
    return doc


def save_stable(doc, path: Path) -> None:
    """Save with fixed zip timestamps and entry order, so the bytes depend only on the content."""
    buf = io.BytesIO()
    doc.save(buf)
    buf.seek(0)
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in sorted(src.namelist(), key=lambda n: (n != "[Content_Types].xml", n)):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(name))
    path.write_bytes(out.getvalue())


# No ＭＳ 明朝/ＭＳ ゴシック here: without a mapping LibreOffice sets Mincho text in a Gothic face and
# loses the very difference the change marking rests on. LibreOffice emboldens with text render
# mode 2, so the IPAex fonts (fonts-ipaexfont) serve; Chromium's synthetic bold leaves no trace in
# the PDF, so it gets faces with a real bold weight (fonts-noto-cjk).
FONTCONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <match target="pattern"><test name="family" qual="any"><string>ＭＳ 明朝</string></test>
    <edit name="family" mode="assign" binding="strong"><string>{mincho}</string></edit></match>
  <match target="pattern"><test name="family" qual="any"><string>ＭＳ ゴシック</string></test>
    <edit name="family" mode="assign" binding="strong"><string>{gothic}</string></edit></match>
</fontconfig>
"""
LIBREOFFICE_FONTS = {"mincho": "IPAexMincho", "gothic": "IPAexGothic"}
CHROMIUM_FONTS = {"mincho": "Noto Serif CJK JP", "gothic": "Noto Sans CJK JP"}


def soffice_convert(soffice: str, docx_files: list[Path], to: str, tmp: str, fonts: dict) -> dict:
    """Convert ``docx_files`` into ``tmp`` with LibreOffice under a fontconfig that maps the MS
    fonts to ``fonts``; returns that environment for the next step."""
    conf = Path(tmp) / "fonts.conf"
    conf.write_text(FONTCONFIG.format(**fonts), encoding="utf-8")
    env = dict(os.environ, FONTCONFIG_FILE=str(conf), HOME=tmp)
    subprocess.run([soffice, "--headless", "--convert-to", to, "--outdir", tmp, *map(str, docx_files)],
                   check=True, env=env, capture_output=True, timeout=300)
    return env


def libreoffice_pdfs(docx_files: list[Path]) -> list[Path]:
    """``foo.docx`` → ``foo.lo.pdf`` beside it, exported by LibreOffice (libreoffice-writer-nogui)."""
    soffice = shutil.which("soffice")
    if not soffice:
        print("skipped PDF exports: soffice not found (apt-get install libreoffice-writer-nogui "
              "fonts-ipaexfont)", file=sys.stderr)
        return []
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        soffice_convert(soffice, docx_files, "pdf", tmp, LIBREOFFICE_FONTS)
        for docx_file in docx_files:
            target = docx_file.with_name(docx_file.name.replace(".docx", ".lo.pdf"))
            stabilise_pdf(Path(tmp) / f"{docx_file.stem}.pdf", target)
            out.append(target)
    return out


CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--no-pdf-header-footer"]


def chromium_pdfs(docx_files: list[Path]) -> list[Path]:
    """``foo.docx`` → ``foo.chromium.pdf``: LibreOffice writes HTML, headless Chromium prints it.

    A second producer that draws tables as boxes and underlines as filled rectangles, leaves a
    cut table row open at the page break, and maps some ideographs to Kangxi radicals.
    """
    soffice, chromium = shutil.which("soffice"), shutil.which("chromium") or shutil.which("chromium-browser")
    if not (soffice and chromium):
        print("skipped Chromium PDFs: soffice or chromium not found (apt-get install chromium fonts-noto-cjk)",
              file=sys.stderr)
        return []
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        env = soffice_convert(soffice, docx_files, "html", tmp, CHROMIUM_FONTS)
        for docx_file in docx_files:
            html = Path(tmp) / f"{docx_file.stem}.html"
            printed = Path(tmp) / f"{docx_file.stem}.chromium.pdf"
            subprocess.run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={tmp}/profile",
                            f"--print-to-pdf={printed}", html.as_uri()],
                           check=True, env=env, capture_output=True, timeout=120)
            target = docx_file.with_name(docx_file.name.replace(".docx", ".chromium.pdf"))
            stabilise_pdf(printed, target)
            out.append(target)
    return out


def stabilise_pdf(source: Path, target: Path) -> None:
    """Pin the creation/modification dates and blank the random document ID, so rebuilding gives the
    same bytes — each replaced by one of the same length, so every offset the xref table records
    stays true and the file stays a valid PDF (tests/test_samples.py checks it)."""
    import re

    template = "20241201090000" + "0" * 16

    def pinned_date(m: re.Match) -> bytes:
        digits = iter(template)
        return re.sub(rb"\d", lambda _: next(digits).encode(), m.group(0))

    def zeros(m: re.Match) -> bytes:
        return b"0" * len(m.group(0))

    data = source.read_bytes()
    data = re.sub(rb"(?<=/CreationDate)\s*\(D:[^)]*\)|(?<=/ModDate)\s*\(D:[^)]*\)", pinned_date, data)
    data = re.sub(rb"/ID\s*\[\s*<[0-9A-Fa-f]+>\s*<[0-9A-Fa-f]+>\s*\]",
                  lambda m: re.sub(rb"(?<=<)[0-9A-Fa-f]+(?=>)", zeros, m.group(0)), data)
    data = re.sub(rb"(?<=/DocChecksum)\s*/[0-9A-Fa-f]+", lambda m: re.sub(rb"[0-9A-Fa-f]+$", zeros, m.group(0)), data)
    if len(data) != source.stat().st_size:
        raise RuntimeError(f"{source.name}: stabilising changed its length; its xref would be wrong")
    target.write_bytes(data)


def main() -> int:
    SAMPLES.mkdir(exist_ok=True)
    export = SAMPLES / "shinjuku_logo_r6_export.txt"
    if SEED.exists():
        shutil.copyfile(SEED, export)
        print(f"copied {SEED.name} -> {export.relative_to(ROOT)}")
    elif not export.exists():
        print(f"error: {SEED} is missing and no committed copy exists; check out ../shared", file=sys.stderr)
        return 1
    builders = {
        "shinjuku_logo_r6.docx": lambda: build(Version(previous=False)),
        "shinjuku_logo_r6_previous.docx": lambda: build(Version(previous=True)),
        "variant_city_outsourcing.docx": build_city_outsourcing,
        "variant_long_procedures.docx": build_long_procedures,
        "variant_gothic_marking.docx": build_gothic_marking,
    }
    for name, make in builders.items():
        target = SAMPLES / name
        save_stable(make(), target)
        print(f"wrote {target.relative_to(ROOT)}")
    docx_files = [SAMPLES / name for name in builders]
    for pdf in libreoffice_pdfs(docx_files) + chromium_pdfs(docx_files):
        print(f"wrote {pdf.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
