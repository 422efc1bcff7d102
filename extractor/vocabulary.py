"""What the words of labels mean: one reader of ``models/vocabulary.json``, keyed on SudachiPy forms.

Labels are recognised by meaning, not spelling (issue 9): a word is looked up by its Sudachi
normalised form as well as its surface (取扱う/取り扱う → 取り扱う, 手続/手続き → 手続き), a header or
key by the end of its last compound noun (``取扱う個人情報項目`` ends in 項目), and a checklist group's
party by who acts in it: the municipality (``区が行う``) or a counterparty made to act by a causative
or asked by a request verb (``委託先に行わせる``, ``結合先に求める``, ``受託者が講ずる``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from .assets import asset

_GLOSS = re.compile(r"[（(][^（）()]*[）)]")


def without_gloss(text: str) -> str:
    """A label without its parenthesised gloss: ``結合される情報項目（だれの、どのような項目か）`` → ``結合される情報項目``."""
    return _GLOSS.sub("", text)


@dataclass(frozen=True)
class Word:
    surface: str
    norm: str
    pos: str  # 名詞, 動詞, 助詞, 助動詞, 接尾辞 …
    pos1: str  # 普通名詞, 固有名詞, 格助詞 …

    @property
    def forms(self) -> tuple[str, str]:
        return self.surface, self.norm

    @property
    def nominal(self) -> bool:
        return self.pos in ("名詞", "接尾辞", "接頭辞") or (self.pos == "形状詞" and self.surface.endswith("的"))


@lru_cache(maxsize=1)
def vocabulary() -> dict:
    return json.loads(asset("vocabulary.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _tokenizer():
    from sudachipy import dictionary, tokenizer

    return dictionary.Dictionary(dict="core").create(), tokenizer.Tokenizer.SplitMode.C


SUDACHI_MAX_BYTES = 49_149  # SudachiPy refuses a longer input


def tokenizable_pieces(text: str) -> list[str]:
    """``text`` cut into pieces SudachiPy accepts: at line or sentence ends where it can, else hard
    (a 700,000-character cell would otherwise stop the whole document)."""
    if len(text.encode("utf-8")) <= SUDACHI_MAX_BYTES:
        return [text]
    pieces, current = [], ""
    for part in re.split(r"(?<=[\n。])", text):
        while len(part.encode("utf-8")) > SUDACHI_MAX_BYTES // 2:
            cut = SUDACHI_MAX_BYTES // 8  # characters: at most four bytes each
            pieces.extend([current] if current else [])
            current, pieces = "", pieces + [part[:cut]]
            part = part[cut:]
        if len((current + part).encode("utf-8")) > SUDACHI_MAX_BYTES // 2:
            pieces.append(current)
            current = ""
        current += part
    return [p for p in pieces + [current] if p]


@lru_cache(maxsize=4096)
def words(text: str) -> tuple[Word, ...]:
    """``text`` as Sudachi words (split mode C: compounds kept whole where the dictionary has them)."""
    if not text.strip():
        return ()
    tok, mode = _tokenizer()
    return tuple(Word(m.surface(), m.normalized_form(), m.part_of_speech()[0], m.part_of_speech()[1])
                 for piece in tokenizable_pieces(text) for m in tok.tokenize(piece, mode))


def _compounds(ws: tuple[Word, ...]) -> list[tuple[str, str]]:
    """Runs of nominal words joined: [(surface, normalised)] in order."""
    out, surface, norm = [], "", ""
    for w in ws + (Word("", "", "", ""),):
        if w.nominal and w.surface not in "・【】":
            surface, norm = surface + w.surface, norm + w.norm
        else:
            if surface:
                out.append((surface, norm))
            surface, norm = "", ""
    return out


@lru_cache(maxsize=8192)
def head_noun(text: str) -> tuple[str, str] | None:
    """The last compound noun of a label, a parenthesised gloss aside:
    ``結合される情報項目（だれの、どのような項目か）`` → (情報項目, 情報項目)."""
    bare = without_gloss(text).strip() or text
    found = _compounds(words(bare.replace("\n", "")))
    return found[-1] if found else None


def head_ends_with(text: str, heads) -> str | None:
    """The first of ``heads`` that the label's head noun ends with (surface or normalised form)."""
    head = head_noun(text)
    if not head:
        return None
    for h in heads:
        if any(form.endswith(h) for form in head):
            return h
    return None


def is_item_list_key(key: str) -> bool:
    """``取り扱う個人情報``, ``収集する項目``, ``提供する項目``, ``結合される情報項目（…）`` list items;
    ``情報保護対策``, ``提供の目的`` do not, nor does a bare ``項目`` or ``情報`` (a label column's header)."""
    v = vocabulary()["item_list_heads"]
    if key.replace(" ", "").replace("\u3000", "").replace("\n", "") in v["bare_not_headers"]:
        return False  # 項目 | 内容: a column (or a key) of labels
    head = head_noun(key)
    if not head or any(any(form.endswith(n) for form in head) for n in v["not_heads"]):
        return False
    return head_ends_with(key, v["heads"]) is not None


def is_department_key(key: str) -> bool:
    """``担当部課``, ``担当課``, ``保有課（担当課）``, ``所管課``, ``担当部署``, ``利用する課``."""
    return head_ends_with(key, vocabulary()["department_heads"]["heads"]) is not None


