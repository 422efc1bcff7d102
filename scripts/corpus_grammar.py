"""A grammar of council submissions: varied documents together with the truth the generator knows.

Used by ``scripts/make_corpus.py`` (which renders each document to .docx, LibreOffice PDF,
Chromium PDF and a text export) and read by nothing in ``extractor/``: the truth here is written
from the generator's own choices, in the terms of ``../shared/docs/output-contract.md``, never by
running the extractor.

Every text is held in its *canonical* (normalised) form; rendering damages it the way real
documents are damaged (full-width digits and punctuation, 旧字体 and letter-spaced Latin in text
exports, ideographic spaces, wrapped lines), so the truth is what a careful reader would type.

A document is a list of blocks:
  Para(parts, bold, align)              a paragraph of Parts
  Tab(grid, header_rows, role)          a table; grid[r][c] is a Cell or None where a merge covers
A Part is canonical text with ``marked`` (a changed passage, styled as the document declares) and
``gothic`` (set in a Gothic face for its own sake, e.g. a check mark: never a changed passage).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

# -- the document model --------------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    text: str
    marked: bool = False
    gothic: bool = False


@dataclass(frozen=True)
class Para:
    parts: tuple[Part, ...]
    bold: bool = False
    align: str | None = None  # "center" / "right"
    wrap_at: int | None = None  # where a text export breaks this paragraph's line (its own wrap)

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.parts)


@dataclass(frozen=True)
class Cell:
    paras: tuple[tuple[Part, ...], ...]
    row_span: int = 1
    col_span: int = 1
    center: bool = False
    repeat_in_text: bool = False  # a text export repeats this merged cell's text in every row it spans
    spread: bool = False  # a label printed spread with U+3000 (委　託　先): its text is the label joined

    @property
    def text(self) -> str:
        """The cell's text in the contract's terms: its lines joined, a line break kept only after a
        sentence or a numbered heading and before a line that starts an item (where a narrow cell's lines end is the layout's, not the text's)."""
        out, last = "", ""
        for para in self.paras:
            line = "".join(p.text for p in para).strip()
            if not line:
                continue
            if out and (ITEM_START.match(line) or last.endswith("。")
                        or (ITEM_START.match(last) and len(last) <= 20 and "、" not in last)):
                out += "\n"
            elif out and out[-1:].isascii() and out[-1:].isalnum() and line[:1].isascii() and line[:1].isalnum():
                out += " "
            out += line
            last = line
        if self.spread:
            out = out.replace("\u3000", "")
        return out


@dataclass
class Tab:
    grid: list[list[Cell | None]]
    header_rows: int = 0
    role: str = "other"  # kv / procedures / checklist / items / other
    radio_marks: bool = False  # the text export writes ○ as <input type="radio"/>


def parts(*items) -> tuple[Part, ...]:
    """str → unmarked Part; Part kept."""
    return tuple(i if isinstance(i, Part) else Part(i) for i in items if (i.text if isinstance(i, Part) else i))


def cell(*paras, **kw) -> Cell:
    return Cell(tuple(p if isinstance(p, tuple) else parts(p) for p in paras), **kw)


GLYPHS = "○◯〇●－×✓☑☐△・"


def spread_label(key: str) -> str:
    """A short label spread over its cell with ideographic spaces, as typists do: 委託先 → 委　託　先,
    提供先 → 提　供　先, a two-character one with two (件　　名); longer labels stay as they are."""
    if len(key) == 2:
        return key[0] + "\u3000\u3000" + key[1]
    return "\u3000".join(key) if len(key) <= 4 else key


# a line that starts an item of its own (①, ※, ・, ◇ …, ``1 `` / ``1.`` but not ``1.2``)
ITEM_START = re.compile(r"^[①-⑳※・◇◆■□○●]|^\d{1,2}(?:[\s　)）]|[.．](?!\d))")


def marked_runs(ps: tuple[Part, ...]) -> list[str]:
    """Adjacent marked parts merged: the marked substrings, in order; a check mark alone is no passage."""
    out, prev = [], False
    for p in ps:
        if p.marked:
            if prev:
                out[-1] += p.text
            else:
                out.append(p.text)
        prev = p.marked
    return [t for t in out if t.strip(" " + GLYPHS)]


# -- vocabulary pools: how other wards and cities write the same parts --------------------------

MUNICIPALITIES = [("青葉", "区"), ("緑川", "市"), ("東山", "町"), ("桜台", "村"), ("北浜", "市"), ("若葉", "区"),
                  ("白石", "県"), ("港南", "区"), ("川辺", "町"), ("南条", "市"), ("西原", "村"), ("朝日", "都")]
BODIES = ["個人情報保護審議会", "個人情報保護運営審議会", "情報公開・個人情報保護審議会", "個人情報保護管理運営会議",
          "個人情報保護制度審議会", "情報公開個人情報保護審議会"]
SUBMISSION_WORDS = ["付議事項", "諮問事項", "審議事項", "報告事項"]
DIVISIONS = {  # 部/局 → 課/係/担当
    "総務部": ["情報政策課", "文書法制課", "デジタル推進担当"],
    "市民部": ["市民課", "戸籍住民課", "住民記録係"],
    "健康福祉部": ["健康づくり課", "障害福祉課", "介護保険課"],
    "子ども家庭部": ["子育て支援課", "保育課", "児童相談担当"],
    "福祉局": ["生活福祉課", "高齢者支援課"],
    "環境局": ["ごみ減量推進課", "環境保全課"],
    "教育委員会事務局": ["学務課", "生涯学習課"],
    "保健医療部": ["医療保険年金課", "保健予防課"],
}
COMPANIES = ["株式会社青空システムズ", "株式会社ミライデータサービス", "合同会社さくら情報処理", "一般財団法人地域情報センター",
             "株式会社トラストネット", "株式会社北斗ソリューション"]
# A clause an entry gains or loses where it stands (an in-place rewrite, not a removal and an addition).
CLAUSES = ["ただし、やむを得ない場合は事前に書面による承諾を得させる。", "なお、実施状況は年1回以上確認し、その結果を記録する。",
           "また、取扱者の名簿を作成し、変更があった都度更新する。"]
SERVICES = ["電子申請サービス（LoGoフォーム）", "児童手当オンライン申請システム", "健康管理システム", "施設予約システム",
            "住民票の写し等交付事務", "図書館利用者管理システム", "防災情報配信サービス", "粗大ごみ受付センター業務",
            "保育所入所選考事務", "介護認定調査業務"]

AGENDAS = {
    "external_connection": dict(word="外部結合", counterparties=["結合先", "相手方"], tail="の利用に係る外部結合について"),
    "outsourcing": dict(word="業務委託", counterparties=["委託先", "受託者", "受託事業者"], tail="に係る業務委託について"),
    "external_provision": dict(word="外部提供", counterparties=["提供先"], tail="に係る個人情報の外部提供について"),
    "purpose_outside_use": dict(word="目的外利用", counterparties=[], tail="に係る個人情報の目的外利用について"),
    "indirect_collection": dict(word="本人以外からの収集", counterparties=[], tail="に係る本人以外からの個人情報の収集について"),
}

SUBJECTS = ["申請者", "届出人", "世帯主", "対象児童", "保護者", "受診者", "利用者", "被保険者", "相談者", "登録者"]
ITEMS = ["氏名", "住所", "生年月日", "性別", "電話番号", "メールアドレス", "続柄", "職業", "個人番号", "口座番号",
         "所得", "被保険者番号", "勤務先", "在留資格", "国籍", "フリガナ", "障害の有無", "病歴", "年齢", "学校名"]
QUALIFIERS = ["任意", "選択式"]

PROCEDURE_THINGS = ["転入", "児童手当", "保育所入所", "要介護認定", "粗大ごみ収集", "図書館利用", "がん検診",
                    "防災メール", "放課後児童クラブ", "就学援助", "高額療養費", "駐輪場定期利用", "健康相談",
                    "子育て相談", "印鑑登録", "犬の登録", "国民健康保険資格取得", "ひとり親家庭医療費助成",
                    "住民票の写し交付", "施設利用"]
PROCEDURE_ACTIONS = ["届", "申請", "申込", "請求", "予約受付", "登録申請", "変更届"]

# (what the municipality does, what it has the counterparty do — written in the counterparty's voice)
MEASURES_OPERATIONAL = [
    ("個人情報保護法及び情報セキュリティポリシーを遵守するよう指導する。", "個人情報保護法及び情報セキュリティポリシーを遵守させる。"),
    ("従事者に対し個人情報保護に関する研修を実施する。", "従事者に個人情報保護に関する研修を受講させる。"),
    ("必要に応じて立入り調査を実施し、状況報告を求める。", "立入り調査に応じさせ、速やかに状況を報告させる。"),
    ("不要となった電子データを消去し、消去の記録を保存する。", "不要となった電子データを消去させ、消去証明書を提出させる。"),
    ("事故発生時の連絡体制及び対応手順を整備する。", "事故発生時の連絡体制及び対応手順を整備させる。"),
    ("個人情報を含む書類の持出しを禁止する。", "個人情報を含む書類の持出しを禁止させる。"),
    ("再委託を行う場合は事前に承認を得ることとする。", "再委託を行う場合は事前に承認を得させる。"),
    ("作業場所への入退室を記録し、定期的に確認する。", "作業場所への入退室を記録させ、定期的に報告させる。"),
]
MEASURES_TECHNICAL = [
    ("接続するネットワークは特定相手以外との通信を不可とする。", "接続するネットワークは特定相手以外との通信を不可とさせる。"),
    ("通信内容はTLS1.2以上で暗号化する。", "通信内容はTLS1.2以上で暗号化させる。"),
    ("ファイアウォールを設置し、外部からの不正侵入を防止する。", "ファイアウォールを設置させ、外部からの不正侵入を防止させる。"),
    ("ウイルス対策ソフトウェアを導入し、最新のパターンファイルを適用する。", "ウイルス対策ソフトウェアを導入させ、最新のパターンファイルを適用させる。"),
    ("ID・パスワードにより利用者を認証し、なりすましを防止する。", "ID・パスワードにより利用者を認証させ、なりすましを防止させる。"),
    ("アクセスログを取得し、定期的に分析する。", "アクセスログを取得させ、定期的に分析させる。"),
    ("サーバを冗長化し、バックアップを取得する。", "サーバを冗長化させ、バックアップを取得させる。"),
    ("データを保存するサーバは日本国内に設置する。", "データを保存するサーバは日本国内に設置させる。"),
]
# rewordings a new version makes to a measure: (old phrase, new phrase), both present in some measure
REWORDINGS = [("定期的に", "毎月"), ("最新の", "常に最新の"), ("日本国内", "日本国内の安全な環境"), ("研修", "年1回の研修"),
              ("事前に", "書面により事前に"), ("不正侵入", "不正侵入及び改ざん")]

SELF_LABELS = ["{m}が行う情報保護対策", "{m}が講ずる措置", "{m}が実施する情報保護対策", "{m}の対策"]
COUNTER_LABELS = ["{c}に行わせる情報保護対策", "{c}に求める対策", "{c}に実施させる対策", "{c}が講ずる対策",
                  "{c}に遵守させる事項", "{c}に行なわせる情報保護対策"]
KIND_LABELS = {"operational": ["【運用上の対策】", "（運用面）", "【人的・物理的安全管理措置】", "【管理的対策】"],
               "technical": ["【システム上の対策】", "（システム面）", "【技術的安全管理措置】", "【技術的対策】"]}

MARK_STYLES = [
    dict(yes="○", no="－", legend=("・対策が可能であれば「○」", "・対策の必要がない場合は「－」"), no_status="not_needed"),
    dict(yes="◯", no="×", legend=("実施するものに「◯」、実施しないものに「×」を記入",), no_status="not_applied"),
    dict(yes="☑", no="☐", legend=("実施する対策は「☑」、実施しない対策は「☐」",), no_status="not_applied"),
    dict(yes="✓", no="", legend=("該当する対策に「✓」を記入",), no_status="unmarked"),
    dict(yes="〇", no="－", legend=("講じる対策は「〇」、不要な対策は「－」",), no_status="not_needed"),
]

# How changes are marked: the styles, and the ※ sentence naming them (styles in the order it names them).
MARKINGS = {
    "bgu": (("bold", "gothic", "underline"), "※太字ゴシック（下線）が、{ref}の内容からの変更箇所"),
    "bu": (("bold", "underline"), "※太字・下線部分は、{ref}の内容からの変更箇所"),
    "u": (("underline",), "※下線部分が、{ref}の内容からの変更箇所"),
    "g": (("gothic",), "※ゴシック体の部分が、{ref}の内容からの変更箇所"),
    "ub": (("underline", "bold"), "※下線・太字の箇所が、{ref}からの変更部分"),
}
# The marking family (issue 21): changes marked by colour (赤字), shading (網掛け), a double underline,
# italics, bold alone, or colour with bold, each declared in several wordings. A key → (styles in the
# order the sentence names them, the sentences that may declare it). The sentences put the reference
# where real ones do: after the style (…が、{ref}の内容から…), first (※{ref}からの変更箇所を…), or in
# brackets after the statement (…で示す（{ref}の内容からの変更）).
STYLED_MARKINGS = {
    "red": (("color",), ["※赤字部分が、{ref}からの変更箇所", "※赤字の箇所は、{ref}の内容からの変更点",
                         "※{ref}の内容からの変更箇所を赤字で示す。", "※変更箇所は赤字で表示（{ref}の内容からの変更）"]),
    "red_bold": (("color", "bold"), ["※赤字・太字の部分は、{ref}の内容からの変更箇所",
                                     "※{ref}からの変更箇所を赤字（太字）で示す。"]),
    "shade": (("shading",), ["※網掛け部分は、{ref}の内容からの変更点", "※網掛けの箇所が、{ref}からの変更箇所",
                             "※{ref}の内容からの変更箇所に網掛けをしている。"]),
    "double": (("double_underline",), ["※変更箇所を二重下線で示す（{ref}の内容からの変更）",
                                       "※二重下線部分が、{ref}の内容からの変更箇所"]),
    "italic": (("italic",), ["※斜体の部分は、{ref}の内容からの変更箇所", "※{ref}からの変更箇所を斜体で示す。"]),
    "bold": (("bold",), ["※太字部分が、{ref}の内容からの変更箇所", "※変更箇所は太字で示す（{ref}の内容からの変更）"]),
}
# how the reference is worded: the approved meeting's 承認済 (the first), or another way of saying it
# how an item list's rows say the data is obtained, in an item-column table (the item_place family)
ITEM_METHODS = ["窓口", "電子申請", "郵送", "窓口・郵送", "本人から直接"]
REFERENCE_TAILS = ["承認済", "承認済", "で承認済み", "承認時", "承認分"]
# a checklist laid out with one column per answer: the answers' headers and what the second one means
ANSWER_PAIRS = [("該当", "非該当", "not_needed"), ("はい", "いいえ", "not_applied"), ("実施する", "実施しない", "not_applied"),
                ("実施", "未実施", "not_applied")]
CHECKLIST_LAYOUTS = ["merged_first", "group_rows", "group_right", "caption_party", "no_column"]
PROCEDURE_HEADERS = {
    "no": ["No", "No.", "番号", "項番"],
    "department": ["担当課", "所管課", "担当部署"],
    "name": ["手続名（登録業務名）", "手続名", "業務名", "手続の名称"],
    "items": ["取扱う個人情報項目", "取り扱う個人情報項目", "個人情報項目", "収集する情報項目", "取扱い個人情報の項目"],
    "grounds": ["付議内容", "付議理由", "該当区分"],
}
GROUNDS = {1: "単年度手続者が1,000人を超えることが想定される場合", 2: "オンライン決済機能を活用する場合",
           3: "マイナンバーカードを活用した電子認証機能を活用する場合"}


def marking_styles(key: str) -> tuple[str, ...]:
    """The styles a marking key declares, in the order its sentence names them."""
    return (MARKINGS.get(key) or STYLED_MARKINGS[key])[0]


def era_date(d: date) -> str:
    if d >= date(2019, 5, 1):
        y = d.year - 2018
        return f"令和{'元' if y == 1 else y}年{d.month}月{d.day}日"
    return f"平成{d.year - 1988}年{d.month}月{d.day}日"


def era_year(fy: int) -> str:
    if fy < 2019:
        return f"平成{fy - 1988}年度"
    y = fy - 2018
    return f"令和{'元' if y == 1 else y}年度"


# -- the document --------------------------------------------------------------------------------


@dataclass
class Slot:
    """One place where the new version differs from the approved one."""

    kind: str  # field / count / measure / proc_added / item_added / mark
    marked: bool
    data: dict = field(default_factory=dict)


# The style families whose other choices the readers do not hold yet, each pinned to the choice they
# hold (a grid, no running header …). ``Submission(seed, held=True)`` pins them: the committed subset
# (tests/corpus, whose tests require every family and PDF ≡ .docx) is made so, while ``make corpus``
# varies every family and its figures show what is not held (README, known limits).
# family: (attribute, the held choice, as the style record names it)
NOT_HELD = {"ruling": ("ruling", "grid", "grid"), "labels": ("spread_labels", False, "plain"),
            "running_header": ("running_header", None, "none"), "page_number": ("page_number", None, "none"),
            "landscape": ("landscape", False, "false"), "annex": ("annex", False, "false"),
            "table_gap": ("table_gap", "empty", "empty")}


class Submission:
    """One generated submission: ``compose(previous=…)`` gives its blocks and its truth."""

    def __init__(self, seed: int, held: bool = False):
        self.seed = seed
        self.held = held
        rng = self.rng = random.Random(seed)
        self.muni_name, self.muni_kind = rng.choice(MUNICIPALITIES)
        self.m = self.muni_name + self.muni_kind
        self.agenda_type = rng.choice(list(AGENDAS))
        self.agenda = AGENDAS[self.agenda_type]
        self.counterparty = rng.choice(self.agenda["counterparties"]) if self.agenda["counterparties"] else None
        self.body = (self.m if rng.random() < 0.6 else "") + rng.choice(BODIES)
        self.word = rng.choice(SUBMISSION_WORDS[:3])
        self.service = rng.choice(SERVICES)
        self.amend = rng.random() < 0.35
        self.parent_title = self.service + self.agenda["tail"]
        self.title = self.parent_title[:-len("について")] + "について（手続の追加）" if self.amend else self.parent_title
        self.fiscal_year = rng.choice([2019, 2020, 2023, 2024, 2025, 2026])
        self.session = rng.randint(1, 9)
        self.doc_no = rng.randint(2, 60)
        self.meeting_line = rng.choice(["none", "line", "line_date", "date_only"])
        self.meeting_date = date(self.fiscal_year, rng.randint(4, 12), rng.randint(1, 28))
        self.basis_style = rng.choice(["diamond", "label", "heading"])
        self.article = f"第{rng.randint(3, 9)}条第{rng.randint(1, 3)}項" + (f"第{rng.randint(1, 5)}号" if rng.random() < 0.6 else "")
        self.divisions = self._departments()
        self.fullwidth = rng.random() < 0.5  # digits and Latin written full-width (１２，０００件, ＬＧＷＡＮ)
        self.marking = rng.choice(list(MARKINGS) + ["bgu", None])
        self.reference = f"{era_year(self.fiscal_year - 1)}第{rng.randint(1, 9)}回{self.m}{self.body.removeprefix(self.m)}承認済"
        self.gothic_marks = rng.random() < 0.4  # check marks set in a Gothic face (never a changed passage)
        self.has_procedures = self.agenda_type == "external_connection" or rng.random() < 0.6
        self.n_procedures = rng.choice([2, 3, 4, 6, 12, 22]) if self.has_procedures else 0
        self.procedure_columns = self._procedure_columns()
        self.procedures = []
        for i in range(self.n_procedures):
            self.procedures.append(self._procedure(i, {p["name"] for p in self.procedures}))
        self.has_checklist = rng.random() < 0.9
        self.checklist_layout = rng.choice(CHECKLIST_LAYOUTS)
        self.mark_style = rng.choice(MARK_STYLES)
        self.legend_place = rng.choice(["header", "above", "row"]) if self.checklist_layout == "merged_first" else \
            rng.choice(["above", "row"])
        self.mark_right = rng.random() < 0.5
        self.groups = self._groups() if self.has_checklist else []
        self.fields_plan = self._fields()
        self.slots = self._slots() if self.marking else []
        self.space_after = rng.choice([0, 0, 3, 6, 10])  # points after each paragraph (Word's default is 8)
        self.font_size = rng.choice([10.5, 10.5, 11, 12])
        # The style families (how this document marks changes, rules its tables, lays out its
        # checklist, where it writes things): each family draws from its own random stream
        # (``random.Random(seed * 104729 + k)``), so adding one never moves the choices of the others;
        # ``style`` names every family's choice for the truth record and the per-family scores.
        self.style: dict[str, str] = {"marking": self.marking or "none",
                                      "checklist_layout": self.checklist_layout if self.has_checklist else "none"}
        # marking family (stream 21): a document that marks its changes keeps its bold / underline /
        # Gothic marking about half the time, else marks them in another style (colour, shading, a
        # double underline, italics, bold alone, colour with bold); the ※ sentence and the
        # reference's wording vary with it. ``marking_sentence`` is the declared sentence's template.
        mrng = random.Random(seed * 104729 + 21)
        self.mark_color = mrng.choice(["FF0000", "FF0000", "C00000"])  # 赤字 as Word's red or dark red
        self.shade_kind = mrng.choice(["highlight", "shd"])  # 網掛け as a highlight or as run shading
        self.shade_fill = mrng.choice(["D9D9D9", "BFBFBF", "FFFF00"])
        restyle = mrng.random() >= 0.45
        new_marking = mrng.choice(list(STYLED_MARKINGS))
        sentence = mrng.random()
        tail = mrng.choice(REFERENCE_TAILS)
        if self.marking and restyle:
            self.marking = new_marking
            sentences = STYLED_MARKINGS[new_marking][1]
            self.marking_sentence = sentences[int(sentence * len(sentences))]
            self.reference = self.reference.removesuffix("承認済") + tail
        elif self.marking:
            self.marking_sentence = MARKINGS[self.marking][1]
        else:
            self.marking_sentence = None
        self.style["marking"] = self.marking or "none"
        self._change_shapes(random.Random(seed * 104729 + 26))
        self._item_place(random.Random(seed * 104729 + 27))
        self._checklist_forms(random.Random(seed * 104729 + 28))
        # text export family (stream 23): a merged cell is repeated in every row it spans (as the seed
        # does for 担当課) or left empty after its first row (as other exports do).
        self.text_merge = random.Random(seed * 104729 + 23).choice(["repeat", "empty"])
        self.style["text_merge"] = self.text_merge
        self._placement(random.Random(seed * 104729 + 29))
        self._basis_and_party(random.Random(seed * 104729 + 30))
        self._item_lists(random.Random(seed * 104729 + 31))
        self._ruling(random.Random(seed * 104729 + 22))
        self._table_gap(random.Random(seed * 104729 + 32))
        if held:  # after every stream has drawn, so the other families' choices are as they would be
            for family, (attribute, choice, named) in NOT_HELD.items():
                setattr(self, attribute, choice)
                self.style[family] = named

    def _placement(self, rng: random.Random) -> None:
        """Where things are written (stream 29): the title by a ``件名`` row or line as before, by a
        ``件名：…`` line, or as the cover's heading with no 件名 at all; page furniture (a 資料番号 and the
        body as a running header, page numbers ``n / N`` or ``- n -`` in the footer) as the .docx's
        header and footer parts, which both PDF producers print on every page and a text export
        writes as lines of their own; a landscape page; ※ footnotes under the 別紙's table and a
        別表 after the checklist."""
        self.title_place = rng.choice(["row_or_line", "colon_line", "cover_heading"])
        self.running_header = rng.choice([None, "doc_no", "body"])
        self.page_number = rng.choice([None, "n_of_N", "dash"])
        self.landscape = rng.random() < 0.2
        self.footnote = rng.random() < 0.35
        self.annex = rng.random() < 0.3 and self.has_checklist
        self.style.update(title_place=self.title_place, running_header=self.running_header or "none",
                          page_number=self.page_number or "none", landscape=str(self.landscape).lower(),
                          footnote=str(self.footnote).lower(), annex=str(self.annex).lower())

    def _basis_and_party(self, rng: random.Random) -> None:
        """How the basis line is set and who implements (stream 30): the basis line after ◇, ◆ or no
        glyph; the implementing body that names itself in the checklist as its kind (区, 市) as
        before, or as a 町, a 村, a 広域連合 or an 教育委員会."""
        self.basis_glyph = rng.choice(["◇", "◆", ""])
        self.self_body = rng.choice(["kind", "町", "村", "広域連合", "教育委員会"])
        if self.self_body != "kind":
            label = rng.choice(SELF_LABELS).format(m=self.muni_name + self.self_body if self.self_body in (
                "広域連合",) or rng.random() < 0.5 else self.self_body)
            for g in self.groups:
                if g["party"] == "self":
                    g["party_label"] = label
        self.style.update(basis_glyph=self.basis_glyph or "none", self_body=self.self_body)

    def _item_lists(self, rng: random.Random) -> None:
        """How an item list is written (stream 31): items apart by 、 or by ・, a bracketed note
        inside a bracket (``電話番号（連絡先（任意））``), the list ending in 等."""
        self.item_sep = rng.choice(["、", "、", "・"])
        self.item_nested = rng.random() < 0.3
        self.item_etc = rng.random() < 0.3
        self.style.update(item_sep=self.item_sep, item_nested=str(self.item_nested).lower(),
                          item_etc=str(self.item_etc).lower())

    def _ruling(self, rng: random.Random) -> None:
        """How the tables are ruled (stream 22): a full grid, horizontal rules only (the rows' rules,
        no verticals, as Word's simple table styles), horizontal rules in an outer frame, or no rules
        at all (text in columns); and whether a short label is spread with U+3000 (委　託　先) as a
        typist spreads it to the label column's width."""
        self.ruling = rng.choice(["grid", "grid", "horizontal", "horizontal_frame", "none"])
        self.spread_labels = rng.random() < 0.35
        self.style["ruling"] = self.ruling
        self.style["labels"] = "spread" if self.spread_labels else "plain"

    def _table_gap(self, rng: random.Random) -> None:
        """What keeps a table from the text after it (stream 32): an empty paragraph, as Word leaves
        between two tables, or nothing, the next heading or paragraph right under the table's bottom
        rule (its own spacing the only gap). Two tables in a row keep the empty paragraph either way:
        with nothing between them Word makes them one."""
        self.table_gap = rng.choice(["empty", "none"])
        self.style["table_gap"] = self.table_gap

    def _checklist_forms(self, rng: random.Random) -> None:
        """Checklist layouts beyond a column of marks (stream 28): one column per answer (該当 | 非該当,
        はい | いいえ, 実施する | 実施しない) with a glyph in the answer's column and no legend, or one table
        per kind, the kind as the measures' header, under its party's caption."""
        self.answers = None
        if self.has_checklist and rng.random() < 0.35:
            self.checklist_layout = rng.choice(["answer_columns", "table_per_kind"])
            if self.checklist_layout == "answer_columns":
                self.answers = dict(zip(("yes", "no", "no_status"), rng.choice(ANSWER_PAIRS)),
                                    glyph=rng.choice(["○", "✓", "●", "〇"]))
            elif self.legend_place == "header":  # a header legend is merged_first's: a table per kind has no
                self.legend_place = "above"      # such header, and its legend was written nowhere
            self.style["checklist_layout"] = self.checklist_layout

    def _item_place(self, rng: random.Random) -> None:
        """Where the 別紙's item list stands (stream 27): as a field's value (``取り扱う個人情報 | 届出人の
        氏名、…``), or as a column of a table of its own headed by the field's key, one row per
        subject's list (``No | 取り扱う個人情報 | 収集方法``), as real submissions often set it out."""
        keys = [k for k, v in self.fields_plan if v == "items"]
        self.item_table = None
        if keys and rng.random() < 0.35:
            self.item_table = dict(key=keys[0], label=rng.choice(["No", "No.", "番号"]),
                                   extra=rng.choice(["収集方法", "収集の方法", "取得方法", "備考"]),
                                   methods=[rng.choice(ITEM_METHODS) for _ in range(3)])
        self.style["item_place"] = "table_column" if self.item_table else "field"

    def _change_shapes(self, rng: random.Random) -> None:
        """How a change is shaped beyond the main slots (stream 26): an entry that loses or gains a
        clause where it stands, or a name joined to a field's value by 及び with only the name marked."""
        shape = "plain"
        if self.slots:
            taken = {(s.data.get("g"), s.data.get("m")) for s in self.slots if s.kind in ("measure", "mark")}
            free = [(g, m) for g, grp in enumerate(self.groups) for m in range(len(grp["measures"])) if (g, m) not in taken]
            company = any(v == "company" for _, v in self.fields_plan)
            r = rng.random()
            if r < 0.3 and free:
                g, m = rng.choice(free)
                shape = rng.choice(["clause_dropped", "clause_added"])
                self.slots.append(Slot("rewrite", rng.random() < 0.6, dict(g=g, m=m, how=shape, clause=rng.choice(CLAUSES))))
            elif r < 0.55 and company:
                shape = "joined_name"
                partner = rng.choice([c for c in COMPANIES if c != self.company])
                self.slots.append(Slot("field", rng.random() < 0.6, dict(which="company", partner=partner)))
        self.style["change_shape"] = shape

    # -- choices -------------------------------------------------------------------------------

    def _departments(self) -> list[tuple[str, str]]:
        rng = self.rng
        bus = rng.sample(sorted(DIVISIONS), rng.randint(1, 3))
        out = []
        for bu in bus:
            for ka in rng.sample(DIVISIONS[bu], rng.randint(1, min(2, len(DIVISIONS[bu])))):
                out.append((bu, ka))
        return out

    def _procedure_columns(self) -> list[tuple[str, str]]:
        rng = self.rng
        roles = ["name", "items"]
        for optional in ("no", "department", "grounds"):
            if rng.random() < 0.75:
                roles.append(optional)
        if rng.random() < 0.6:
            order = {"no": 0, "department": 1, "name": 2, "items": 3, "grounds": 4}
            roles.sort(key=order.get)
        else:
            rng.shuffle(roles)
        return [(role, rng.choice(PROCEDURE_HEADERS[role])) for role in roles]

    def item_groups(self, n_groups: int | None = None) -> list[tuple[str | None, list[str]]]:
        rng = self.rng
        groups = []
        used = set()
        for g in range(n_groups or rng.randint(1, 3)):
            subject = rng.choice(SUBJECTS) if (g > 0 or rng.random() < 0.7) else None
            while subject in used:
                subject = rng.choice(SUBJECTS)
            used.add(subject)
            groups.append((subject, rng.sample(ITEMS, rng.randint(2, 5))))
        return groups

    def _procedure(self, i: int, taken: set[str]) -> dict:
        rng = self.rng
        thing = PROCEDURE_THINGS[(self.seed + i * 7) % len(PROCEDURE_THINGS)]
        name = thing + rng.choice(PROCEDURE_ACTIONS)
        if name in taken:  # a table names each procedure once
            name = next(thing + a for a in PROCEDURE_ACTIONS if thing + a not in taken)
        grounds = sorted(rng.sample([1, 2, 3], rng.choice([1, 1, 2])))
        count = rng.choice([800, 1200, 1400, 2000, 3500, 10000, 12000, 48000]) if 1 in grounds or rng.random() < 0.3 else None
        return dict(name=name, groups=self.item_groups(), grounds=grounds, count=count,
                    department=rng.choice(self.divisions)[1], qualifier=rng.random() < 0.2)

    def _groups(self) -> list[dict]:
        rng = self.rng
        parties = ["self"] + (["counterparty"] if self.counterparty else [])
        out = []
        self_label = rng.choice(SELF_LABELS).format(m=self.muni_kind if rng.random() < 0.5 else self.m)
        counter_label = rng.choice(COUNTER_LABELS).format(c=self.counterparty or "")
        for party in parties:
            for kind in ("operational", "technical"):
                if rng.random() < 0.15:
                    continue
                pool = MEASURES_OPERATIONAL if kind == "operational" else MEASURES_TECHNICAL
                chosen = rng.sample(range(len(pool)), rng.randint(2, 5))
                measures = [pool[i][0 if party == "self" else 1] for i in chosen]
                marks = [self.mark_style["yes"] if rng.random() < 0.8 else self.mark_style["no"] for _ in measures]
                out.append(dict(party=party, kind=kind, party_label=self_label if party == "self" else counter_label,
                                kind_label=rng.choice(KIND_LABELS[kind]), measures=measures, marks=marks))
        return out

    def _fields(self) -> list[tuple[str, str]]:
        """The 別紙's key–value rows as (key, kind of value)."""
        t = self.agenda_type
        rng = self.rng
        item_key = {
            "external_connection": "結合される情報項目",
            "outsourcing": rng.choice(["取り扱う個人情報", "委託する個人情報の項目", "取扱う個人情報"]),
            "external_provision": rng.choice(["提供する項目", "提供する個人情報"]),
            "purpose_outside_use": rng.choice(["利用する情報項目", "目的外利用する項目"]),
            "indirect_collection": rng.choice(["収集する個人情報", "収集する項目"]),
        }[t]
        rows = {
            "external_connection": [("保有課（担当課）", "depts"), ("登録業務の名称", "ref_proc"), (item_key, "items"),
                                    ("結合の相手方", "company"), ("結合する理由", "reason"), ("結合の形態", "form"),
                                    ("結合の開始時期と期間", "period"), ("情報保護対策", "ref_check")],
            "outsourcing": [("委託する業務", "task"), ("委託先", "company"), ("委託の理由", "reason"), (item_key, "items"),
                            ("委託の期間", "period"), ("情報保護対策", "ref_check")],
            "external_provision": [("提供先", "company"), (item_key, "items"), ("提供の目的", "reason"),
                                   ("提供の方法", "form"), ("提供の開始時期", "start")],
            "purpose_outside_use": [(item_key, "items"), ("利用の目的", "reason"), ("利用する課", "depts"),
                                    ("利用の期間", "period")],
            "indirect_collection": [(item_key, "items"), ("収集先", "company"), ("収集の理由", "reason"),
                                    ("収集の方法", "form"), ("収集の開始時期", "start")],
        }[t]
        if rng.random() < 0.3:
            rows.insert(rng.randint(1, len(rows)), ("記録する項目", "items"))
        if self.has_procedures and rng.random() < 0.4:  # the list lives in the procedures table instead
            rows = [(k, "ref_proc") if v == "items" else (k, v) for k, v in rows]
        self.item_values = {k: self.item_groups() for k, v in rows if v == "items"}
        self.period = (date(self.fiscal_year, rng.randint(4, 12), rng.randint(1, 28)),
                       date(self.fiscal_year + rng.randint(1, 3), 3, 31))
        if rng.random() < 0.15:
            self.period = (date(2019, rng.randint(5, 12), 1), self.period[1])  # 令和元年
        self.company = rng.choice(COMPANIES)
        return rows

    def _slots(self) -> list[Slot]:
        rng = self.rng
        slots = []
        for _ in range(rng.randint(2, 5)):
            kind = rng.choice(["field", "count", "measure", "proc_added", "item_added", "mark"])
            marked = rng.random() < 0.6
            if kind == "field":
                slots.append(Slot("field", marked, dict(which=rng.choice(["form", "period", "reason"]))))
            elif kind == "count" and any(p["count"] for p in self.procedures):
                i = rng.choice([i for i, p in enumerate(self.procedures) if p["count"]])
                if not any(s.kind == "count" and s.data["i"] == i for s in slots):
                    slots.append(Slot("count", marked, dict(i=i, old=self.procedures[i]["count"] - 200)))
            elif kind == "measure" and self.groups:
                g = rng.randrange(len(self.groups))
                m = rng.randrange(len(self.groups[g]["measures"]))
                text = self.groups[g]["measures"][m]
                words = [(a, b) for a, b in REWORDINGS if a in text and b not in text]
                if words and not any(s.kind in ("measure", "mark") and (s.data["g"], s.data["m"]) == (g, m) for s in slots):
                    slots.append(Slot("measure", marked, dict(g=g, m=m, old=words[0][0], new=words[0][1])))
            elif kind == "proc_added" and self.n_procedures >= 2:
                if not any(s.kind == "proc_added" for s in slots):
                    slots.append(Slot("proc_added", marked, dict(i=self.n_procedures - 1)))
            elif kind == "item_added" and self.procedures:
                i = rng.randrange(len(self.procedures) - (1 if any(s.kind == "proc_added" for s in slots) else 0) or 1)
                groups = self.procedures[i]["groups"]
                spare = [x for x in ITEMS if x not in groups[-1][1]]
                if not any(s.kind in ("item_added", "proc_added") and s.data.get("i") == i for s in slots):
                    slots.append(Slot("item_added", marked, dict(i=i, item=rng.choice(spare))))
            elif kind == "mark" and self.groups and self.mark_style["no"]:
                # a changed mark is marked on the glyph (bold or underline) or by marking the whole
                # measure; Gothic type on a glyph says nothing, so Gothic marking marks the measure
                how = "measure" if self.marking == "g" or rng.random() < 0.4 else "glyph"
                g = rng.randrange(len(self.groups))
                m = rng.randrange(len(self.groups[g]["measures"]))
                if not any(s.kind in ("measure", "mark") and (s.data["g"], s.data["m"]) == (g, m) for s in slots):
                    slots.append(Slot("mark", marked, dict(g=g, m=m, how=how)))
        # one change per place: a second slot on the same place, or a change inside an added
        # procedure (it is part of that addition), would make the truth say a change twice
        added = {s.data["i"] for s in slots if s.kind == "proc_added"}
        out, seen = [], set()
        for s in slots:
            place = (s.kind, s.data.get("which"), s.data.get("i"), s.data.get("g"), s.data.get("m"))
            if place in seen or (s.kind in ("count", "item_added") and s.data["i"] in added):
                continue
            seen.add(place)
            out.append(s)
        return out

    # -- composition ---------------------------------------------------------------------------

    def compose(self, previous: bool = False) -> tuple[list, dict]:
        """(blocks, truth) of the new version, or of the approved version before the slots' changes."""
        c = _Composer(self, previous)
        return c.blocks, c.truth()


def _items_text(groups, extra: str | None = None, marked_extra: bool = False, qualifier: bool = False,
                sub: "Submission | None" = None):
    """[(subject, [items])] → parts of ``届出人の氏名、住所及び対象児童の氏名…`` and the truth items; ``sub``
    says how its lists are written (the item-list family: 、 or ・ between items, a nested bracket,
    a trailing 等)."""
    sep = sub.item_sep if sub else "、"
    out: list[Part] = []
    truth = []
    for g, (subject, items) in enumerate(groups):
        if g:
            out.append(Part("、"))
        for k, item in enumerate(items):
            if k:
                out.append(Part(sep))
            text = (f"{subject}の" if subject and k == 0 else "") + item
            if qualifier and item == "メールアドレス":
                text += "（任意）"
            elif sub and sub.item_nested and item == "電話番号":
                text += "（連絡先（任意））"
            out.append(Part(text))
            truth.append([subject, item])
    if extra:
        out.append(Part("、"))
        out.append(Part(extra, marked=marked_extra))
        truth.append([groups[-1][0], extra])
    if sub and sub.item_etc:
        out.append(Part("等"))
    return tuple(out), truth


class _Composer:
    def __init__(self, sub: Submission, previous: bool):
        self.s, self.previous = sub, previous
        self.styled_marking = sub.marking if not previous else None
        self.blocks: list = []
        self.fields: list[dict] = []
        self.tables: list[Tab] = []
        self.item_lists: list[dict] = []
        self.checklist: list[dict] = []
        self.procedures: list[dict] = []
        self.statement = None
        self.build()

    # helpers
    def slot(self, kind: str, **match) -> Slot | None:
        for s in self.s.slots:
            if s.kind == kind and all(s.data.get(k) == v for k, v in match.items()):
                return s
        return None

    def mk(self, text: str, slot: Slot | None) -> Part:
        """A changed passage: marked in the new version when its slot says so."""
        return Part(text, marked=bool(slot and slot.marked and not self.previous and self.styled_marking))

    def para(self, *items, bold=False, align=None, wrap_at=None):
        self.blocks.append(Para(parts(*items), bold=bold, align=align, wrap_at=wrap_at))

    def field(self, key: str, value_parts: tuple[Part, ...], *, dates=(), refers_to=None):
        value = "".join(p.text for p in value_parts).strip()
        self.fields.append(dict(key=key, value=value, marked_text=marked_runs(value_parts),
                                dates=[d.isoformat() for d in dates], refers_to=refers_to))

    def kv_table(self, rows: list[tuple[str, tuple]]):
        grid = [[cell(spread_label(k), spread=True) if self.s.spread_labels else cell(k), Cell(v if isinstance(v, tuple) and v and isinstance(v[0], tuple) else (v,))] for k, v in rows]
        self.add_table(Tab(grid, role="kv"))

    def add_table(self, tab: Tab):
        self.tables.append(tab)
        self.blocks.append(tab)

    # the parts
    def build(self):
        s = self.s
        rng = random.Random(s.seed * 31 + 7)  # layout choices that must be the same in both versions
        if s.meeting_line in ("line", "line_date"):
            date_text = f"（{era_date(s.meeting_date)}開催）" if s.meeting_line == "line_date" else ""
            self.para(f"{era_year(s.fiscal_year)}第{s.session}回{s.body}{date_text}\u3000資料{s.doc_no}", align="right")
        if s.meeting_line == "date_only":
            self.para(f"開催日：{era_date(s.meeting_date)}", align="right")
            self.field("開催日", parts(era_date(s.meeting_date)), dates=[s.meeting_date])
        self.para(f"{s.body}\u3000{s.word}", bold=True, align="center")
        title_in_table = rng.random() < 0.6
        if s.title_place == "colon_line":
            self.para(f"件名：{s.title}")
            self.field("件名", parts(s.title))
        elif s.title_place == "cover_heading":  # the title is the cover's heading: no 件名 anywhere
            self.para(s.title, bold=True, align="center")
        elif title_in_table:
            self.kv_table([("件名", parts(s.title))])
            self.field("件名", parts(s.title))
        else:
            self.para(f"件名\u3000{s.title}")
            self.field("件名", parts(s.title))
        self.basis()
        self.departments_line(rng)
        self.cover(rng)
        self.bessi(rng)
        if s.has_procedures:
            self.procedures_table(rng)
        if s.groups:
            self.checklist_tables(rng)
        if s.annex:
            self.annex_table()

    def annex_table(self):
        """A 別表 after the checklist: a table of its own, never more rows of the checklist."""
        self.para("")
        self.para("別表", bold=True)
        grid = [[cell("用語", center=True), cell("説明", center=True)],
                [cell("LGWAN"), cell("地方公共団体を相互に接続する行政専用のネットワーク")],
                [cell("クラウドサーバ"), cell("事業者が管理するデータセンターに設置されたサーバ")]]
        self.add_table(Tab(grid, header_rows=1, role="other"))

    def basis(self):
        s = self.s
        basis = f"{s.article}（{s.agenda['word']}）"
        if s.basis_style == "diamond":
            self.para(f"{s.basis_glyph}{basis}")
            self.basis_truth = basis
        elif s.basis_style == "heading":
            self.para("要綱の根拠", bold=True)
            self.para(f"{s.basis_glyph}{basis}")
            self.basis_truth = basis
        else:
            value = f"{s.m}個人情報保護条例施行規則{basis}"
            self.para(f"根拠：{value}")
            self.field("根拠", parts(value))
            self.basis_truth = value

    def departments_line(self, rng):
        s = self.s
        written, prev_bu = [], None
        for bu, ka in s.divisions:
            written.append(ka if bu == prev_bu else bu + ka)
            prev_bu = bu
        self.department_names = written
        value = "、".join(written)
        self.has_line = rng.random() < 0.7
        if self.has_line:
            line = f"（担当部課：{value}）"
            self.para(line, wrap_at=max(6, len(line) * 2 // 3))
            self.field("担当部課", parts(value))

    def cover(self, rng):
        s = self.s
        self.para("事業の概要", bold=True)
        bare = "、".join(ka for _, ka in s.divisions) if self.has_line else "、".join(self.department_names)
        target = f"資料{s.doc_no}-1の手続の申請者" if s.has_procedures else f"{s.m}内に住所を有する者"
        purpose = f"{s.service}を活用し、住民の利便性向上と事務の効率化を図る。"
        business = (parts("1 概要"), parts(f"{s.m}では、{s.service}により手続を受け付けている。"),
                    parts("2 付議内容"), parts(f"新たに資料{s.doc_no}-1の手続を追加する。" if s.has_procedures else "対象となる事務を見直す。"))
        rows = [("事業名", parts(f"{s.service}の運用")), ("担当課", parts(bare)), ("目的", parts(purpose)),
                ("対象者", parts(target)), ("事業内容", business)]
        self.kv_table(rows)
        self.field("事業名", parts(f"{s.service}の運用"))
        self.field("担当課", parts(bare))
        self.field("目的", parts(purpose))
        self.field("対象者", parts(target))
        self.field("事業内容", tuple(p for para in business for p in para + (Part("\n"),))[:-1])

    def field_value(self, key: str, kind: str) -> tuple[tuple[Part, ...], list, str | None]:
        """(value parts, dates, refers_to) of one 別紙 row."""
        s = self.s
        if kind == "depts":
            return parts("、".join(ka for _, ka in s.divisions)), [], None
        if kind == "ref_proc":
            target = f"資料{s.doc_no}-1"
            return parts(f"手続ごとの情報項目は、{target}のとおり"), [], target
        if kind == "ref_check":
            return parts("別紙チェックリストのとおり"), [], "別紙チェックリスト"
        if kind == "items":
            ps, truth = _items_text(s.item_values[key], sub=s)
            self.item_lists.append(dict(field=key, procedure=None, items=truth))
            return ps, [], None
        if kind == "company":
            slot = self.slot("field", which="company")
            if slot and not self.previous:  # a second party joined by 及び: the name is marked, not the 及び
                return parts(s.company, "及び", self.mk(slot.data["partner"], slot)), [], None
            return parts(s.company), [], None
        if kind == "task":
            return parts(f"{s.service}における申請受付、審査補助及び通知書の発送"), [], None
        if kind == "reason":
            slot = self.slot("field", which="reason")
            changed = slot and not self.previous
            return parts("専門的な知識及び設備を有する事業者が処理することで、",
                         self.mk("迅速かつ正確に", slot) if changed else "正確に",
                         "事務を執行できるため。"), [], None
        if kind == "form":
            slot = self.slot("field", which="form")
            changed = slot and not self.previous
            return parts("LGWAN回線を利用して、事業者のクラウドサーバと", s.muni_kind, "の",
                         self.mk("インターネット接続系", slot) if changed else "", "端末を接続する。"), [], None
        if kind == "period":
            slot = self.slot("field", which="period")
            start, end = s.period
            if slot and self.previous:
                start = start - timedelta(days=61)
            return (parts(self.mk(era_date(start), slot if slot and not self.previous else None), "から",
                          era_date(end), "まで（次年度以降も同様に行う。）"), [start, end], None)
        if kind == "start":
            return parts(f"{era_date(s.period[0])}から"), [s.period[0]], None
        raise ValueError(kind)

    def bessi(self, rng):
        s = self.s
        self.para("別紙", align="right")
        if s.amend:
            self.para(f"件名\u3000{s.parent_title}")
            self.field("件名", parts(s.parent_title))
        if self.styled_marking:
            self.statement = s.marking_sentence.format(ref=s.reference)
            self.para(self.statement)
        rows = []
        table_key = s.item_table["key"] if s.item_table else None
        for key, kind in s.fields_plan:
            if key == table_key:
                continue  # set out as a table of its own, below
            value, dates, ref = self.field_value(key, kind)
            rows.append((key, value))
            self.field(key, value, dates=dates, refers_to=ref)
        self.kv_table(rows)
        if s.footnote:  # a ※ note under the table: never a row of it
            self.para(f"※記載内容は{era_date(s.period[0])}現在の予定である。")
        if table_key:
            self.item_column_table(table_key)

    def item_column_table(self, key: str):
        """The item list as a column of its own table: one row per subject's list."""
        t = self.s.item_table
        grid = [[cell(t["label"], center=True), cell(key, center=True), cell(t["extra"], center=True)]]
        for n, group in enumerate(self.s.item_values[key], start=1):
            items, truth = _items_text([group], sub=self.s)
            grid.append([cell(str(n), center=True), Cell((items,)), cell(t["methods"][(n - 1) % 3])])
            self.item_lists.append(dict(field=None, procedure=None, items=truth))
        self.add_table(Tab(grid, header_rows=1, role="items"))

    def procedures_table(self, rng):
        s = self.s
        self.para(f"【資料{s.doc_no}-1】", bold=True)
        self.para(rng.choice(["【追加手続及び情報項目】", "【対象手続と個人情報項目】", "【手続一覧】"]), bold=True)
        columns = s.procedure_columns
        header = [cell(h, center=True) for _, h in columns]
        grid = [header]
        added = self.slot("proc_added")
        present = [i for i in range(len(s.procedures)) if not (added and self.previous and added.data["i"] == i)]
        dept_col = [c for c, (role, _) in enumerate(columns) if role == "department"]
        for n, i in enumerate(present, start=1):
            p = s.procedures[i]
            whole = self.mk("", added) if added and added.data["i"] == i else None
            row_marked = bool(whole is not None and whole.marked)
            item_slot = self.slot("item_added", i=i)
            extra = item_slot.data["item"] if item_slot and not self.previous else None
            items, truth_items = _items_text(p["groups"], extra, marked_extra=bool(
                item_slot and item_slot.marked and self.styled_marking), qualifier=p["qualifier"], sub=s)
            count_slot = self.slot("count", i=i)
            count = count_slot.data["old"] if count_slot and self.previous else p["count"]
            grounds_parts = []
            for g in p["grounds"]:
                circled = "①②③"[g - 1]
                if g == 1 and count:
                    grounds_parts.append((Part(circled), self.mk(f"約{count:,}件", count_slot if count_slot and not self.previous else None)))
                elif g == 3:
                    grounds_parts.append(parts(f"{circled}マイナンバーカード"))
                else:
                    grounds_parts.append(parts(circled + ("オンライン決済" if g == 2 else "")))
            if count and 1 not in p["grounds"]:
                grounds_parts.append((self.mk(f"約{count:,}件", count_slot if count_slot and not self.previous else None),))
            values = {"no": (parts(str(n)),), "department": (parts(p["department"]),), "name": (parts(p["name"]),),
                      "items": (items,), "grounds": tuple(grounds_parts)}
            row = []
            for role, _ in columns:
                paras = values[role]
                if row_marked:
                    paras = tuple(tuple(Part(x.text, marked=True) for x in para) for para in paras)
                row.append(Cell(paras))
            grid.append(row)
            self.procedures.append(dict(
                no=n if any(r == "no" for r, _ in columns) else None,
                department=p["department"] if dept_col else None, name=p["name"], items=truth_items,
                grounds=p["grounds"] if any(r == "grounds" for r, _ in columns) else [],
                estimated_count=count if any(r == "grounds" for r, _ in columns) else None,
                uses_mynumber_card=3 in p["grounds"] and any(r == "grounds" for r, _ in columns),
                online_payment=2 in p["grounds"] and any(r == "grounds" for r, _ in columns)))
            self.item_lists.append(dict(field=None, procedure=p["name"], items=truth_items))
        # a department cell merged down over consecutive rows of the same department
        if dept_col and rng.random() < 0.6:
            c = dept_col[0]
            r = 1
            while r < len(grid):
                end = r
                while end + 1 < len(grid) and grid[end + 1][c].text == grid[r][c].text and not any(
                        x.marked for para in grid[end + 1][c].paras for x in para):
                    end += 1
                if end > r:
                    first = grid[r][c]
                    grid[r][c] = Cell(first.paras, row_span=end - r + 1, repeat_in_text=s.text_merge == "repeat")
                    for rr in range(r + 1, end + 1):
                        grid[rr][c] = None
                r = end + 1
        self.add_table(Tab(grid, header_rows=1, role="procedures"))
        legend = "、".join(f"{'①②③'[g - 1]}{GROUNDS[g]}" for g in sorted({g for p in s.procedures for g in p["grounds"]}))
        self.para(f"※{legend}")
        self.grounds_legend = {g: GROUNDS[g] for g in (1, 2, 3)}

    # checklist
    def group_label(self, g: dict, with_party=True) -> str:
        return (g["party_label"] if with_party else "") + g["kind_label"]

    def entry(self, g: dict, gi: int, mi: int) -> tuple[tuple[Part, ...], str]:
        """(measure parts, mark) of one entry in this version."""
        s = self.s
        measure = g["measures"][mi]
        mark = g["marks"][mi]
        slot = self.slot("measure", g=gi, m=mi)
        if slot:
            a, b = slot.data["old"], slot.data["new"]
            if self.previous:
                ps = parts(measure)
            else:
                head, tail = measure.split(a, 1)
                ps = parts(head, self.mk(b, slot), tail)
        else:
            ps = parts(measure)
        rslot = self.slot("rewrite", g=gi, m=mi)
        if rslot:
            clause = rslot.data["clause"]
            if rslot.data["how"] == "clause_dropped":  # the author marks the shortened entry whole
                ps = parts(measure + clause) if self.previous else (self.mk(measure, rslot),)
            else:
                ps = parts(measure) if self.previous else parts(measure, self.mk(clause, rslot))
        mslot = self.slot("mark", g=gi, m=mi)
        if mslot and mslot.data["how"] == "measure":
            ps = (self.mk(measure, mslot if not self.previous else None),)
        if mslot and self.previous:  # the approved version had the other mark
            mark = s.mark_style["no"] if mark == s.mark_style["yes"] else s.mark_style["yes"]
        return ps, mark

    def mark_cell(self, mark: str, slot: Slot | None) -> Cell:
        marked = bool(slot and slot.marked and not self.previous and self.styled_marking and slot.data["how"] == "glyph")
        return Cell((((Part(mark, marked=marked, gothic=self.s.gothic_marks and not marked),) if mark else ()),),
                    center=True)

    def status(self, mark: str) -> str:
        return "applies" if mark == self.s.mark_style["yes"] else self.s.mark_style["no_status"]

    def answer_tables(self, rng, record):
        """One table, a column per answer: the glyph stands in the column of the entry's answer."""
        s, a = self.s, self.s.answers
        grid = [[cell("No", center=True), cell("区分", center=True), cell("対策内容", center=True),
                 cell(a["yes"], center=True), cell(a["no"], center=True)]]
        n = 0
        for gi, g in enumerate(s.groups):
            first = len(grid)
            for mi in range(len(g["measures"])):
                ps, mark = self.entry(g, gi, mi)
                yes = mark == s.mark_style["yes"]
                mc = self.mark_cell(a["glyph"], self.slot("mark", g=gi, m=mi))
                blank = Cell(((),), center=True)
                n += 1
                grid.append([cell(str(n), center=True), cell(self.group_label(g)) if mi == 0 else None, Cell((ps,)),
                             mc if yes else blank, blank if yes else mc])
                self.checklist.append(dict(party=g["party"], kind=g["kind"], measure="".join(p.text for p in ps),
                                           mark=a["glyph"], status="applies" if yes else a["no_status"]))
            if len(g["measures"]) > 1:
                grid[first][1] = Cell(grid[first][1].paras, row_span=len(g["measures"]))
        self.add_table(Tab(grid, header_rows=1, role="checklist"))

    def kind_tables(self, rng, record):
        """One table per kind under its party's caption, the kind as the measures' header."""
        s = self.s
        legend = s.mark_style["legend"]
        party = None
        for gi, g in enumerate(s.groups):
            if g["party"] != party:
                party = g["party"]
                self.para(g["party_label"], bold=True)
            elif gi:
                self.para("")  # tables of one party stand apart, as they do on paper (Word joins touching ones)
            head = g["kind_label"].strip("【】（）")
            grid = [[cell("No", center=True), cell(head, center=True), cell(rng.choice(["確認", "実施", "チェック"]), center=True)]]
            if s.legend_place == "row":
                grid.append([Cell((parts(*legend),), col_span=3), None, None])
            for mi in range(len(g["measures"])):
                ps, mark = self.entry(g, gi, mi)
                grid.append([cell(str(mi + 1), center=True), Cell((ps,)), self.mark_cell(mark, self.slot("mark", g=gi, m=mi))])
                record(g, ps, mark)
            self.add_table(Tab(grid, header_rows=1, role="checklist", radio_marks=rng.random() < 0.3))

    def checklist_tables(self, rng):
        s = self.s
        heading = f"{rng.randint(3, 6)} {s.agenda['word']}にかかる個人情報保護対策チェックリスト"
        legend = s.mark_style["legend"]
        layout = s.checklist_layout
        self.para(heading, bold=True)
        if s.legend_place == "above" and layout != "answer_columns":  # the answers' headers say it
            self.para("\u3000".join(legend))

        def record(g, ps, mark):
            measure = "".join(p.text for p in ps)
            self.checklist.append(dict(party=g["party"], kind=g["kind"], measure=measure, mark=mark,
                                       status=self.status(mark)))

        if layout == "answer_columns":
            return self.answer_tables(rng, record)
        if layout == "table_per_kind":
            return self.kind_tables(rng, record)
        if layout == "caption_party":
            by_party: dict[str, list[int]] = {}
            for gi, g in enumerate(s.groups):
                by_party.setdefault(g["party"], []).append(gi)
            for party, gis in by_party.items():
                self.para(s.groups[gis[0]]["party_label"], bold=True)
                grid = [[cell("No", center=True), cell("対策内容", center=True), cell("実施", center=True)]]
                if s.legend_place == "row":
                    grid.append([Cell((parts(*legend),), col_span=3), None, None])
                n = 0
                for gi in gis:
                    g = s.groups[gi]
                    grid.append([cell(g["kind_label"], col_span=3), None, None])
                    for mi in range(len(g["measures"])):
                        ps, mark = self.entry(g, gi, mi)
                        n += 1
                        grid.append([cell(str(n), center=True), Cell((ps,)), self.mark_cell(mark, self.slot("mark", g=gi, m=mi))])
                        record(g, ps, mark)
                self.add_table(Tab(grid, header_rows=1, role="checklist", radio_marks=rng.random() < 0.3))
            return
        grid: list[list[Cell | None]] = []
        n_cols = {"merged_first": 3, "group_rows": 2, "group_right": 3, "no_column": 4}[layout]
        if layout == "merged_first":
            head = cell(*legend) if s.legend_place == "header" else cell("区分")
            grid.append([cell(""), head, cell("情報保護対策")] if not s.mark_right else
                        [cell(""), cell("情報保護対策"), head])
        elif layout == "group_rows":
            grid.append([cell("実施"), cell("対策内容")] if not s.mark_right else [cell("対策内容"), cell("実施")])
        elif layout == "group_right":
            grid.append([cell("情報保護対策"), cell("確認"), cell("区分")])
        else:
            grid.append([cell("No"), cell("区分"), cell("対策内容"), cell("チェック")])
        if s.legend_place == "row":
            grid.append([Cell((parts(*legend),), col_span=n_cols)] + [None] * (n_cols - 1))
        n = 0
        for gi, g in enumerate(s.groups):
            label = self.group_label(g)
            first = len(grid)
            if layout == "group_rows":
                grid.append([cell(label, col_span=2), None])
            for mi in range(len(g["measures"])):
                ps, mark = self.entry(g, gi, mi)
                mc = self.mark_cell(mark, self.slot("mark", g=gi, m=mi))
                n += 1
                if layout == "merged_first":
                    row = [cell(label) if mi == 0 else None] + ([mc, Cell((ps,))] if not s.mark_right else [Cell((ps,)), mc])
                elif layout == "group_rows":
                    row = [mc, Cell((ps,))] if not s.mark_right else [Cell((ps,)), mc]
                elif layout == "group_right":
                    row = [Cell((ps,)), mc, cell(label) if mi == 0 else None]
                else:
                    row = [cell(str(n)), cell(label) if mi == 0 else None, Cell((ps,)), mc]
                grid.append(row)
                record(g, ps, mark)
            span = len(g["measures"])
            col = {"merged_first": 0, "group_right": 2, "no_column": 1}.get(layout)
            if col is not None and span > 1:
                grid[first][col] = Cell(grid[first][col].paras, row_span=span)
        self.add_table(Tab(grid, header_rows=1, role="checklist", radio_marks=rng.random() < 0.3))

    # -- truth -----------------------------------------------------------------------------------

    def truth(self) -> dict:
        s = self.s
        styled_fields = []
        for f in self.fields:
            styled_fields.append(dict(f, marked=bool(f["marked_text"])))
        marked = [t for b in self.blocks for t in _block_marked(b)]
        meeting = dict(body=s.body, fiscal_year=None, session=None, date=None, document_number=None)
        if s.meeting_line in ("line", "line_date"):
            meeting.update(fiscal_year=s.fiscal_year, session=s.session, document_number=f"資料{s.doc_no}")
        if s.meeting_line in ("line_date", "date_only"):
            meeting["date"] = s.meeting_date.isoformat()
        if s.has_procedures:
            meeting["document_number"] = f"資料{s.doc_no}"
        styles = marking_styles(self.styled_marking) if self.styled_marking else ()
        procedures = [dict(p, grounds_text={str(g): GROUNDS[g] for g in p["grounds"]}) for p in self.procedures]
        return dict(
            title=s.title,
            meeting=meeting,
            agenda=dict(type=s.agenda_type, basis=self.basis_truth, departments=self.department_names,
                        parent_title=s.parent_title if s.amend else None),
            change_marking=(dict(statement=self.statement, reference=s.reference, styles=list(styles))
                            if self.statement else None),
            fields=styled_fields,
            tables=[_table_truth(t) for t in self.tables],
            procedures=procedures,
            checklist=self.checklist,
            item_lists=self.item_lists,
            marked_changes=marked,
        )


def _block_marked(block) -> list[str]:
    if isinstance(block, Para):
        return marked_runs(block.parts)
    out = []
    for row in block.grid:
        for c in row:
            if c is not None:  # a passage marked across a cell's line break is one passage
                seam = Part("\n", marked=True)
                joined = tuple(x for i, para in enumerate(c.paras) if para
                               for x in ((seam,) if i and para[:1] and para[0].marked and c.paras[i - 1][-1:]
                                         and c.paras[i - 1][-1].marked else (Part("\n"),) if i else ()) + tuple(para))
                out.extend(marked_runs(joined))
    return out


def _table_truth(t: Tab) -> dict:
    """Header and rows as the contract gives them: each merged cell once, at its top-left."""
    rows = [[c.text for c in row if c is not None] for row in t.grid]
    # a text export repeats some merged cells in every row they span (as the seed does for 担当課)
    text_rows = [list(r) for r in rows]
    for r, row in enumerate(t.grid):
        for c, x in enumerate(row):
            if x is not None and x.repeat_in_text:
                for rr in range(r + 1, r + x.row_span):
                    before = sum(1 for y in t.grid[rr][:c] if y is not None)
                    text_rows[rr].insert(before, x.text)
    return dict(role=t.role, header=rows[0] if t.header_rows else None, rows=rows[t.header_rows:],
                text_rows=text_rows[t.header_rows:])


def expected_changes(sub: Submission) -> list[dict]:
    """The diff the approved → new pair must give: path, kind, and whether the new version marks it."""
    new_blocks, new = sub.compose()
    out = []
    procs = {p["name"]: p for p in new["procedures"]}
    for slot in sub.slots:
        d = slot.data
        if slot.kind == "field" and d["which"] == "company":
            key = [k for k, v in sub.fields_plan if v == "company"]
            out.append(dict(path=f"fields/{_esc(key[0])}", kind="modified", marked=slot.marked))
        elif slot.kind == "field":
            key = {"form": ["結合の形態", "提供の方法", "収集の方法"], "period": ["結合の開始時期と期間", "委託の期間", "利用の期間"],
                   "reason": ["結合する理由", "委託の理由", "提供の目的", "利用の目的", "収集の理由"]}[d["which"]]
            present = [k for k, _ in sub.fields_plan if k in key]
            if present:
                out.append(dict(path=f"fields/{present[0]}", kind="modified", marked=slot.marked))
        elif slot.kind == "count":
            p = sub.procedures[d["i"]]
            if any(r == "grounds" for r, _ in sub.procedure_columns):
                out.append(dict(path=f"procedures/{_esc(p['name'])}/estimated_count", kind="modified", marked=slot.marked))
        elif slot.kind == "proc_added":
            p = sub.procedures[d["i"]]
            out.append(dict(path=f"procedures/{_esc(p['name'])}", kind="added", marked=slot.marked))
            if any(r == "no" for r, _ in sub.procedure_columns):
                pass  # numbering of the rows after it does not move: the added row is the last
        elif slot.kind == "item_added":
            p = sub.procedures[d["i"]]
            subject = p["groups"][-1][0] or "_"
            added = any(x.kind == "proc_added" and x.data["i"] == d["i"] for x in sub.slots)
            if p["name"] in procs and not added:  # an item of an added procedure is part of that addition
                out.append(dict(path=f"procedures/{_esc(p['name'])}/items/{_esc(subject)}/{_esc(d['item'])}",
                                kind="added", marked=slot.marked))
        elif slot.kind == "measure":
            g = sub.groups[d["g"]]
            text = g["measures"][d["m"]].replace(d["old"], d["new"], 1)
            out.append(dict(path=f"checklist/{g['party']}/{g['kind']}/{_esc(text)}", kind="modified", marked=slot.marked))
        elif slot.kind == "rewrite":
            g = sub.groups[d["g"]]
            text = g["measures"][d["m"]] + (d["clause"] if d["how"] == "clause_added" else "")
            out.append(dict(path=f"checklist/{g['party']}/{g['kind']}/{_esc(text)}", kind="modified", marked=slot.marked))
        elif slot.kind == "mark":
            g = sub.groups[d["g"]]
            measure = g["measures"][d["m"]]
            # a changed mark is a change of its entry, at the measure's path (as the contract names it)
            out.append(dict(path=f"checklist/{g['party']}/{g['kind']}/{_esc(measure)}", kind="modified",
                            marked=slot.marked))
    return out


def _esc(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")
