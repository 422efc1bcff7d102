"""A list of personal-data items as printed → items with their subject and qualifiers.

``届出人の住所、氏名、続柄、電話番号、資格喪失者の氏名、ふりがな`` → 住所/氏名/続柄/電話番号 of 届出人,
氏名/ふりがな of 資格喪失者. Lists split on 、，, / and 及び・並びに, never inside parentheses; a
trailing （…） is a qualifier (``メールアドレス（任意）`` → ``["任意"]``), and so is a trailing 等.
``Xの`` sets the subject only when X denotes a person or party (``models/person_nouns.tsv``), so
``検査の結果`` stays one item; X may hold a の of its own (``同居の親族の氏名`` → 氏名 of 同居の親族).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..assets import asset
from ..normalize import normalize

_SEPARATORS = re.compile(r"[、，,/／\n]|及び|並びに")
_QUALIFIER = re.compile(r"[（(]([^（）()]+)[）)]$")


@dataclass(frozen=True)
class SplitItem:
    text: str  # as listed, normalised: 資格喪失者の氏名
    raw: str
    item: str  # 氏名
    subject: str | None
    qualifiers: tuple[str, ...]


@lru_cache(maxsize=1)
def person_nouns() -> tuple[frozenset[str], tuple[str, ...], frozenset[str]]:
    words, suffixes, never = set(), [], set()
    for line in asset("person_nouns.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        noun, kind = line.split("\t")
        {"word": words.add, "suffix": suffixes.append, "not": never.add}[kind](noun)
    return frozenset(words), tuple(suffixes), frozenset(never)


def is_person(noun: str, head: str | None = None) -> bool:
    """Whether ``noun`` denotes a person or party by the lexicon: a listed word (保護者), or a
    listed suffix (資格喪失者 ends in 者), or — when the parse gives it — a head that is a word."""
    words, suffixes, never = person_nouns()
    if noun in never or any(noun.endswith(n) for n in never):
        return False
    return noun in words or noun.endswith(suffixes) or (head is not None and head in words)


def split_outside_parentheses(text: str, separators: str | None = None) -> list[str]:
    """Pieces between separators (the list's, or any of the characters ``separators``), treating
    anything inside （…） as one."""
    pattern = re.compile(f"[{re.escape(separators)}]") if separators else _SEPARATORS
    pieces, depth, start = [], 0, 0
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(0, depth - 1)
        elif depth == 0:
            m = pattern.match(text, i)
            if m:
                pieces.append(text[start:i])
                i = start = m.end()
                continue
        i += 1
    pieces.append(text[start:])
    return [p.strip() for p in pieces if p.strip()]


def trailing_bracket(text: str) -> int | None:
    """Where the balanced （…） that ends ``text`` opens (a nested one counts as one: ``電話番号（連絡先
    （任意））`` opens at 4), or None when the text does not end in a closed bracket."""
    if not text.endswith(("）", ")")):
        return None
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        if text[i] in "）)":
            depth += 1
        elif text[i] in "（(":
            depth -= 1
            if depth == 0:
                return i
    return None


def strip_qualifiers(text: str) -> tuple[str, list[str]]:
    """``メールアドレス（任意）`` → (``メールアドレス``, [``任意``]); a nested bracket is one qualifier as
    written inside its outer bracket (``電話番号（連絡先（任意））`` → [``連絡先（任意）``])."""
    core, qualifiers = text, []
    while True:
        at = trailing_bracket(core)
        if not at:  # none, or the whole text is the bracket
            return core, qualifiers
        qualifiers.insert(0, core[at + 1:-1])
        core = core[:at].strip()


# ``Xの有無`` / ``Xの人数``: whether there is an X, how many — X is what the item is about, not whose.
_COUNT_TAILS = ("有無", "人数", "数", "状況", "有無等")


def split_items(raw_text: str, person=is_person) -> list[SplitItem]:
    """Every item of a listed text, in order, with the subject in scope when it was listed.

    ``person`` decides whether the X of ``Xの`` is a person or party (the GiNZA-backed
    :func:`extractor.classify.classifier.is_person` in the pipeline; a lexicon-only one here).
    """
    items: list[SplitItem] = []
    subject = None
    for raw in split_outside_parentheses(raw_text):
        text = normalize(raw) or ""
        core, qualifiers = strip_qualifiers(text)
        if core.endswith("等") and len(core) > 1:  # 氏名等（任意）, 電話番号（連絡先（任意））等
            core, inner = strip_qualifiers(core[:-1])
            qualifiers = inner + qualifiers + ["等"]
        for at in [i for i, ch in enumerate(core) if ch == "の"][::-1]:  # the longest X that is a person:
            head, rest = core[:at], core[at + 1:]                     # 同居の親族の氏名 → 同居の親族
            if head and rest and rest not in _COUNT_TAILS and person(head):
                subject, core = head, rest
                break
        items.append(SplitItem(text=text, raw=raw, item=core, subject=subject, qualifiers=tuple(qualifiers)))
    return items
