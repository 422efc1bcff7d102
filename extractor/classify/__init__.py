"""Personal-data items: split a listed text into items, scope their subjects, classify them."""

from __future__ import annotations

import re

from .. import schema as S
from .split import SplitItem, split_items, split_outside_parentheses, strip_qualifiers

_MIDDLE_DOT = "・"


def _split_on_middle_dots(item: SplitItem) -> list[SplitItem]:
    """``氏名・住所・年齢`` are three items; ``区内在住・在勤の別`` is one: split on ・ only where every
    part is an item in its own right (a lexicon term or a legal rule's match)."""
    from .taxonomy import load_taxonomy

    if _MIDDLE_DOT not in item.item:
        return [item]
    # ・ inside a bracket is the bracket's own (氏名（漢字・カナ）); a part keeps its bracket as qualifiers
    parts = [p for p in split_outside_parentheses(item.item, separators=_MIDDLE_DOT)]
    cores = [strip_qualifiers(p) for p in parts]
    taxonomy = load_taxonomy()
    if len(parts) < 2 or not all(core and taxonomy.term(core) for core, _ in cores):
        return [item]
    return [SplitItem(text=p, raw=p, item=core, subject=item.subject, qualifiers=tuple(q) + tuple(item.qualifiers))
            for p, (core, q) in zip(parts, cores)]


def classify_lists(raw_texts) -> dict[str, list[S.PersonalDataItem]]:
    """Every listed text of a document → its classified items. The X of each ``Xの`` the lexicon takes
    for a person is parsed first, all in one batch; the rest needs no parse (see ``classifier``)."""
    from .classifier import resolve_heads

    raw_texts = list(dict.fromkeys(raw_texts))
    asked: list[str] = []
    for raw in raw_texts:  # which nouns each list will ask about does not depend on the answers
        split_items(raw, person=lambda noun: asked.append(noun) or False)
    resolve_heads(asked)
    return {raw: classify_list(raw) for raw in raw_texts}


def classify_list(raw_text: str) -> list[S.PersonalDataItem]:
    """A listed text as printed → classified items, in document order."""
    from .classifier import classify_item, is_person

    out = []
    for split in split_items(raw_text, person=is_person):
        for item in _split_on_middle_dots(split):
            c = classify_item(item.item)
            out.append(S.PersonalDataItem(
                text=item.text, raw=item.raw, item=item.item, subject=item.subject, qualifiers=list(item.qualifiers),
                category=c.category, category_label=c.label, sensitivity=c.sensitivity,
                confidence=round(c.confidence, 3), method=c.method))
    return out