def is_department_declaration(key: str) -> bool:
    """``担当部課``: the field that declares the submission's departments."""
    return is_department_key(key) and head_ends_with(key, vocabulary()["department_declaration"]["heads"]) is not None


def procedure_column_role(header: str) -> str | None:
    """A procedures table header → items / name / no / department / grounds, or None."""
    v = vocabulary()["procedure_columns"]
    compact = header.replace(" ", "").replace("\n", "")
    if compact in v["no"]["exact"]:
        return "no"
    for role in ("items", "name", "department", "grounds"):
        if head_ends_with(compact, v[role]):
            return role
    return None


@lru_cache(maxsize=1)
def body_pattern() -> re.Pattern:
    """A council's name: a phrase about personal information ending in its kind of body
    (``青葉区個人情報保護制度審議会``, ``情報公開・個人情報保護審議会``, ``個人情報保護管理運営会議``)."""
    v = vocabulary()["bodies"]
    topic = "|".join(map(re.escape, v["topics"]))
    head = "|".join(map(re.escape, v["heads"]))
    # bounded: a council's name is short, and an unbounded lazy run backtracks for minutes on a
    # 100,000-character line without a space
    return re.compile(rf"([^\s、。「」（）()]{{0,40}}?(?:{topic})[^\s、。「」（）()]{{0,30}}?(?:{head}))")


# -- checklist groups -----------------------------------------------------------------------------


def _is_municipality(w: Word, v: dict) -> bool:
    if any(form in v["municipality"] for form in w.forms):
        return True
    return w.pos1 == "固有名詞" and any(w.surface.endswith(s) for s in v["municipality_suffixes"]) and len(w.surface) > 1


def _is_counterparty(compound: str, v: dict) -> bool:
    return compound in v["counterparty"] or any(compound.endswith(s) for s in v["counterparty_suffixes"])


def party_of(label: str) -> str | None:
    """Whose measures a group label names: ``self`` (the municipality acts), ``counterparty`` (it is
    made or asked to act, or acts as subject), or None when the label names no actor."""
    v = vocabulary()
    actors, verbs = v["actors"], v["verbs"]
    ws = words(_GLOSS.sub(lambda m: m.group() if "対策" in m.group() else "", label).replace("\n", ""))
    # actor mentions: (index of the word after the mention, kind)
    mentions: list[tuple[int, str]] = []
    i = 0
    while i < len(ws):
        if not ws[i].nominal:
            i += 1
            continue
        j = i
        while j < len(ws) and ws[j].nominal and ws[j].surface not in "・【】":
            j += 1
        if j == i:  # a bracket or a dot Sudachi tags as a noun (an unmatched 】) parts compounds
            i += 1
            continue
        compound = "".join(w.surface for w in ws[i:j])
        norm = "".join(w.norm for w in ws[i:j])
        if _is_counterparty(compound, actors) or _is_counterparty(norm, actors):
            mentions.append((j, "counterparty"))
        elif (any(_is_municipality(w, actors) for w in ws[i:j]) or compound.endswith(tuple(actors["implementing_bodies"]))) \
                and not ws[j - 1].surface.endswith("先"):
            mentions.append((j, "municipality"))
        i = j
    if not mentions:
        return None
    causative = any(w.pos == "助動詞" and w.norm in verbs["causative_auxiliaries"] for w in ws)
    request = any(w.norm in verbs["request"] or w.surface in verbs["request"] for w in ws if w.pos in ("動詞", "名詞"))
    for end, kind in mentions:
        particle = ws[end].surface if end < len(ws) else ""
        if kind == "counterparty" and particle in verbs["target_particles"] and (causative or request):
            return "counterparty"
    for end, kind in mentions:
        particle = ws[end].surface if end < len(ws) else ""
        if kind == "counterparty" and particle in verbs["agent_particles"] and not causative:
            return "counterparty"
    kinds = {kind for _, kind in mentions}
    if kinds == {"counterparty"}:
        return "counterparty"
    return "self"


def kind_of(label: str) -> str | None:
    """``technical`` / ``operational`` from the kind words a label holds, or None."""
    v = vocabulary()["kinds"]
    forms = {f for w in words(label.replace("\n", "")) for f in w.forms}
    text = label
    if forms & set(v["technical"]) or any(t in text for t in v["technical"] if len(t) > 2):
        return "technical"
    if forms & set(v["operational"]) or any(t in text for t in v["operational"] if len(t) > 2):
        return "operational"
    return None


def is_group_label(text: str) -> bool:
    """A short label that names a group of measures: by its party or kind, ending in 対策/措置/事項
    or standing in brackets (``【運用上の対策】``, ``（システム面）``). A sentence is never a label."""
    text = text.replace("\n", "")
    if not text or "。" in text or len(text) > 50:
        return False
    bracketed = bool(re.fullmatch(r"[【（(〔［\[].*[】）)〕］\]]", text))
    if bracketed and kind_of(text):
        return True
    named = head_ends_with(re.sub(r"[【（(〔［\[][^】）)〕］\]]*[】）)〕］\]]$", "", text) or text,
                           vocabulary()["group_heads"]["heads"])
    return bool(named) and (party_of(text) is not None or kind_of(text) is not None)
