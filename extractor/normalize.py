"""Japanese text normalisation: small pure functions, one rule each, composed in :func:`normalize`.

Rules (design notes, "Normalisation"): full-width ASCII letters and digits → half-width while
Japanese punctuation stays full-width (plain NFKC would turn ``（`` into ``(``, so it is not used
on whole strings); half-width katakana → full-width; a dash between digits or Latin letters → ``-``;
letter-spaced Latin and digits joined (``L o G o`` → ``LoGo``, ``資料4 6-1`` → ``資料46-1``); spaces
next to Japanese characters removed; Kangxi radicals and compatibility ideographs → unified
ideographs; 旧字体 → 新字体 from ``models/kyujitai.tsv``; a 中黒 written as another dot (U+2027,
U+00B7) → ・; 〜 and ～ kept; ①② kept.
Normalising twice changes nothing.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache

from .assets import asset
from .char_classes import era_year


# -- character classes ---------------------------------------------------------------------------

_CJK = (
    "\u3005\u3006\u3007"  # 々 〆 〇
    "\u3041-\u309f"  # hiragana
    "\u30a0-\u30ff"  # katakana (with ー and ・)
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # ideographs
    "\u3001-\u3004\u3008-\u3011\u3014-\u301f"  # 、。〃 and brackets 「」【】〔〕
    "\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"  # full-width punctuation （）：！ …
)
_CJK_CLASS = f"[{_CJK}]"
_LATIN = "A-Za-z"


def fullwidth_ascii_to_halfwidth(text: str) -> str:
    """``ＬｏＧｏ４６`` → ``LoGo46``. Only letters and digits: ``（：`` stay full-width."""
    return re.sub(r"[Ａ-Ｚａ-ｚ０-９]", lambda m: chr(ord(m.group()) - 0xFEE0), text)


def wave_dash_to_fullwidth_tilde(text: str) -> str:
    """``午後1時30分〜午後3時45分`` → ``…～…``: one range mark for the two code points fonts draw
    alike (WAVE DASH U+301C, which browsers and Macs write, and FULLWIDTH TILDE U+FF5E, Word's)."""
    return text.replace("\u301c", "\uff5e")


def middle_dots_to_nakaguro(text: str) -> str:
    """``ID‧パスワード`` → ``ID・パスワード``: a 中黒 set in a Latin face comes out of some PDFs as another
    code point (HYPHENATION POINT U+2027, MIDDLE DOT U+00B7, DOT OPERATOR U+22C5: Chromium's text
    layer writes ・ between Latin letters as U+2027); in Japanese text they are all the one 中黒."""
    return text.translate(_MIDDLE_DOTS)


_MIDDLE_DOTS = str.maketrans({"\u2027": "\u30fb", "\u00b7": "\u30fb", "\u22c5": "\u30fb"})


def halfwidth_katakana_to_fullwidth(text: str) -> str:
    """``ｶﾞｲﾄﾞ`` → ``ガイド`` (NFKC on half-width katakana runs only, so voicing marks compose)."""
    return re.sub(r"[\uff61-\uff9f]+", lambda m: unicodedata.normalize("NFKC", m.group()), text)


_DASHES = "－‐‑‒–—−﹣"


def digit_separators_to_halfwidth(text: str) -> str:
    """``12，000`` → ``12,000``, ``3．5`` → ``3.5``: a full-width comma or point between digits is part
    of the number (issue 9), so it follows the digits to half-width; ``、`` and ``。`` are never touched."""
    return re.sub(r"(?<=[0-9])\s*([，．])\s*(?=[0-9])", lambda m: "," if m.group(1) == "，" else ".", text)


def dash_between_alnum_to_hyphen(text: str) -> str:
    """``46－1`` → ``46-1``, ``A－B`` → ``A-B``; ``ー`` in katakana words and a lone ``－`` mark stay."""
    return re.sub(rf"(?<=[0-9{_LATIN}])\s*[{_DASHES}]\s*(?=[0-9{_LATIN}])", "-", text)


def collapse_whitespace(text: str) -> str:
    """Runs of spaces (ASCII, U+3000, NBSP, tabs) inside a line → one space; lines trimmed."""
    lines = [re.sub(r"[ \t\u00a0\u3000\u2002-\u200b]+", " ", line).strip() for line in text.split("\n")]
    return "\n".join(lines)


_SPACED = re.compile(rf"(?<![0-9{_LATIN}])[0-9{_LATIN}](?: [0-9{_LATIN}])+(?![0-9{_LATIN}])")


def join_spaced_alnum(text: str) -> str:
    """``L o G o`` → ``LoGo``, ``4 6`` → ``46``: single letters or digits separated by single spaces.

    Words of two or more letters are never glued (``Windows 11`` stays).
    """
    return _SPACED.sub(lambda m: m.group().replace(" ", ""), text)


def remove_spaces_next_to_cjk(text: str) -> str:
    """Spaces between two Japanese characters, or a Latin letter and a Japanese character, go.

    A digit keeps its space before Japanese text, so numbered headings stay readable
    (``4 外部結合にかかる…``, ``1 概要``).
    """
    text = re.sub(rf"(?<={_CJK_CLASS}) +(?={_CJK_CLASS}|[{_LATIN}0-9])", "", text)
    return re.sub(rf"(?<=[{_LATIN}]) +(?={_CJK_CLASS})", "", text)


# CJK Radicals Supplement forms NFKC leaves alone, as they turn up in PDF text layers.
_RADICAL_SUPPLEMENT = {
    "⺟": "母", "⺠": "民", "⻑": "長", "⻘": "青", "⻝": "食", "⻤": "鬼", "⻄": "西", "⻆": "角",
    "⻩": "黄", "⻭": "歯", "⻫": "斉", "⻲": "亀", "⻁": "虎", "⻌": "辶", "⺅": "亻", "⺾": "艹",
    "⻏": "阝", "⻖": "阝", "⺍": "⺍", "⻯": "竜", "⻨": "麦", "⻰": "竜", "⻳": "亀",
}


def radicals_to_ideographs(text: str) -> str:
    """Kangxi radicals (``⽤`` U+2F64 → ``用``), radical-supplement and compatibility ideographs."""

    def fix(ch: str) -> str:
        cp = ord(ch)
        if 0x2F00 <= cp <= 0x2FDF or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F:
            return unicodedata.normalize("NFKC", ch)
        return _RADICAL_SUPPLEMENT.get(ch, ch)

    return re.sub(r"[\u2e80-\u2fdf\uf900-\ufaff\U0002f800-\U0002fa1f]", lambda m: fix(m.group()), text)


@lru_cache(maxsize=1)
def kyujitai_table() -> dict[str, str]:
    table: dict[str, str] = {}
    path = asset("kyujitai.tsv")
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            old, new = line.split("\t")
            table[old] = new
    return table


def kyujitai_to_shinjitai(text: str) -> str:
    """``手續`` → ``手続``, ``國`` → ``国``, from the table in ``models/kyujitai.tsv``."""
    table = kyujitai_table()
    return "".join(table.get(ch, ch) for ch in text)


def normalize(text: str | None, *, name: bool = False) -> str | None:
    """All rules in order. ``None`` stays ``None``; the result is a fixed point. A person's ``name``
    keeps its old forms (髙橋 and 冨田 are other names than 高橋 and 富田)."""
    if text is None:
        return None
    if len(text) > 2000:  # a long text is not kept in memory for later
        return _normalize.__wrapped__(text, name)
    return _normalize(text, name)


@lru_cache(maxsize=65536)
def _normalize(text: str, name: bool) -> str:
    """:func:`normalize` of a string, remembered: the structure layer asks for the same cell and
    paragraph texts many times (a pure function of its arguments)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = halfwidth_katakana_to_fullwidth(text)
    text = wave_dash_to_fullwidth_tilde(text)
    text = middle_dots_to_nakaguro(text)
    text = fullwidth_ascii_to_halfwidth(text)
    text = radicals_to_ideographs(text)
    if not name:
        text = kyujitai_to_shinjitai(text)
    text = collapse_whitespace(text)
    text = join_spaced_alnum(text)
    text = dash_between_alnum_to_hyphen(text)
    text = digit_separators_to_halfwidth(text)
    text = remove_spaces_next_to_cjk(text)
    return text


# -- values parsed out of text -------------------------------------------------------------------

_KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def kanji_number_to_int(text: str) -> int | None:
    """``12``, ``十二``, ``二十``, ``一二`` (digit by digit) → 12/20; ``元`` → 1; else None."""
    text = fullwidth_ascii_to_halfwidth(text.strip())
    if text.isdigit():
        return int(text)
    if text == "元":
        return 1
    if not text or any(ch not in _KANJI_DIGITS and ch not in "十百" for ch in text):
        return None
    if "十" not in text and "百" not in text:
        return int("".join(str(_KANJI_DIGITS[ch]) for ch in text))
    total, current = 0, 0
    for ch in text:
        if ch in _KANJI_DIGITS:
            current = _KANJI_DIGITS[ch]
        else:
            total += (current or 1) * (10 if ch == "十" else 100)
            current = 0
    return total + current


_NUM = r"[0-9０-９〇零一二三四五六七八九十百]+"
_DATE = re.compile(
    rf"(?:(?P<era>明治|大正|昭和|平成|令和)\s*(?P<ey>{_NUM}|元)|(?P<wy>[0-9０-９]{{4}}))\s*年\s*"
    rf"(?P<m>{_NUM})\s*月\s*(?P<d>{_NUM})\s*日")


def find_dates(text: str | None) -> list[str]:
    """Every full date in ``text`` as ISO ``YYYY-MM-DD``, in order (era and Western years)."""
    if not text:
        return []
    out = []
    for m in _DATE.finditer(text):
        if m.group("era"):
            n = kanji_number_to_int(m.group("ey"))
            year = era_year(m.group("era"), n) if n else None
        else:
            year = int(fullwidth_ascii_to_halfwidth(m.group("wy")))
        month, day = kanji_number_to_int(m.group("m")), kanji_number_to_int(m.group("d"))
        if year is None or month is None or day is None:
            continue
        try:
            out.append(date(year, month, day).isoformat())
        except ValueError:
            continue
    return out


def circled_number_to_int(ch: str) -> int | None:
    """``①`` → 1 … ``⑳`` → 20; anything else None."""
    cp = ord(ch) if len(ch) == 1 else 0
    return cp - 0x2460 + 1 if 0x2460 <= cp <= 0x2473 else None


_UNITS = {"万": 10_000, "億": 100_000_000, "千": 1_000}
_COUNT = re.compile(r"(?P<num>[0-9０-９][0-9０-９,，]*(?:\.[0-9]+)?|[〇一二三四五六七八九十百]+)\s*(?P<unit>[万億千]?)\s*(?:件|人|名|世帯|通|枚)")


def parse_count(text: str | None) -> int | None:
    """The first count in ``text``: ``約1,400件`` → 1400, ``約１万件`` → 10000, ``約1.5万人`` → 15000."""
    if not text:
        return None
    m = _COUNT.search(text)
    if not m:
        return None
    raw = fullwidth_ascii_to_halfwidth(m.group("num")).replace(",", "").replace("，", "")
    if re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", raw):
        value = float(raw)
    else:
        n = kanji_number_to_int(raw)
        if n is None:
            return None
        value = float(n)
    return int(round(value * _UNITS.get(m.group("unit"), 1)))
